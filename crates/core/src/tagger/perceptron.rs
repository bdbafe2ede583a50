//! Greedy left-to-right tagging with an averaged perceptron: each token gets
//! the best tag its features and the two tags before it allow, and training
//! nudges the weights whenever that tag is wrong.

use std::convert::Infallible;
use std::ops::{ControlFlow, Range};

use super::clusters::{self, WordClasses};
use super::features::{
    DocumentFeatures, FeatureBuilder, IdMap, Lookups, TypeMemory, WORD_OFFSETS, document_features,
    history_features, tagging_order,
};
use super::gazetteer::Gazetteer;
use super::model::Model;
use super::paths::WordPaths;
use super::score::SpanScores;
use super::tags::{TAG_COUNT, Tag};
use super::text::{LabeledText, TokenizedText};

/// Scores of every tag for one token.
pub type Scores = [f32; TAG_COUNT];

/// Anything that holds a weight for each (feature, tag).
pub trait Weights {
    /// Adds the weights of `feature` to `scores`; unknown features add nothing.
    fn add_scores(&self, feature: u64, scores: &mut Scores);
}

/// The best tag that may follow `previous` (and end the sentence if `last`).
fn best_tag(scores: &Scores, previous: Option<Tag>, last: bool) -> Tag {
    let mut best = Tag::OUTSIDE;
    let mut best_score = f32::NEG_INFINITY;
    for (i, &score) in scores.iter().enumerate() {
        let tag = Tag::from_index(i);
        if score > best_score && tag.may_follow(previous, last) {
            best = tag;
            best_score = score;
        }
    }
    best
}

/// Where the walk reads the features of each sentence: the feature ids of
/// each token, and scores some of its features add already (empty, or one
/// per token of the sentence).
trait SentenceFeatures {
    fn of_sentence(&mut self, sentence: Range<usize>) -> (&DocumentFeatures, &[Scores]);
}

/// Computed once for the whole document, every feature listed: training
/// walks it every epoch, with weights that change as it goes.
impl SentenceFeatures for &DocumentFeatures {
    fn of_sentence(&mut self, _: Range<usize>) -> (&DocumentFeatures, &[Scores]) {
        (self, &[])
    }
}

/// Computed for each sentence as it comes: tagging walks once, and a large
/// article's features would not fit in memory all at once. The features of
/// single words (see [`FeatureBuilder::word_features`]) are scored once per
/// distinct word and place: most words recur, and this halves the weight
/// lookups that tagging time is made of. The weights are fixed while a
/// document is tagged, and integer-valued in a model, so the sums are the
/// ones adding each feature would give.
struct OneSentenceAtATime<'a, W> {
    builder: FeatureBuilder<'a>,
    weights: &'a W,
    current: DocumentFeatures,
    word_scores: Vec<Scores>,
    cache: IdMap<Scores>,
    buffer: Vec<u64>,
}

/// Distinct (word, place) scores kept at most: an article of 50 MB must not
/// keep millions of them. When full, the cache starts again.
const CACHED_WORDS: usize = 1 << 18;

impl<W: Weights> OneSentenceAtATime<'_, W> {
    fn scores_of_word(&mut self, i: usize, offset: isize) -> Scores {
        let key = self.builder.word_key(i, offset);
        if let Some(&scores) = self.cache.get(&key) {
            return scores;
        }
        if self.cache.len() >= CACHED_WORDS {
            self.cache.clear();
        }
        self.buffer.clear();
        self.builder.word_features(i, offset, &mut self.buffer);
        let mut scores = [0.0; TAG_COUNT];
        for &f in &self.buffer {
            self.weights.add_scores(f, &mut scores);
        }
        self.cache.insert(key, scores);
        scores
    }
}

