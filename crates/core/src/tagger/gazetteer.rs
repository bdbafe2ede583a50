//! Names known to be entities, as sequences of lower-case words, learnt from
//! the training documents and shipped inside the model file.
//!
//! Every name that is an entity in a training document is listed. While the
//! tagger learns from a document, the names listed only because of that
//! document are hidden ([`Gazetteer::owed_to_each`]): otherwise every name
//! of it would hit in the very document it came from, and the tagger would
//! learn to trust the list far more than it deserves on new text, where no
//! entry owes its place to the text being tagged.
//!
//! Beside the names it lists the words training text writes in lower case
//! again and again ("take", "over"): capitalised at the start of a sentence
//! or in a headline, such a word is most likely not a name. And it takes in
//! the name lists of [`super::lists`] (given names, surnames, places,
//! companies, titles…), each list a bit of its own, so that the tagger tells
//! "seen as a name in training" from "on a list" and learns how far to trust
//! each.

use std::collections::{HashMap, HashSet};

use super::features::{FeatureHash, IdMap, lower_hash};
use super::lists::{ListKind, bundled_names};
use super::tags::spans_of_tags;
use super::text::{LabeledText, TokenizedText};
use crate::model::EntityLabel;
use crate::tokenize::tokenize;

/// Names longer than this many tokens are not listed.
pub const MAX_NAME_TOKENS: usize = 6;

/// Times a word must be seen in lower case to count as a common word.
const MIN_LOWER_CASE_USES: usize = 3;
/// The bit of a one-word name's entry that marks a common lower-case word.
const COMMON_WORD: u16 = 1 << 4;
/// The first bit of the list kinds, one bit each in [`ListKind::ALL`] order.
const FIRST_LIST_BIT: u32 = 5;
/// The bit of an entry that says a longer name starts with these words: the
/// scan for names goes on past it, and stops where no entry has it.
const PREFIX: u16 = 1 << 15;

/// Name hash → the entity types it has been seen as in training (bit `type
/// as u8`), whether a one-word name is common in lower case, the lists that
/// hold it, and whether longer names start with it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Gazetteer {
    pub(super) names: IdMap<u16>,
}

/// A hit on a token: what the name is (an entity type `0..4` learnt from
/// training, or `4 +` a [`ListKind`]'s place in [`ListKind::ALL`]), and where
/// the token stands in the name (0 begin, 1 inside, 2 last, 3 a one-token
/// name).
pub type Hit = (u8, u8);

/// The bit of a list kind in an entry.
fn list_bit(kind: ListKind) -> u16 {
    let place = ListKind::ALL.iter().position(|&k| k == kind).unwrap_or(0);
    1 << (FIRST_LIST_BIT + place as u32)
}

fn extend(hash: FeatureHash, lower: u64) -> FeatureHash {
    hash.word(lower)
}

/// The key of the name made of the words whose lower-case hashes are given.
fn name_key(words: &[u64]) -> u64 {
    words
        .iter()
        .fold(FeatureHash::new(0), |h, &w| extend(h, w))
        .finish()
}

/// The names (lower-case word hashes, at most [`MAX_NAME_TOKENS`] long)
/// and types of the entities of one document, each once.
fn names_of_document(labeled: &LabeledText) -> HashSet<(Vec<u64>, EntityLabel)> {
    let doc = &labeled.doc;
    let mut names = HashSet::new();
    for sentence in &doc.sentences {
        for (first, end, entity) in spans_of_tags(&labeled.tags[sentence.clone()]) {
            let (first, end) = (sentence.start + first, sentence.start + end);
            if end - first <= MAX_NAME_TOKENS {
                names.insert((
                    (first..end).map(|i| lower_hash(doc.word(i))).collect(),
                    entity,
                ));
            }
        }
    }
    names
}

/// How many of `docs` have each name as an entity of each type.
fn documents_of_names(docs: &[LabeledText]) -> HashMap<(Vec<u64>, EntityLabel), usize> {
    let mut counts = HashMap::new();
    for key in docs.iter().flat_map(names_of_document) {
        *counts.entry(key).or_default() += 1;
    }
    counts
}

