//! What was said: for each cue, the content is chosen among candidates by
//! a ranker. Candidates are the quotes in quotation marks near the cue (as
//! the rules grouped them, and as the marks pair them), and stretches of
//! the cue's sentence after it ("said that …", "accused him of …") or
//! before it ("…, she said"), each from one of a few starts to one of a
//! few clause boundaries. A stretch scores as the sum of what its start,
//! its end and the pair say, so the many stretches cost few lookups.

use super::super::phrases::Tokens;
use super::super::words::class;
use super::context::{Context, distance_bin, length_bin, shape};
use super::weights::{Table, TableLearner};
use crate::model::QuoteKind;
use crate::tagger::features::FeatureHash;

/// Something that scores a candidate's features.
pub trait Ranker {
    fn score(&self, features: &[u64]) -> f32;
}

impl Ranker for Table<1> {
    fn score(&self, features: &[u64]) -> f32 {
        Table::score(self, features)
    }
}

impl Ranker for TableLearner<1> {
    fn score(&self, features: &[u64]) -> f32 {
        TableLearner::score(self, features)
    }
}

/// Where a candidate stands against its cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Words after the cue, in its sentence.
    After {
        start: usize,
        end: usize,
        raw_end: usize,
    },
    /// Words before the cue, in its sentence.
    Before {
        start: usize,
        end: usize,
        raw_end: usize,
    },
    /// A quote in quotation marks: `rules` is the kind the rules gave it
    /// (None for marks the rules took for no quote), `index` its place in
    /// the rules' quotes or the quoted stretches.
    Quote {
        rules: Option<QuoteKind>,
        index: usize,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub pieces: Vec<Tokens>,
    pub place: Place,
}

impl Candidate {
    pub fn start(&self) -> usize {
        self.pieces.first().map_or(0, |p| p.0)
    }

    pub fn end(&self) -> usize {
        self.pieces.last().map_or(0, |p| p.1)
    }
}

/// How far from its cue a quote may stand and still be its content.
const QUOTE_REACH: usize = 30;
/// How many tokens after a cue content may start ("told reporters on
/// Tuesday that …").
const AFTER_STARTS: usize = 7;
/// How many clause ends a stretch may stop at.
const ENDS: usize = 10;
/// How many tokens between content before a cue and the cue ("…, the
/// secretary of state said").
const BEFORE_GAP: usize = 12;
/// How many clause starts content before a cue may begin at.
const BEFORE_STARTS: usize = 8;
/// The longest stretch of a sentence that may be content, in tokens. In
/// PolNeAR no content outside quotation marks is longer than 157 words (99.9
/// % are at most 62); the bound keeps the work for each cue, and so for
/// an article, linear in its length when a "sentence" runs for thousands
/// of words (text with no full stops).
pub(crate) const MAX_STRETCH: usize = 200;

fn is_boundary(ctx: &Context, k: usize) -> bool {
    ctx.boundary[k]
}

/// `end` with the punctuation before it dropped.
fn trimmed_end(ctx: &Context, start: usize, mut end: usize) -> usize {
    while end > start
        && matches!(
            ctx.shape[end - 1],
            shape::COMMA | shape::TERMINAL | shape::COLON | shape::DASH
        )
    {
        end -= 1;
    }
    end
}

/// Whether the stretch `start..end` holds one quotation mark of a quoted
/// stretch but not the other. Such a stretch is never content: the marks say
/// where the speaker's words begin and end, so content takes a quote whole
/// or leaves it out ("“Ça va très bien,” José said" is not "“Ça va très bien").
fn cuts_a_quote(ctx: &Context, start: usize, end: usize) -> bool {
    let first = ctx.quoted.partition_point(|q| q.end() <= start);
    let holds = |k: usize| start <= k && k < end;
    ctx.quoted[first..]
        .iter()
        .take_while(|q| q.open() < end)
        .flat_map(|q| &q.pieces)
        .any(|&(open, after)| holds(open) != holds(after - 1))
}

