//! Quotes in quotation marks: direct ones with their attribution, partial
//! ones inside the writer's sentence, and the scare quotes and titles that
//! are no quotes at all.

use super::FoundQuote;
use super::marks::Quoted;
use super::phrases::{
    Tokens, according_to_source, is_determiner, is_name_word, is_preposition, phrase_after,
    phrase_before, skip_bridges_back,
};
use super::words::{Words, class};
use crate::model::QuoteKind;

/// How far back from a quotation mark a cue may stand and still introduce
/// it ("said in a statement on Tuesday: “…”").
const CUE_REACH_BEFORE: usize = 10;
/// How far after a quote its attribution's cue may stand ("…,” said Vin
/// Weber, a lobbyist and a former congressman from Minnesota).
const CUE_REACH_AFTER: usize = 25;

const CUES: u32 = class::SPEECH | class::NAMING;

/// The most words a source phrase takes before its name ("Republican
/// National Committee spokesman Sean Spicer").
const MAX_SOURCE_WORDS: usize = 6;

/// A cue with the speaker phrase next to it.
struct Attribution {
    cue: Tokens,
    source: Option<Tokens>,
}

/// The quotes among the quoted stretches of the text, in text order.
pub fn quotes_in_marks(words: &Words, quoted: &[Quoted]) -> Vec<FoundQuote> {
    let mut found: Vec<FoundQuote> = Vec::new();
    for q in quoted {
        let open = q.open();
        let end = q.end();
        let before = context_before(words, open);
        let after = context_after(words, end);
        let opens_clause = opens_clause(words, before, open);
        let attribution = attribution_after(words, after).or_else(|| {
            opens_clause
                .then(|| attribution_before(words, before))
                .flatten()
        });
        let pieces = q.pieces.clone();
        if opens_clause {
            // “…,” he said, “…”: the second part shares the first's cue.
            if let Some(previous) = found.last_mut()
                && previous.kind == QuoteKind::Direct
                && attribution
                    .as_ref()
                    .is_some_and(|a| previous.cue == Some(a.cue))
            {
                previous.content.extend(pieces);
                continue;
            }
            if let Some(a) = attribution {
                found.push(direct(pieces, Some(a.cue), a.source));
                continue;
            }
            if let Some(previous) = continued_quote(words, &mut found, open) {
                previous.content.extend(pieces);
                continue;
            }
            if let Some(a) = introduced_by_colon(words, open).or_else(|| said_before(words, open)) {
                found.push(direct(pieces, Some(a.cue), a.source));
                continue;
            }
            if reads_as_speech(words, q) {
                let source = signed_below(words, end).or_else(|| previous_subject(words, open));
                found.push(direct(pieces, None, source));
            }
            continue;
        }
        if is_title(words, q) {
            continue;
        }
        // Words quoted inside the writer's own sentence are a partial quote
        // only when the sentence says who said them.
        let attribution = match attribution {
            Some(a) if a.source.is_some() => Some(a),
            other => cue_in_sentence(words, open).or(other),
        };
        if let Some(mut a) = attribution {
            if a.source.is_none() {
                a.source = sentence_subject(words, open);
            }
            let confidence = if a.source.is_some() { 0.6 } else { 0.45 };
            found.push(FoundQuote {
                kind: QuoteKind::Partial,
                content: pieces,
                cue: Some(a.cue),
                source: a.source,
                confidence,
                evidence: None,
            });
        }
    }
    found
}

fn direct(content: Vec<Tokens>, cue: Option<Tokens>, source: Option<Tokens>) -> FoundQuote {
    let confidence = match (cue, source) {
        (Some(_), Some(_)) => 0.92,
        (Some(_), None) => 0.6,
        _ => 0.35,
    };
    FoundQuote {
        kind: QuoteKind::Direct,
        content,
        cue,
        source,
        confidence,
        evidence: None,
    }
}

/// Tokens of the same sentence before the opening mark, back to a sentence
/// end, a paragraph break or another quote's closing mark.
fn context_before(words: &Words, open: usize) -> Tokens {
    let mut k = open;
    while k > 0
        && words.same_paragraph(k - 1, open)
        && !words.is(k - 1, class::QUOTE_MARK | class::TERMINAL)
    {
        k -= 1;
    }
    (k, open)
}

