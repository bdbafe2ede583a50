//! What the attribution model knows of each token before it decides
//! anything: hashes of the word's forms, its shape, the entity the tagger
//! found there, and what the rules made of it. Computed once per article,
//! in one pass, so that every later feature is a lookup.

use super::super::FoundQuote;
use super::super::entities::Mention;
use super::super::marks::Quoted;
use super::super::phrases::Tokens;
use super::super::words::{Words, class};
use crate::model::{EntityLabel, QuoteKind};
use crate::tagger::clusters::{EDGE_CLASS, LEVELS, NO_CLASS, WordClasses};
use crate::tagger::features::{FeatureHash, IdMap};

/// What the rules said of a token, as bits of [`Context::rule`].
pub mod rule {
    /// Cue of a quote in quotation marks that opens its own clause.
    pub const CUE_DIRECT: u8 = 1;
    /// Cue of quoted words inside the writer's sentence.
    pub const CUE_PARTIAL: u8 = 1 << 1;
    /// Cue of reported speech.
    pub const CUE_REPORTED: u8 = 1 << 2;
    /// Part of the source the rules gave any quote.
    pub const SOURCE: u8 = 1 << 3;
    /// Part of a quote the rules found in quotation marks.
    pub const QUOTED_CONTENT: u8 = 1 << 4;
    /// Part of reported speech the rules found.
    pub const REPORTED_CONTENT: u8 = 1 << 5;
}

/// How a token is written, as a small number.
pub mod shape {
    pub const LOWER: u8 = 0;
    pub const CAPITALISED: u8 = 1;
    pub const UPPER: u8 = 2;
    pub const DIGITS: u8 = 3;
    pub const QUOTE_MARK: u8 = 4;
    pub const COMMA: u8 = 5;
    pub const TERMINAL: u8 = 6;
    pub const COLON: u8 = 7;
    pub const DASH: u8 = 8;
    pub const BRACKET: u8 = 9;
    pub const OTHER_PUNCT: u8 = 10;
    pub const OTHER_WORD: u8 = 11;
}

/// Word classes of the lexicon that the features look at.
pub const CLASS_MASK: u32 = class::SPEECH
    | class::COGNITION
    | class::PRONOUN
    | class::TITLE
    | class::ROLE
    | class::FUNCTION
    | class::ORG_WORD
    | class::NAMING
    | class::STATEMENT
    | class::SPEECH_NOUN
    | class::NOUN_USE
    | class::CLAUSE_START;

pub(crate) struct Context<'a> {
    pub words: &'a Words<'a>,
    /// Hash of each token's lower-case form (typographic quotes, apostrophes
    /// and dashes as plain ones).
    pub lower: Vec<u64>,
    /// Hash of a crude stem of the lower-case form ("criticized",
    /// "criticizes", "criticizing" → "criticiz").
    pub stem: Vec<u64>,
    /// Hash of the last three chars of the lower-case form.
    pub suffix: Vec<u64>,
    pub shape: Vec<u8>,
    /// The word classes (learnt from unlabelled news, as the entity tagger
    /// has them) of each token, coarse and fine; `NO_CLASS` for a word
    /// the table lacks.
    pub clusters: Vec<[u16; LEVELS]>,
    /// The entity the tagger found on each token: 0 none, else the label's
    /// number (1 PERSON, 2 ORG, 3 LOC, 4 MISC), plus 8 on its last token.
    pub mention: Vec<u8>,
    /// [`rule`] bits of each token.
    pub rule: Vec<u8>,
    /// Whether a clause may begin or end at each token: punctuation that
    /// separates clauses, a quotation mark, or a conjunction.
    pub boundary: Vec<bool>,
    /// The rules' quotes, in text order.
    pub rule_quotes: &'a [FoundQuote],
    /// Every stretch in quotation marks, in text order.
    pub quoted: &'a [Quoted],
    /// How many of the tokens before each one (and before the end) begin
    /// or continue a person the tagger found, or are pronouns: counts over
    /// a sentence in constant time, however long it runs.
    persons_before: Vec<u32>,
    /// Where the clause of each token begins: just after the last comma or
    /// colon before it in its sentence, else at the sentence's start. Kept
    /// rather than sought back for each candidate source, which took time
    /// growing with the square of a long sentence without commas.
    pub clause_start: Vec<usize>,
}