/// Every candidate content of the cue `cue`.
pub fn candidates(ctx: &Context, cue: Tokens) -> Vec<Candidate> {
    let words = ctx.words;
    let (c0, c1) = cue;
    let (s0, s1) = words.sentence_of(c0);
    let mut out = Vec::new();
    // Quotes, as the rules grouped them ("“…,” he said, “…”" is one).
    let near = |start: usize, end: usize| {
        let paragraphs_apart = |a: usize, b: usize| {
            let (pa, pb) = (words.paragraph[a.min(b)], words.paragraph[a.max(b)]);
            pb - pa
        };
        if end <= c0 {
            c0 - end <= QUOTE_REACH && paragraphs_apart(end - 1, c0) <= 1
        } else if start >= c1 {
            start - c1 <= QUOTE_REACH && paragraphs_apart(c1 - 1, start) <= 1
        } else {
            true
        }
    };
    let cue_inside = |pieces: &[Tokens]| pieces.iter().any(|&(a, b)| a < c1 && c0 < b);
    let first_rule = ctx
        .rule_quotes
        .partition_point(|q| q.content.last().map_or(0, |c| c.1) + QUOTE_REACH < c0);
    for (index, q) in ctx.rule_quotes.iter().enumerate().skip(first_rule) {
        let (start, end) = (q.start(), q.end());
        if start > c1 + QUOTE_REACH {
            break;
        }
        let quoted = matches!(q.kind, QuoteKind::Direct | QuoteKind::Partial);
        if quoted && near(start, end) && !cue_inside(&q.content) {
            out.push(Candidate {
                pieces: q.content.clone(),
                place: Place::Quote {
                    rules: Some(q.kind),
                    index,
                },
            });
        }
    }
    let first_quoted = ctx.quoted.partition_point(|q| q.end() + QUOTE_REACH < c0);
    for (index, q) in ctx.quoted.iter().enumerate().skip(first_quoted) {
        if q.open() > c1 + QUOTE_REACH {
            break;
        }
        let known = out.iter().any(|c| c.pieces == q.pieces);
        if !known && near(q.open(), q.end()) && !cue_inside(&q.pieces) {
            out.push(Candidate {
                pieces: q.pieces.clone(),
                place: Place::Quote { rules: None, index },
            });
        }
    }
    // Stretches after the cue.
    let usable_start = |k: usize| ctx.words.is(k, class::WORD) || ctx.shape[k] == shape::QUOTE_MARK;
    for start in (c1..s1.min(c1 + AFTER_STARTS)).filter(|&k| usable_start(k)) {
        let ends = (start + 1..=s1.min(start + MAX_STRETCH))
            .filter(|&e| e == s1 || is_boundary(ctx, e))
            .take(ENDS);
        for raw_end in ends {
            let end = trimmed_end(ctx, start, raw_end);
            if end > start && !cuts_a_quote(ctx, start, end) {
                out.push(Candidate {
                    pieces: vec![(start, end)],
                    place: Place::After {
                        start,
                        end,
                        raw_end,
                    },
                });
            }
        }
    }
    // Stretches before the cue.
    if c0 > s0 {
        let mut starts: Vec<usize> = ((s0 + 1).max(c0.saturating_sub(MAX_STRETCH))..c0)
            .rev()
            .filter(|&k| is_boundary(ctx, k - 1) && usable_start(k))
            .take(BEFORE_STARTS)
            .collect();
        if usable_start(s0) && c0 - s0 <= MAX_STRETCH {
            starts.push(s0);
        }
        for raw_end in (s0 + 1).max(c0.saturating_sub(BEFORE_GAP))..=c0 {
            for &start in starts.iter().filter(|&&s| s < raw_end) {
                let end = trimmed_end(ctx, start, raw_end);
                if end > start
                    && (raw_end == c0 || is_boundary(ctx, raw_end))
                    && !cuts_a_quote(ctx, start, end)
                {
                    out.push(Candidate {
                        pieces: vec![(start, end)],
                        place: Place::Before {
                            start,
                            end,
                            raw_end,
                        },
                    });
                }
            }
        }
    }
    out.dedup_by(|a, b| a.pieces == b.pieces);
    out
}