impl<W: Weights> SentenceFeatures for OneSentenceAtATime<'_, W> {
    fn of_sentence(&mut self, sentence: Range<usize>) -> (&DocumentFeatures, &[Scores]) {
        self.builder
            .fill_context(sentence.clone(), &mut self.current);
        self.word_scores.clear();
        for i in sentence {
            let mut total = [0.0; TAG_COUNT];
            for offset in WORD_OFFSETS {
                let scores = self.scores_of_word(i, offset);
                for (t, s) in total.iter_mut().zip(scores) {
                    *t += s;
                }
            }
            self.word_scores.push(total);
        }
        (&self.current, &self.word_scores)
    }
}

/// Walks the sentences of `doc` (in [`tagging_order`]: title-case headlines
/// last), each left to right, choosing each token's tag with `weights`;
/// `on_token(token, features, chosen)` sees every decision (the trainer
/// learns there) and may stop the walk. Tokens outside every sentence stay
/// Outside.
fn walk<W: Weights, B>(
    weights: &mut W,
    doc: &TokenizedText,
    mut features: impl SentenceFeatures,
    mut on_token: impl FnMut(&mut W, usize, &[u64], &[u64], Tag) -> ControlFlow<B>,
) -> ControlFlow<B, Vec<Tag>> {
    let mut tags = vec![Tag::OUTSIDE; doc.tokens.len()];
    let mut memory = TypeMemory::default();
    let mut history = Vec::with_capacity(8);
    for s in tagging_order(doc) {
        let sentence = &doc.sentences[s];
        let (features, word_scores) = features.of_sentence(sentence.clone());
        let mut previous = [None, None];
        for i in sentence.clone() {
            history_features(features, i, previous, &memory, &mut history);
            let mut scores =
                (word_scores.get(i - sentence.start).copied()).unwrap_or([0.0; TAG_COUNT]);
            for &f in features.of_token(i).iter().chain(&history) {
                weights.add_scores(f, &mut scores);
            }
            let tag = best_tag(&scores, previous[0], i + 1 == sentence.end);
            on_token(weights, i, features.of_token(i), &history, tag)?;
            memory.remember(features, i, tag);
            tags[i] = tag;
            previous = [Some(tag), previous[0]];
        }
    }
    ControlFlow::Continue(tags)
}

/// The tag of every token of `doc` (Outside where no sentence covers it).
pub fn tag_document<W: Weights>(weights: &W, lookups: &Lookups, doc: &TokenizedText) -> Vec<Tag> {
    let ControlFlow::Continue(tags) = tag_document_observed::<W, Infallible>(
        weights,
        lookups,
        doc,
        |_| ControlFlow::Continue(()),
    );
    tags
}

/// Tokens between two reports of how far tagging is: often enough for a
/// smooth progress bar, rare enough to cost nothing.
const REPORT_EVERY: usize = 4096;

/// [`tag_document`], telling `observe` the share of tokens tagged now and
/// then; `observe` may stop it (a person cancelled).
pub fn tag_document_observed<W: Weights, B>(
    weights: &W,
    lookups: &Lookups,
    doc: &TokenizedText,
    mut observe: impl FnMut(f32) -> ControlFlow<B>,
) -> ControlFlow<B, Vec<Tag>> {
    let builder = FeatureBuilder::new(doc, lookups);
    let features = OneSentenceAtATime {
        current: builder.empty(),
        builder,
        weights,
        word_scores: Vec::new(),
        cache: IdMap::default(),
        buffer: Vec::new(),
    };
    let mut shared = weights;
    let total = doc.tokens.len().max(1) as f32;
    // Counted, not read off the token index: headlines are walked last.
    let mut walked = 0usize;
    walk(&mut shared, doc, features, |_, _, _, _, _| {
        walked += 1;
        if walked % REPORT_EVERY == 1 {
            observe((walked - 1) as f32 / total)
        } else {
            ControlFlow::Continue(())
        }
    })
}

impl<W: Weights> Weights for &W {
    fn add_scores(&self, feature: u64, scores: &mut Scores) {
        (**self).add_scores(feature, scores);
    }
}

