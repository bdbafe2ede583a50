//! Names of people, organisations, places and other things: finding their
//! mentions, and grouping the mentions into one entity per real thing.
//!
//! Finding is behind [`find_mentions`] alone, so that a trained tagger can
//! replace or complement it; [`group_mentions`] takes mentions from anywhere.

use std::collections::{HashMap, HashSet};

use super::lexicon::{LEXICON, NameList};
use super::phrases::is_name_word;
use super::words::{Words, class};
use crate::model::EntityLabel;

/// A name in the text: bytes `start..end` and what it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub label: EntityLabel,
}

/// One real thing and where the text names it (byte ranges, text order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub label: EntityLabel,
    pub name: String,
    pub mentions: Vec<(usize, usize)>,
}

/// Words that join the parts of one name ("Bank of America", "People’s").
const JOINERS: &[&str] = &[
    "of", "'s", "’s", "&", "de", "van", "von", "al", "bin", "la", "del",
];

/// The rule-based mention finder: runs of capitalised words, cut into
/// names and labelled by gazetteers, name lists and organisation words.
pub fn find_mentions(words: &Words) -> Vec<Mention> {
    let lowercase_words: HashSet<&str> = (0..words.token_count())
        .filter(|&i| words.is(i, class::WORD) && !words.is(i, class::CAPITALISED))
        .map(|i| words.word(i))
        .collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.token_count() {
        if !is_name_word(words, i) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < words.token_count()
            && words.same_sentence(i, end)
            && (is_name_word(words, end)
                || is_joiner(words, end)
                    && end + 1 < words.token_count()
                    && words.same_sentence(end, end + 1)
                    && is_name_word(words, end + 1))
        {
            end += 1;
        }
        let mut start = i;
        while start < end && is_common_word(words, start, &lowercase_words) {
            start += 1;
        }
        label_run(words, start, end, &mut found);
        i = end;
    }
    resolve_single_words(words, &mut found);
    found
        .into_iter()
        .map(|(s, e, label)| Mention {
            start: words.tokens[s].start,
            end: words.tokens[e - 1].end,
            label: label.unwrap_or(EntityLabel::Misc),
        })
        .collect()
}

fn is_joiner(words: &Words, i: usize) -> bool {
    JOINERS.iter().any(|j| words.word(i) == *j)
}

/// A capitalised word that is no name: a sentence's first word that the
/// text also writes in lowercase ("Officials", "Meanwhile").
fn is_common_word(words: &Words, i: usize, lowercase_words: &HashSet<&str>) -> bool {
    if !words.opens_sentence(i) || words.is(i, class::FIRST_NAME) {
        return false;
    }
    let word = words.word(i);
    if LEXICON.names.contains_key(word) {
        return false;
    }
    words.is(
        i,
        class::ROLE | class::SPEECH | class::COGNITION | class::BRIDGE,
    ) || lowercase_words.contains(word.to_lowercase().as_str())
}

/// A mention in tokens, its label unknown (None) when only the rest of the
/// text can tell.
type Found = (usize, usize, Option<EntityLabel>);

/// Labels the capitalised run `start..end`, cutting off titles and
/// nationalities ("Russian Foreign Minister Sergey Lavrov").
fn label_run(words: &Words, start: usize, mut end: usize, found: &mut Vec<Found>) {
    while end > start && is_joiner(words, end - 1) {
        end -= 1;
    }
    if start >= end {
        return;
    }
    let text = &words.text[words.tokens[start].start..words.tokens[end - 1].end];
    if let Some((kind, _)) = LEXICON.names.get(text) {
        let label = match kind {
            NameList::Place => EntityLabel::Loc,
            NameList::Nationality => EntityLabel::Misc,
        };
        found.push((start, end, Some(label)));
        return;
    }
    // A given name after the first word starts a person: what comes before
    // is a title, an organisation or another name.
    // ("Paul Ryan" stays whole: a given name after a given name is a
    // surname.)
    let given_name =
        |k: usize| words.is(k, class::FIRST_NAME) && !words.is(k - 1, class::FIRST_NAME);
    if let Some(first) = (start + 1..end).find(|&k| given_name(k)) {
        label_run(words, start, first, found);
        if let Some(last) = found.last()
            && last.0 == start
            && last.1 == first
            && last.2 != Some(EntityLabel::Misc)
            && (start..first)
                .all(|k| words.is(k, class::TITLE | class::ORG_WORD) || is_joiner(words, k))
        {
            // "Senate Majority Leader", "Press Secretary": a role, no name.
            found.pop();
        }
        found.push((first, end, Some(EntityLabel::Person)));
        return;
    }
    if (start..end).any(|k| words.is(k, class::ORG_WORD)) {
        found.push((start, end, Some(EntityLabel::Org)));
        return;
    }
    if (start..end).any(|k| words.is(k, class::LOC_WORD)) {
        found.push((start, end, Some(EntityLabel::Loc)));
        return;
    }
    // A leading nationality is a name of its own ("Ukrainian Foreign
    // Minister Dmytro Kuleba").
    if end - start > 1
        && let Some((NameList::Nationality, _)) = LEXICON.names.get(words.word(start))
    {
        found.push((start, start + 1, Some(EntityLabel::Misc)));
        label_run(words, start + 1, end, found);
        return;
    }
    let mut name = start;
    while name < end && words.is(name, class::TITLE) {
        name += 1;
        // "Secretary of State": the "of" phrase belongs to the title.
        if name + 1 < end && words.word_is(name, "of") {
            name += 2;
        }
    }
    if name > start {
        if name < end {
            found.push((name, end, Some(EntityLabel::Person)));
        }
        return;
    }
    if words.is(start, class::FIRST_NAME) || end - start >= 2 && end - start <= 3 {
        found.push((start, end, Some(EntityLabel::Person)));
        return;
    }
    let word = words.word(start);
    let acronym = end - start == 1
        && word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '&');
    if acronym {
        found.push((start, end, Some(EntityLabel::Org)));
        return;
    }
    found.push((start, end, (end - start > 3).then_some(EntityLabel::Misc)));
}