// Templates.
const Q_RULES: u8 = 1;
const Q_PLACE: u8 = 2;
const Q_PLACE_GAP: u8 = 3;
const Q_STEM_PLACE: u8 = 4;
const Q_WORDS: u8 = 5;
const Q_OWN_CUE: u8 = 6;
const Q_BETWEEN: u8 = 7;
const Q_LOWER_PLACE: u8 = 8;
const Q_PIECES: u8 = 9;
const S_GAP: u8 = 10;
const S_LOWER: u8 = 11;
const S_PREV: u8 = 12;
const S_STEM_LOWER: u8 = 13;
const S_SHAPE: u8 = 14;
const S_STEM_GAP: u8 = 15;
const S_FROM_SENTENCE: u8 = 16;
const S_FIRST_GAP: u8 = 17;
const E_NEXT: u8 = 20;
const E_LAST: u8 = 21;
const E_AT_END: u8 = 22;
const E_SHAPE: u8 = 23;
const E_LEFT: u8 = 24;
const E_STEM_LEFT: u8 = 25;
const E_MENTION: u8 = 26;
const E_AFTER: u8 = 27;
const P_LENGTH: u8 = 30;
const P_STEM_LENGTH: u8 = 31;
const P_MARKS: u8 = 32;
const P_COMMAS: u8 = 33;
const P_LOWER: u8 = 34;
const P_STEM: u8 = 35;
const P_CUES_INSIDE: u8 = 36;

fn h(template: u8, direction: u8) -> FeatureHash {
    FeatureHash::new(template).byte(direction)
}

/// The stem of a cue's last word ("has said" → "said") and the lower-case
/// form of its first ("according to" → "according").
fn cue_words(ctx: &Context, (c0, c1): Tokens) -> (u64, u64) {
    (ctx.stem[c1 - 1], ctx.lower[c0])
}

const AFTER: u8 = 1;
const BEFORE: u8 = 2;

/// Features of a stretch's start.
fn start_features(ctx: &Context, cue: Tokens, dir: u8, start: usize, out: &mut Vec<u64>) {
    let (stem, first) = cue_words(ctx, cue);
    let s = start as isize;
    let (s0, _) = ctx.words.sentence_of(cue.0);
    if dir == AFTER {
        let gap = distance_bin(start - cue.1);
        out.push(h(S_GAP, dir).byte(gap).finish());
        out.push(h(S_STEM_GAP, dir).word(stem).byte(gap).finish());
        // The cue's first word tells "according to GMA News, Salceda
        // said …" (content after the source) from "pointed to …", which
        // the last word alone cannot.
        out.push(
            h(S_FIRST_GAP, dir)
                .word(first)
                .byte(gap)
                .word(ctx.lower_at(s - 1))
                .finish(),
        );
    } else {
        out.push(
            h(S_FROM_SENTENCE, dir)
                .byte(distance_bin(start - s0))
                .finish(),
        );
    }
    out.push(h(S_LOWER, dir).word(ctx.lower[start]).finish());
    out.push(h(S_PREV, dir).word(ctx.lower_at(s - 1)).finish());
    out.push(
        h(S_STEM_LOWER, dir)
            .word(stem)
            .word(ctx.lower[start])
            .finish(),
    );
    out.push(
        h(S_SHAPE, dir)
            .byte(ctx.shape_at(s - 1))
            .byte(ctx.shape[start])
            .finish(),
    );
}

