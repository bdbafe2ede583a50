//! The extractor: from an article's text to quotes, speakers and entities.
//!
//! Everything works on the tokens of [`crate::tokenize`] in byte offsets and
//! turns into char offsets once, when the annotation file is built:
//! [`words`] classifies the tokens, [`marks`] pairs quotation marks,
//! [`direct`] and [`indirect`] are the rules that find quotes with their
//! cue and source, [`attribution`] is the trained model that decides the
//! quotes with the rules' findings among its features, [`entities`] finds
//! and groups names, [`speakers`] says who spoke, and [`gender`] writes
//! the gender the article's own words give a person.

pub mod attribution;
mod direct;
pub mod entities;
pub mod gender;
mod indirect;
mod lexicon;
mod marks;
mod phrases;
mod speakers;
mod tagged;
pub mod words;

use std::convert::Infallible;
use std::ops::ControlFlow;

use crate::model::{Annotations, Entity, Origin, Quote, QuoteKind, Span, Status, TextIndex};
use attribution::AttributionModel;
use attribution::calibration::Evidence;
use phrases::Tokens;

/// Name and version written to `review.extractor`.
pub const EXTRACTOR_NAME: &str = concat!(
    "quotecheck ",
    env!("CARGO_PKG_VERSION"),
    " attribution model"
);

/// A quote as the rules or the model find it, in token ranges.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FoundQuote {
    pub kind: QuoteKind,
    pub content: Vec<Tokens>,
    pub cue: Option<Tokens>,
    pub source: Option<Tokens>,
    pub confidence: f32,
    /// What the model knew when it chose the quote (None from the rules).
    pub evidence: Option<Evidence>,
}

impl FoundQuote {
    fn start(&self) -> usize {
        self.content.first().map_or(0, |c| c.0)
    }

    fn end(&self) -> usize {
        self.content.last().map_or(0, |c| c.1)
    }
}

/// The two models an extraction uses: the entity tagger and the
/// attribution model. Either may be one a newsroom retrained on its own
/// reviewed files (`quotecheck train`).
#[derive(Clone, Copy)]
pub struct Models<'m> {
    pub tagger: &'m crate::tagger::Tagger,
    pub attributions: &'m AttributionModel,
}

impl Models<'static> {
    /// The models that ship in the program.
    pub fn bundled() -> Models<'static> {
        Models {
            tagger: crate::tagger::Tagger::bundled(),
            attributions: AttributionModel::bundled(),
        }
    }
}

/// Extracts the quotes and entities of `text` into a new annotation file,
/// with the entity tagger and the attribution model that ship in the
/// program.
pub fn extract(name: &str, text: &str) -> Annotations {
    extract_using(name, text, Models::bundled())
}

/// Extracts with `tagger` for entities and the bundled attribution model.
pub fn extract_with(name: &str, text: &str, tagger: &crate::tagger::Tagger) -> Annotations {
    let attributions = AttributionModel::bundled();
    extract_using(
        name,
        text,
        Models {
            tagger,
            attributions,
        },
    )
}

/// Extracts with `models`.
pub fn extract_using(name: &str, text: &str, models: Models) -> Annotations {
    let ControlFlow::Continue(doc) =
        extract_observed::<Infallible>(name, text, models, |_| ControlFlow::Continue(()));
    doc
}

/// Shares of the work done when the entity tagger and the attribution
/// model are through (measured: tagging takes most of the time).
const TAGGING_DONE: f32 = 0.75;
const QUOTES_DONE: f32 = 0.95;

