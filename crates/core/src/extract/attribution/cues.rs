//! Cues: the words that say someone said, wrote, thought or meant
//! something ("said", "according to", "accused", "her warning that").
//! Each token is tagged Outside, Begin or Inside of a cue, left to right,
//! from its word, stem and neighbours, its shape, quotation marks near it,
//! the entity before it and what the rules made of it; PolNeAR marks more
//! than seven thousand different cue phrases, so the word lists of the rules
//! are only one feature among many.

use super::super::phrases::Tokens;
use super::context::{Context, distance_bin, rule};
use super::weights::{Table, TableLearner};
use crate::tagger::features::FeatureHash;

pub const OUTSIDE: usize = 0;
pub const BEGIN: usize = 1;
pub const INSIDE: usize = 2;
pub const TAGS: usize = 3;

/// A cue found, with how sure the tagger was of its first token (the
/// score of Begin over the best other tag).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cue {
    pub tokens: Tokens,
    pub margin: f32,
}

// Templates.
const BIAS: u8 = 0;
const LOWER: u8 = 1;
const STEM: u8 = 2;
const SUFFIX: u8 = 3;
const SHAPE: u8 = 4;
const PREV: u8 = 5;
const NEXT: u8 = 6;
const PREV2: u8 = 7;
const NEXT2: u8 = 8;
const PREV_LOWER: u8 = 9;
const LOWER_NEXT: u8 = 10;
const STEM_NEXT: u8 = 11;
const CLASSES: u8 = 12;
const PREV_SHAPE_STEM: u8 = 13;
const NEXT_SHAPE_STEM: u8 = 14;
const QUOTE_NEAR: u8 = 16;
const QUOTE_NEAR_STEM: u8 = 17;
const RULES: u8 = 18;
const RULES_STEM: u8 = 19;
const SENTENCE_START: u8 = 20;
const MENTION_BEFORE: u8 = 21;
const MENTION_BEFORE_STEM: u8 = 22;
const PREV_TAG: u8 = 23;
const PREV_TAG_LOWER: u8 = 24;
const PREV_TAG_SHAPE: u8 = 25;
const NEXT_CLASSES: u8 = 26;
const PREV_CLASSES: u8 = 27;
const SUBJECT_BEFORE: u8 = 28;
const SUBJECT_BEFORE_STEM: u8 = 29;
const CLAUSE_AFTER: u8 = 30;
const CLAUSE_AFTER_STEM: u8 = 31;
const PREV_STEM_STEM: u8 = 32;
const STEM_NEXT_STEM: u8 = 33;
const LAST_CUE: u8 = 34;
const LAST_CUE_STEM: u8 = 35;
const SPEECH_NEAR: u8 = 36;
const SPEECH_NEAR_CLASSES: u8 = 37;
const CLUSTER: u8 = 38;
const CLUSTER_PREV_SHAPE: u8 = 39;
const CLUSTER_NEXT: u8 = 40;

fn h(template: u8) -> FeatureHash {
    FeatureHash::new(template)
}

