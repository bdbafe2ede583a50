//! Who said it: for each cue, the source is chosen by a ranker among the
//! words of the cue's sentence that could head a speaker phrase (names,
//! pronouns, nouns), or none. The rules' own choice is a feature, not the
//! answer: they are right about direct quotes nine times in ten, and the
//! ranker learns where they are not ("the daily", a long apposition, a
//! nearby name instead of the clause's subject). The chosen word is then
//! widened to its phrase: the rules' source around it, the entity the
//! tagger found there, the run of capitalised words, or the noun phrase.

use super::super::phrases::{Tokens, is_determiner, is_name_word, skip_bridges_back};
use super::super::words::class;
use super::content::Ranker;
use super::context::{Context, distance_bin, rule, shape};
use super::weights::TableLearner;
use crate::tagger::features::FeatureHash;

/// How far from its cue a source may stand.
const REACH: usize = 30;

/// Words that head a source although they are function words.
const RELATIVES: &[&str] = &["who", "which", "that"];

/// Function words that PolNeAR marks as sources: possessives ("his
/// warning that …"), other pronouns and quantifiers ("some say", "one
/// wrote", "many fear").
const FUNCTION_SOURCES: &[&str] = &[
    "his", "her", "their", "its", "our", "my", "your", "you", "him", "them", "me", "us", "whose",
    "whom", "some", "one", "many", "those", "both", "two", "three", "four", "five", "few", "most",
    "another", "all", "several", "others", "none", "each", "these", "this",
];

/// A source choice: a head word, or nobody.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    Nobody,
    Head(usize),
}

/// The source the rules gave the quote at this cue, if any: the rules'
/// quote whose cue overlaps it, else one whose content overlaps `content`.
pub fn rules_source(ctx: &Context, cue: Tokens, content: &[Tokens]) -> Option<Tokens> {
    let overlaps = |a: Tokens, b: Tokens| a.0 < b.1 && b.0 < a.1;
    let first = ctx.rule_quotes.partition_point(|q| q.end() + REACH < cue.0);
    let nearby = ctx.rule_quotes[first..]
        .iter()
        .take_while(|q| q.start() <= cue.1 + REACH);
    let mut by_content = None;
    for q in nearby {
        if q.cue.is_some_and(|c| overlaps(c, cue)) {
            return q.source;
        }
        let shares_content = q
            .content
            .iter()
            .any(|&p| content.iter().any(|&c| overlaps(p, c)));
        if shares_content && by_content.is_none() {
            by_content = q.source;
        }
    }
    by_content
}

/// The words that could head the source of the cue `cue` whose content is
/// `content`, in text order.
pub fn candidates(
    ctx: &Context,
    cue: Tokens,
    content: &[Tokens],
    rules: Option<Tokens>,
) -> Vec<usize> {
    let words = ctx.words;
    let (s0, s1) = words.sentence_of(cue.0);
    let inside = |k: usize, spans: &[Tokens]| spans.iter().any(|&(a, b)| a <= k && k < b);
    let could_head = |k: usize| {
        // Not "also", "repeatedly", nor the "'s" of a possessive.
        let word = words.is(k, class::WORD)
            && !words.is(k, class::BRIDGE)
            && !matches!(words.word(k), "'s" | "’s");
        // Of the function words, pronouns and a few others only (the word
        // lists are read last: this runs for every word near every cue).
        let function = || words.is(k, class::FUNCTION) && !words.is(k, class::PRONOUN);
        // A capitalised function word inside a sentence and outside quotes
        // may be a name: "“…,” Will wrote", "From said", "May told MPs".
        let name_like = || {
            words.is(k, class::CAPITALISED) && words.sentence_of(k).0 != k && !words.is_quoted(k)
        };
        let relative = || {
            (RELATIVES.iter())
                .chain(FUNCTION_SOURCES)
                .any(|w| words.word_is(k, w))
        };
        word && !(cue.0 <= k && k < cue.1)
            && !inside(k, content)
            && (!function() || name_like() || relative())
    };
    let from = s0.max(cue.0.saturating_sub(REACH));
    let to = s1.min(cue.1 + REACH);
    let mut heads: Vec<usize> = (from..to).filter(|&k| could_head(k)).collect();
    if let Some((a, b)) = rules {
        heads.extend((a..b).filter(|&k| !(from..to).contains(&k) && could_head(k)));
        heads.sort_unstable();
    }
    heads
}