/// [`extract_using`], telling `observe` the share of the work done (0 to 1)
/// now and then; `observe` may stop it, as the window does when a person
/// cancels opening a large article.
pub fn extract_observed<B>(
    name: &str,
    text: &str,
    models: Models,
    mut observe: impl FnMut(f32) -> ControlFlow<B>,
) -> ControlFlow<B, Annotations> {
    let Models {
        tagger,
        attributions,
    } = models;
    observe(0.0)?;
    let mut words = words::Words::new(text);
    let quoted = marks::find_quoted(&words);
    words.mark_quoted(&quoted);
    let tagged = tagger.tag_tokens_observed(text, words.tokens.clone(), |share| {
        observe(share * TAGGING_DONE)
    })?;
    observe(TAGGING_DONE)?;
    let mentions =
        tagged::find_mentions_tagged(tagged, &words, &tagger.model().lookups().gazetteer);
    let rule_quotes = find_quotes(&words, &quoted);
    let ctx = attribution::Context::new(
        &words,
        &quoted,
        &rule_quotes,
        &mentions,
        &tagger.model().lookups().classes,
    );
    let mut quotes = attributions.find(&ctx);
    observe(QUOTES_DONE)?;
    let groups = entities::group_mentions(text, &mentions);
    speakers::guess_unattributed(&words, &groups, &mut quotes);
    let speakers = speakers::resolve(&words, &groups, &quotes);

    let mut doc = Annotations::new(name, text);
    doc.review.extractor = Some(EXTRACTOR_NAME.to_owned());
    let index = TextIndex::new(text);
    let span = |(start, end): (usize, usize)| {
        Span::new(&index, index.char_at_byte(start), index.char_at_byte(end))
    };
    doc.entities = groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let mentions = g.mentions.iter().map(|&m| span(m)).collect();
            Entity::automatic(
                format!("e{}", i + 1),
                g.label.as_str(),
                g.name.clone(),
                mentions,
            )
        })
        .collect();
    doc.quotes = quotes
        .iter()
        .zip(&speakers)
        .enumerate()
        .map(|(i, (q, speaker))| {
            quote_of(&words, &index, i, q, speaker.map(|g| format!("e{}", g + 1)))
        })
        .collect();
    gender::suggest_genders(&mut doc, &index);
    doc.seal_as_extracted();
    observe(1.0)?;
    ControlFlow::Continue(doc)
}

/// The quote of the annotation file for a quote found, numbered `i`.
fn quote_of(
    words: &words::Words,
    index: &TextIndex,
    i: usize,
    q: &FoundQuote,
    speaker: Option<String>,
) -> Quote {
    let token_span = |(first, end): Tokens| {
        let (start, end) = (words.tokens[first].start, words.tokens[end - 1].end);
        Span::new(index, index.char_at_byte(start), index.char_at_byte(end))
    };
    Quote {
        id: format!("q{}", i + 1),
        kind: q.kind,
        content: q.content.iter().map(|&c| token_span(c)).collect(),
        cue: q.cue.map(token_span),
        source: q.source.map(token_span),
        speaker,
        confidence: Some(as_written(q.confidence)),
        origin: Origin::Auto,
        status: Status::Pending,
        reviewed_by: None,
        extra: Default::default(),
    }
}

/// The double that a float's shortest decimal form names (0.86, not
/// 0.8600000143051147): the model's float confidence written as it reads.
fn as_written(confidence: f32) -> f64 {
    confidence
        .to_string()
        .parse()
        .unwrap_or(f64::from(confidence))
}

/// Every quote of the text, in text order: those in quotation marks first,
/// then reported speech at the cues they left; a partial quote inside
/// reported speech makes it one mixed quote.
pub(crate) fn find_quotes(words: &words::Words, quoted: &[marks::Quoted]) -> Vec<FoundQuote> {
    let mut quotes = direct::quotes_in_marks(words, quoted);
    let mut in_direct = vec![false; words.token_count()];
    let mut used = vec![false; words.token_count()];
    for q in quotes.iter().filter(|q| q.kind == QuoteKind::Direct) {
        for &(a, b) in &q.content {
            in_direct[a..b].iter_mut().for_each(|c| *c = true);
        }
        if let Some((a, b)) = q.cue {
            used[a..b].iter_mut().for_each(|c| *c = true);
        }
    }
    let mut reported = indirect::indirect_quotes(words, &in_direct, &used);
    // Partial quotes by start, so each reported quote finds those inside it
    // without a pass over all quotes (a 50 MB article has 100,000 of them).
    let mut partials: Vec<(usize, usize, usize)> = quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| q.kind == QuoteKind::Partial)
        .map(|(i, q)| (q.start(), q.end(), i))
        .collect();
    partials.sort_unstable();
    let mut absorbed = vec![false; quotes.len()];
    for r in &mut reported {
        let (start, end) = (r.start(), r.end());
        let first = partials.partition_point(|p| p.0 < start);
        let mut mixed = false;
        for &(_, p_end, i) in partials[first..].iter().take_while(|p| p.0 <= end) {
            if p_end <= end && !absorbed[i] {
                absorbed[i] = true;
                mixed = true;
            }
        }
        if mixed {
            r.kind = QuoteKind::Mixed;
            r.confidence = 0.6;
        }
    }
    let mut absorbed = absorbed.into_iter();
    quotes.retain(|_| !absorbed.next().unwrap_or(false));
    quotes.extend(reported);
    quotes.sort_by_key(|q| (q.start(), q.end()));
    quotes
}
