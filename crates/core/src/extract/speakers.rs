//! Who said it: from the source phrase of each quote to an entity, through
//! names, short names, pronouns and role nouns.

use super::FoundQuote;
use super::entities::Group;
use super::lexicon::{LEXICON, Referent};
use super::words::{Words, class};
use crate::model::EntityLabel;
use crate::model::QuoteKind;
use std::cell::OnceCell;
use std::collections::HashMap;

/// How far back (in bytes) a pronoun may reach for the speaker of the quote
/// before it; further back, the nearest name wins.
const PREVIOUS_SPEAKER_REACH: usize = 3000;

/// How many tokens before a name its title may start ("Secretary of State
/// Antony Blinken").
const TITLE_REACH: usize = 6;

/// The group that said each quote (by index into `groups`), or None where
/// nobody can be named. `quotes` are in text order.
pub fn resolve(words: &Words, groups: &[Group], quotes: &[FoundQuote]) -> Vec<Option<usize>> {
    let mut mentions: Vec<(usize, usize, usize)> = groups
        .iter()
        .enumerate()
        .flat_map(|(g, group)| group.mentions.iter().map(move |&(s, e)| (s, e, g)))
        .collect();
    mentions.sort_unstable();
    // Built at the first "the secretary", which many articles never have.
    let titled = OnceCell::new();
    let mut previous: Option<(usize, usize)> = None;
    quotes
        .iter()
        .map(|q| {
            let (start, end) = q.source?;
            let bytes = (words.tokens[start].start, words.tokens[end - 1].end);
            let speaker = named(words, groups, &mentions, (start, end), bytes)
                .or_else(|| by_pronoun(words, groups, &mentions, start, bytes.0, previous))
                .or_else(|| {
                    let build = || titled_people(words, groups, &mentions);
                    by_role(words, (start, end))
                        .and_then(|role| titled.get_or_init(build).get(&role))
                        .and_then(|people| {
                            let before = people.partition_point(|p| p.0 < bytes.0);
                            before.checked_sub(1).map(|i| people[i].1)
                        })
                });
            if let Some(g) = speaker {
                previous = Some((g, bytes.1));
            }
            speaker
        })
        .collect()
}

/// A quote in marks with no attribution at all is, in news writing, mostly
/// the words of the person the writer was just talking about: the nearest
/// person named before it becomes its source. Any guess helps a reviewer
/// more than none, and a wrong one is plain to see next to the quote.
pub fn guess_unattributed(words: &Words, groups: &[Group], quotes: &mut [FoundQuote]) {
    let mut people: Vec<(usize, usize)> = groups
        .iter()
        .filter(|g| g.label == EntityLabel::Person)
        .flat_map(|g| g.mentions.iter().copied())
        .collect();
    people.sort_unstable();
    for q in quotes
        .iter_mut()
        .filter(|q| q.kind == QuoteKind::Direct && q.source.is_none())
    {
        let Some(&(open, _)) = q.content.first() else {
            continue;
        };
        let at = words.tokens[open].start;
        let before = people.partition_point(|m| m.0 < at);
        q.source = before
            .checked_sub(1)
            .map(|i| people[i])
            // A name running into the quote mark (tagged over it) is no
            // speaker before the quote.
            .filter(|m| m.1 <= at && at - m.1 < PREVIOUS_SPEAKER_REACH)
            .and_then(|m| words.tokens_of(m));
    }
}

/// A name inside the source: a person first, then an organisation or
/// place. A role noun after the name ("a State Department spokesman")
/// makes the speaker someone unnamed.
fn named(
    words: &Words,
    groups: &[Group],
    mentions: &[(usize, usize, usize)],
    (_, end): (usize, usize),
    (bs, be): (usize, usize),
) -> Option<usize> {
    let inside = mentions_between(mentions, bs, be);
    let head_is_role = words.is(end - 1, class::ROLE) && !words.is(end - 1, class::CAPITALISED);
    if head_is_role {
        return None;
    }
    [EntityLabel::Person, EntityLabel::Org, EntityLabel::Loc]
        .iter()
        .find_map(|&label| {
            inside
                .iter()
                .find(|m| groups[m.2].label == label)
                .map(|m| m.2)
        })
}

fn mentions_between(
    mentions: &[(usize, usize, usize)],
    start: usize,
    end: usize,
) -> &[(usize, usize, usize)] {
    let from = mentions.partition_point(|m| m.0 < start);
    let to = mentions.partition_point(|m| m.0 < end);
    &mentions[from..to.max(from)]
}

/// "he", "she": the last quote's speaker when a person, else the nearest
/// person named before; "they", "we": the last speaker or nearest
/// organisation.
fn by_pronoun(
    words: &Words,
    groups: &[Group],
    mentions: &[(usize, usize, usize)],
    start: usize,
    at: usize,
    previous: Option<(usize, usize)>,
) -> Option<usize> {
    if !words.is(start, class::PRONOUN) {
        return None;
    }
    let referent = LEXICON
        .pronouns
        .get(&words.word(start).to_lowercase())
        .copied()?;
    let wanted = match referent {
        Referent::Person => EntityLabel::Person,
        Referent::Group | Referent::Thing => EntityLabel::Org,
    };
    if let Some((g, end)) = previous
        && groups[g].label == wanted
        && at.saturating_sub(end) < PREVIOUS_SPEAKER_REACH
    {
        return Some(g);
    }
    let before = mentions.partition_point(|m| m.0 < at);
    mentions[..before]
        .iter()
        .rev()
        .take(40)
        .find(|m| groups[m.2].label == wanted)
        .map(|m| m.2)
}

/// The people named with each title word before their name, in text
/// order: (mention start, group) by the title's ASCII-lowercase form.
/// Built once, so that "the secretary" is one lookup, not a walk back over
/// every mention before it.
type TitledPeople = HashMap<String, Vec<(usize, usize)>>;

fn titled_people(
    words: &Words,
    groups: &[Group],
    mentions: &[(usize, usize, usize)],
) -> TitledPeople {
    let mut titled: TitledPeople = HashMap::new();
    for &(start, _, g) in mentions
        .iter()
        .filter(|m| groups[m.2].label == EntityLabel::Person)
    {
        let first = words.tokens.partition_point(|t| t.start < start);
        let mut titles: Vec<String> = (first.saturating_sub(TITLE_REACH)..first)
            .rev()
            .take_while(|&k| words.is(k, class::CAPITALISED) || words.word_is(k, "of"))
            // Only a title or role word can match a speaker's head noun.
            .filter(|&k| words.is(k, class::ROLE | class::TITLE))
            .map(|k| words.word(k).to_ascii_lowercase())
            .collect();
        titles.sort_unstable();
        titles.dedup();
        for title in titles {
            titled.entry(title).or_default().push((start, g));
        }
    }
    titled
}

/// "the secretary": the title (ASCII-lowercase) whose last holder named
/// before is the speaker.
fn by_role(words: &Words, (start, end): (usize, usize)) -> Option<String> {
    let head = end - 1;
    if !words.word_is(start, "the") || !words.is(head, class::ROLE | class::TITLE) {
        return None;
    }
    Some(words.word(head).to_ascii_lowercase())
}