impl<'a> Context<'a> {
    pub fn new(
        words: &'a Words<'a>,
        quoted: &'a [Quoted],
        rule_quotes: &'a [FoundQuote],
        mentions: &[Mention],
        classes: &WordClasses,
    ) -> Context<'a> {
        let n = words.token_count();
        let mut lower = Vec::with_capacity(n);
        let mut stem = Vec::with_capacity(n);
        let mut suffix = Vec::with_capacity(n);
        let mut shape = Vec::with_capacity(n);
        let mut clusters = Vec::with_capacity(n);
        let mut buf = String::new();
        // Most words recur: each distinct one is lower-cased, stemmed,
        // hashed and looked up once (keyed by a hash of it as written).
        let mut forms: IdMap<([u64; 3], [u16; LEVELS])> = IdMap::default();
        for i in 0..n {
            let word = words.word(i);
            let ([l, st, su], c) = *forms.entry(hash_str(0, word)).or_insert_with(|| {
                buf.clear();
                buf.extend(word.chars().flat_map(char::to_lowercase).map(plain));
                let tail = buf
                    .char_indices()
                    .rev()
                    .nth(2)
                    .map_or(buf.as_str(), |(at, _)| &buf[at..]);
                let c = classes.of(word).unwrap_or([NO_CLASS; LEVELS]);
                (
                    [
                        hash_str(1, &buf),
                        hash_str(2, stem_of(&buf)),
                        hash_str(3, tail),
                    ],
                    c,
                )
            });
            lower.push(l);
            stem.push(st);
            suffix.push(su);
            shape.push(shape_of(words, i, word));
            clusters.push(c);
        }
        let mut mention = vec![0u8; n];
        for m in mentions {
            if let Some((a, b)) = words.tokens_of((m.start, m.end)) {
                let label = match m.label {
                    EntityLabel::Person => 1,
                    EntityLabel::Org => 2,
                    EntityLabel::Loc => 3,
                    EntityLabel::Misc => 4,
                };
                mention[a..b].iter_mut().for_each(|t| *t = label);
                mention[b - 1] |= 8;
            }
        }
        let mut rules = vec![0u8; n];
        let mut mark = |(a, b): Tokens, bit: u8| {
            rules[a.min(n)..b.min(n)].iter_mut().for_each(|t| *t |= bit);
        };
        for q in rule_quotes {
            let (cue_bit, content_bit) = match q.kind {
                QuoteKind::Direct => (rule::CUE_DIRECT, rule::QUOTED_CONTENT),
                QuoteKind::Partial => (rule::CUE_PARTIAL, rule::QUOTED_CONTENT),
                QuoteKind::Mixed | QuoteKind::Indirect => {
                    (rule::CUE_REPORTED, rule::REPORTED_CONTENT)
                }
            };
            if let Some(cue) = q.cue {
                mark(cue, cue_bit);
            }
            if let Some(source) = q.source {
                mark(source, rule::SOURCE);
            }
            for &piece in &q.content {
                mark(piece, content_bit);
            }
        }
        let boundary = (0..n)
            .map(|k| {
                matches!(
                    shape[k],
                    shape::COMMA | shape::COLON | shape::DASH | shape::BRACKET | shape::QUOTE_MARK
                ) || {
                    let word = words.word(k);
                    CLAUSE_WORDS.iter().any(|w| word.eq_ignore_ascii_case(w))
                }
            })
            .collect();
        let mut persons_before = Vec::with_capacity(n + 1);
        let mut count = 0u32;
        persons_before.push(0);
        for (k, &m) in mention.iter().enumerate() {
            count += u32::from(m & 7 == 1 || words.is(k, class::PRONOUN));
            persons_before.push(count);
        }
        let mut clause_start = Vec::with_capacity(n);
        let mut last_separator: Option<usize> = None;
        for (k, &sh) in shape.iter().enumerate() {
            let (s0, _) = words.sentence_of(k);
            clause_start.push(match last_separator {
                Some(j) if j >= s0 => j + 1,
                _ => s0,
            });
            if matches!(sh, shape::COMMA | shape::COLON) {
                last_separator = Some(k);
            }
        }
        Context {
            words,
            persons_before,
            clause_start,
            boundary,
            lower,
            stem,
            suffix,
            shape,
            clusters,
            mention,
            rule: rules,
            rule_quotes,
            quoted,
        }
    }

    pub fn len(&self) -> usize {
        self.lower.len()
    }

    /// How many tokens of `from..to` are (in) a person the tagger found or
    /// a pronoun.
    pub fn persons_in(&self, (from, to): Tokens) -> usize {
        (self.persons_before[to] - self.persons_before[from]) as usize
    }

    /// Whether a quotation mark stands in one of `pieces`.
    pub fn holds_quote_mark(&self, pieces: &[Tokens]) -> bool {
        (pieces.iter()).any(|&(a, b)| (a..b).any(|k| self.shape[k] == shape::QUOTE_MARK))
    }

    /// The lower-case hash of token `i`, or of the edge of the text.
    pub fn lower_at(&self, i: isize) -> u64 {
        usize::try_from(i)
            .ok()
            .and_then(|i| self.lower.get(i))
            .copied()
            .unwrap_or(EDGE)
    }

    pub fn shape_at(&self, i: isize) -> u8 {
        usize::try_from(i)
            .ok()
            .and_then(|i| self.shape.get(i))
            .copied()
            .unwrap_or(u8::MAX)
    }

    /// The word classes of token `i`; those of the text's edge outside it.
    pub fn clusters_at(&self, i: isize) -> [u16; LEVELS] {
        usize::try_from(i)
            .ok()
            .and_then(|i| self.clusters.get(i))
            .copied()
            .unwrap_or([EDGE_CLASS; LEVELS])
    }

    /// The lexicon classes of token `i` that the features look at.
    pub fn classes(&self, i: usize) -> u32 {
        self.words.classes.get(i).map_or(0, |c| c & CLASS_MASK)
    }
}