/// The bit of hit kind `kind` (see [`Hit`]) in an entry.
fn kind_bit(kind: usize) -> u16 {
    if kind < EntityLabel::ALL.len() {
        1 << kind
    } else {
        1 << (FIRST_LIST_BIT as usize + kind - EntityLabel::ALL.len())
    }
}

impl Gazetteer {
    /// Lists the names that are entities in any of `docs`, and the words
    /// they write in lower case again and again.
    pub fn learn(docs: &[LabeledText]) -> Gazetteer {
        let mut lower_case_uses: IdMap<usize> = IdMap::default();
        for labeled in docs {
            let doc = &labeled.doc;
            for i in doc.sentences.iter().flat_map(|s| s.clone()) {
                let word = doc.word(i);
                if word.chars().any(char::is_lowercase) && !word.chars().any(char::is_uppercase) {
                    *lower_case_uses
                        .entry(name_key(&[lower_hash(word)]))
                        .or_default() += 1;
                }
            }
        }
        let mut gazetteer = Gazetteer::default();
        for (name, entity) in docs.iter().flat_map(names_of_document) {
            gazetteer.add_words(&name, 1 << entity as u8);
        }
        for (word, uses) in lower_case_uses {
            if uses >= MIN_LOWER_CASE_USES {
                gazetteer.add(word, COMMON_WORD);
            }
        }
        gazetteer
    }

    /// For each of `docs`, the entries that [`Gazetteer::learn`] lists only
    /// because of that document: while the features of a training document
    /// are computed, they are hidden (see [`Gazetteer::hide`]), so that
    /// training sees the list as new text does. Entries `already` holds (a
    /// model being trained further) are not the document's to hide.
    pub fn owed_to_each(docs: &[LabeledText], already: &Gazetteer) -> Vec<Vec<(u64, u16)>> {
        let counts = documents_of_names(docs);
        docs.iter()
            .map(|labeled| {
                names_of_document(labeled)
                    .into_iter()
                    .filter(|key| counts.get(key) == Some(&1))
                    .map(|(name, entity)| (name_key(&name), 1 << entity as u16))
                    .filter(|&(key, bit)| already.names.get(&key).is_none_or(|b| b & bit == 0))
                    .collect()
            })
            .collect()
    }

    /// Takes the bits of `entries` out of their names.
    pub fn hide(&mut self, entries: &[(u64, u16)]) {
        for &(key, bit) in entries {
            if let Some(bits) = self.names.get_mut(&key) {
                *bits &= !bit;
            }
        }
    }

    /// Puts back what [`Gazetteer::hide`] took out.
    pub fn unhide(&mut self, entries: &[(u64, u16)]) {
        for &(key, bit) in entries {
            self.add(key, bit);
        }
    }

    /// [`Gazetteer::learn`], with the bundled name lists added.
    pub fn learn_with_lists(docs: &[LabeledText]) -> Gazetteer {
        let mut gazetteer = Gazetteer::learn(docs);
        for (kind, name) in bundled_names() {
            let words: Vec<u64> = tokenize(name)
                .iter()
                .map(|t| lower_hash(t.text(name)))
                .collect();
            if (1..=MAX_NAME_TOKENS).contains(&words.len()) {
                gazetteer.add_words(&words, list_bit(kind));
            }
        }
        gazetteer
    }

    /// Adds `bits` to the entry of the name whose key is `name`.
    fn add(&mut self, name: u64, bits: u16) {
        *self.names.entry(name).or_default() |= bits;
    }

    /// Adds `bits` to the name made of `words`, marking its beginnings as
    /// prefixes.
    fn add_words(&mut self, words: &[u64], bits: u16) {
        let mut key = FeatureHash::new(0);
        for (i, &w) in words.iter().enumerate() {
            key = extend(key, w);
            let bits = if i + 1 == words.len() { bits } else { PREFIX };
            self.add(key.finish(), bits);
        }
    }

    /// Adds every name of `other` (a retrained model keeps the names it
    /// started with and learns those of the new documents).
    pub fn merge(&mut self, other: &Gazetteer) {
        for (&name, &bits) in &other.names {
            self.add(name, bits);
        }
    }

