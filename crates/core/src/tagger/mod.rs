//! The statistical entity tagger: an averaged perceptron over rich token
//! features, trained on CoNLL-2003 and on a newsroom's reviewed files, that
//! finds persons, organisations, places and other names in raw text.
//!
//! - [`tags`]: entity types and the BILOU tags predicted per token.
//! - [`text`], [`sentences`]: text as tokens and sentences.
//! - [`conll`], [`reviewed`]: where training documents come from.
//! - [`features`], [`gazetteer`], [`lists`], [`clusters`]: what the tagger
//!   looks at.
//! - [`perceptron`]: greedy tagging and training; [`model`]: the model file.
//! - [`score`]: span F1 for validation.

pub mod clusters;
pub mod conll;
pub mod features;
pub mod gazetteer;
pub mod lists;
pub mod model;
pub mod perceptron;
pub mod reviewed;
pub mod score;
mod sentences;
pub mod tags;
pub mod text;

use std::convert::Infallible;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use crate::model::EntityLabel;
pub use model::{Model, ModelError};
use tags::spans_of_tags;
use text::TokenizedText;

/// Why a model or a training file cannot be used, naming the file.
#[derive(Debug, thiserror::Error)]
pub enum TaggerError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {reason}")]
    Model { path: PathBuf, reason: ModelError },
    #[error("{path}: {reason}")]
    Conll { path: PathBuf, reason: String },
    #[error(transparent)]
    File(#[from] crate::format::FileError),
}

/// The model trained on CoNLL-2003 that ships inside the program.
static BUNDLED_MODEL: &[u8] = include_bytes!("../../assets/ner/conll2003.model");

/// An entity the tagger found: bytes `start..end` of the text, and its
/// label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaggedSpan {
    pub start: usize,
    pub end: usize,
    pub label: EntityLabel,
}

/// Finds entities in text with a trained model.
#[derive(Debug, Clone)]
pub struct Tagger {
    model: Model,
}

impl Tagger {
    pub fn new(model: Model) -> Tagger {
        Tagger { model }
    }

    /// The model it tags with.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// The tagger of a model file's bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, ModelError> {
        Model::from_bytes(bytes).map(Tagger::new)
    }

    /// The tagger of the model file at `path`.
    pub fn load(path: &Path) -> Result<Tagger, TaggerError> {
        Model::load(path).map(Tagger::new)
    }

    /// The tagger of the bundled model, read once on first use.
    pub fn bundled() -> &'static Tagger {
        static TAGGER: LazyLock<Tagger> = LazyLock::new(|| {
            // The bundled bytes are part of the program, not user input; a
            // test checks that they load.
            Tagger::from_bytes(BUNDLED_MODEL).expect("the bundled tagger model is valid")
        });
        &TAGGER
    }

    /// The entities of `text`, in text order, as byte ranges.
    pub fn tag(&self, text: &str) -> Vec<TaggedSpan> {
        let ControlFlow::Continue(spans) =
            self.tag_observed::<Infallible>(text, |_| ControlFlow::Continue(()));
        spans
    }

    /// [`Tagger::tag`], telling `observe` the share done now and then;
    /// `observe` may stop it.
    pub fn tag_observed<B>(
        &self,
        text: &str,
        observe: impl FnMut(f32) -> ControlFlow<B>,
    ) -> ControlFlow<B, Vec<TaggedSpan>> {
        let doc = TokenizedText::new(text.to_owned());
        let tags = self.model.tag_document_observed(&doc, observe)?;
        let mut spans = Vec::new();
        for sentence in &doc.sentences {
            for (first, end, entity) in spans_of_tags(&tags[sentence.clone()]) {
                spans.push(TaggedSpan {
                    start: doc.tokens[sentence.start + first].start,
                    end: doc.tokens[sentence.start + end - 1].end,
                    label: entity,
                });
            }
        }
        ControlFlow::Continue(spans)
    }
}
