//! Names of people, organisations, places and other things: finding their
//! mentions, and grouping the mentions into one entity per real thing.
//!
//! Finding is behind [`find_mentions`] alone, so that a trained tagger can
//! replace or complement it; [`group_mentions`] takes mentions from anywhere.

use std::collections::{HashMap, HashSet};

use super::layout::{Layout, class};
use super::lexicon::{Gazetteer, LEXICON};
use super::phrases::is_name_word;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Label {
    Person,
    Org,
    Loc,
    Misc,
}

impl Label {
    /// The label as the annotation file writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Person => "PERSON",
            Label::Org => "ORG",
            Label::Loc => "LOC",
            Label::Misc => "MISC",
        }
    }
}

/// A name in the text: bytes `start..end` and what it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub label: Label,
}

/// One real thing and where the text names it (byte ranges, text order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub label: Label,
    pub name: String,
    pub mentions: Vec<(usize, usize)>,
}

/// Words that join the parts of one name ("Bank of America", "People’s").
const JOINERS: &[&str] = &[
    "of", "'s", "’s", "&", "de", "van", "von", "al", "bin", "la", "del",
];

/// The rule-based mention finder: runs of capitalised words, cut into
/// names and labelled by gazetteers, name lists and organisation words.
pub fn find_mentions(layout: &Layout) -> Vec<Mention> {
    let lowercase_words: HashSet<&str> = (0..layout.token_count())
        .filter(|&i| layout.is(i, class::WORD) && !layout.is(i, class::CAPITALISED))
        .map(|i| layout.word(i))
        .collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < layout.token_count() {
        if !is_name_word(layout, i) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < layout.token_count()
            && layout.same_sentence(i, end)
            && (is_name_word(layout, end)
                || is_joiner(layout, end)
                    && end + 1 < layout.token_count()
                    && layout.same_sentence(end, end + 1)
                    && is_name_word(layout, end + 1))
        {
            end += 1;
        }
        let mut start = i;
        while start < end && is_common_word(layout, start, &lowercase_words) {
            start += 1;
        }
        label_run(layout, start, end, &mut found);
        i = end;
    }
    resolve_single_words(layout, &mut found);
    found
        .into_iter()
        .map(|(s, e, label)| Mention {
            start: layout.tokens[s].start,
            end: layout.tokens[e - 1].end,
            label: label.unwrap_or(Label::Misc),
        })
        .collect()
}

fn is_joiner(layout: &Layout, i: usize) -> bool {
    JOINERS.iter().any(|j| layout.word(i) == *j)
}

/// A capitalised word that is no name: a sentence's first word that the
/// text also writes in lowercase ("Officials", "Meanwhile").
fn is_common_word(layout: &Layout, i: usize, lowercase_words: &HashSet<&str>) -> bool {
    let sentence_start = layout.sentence_of(i).0 == i
        || i > 0 && layout.is(i - 1, class::QUOTE_MARK) && layout.sentence_of(i).0 == i - 1;
    if !sentence_start || layout.is(i, class::FIRST_NAME) {
        return false;
    }
    let word = layout.word(i);
    if LEXICON.names.contains_key(word) {
        return false;
    }
    layout.is(
        i,
        class::ROLE | class::SPEECH | class::COGNITION | class::BRIDGE,
    ) || lowercase_words.contains(word.to_lowercase().as_str())
}

/// A mention in tokens, its label unknown (None) when only the rest of the
/// text can tell.
type Found = (usize, usize, Option<Label>);