/// Tokens after the closing mark up to the end of the clause.
fn context_after(words: &Words, end: usize) -> Tokens {
    let mut k = end;
    while k < words.token_count()
        && end > 0
        && words.same_paragraph(k, end - 1)
        && !words.is(k, class::QUOTE_MARK | class::TERMINAL)
        && !matches!(words.word(k), ":" | ";")
    {
        k += 1;
    }
    (end, k)
}

/// Whether the quote stands where a clause of its own starts: at the start
/// of a sentence, after a comma or colon, or right after a cue.
fn opens_clause(words: &Words, before: Tokens, open: usize) -> bool {
    if before.0 == open {
        return true;
    }
    let last = open - 1;
    matches!(words.word(last), "," | ":" | "—" | "–" | "(")
        || words.is(last, CUES)
        || words.word_is(last, "that") && last > 0 && words.is(last - 1, CUES)
}

fn attribution_after(words: &Words, (start, limit): Tokens) -> Option<Attribution> {
    let mut s = start;
    while s < limit && matches!(words.word(s), "," | "—" | "–" | "-") {
        s += 1;
    }
    if s >= limit {
        return None;
    }
    // “… in 2014.” Then the talks failed: a new sentence after a full stop
    // attributes the quote only when it is nothing but "Kuleba said."
    let new_sentence = s > 1 && !words.same_sentence(s - 1, s) && words.word(s - 2) == ".";
    if new_sentence && (limit - s > MAX_SOURCE_WORDS || !words.is(limit, class::TERMINAL)) {
        return None;
    }
    if let Some(a) = according_to(words, s, limit) {
        return Some(a);
    }
    if words.is(s, CUES) {
        let floor = words.sentence_of(start.saturating_sub(1)).0;
        return Some(attribution_at(words, s, floor, limit));
    }
    let Some(cue) = (s..limit.min(s + CUE_REACH_AFTER)).find(|&k| words.is(k, CUES)) else {
        return unlisted_verb_after(words, s, limit);
    };
    // “…,” Scott Pruitt, the attorney general of Oklahoma, one of the
    // states suing, said: a name right after the quote, then an apposition.
    if let Some(name) = phrase_after(words, s, cue)
        && words.word(name.1) == ","
        && words.is(name.0, class::CAPITALISED)
    {
        return Some(Attribution {
            cue: (cue, cue + 1),
            source: Some(name),
        });
    }
    // "…” in sharp contrast to …, says Dante Scala." and "…, Gilbert said.":
    // an attribution closing the sentence, whatever stands before it.
    if cue > s
        && words.word(cue - 1) == ","
        && near_clause_end(cue + 1, limit)
        && let Some(name) = phrase_after(words, cue + 1, limit)
    {
        return Some(Attribution {
            cue: (cue, cue + 1),
            source: Some(name),
        });
    }
    // "a Democratic staffer in the room wondered": a phrase opening the
    // clause, a few words from the cue.
    let source = phrase_before(words, skip_bridges_back(words, cue, s), s)
        .or_else(|| phrase_after(words, s, cue).filter(|p| cue - p.1 <= 4))?;
    let closing =
        source.0 > s && words.word(source.0 - 1) == "," && near_clause_end(cue + 1, limit);
    if closing {
        return Some(Attribution {
            cue: (cue, cue + 1),
            source: Some(source),
        });
    }
    // Whatever stands between the quote and the speaker's name belongs to
    // the source: "spokesman Sean Spicer", "one senior Democrat".
    let gap_is_words = (s..source.0).all(|k| {
        words.is(k, class::WORD)
            && (!words.is(k, class::FUNCTION) || is_determiner(words, k) || words.word_is(k, "of"))
    });
    (source.0 == s || gap_is_words && source.0 - s <= MAX_SOURCE_WORDS).then_some(Attribution {
        cue: (cue, cue + 1),
        source: Some((s, source.1)),
    })
}

/// Whether the clause ends within a speaker phrase's reach of token `from`
/// ("said Vin Weber, a lobbyist and former congressman" and no more).
fn near_clause_end(from: usize, limit: usize) -> bool {
    limit.saturating_sub(from) <= 14
}