// Templates.
const NOBODY: u8 = 1;
const NOBODY_STEM: u8 = 2;
const NOBODY_LOWER: u8 = 3;
const NOBODY_CONTENT: u8 = 4;
const NOBODY_NAMES: u8 = 5;
const DISTANCE: u8 = 10;
const STEM_DISTANCE: u8 = 11;
const LOWER: u8 = 12;
const SIDE_LOWER: u8 = 13;
const SHAPE: u8 = 14;
const CLASSES: u8 = 15;
const MENTION: u8 = 16;
const NEXT: u8 = 17;
const PREV: u8 = 18;
const NEXT_SHAPE: u8 = 19;
const COMMAS: u8 = 20;
const RULES: u8 = 21;
const QUOTED: u8 = 22;
const CONTENT_SIDE: u8 = 23;
const LAST_OF_NAME: u8 = 24;
const CUE_LOWER: u8 = 25;
const MENTION_DISTANCE: u8 = 26;
const MARKS_BETWEEN: u8 = 27;
const CUES_BETWEEN: u8 = 28;
const STEM_SIDE_SHAPE: u8 = 29;
const CLAUSE_POSITION: u8 = 30;
const BEFORE_PHRASE: u8 = 31;
const PREV2: u8 = 32;
const PASSIVE: u8 = 33;
const WORD_CLASS: u8 = 34;
const NEIGHBOUR_CLASS: u8 = 35;

fn h(template: u8) -> FeatureHash {
    FeatureHash::new(template)
}

/// Which side of the cue the content lies on: 0 after, 1 before, 2 both.
fn content_side(cue: Tokens, content: &[Tokens]) -> u8 {
    let before = content.iter().any(|p| p.1 <= cue.0);
    let after = content.iter().any(|p| p.0 >= cue.1);
    match (before, after) {
        (true, true) => 2,
        (true, false) => 1,
        _ => 0,
    }
}

/// Features of choosing nobody.
fn nobody_features(ctx: &Context, cue: Tokens, content: &[Tokens], out: &mut Vec<u64>) {
    out.clear();
    let stem = ctx.stem[cue.1 - 1];
    let side = content_side(cue, content);
    let names = ctx.persons_in(ctx.words.sentence_of(cue.0));
    out.push(h(NOBODY).finish());
    out.push(h(NOBODY_STEM).word(stem).finish());
    out.push(
        h(NOBODY_LOWER)
            .word(ctx.lower[cue.0])
            .word(ctx.lower_at(cue.0 as isize - 1))
            .finish(),
    );
    let quoted = ctx.holds_quote_mark(content);
    out.push(h(NOBODY_CONTENT).byte(side).byte(u8::from(quoted)).finish());
    out.push(h(NOBODY_NAMES).byte(names.min(3) as u8).byte(side).finish());
}

