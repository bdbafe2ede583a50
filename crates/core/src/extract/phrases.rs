//! The noun phrase that names a speaker next to a cue: "Blinken said",
//! "said Vin Weber", "a State Department spokesman said", "he said".

use super::words::{Words, class};

/// A token range `start..end`.
pub type Tokens = (usize, usize);

/// Determiners that open a role phrase ("the secretary", "a spokesman").
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "one", "two", "three", "several", "many",
    "some", "other", "another", "most",
];

const PREPOSITIONS: &[&str] = &[
    "at", "in", "on", "for", "of", "by", "with", "from", "to", "during", "after", "before",
    "since", "under", "over", "about", "into", "through",
];

/// Words that join the capitalised parts of one name ("Secretary of State",
/// "Breitbart’s Joel Pollak").
const NAME_JOINERS: &[&str] = &[
    "of", "for", "'s", "’s", "de", "van", "von", "al", "bin", "&",
];

pub fn is_preposition(words: &Words, i: usize) -> bool {
    PREPOSITIONS.iter().any(|p| words.word_is(i, p))
}

pub fn is_determiner(words: &Words, i: usize) -> bool {
    DETERMINERS.iter().any(|d| words.word_is(i, d))
}

fn is_joiner(words: &Words, i: usize) -> bool {
    NAME_JOINERS.iter().any(|d| words.word_is(i, d))
}

/// A capitalised word that can be part of a name (not "The", not "But").
pub fn is_name_word(words: &Words, i: usize) -> bool {
    let plain_name = |k: usize| {
        words.is(k, class::CAPITALISED) && !words.is(k, class::FUNCTION | class::PRONOUN)
    };
    // A capitalised function word inside a sentence is a name when a name
    // follows it ("said Will Doyle"), or a verb of speech after words like
    // "also" ("“…,” May said", "Will wrote"): surnames that are words too.
    let inside = || words.sentence_of(i).0 != i;
    let given_name = || inside() && plain_name(i + 1);
    let speaks = || {
        let (_, end) = words.sentence_of(i);
        let verb = (i + 1..end).find(|&k| !words.is(k, class::BRIDGE));
        inside()
            && !words.is_quoted(i)
            && verb.is_some_and(|k| words.is(k, class::SPEECH | class::COGNITION))
    };
    plain_name(i)
        || words.is(i, class::CAPITALISED)
            && !words.is(i, class::PRONOUN)
            && (words.is(i, class::TITLE) || given_name() || speaks())
}

/// Steps back over words like "also" and "has" that may stand between a
/// speaker and its cue: the index just after the speaker.
pub fn skip_bridges_back(words: &Words, mut end: usize, floor: usize) -> usize {
    while end > floor && words.is(end - 1, class::BRIDGE) {
        end -= 1;
    }
    end
}

/// The speaker phrase that ends right before token `end`, not reaching
/// before `floor`.
pub fn phrase_before(words: &Words, end: usize, floor: usize) -> Option<Tokens> {
    phrase_before_inner(words, end, floor, true)
}