/// “…,” he surmised: a speaker right after the quote and a verb missing
/// from the lists still attribute it.
fn unlisted_verb_after(words: &Words, s: usize, limit: usize) -> Option<Attribution> {
    // “This is fantastic!” beamed Donald Hartley: the verb first.
    let lowercase_word =
        |k: usize| words.is(k, class::WORD) && !words.is(k, class::CAPITALISED | class::FUNCTION);
    if lowercase_word(s)
        && let Some(name) = phrase_after(words, s + 1, limit)
        && words.is(name.0, class::CAPITALISED)
        && is_name_word(words, name.1 - 1)
    {
        return Some(Attribution {
            cue: (s, s + 1),
            source: Some(name),
        });
    }
    let source = phrase_after(words, s, limit)?;
    let named = words.is(source.0, class::CAPITALISED | class::PRONOUN);
    let mut verb = source.1;
    while verb < limit && words.is(verb, class::BRIDGE) {
        verb += 1;
    }
    let is_verb = verb < limit
        && words.is(verb, class::WORD)
        && !words.is(verb, class::CAPITALISED | class::FUNCTION);
    (named && is_verb).then_some(Attribution {
        cue: (verb, verb + 1),
        source: Some(source),
    })
}

fn attribution_before(words: &Words, (floor, open): Tokens) -> Option<Attribution> {
    if let Some(a) = according_to(words, floor, open) {
        return Some(a);
    }
    // After a comma or colon the whole clause before may introduce the
    // quote ("Said Dorothy Poynter, who grew up with Ali, “…”").
    let introduced = open > floor && matches!(words.word(open - 1), "," | ":");
    let reach = if introduced {
        floor
    } else {
        open.saturating_sub(CUE_REACH_BEFORE).max(floor)
    };
    match (reach..open).rev().find(|&k| words.is(k, CUES)) {
        Some(cue) => Some(attribution_at(words, cue, floor, open)),
        // "As John Cornyn, the No. 2 in the GOP leadership, put it: “…”"
        None if open >= 3
            && words.word_is(open - 2, "it")
            && ["put", "puts"].iter().any(|w| words.word_is(open - 3, w)) =>
        {
            Some(Attribution {
                cue: (open - 3, open - 1),
                source: phrase_before(words, open - 3, floor),
            })
        }
        None if open > 0 && words.word(open - 1) == ":" => {
            named_before_colon(words, floor, open).or_else(|| introduced_by_subject(words, open))
        }
        None => None,
    }
}

/// The cue at token `cue` with the speaker before it or, inverted, after it.
fn attribution_at(words: &Words, cue: usize, floor: usize, limit: usize) -> Attribution {
    let source = possessor(words, cue, floor)
        .or_else(|| participle_subject(words, cue, floor))
        .or_else(|| {
            phrase_before(words, skip_bridges_back(words, cue, floor), floor)
                .map(|phrase| issuer_of_statement(words, phrase).unwrap_or(phrase))
        })
        .or_else(|| {
            may_invert(words, cue, floor)
                .then(|| phrase_after(words, cue + 1, limit))
                .flatten()
        })
        .or_else(|| earlier_speaker(words, cue, floor))
        .or_else(|| sentence_subject(words, cue))
        .or_else(|| words_before(words, cue, floor));
    Attribution {
        cue: (cue, cue + 1),
        source: source.map(|s| subject_over_embedded_pronoun(words, s)),
    }
}

/// The most words a clause's subject runs to when no rule can tell its
/// head ("Only 52 percent of registered voters agreed …").
const MAX_SUBJECT_WORDS: usize = 12;

/// Words that end a clause's subject, reading back from its verb.
const SUBJECT_BOUNDARIES: &[&str] = &[
    "and", "or", "but", "that", "which", "whom", "where", "when", "while", "before", "after",
    "because", "if", "as", "to", "since", "although", "than", "then", "so", "him", "them", "me",
    "us",
];

/// The words right before cue `cue`, back to the clause's start: when no
/// speaker phrase can be told, the subject is most often those words, and
/// a guess beats no source for a reviewer.
fn words_before(words: &Words, cue: usize, floor: usize) -> Option<Tokens> {
    let end = skip_bridges_back(words, cue, floor);
    // "…, who in 2010 said": the relative pronoun is the subject.
    if end > floor && ["who", "which"].iter().any(|w| words.word_is(end - 1, w)) {
        return Some((end - 1, end));
    }
    // A conjunction ends the subject ("… and said", "before adding"); a
    // preposition may stand inside it ("a narrator in the ad asks").
    let in_subject = |k: usize| {
        let word = words.is(k, class::WORD)
            && !words.is(k, CUES)
            && !SUBJECT_BOUNDARIES.iter().any(|w| words.word_is(k, w));
        !words.is_quoted(k) && (word || matches!(words.word(k), "(" | ")" | "-" | "'s" | "’s"))
    };
    let mut start = end;
    while start > floor && end - start < MAX_SUBJECT_WORDS && in_subject(start - 1) {
        start -= 1;
    }
    while start < end && (!words.is(start, class::WORD) || is_preposition(words, start)) {
        start += 1;
    }
    (start < end).then_some((start, end))
}

