//! Learning the attribution model, and measuring it honestly.
//!
//! Training articles come from PolNeAR (brat standoff, read as
//! `quotecheck eval` reads it) or from reviewed annotation files: quotes a
//! person accepted, edited or added are attributions; rejected ones are
//! not, and their cue words learn to be no cue; pending ones teach nothing,
//! and neither does the rest of their sentences. Learning from reviewed
//! files starts from a trained model (the shipped one), so a newsroom needs
//! no corpus of its own beyond its reviews.
//!
//! Cross-validation trains on all folds but one and predicts the one left
//! out, for every fold: the pooled predictions are scored with the
//! reference scorer's rules and are what the confidence is calibrated on.

use std::ops::ControlFlow;
use std::path::Path;
use std::sync::Arc;

use super::super::entities::{Mention, group_mentions};
use super::super::marks::find_quoted;
use super::super::phrases::Tokens;
use super::super::speakers::guess_unattributed;
use super::super::words::Words;
use super::super::{FoundQuote, find_quotes, tagged};
use super::calibration::{Calibration, Signals};
use super::context::Context;
use super::weights::TableLearner;
use super::{AttributionModel, content, cues, source};
use crate::eval::{Corpus, ScoredArticle, Scores, Spans, matches, score};
use crate::format::FileError;
use crate::model::{Annotations, Origin, Span, Status, TextIndex};
use crate::tagger::Tagger;
use crate::tagger::clusters::WordClasses;
use crate::tagger::perceptron::XorShift;

/// One attribution as char spans.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GoldQuote {
    pub content: Spans,
    pub cue: Spans,
    pub source: Spans,
}

/// An article with its attributions.
#[derive(Debug, Clone, Default)]
pub struct TrainingArticle {
    pub name: String,
    pub text: String,
    pub quotes: Vec<GoldQuote>,
    /// Char spans of quotes nobody has decided yet: the sentences they
    /// touch teach nothing about cues.
    pub undecided: Spans,
}

/// The articles of a PolNeAR split (`attributions/` and `text/`), one
/// annotator's file per article, by name.
pub fn read_polnear(dir: &Path) -> Result<Vec<TrainingArticle>, FileError> {
    let corpus = crate::eval::read_corpus(dir)?;
    Ok(corpus
        .into_iter()
        .map(|(name, article)| TrainingArticle {
            name,
            quotes: article
                .quotes
                .into_iter()
                .map(|q| GoldQuote {
                    content: q.content,
                    cue: q.cue,
                    source: q.source,
                })
                .collect(),
            text: article.text,
            undecided: Vec::new(),
        })
        .collect())
}

/// The training article of a reviewed annotation file; None when its
/// review has not started.
pub fn reviewed_article(doc: &Annotations) -> Option<TrainingArticle> {
    if !doc.review_started() {
        return None;
    }
    let spans = |s: &[Span]| s.iter().map(|s| (s.start, s.end)).collect::<Spans>();
    let mut article = TrainingArticle {
        name: doc.document.name.clone(),
        text: doc.text().to_owned(),
        ..TrainingArticle::default()
    };
    for q in &doc.quotes {
        let decided_yes = matches!(q.status, Status::Accepted | Status::Edited)
            || q.origin == Origin::Manual && q.status != Status::Rejected;
        if decided_yes {
            article.quotes.push(GoldQuote {
                content: spans(&q.content),
                cue: spans(q.cue.as_slice()),
                source: spans(q.source.as_slice()),
            });
        } else if q.status == Status::Pending {
            article.undecided.extend(spans(&q.content));
            article.undecided.extend(spans(q.cue.as_slice()));
        }
    }
    Some(article)
}

/// An article ready for training: the entity mentions the tagger finds
/// in it (computed once, not every epoch) and its gold as scored.
pub struct Prepared {
    pub article: TrainingArticle,
    mentions: Vec<Mention>,
    /// The word classes of the tagger that found the mentions (one table
    /// for all articles).
    classes: Arc<WordClasses>,
    gold: ScoredArticle,
}

/// Tags the entities of every article, once.
pub fn prepare(articles: Vec<TrainingArticle>, tagger: &Tagger) -> Vec<Prepared> {
    let classes = Arc::new(tagger.model().lookups().classes.clone());
    articles
        .into_iter()
        .map(|article| {
            let words = Words::new(&article.text);
            let mentions = tagged::find_mentions_tagged(
                tagger.tag(&article.text),
                &words,
                &tagger.model().lookups().gazetteer,
            );
            let gold = ScoredArticle::gold(
                article.text.clone(),
                article
                    .quotes
                    .iter()
                    .map(|q| (q.content.clone(), q.source.clone(), q.cue.clone())),
            );
            Prepared {
                article,
                mentions,
                classes: Arc::clone(&classes),
                gold,
            }
        })
        .collect()
}