/// Features of a stretch's end: `end` after the punctuation before it is
/// dropped, `raw_end` the boundary it stops at.
fn end_features(
    ctx: &Context,
    cue: Tokens,
    dir: u8,
    end: usize,
    raw_end: usize,
    out: &mut Vec<u64>,
) {
    let (stem, _) = cue_words(ctx, cue);
    let (_, s1) = ctx.words.sentence_of(cue.0);
    out.push(h(E_NEXT, dir).word(ctx.lower_at(raw_end as isize)).finish());
    out.push(h(E_LAST, dir).word(ctx.lower[end - 1]).finish());
    out.push(
        h(E_SHAPE, dir)
            .byte(ctx.shape_at(raw_end as isize))
            .finish(),
    );
    // What follows the boundary tells a list ("…, overt financial support
    // and …") from a new clause ("…, which …").
    out.push(
        h(E_AFTER, dir)
            .word(ctx.lower_at(raw_end as isize))
            .word(ctx.lower_at(raw_end as isize + 1))
            .finish(),
    );
    if dir == AFTER {
        out.push(h(E_AT_END, dir).byte(u8::from(raw_end == s1)).finish());
        out.push(h(E_LEFT, dir).byte(distance_bin(s1 - raw_end)).finish());
    } else {
        let left = distance_bin(cue.0 - raw_end);
        out.push(h(E_LEFT, dir).byte(left).finish());
        out.push(h(E_STEM_LEFT, dir).word(stem).byte(left).finish());
        let mention = ctx.mention.get(raw_end).copied().unwrap_or(0) & 7;
        out.push(h(E_MENTION, dir).byte(mention).byte(left).finish());
    }
}

/// Features of a stretch as a whole.
fn pair_features(ctx: &Context, cue: Tokens, dir: u8, (start, end): Tokens, out: &mut Vec<u64>) {
    let (stem, first) = cue_words(ctx, cue);
    let len = length_bin(end - start);
    out.push(h(P_LENGTH, dir).byte(len).finish());
    out.push(h(P_STEM_LENGTH, dir).word(stem).byte(len).finish());
    out.push(h(P_STEM, dir).word(stem).finish());
    out.push(h(P_LOWER, dir).word(first).finish());
    let (mut marks, mut commas, mut cues) = (0usize, 0usize, 0usize);
    for k in start..end {
        match ctx.shape[k] {
            shape::QUOTE_MARK => marks += 1,
            shape::COMMA => commas += 1,
            _ => {}
        }
        cues += usize::from(ctx.words.is(k, class::SPEECH | class::COGNITION));
    }
    out.push(h(P_MARKS, dir).byte(marks.min(3) as u8).finish());
    out.push(h(P_COMMAS, dir).byte(commas.min(3) as u8).finish());
    out.push(h(P_CUES_INSIDE, dir).byte(cues.min(2) as u8).finish());
}