/// "Trump’s claim that …", "her remark that …": a noun for what was
/// said names its speaker as its possessor (the words left cue bits on
/// such nouns only).
fn possessor(words: &Words, cue: usize, floor: usize) -> Option<Tokens> {
    if cue == floor || !words.is(cue, class::SPEECH_NOUN) {
        return None;
    }
    let owner = cue - 1;
    if ["his", "her", "their", "its"]
        .iter()
        .any(|w| words.word_is(owner, w))
    {
        return Some((owner, cue));
    }
    if !matches!(words.word(owner), "'s" | "’s") {
        return None;
    }
    phrase_before(words, owner, floor).map(|(start, _)| (start, cue))
}

/// "the Security Council issued a statement calling …": a statement that
/// is the object of a verb speaks for the sentence's subject, who issued
/// it.
fn issuer_of_statement(words: &Words, (start, end): Tokens) -> Option<Tokens> {
    let verb = start.checked_sub(1)?;
    let object_of_verb = words.is(end - 1, class::STATEMENT)
        && words.is(verb, class::WORD)
        && !words.is(verb, class::FUNCTION | class::CAPITALISED);
    if !object_of_verb {
        return None;
    }
    let floor = words.sentence_of(verb).0;
    phrase_before(words, skip_bridges_back(words, verb, floor), floor)
}

/// "Clinton spoke out about the shooting in Tulsa, arguing that …": a
/// participle cue after a comma hangs on the sentence's subject, not on
/// the words just before the comma (a place, "a statement").
pub(super) fn participle_subject(words: &Words, cue: usize, floor: usize) -> Option<Tokens> {
    if cue == floor || words.word(cue - 1) != "," || !words.word(cue).ends_with("ing") {
        return None;
    }
    earlier_speaker(words, cue, floor).or_else(|| {
        sentence_subject(words, cue)
            .filter(|s| s.1 < cue - 1 && words.is(s.0, class::CAPITALISED | class::PRONOUN))
    })
}

/// "Ban Ki-moon condemned what he called a “brazen breach”", "Lynch said
/// she recalled thinking, “…”": a pronoun opening a clause that the
/// sentence's subject governs (after "what" or a cue) stands for that
/// subject, which annotators take as the speaker. A pronoun opening its
/// own clause ("…, he said") stays the speaker.
fn subject_over_embedded_pronoun(words: &Words, source: Tokens) -> Tokens {
    let (k, end) = source;
    let after_what = k > 0 && ["what", "which"].iter().any(|w| words.word_is(k - 1, w));
    let embedded = end == k + 1
        && k > 0
        && (after_what && words.is(k, class::PRONOUN)
            || is_subject_pronoun(words, k) && words.is(k - 1, CUES));
    if !embedded {
        return source;
    }
    match sentence_subject(words, k) {
        Some(subject) if subject.1 <= k && words.is(subject.0, class::CAPITALISED) => subject,
        _ => source,
    }
}

/// "Bush: “The mission is to destroy ISIS.”", "Pew Research: “…”": a
/// name and a colon, the colon as the cue.
fn named_before_colon(words: &Words, floor: usize, open: usize) -> Option<Attribution> {
    let colon = open - 1;
    let source = phrase_before(words, colon, floor)?;
    words
        .is(colon - 1, class::CAPITALISED)
        .then_some(Attribution {
            cue: (colon, open),
            source: Some(source),
        })
}

/// "Kasich resisted: “…”": the subject of the sentence a colon ends, with
/// the verb after it as the cue.
fn introduced_by_subject(words: &Words, open: usize) -> Option<Attribution> {
    let source = sentence_subject(words, open - 1)?;
    let cue = source.1;
    (cue < open - 1 && words.is(source.0, class::CAPITALISED | class::PRONOUN)).then_some(
        Attribution {
            cue: (cue, cue + 1),
            source: Some(source),
        },
    )
}