/// How a training run goes.
#[derive(Debug, Clone)]
pub struct LearningOptions {
    pub epochs: usize,
    /// Seeds the order articles are seen in; the same seed and inputs give
    /// the same model.
    pub seed: u64,
}

impl Default for LearningOptions {
    fn default() -> LearningOptions {
        LearningOptions {
            epochs: 10,
            seed: 1,
        }
    }
}

/// Runs `f` on the context of an article: its words, quotes in marks, the
/// rules' quotes and the tagger's mentions.
fn with_context<R>(p: &Prepared, f: impl FnOnce(&Context) -> R) -> R {
    let mut words = Words::new(&p.article.text);
    let quoted = find_quoted(&words);
    words.mark_quoted(&quoted);
    let rule_quotes = find_quotes(&words, &quoted);
    let ctx = Context::new(&words, &quoted, &rule_quotes, &p.mentions, &p.classes);
    f(&ctx)
}

/// A gold attribution in tokens.
struct GoldTokens {
    cue: Option<Tokens>,
    content: Vec<Tokens>,
    source: Vec<usize>,
}

fn to_tokens(words: &Words, index: &TextIndex, spans: &Spans) -> Vec<Tokens> {
    spans
        .iter()
        .filter_map(|&(a, b)| words.tokens_of((index.byte(a), index.byte(b))))
        .collect()
}

fn gold_tokens(ctx: &Context, article: &TrainingArticle) -> (Vec<GoldTokens>, Vec<Option<usize>>) {
    let words = ctx.words;
    let index = TextIndex::new(&article.text);
    let gold: Vec<GoldTokens> = article
        .quotes
        .iter()
        .map(|q| {
            let mut content = to_tokens(words, &index, &q.content);
            content.sort_unstable();
            let mut source: Vec<usize> = to_tokens(words, &index, &q.source)
                .into_iter()
                .flat_map(|(a, b)| a..b)
                .collect();
            source.sort_unstable();
            source.dedup();
            GoldTokens {
                cue: to_tokens(words, &index, &q.cue).first().copied(),
                content,
                source,
            }
        })
        .collect();
    let mut truth = vec![Some(cues::OUTSIDE); ctx.len()];
    for (a, b) in gold.iter().filter_map(|g| g.cue) {
        // The cue begins at its head: "has learned", "also views" and
        // "the reports said" put no cue on "has", "also" or "the", which
        // the tagger would otherwise learn to start cues on anywhere.
        let head = cue_head(ctx, (a, b));
        truth[a..head].iter_mut().for_each(|t| *t = None);
        truth[head] = Some(cues::BEGIN);
        truth[head + 1..b]
            .iter_mut()
            .for_each(|t| *t = Some(cues::INSIDE));
    }
    for (a, b) in to_tokens(words, &index, &article.undecided) {
        let (first, _) = words.sentence_of(a);
        let (_, last) = words.sentence_of(b - 1);
        truth[first..last].iter_mut().for_each(|t| *t = None);
    }
    (gold, truth)
}

/// The head of a gold cue: its first listed speech, belief or naming word,
/// statement noun or cue noun, else its first word that is no function
/// or bridge word ("has", "also"), else its first token.
fn cue_head(ctx: &Context, (a, b): Tokens) -> usize {
    use super::super::words::class;
    let words = ctx.words;
    let listed = class::SPEECH
        | class::COGNITION
        | class::NAMING
        | class::STATEMENT
        | class::SPEECH_NOUN
        | class::NOUN_USE;
    (a..b)
        .find(|&k| words.is(k, listed))
        .or_else(|| {
            (a..b).find(|&k| {
                words.is(k, class::WORD) && !words.is(k, class::FUNCTION | class::BRIDGE)
            })
        })
        .unwrap_or(a)
}

/// Learns a model from `articles`, starting from `start` (a shipped model,
/// to add what reviewed files teach) or from nothing; `on_epoch` hears of
/// each pass done.
pub fn train(
    articles: &[Prepared],
    start: Option<&AttributionModel>,
    options: &LearningOptions,
    on_epoch: impl FnMut(usize),
) -> AttributionModel {
    train_indexed(articles.len(), |i| &articles[i], start, options, on_epoch)
}