/// Single unknown words ("Putin", "Kuleba"): a person when a person's name
/// ends or starts with them or a speech verb follows them somewhere;
/// something else otherwise.
fn resolve_single_words(words: &Words, found: &mut [Found]) {
    let person_words: HashSet<&str> = found
        .iter()
        .filter(|f| f.2 == Some(EntityLabel::Person))
        .flat_map(|&(s, e, _)| [words.word(s), words.word(e - 1)])
        .collect();
    let known: HashMap<&str, EntityLabel> = found
        .iter()
        .filter_map(|&(s, e, label)| Some((name_text(words, s, e), label?)))
        .collect();
    // One word names one thing throughout the text: a person anywhere
    // ("Bloomberg said") is a person everywhere.
    let speakers: HashSet<&str> = found
        .iter()
        .filter(|f| f.2.is_none() && words.is(f.1, class::SPEECH | class::COGNITION))
        .map(|&(s, e, _)| name_text(words, s, e))
        .collect();
    for f in found.iter_mut().filter(|f| f.2.is_none()) {
        let word = name_text(words, f.0, f.1);
        f.2 = Some(if person_words.contains(word) || speakers.contains(word) {
            EntityLabel::Person
        } else {
            known.get(word).copied().unwrap_or(EntityLabel::Misc)
        });
    }
}

fn name_text<'t>(words: &Words<'t>, start: usize, end: usize) -> &'t str {
    &words.text[words.tokens[start].start..words.tokens[end - 1].end]
}

/// Groups mentions into entities: the same name, a place's other names
/// ("U.S." with "United States"), and a person's short name with the full
/// name it shortens ("Blinken" with "Antony Blinken", the nearest before).
pub fn group_mentions(text: &str, mentions: &[Mention]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut by_key: HashMap<(EntityLabel, &str), usize> = HashMap::new();
    // Full person names seen so far, by each of their words, newest last.
    let mut full_names: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut sorted: Vec<Mention> = mentions.to_vec();
    sorted.sort_by_key(|m| (m.start, m.end));
    for (pass, m) in [0, 1]
        .into_iter()
        .flat_map(|p| sorted.iter().map(move |m| (p, m)))
    {
        let Some(name) = text.get(m.start..m.end) else {
            continue;
        };
        let single_person = m.label == EntityLabel::Person && !name.contains(' ');
        // Full names first, so that a short name before its full name
        // ("Trump … Donald Trump") still finds it.
        if (pass == 0) == single_person {
            continue;
        }
        let canonical = LEXICON
            .names
            .get(name)
            .map_or(name, |(_, canonical)| canonical.as_str());
        let index = if single_person {
            full_names
                .get(name)
                .and_then(|groups_of_word| {
                    groups_of_word
                        .iter()
                        .rev()
                        .find(|&&g| groups[g].mentions.first().is_some_and(|f| f.0 < m.start))
                        .or(groups_of_word.first())
                        .copied()
                })
                .or_else(|| by_key.get(&(m.label, canonical)).copied())
        } else {
            by_key.get(&(m.label, canonical)).copied()
        };
        let index = index.unwrap_or_else(|| {
            groups.push(Group {
                label: m.label,
                name: canonical.to_owned(),
                mentions: Vec::new(),
            });
            by_key.insert((m.label, canonical), groups.len() - 1);
            groups.len() - 1
        });
        if m.label == EntityLabel::Person && name.contains(' ') {
            for word in name.split(' ') {
                let list = full_names.entry(word).or_default();
                if !list.contains(&index) {
                    list.push(index);
                }
            }
        }
        let group = &mut groups[index];
        group.mentions.push((m.start, m.end));
        if name.chars().count() > group.name.chars().count()
            && !LEXICON.names.contains_key(group.name.as_str())
        {
            group.name = name.to_owned();
        }
    }
    for g in &mut groups {
        g.mentions.sort_unstable();
    }
    groups.sort_by_key(|g| g.mentions.first().copied());
    groups
}