/// Features of a quote as the content of the cue.
fn quote_features(ctx: &Context, cue: Tokens, c: &Candidate, out: &mut Vec<u64>) {
    let Place::Quote { rules, index } = c.place else {
        return;
    };
    let dir = 3;
    let (stem, first) = cue_words(ctx, cue);
    let (start, end) = (c.start(), c.end());
    let (place, gap, between) = if end <= cue.0 {
        (0u8, cue.0 - end, (end, cue.0))
    } else if start >= cue.1 {
        (1, start - cue.1, (cue.1, start))
    } else {
        (2, 0, (cue.0, cue.0))
    };
    let kind = match rules {
        None => 0u8,
        Some(QuoteKind::Direct) => 1,
        Some(QuoteKind::Partial) => 2,
        Some(_) => 3,
    };
    let own_cue = rules.is_some()
        && ctx.rule_quotes[index]
            .cue
            .is_some_and(|(a, b)| a < cue.1 && cue.0 < b);
    out.push(h(Q_RULES, dir).byte(kind).byte(u8::from(own_cue)).finish());
    out.push(
        h(Q_OWN_CUE, dir)
            .byte(u8::from(own_cue))
            .byte(place)
            .finish(),
    );
    out.push(h(Q_PLACE, dir).byte(place).finish());
    out.push(
        h(Q_PLACE_GAP, dir)
            .byte(place)
            .byte(distance_bin(gap))
            .finish(),
    );
    out.push(h(Q_STEM_PLACE, dir).word(stem).byte(place).finish());
    out.push(h(Q_LOWER_PLACE, dir).word(first).byte(place).finish());
    let words = c
        .pieces
        .iter()
        .flat_map(|&(a, b)| a..b)
        .filter(|&k| ctx.words.is(k, class::WORD))
        .count();
    out.push(h(Q_WORDS, dir).byte(length_bin(words)).byte(kind).finish());
    let (mut commas, mut marks, mut terminal) = (0usize, 0usize, false);
    for k in between.0..between.1 {
        match ctx.shape[k] {
            shape::COMMA => commas += 1,
            shape::QUOTE_MARK => marks += 1,
            shape::TERMINAL => terminal = true,
            _ => {}
        }
    }
    // Pieces joined across someone else's words ("“…,” says Garcia. She
    // says …. “…”") are two quotes, not one.
    let other_cue_between = c.pieces.windows(2).any(|w| {
        (w[0].1..w[1].0).any(|k| {
            !(cue.0 <= k && k < cue.1) && ctx.words.is(k, class::SPEECH | class::COGNITION)
        })
    });
    out.push(
        h(Q_PIECES, dir)
            .byte(c.pieces.len().min(3) as u8)
            .byte(u8::from(other_cue_between))
            .byte(kind)
            .finish(),
    );
    out.push(
        h(Q_BETWEEN, dir)
            .byte(commas.min(2) as u8)
            .byte(marks.min(2) as u8)
            .byte(u8::from(terminal))
            .byte(place)
            .finish(),
    );
}

/// All the features of a candidate (for learning; choosing adds the parts
/// up without building this).
pub fn features(ctx: &Context, cue: Tokens, c: &Candidate, out: &mut Vec<u64>) {
    out.clear();
    match c.place {
        Place::After {
            start,
            end,
            raw_end,
        } => {
            start_features(ctx, cue, AFTER, start, out);
            end_features(ctx, cue, AFTER, end, raw_end, out);
            pair_features(ctx, cue, AFTER, (start, end), out);
        }
        Place::Before {
            start,
            end,
            raw_end,
        } => {
            start_features(ctx, cue, BEFORE, start, out);
            end_features(ctx, cue, BEFORE, end, raw_end, out);
            pair_features(ctx, cue, BEFORE, (start, end), out);
        }
        Place::Quote { .. } => quote_features(ctx, cue, c, out),
    }
}

/// The score of every candidate.
pub fn scores(ranker: &impl Ranker, ctx: &Context, cue: Tokens, cands: &[Candidate]) -> Vec<f32> {
    let mut buf = Vec::with_capacity(16);
    // Starts and ends recur across stretches: score each once.
    let mut starts: Vec<((u8, usize), f32)> = Vec::new();
    let mut ends: Vec<((u8, usize), f32)> = Vec::new();
    cands
        .iter()
        .map(|c| {
            let (dir, start, end, raw_end) = match c.place {
                Place::After {
                    start,
                    end,
                    raw_end,
                } => (AFTER, start, end, raw_end),
                Place::Before {
                    start,
                    end,
                    raw_end,
                } => (BEFORE, start, end, raw_end),
                Place::Quote { .. } => {
                    buf.clear();
                    quote_features(ctx, cue, c, &mut buf);
                    return ranker.score(&buf);
                }
            };
            let s = match starts.iter().find(|s| s.0 == (dir, start)) {
                Some(s) => s.1,
                None => {
                    buf.clear();
                    start_features(ctx, cue, dir, start, &mut buf);
                    let s = ranker.score(&buf);
                    starts.push(((dir, start), s));
                    s
                }
            };
            let e = match ends.iter().find(|e| e.0 == (dir, raw_end)) {
                Some(e) => e.1,
                None => {
                    buf.clear();
                    end_features(ctx, cue, dir, end, raw_end, &mut buf);
                    let e = ranker.score(&buf);
                    ends.push(((dir, raw_end), e));
                    e
                }
            };
            buf.clear();
            pair_features(ctx, cue, dir, (start, end), &mut buf);
            s + e + ranker.score(&buf)
        })
        .collect()
}