/// The model's quotes of an article, as an annotation file holds them
/// (quotes only; no entities, no speakers), in the order of `found`. A
/// direct quote with no source takes the person named just before it, as
/// `extract` does, so that what is scored is what `extract` writes.
fn predict(model: &AttributionModel, p: &Prepared) -> (Annotations, Vec<FoundQuote>) {
    with_context(p, |ctx| {
        let mut found = model.find(ctx);
        let groups = group_mentions(&p.article.text, &p.mentions);
        guess_unattributed(ctx.words, &groups, &mut found);
        let mut doc = Annotations::new(p.article.name.clone(), p.article.text.clone());
        let index = TextIndex::new(&p.article.text);
        doc.quotes = found
            .iter()
            .enumerate()
            .map(|(i, q)| super::super::quote_of(ctx.words, &index, i, q, None))
            .collect();
        (doc, found)
    })
}

/// What predicting a set of articles gave: the scores, and each quote's
/// calibration signals with whether it was right.
pub struct Measured {
    pub report: Scores,
    pub samples: Vec<(Signals, f32, bool)>,
    /// The predicted quotes of each article, as annotation files.
    pub predictions: Vec<Annotations>,
}

/// A predicted quote is right when it matches a gold attribution and,
/// where the gold names a source, its source overlaps that source.
fn right_quotes(gold: &ScoredArticle, pred: &ScoredArticle) -> Vec<bool> {
    let mut right = vec![false; pred.quotes.len()];
    for (g, p) in matches(gold, pred) {
        let (gq, pq) = (&gold.quotes[g], &pred.quotes[p]);
        let overlaps = gq
            .source
            .iter()
            .any(|&(a, b)| pq.source.iter().any(|&(c, d)| a < d && c < b));
        right[p] = gq.source.is_empty() || overlaps;
    }
    right
}

/// Scores `model` on `articles`, which it must not have learnt from.
pub fn measure(model: &AttributionModel, articles: &[Prepared]) -> Measured {
    let mut scored = Scoring::default();
    for p in articles {
        scored.add(model, p);
    }
    Measured {
        report: score(&scored.gold, &scored.pred),
        samples: scored.samples,
        predictions: scored.predictions,
    }
}

/// Predictions gathered for scoring, with their calibration samples.
#[derive(Default)]
struct Scoring {
    gold: Corpus,
    pred: Corpus,
    samples: Vec<(Signals, f32, bool)>,
    predictions: Vec<Annotations>,
}

impl Scoring {
    fn add(&mut self, model: &AttributionModel, p: &Prepared) {
        let (doc, found) = predict(model, p);
        let predicted = ScoredArticle::of_annotations(&doc);
        let right = right_quotes(&p.gold, &predicted);
        for (q, right) in found.iter().zip(right) {
            if let Some(e) = &q.evidence {
                self.samples.push((e.signals(), q.confidence, right));
            }
        }
        self.gold.insert(p.article.name.clone(), p.gold.clone());
        self.pred.insert(p.article.name.clone(), predicted);
        self.predictions.push(doc);
    }
}

/// What cross-validation gave: the pooled scores of the held-out folds,
/// each fold's own, and the calibration signals of every held-out quote.
pub struct CrossValidation {
    pub report: Scores,
    pub folds: Vec<Scores>,
    pub samples: Vec<(Signals, f32, bool)>,
    /// The held-out predictions of every article, as annotation files.
    pub predictions: Vec<Annotations>,
}

/// Trains on all folds but one and predicts that one, for each of `folds`
/// folds (article `i` is in fold `i % folds`); `on_fold` hears of each
/// fold done and may stop the run.
pub fn cross_validate<B>(
    articles: &[Prepared],
    folds: usize,
    options: &LearningOptions,
    mut on_fold: impl FnMut(usize, &Scores) -> ControlFlow<B>,
) -> ControlFlow<B, CrossValidation> {
    let folds = folds.max(2);
    let mut all = Scoring::default();
    let mut reports = Vec::new();
    for fold in 0..folds {
        let in_fold = |i: &usize| i % folds == fold;
        let held: Vec<&Prepared> = (0..articles.len())
            .filter(in_fold)
            .map(|i| &articles[i])
            .collect();
        let training: Vec<&Prepared> = (0..articles.len())
            .filter(|i| !in_fold(i))
            .map(|i| &articles[i])
            .collect();
        let model = train_indexed(training.len(), |i| training[i], None, options, |_| {});
        let mut scored = Scoring::default();
        for p in held {
            scored.add(&model, p);
        }
        let report = score(&scored.gold, &scored.pred);
        on_fold(fold, &report)?;
        reports.push(report);
        all.gold.extend(scored.gold);
        all.pred.extend(scored.pred);
        all.samples.extend(scored.samples);
        all.predictions.extend(scored.predictions);
    }
    ControlFlow::Continue(CrossValidation {
        report: score(&all.gold, &all.pred),
        folds: reports,
        samples: all.samples,
        predictions: all.predictions,
    })
}