/// Features of the word `k` heading the source.
fn head_features(
    ctx: &Context,
    cue: Tokens,
    content: &[Tokens],
    rules: Option<Tokens>,
    k: usize,
    out: &mut Vec<u64>,
) {
    out.clear();
    let words = ctx.words;
    let before = k < cue.0;
    let side = u8::from(before);
    let (gap_from, gap_to) = if before { (k + 1, cue.0) } else { (cue.1, k) };
    let gap = distance_bin(gap_to - gap_from);
    let stem = ctx.stem[cue.1 - 1];
    let at = k as isize;
    out.push(h(DISTANCE).byte(side).byte(gap).finish());
    out.push(h(STEM_DISTANCE).word(stem).byte(side).byte(gap).finish());
    out.push(h(LOWER).word(ctx.lower[k]).finish());
    out.push(h(SIDE_LOWER).byte(side).word(ctx.lower[k]).finish());
    out.push(h(SHAPE).byte(side).byte(ctx.shape[k]).finish());
    out.push(
        h(CLASSES)
            .byte(side)
            .word(u64::from(ctx.classes(k)))
            .finish(),
    );
    let mention = ctx.mention[k];
    out.push(h(MENTION).byte(side).byte(mention).finish());
    out.push(
        h(MENTION_DISTANCE)
            .byte(side)
            .byte(mention & 7)
            .byte(gap)
            .finish(),
    );
    out.push(h(NEXT).byte(side).word(ctx.lower_at(at + 1)).finish());
    out.push(h(PREV).byte(side).word(ctx.lower_at(at - 1)).finish());
    out.push(
        h(NEXT_SHAPE)
            .byte(side)
            .byte(ctx.shape_at(at + 1))
            .byte(ctx.shape_at(at - 1))
            .finish(),
    );
    let (mut commas, mut marks, mut cues) = (0usize, 0usize, 0usize);
    for i in gap_from..gap_to {
        match ctx.shape[i] {
            shape::COMMA => commas += 1,
            shape::QUOTE_MARK => marks += 1,
            _ => {}
        }
        cues += usize::from(words.is(i, class::SPEECH | class::COGNITION));
    }
    out.push(h(COMMAS).byte(side).byte(commas.min(3) as u8).finish());
    out.push(
        h(MARKS_BETWEEN)
            .byte(side)
            .byte(marks.min(2) as u8)
            .finish(),
    );
    out.push(h(CUES_BETWEEN).byte(side).byte(cues.min(2) as u8).finish());
    let in_rules = rules.is_some_and(|(a, b)| a <= k && k < b);
    let rules_bits = ctx.rule[k] & rule::SOURCE;
    out.push(
        h(RULES)
            .byte(u8::from(in_rules))
            .byte(u8::from(rules.is_some()))
            .byte(rules_bits)
            .finish(),
    );
    out.push(
        h(QUOTED)
            .byte(side)
            .byte(u8::from(words.is_quoted(k)))
            .finish(),
    );
    out.push(
        h(CONTENT_SIDE)
            .byte(side)
            .byte(content_side(cue, content))
            .byte(gap.min(4))
            .finish(),
    );
    let last_of_name = is_name_word(words, k) && !is_name_word(words, k + 1);
    out.push(
        h(LAST_OF_NAME)
            .byte(side)
            .byte(u8::from(last_of_name))
            .finish(),
    );
    out.push(
        h(CUE_LOWER)
            .byte(side)
            .word(ctx.lower[cue.0])
            .byte(gap.min(3))
            .finish(),
    );
    out.push(
        h(STEM_SIDE_SHAPE)
            .word(stem)
            .byte(side)
            .byte(ctx.shape[k])
            .finish(),
    );
    // Subjects open their clause: "Protesters marching through the
    // streets chanted" names the protesters, not the streets.
    let clause_start = ctx.clause_start[k];
    out.push(
        h(CLAUSE_POSITION)
            .byte(side)
            .byte(distance_bin(k - clause_start))
            .byte(ctx.mention[k] & 7)
            .finish(),
    );
    // What stands before the phrase the word heads: a preposition makes it
    // no subject ("a staffer in the room wondered"), a comma an apposition.
    let start = phrase_start(ctx, k, clause_start);
    out.push(
        h(BEFORE_PHRASE)
            .byte(side)
            .word(ctx.lower_at(start as isize - 1))
            .byte(u8::from(start == clause_start))
            .finish(),
    );
    out.push(h(PREV2).byte(side).word(ctx.lower_at(at - 2)).finish());
    // Word classes learnt from unlabelled news carry over to words training
    // never shows as sources: "the daily" and "the paper" share a class
    // with "the newspaper"; a class of verbs after the word marks a subject.
    let [coarse, fine] = ctx.clusters[k];
    for (level, class) in [(0, coarse), (1, fine)] {
        out.push(
            h(WORD_CLASS)
                .byte(side)
                .byte(level)
                .word(u64::from(class))
                .finish(),
        );
    }
    for (place, neighbour) in [(0, at - 1), (1, at + 1)] {
        out.push(
            h(NEIGHBOUR_CLASS)
                .byte(side)
                .byte(place)
                .word(u64::from(ctx.clusters_at(neighbour)[0]))
                .finish(),
        );
    }
    // A cue in the passive names its source after "by": "has been called
    // “strategic ambiguity” by a professor", "an option seen by organizers".
    let by = start > 0 && words.word_is(start - 1, "by");
    out.push(
        h(PASSIVE)
            .byte(side)
            .byte(passive(ctx, cue))
            .byte(u8::from(by))
            .finish(),
    );
}

