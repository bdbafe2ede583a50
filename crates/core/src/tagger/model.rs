//! The trained model and its file: the weights of every kept feature,
//! quantised to `i16`, the gazetteer, the word classes and the word paths.
//!
//! Layout, little-endian: magic `QCNERMDL`, file version (u32), feature
//! version (u32), tag count (u32), row count R (u32), gazetteer size G
//! (u32), word class count C (u32), word path count P (u32), the weight step
//! (f32: a stored weight times the step is the learnt weight); R feature ids
//! (u64, ascending); R × tags weights (i16); G name hashes (u64, ascending);
//! G entries (u16); C word hashes (u64, ascending); C × levels classes
//! (u16); P word hashes (u64, ascending); P paths (u32); then an FNV-1a
//! checksum (u64) of everything before it.

use std::ops::ControlFlow;
use std::path::Path;

use super::TaggerError;
use super::clusters::{LEVELS, WordClasses};
use super::features::{FEATURE_VERSION, FeatureHash, IdMap, Lookups};
use super::gazetteer::Gazetteer;
use super::paths::WordPaths;
use super::perceptron::{Scores, Weights, tag_document, tag_document_observed};
use super::tags::{TAG_COUNT, Tag};
use super::text::TokenizedText;

const MAGIC: &[u8; 8] = b"QCNERMDL";
const FILE_VERSION: u32 = 3;
const HEADER_LEN: usize = 8 + 8 * 4;
/// Bytes per row, per gazetteer entry, per word class entry and per word
/// path.
const ROW_LEN: usize = 8 + 2 * TAG_COUNT;
const NAME_LEN: usize = 8 + 2;
const CLASS_LEN: usize = 8 + 2 * LEVELS;
const PATH_LEN: usize = 8 + 4;

/// Why a model file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error(
        "not a quotecheck tagger model (the file does not start with {:?})",
        String::from_utf8_lossy(MAGIC)
    )]
    NotAModel,
    #[error(
        "model file version {0} is not one this quotecheck reads ({FILE_VERSION}); retrain or update quotecheck"
    )]
    FileVersion(u32),
    #[error(
        "the model was trained with features of version {0}, this quotecheck computes version {FEATURE_VERSION}; retrain it"
    )]
    FeatureVersion(u32),
    #[error("the model has {0} tags, this quotecheck uses {TAG_COUNT}")]
    TagCount(u32),
    #[error(
        "the model file is {actual} bytes, its header promises {expected}: it is cut short or damaged"
    )]
    Length { expected: usize, actual: usize },
    #[error("the model file ends within its header: it is cut short")]
    CutShort,
    #[error("the model file is damaged (checksum mismatch)")]
    Checksum,
    #[error("the model file's feature ids are out of order: it is damaged")]
    Unordered,
}

/// A trained tagger's weights, gazetteer, word classes and word paths.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    lookups: Lookups,
    /// What one unit of a stored weight is worth in learnt weight: training
    /// that starts from this model starts from the weights it learnt.
    step: f32,
    /// Each feature's weight for every tag, kept beside its id so that a
    /// lookup touches one cache line, not two: tagging speed is lookups.
    rows: IdMap<[i16; TAG_COUNT]>,
}

impl Weights for Model {
    fn add_scores(&self, feature: u64, scores: &mut Scores) {
        if let Some(row) = self.rows.get(&feature) {
            for (s, &w) in scores.iter_mut().zip(row) {
                *s += f32::from(w);
            }
        }
    }
}

impl Model {
    /// Keeps the `max_features` rows with the largest weights and quantises
    /// them: a feature whose weights all round to zero is dropped, since it
    /// cannot change a decision.
    pub fn new(lookups: Lookups, averaged: &[(u64, Scores)], max_features: usize) -> Model {
        let largest = averaged
            .iter()
            .flat_map(|(_, row)| row.iter().map(|w| w.abs()))
            .fold(0.0f32, f32::max);
        let step = if largest > 0.0 {
            largest / f32::from(i16::MAX)
        } else {
            1.0
        };
        let mut quantised: Vec<(u64, [i16; TAG_COUNT], u32)> = averaged
            .iter()
            .map(|(feature, row)| {
                let q = row.map(|w| (w / step).round() as i16);
                let size = q.iter().map(|w| u32::from(w.unsigned_abs())).sum();
                (*feature, q, size)
            })
            .filter(|r| r.2 > 0)
            .collect();
        if quantised.len() > max_features {
            quantised.sort_unstable_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
            quantised.truncate(max_features);
        }
        let rows = quantised
            .into_iter()
            .map(|(feature, row, _)| (feature, row))
            .collect();
        Model {
            lookups,
            step,
            rows,
        }
    }