/// Words that may open a clause inside a sentence, so that content may
/// end before them.
const CLAUSE_WORDS: &[&str] = &[
    "and", "but", "while", "because", "although", "though", "as", "after", "before", "since",
    "when", "where", "which", "who", "if", "unless", "so", "or", "whether", "than", "until",
];

/// The hash standing for "no token here" (before the first, after the last).
const EDGE: u64 = 0x5e_ed0f_ed6e;

/// The hash of a string under a namespace, for [`Context`]'s tables.
pub fn hash_str(namespace: u8, s: &str) -> u64 {
    FeatureHash::new(namespace).bytes(s.as_bytes()).finish()
}

/// Typographic quotes, apostrophes and dashes as plain ones.
fn plain(c: char) -> char {
    match c {
        '’' | '‘' | '`' => '\'',
        '“' | '”' | '„' => '"',
        '—' | '–' | '―' => '-',
        c => c,
    }
}

/// Cuts inflection endings off a lower-case word, so that the forms of one
/// verb share a stem. Crude on purpose: it only has to be consistent.
pub fn stem_of(word: &str) -> &str {
    let n = word.len();
    if !word.is_ascii() || n < 4 {
        return word;
    }
    // "denies", "denied" → "den" (with "deny" → "den" below).
    let cut = if word.ends_with("ies") || word.ends_with("ied") || n > 5 && word.ends_with("ing") {
        3
    } else if n > 4 && word.ends_with("ed") {
        2
    } else if word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") {
        // "notes" → "note" (then "not" below), not "press" nor "status".
        1
    } else {
        0
    };
    let mut stem = &word[..n - cut];
    if stem.len() > 3 && (stem.ends_with('e') || stem.ends_with('y')) {
        stem = &stem[..stem.len() - 1];
    }
    // "committed" → "committ" → "commit".
    let b = stem.as_bytes();
    if b.len() > 3 && b[b.len() - 1] == b[b.len() - 2] && !b"aeiouls".contains(&b[b.len() - 1]) {
        stem = &stem[..stem.len() - 1];
    }
    stem
}

fn shape_of(words: &Words, i: usize, word: &str) -> u8 {
    if words.is(i, class::QUOTE_MARK) {
        return shape::QUOTE_MARK;
    }
    if !words.is(i, class::WORD) {
        return match word {
            "," => shape::COMMA,
            "." | "!" | "?" => shape::TERMINAL,
            ":" | ";" => shape::COLON,
            "-" | "—" | "–" | "―" => shape::DASH,
            "(" | ")" | "[" | "]" => shape::BRACKET,
            _ => shape::OTHER_PUNCT,
        };
    }
    let mut chars = word.chars();
    let first = chars.next().unwrap_or(' ');
    if word.chars().any(|c| c.is_ascii_digit()) {
        shape::DIGITS
    } else if first.is_uppercase() {
        if word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
            && word.len() > 1
        {
            shape::UPPER
        } else {
            shape::CAPITALISED
        }
    } else if first.is_lowercase() {
        shape::LOWER
    } else {
        shape::OTHER_WORD
    }
}

/// A small number for a distance in tokens: exact up to 3, then wider bins.
pub fn distance_bin(d: usize) -> u8 {
    match d {
        0..=3 => d as u8,
        4..=5 => 4,
        6..=8 => 5,
        9..=12 => 6,
        13..=20 => 7,
        _ => 8,
    }
}

/// A small number for a length in tokens.
pub fn length_bin(n: usize) -> u8 {
    match n {
        0..=2 => n as u8,
        3..=4 => 3,
        5..=7 => 4,
        8..=12 => 5,
        13..=20 => 6,
        21..=35 => 7,
        _ => 8,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_of_one_verb_share_a_stem() {
        for forms in [
            ["criticized", "criticizes", "criticizing"],
            ["noted", "notes", "noting"],
            ["argued", "argues", "arguing"],
            ["denied", "denies", "deny"],
            ["committed", "commits", "committing"],
        ] {
            let stems: Vec<&str> = forms.iter().map(|w| stem_of(w)).collect();
            assert!(
                stems.iter().all(|s| *s == stems[0]),
                "{forms:?} → {stems:?}"
            );
        }
        assert_ne!(stem_of("said"), stem_of("sad"));
    }
}