/// Whether the speaker may follow cue `cue` ("…,” said Vin Weber", "Said
/// Dorothy Poynter, …"): not after a participle or a naming verb, whose
/// next words are what is said or named ("saying she's experienced",
/// "called the Saudis “free riders”"), and only where a clause starts.
fn may_invert(words: &Words, cue: usize, floor: usize) -> bool {
    let clause_start = cue == floor
        || matches!(words.word(cue - 1), "," | ":")
        || words.is(cue - 1, class::QUOTE_MARK);
    clause_start && words.is(cue, class::SPEECH) && !words.word(cue).ends_with("ing")
}

/// "he said, adding …": a participle cue after a comma shares the speaker
/// of the cue before it.
fn earlier_speaker(words: &Words, cue: usize, floor: usize) -> Option<Tokens> {
    if cue == floor || words.word(cue - 1) != "," || !words.word(cue).ends_with("ing") {
        return None;
    }
    let earlier = (floor..cue - 1)
        .rev()
        .find(|&k| words.is(k, CUES) && !words.is_quoted(k))?;
    phrase_before(words, skip_bridges_back(words, earlier, floor), floor)
}

/// "according to X" anywhere in `start..limit`.
fn according_to(words: &Words, start: usize, limit: usize) -> Option<Attribution> {
    let k = (start..limit.saturating_sub(1))
        .find(|&k| words.word_is(k, "according") && words.word_is(k + 1, "to"))?;
    Some(Attribution {
        cue: (k, k + 2),
        source: according_to_source(words, k + 2, limit),
    })
}

/// The quote just before, when this unattributed one goes on with its
/// words: later in the same paragraph ("…,” he said. “…”), or opening the
/// next paragraph right after it.
fn continued_quote<'f>(
    words: &Words,
    found: &'f mut [FoundQuote],
    open: usize,
) -> Option<&'f mut FoundQuote> {
    let previous = found.last_mut()?;
    if previous.kind != QuoteKind::Direct || previous.cue.is_none() {
        return None;
    }
    let previous_end = previous.content.last()?.1;
    let last = previous_end.checked_sub(1)?;
    let same_paragraph = words.same_paragraph(last, open);
    let starts_paragraph = open == 0 || !words.same_paragraph(open - 1, open);
    let next_paragraph = starts_paragraph
        && words.paragraph[open] == words.paragraph[last] + 1
        && ends_paragraph(words, previous_end);
    (same_paragraph || next_paragraph).then_some(previous)
}

/// Whether no more than a short attribution ("…,” he said.) follows the
/// quote ending before token `end` in its paragraph.
fn ends_paragraph(words: &Words, end: usize) -> bool {
    (end..words.token_count())
        .take_while(|&k| words.same_paragraph(k, end - 1))
        .all(|k| !words.is(k, class::QUOTE_MARK) && k < end + 12)
}

/// "Cruz continued:" closing the paragraph before a quote that opens the
/// next one.
fn introduced_by_colon(words: &Words, open: usize) -> Option<Attribution> {
    if open < 2 || words.same_paragraph(open - 1, open) || words.word(open - 1) != ":" {
        return None;
    }
    let (floor, _) = words.sentence_of(open - 1);
    match (floor..open - 1).rev().find(|&k| words.is(k, CUES)) {
        Some(cue) => Some(attribution_at(words, cue, floor, open - 1)),
        // "17-year-old Jared Potts echoed:"
        None => introduced_by_subject(words, open),
    }
}

/// "…, Schiff said. “The other factor …”": a sentence that ends with its
/// attribution lends it to the quote that follows in the same paragraph.
fn said_before(words: &Words, open: usize) -> Option<Attribution> {
    if open < 3 || !words.same_paragraph(open - 1, open) || words.word(open - 1) != "." {
        return None;
    }
    let (floor, _) = words.sentence_of(open - 1);
    let cue = (open.saturating_sub(12).max(floor)..open - 1)
        .rev()
        .find(|&k| words.is(k, CUES) && !words.is_quoted(k))?;
    let a = attribution_at(words, cue, floor, open - 1);
    a.source.is_some().then_some(a)
}