/// Weights being learnt. Averaging uses the usual trick: besides each
/// weight, keep the sum of its updates times the moment they were made; the
/// average over all moments is then `weight - sum / moments`. Weights may
/// start from those of a trained model, which then stay fixed.
#[derive(Default)]
struct Learner {
    rows: IdMap<u32>,
    weights: Vec<f32>,
    timed_updates: Vec<f64>,
    moment: i64,
    /// Rows below this one hold the weights of the model training started
    /// from, and stay as they are.
    fixed_rows: usize,
}

impl Weights for Learner {
    fn add_scores(&self, feature: u64, scores: &mut Scores) {
        if let Some(&row) = self.rows.get(&feature) {
            let row = row as usize * TAG_COUNT;
            for (s, w) in scores.iter_mut().zip(&self.weights[row..row + TAG_COUNT]) {
                *s += *w;
            }
        }
    }
}

impl Learner {
    /// A learner whose weights start as those of a trained model.
    fn starting_from(model: &Model) -> Learner {
        let mut learner = Learner::default();
        let mut rows: Vec<(u64, Scores)> = model.learnt_weights().collect();
        // In feature order, so that the same model gives the same learner.
        rows.sort_unstable_by_key(|r| r.0);
        for (feature, weights) in rows {
            let row = learner.row(feature);
            learner.weights[row * TAG_COUNT..(row + 1) * TAG_COUNT].copy_from_slice(&weights);
        }
        learner.fixed_rows = learner.rows.len();
        learner
    }

    /// The row of `feature`, added if new.
    fn row(&mut self, feature: u64) -> usize {
        let next_row = self.rows.len() as u32;
        let row = *self.rows.entry(feature).or_insert(next_row) as usize;
        if row == self.weights.len() / TAG_COUNT {
            self.weights.extend([0.0; TAG_COUNT]);
            self.timed_updates.extend([0.0; TAG_COUNT]);
        }
        row
    }

    fn update(&mut self, features: &[u64], truth: Tag, guess: Tag) {
        for &feature in features {
            let row = self.row(feature);
            if row < self.fixed_rows {
                continue;
            }
            for (tag, delta) in [(truth, 1.0), (guess, -1.0)] {
                let cell = row * TAG_COUNT + tag.index();
                self.weights[cell] += delta;
                self.timed_updates[cell] += self.moment as f64 * delta as f64;
            }
        }
    }

    /// The averaged weights, one row per feature, in feature order.
    fn averaged(&self) -> Vec<(u64, Scores)> {
        let moments = self.moment.max(1) as f64;
        let mut rows: Vec<(u64, Scores)> = self
            .rows
            .iter()
            .map(|(&feature, &row)| {
                let row = row as usize * TAG_COUNT;
                let mut averaged = [0.0; TAG_COUNT];
                for (t, a) in averaged.iter_mut().enumerate() {
                    *a = (f64::from(self.weights[row + t]) - self.timed_updates[row + t] / moments)
                        as f32;
                }
                (feature, averaged)
            })
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        rows
    }
}

/// How a training run goes.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    pub epochs: usize,
    /// Seeds the order documents are seen in; the same seed and inputs give
    /// the same model, byte for byte.
    pub seed: u64,
    /// The model keeps at most this many features, those with the largest
    /// weights, so that the file stays small.
    pub max_features: usize,
    /// Whether the gazetteer takes in the bundled name lists (off only to
    /// measure what they add).
    pub name_lists: bool,
    /// Whether the features use the bundled word classes (off only to
    /// measure what they add).
    pub word_classes: bool,
    /// Whether the features use the bundled word paths (off only to
    /// measure what they add).
    pub word_paths: bool,
    /// How many of the training documents, from the first, are part of
    /// the text the bundled word classes were learnt from (CoNLL-2003
    /// train is; reviewed files are not): only these owe words their
    /// classes (see [`clusters::owed_to_each`]). None by default.
    pub in_class_text: usize,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            epochs: 12,
            seed: 1,
            max_features: 200_000,
            name_lists: true,
            word_classes: true,
            word_paths: true,
            in_class_text: 0,
        }
    }
}

