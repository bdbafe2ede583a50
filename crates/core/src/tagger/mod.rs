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
pub mod paths;
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
        let gazetteer = &self.model.lookups().gazetteer;
        let mut spans = Vec::new();
        for sentence in &doc.sentences {
            let mut names = spans_of_tags(&tags[sentence.clone()]);
            join_possessive_names(&doc, sentence.start, gazetteer, &mut names);
            for (first, end, entity) in names {
                let Some(name) = without_stray_edges(
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

/// Joins two names of a sentence (token ranges from `offset`) that the
/// possessive of a word for people stands between: "Luhansk People", "’s"
/// and "Republic" are one organisation, the Luhansk People’s Republic, as are
/// the People’s Liberation Army, a Children’s Hospital and the Women’s
/// March, though the tagger now and then cuts them at the "’s". Only these
/// plurals count: after any other word the "’s" most often joins two names
/// ("the Environmental Protection Agency’s Clean Power Plan", "Kantar
/// Media’s Campaign Media Analysis Group"), and the second must begin with a
/// common word ("Trump’s America" stays two names either way).
fn join_possessive_names(
    doc: &TokenizedText,
    offset: usize,
    gazetteer: &gazetteer::Gazetteer,
    names: &mut Vec<(usize, usize, EntityLabel)>,
) {
    const PEOPLE: [&str; 4] = ["People", "Children", "Women", "Men"];
    let word = |i: usize| doc.word(offset + i);
    let mut k = 0;
    while k + 1 < names.len() {
        let (first, end, label) = names[k];
        let (next, next_end, next_label) = names[k + 1];
        let joins = next == end + 1
            && label != EntityLabel::Person
            && PEOPLE.contains(&word(end - 1))
            && matches!(word(end), "’s" | "'s")
            && gazetteer.is_common_word(features::lower_hash(word(next)));
        if joins {
            // An organisation in either part makes the whole one.
            let label = if next_label == EntityLabel::Org {
                EntityLabel::Org
            } else {
                label
            };
            names[k] = (first, next_end, label);
            names.remove(k + 1);
        } else {
            k += 1;
        }
    }
}

/// The tokens of a tagged name without stray punctuation at either end, nor
/// words in lower case at its end: the tagger now and then runs a name into
/// the comma, quote mark or bracket next to it ("the Republican party, led
/// by …"), or into the verb after it ("Mr. Obama said, …"). Signs that
/// belong to names stay ("C$", "Corp."), and so does a bracket the name
/// opened.
fn without_stray_edges(
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
        if !(STRAY.contains(&last) || unopened || in_lower_case(last)) {
            break;
        }
        range.end -= 1;
    }
    (!range.is_empty()).then_some(range)
}

/// A word of letters all in lower case ("said", "and"): no name ends in
/// one, yet the tagger now and then runs a name on into the verb after it
/// ("Mr. Obama said"). The possessive ("Boatmen 's") is no such word.
fn in_lower_case(word: &str) -> bool {
    word.chars().all(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    /// The names of `text` after joining, given the tagger's names as
    /// (first word, last word, label), words counted as the tokenizer
    /// cuts them.
    fn joined(text: &str, names: &[(usize, usize, EntityLabel)]) -> Vec<(String, EntityLabel)> {
        let doc = TokenizedText::with_tokens(text.to_owned(), tokenize(text));
        let mut names: Vec<_> = names.iter().map(|&(a, b, l)| (a, b + 1, l)).collect();
        join_possessive_names(
            &doc,
            0,
            &Tagger::bundled().model().lookups().gazetteer,
            &mut names,
        );
        names
            .iter()
            .map(|&(a, b, l)| ((a..b).map(|i| doc.word(i)).collect::<Vec<_>>().join(" "), l))
            .collect()
    }

    #[test]
    fn a_possessive_of_people_inside_a_name_keeps_it_whole() {
        use EntityLabel::{Loc, Misc, Org, Person};
        // Luhansk People ’s Republic
        let republic = joined("Luhansk People’s Republic", &[(0, 1, Org), (3, 3, Misc)]);
        assert_eq!(republic, [("Luhansk People ’s Republic".to_owned(), Org)]);
        let hospital = joined("the Children's Hospital", &[(1, 1, Misc), (3, 3, Org)]);
        assert_eq!(hospital, [("Children 's Hospital".to_owned(), Org)]);
        // An agency's plan, a country's company, a person's country: two names.
        let two = [
            joined(
                "Environmental Protection Agency’s Clean Power Plan",
                &[(0, 2, Org), (4, 6, Misc)],
            ),
            joined("Russia’s Gazprom", &[(0, 0, Loc), (2, 2, Org)]),
            joined("the Men's Wearhouse", &[(1, 1, Person), (3, 3, Org)]),
        ];
        for names in two {
            assert_eq!(names.len(), 2, "{names:?}");
        }
    }

    #[test]
    fn a_name_never_ends_with_the_comma_or_the_verb_after_it() {
        let text = "the Republican party, led by Mr. Obama said, and Boatmen 's";
        let tokens = tokenize(text);
        let words = |r: std::ops::Range<usize>| &text[tokens[r.start].start..tokens[r.end - 1].end];
        let name = |range| without_stray_edges(text, &tokens, range).map(words);
        // As the tagger may tag them: "Republican party ,", "Obama said ,".
        assert_eq!(name(1..4), Some("Republican"));
        assert_eq!(name(7..10), Some("Obama"));
        assert_eq!(name(3..4), None);
        // A possessive is no word in lower case (CoNLL-2003 names end so).
        assert_eq!(name(11..13), Some("Boatmen 's"));
    }
}