/// The loop of [`train`], over articles given by index.
fn train_indexed<'a>(
    count: usize,
    article: impl Fn(usize) -> &'a Prepared,
    start: Option<&AttributionModel>,
    options: &LearningOptions,
    mut on_epoch: impl FnMut(usize),
) -> AttributionModel {
    let base = start.cloned().unwrap_or_default();
    let mut cue_learner = TableLearner::new(&base.cues);
    let mut content_learner = TableLearner::new(&base.content);
    let mut source_learner = TableLearner::new(&base.source);
    let mut order: Vec<usize> = (0..count).collect();
    let mut rng = XorShift::new(options.seed);
    let mut buf = Vec::new();
    for epoch in 1..=options.epochs {
        rng.shuffle(&mut order);
        for &d in &order {
            let p = article(d);
            with_context(p, |ctx| {
                let (gold, truth) = gold_tokens(ctx, &p.article);
                cues::learn(&mut cue_learner, ctx, &truth);
                for g in &gold {
                    let Some(cue) = g.cue else {
                        continue;
                    };
                    let content_words = content::word_tokens(ctx, &g.content);
                    content::learn(&mut content_learner, ctx, cue, &content_words, &mut buf);
                    source::learn(
                        &mut source_learner,
                        ctx,
                        cue,
                        &g.content,
                        &g.source,
                        &mut buf,
                    );
                }
            });
        }
        on_epoch(epoch);
    }
    AttributionModel {
        cues: cue_learner.averaged(),
        content: content_learner.averaged(),
        source: source_learner.averaged(),
        calibration: base.calibration,
    }
}

/// `model` with its confidence calibrated on `samples` (signals of quotes
/// predicted on articles it had not learnt from, and whether each was right).
pub fn calibrated(
    mut model: AttributionModel,
    samples: &[(Signals, f32, bool)],
) -> AttributionModel {
    let pairs: Vec<(Signals, bool)> = samples.iter().map(|&(s, _, r)| (s, r)).collect();
    model.calibration = Calibration::fit(&pairs);
    model
}

/// One bin of confidence: how many quotes fell in it and how many were right.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ConfidenceBin {
    pub from: f32,
    pub to: f32,
    pub quotes: usize,
    pub right: usize,
    pub mean_confidence: f32,
}

/// Quotes by confidence in bins of a tenth, with the share right in each.
pub fn confidence_bins(samples: &[(Signals, f32, bool)]) -> Vec<ConfidenceBin> {
    (0..10)
        .map(|b| {
            let (from, to) = (b as f32 / 10.0, (b + 1) as f32 / 10.0);
            let inside: Vec<&(Signals, f32, bool)> = samples
                .iter()
                .filter(|s| s.1 >= from && (s.1 < to || b == 9 && s.1 <= to))
                .collect();
            let mean = if inside.is_empty() {
                0.0
            } else {
                inside.iter().map(|s| s.1).sum::<f32>() / inside.len() as f32
            };
            ConfidenceBin {
                from,
                to,
                quotes: inside.len(),
                right: inside.iter().filter(|s| s.2).count(),
                mean_confidence: mean,
            }
        })
        .collect()
}

/// The first `share` of `articles` in an order shuffled by `seed`, for a
/// learning curve.
pub fn subset(mut articles: Vec<Prepared>, share: f64, seed: u64) -> Vec<Prepared> {
    let mut order: Vec<usize> = (0..articles.len()).collect();
    XorShift::new(seed ^ 0x5u64).shuffle(&mut order);
    let keep = ((articles.len() as f64 * share).round() as usize).clamp(1, articles.len().max(1));
    let mut chosen: Vec<bool> = vec![false; articles.len()];
    for &i in order.iter().take(keep) {
        chosen[i] = true;
    }
    let mut i = 0;
    articles.retain(|_| {
        i += 1;
        chosen[i - 1]
    });
    articles
}
