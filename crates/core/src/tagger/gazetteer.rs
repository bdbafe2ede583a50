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
//! or in a headline, such a word is most likely not a name.

use std::collections::{HashMap, HashSet};

use super::features::{FeatureHash, IdMap, lower_hash};
use super::tags::spans_of_tags;
use super::text::{LabeledText, TokenizedText};
use crate::model::EntityLabel;

/// Names longer than this many tokens are not listed.
pub const MAX_NAME_TOKENS: usize = 6;
/// Documents a name must be an entity in to be listed.
const MIN_DOCUMENTS: usize = 2;

/// Times a word must be seen in lower case to count as a common word.
const MIN_LOWER_CASE_USES: usize = 3;
/// The bit of a one-word name's entry that marks a common lower-case word.
const COMMON_WORD: u8 = 1 << 7;

/// Name hash → the entity types it has been seen as (bit `type as u8`), and
/// for one word, whether it is common in lower case.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Gazetteer {
    pub(super) names: IdMap<u8>,
}

/// A hit on a token: the type, and where the token stands in the name
/// (0 begin, 1 inside, 2 last, 3 a one-token name).
pub type Hit = (EntityLabel, u8);

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

impl Gazetteer {
    /// Lists the names that are entities in at least two of `docs`.
    pub fn learn(docs: &[LabeledText]) -> Gazetteer {
        let mut documents_of: HashMap<(u64, EntityLabel), usize> = HashMap::new();
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
                    let name = (first..end).fold(FeatureHash::new(0), |h, i| {
                        extend(h, lower_hash(doc.word(i)))
                    });
                    in_this_doc.insert((name.finish(), entity));
                }
            }
            for key in in_this_doc {
                *documents_of.entry(key).or_default() += 1;
            }
        }
        let mut names: IdMap<u8> = IdMap::default();
        for ((name, entity), count) in documents_of {
            if count >= MIN_DOCUMENTS {
                *names.entry(name).or_default() |= 1 << entity as u8;
            }
        }
        for (word, uses) in lower_case_uses {
            if uses >= MIN_LOWER_CASE_USES {
                *names.entry(word).or_default() |= COMMON_WORD;
            }
        }
        Gazetteer { names }
    }

    /// Whether the word whose lower-case hash is `lower` is common in lower
    /// case.
    pub fn is_common_word(&self, lower: u64) -> bool {
        self.names
            .get(&name_key(&[lower]))
            .is_some_and(|bits| bits & COMMON_WORD != 0)
    }

    /// The hits on every token of `doc`, whose words' lower-case hashes are
    /// `lower`; names do not cross sentence ends.
    pub fn hits(&self, doc: &TokenizedText, lower: &[u64]) -> Vec<Vec<Hit>> {
        let mut hits = vec![Vec::new(); doc.tokens.len()];
        if self.names.is_empty() {
            return hits;
        }
        for sentence in &doc.sentences {
            for first in sentence.clone() {
                let mut name = FeatureHash::new(0);
                for end in first + 1..=(first + MAX_NAME_TOKENS).min(sentence.end) {
                    name = extend(name, lower[end - 1]);
                    let Some(&types) = self.names.get(&name.finish()) else {
                        continue;
                    };
                    for entity in EntityLabel::ALL {
                        if types & (1 << entity as u8) == 0 {
                            continue;
                        }
                        if end - first == 1 {
                            hits[first].push((entity, 3));
                            continue;
                        }
                        hits[first].push((entity, 0));
                        for hit in &mut hits[first + 1..end - 1] {
                            hit.push((entity, 1));
                        }
                        hits[end - 1].push((entity, 2));
                    }
                }
            }
        }
        hits
    }
}