/// The best candidate and its lead over the next best.
pub fn choose(
    ranker: &impl Ranker,
    ctx: &Context,
    cue: Tokens,
    cands: &[Candidate],
) -> Option<(usize, f32)> {
    let scores = scores(ranker, ctx, cue, cands);
    best_two(&scores)
}

/// The index of the largest score and its lead over the second.
pub fn best_two(scores: &[f32]) -> Option<(usize, f32)> {
    let mut best: Option<usize> = None;
    let mut second = f32::NEG_INFINITY;
    for (i, &s) in scores.iter().enumerate() {
        match best {
            Some(b) if s <= scores[b] => second = second.max(s),
            Some(b) => {
                second = scores[b];
                best = Some(i);
            }
            None => best = Some(i),
        }
    }
    best.map(|b| {
        let lead = if second.is_finite() {
            scores[b] - second
        } else {
            10.0
        };
        (b, lead)
    })
}

/// The word tokens of token ranges.
pub fn word_tokens(ctx: &Context, pieces: &[Tokens]) -> Vec<usize> {
    pieces
        .iter()
        .flat_map(|&(a, b)| a..b)
        .filter(|&k| ctx.words.is(k, class::WORD))
        .collect()
}

/// Shared words over words in either, of two sorted token lists.
pub fn jaccard(a: &[usize], b: &[usize]) -> f32 {
    let (mut i, mut j, mut both) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - both;
    if union == 0 {
        0.0
    } else {
        both as f32 / union as f32
    }
}

/// Learns from one gold attribution: the candidate closest to the gold
/// content (by shared words) should score best.
pub fn learn(
    learner: &mut TableLearner<1>,
    ctx: &Context,
    cue: Tokens,
    gold: &[usize],
    buf: &mut Vec<u64>,
) {
    let cands = candidates(ctx, cue);
    if cands.is_empty() {
        return;
    }
    let overlap: Vec<f32> = cands
        .iter()
        .map(|c| jaccard(&word_tokens(ctx, &c.pieces), gold))
        .collect();
    let best_overlap = overlap.iter().copied().fold(0.0, f32::max);
    if best_overlap <= 0.0 {
        return; // No candidate is any good: nothing to prefer.
    }
    let scores = scores(learner, ctx, cue, &cands);
    let Some((guess, _)) = best_two(&scores) else {
        return;
    };
    learner.tick();
    if overlap[guess] >= best_overlap - 1e-6 {
        return;
    }
    // The best-scoring of the closest candidates.
    let Some(target) = (0..cands.len())
        .filter(|&i| overlap[i] >= best_overlap - 1e-6)
        .max_by(|&a, &b| scores[a].total_cmp(&scores[b]))
    else {
        return;
    };
    features(ctx, cue, &cands[target], buf);
    learner.update(buf, 0, 1.0);
    features(ctx, cue, &cands[guess], buf);
    learner.update(buf, 0, -1.0);
}

/// The kind of quote a content makes: all in quotation marks is direct (or
/// partial, where the rules found a few quoted words in the writer's
/// sentence), some is mixed, none is indirect.
pub fn kind_of(ctx: &Context, c: &Candidate) -> QuoteKind {
    if let Place::Quote { rules, .. } = c.place {
        return match rules {
            Some(QuoteKind::Direct) => QuoteKind::Direct,
            _ => QuoteKind::Partial,
        };
    }
    let words: Vec<usize> = word_tokens(ctx, &c.pieces);
    let quoted = words.iter().filter(|&&k| ctx.words.is_quoted(k)).count();
    if quoted == 0 {
        QuoteKind::Indirect
    } else if quoted == words.len() {
        QuoteKind::Direct
    } else {
        QuoteKind::Mixed
    }
}
