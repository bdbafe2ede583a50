//! The tokens of one article with what the rules ask of them again and
//! again: their lowercase form's word classes, their sentence and their
//! paragraph. Computed once, in one pass, so the rules stay linear.

use super::lexicon::{LEXICON, NameList};
use super::marks::Quoted;
use crate::tokenize::{Token, TokenKind, tokenize};

/// Word classes of a token, as bits.
pub mod class {
    pub const CAPITALISED: u32 = 1;
    pub const SPEECH: u32 = 1 << 1;
    pub const COGNITION: u32 = 1 << 2;
    pub const PRONOUN: u32 = 1 << 3;
    pub const TITLE: u32 = 1 << 4;
    pub const ROLE: u32 = 1 << 5;
    pub const FUNCTION: u32 = 1 << 6;
    pub const ORG_WORD: u32 = 1 << 7;
    pub const FIRST_NAME: u32 = 1 << 8;
    /// A double quotation mark: “ ” or ".
    pub const QUOTE_MARK: u32 = 1 << 9;
    pub const WORD: u32 = 1 << 10;
    /// Ends a sentence: . ! ?
    pub const TERMINAL: u32 = 1 << 11;
    pub const NAMING: u32 = 1 << 12;
    /// May stand between a speaker and a cue ("also", "has").
    pub const BRIDGE: u32 = 1 << 13;
    pub const CLAUSE_START: u32 = 1 << 14;
    pub const STATEMENT: u32 = 1 << 15;
    pub const LOC_WORD: u32 = 1 << 16;
    /// A noun for what someone said ("claim", "remark"), whose possessor
    /// is its speaker: "her remark that …".
    pub const SPEECH_NOUN: u32 = 1 << 17;
    /// A cue word used as a noun ("Republican claims"): no cue, but what
    /// quoted words next to it are ("rated … claims as “false”").
    pub const NOUN_USE: u32 = 1 << 18;
}

pub struct Words<'t> {
    pub text: &'t str,
    pub tokens: Vec<Token>,
    pub classes: Vec<u32>,
    /// Sentence number of each token.
    pub sentence: Vec<u32>,
    /// Token range of each sentence.
    pub sentences: Vec<(usize, usize)>,
    /// Paragraph number of each token; a line break starts a paragraph.
    pub paragraph: Vec<u32>,
    /// Whether each token lies inside quotation marks (marks included);
    /// all false until [`Words::mark_quoted`].
    pub quoted: Vec<bool>,
}

impl<'t> Words<'t> {
    pub fn new(text: &'t str) -> Words<'t> {
        let tokens = tokenize(text);
        let mut classes = Vec::with_capacity(tokens.len());
        let mut paragraph = Vec::with_capacity(tokens.len());
        let mut lower = String::new();
        let mut par = 0u32;
        let mut last_end = 0;
        for token in &tokens {
            if text[last_end..token.start].contains('\n') {
                par += 1;
            }
            last_end = token.end;
            paragraph.push(par);
            classes.push(classify(token, text, &mut lower));
        }
        let (sentence, sentences) = sentences(text, &tokens, &classes, &paragraph);
        demote_noun_uses(text, &tokens, &mut classes, &sentence);
        // A capitalised verb inside a sentence is a name ("the Post", "Said
        // Dorothy Poynter" keeps its cue only at the start), and so is a
        // capitalised "Will" or "May" before a cue: no word to step over.
        for (i, bits) in classes.iter_mut().enumerate() {
            let starts_sentence = i == 0 || sentence[i - 1] != sentence[i];
            if *bits & class::CAPITALISED != 0 && !starts_sentence {
                *bits &= !(class::SPEECH | class::COGNITION | class::NAMING | class::BRIDGE);
            }
        }
        Words {
            text,
            tokens,
            classes,
            sentence,
            sentences,
            quoted: vec![false; paragraph.len()],
            paragraph,
        }
    }

    /// Records which tokens the quoted stretches cover.
    pub fn mark_quoted(&mut self, quoted: &[Quoted]) {
        for &(a, b) in quoted.iter().flat_map(|q| &q.pieces) {
            self.quoted[a..b].iter_mut().for_each(|c| *c = true);
        }
    }

    pub fn is_quoted(&self, i: usize) -> bool {
        self.quoted.get(i).copied().unwrap_or(false)
    }

    /// The tokens covering the byte range `start..end` (an entity mention),
    /// or None when it covers none.
    pub fn tokens_of(&self, (start, end): (usize, usize)) -> Option<(usize, usize)> {
        let first = self.tokens.partition_point(|t| t.end <= start);
        let last = self.tokens.partition_point(|t| t.start < end);
        (first < last).then_some((first, last))
    }

    pub fn token_count(&self) -> usize {
        self.tokens.len()
    }

    pub fn is(&self, i: usize, class: u32) -> bool {
        self.classes.get(i).is_some_and(|c| c & class != 0)
    }

    pub fn word(&self, i: usize) -> &'t str {
        self.tokens.get(i).map_or("", |t| t.text(self.text))
    }