/// What training reports as it goes, for a progress bar and a log.
pub enum TrainEvent {
    /// One more document learnt from.
    Document,
    /// An epoch is over; `validation` is the score on the validation
    /// documents, if any were given, of the model as it would be saved now.
    Epoch {
        epoch: usize,
        validation: Option<SpanScores>,
    },
}

/// Learns a model from `training` documents, scoring it on `validation`
/// after each epoch.
pub fn train(
    training: &[LabeledText],
    validation: &[LabeledText],
    options: &TrainOptions,
    on_event: impl FnMut(TrainEvent),
) -> Model {
    let lookups = Lookups {
        gazetteer: if options.name_lists {
            Gazetteer::learn_with_lists(training)
        } else {
            Gazetteer::learn(training)
        },
        classes: if options.word_classes {
            WordClasses::bundled()
        } else {
            WordClasses::default()
        },
        paths: if options.word_paths {
            WordPaths::bundled()
        } else {
            WordPaths::default()
        },
    };
    let names = Gazetteer::owed_to_each(training, &Gazetteer::default());
    let mut words = Vec::new();
    if options.word_classes {
        // The table keeps the words seen at least its rarest word's times.
        let counts = clusters::bundled_counts();
        let min_count = counts.values().copied().min().unwrap_or(0);
        let in_class_text = options.in_class_text.min(training.len());
        words = clusters::owed_to_each(&training[..in_class_text], &counts, min_count);
    }
    // The documents after those owe no word its class.
    words.resize(training.len(), Vec::new());
    let owed: Vec<Owed> = names
        .into_iter()
        .zip(words)
        .map(|(names, words)| Owed { names, words })
        .collect();
    learn(
        Learner::default(),
        lookups,
        &owed,
        training,
        validation,
        options,
        on_event,
    )
}

/// Goes on training `start` on `training` documents: a newsroom without the
/// original training corpus teaches the shipped model its reviewed files.
/// Every weight `start` has stays as it is; the new documents add weights
/// only for features it does not have (their names, words and contexts), so
/// the model keeps what it knew. Letting its weights move too was measured
/// to forget: a few hundred mistakes on a small set pull the features every
/// token has (the tags before, shapes) their way, and on CoNLL-2003 text
/// neither side had seen, F1 fell by half a point to a point, whatever the
/// step. Its gazetteer and word classes are kept, and the names the new
/// documents show as entities in two of them or more are added.
pub fn train_from(
    start: &Model,
    training: &[LabeledText],
    validation: &[LabeledText],
    options: &TrainOptions,
    on_event: impl FnMut(TrainEvent),
) -> Model {
    let mut lookups = start.lookups().clone();
    lookups.gazetteer.merge(&Gazetteer::learn(training));
    // The new documents are no part of the text the word classes were
    // learnt from: they owe no word its class.
    let owed: Vec<Owed> = Gazetteer::owed_to_each(training, &start.lookups().gazetteer)
        .into_iter()
        .map(|names| Owed {
            names,
            words: Vec::new(),
        })
        .collect();
    learn(
        Learner::starting_from(start),
        lookups,
        &owed,
        training,
        validation,
        options,
        on_event,
    )
}

/// What the lookups hold only because of one training document: hidden
/// while its features are computed, so that training sees the lookups as
/// new text does.
struct Owed {
    /// Gazetteer entries (see [`Gazetteer::owed_to_each`]).
    names: Vec<(u64, u16)>,
    /// Words with a class (see [`clusters::owed_to_each`]).
    words: Vec<u64>,
}

