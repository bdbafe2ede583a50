//! Reported speech without quotation marks: "Blinken said he would not go",
//! "the economy is strong, she said", "according to officials, …".

use super::FoundQuote;
use super::attribution::content::MAX_STRETCH;
use super::direct::participle_subject;
use super::phrases::{
    Tokens, according_to_source, is_name_word, phrase_after, phrase_before, skip_bridges_back,
};
use super::words::{Words, class};
use crate::model::QuoteKind;

/// Verbs whose listener comes before the reported clause ("told reporters
/// he would").
const TELLING: &[&str] = &[
    "told", "tell", "tells", "telling", "informed", "assured", "reminded", "warned", "warns",
    "asked", "asks", "urged",
];

const TIME_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "tonight",
    "earlier",
    "later",
    "recently",
    "again",
    "previously",
    "last",
    "this",
    "week",
    "month",
    "year",
    "night",
    "morning",
    "afternoon",
    "evening",
];

/// Fewer words than this are no reported clause.
const MIN_CONTENT_WORDS: usize = 3;

/// Reported speech cued by the speech and belief verbs of the text, except
/// inside quotation marks and at the cues of quotes already found.
/// `direct[i]` is true for the tokens of direct quotes, `used[i]` for cues
/// already taken.
pub fn indirect_quotes(words: &Words, direct: &[bool], used: &[bool]) -> Vec<FoundQuote> {
    let mut found = Vec::new();
    for (v, &taken) in used.iter().enumerate() {
        if taken || words.is_quoted(v) {
            continue;
        }
        let (s0, s1) = words.sentence_of(v);
        let quote = if words.word_is(v, "according") && words.word_is(v + 1, "to") {
            according_to(words, v, (s0, s1), direct)
        } else if words.is(v, class::SPEECH | class::COGNITION) {
            reported_after(words, v, (s0, s1), direct)
                .or_else(|| reported_before(words, v, (s0, s1), direct))
        } else {
            None
        };
        found.extend(quote);
    }
    found
}

/// "X said (that) CLAUSE".
fn reported_after(
    words: &Words,
    v: usize,
    (s0, s1): Tokens,
    direct: &[bool],
) -> Option<FoundQuote> {
    let source = participle_subject(words, v, s0)
        .or_else(|| phrase_before(words, skip_bridges_back(words, v, s0), s0))?;
    let mut k = v + 1;
    if TELLING.iter().any(|w| words.word_is(v, w)) {
        k = skip_listener(words, k, s1);
    }
    k = skip_time_and_place(words, k, s1);
    let explicit = words.word_is(k, "that");
    if explicit {
        k += 1;
    }
    let opens_clause = explicit
        || words.is(k, class::CLAUSE_START | class::PRONOUN)
        || is_name_word(words, k)
        || words.word(k).starts_with(|c: char| c.is_ascii_digit());
    if !opens_clause || k >= s1 {
        return None;
    }
    let content = clause(words, k, s1, direct)?;
    Some(indirect(words, v, content, source))
}

/// "CLAUSE, X said." and "CLAUSE, said X."
fn reported_before(
    words: &Words,
    v: usize,
    (s0, s1): Tokens,
    direct: &[bool],
) -> Option<FoundQuote> {
    if !words.is(v, class::SPEECH) {
        return None;
    }
    let (source, comma) = match phrase_before(words, skip_bridges_back(words, v, s0), s0) {
        Some(source) => (source, source.0.checked_sub(1)?),
        None => {
            let source = phrase_after(words, v + 1, s1)?;
            (source, v.checked_sub(1)?)
        }
    };
    if words.word(comma) != "," || comma <= s0 {
        return None;
    }
    let after = skip_time_and_place(words, source.1.max(v + 1), s1);
    if after < s1 && !words.is(after, class::TERMINAL) {
        return None;
    }
    let content = clause(words, s0, comma, direct)?;
    Some(indirect(words, v, content, source))
}

/// "according to X, CLAUSE" and "CLAUSE, according to X".
fn according_to(words: &Words, v: usize, (s0, s1): Tokens, direct: &[bool]) -> Option<FoundQuote> {
    let source = according_to_source(words, v + 2, s1)?;
    let content = if v > s0 && words.word(v - 1) == "," {
        clause(words, s0, v - 1, direct)?
    } else if words.word(source.1) == "," {
        clause(words, source.1 + 1, s1, direct)?
    } else {
        return None;
    };
    let mut quote = indirect(words, v, content, source);
    quote.cue = Some((v, v + 2));
    Some(quote)
}

fn indirect(words: &Words, v: usize, content: Tokens, source: Tokens) -> FoundQuote {
    let named = words.is(source.0, class::CAPITALISED | class::PRONOUN);
    let belief = words.is(v, class::COGNITION) && !words.is(v, class::SPEECH);
    let confidence = match (named, belief) {
        (true, false) => 0.55,
        (false, false) => 0.45,
        _ => 0.35,
    };
    FoundQuote {
        kind: QuoteKind::Indirect,
        content: vec![content],
        cue: Some((v, v + 1)),
        source: Some(source),
        confidence,
        evidence: None,
    }
}

/// The reported clause from token `start` to the end of its sentence
/// `end`: without the final full stop, and stopping before a direct quote.
/// None longer than the model's longest content ([`MAX_STRETCH`]): no
/// reported clause runs that long, and reading one in a "sentence" of
/// thousands of words for every cue in it took time growing with the
/// square of the text.
fn clause(words: &Words, start: usize, end: usize, direct: &[bool]) -> Option<Tokens> {
    if end.saturating_sub(start) > MAX_STRETCH {
        return None;
    }
    let mut stop = (start..end).find(|&k| direct[k]).unwrap_or(end);
    while stop > start && matches!(words.word(stop - 1), "." | "," | ";" | ":" | "—" | "–") {
        stop -= 1;
    }
    let count = (start..stop).filter(|&k| words.is(k, class::WORD)).count();
    (count >= MIN_CONTENT_WORDS).then_some((start, stop))
}

/// Steps over the listener after "told": "reporters", "CNN", "the Post".
fn skip_listener(words: &Words, mut k: usize, limit: usize) -> usize {
    let start = k;
    while k < limit && k - start < 4 {
        let clause_opens = words.word_is(k, "that")
            || k > start && words.is(k, class::CLAUSE_START | class::PRONOUN);
        if clause_opens || !words.is(k, class::WORD) {
            break;
        }
        k += 1;
    }
    k
}

/// Steps over "Tuesday", "on Tuesday", "last week", "in a statement".
fn skip_time_and_place(words: &Words, mut k: usize, limit: usize) -> usize {
    loop {
        let start = k;
        if k < limit && TIME_WORDS.iter().any(|w| words.word_is(k, w)) {
            k += 1;
        } else if k + 1 < limit
            && ["on", "in", "during", "at"]
                .iter()
                .any(|w| words.word_is(k, w))
        {
            let mut j = k + 1;
            if words.word_is(j, "a")
                || words.word_is(j, "an")
                || words.word_is(j, "the")
                || words.word_is(j, "his")
                || words.word_is(j, "her")
                || words.word_is(j, "their")
            {
                j += 1;
            }
            let noun = (j..limit.min(j + 2)).find(|&i| words.is(i, class::STATEMENT));
            let day = TIME_WORDS.iter().any(|w| words.word_is(j, w));
            match noun {
                Some(i) => k = i + 1,
                None if day => k = j + 1,
                None => {}
            }
        }
        if k == start || k >= limit {
            return k;
        }
    }
}