    /// How many names and prefixes it holds.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Whether the word whose lower-case hash is `lower` is common in lower
    /// case.
    pub fn is_common_word(&self, lower: u64) -> bool {
        self.names
            .get(&name_key(&[lower]))
            .is_some_and(|bits| bits & COMMON_WORD != 0)
    }

    /// Whether the one-word name whose lower-case hash is `lower` is on the
    /// name list of `kind`.
    pub fn is_listed(&self, lower: u64, kind: ListKind) -> bool {
        self.names
            .get(&name_key(&[lower]))
            .is_some_and(|bits| bits & list_bit(kind) != 0)
    }

    /// The hits on every token of `doc`, whose words' lower-case hashes are
    /// `lower`; names do not cross sentence ends, and start only at tokens
    /// that `may_start` (words written with a capital or a digit first: in
    /// lower case, "will" and "may" are no surnames, and skipping them
    /// spares most lookups).
    pub fn hits(&self, doc: &TokenizedText, lower: &[u64], may_start: &[bool]) -> Vec<Vec<Hit>> {
        let mut hits = vec![Vec::new(); doc.tokens.len()];
        if self.names.is_empty() {
            return hits;
        }
        let kinds = EntityLabel::ALL.len() + ListKind::ALL.len();
        for sentence in &doc.sentences {
            for first in sentence.clone().filter(|&i| may_start[i]) {
                let mut name = FeatureHash::new(0);
                for end in first + 1..=(first + MAX_NAME_TOKENS).min(sentence.end) {
                    name = extend(name, lower[end - 1]);
                    let Some(&bits) = self.names.get(&name.finish()) else {
                        break;
                    };
                    for kind in 0..kinds {
                        if bits & kind_bit(kind) == 0 {
                            continue;
                        }
                        let kind = kind as u8;
                        if end - first == 1 {
                            hits[first].push((kind, 3));
                            continue;
                        }
                        hits[first].push((kind, 0));
                        for hit in &mut hits[first + 1..end - 1] {
                            hit.push((kind, 1));
                        }
                        hits[end - 1].push((kind, 2));
                    }
                    if bits & PREFIX == 0 {
                        break;
                    }
                }
            }
        }
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labeled(text: &str, name: &str, label: EntityLabel) -> LabeledText {
        let start = text.find(name).unwrap_or(0);
        LabeledText::from_spans(text.to_string(), &[(start, start + name.len(), label)])
    }

    fn entry(gazetteer: &Gazetteer, name: &str) -> u16 {
        let words: Vec<u64> = tokenize(name)
            .iter()
            .map(|t| lower_hash(t.text(name)))
            .collect();
        gazetteer.names.get(&name_key(&words)).copied().unwrap_or(0)
    }

    #[test]
    fn a_name_is_hidden_from_the_one_document_it_is_listed_for() {
        let docs = [
            labeled(
                "Talks with Acme Widgets went on.",
                "Acme Widgets",
                EntityLabel::Org,
            ),
            labeled("Ruth Okafor spoke.", "Ruth Okafor", EntityLabel::Person),
            labeled("Then Ruth Okafor left.", "Ruth Okafor", EntityLabel::Person),
        ];
        let mut gazetteer = Gazetteer::learn(&docs);
        let learnt = gazetteer.clone();
        let org = 1 << EntityLabel::Org as u16;
        assert_eq!(entry(&gazetteer, "Acme Widgets") & org, org);

        let owed = Gazetteer::owed_to_each(&docs, &Gazetteer::default());
        // Only the first document lists Acme Widgets; two list Ruth Okafor,
        // so either of them still finds her in the others.
        assert_eq!(owed[0].len(), 1);
        assert!(owed[1].is_empty() && owed[2].is_empty());

        gazetteer.hide(&owed[0]);
        assert_eq!(entry(&gazetteer, "Acme Widgets") & org, 0);
        assert_ne!(entry(&gazetteer, "Ruth Okafor"), 0);
        gazetteer.unhide(&owed[0]);
        assert_eq!(gazetteer, learnt);

        // A model trained further keeps what it listed before.
        assert!(Gazetteer::owed_to_each(&docs, &learnt)[0].is_empty());
    }
}