/// The features of token `i` that do not depend on the tags chosen.
pub fn token_features(ctx: &Context, i: usize, out: &mut Vec<u64>) {
    out.clear();
    let at = i as isize;
    let words = ctx.words;
    let lower = ctx.lower[i];
    let stem = ctx.stem[i];
    out.push(h(BIAS).finish());
    out.push(h(LOWER).word(lower).finish());
    out.push(h(STEM).word(stem).finish());
    out.push(h(SUFFIX).word(ctx.suffix[i]).finish());
    out.push(h(SHAPE).byte(ctx.shape[i]).finish());
    out.push(h(PREV).word(ctx.lower_at(at - 1)).finish());
    out.push(h(NEXT).word(ctx.lower_at(at + 1)).finish());
    out.push(h(PREV2).word(ctx.lower_at(at - 2)).finish());
    out.push(h(NEXT2).word(ctx.lower_at(at + 2)).finish());
    out.push(
        h(PREV_LOWER)
            .word(ctx.lower_at(at - 1))
            .word(lower)
            .finish(),
    );
    out.push(
        h(LOWER_NEXT)
            .word(lower)
            .word(ctx.lower_at(at + 1))
            .finish(),
    );
    out.push(h(STEM_NEXT).word(stem).word(ctx.lower_at(at + 1)).finish());
    // Word classes learnt from unlabelled news group verbs of speech the
    // training text shows rarely or never ("retaliated", "riffed") with
    // those it shows often.
    let [coarse, fine] = ctx.clusters[i];
    out.push(h(CLUSTER).word(u64::from(fine)).finish());
    out.push(
        h(CLUSTER_PREV_SHAPE)
            .word(u64::from(coarse))
            .byte(ctx.shape_at(at - 1))
            .finish(),
    );
    out.push(
        h(CLUSTER_NEXT)
            .word(u64::from(fine))
            .word(u64::from(ctx.clusters_at(at + 1)[0]))
            .finish(),
    );
    let classes = ctx.classes(i);
    out.push(h(CLASSES).word(u64::from(classes)).finish());
    let next_classes = if i + 1 < ctx.len() {
        ctx.classes(i + 1)
    } else {
        0
    };
    out.push(h(NEXT_CLASSES).word(u64::from(next_classes)).finish());
    let prev_classes = if i > 0 { ctx.classes(i - 1) } else { 0 };
    out.push(h(PREV_CLASSES).word(u64::from(prev_classes)).finish());
    out.push(
        h(PREV_SHAPE_STEM)
            .byte(ctx.shape_at(at - 1))
            .word(stem)
            .finish(),
    );
    out.push(
        h(NEXT_SHAPE_STEM)
            .byte(ctx.shape_at(at + 1))
            .word(stem)
            .finish(),
    );
    let near = quote_near(ctx, i);
    out.push(h(QUOTE_NEAR).byte(near).finish());
    out.push(h(QUOTE_NEAR_STEM).byte(near).word(stem).finish());
    let rules = ctx.rule[i] & (rule::CUE_DIRECT | rule::CUE_PARTIAL | rule::CUE_REPORTED);
    out.push(h(RULES).byte(rules).finish());
    out.push(h(RULES_STEM).byte(rules).word(stem).finish());
    let (s0, _) = words.sentence_of(i);
    out.push(h(SENTENCE_START).byte(distance_bin(i - s0)).finish());
    let before = if i > 0 { ctx.mention[i - 1] } else { 0 };
    out.push(h(MENTION_BEFORE).byte(before).finish());
    out.push(h(MENTION_BEFORE_STEM).byte(before & 7).word(stem).finish());
    let subject = subject_before(ctx, i, s0);
    out.push(h(SUBJECT_BEFORE).byte(subject).finish());
    out.push(h(SUBJECT_BEFORE_STEM).byte(subject).word(stem).finish());
    let clause = clause_after(ctx, i);
    out.push(h(CLAUSE_AFTER).byte(clause).finish());
    out.push(h(CLAUSE_AFTER_STEM).byte(clause).word(stem).finish());
    let prev_stem = if i > 0 { ctx.stem[i - 1] } else { 0 };
    let next_stem = ctx.stem.get(i + 1).copied().unwrap_or(0);
    out.push(h(PREV_STEM_STEM).word(prev_stem).word(stem).finish());
    out.push(h(STEM_NEXT_STEM).word(stem).word(next_stem).finish());
    let near = speech_near(ctx, i);
    out.push(h(SPEECH_NEAR).byte(near).finish());
    out.push(
        h(SPEECH_NEAR_CLASSES)
            .byte(near)
            .word(u64::from(classes))
            .finish(),
    );
}

/// How far the nearest listed speech or belief word of the sentence stands
/// before and after token `i` (binned, 9 for none), as one number: a cue
/// right after another is most often part of what was said ("Clinton said
/// she thinks …"), and one before a later "said" may be too.
fn speech_near(ctx: &Context, i: usize) -> u8 {
    use super::super::words::class;
    let words = ctx.words;
    let (s0, s1) = words.sentence_of(i);
    let cue = |k: &usize| words.is(*k, class::SPEECH | class::COGNITION) && !words.is_quoted(*k);
    let before = (s0.max(i.saturating_sub(15))..i)
        .rev()
        .find(cue)
        .map_or(9, |k| distance_bin(i - k - 1));
    let after = (i + 1..s1.min(i + 16))
        .find(cue)
        .map_or(9, |k| distance_bin(k - i - 1));
    before * 10 + after
}