    /// The token is exactly `s` (case-insensitive for ASCII).
    pub fn word_is(&self, i: usize, s: &str) -> bool {
        self.word(i).eq_ignore_ascii_case(s)
    }

    pub fn same_sentence(&self, a: usize, b: usize) -> bool {
        self.sentence.get(a).is_some() && self.sentence.get(a) == self.sentence.get(b)
    }

    pub fn same_paragraph(&self, a: usize, b: usize) -> bool {
        self.paragraph.get(a).is_some() && self.paragraph.get(a) == self.paragraph.get(b)
    }

    /// Token range of the sentence holding token `i`.
    pub fn sentence_of(&self, i: usize) -> (usize, usize) {
        self.sentence
            .get(i)
            .and_then(|&s| self.sentences.get(s as usize))
            .copied()
            .unwrap_or((i, i + 1))
    }

    /// Whether token `i` is its sentence's first word: first in it, or
    /// right after the quotation mark that opens it ("“Little did I
    /// know"), where a word is capitalised whatever it is.
    pub fn opens_sentence(&self, i: usize) -> bool {
        let start = self.sentence_of(i).0;
        start == i || i > 0 && start == i - 1 && self.is(i - 1, class::QUOTE_MARK)
    }
}

/// Words that open a noun phrase: a cue word right after one is a noun
/// ("a tweet", "the claims"), not a verb.
const NOUN_DETERMINERS: &[&str] = &[
    "a", "an", "the", "this", "these", "those", "every", "each", "another", "no", "such",
];

const POSSESSIVES: &[&str] = &["his", "her", "their", "its", "our", "my", "your"];

/// Cue words that are, lowercase in news text, nearly always nouns ("state
/// ballots", "her emails"): verbs only after "to", a modal or a subject
/// pronoun that takes the bare verb ("they state", "to email").
const NOUN_FIRST: &[&str] = &["state", "email", "emails", "e-mail", "e-mails"];

const BARE_VERB_BEFORE: &[&str] = &[
    "to", "i", "we", "they", "you", "will", "would", "can", "could", "should", "must", "may",
    "might", "did", "do", "does",
];

/// Takes the cue bits off speech words used as nouns: after a determiner
/// ("a Donald Trump tweet"), an adjective of nationality or party ("of
/// Republican claims"), or a possessor ("Clinton’s emails"). A noun for
/// what was said keeps its cue after a possessor ("Trump’s claim that
/// …"): the possessor is the speaker.
fn demote_noun_uses(text: &str, tokens: &[Token], classes: &mut [u32], sentence: &[u32]) {
    const CUE: u32 = class::SPEECH | class::NAMING;
    let word = |i: usize| tokens[i].text(text);
    let is_any = |i: usize, list: &[&str]| list.iter().any(|w| word(i).eq_ignore_ascii_case(w));
    for i in 1..tokens.len() {
        let bits = classes[i];
        if bits & CUE == 0 || bits & class::CAPITALISED != 0 || sentence[i - 1] != sentence[i] {
            continue;
        }
        let prev = i - 1;
        let lower = word(i).to_lowercase();
        let plural = lower.ends_with('s') && !lower.ends_with("ss");
        let speech_noun = bits & class::SPEECH_NOUN != 0;
        let possessive_clitic = matches!(word(prev), "'s" | "’s");
        let noun = if is_any(prev, NOUN_DETERMINERS) {
            true
        } else if possessive_clitic || is_any(prev, POSSESSIVES) {
            // "Trump’s said" is "Trump has said", and "heard her say" has
            // a verb after an object. A noun for what was said introduces
            // the words only right before them ("her remark that …", not
            // "called Obama's remarks “a wake-up call”").
            let introduces = i + 1 < tokens.len()
                && (matches!(word(i + 1), "that" | "to" | "," | ":")
                    || classes[i + 1] & class::QUOTE_MARK != 0);
            if speech_noun {
                !introduces
            } else {
                plural || NOUN_FIRST.contains(&lower.as_str())
            }
        } else if NOUN_FIRST.contains(&lower.as_str()) {
            !is_any(prev, BARE_VERB_BEFORE)
        } else {
            is_party_adjective(word(prev)) && !(prev > 0 && is_any(prev - 1, NOUN_DETERMINERS))
                || after_indefinite_name(tokens, text, classes, i)
        };
        if noun {
            classes[i] = classes[i] & !CUE | class::NOUN_USE;
        }
    }
}

