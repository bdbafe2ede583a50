//! An automatic gender for a person, from the article's own words about
//! them and nothing else: "he" or "she" where the extractor made that
//! pronoun a quote's source and resolved it to them, and a title before
//! their name (Mr, Mrs, Ms, Congresswoman…). Never from a first name: a
//! first name says what is common, not what this person is ("Andrea" is a
//! man in Italy), and a newsroom that publishes the share of women it
//! quotes must not publish a guess about a name.
//!
//! The suggestion is written on `pending` entities only, so it stays marked
//! automatic (by the contract) until a reviewer confirms or changes it.
//! When the article's words disagree ("Mr" once, "she" another time),
//! nothing is suggested.

use std::collections::HashMap;

use crate::model::{Annotations, EntityLabel, GENDER, Gender, Status, TextIndex};

/// Words before a name that say the person's gender. Compared without a
/// trailing dot and case, so "Mrs." and "MRS" count.
const TITLES: &[(&str, Gender)] = &[
    ("mr", Gender::Man),
    ("mister", Gender::Man),
    ("sir", Gender::Man),
    ("lord", Gender::Man),
    ("mrs", Gender::Woman),
    ("ms", Gender::Woman),
    ("miss", Gender::Woman),
    ("madam", Gender::Woman),
    ("madame", Gender::Woman),
    ("mme", Gender::Woman),
    ("dame", Gender::Woman),
    ("lady", Gender::Woman),
    ("mx", Gender::Nonbinary),
    ("congressman", Gender::Man),
    ("congresswoman", Gender::Woman),
    ("assemblyman", Gender::Man),
    ("assemblywoman", Gender::Woman),
    ("councilman", Gender::Man),
    ("councilwoman", Gender::Woman),
    ("spokesman", Gender::Man),
    ("spokeswoman", Gender::Woman),
    ("chairwoman", Gender::Woman),
    ("businessman", Gender::Man),
    ("businesswoman", Gender::Woman),
];

/// The pronouns a quote's source may be, and what they say.
const PRONOUNS: &[(&str, Gender)] = &[("he", Gender::Man), ("she", Gender::Woman)];

/// Writes the gender the article's words give each pending person who has
/// none yet; `index` is the index of its text. Returns how many were
/// written.
pub fn suggest_genders(doc: &mut Annotations, index: &TextIndex) -> usize {
    // Each speaker's pronoun sources, gathered in one pass over the quotes
    // (looking through every quote for every person grows with the square
    // of a long article).
    let mut pronouns: HashMap<&str, Vec<Gender>> = HashMap::new();
    for q in doc.quotes.iter().filter(|q| q.status != Status::Rejected) {
        if let (Some(speaker), Some(gender)) = (
            q.speaker.as_deref(),
            q.source.as_ref().and_then(|s| pronoun(&s.text)),
        ) {
            pronouns.entry(speaker).or_default().push(gender);
        }
    }
    let suggestions: Vec<(usize, Gender)> = doc
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            e.status == Status::Pending
                && e.gender().is_none()
                && EntityLabel::from_name(&e.label) == Some(EntityLabel::Person)
        })
        .filter_map(|(i, e)| {
            let by_title = e
                .mentions
                .iter()
                .filter_map(|m| title_before(index, m.start).or_else(|| title_inside(&m.text)));
            let by_pronoun = pronouns.get(e.id.as_str()).into_iter().flatten().copied();
            agreed(by_title.chain(by_pronoun)).map(|g| (i, g))
        })
        .collect();
    for &(i, gender) in &suggestions {
        let attributes = doc.entities[i]
            .attributes
            .get_or_insert_with(Default::default);
        // Setting one of the four values cannot fail.
        let _ = attributes.set(GENDER, Some(gender.as_str()));
    }
    suggestions.len()
}

/// The one gender all the evidence gives, or none (no evidence, or some
/// that disagrees).
fn agreed(evidence: impl Iterator<Item = Gender>) -> Option<Gender> {
    let mut found = None;
    for g in evidence {
        match found {
            None => found = Some(g),
            Some(f) if f == g => {}
            Some(_) => return None,
        }
    }
    found
}

fn title_gender(word: &str) -> Option<Gender> {
    let word = word.trim_end_matches('.').to_lowercase();
    TITLES.iter().find(|(t, _)| *t == word).map(|&(_, g)| g)
}

/// The title right before the mention starting at char `start` ("Mrs.
/// Clinton": the word before, across spaces only).
fn title_before(index: &TextIndex, start: usize) -> Option<Gender> {
    let before = index.slice(0, start);
    let trimmed = before.trim_end_matches([' ', '\u{a0}']);
    if trimmed.len() == before.len() {
        return None;
    }
    let word_start = trimmed
        .rfind(|c: char| !(c.is_alphabetic() || c == '.'))
        .map_or(0, |i| {
            i + trimmed[i..].chars().next().map_or(1, char::len_utf8)
        });
    title_gender(&trimmed[word_start..])
}

/// A title the mention itself starts with, where the tagger kept it.
fn title_inside(mention: &str) -> Option<Gender> {
    let (first, rest) = mention.split_once(' ')?;
    (!rest.is_empty()).then_some(())?;
    title_gender(first)
}

fn pronoun(source: &str) -> Option<Gender> {
    let word = source.trim().to_lowercase();
    PRONOUNS.iter().find(|(p, _)| *p == word).map(|&(_, g)| g)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disagreeing_evidence_gives_nothing() {
        assert_eq!(
            agreed([Gender::Man, Gender::Man].into_iter()),
            Some(Gender::Man)
        );
        assert_eq!(agreed([Gender::Man, Gender::Woman].into_iter()), None);
        assert_eq!(agreed(std::iter::empty()), None);
    }

    #[test]
    fn titles_are_read_before_the_name_or_at_its_start() {
        let index = TextIndex::new("said Mrs. Patel and Ms Lee.");
        assert_eq!(title_before(&index, 10), Some(Gender::Woman));
        assert_eq!(title_before(&index, 23), Some(Gender::Woman));
        assert_eq!(title_before(&index, 5), None, "\"said\" is no title");
        assert_eq!(title_inside("Mr. Kuleba"), Some(Gender::Man));
        assert_eq!(title_inside("Mr."), None);
    }
}