/// What could be a speaker before token `i` in its sentence: the kind of
/// the nearest person, organisation or pronoun (1 to 3) and how far back
/// it is (binned), or 0 when there is none within reach.
fn subject_before(ctx: &Context, i: usize, s0: usize) -> u8 {
    let words = ctx.words;
    for k in (s0.max(i.saturating_sub(10))..i).rev() {
        let kind = match ctx.mention[k] & 7 {
            1 => 1,
            2 => 2,
            _ if words.is(k, super::super::words::class::PRONOUN) => 3,
            _ => continue,
        };
        return kind * 10 + distance_bin(i - k - 1);
    }
    0
}

/// What opens right after token `i`: "that" (1), a quotation mark (2), a
/// colon (3), "to" (4), a comma (5), within the next two tokens; else 0.
fn clause_after(ctx: &Context, i: usize) -> u8 {
    for k in i + 1..(i + 3).min(ctx.len()) {
        let w = ctx.words.word(k);
        let found = match ctx.shape[k] {
            super::context::shape::QUOTE_MARK => 2,
            super::context::shape::COLON => 3,
            super::context::shape::COMMA => 5,
            _ if w.eq_ignore_ascii_case("that") => 1,
            _ if w.eq_ignore_ascii_case("to") => 4,
            _ => continue,
        };
        return found + 10 * (k - i) as u8;
    }
    0
}

/// The features of the tags chosen before token `i`: the one right before,
/// and how far back the last cue of the sentence began (`since_cue`).
fn history_features(
    ctx: &Context,
    i: usize,
    previous: usize,
    since_cue: Option<usize>,
    out: &mut Vec<u64>,
) {
    out.clear();
    let p = previous as u8;
    out.push(h(PREV_TAG).byte(p).finish());
    out.push(h(PREV_TAG_LOWER).byte(p).word(ctx.lower[i]).finish());
    out.push(h(PREV_TAG_SHAPE).byte(p).byte(ctx.shape[i]).finish());
    let last = since_cue.map_or(9, distance_bin);
    out.push(h(LAST_CUE).byte(last).finish());
    out.push(h(LAST_CUE_STEM).byte(last).word(ctx.stem[i]).finish());
}

/// Where the nearest double quotation mark of the sentence stands: its
/// distance before and after token `i`, binned, as one number.
fn quote_near(ctx: &Context, i: usize) -> u8 {
    let words = ctx.words;
    let (s0, s1) = words.sentence_of(i);
    let mark = |k: &usize| ctx.shape[*k] == super::context::shape::QUOTE_MARK;
    let before = (s0.max(i.saturating_sub(12))..i)
        .rev()
        .find(mark)
        .map_or(9, |k| distance_bin(i - k - 1));
    let after = (i + 1..s1.min(i + 13))
        .find(mark)
        .map_or(9, |k| distance_bin(k - i - 1));
    before * 10 + after
}

/// Punctuation is no cue, except a colon ("Bush: “…”") and a dash
/// before a name ("― Martha Aguilar"): skipping the rest saves a sixth of
/// the lookups.
fn may_be_cue(ctx: &Context, i: usize) -> bool {
    use super::context::shape;
    !matches!(
        ctx.shape[i],
        shape::COMMA | shape::TERMINAL | shape::BRACKET | shape::OTHER_PUNCT | shape::QUOTE_MARK
    )
}

/// Inside may only follow Begin or Inside.
fn allowed(tag: usize, previous: usize) -> bool {
    tag != INSIDE || previous != OUTSIDE
}

fn best(scores: &[f32; TAGS], previous: usize) -> usize {
    let mut best = OUTSIDE;
    for tag in 0..TAGS {
        if allowed(tag, previous) && scores[tag] > scores[best] {
            best = tag;
        }
    }
    best
}

/// Something that scores features: the shipped table, or one being learnt.
pub trait Scorer {
    fn add(&self, features: &[u64], scores: &mut [f32; TAGS]);
}