/// How the cue reads as a passive: 1 after a form of "be" ("was told",
/// "has been called"), 2 followed by "by" ("seen by"), else 0.
fn passive(ctx: &Context, cue: Tokens) -> u8 {
    const BE: &[&str] = &["is", "are", "was", "were", "be", "been", "being"];
    let words = ctx.words;
    let (s0, _) = words.sentence_of(cue.0);
    let before = skip_bridges_back(words, cue.0, s0);
    if before > s0 && BE.iter().any(|w| words.word_is(before - 1, w)) {
        1
    } else if words.word_is(cue.1, "by") {
        2
    } else {
        0
    }
}

/// Where the noun phrase headed by token `k` begins, roughly: back over
/// capitalised words, lower-case modifiers and a determiner, not before
/// `floor`.
fn phrase_start(ctx: &Context, k: usize, floor: usize) -> usize {
    let words = ctx.words;
    let mut a = k;
    while a > floor && k - a < 6 {
        let prev = a - 1;
        let modifier = words.is(prev, class::WORD)
            && !words.is(
                prev,
                class::FUNCTION | class::SPEECH | class::COGNITION | class::BRIDGE,
            )
            && !words.is_quoted(prev);
        if !modifier {
            break;
        }
        a = prev;
    }
    if a > floor && is_determiner(words, a - 1) {
        a -= 1;
    }
    a
}

/// The best source and its lead over the next best choice.
///
/// A word of another cue (`cues`, every cue of the text in text order,
/// disjoint, `cue` among them) is never a source: in "the council issued a
/// statement calling …" read as two cues, "statement" is the first cue's
/// word, and the second speaks for the council too. The list is shared by
/// every cue of the text rather than copied without `cue`, which made an
/// article's extraction grow with the square of its cues.
pub fn choose(
    ranker: &impl Ranker,
    ctx: &Context,
    cue: Tokens,
    content: &[Tokens],
    rules: Option<Tokens>,
    cues: &[Tokens],
) -> (Pick, f32) {
    let mut heads = candidates(ctx, cue, content, rules);
    heads.retain(|&k| {
        let first = cues.partition_point(|c| c.1 <= k);
        cues.get(first).is_none_or(|&c| c.0 > k || c == cue)
    });
    let mut buf = Vec::with_capacity(32);
    nobody_features(ctx, cue, content, &mut buf);
    let mut scores = vec![ranker.score(&buf)];
    for &k in &heads {
        head_features(ctx, cue, content, rules, k, &mut buf);
        scores.push(ranker.score(&buf));
    }
    let (best, lead) = super::content::best_two(&scores).unwrap_or((0, 0.0));
    let pick = if best == 0 {
        Pick::Nobody
    } else {
        Pick::Head(heads[best - 1])
    };
    (pick, lead)
}

/// Learns from one gold attribution whose source covers the tokens
/// `gold` (none: nobody is named).
pub fn learn(
    learner: &mut TableLearner<1>,
    ctx: &Context,
    cue: Tokens,
    content: &[Tokens],
    gold: &[usize],
    buf: &mut Vec<u64>,
) {
    let rules = rules_source(ctx, cue, content);
    let heads = candidates(ctx, cue, content, rules);
    let right: Vec<bool> = std::iter::once(gold.is_empty())
        .chain(heads.iter().map(|k| gold.binary_search(k).is_ok()))
        .collect();
    if !right.iter().any(|&r| r) {
        return; // The gold source is out of reach: nothing to prefer.
    }
    let mut scores = Vec::with_capacity(heads.len() + 1);
    nobody_features(ctx, cue, content, buf);
    scores.push(learner.score(buf));
    for &k in &heads {
        head_features(ctx, cue, content, rules, k, buf);
        scores.push(learner.score(buf));
    }
    let Some((guess, _)) = super::content::best_two(&scores) else {
        return;
    };
    learner.tick();
    if right[guess] {
        return;
    }
    let Some(target) = (0..scores.len())
        .filter(|&i| right[i])
        .max_by(|&a, &b| scores[a].total_cmp(&scores[b]))
    else {
        return;
    };
    let features_of = |i: usize, buf: &mut Vec<u64>| {
        if i == 0 {
            nobody_features(ctx, cue, content, buf);
        } else {
            head_features(ctx, cue, content, rules, heads[i - 1], buf);
        }
    };
    features_of(target, buf);
    learner.update(buf, 0, 1.0);
    features_of(guess, buf);
    learner.update(buf, 0, -1.0);
}

