//! Names known to be entities, as sequences of lower-case words, learnt from
//! the training documents and shipped inside the model file.
//!
//! A name counts only when it is an entity in at least two training
//! documents: a name seen once would always hit in the very document it came
//! from, and the tagger would learn to trust the list more than it deserves
//! on new text.
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
/// Documents a name must be an entity in to be listed.
const MIN_DOCUMENTS: usize = 2;

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

/// The bit of hit kind `kind` (see [`Hit`]) in an entry.
fn kind_bit(kind: usize) -> u16 {
    if kind < EntityLabel::ALL.len() {
        1 << kind
    } else {
        1 << (FIRST_LIST_BIT as usize + kind - EntityLabel::ALL.len())
    }
}

impl Gazetteer {
    /// Lists the names that are entities in at least two of `docs`.
    pub fn learn(docs: &[LabeledText]) -> Gazetteer {
        let mut documents_of: HashMap<(Vec<u64>, EntityLabel), usize> = HashMap::new();
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
            let mut in_this_doc = HashSet::new();
            for sentence in &doc.sentences {
                for (first, end, entity) in spans_of_tags(&labeled.tags[sentence.clone()]) {
                    let (first, end) = (sentence.start + first, sentence.start + end);
                    if end - first > MAX_NAME_TOKENS {
                        continue;
                    }
                    let name: Vec<u64> = (first..end).map(|i| lower_hash(doc.word(i))).collect();
                    in_this_doc.insert((name, entity));
                }
            }
            for key in in_this_doc {
                *documents_of.entry(key).or_default() += 1;
            }
        }
        let mut gazetteer = Gazetteer::default();
        for ((name, entity), count) in documents_of {
            if count >= MIN_DOCUMENTS {
                gazetteer.add_words(&name, 1 << entity as u8);
            }
        }
        for (word, uses) in lower_case_uses {
            if uses >= MIN_LOWER_CASE_USES {
                gazetteer.add(word, COMMON_WORD);
            }
        }
        gazetteer
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