impl Scorer for Table<TAGS> {
    fn add(&self, features: &[u64], scores: &mut [f32; TAGS]) {
        Table::add(self, features, scores);
    }
}

impl Scorer for TableLearner<TAGS> {
    fn add(&self, features: &[u64], scores: &mut [f32; TAGS]) {
        TableLearner::add(self, features, scores);
    }
}

/// Walks the tokens left to right choosing each tag; `on_tag(i, fixed,
/// history, previous, chosen)` sees every decision, so training learns
/// there.
fn walk<S: Scorer>(
    scorer: &mut S,
    ctx: &Context,
    mut on_tag: impl FnMut(&mut S, usize, &[u64], &[u64], usize, usize),
) -> Vec<(usize, f32)> {
    let n = ctx.len();
    let mut tags = Vec::with_capacity(n);
    let mut fixed = Vec::with_capacity(40);
    let mut history = Vec::with_capacity(4);
    let mut previous = OUTSIDE;
    let mut last_cue: Option<usize> = None;
    for i in 0..n {
        if i > 0 && !ctx.words.same_sentence(i - 1, i) {
            previous = OUTSIDE;
            last_cue = None;
        }
        // PolNeAR marks almost no attribution inside quotation marks (52
        // of 19,831 cues in train): what a speaker says others said is
        // part of the quote. Such words, and most punctuation, are no
        // cue, and cost nothing.
        if ctx.words.is_quoted(i) || !may_be_cue(ctx, i) {
            tags.push((OUTSIDE, f32::INFINITY));
            previous = OUTSIDE;
            continue;
        }
        token_features(ctx, i, &mut fixed);
        history_features(ctx, i, previous, last_cue.map(|c| i - c - 1), &mut history);
        let mut scores = [0.0; TAGS];
        scorer.add(&fixed, &mut scores);
        scorer.add(&history, &mut scores);
        let tag = best(&scores, previous);
        let other = (0..TAGS)
            .filter(|&t| t != tag && allowed(t, previous))
            .map(|t| scores[t])
            .fold(f32::NEG_INFINITY, f32::max);
        on_tag(scorer, i, &fixed, &history, previous, tag);
        tags.push((tag, scores[tag] - other));
        if tag == BEGIN {
            last_cue = Some(i);
        }
        previous = tag;
    }
    tags
}

/// The cues of the article.
pub fn find(table: &Table<TAGS>, ctx: &Context) -> Vec<Cue> {
    let mut table = table;
    let tags = walk(&mut table, ctx, |_, _, _, _, _, _| {});
    spans(ctx, &tags)
}

impl<S: Scorer> Scorer for &S {
    fn add(&self, features: &[u64], scores: &mut [f32; TAGS]) {
        (**self).add(features, scores);
    }
}

fn spans(ctx: &Context, tags: &[(usize, f32)]) -> Vec<Cue> {
    let mut cues = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        if tags[i].0 != BEGIN {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < tags.len() && tags[end].0 == INSIDE && ctx.words.same_sentence(i, end) {
            end += 1;
        }
        cues.push(Cue {
            tokens: (i, end),
            margin: tags[i].1,
        });
        i = end;
    }
    cues
}

/// One pass of learning over an article: `truth[i]` is the tag of token
/// `i`, or None where nobody has decided (a sentence of a reviewed file
/// that still holds a pending quote), which teaches nothing.
pub fn learn(learner: &mut TableLearner<TAGS>, ctx: &Context, truth: &[Option<usize>]) {
    walk(
        learner,
        ctx,
        |learner, i, fixed, history, previous, guess| {
            let Some(mut right) = truth.get(i).copied().flatten() else {
                return;
            };
            // After a missed start the rest of a cue starts it: Inside cannot
            // follow Outside, and learning it there would only inflate its
            // weights where it can never be chosen.
            if !allowed(right, previous) {
                right = BEGIN;
            }
            if guess != right {
                for features in [fixed, history] {
                    learner.update(features, right, 1.0);
                    learner.update(features, guess, -1.0);
                }
            }
            learner.tick();
        },
    );
}