/// The phrase headed by token `k`: the rules' source around it, the entity
/// the tagger found there, a pronoun alone, a run of capitalised words, or
/// the nouns and modifiers before it with their determiner ("a State
/// Department spokesman"). `blocked` tokens (cue, content) are never part
/// of it.
pub fn phrase(ctx: &Context, k: usize, rules: Option<Tokens>, blocked: &[Tokens]) -> Tokens {
    let words = ctx.words;
    let free = |i: usize| !blocked.iter().any(|&(a, b)| a <= i && i < b);
    if let Some((a, b)) = rules
        && a <= k
        && k < b
        && (a..b).all(free)
    {
        return (a, b);
    }
    if words.is(k, class::PRONOUN) || RELATIVES.iter().any(|w| words.word_is(k, w)) {
        return (k, k + 1);
    }
    if FUNCTION_SOURCES.iter().any(|w| words.word_is(k, w)) {
        // "some", "another", "his": alone, or with the nouns after them
        // ("some Republicans", "two senior officials").
        let (_, s1) = words.sentence_of(k);
        let mut b = k + 1;
        while b < s1
            && b - k < 4
            && words.is(b, class::WORD)
            && !words.is(
                b,
                class::FUNCTION | class::SPEECH | class::COGNITION | class::BRIDGE,
            )
            && free(b)
        {
            b += 1;
        }
        return (k, b);
    }
    let (s0, s1) = words.sentence_of(k);
    if ctx.mention[k] != 0 {
        let label = ctx.mention[k] & 7;
        let mut a = k;
        while a > s0 && ctx.mention[a - 1] == label && free(a - 1) {
            a -= 1;
        }
        let mut b = k + 1;
        while b < s1 && ctx.mention[b - 1] & 8 == 0 && ctx.mention[b] & 7 == label && free(b) {
            b += 1;
        }
        return (a, b);
    }
    if is_name_word(words, k) {
        let mut a = k;
        while a > s0 && is_name_word(words, a - 1) && free(a - 1) {
            a -= 1;
        }
        let mut b = k + 1;
        while b < s1 && is_name_word(words, b) && free(b) {
            b += 1;
        }
        if a > s0 && words.word_is(a - 1, "the") && free(a - 1) {
            a -= 1;
        }
        return (a, b);
    }
    let modifier = |i: usize| {
        words.is(i, class::WORD)
            && !words.is(i, class::FUNCTION | class::SPEECH | class::COGNITION)
            && free(i)
    };
    let mut a = k;
    while a > s0 && k - a < 5 && modifier(a - 1) {
        a -= 1;
    }
    if a > s0 && is_determiner(words, a - 1) && free(a - 1) {
        a -= 1;
    }
    (a, k + 1)
}

#[cfg(test)]
mod tests {
    use super::super::super::marks::find_quoted;
    use super::super::super::words::Words;
    use super::*;
    use crate::tagger::clusters::WordClasses;

    /// The words that could head the source of the first cue `cue` in
    /// `text`, given no content.
    fn heads_of(text: &str, cue: &str) -> Vec<String> {
        let mut words = Words::new(text);
        let quoted = find_quoted(&words);
        words.mark_quoted(&quoted);
        let ctx = Context::new(&words, &quoted, &[], &[], &WordClasses::default());
        let at = (0..words.token_count())
            .find(|&k| words.word(k) == cue)
            .expect("the cue is in the text");
        let (s0, _) = words.sentence_of(at);
        let heads = candidates(&ctx, (at, at + 1), &[(s0, s0)], None);
        heads.iter().map(|&k| words.word(k).to_string()).collect()
    }

    #[test]
    fn a_capitalised_function_word_inside_a_sentence_may_be_the_source() {
        // George Will, Al From, Theresa May: names that are function words.
        let heads = heads_of("“The party will not win,” Will wrote on Sunday.", "wrote");
        assert!(heads.contains(&"Will".to_string()), "{heads:?}");
        assert!(!heads.contains(&"will".to_string()), "{heads:?}");
        let heads = heads_of("From the start, Baker said it would fail.", "said");
        assert!(heads.contains(&"Baker".to_string()), "{heads:?}");
        assert!(!heads.contains(&"From".to_string()), "{heads:?}");
    }
}