/// "Republican", "Democratic", "Russian": an adjective of nationality or
/// party (the plural is a noun, and may be a speaker).
fn is_party_adjective(word: &str) -> bool {
    !word.ends_with('s')
        && LEXICON
            .names
            .get(word)
            .is_some_and(|(kind, _)| *kind == NameList::Nationality)
}

/// "a Donald Trump tweet": a cue word after capitalised words that follow
/// "a" or "an" is the head of that noun phrase.
fn after_indefinite_name(tokens: &[Token], text: &str, classes: &[u32], i: usize) -> bool {
    let mut k = i;
    while k > 0 && i - k < 3 && classes[k - 1] & class::CAPITALISED != 0 {
        k -= 1;
    }
    k < i
        && k > 0
        && ["a", "an"]
            .iter()
            .any(|d| tokens[k - 1].text(text).eq_ignore_ascii_case(d))
}

fn classify(token: &Token, text: &str, lower: &mut String) -> u32 {
    use class::*;
    let word = token.text(text);
    if token.kind == TokenKind::Punct {
        return match word {
            "“" | "”" | "\"" | "„" | "«" | "»" => QUOTE_MARK,
            // A full stop before a closing bracket ends an abbreviation,
            // not a sentence: "Sen. Claire McCaskill (D-Mo.) said", and a
            // full stop glued to what follows ("R-Wis., said") too.
            "." if text[token.end..]
                .chars()
                .next()
                .is_some_and(|c| !c.is_whitespace() && !"”\"’'".contains(c)) =>
            {
                0
            }
            "." | "!" | "?" => TERMINAL,
            _ => 0,
        };
    }
    let lex = &*LEXICON;
    let mut bits = WORD;
    if word.chars().next().is_some_and(char::is_uppercase) {
        bits |= CAPITALISED;
        if lex.first_names.contains(word) {
            bits |= FIRST_NAME;
        }
    }
    let key: &str = if word.bytes().any(|b| b.is_ascii_uppercase()) || !word.is_ascii() {
        lower.clear();
        lower.extend(word.chars().flat_map(char::to_lowercase));
        lower.as_str()
    } else {
        word
    };
    bits |= lex.word_classes.get(key).copied().unwrap_or(0);
    if bits & CAPITALISED == 0 && key.len() > 3 && key.ends_with("ly") {
        bits |= BRIDGE;
    }
    bits
}

/// Splits the tokens into sentences: after . ! ? (and any closing quote
/// marks right after it) when the next word starts with a capital, a digit
/// or a quotation mark, and at every line break.
fn sentences(
    text: &str,
    tokens: &[Token],
    classes: &[u32],
    paragraph: &[u32],
) -> (Vec<u32>, Vec<(usize, usize)>) {
    let mut of_token = Vec::with_capacity(tokens.len());
    let mut ranges = Vec::new();
    let mut start = 0;
    for i in 0..tokens.len() {
        of_token.push(ranges.len() as u32);
        let next = i + 1;
        let ends = match tokens.get(next) {
            None => true,
            Some(_) if paragraph[next] != paragraph[i] => true,
            Some(next_token) => {
                let closes_a_sentence = classes[i] & class::TERMINAL != 0
                    || classes[i] & class::QUOTE_MARK != 0
                        && !is_opening_mark(text, &tokens[i])
                        && i > 0
                        && classes[i - 1] & class::TERMINAL != 0;
                closes_a_sentence && starts_sentence(text, next_token, classes[next])
            }
        };
        if ends {
            ranges.push((start, next));
            start = next;
        }
    }
    (of_token, ranges)
}

fn starts_sentence(text: &str, token: &Token, classes: u32) -> bool {
    if classes & class::QUOTE_MARK != 0 {
        return is_opening_mark(text, token);
    }
    token
        .text(text)
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Whether a double quotation mark opens a quote rather than closing one.
pub fn is_opening_mark(text: &str, mark: &Token) -> bool {
    let before = text[..mark.start].chars().next_back();
    let after = text[mark.end..].chars().next();
    let spaced_before = before.is_none_or(|c| c.is_whitespace() || "([{—–-/".contains(c));
    let word_after = after.is_some_and(|c| !c.is_whitespace());
    match mark.text(text) {
        // Curly marks say which they are, except when a writer typed the
        // wrong one: “ glued to the word before and followed by a space
        // closes (`not,“ he said`), ” between a space and a word opens.
        "“" | "„" | "«" => spaced_before || word_after,
        // A straight mark opens when nothing but space or an opening
        // bracket or dash comes right before it, and a word follows.
        _ => spaced_before && word_after,
    }
}