/// The cue of the sentence around a quote: the nearest one before it, else
/// the first after it. With none, a cue word used as a noun still marks
/// quoted words as someone's ("PolitiFact rated 32% of Republican claims
/// as “false”"), said by the sentence's subject.
fn cue_in_sentence(words: &Words, open: usize) -> Option<Attribution> {
    let (start, end) = words.sentence_of(open);
    let nearest = |bits: u32| {
        (start..open)
            .rev()
            .find(|&k| words.is(k, bits))
            .or_else(|| (open..end).find(|&k| words.is(k, bits) && !inside_marks(words, open, k)))
    };
    if let Some(cue) = nearest(CUES) {
        return Some(attribution_at(words, cue, start, end));
    }
    let noun = nearest(class::NOUN_USE)?;
    Some(Attribution {
        cue: (noun, noun + 1),
        source: sentence_subject(words, open),
    })
}

/// The subject of the sentence around token `at`, for a cue with no
/// speaker next to it ("he supported Obama and said, “…”", "Trump further
/// summed up Clinton as “terrible,” …"): a name, pronoun or role phrase
/// opening the sentence or its first clause and followed by a lowercase
/// word, else the nearest pronoun before `at`.
fn sentence_subject(words: &Words, at: usize) -> Option<Tokens> {
    let (start, _) = words.sentence_of(at);
    let clause_starts =
        std::iter::once(start).chain((start..at).filter(|&k| words.word(k) == ",").map(|k| k + 1));
    for clause in clause_starts {
        let before_verb = |end: usize| {
            words.is(end, class::WORD) && !words.is(end, class::CAPITALISED)
                || words.word(end) == ","
        };
        if let Some(subject) = phrase_after(words, clause, at)
            && subject.1 < at
            && before_verb(subject.1)
            // A sentence may start inside the quote ("… They are wrong,”
            // said …"): words in marks are what was said, not who said it.
            && !words.is_quoted(subject.0)
        {
            return Some(subject);
        }
    }
    (start..at)
        .rev()
        .find(|&k| is_subject_pronoun(words, k) && !words.is_quoted(k))
        .map(|k| (k, k + 1))
}

/// "he", "she", "they", "we", "I": not "it", which is more often an object
/// ("rated both aspects of it").
fn is_subject_pronoun(words: &Words, k: usize) -> bool {
    words.is(k, class::PRONOUN) && !words.word_is(k, "it")
}

/// Whether token `k` lies inside the quote opened at `open`.
fn inside_marks(words: &Words, open: usize, k: usize) -> bool {
    (open + 1..k).all(|i| !words.is(i, class::QUOTE_MARK))
}

/// "- Sanders." on the line after a quote, or "― Martha Aguilar" right
/// after it: who said it.
fn signed_below(words: &Words, end: usize) -> Option<Tokens> {
    let dash = end;
    if !matches!(words.word(dash), "-" | "—" | "–" | "―") {
        return None;
    }
    let (_, sentence_end) = words.sentence_of(dash);
    let name = phrase_after(words, dash + 1, sentence_end)?;
    words.is(name.0, class::CAPITALISED).then_some(name)
}

/// The subject of the sentence before an unattributed quote, outside
/// quotation marks: who the writer was talking about ("Trump spoke only in
/// evasive bromides. “We have to be a lot tougher.”").
fn previous_subject(words: &Words, open: usize) -> Option<Tokens> {
    let last = open.checked_sub(1)?;
    if words.is_quoted(last) {
        return None;
    }
    let subject = sentence_subject(words, last)?;
    words
        .is(subject.0, class::CAPITALISED | class::PRONOUN)
        .then_some(subject)
}

/// A standalone quoted stretch is speech when it reads like a sentence:
/// several words, or an end mark inside the quotation marks.
fn reads_as_speech(words: &Words, q: &Quoted) -> bool {
    let count = q.word_count(words);
    let last = q.end().saturating_sub(2);
    count >= 4 || words.is(last, class::TERMINAL) && !is_title(words, q)
}

/// A title or a name in quotation marks: every word capitalised
/// (“Saturday Night Live”).
fn is_title(words: &Words, q: &Quoted) -> bool {
    let in_marks: Vec<usize> = q
        .pieces
        .iter()
        .flat_map(|&(a, b)| a..b)
        .filter(|&i| words.is(i, class::WORD))
        .collect();
    in_marks.len() >= 2
        && in_marks.iter().all(|&i| {
            words.is(i, class::CAPITALISED)
                || words.is(i, class::FUNCTION) && words.word(i).len() <= 3
        })
}