    /// The tables the features look up.
    pub fn lookups(&self) -> &Lookups {
        &self.lookups
    }

    /// Every feature's weights as learnt (before quantising, near enough).
    pub fn learnt_weights(&self) -> impl Iterator<Item = (u64, Scores)> + '_ {
        self.rows
            .iter()
            .map(|(&feature, row)| (feature, row.map(|w| f32::from(w) * self.step)))
    }

    /// How many features the model weighs.
    pub fn feature_count(&self) -> usize {
        self.rows.len()
    }

    /// The tag of every token of `doc`.
    pub fn tag_document(&self, doc: &TokenizedText) -> Vec<Tag> {
        tag_document(self, &self.lookups, doc)
    }

    /// [`Model::tag_document`], reporting progress to `observe`, which may stop it.
    pub fn tag_document_observed<B>(
        &self,
        doc: &TokenizedText,
        observe: impl FnMut(f32) -> ControlFlow<B>,
    ) -> ControlFlow<B, Vec<Tag>> {
        tag_document_observed(self, &self.lookups, doc, observe)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut rows: Vec<(&u64, &[i16; TAG_COUNT])> = self.rows.iter().collect();
        rows.sort_unstable_by_key(|r| r.0);
        let mut names: Vec<(u64, u16)> = self
            .lookups
            .gazetteer
            .names
            .iter()
            .map(|(&n, &t)| (n, t))
            .collect();
        names.sort_unstable();
        let mut classes: Vec<(u64, [u16; LEVELS])> = self
            .lookups
            .classes
            .classes
            .iter()
            .map(|(&w, &c)| (w, c))
            .collect();
        classes.sort_unstable();
        let mut paths: Vec<(u64, u32)> = (self.lookups.paths.paths.iter())
            .map(|(&w, &p)| (w, p))
            .collect();
        paths.sort_unstable();
        let mut out = Vec::with_capacity(
            HEADER_LEN
                + rows.len() * ROW_LEN
                + names.len() * NAME_LEN
                + classes.len() * CLASS_LEN
                + paths.len() * PATH_LEN
                + 8,
        );
        out.extend_from_slice(MAGIC);
        for n in [
            FILE_VERSION,
            FEATURE_VERSION,
            TAG_COUNT as u32,
            rows.len() as u32,
            names.len() as u32,
            classes.len() as u32,
            paths.len() as u32,
            self.step.to_bits(),
        ] {
            out.extend_from_slice(&n.to_le_bytes());
        }
        for (feature, _) in &rows {
            out.extend_from_slice(&feature.to_le_bytes());
        }
        for (_, row) in &rows {
            for w in *row {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        for (name, _) in &names {
            out.extend_from_slice(&name.to_le_bytes());
        }
        for (_, bits) in &names {
            out.extend_from_slice(&bits.to_le_bytes());
        }
        for (word, _) in &classes {
            out.extend_from_slice(&word.to_le_bytes());
        }
        for (_, ids) in &classes {
            for id in ids {
                out.extend_from_slice(&id.to_le_bytes());
            }
        }
        for (word, _) in &paths {
            out.extend_from_slice(&word.to_le_bytes());
        }
        for (_, path) in &paths {
            out.extend_from_slice(&path.to_le_bytes());
        }
        let checksum = checksum(&out);
        out.extend_from_slice(&checksum.to_le_bytes());
        out
    }

    /// Reads a model from its file's bytes, checking every promise of the
    /// layout so that a damaged file is an error, never a panic.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let cut_in_magic =
            !bytes.is_empty() && bytes.len() < MAGIC.len() && MAGIC.starts_with(bytes);
        if !bytes.starts_with(MAGIC) && !cut_in_magic {
            return Err(ModelError::NotAModel);
        }
        if bytes.len() < HEADER_LEN {
            return Err(ModelError::CutShort);
        }
        let header: Vec<u32> = bytes[8..HEADER_LEN].chunks_exact(4).map(le_u32).collect();
        let Some(&file_version) = header.first() else {
            return Err(ModelError::NotAModel);
        };
        if file_version != FILE_VERSION {
            return Err(ModelError::FileVersion(file_version));
        }
        let [
            _,
            feature_version,
            tag_count,
            row_count,
            name_count,
            class_count,
            path_count,
            step,
        ] = header[..]
        else {
            return Err(ModelError::NotAModel);
        };
        if feature_version != FEATURE_VERSION {
            return Err(ModelError::FeatureVersion(feature_version));
        }
        if tag_count as usize != TAG_COUNT {
            return Err(ModelError::TagCount(tag_count));
        }
        let (rows, names, classes, paths) = (
            row_count as usize,
            name_count as usize,
            class_count as usize,
            path_count as usize,
        );
        let expected = HEADER_LEN
            + rows * ROW_LEN
            + names * NAME_LEN
            + classes * CLASS_LEN
            + paths * PATH_LEN
            + 8;
        if bytes.len() != expected {
            return Err(ModelError::Length {
                expected,
                actual: bytes.len(),
            });
        }
        let (body, stored) = bytes.split_at(expected - 8);
        if checksum(body)
            != u64::from_le_bytes(stored.try_into().map_err(|_| ModelError::Checksum)?)
        {
            return Err(ModelError::Checksum);
        }
        let (ids, rest) = body[HEADER_LEN..].split_at(rows * 8);
        let (weights, rest) = rest.split_at(rows * 2 * TAG_COUNT);
        let (name_ids, rest) = rest.split_at(names * 8);
        let (name_bits, rest) = rest.split_at(names * 2);
        let (words, rest) = rest.split_at(classes * 8);
        let (word_classes, rest) = rest.split_at(classes * 2 * LEVELS);
        let (path_words, word_paths) = rest.split_at(paths * 8);
        let ids: Vec<u64> = ids.chunks_exact(8).map(le_u64).collect();
        let name_ids: Vec<u64> = name_ids.chunks_exact(8).map(le_u64).collect();
        let words: Vec<u64> = words.chunks_exact(8).map(le_u64).collect();
        let path_words: Vec<u64> = path_words.chunks_exact(8).map(le_u64).collect();
        if !ids.is_sorted_by(|a, b| a < b)
            || !name_ids.is_sorted_by(|a, b| a < b)
            || !words.is_sorted_by(|a, b| a < b)
            || !path_words.is_sorted_by(|a, b| a < b)
        {
            return Err(ModelError::Unordered);
        }
        let mut row_of = IdMap::with_capacity_and_hasher(rows, Default::default());
        for (&feature, row) in ids.iter().zip(weights.chunks_exact(2 * TAG_COUNT)) {
            let mut weights = [0; TAG_COUNT];
            for (w, b) in weights.iter_mut().zip(row.chunks_exact(2)) {
                *w = i16::from_le_bytes([b[0], b[1]]);
            }
            row_of.insert(feature, weights);
        }
        let gazetteer = Gazetteer {
            names: name_ids
                .into_iter()
                .zip(name_bits.chunks_exact(2).map(le_u16))
                .collect(),
        };
        let classes = WordClasses {
            classes: words
                .into_iter()
                .zip(word_classes.chunks_exact(2 * LEVELS).map(|c| {
                    let mut ids = [0; LEVELS];
                    for (id, b) in ids.iter_mut().zip(c.chunks_exact(2)) {
                        *id = le_u16(b);
                    }
                    ids
                }))
                .collect(),
        };
        let paths = WordPaths {
            paths: path_words
                .into_iter()
                .zip(word_paths.chunks_exact(4).map(le_u32))
                .collect(),
        };
        Ok(Model {
            lookups: Lookups {
                gazetteer,
                classes,
                paths,
            },
            step: f32::from_bits(step),
            rows: row_of,
        })
    }

    /// Reads the model file at `path`.
    pub fn load(path: &Path) -> Result<Model, TaggerError> {
        let bytes = std::fs::read(path).map_err(|e| TaggerError::Io {
            path: path.to_owned(),
            source: e,
        })?;
        Model::from_bytes(&bytes).map_err(|reason| TaggerError::Model {
            path: path.to_owned(),
            reason,
        })
    }

    /// Saves the model to `path` atomically.
    pub fn save(&self, path: &Path) -> Result<(), TaggerError> {
        crate::format::write_atomically(path, &self.to_bytes())?;
        Ok(())
    }
}

fn le_u16(b: &[u8]) -> u16 {
    u16::from_le_bytes([b[0], b[1]])
}

fn le_u32(b: &[u8]) -> u32 {
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

fn le_u64(b: &[u8]) -> u64 {
    u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
}

fn checksum(bytes: &[u8]) -> u64 {
    FeatureHash::new(0).bytes(bytes).finish()
}
