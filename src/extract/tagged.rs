//! Entity mentions from the trained tagger, fitted to the rules' view of
//! names, and completed by the rules: the tagger decides where names are
//! and what they are; a name the rules find where the tagger saw none is
//! kept too, since a reviewer deletes a wrong tag faster than she adds a
//! missing one.

use super::entities::{Label, Mention, find_mentions};
use super::layout::{Layout, class};
use crate::tagger::TaggedSpan;

pub fn find_mentions_tagged(tagged: Vec<TaggedSpan>, layout: &Layout) -> Vec<Mention> {
    let mut mentions: Vec<Mention> = tagged
        .into_iter()
        .filter_map(|s| {
            let label = match s.label {
                "PERSON" => Label::Person,
                "ORG" => Label::Org,
                "LOC" => Label::Loc,
                "MISC" => Label::Misc,
                _ => return None,
            };
            fit_person(layout, s.start, s.end, label)
        })
        .collect();
    // The tagger's spans come in text order and do not overlap, so the
    // first one ending after a rule mention's start is the only one that
    // can overlap it.
    let tagged = mentions.len();
    for rule in find_mentions(layout) {
        let next = mentions[..tagged].partition_point(|m| m.end <= rule.start);
        let free = mentions[..tagged]
            .get(next)
            .is_none_or(|m| rule.end <= m.start);
        // The rules know people (given names, titles) better than they
        // know organisations and other names; only their people fill gaps.
        if free && rule.label == Label::Person {
            mentions.push(rule);
        }
    }
    mentions.sort_by_key(|m| (m.start, m.end));
    mentions
}

/// News writes people behind their titles ("Secretary of State Antony
/// Blinken", "Mayor Lisa Wong"); a tagger trained on CoNLL, where titles
/// are rare, takes such runs for organisations or keeps the title in the
/// name. The person is the part from the first given name on, or what
/// follows the last title word; the title is no part of any mention.
fn fit_person(layout: &Layout, start: usize, end: usize, label: Label) -> Option<Mention> {
    let first = layout.tokens.partition_point(|t| t.start < start);
    let last = layout.tokens.partition_point(|t| t.end <= end);
    let (first, last) = (first.min(last), last.min(layout.token_count()));
    let mention = |a: usize, label| Mention {
        start: layout.tokens[a].start,
        end,
        label,
    };
    if first >= last {
        return Some(Mention { start, end, label });
    }
    if let Some(given) = (first + 1..last).find(|&i| layout.is(i, class::FIRST_NAME))
        && !layout.is(given - 1, class::FIRST_NAME)
        && (first..given)
            .any(|i| layout.is(i, class::TITLE | class::ROLE) || label != Label::Person)
    {
        return Some(mention(given, Label::Person));
    }
    if label == Label::Person {
        let after_title = (first..last)
            .rev()
            .find(|&i| layout.is(i, class::TITLE | class::ROLE))
            .map_or(first, |t| t + 1);
        return (after_title < last).then(|| mention(after_title, Label::Person));
    }
    Some(Mention { start, end, label })
}
