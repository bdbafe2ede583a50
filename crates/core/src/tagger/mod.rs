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
        self.tag_tokens_observed(text, crate::tokenize::tokenize(text), observe)
    }

    /// [`Tagger::tag_observed`] given the tokens [`crate::tokenize::tokenize`]
    /// cuts `text` into: the extractor has them already, and cutting a text
    /// twice costs a tenth of tagging it.
    pub(crate) fn tag_tokens_observed<B>(
        &self,
        text: &str,
        tokens: Vec<crate::tokenize::Token>,
        observe: impl FnMut(f32) -> ControlFlow<B>,
    ) -> ControlFlow<B, Vec<TaggedSpan>> {
        let doc = TokenizedText::with_tokens(text.to_owned(), tokens);
        let tags = self.model.tag_document_observed(&doc, observe)?;
        let mut spans = Vec::new();
        for sentence in &doc.sentences {
            for (first, end, entity) in spans_of_tags(&tags[sentence.clone()]) {
                let Some(name) = without_edge_punctuation(
                    text,
                    &doc.tokens,
                    sentence.start + first..sentence.start + end,
                ) else {
                    continue;
                };
                spans.push(TaggedSpan {
                    start: doc.tokens[name.start].start,
                    end: doc.tokens[name.end - 1].end,
                    label: entity,
                });
            }
        }
        ControlFlow::Continue(spans)
    }
}

/// The tokens of a tagged name without stray punctuation at either end: the
/// tagger now and then runs a name into the comma, quote mark or bracket
/// next to it ("the Republican party, led by …"). Signs that belong to
/// names stay ("C$", "Corp."), and so does a bracket the name opened.
fn without_edge_punctuation(
    text: &str,
    tokens: &[crate::tokenize::Token],
    mut range: std::ops::Range<usize>,
) -> Option<std::ops::Range<usize>> {
    const STRAY: [&str; 11] = [",", ";", ":", "!", "?", "\"", "“", "”", "‘", "’", "("];
    let word = |i: usize| tokens[i].text(text);
    while range.start < range.end
        && (STRAY.contains(&word(range.start)) || word(range.start) == ")")
    {
        range.start += 1;
    }
    while range.end > range.start {
        let last = word(range.end - 1);
        let unopened = last == ")" && !range.clone().any(|i| word(i) == "(");
        if !(STRAY.contains(&last) || unopened) {
            break;
        }
        range.end -= 1;
    }
    (!range.is_empty()).then_some(range)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    #[test]
    fn a_name_never_ends_with_the_comma_after_it() {
        let text = "the Republican party, led by";
        let tokens = tokenize(text);
        let words = |r: std::ops::Range<usize>| &text[tokens[r.start].start..tokens[r.end - 1].end];
        // "Republican party ," as the tagger may tag it.
        let name = without_edge_punctuation(text, &tokens, 1..4).unwrap();
        assert_eq!(words(name), "Republican party");
        assert_eq!(without_edge_punctuation(text, &tokens, 3..4), None);
    }
}