fn phrase_before_inner(
    words: &Words,
    end: usize,
    floor: usize,
    allow_apposition: bool,
) -> Option<Tokens> {
    if end <= floor {
        return None;
    }
    let last = end - 1;
    if words.is(last, class::PRONOUN) {
        return Some((last, end));
    }
    let word = words.word(last);
    if word == ")" {
        // "Sen. Marco Rubio (R-Fla.) said": the name is before the brackets.
        let reach = last.saturating_sub(10).max(floor);
        let opening = (reach..last).rev().find(|&k| words.word(k) == "(")?;
        return phrase_before_inner(words, opening, floor, allow_apposition);
    }
    if matches!(word, "," | "—" | "–" | "-") && allow_apposition {
        // "Miller, a retired worker from a nuclear plant, said", "John
        // McCain -- who lost the 2008 election -- said": the name stands
        // before the comma or dash that opens the apposition (the nearest
        // one with a name before it).
        let dash = word != ",";
        let reach = last.saturating_sub(30).max(floor);
        return (reach..last)
            .rev()
            .take_while(|&k| !words.is(k, class::QUOTE_MARK | class::TERMINAL))
            .filter(|&k| {
                let w = words.word(k);
                if dash {
                    matches!(w, "—" | "–" | "-")
                } else {
                    w == ","
                }
            })
            .take(3)
            .find_map(|opening| {
                let mut end = opening;
                while dash && end > floor && words.word(end - 1) == "-" {
                    end -= 1;
                }
                let name = phrase_before_inner(words, end, floor, false)?;
                let named = (name.0..name.1)
                    .any(|k| words.is(k, class::CAPITALISED | class::PRONOUN | class::ROLE));
                named.then_some(name)
            });
    }
    if word.eq_ignore_ascii_case("who") && last > floor && words.word(last - 1) == "," {
        return phrase_before_inner(words, last - 1, floor, false);
    }
    if is_name_word(words, last) {
        let mut start = last;
        while start > floor {
            let k = start - 1;
            if is_name_word(words, k)
                || is_joiner(words, k) && k > floor && is_name_word(words, k - 1)
            {
                start = k;
            } else {
                break;
            }
        }
        if start > floor && words.word_is(start - 1, "the") {
            start -= 1;
        }
        return Some((start, end));
    }
    if words.is(last, class::WORD) && !words.is(last, class::FUNCTION) {
        // A role phrase: "the secretary", "Western officials",
        // "a senior administration official".
        let mut start = last;
        while start > floor && last - start < 5 {
            let k = start - 1;
            let modifier = words.is(k, class::WORD)
                && !words.is(k, class::FUNCTION | class::SPEECH | class::COGNITION)
                && !words.is(k, class::BRIDGE);
            if !modifier {
                break;
            }
            start = k;
        }
        // Without a role noun for head, only "the …" is a speaker ("the
        // group said"); "a snappy retort:" is no speaker but the cue.
        let definite = start > floor && words.word_is(start - 1, "the");
        if start > floor && is_determiner(words, start - 1) {
            start -= 1;
        }
        // "Trump at the time said": a phrase after a preposition is no
        // speaker.
        if start > floor && is_preposition(words, start - 1) {
            return None;
        }
        if words.is(last, class::ROLE | class::STATEMENT) || definite {
            return Some((start, end));
        }
    }
    None
}

/// The speaker phrase that starts at token `start`, after an inverted cue
/// ("said Vin Weber, a lobbyist"), not reaching `limit`.
pub fn phrase_after(words: &Words, start: usize, limit: usize) -> Option<Tokens> {
    if start >= limit {
        return None;
    }
    if words.is(start, class::PRONOUN) {
        return Some((start, start + 1));
    }
    // A name, perhaps after a few lowercase words of role: "Vin Weber",
    // "former Utah governor Michael Leavitt".
    let name = (start..limit.min(start + 5))
        .take_while(|&k| {
            words.is(k, class::WORD) && (!words.is(k, class::FUNCTION) || is_name_word(words, k))
        })
        .find(|&k| is_name_word(words, k));
    // "Acknowledging that …" opens a sentence with a verb, not a name.
    let verb = |k: usize| {
        let word = words.word(k);
        words.is(
            k,
            class::SPEECH | class::NAMING | class::COGNITION | class::BRIDGE,
        ) || words.sentence_of(k).0 == k
            && (word.len() > 5 && word.ends_with("ing") || word.len() > 4 && word.ends_with("ly"))
    };
    if let Some(first) = name.filter(|&k| !verb(k)) {
        let mut end = first + 1;
        while end < limit
            && (is_name_word(words, end)
                || is_joiner(words, end) && end + 1 < limit && is_name_word(words, end + 1))
        {
            end += 1;
        }
        return Some((start, end));
    }
    if is_determiner(words, start) {
        let mut end = start + 1;
        while end < limit
            && end - start < 7
            && words.is(end, class::WORD)
            && (!words.is(end, class::FUNCTION) || words.word_is(end, "of"))
        {
            end += 1;
        }
        let has_head = (start + 1..end)
            .any(|k| words.is(k, class::ROLE | class::STATEMENT | class::CAPITALISED));
        return (end > start + 1 && has_head).then_some((start, end));
    }
    None
}

/// The source after "according to": a speaker phrase, or else whatever
/// stands there up to the end of the clause ("calculations by Amy
/// Glasmeier", "a court document filed by state attorney Dave Aronberg").
pub fn according_to_source(words: &Words, start: usize, limit: usize) -> Option<Tokens> {
    if let Some(phrase) = phrase_after(words, start, limit) {
        return Some(phrase);
    }
    let end = (start..limit)
        .take(12)
        .take_while(|&k| words.is(k, class::WORD) || words.word(k) == "-")
        .last()?;
    Some((start, end + 1))
}