/// Labels the capitalised run `start..end`, cutting off titles and
/// nationalities ("Russian Foreign Minister Sergey Lavrov").
fn label_run(layout: &Layout, start: usize, mut end: usize, found: &mut Vec<Found>) {
    while end > start && is_joiner(layout, end - 1) {
        end -= 1;
    }
    if start >= end {
        return;
    }
    let text = &layout.text[layout.tokens[start].start..layout.tokens[end - 1].end];
    if let Some((kind, _)) = LEXICON.names.get(text) {
        let label = match kind {
            Gazetteer::Place => Label::Loc,
            Gazetteer::Nationality => Label::Misc,
        };
        found.push((start, end, Some(label)));
        return;
    }
    // A given name after the first word starts a person: what comes before
    // is a title, an organisation or another name.
    // ("Paul Ryan" stays whole: a given name after a given name is a
    // surname.)
    let given_name =
        |k: usize| layout.is(k, class::FIRST_NAME) && !layout.is(k - 1, class::FIRST_NAME);
    if let Some(first) = (start + 1..end).find(|&k| given_name(k)) {
        label_run(layout, start, first, found);
        if let Some(last) = found.last()
            && last.0 == start
            && last.1 == first
            && last.2 != Some(Label::Misc)
            && (start..first)
                .all(|k| layout.is(k, class::TITLE | class::ORG_WORD) || is_joiner(layout, k))
        {
            // "Senate Majority Leader", "Press Secretary": a role, no name.
            found.pop();
        }
        found.push((first, end, Some(Label::Person)));
        return;
    }
    if (start..end).any(|k| layout.is(k, class::ORG_WORD)) {
        found.push((start, end, Some(Label::Org)));
        return;
    }
    if (start..end).any(|k| layout.is(k, class::LOC_WORD)) {
        found.push((start, end, Some(Label::Loc)));
        return;
    }
    // A leading nationality is a name of its own ("Ukrainian Foreign
    // Minister Dmytro Kuleba").
    if end - start > 1
        && let Some((Gazetteer::Nationality, _)) = LEXICON.names.get(layout.word(start))
    {
        found.push((start, start + 1, Some(Label::Misc)));
        label_run(layout, start + 1, end, found);
        return;
    }
    let mut name = start;
    while name < end && layout.is(name, class::TITLE) {
        name += 1;
        // "Secretary of State": the "of" phrase belongs to the title.
        if name + 1 < end && layout.word_is(name, "of") {
            name += 2;
        }
    }
    if name > start {
        if name < end {
            found.push((name, end, Some(Label::Person)));
        }
        return;
    }
    if layout.is(start, class::FIRST_NAME) || end - start >= 2 && end - start <= 3 {
        found.push((start, end, Some(Label::Person)));
        return;
    }
    let word = layout.word(start);
    let acronym = end - start == 1
        && word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '&');
    if acronym {
        found.push((start, end, Some(Label::Org)));
        return;
    }
    found.push((start, end, (end - start > 3).then_some(Label::Misc)));
}

/// Single unknown words ("Putin", "Kuleba"): a person when a person's name
/// ends or starts with them or a speech verb follows them somewhere;
/// something else otherwise.
fn resolve_single_words(layout: &Layout, found: &mut [Found]) {
    let person_words: HashSet<&str> = found
        .iter()
        .filter(|f| f.2 == Some(Label::Person))
        .flat_map(|&(s, e, _)| [layout.word(s), layout.word(e - 1)])
        .collect();
    let known: HashMap<&str, Label> = found
        .iter()
        .filter_map(|&(s, e, label)| Some((name_text(layout, s, e), label?)))
        .collect();
    // One word names one thing throughout the text: a person anywhere
    // ("Bloomberg said") is a person everywhere.
    let speakers: HashSet<&str> = found
        .iter()
        .filter(|f| f.2.is_none() && layout.is(f.1, class::SPEECH | class::COGNITION))
        .map(|&(s, e, _)| name_text(layout, s, e))
        .collect();
    for f in found.iter_mut().filter(|f| f.2.is_none()) {
        let word = name_text(layout, f.0, f.1);
        f.2 = Some(if person_words.contains(word) || speakers.contains(word) {
            Label::Person
        } else {
            known.get(word).copied().unwrap_or(Label::Misc)
        });
    }
}

fn name_text<'t>(layout: &Layout<'t>, start: usize, end: usize) -> &'t str {
    &layout.text[layout.tokens[start].start..layout.tokens[end - 1].end]
}

/// Groups mentions into entities: the same name, a place's other names
/// ("U.S." with "United States"), and a person's short name with the full
/// name it shortens ("Blinken" with "Antony Blinken", the nearest before).
pub fn group_mentions(text: &str, mentions: &[Mention]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut by_key: HashMap<(Label, &str), usize> = HashMap::new();
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
        let single_person = m.label == Label::Person && !name.contains(' ');
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
        if m.label == Label::Person && name.contains(' ') {
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