/// The epochs of training, from `learner`'s weights on; the features of
/// training document `d` are computed with what it owes the lookups,
/// `owed[d]`, hidden.
fn learn(
    mut learner: Learner,
    mut lookups: Lookups,
    owed: &[Owed],
    training: &[LabeledText],
    validation: &[LabeledText],
    options: &TrainOptions,
    mut on_event: impl FnMut(TrainEvent),
) -> Model {
    let features: Vec<DocumentFeatures> = training
        .iter()
        .zip(owed)
        .map(|(d, owed)| {
            lookups.gazetteer.hide(&owed.names);
            let classes = lookups.classes.take(&owed.words);
            let features = document_features(&d.doc, &lookups);
            lookups.gazetteer.unhide(&owed.names);
            lookups.classes.restore(classes);
            features
        })
        .collect();
    let mut order: Vec<usize> = (0..training.len()).collect();
    let mut rng = XorShift::new(options.seed);
    let mut model = Model::new(lookups.clone(), &learner.averaged(), options.max_features);
    for epoch in 1..=options.epochs {
        rng.shuffle(&mut order);
        for &d in &order {
            let labeled = &training[d];
            let ControlFlow::Continue(_) = walk(
                &mut learner,
                &labeled.doc,
                &features[d],
                |learner, i, fixed, history, guess| {
                    let truth = labeled.tags[i];
                    if guess != truth {
                        learner.update(fixed, truth, guess);
                        learner.update(history, truth, guess);
                    }
                    learner.moment += 1;
                    ControlFlow::<Infallible>::Continue(())
                },
            );
            on_event(TrainEvent::Document);
        }
        model = Model::new(lookups.clone(), &learner.averaged(), options.max_features);
        let validation = (!validation.is_empty()).then(|| SpanScores::of_model(&model, validation));
        on_event(TrainEvent::Epoch { epoch, validation });
    }
    model
}

/// A small seeded generator for shuffling: xorshift64*.
pub(crate) struct XorShift(u64);

impl XorShift {
    pub(crate) fn new(seed: u64) -> XorShift {
        // Zero is xorshift's one fixed point; any other start will do. A
        // plain xor keeps each seed's start its own (setting the low bit,
        // as this once did, gave seeds 2 and 3 the same order) and odd
        // seeds, the default 1 among them, the start they always had. The
        // one seed that would start at zero shares seed 1's start.
        const MIX: u64 = 0x9e37_79b9_7f4a_7c14;
        XorShift(match seed ^ MIX {
            0 => MIX ^ 1,
            start => start,
        })
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Fisher–Yates.
    pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tagger::Tagger;

    /// The seed a user gives chooses the training order: two seeds never
    /// train one model.
    #[test]
    fn every_seed_shuffles_in_its_own_order() {
        let orders: Vec<Vec<u32>> = (0..16)
            .map(|seed| {
                let mut order: Vec<u32> = (0..32).collect();
                XorShift::new(seed).shuffle(&mut order);
                order
            })
            .collect();
        for (a, first) in orders.iter().enumerate() {
            for (b, second) in orders.iter().enumerate().skip(a + 1) {
                assert_ne!(first, second, "seeds {a} and {b} shuffle alike");
            }
        }
    }

    /// Tagging scores the features of each distinct word once; the tags must
    /// be those that adding every feature of every token gives, which is
    /// how training reads a document.
    #[test]
    fn scoring_words_once_tags_as_scoring_every_feature() {
        let model = Tagger::bundled().model();
        let text = "WASHINGTON (Reuters) - Secretary of State Ruth Okafor met Sergei Lavrov \
            in Geneva on Friday. Okafor said the talks with Russia were useful.\n\n\
            Lavrov, the Russian foreign minister, told reporters in Geneva that Moscow \
            wanted guarantees. The Bank of America and the University of Toronto \
            were not named. Okafor flew back to Washington on Saturday.";
        let doc = TokenizedText::new(text.repeat(3));
        let every_feature = document_features(&doc, model.lookups());
        let ControlFlow::Continue(expected) =
            walk(&mut &*model, &doc, &every_feature, |_, _, _, _, _| {
                ControlFlow::<Infallible>::Continue(())
            });
        let tagged = tag_document(model, model.lookups(), &doc);
        assert_eq!(tagged, expected);
        assert!(tagged.iter().filter(|t| t.entity().is_some()).count() >= 12);
    }
}
