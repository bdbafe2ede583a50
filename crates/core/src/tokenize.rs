//! Words and punctuation with their byte offsets: the one tokenizer the
//! extractor and the entity tagger share, so their spans line up.

/// What a token is made of; enough for the rules and the tagger's features.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters, digits, inner hyphens and apostrophes, abbreviation dots
    /// ("U.S.", "don't", "so-called", "2014", "3.5").
    Word,
    /// One punctuation or symbol char (quotation marks, commas, dashes).
    Punct,
}

/// A token: bytes `start..end` of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

impl Token {
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// Splits `text` into tokens. White space separates tokens and is dropped;
/// a possessive or contraction ending (`'s`, `’s`, `n't`) is its own token,
/// as in the CoNLL and Penn conventions the tagger is trained on.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphanumeric() {
            if let Some(len) = detached_clitic(text, start, c) {
                // "People 's Daily": the clitic of text that is already
                // tokenized, as CoNLL is, is one token as in "People's".
                tokens.push(Token {
                    start,
                    end: start + len,
                    kind: TokenKind::Word,
                });
                while chars.peek().is_some_and(|&(i, _)| i < start + len) {
                    chars.next();
                }
                continue;
            }
            tokens.push(Token {
                start,
                end: start + c.len_utf8(),
                kind: TokenKind::Punct,
            });
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, c)) = chars.peek() {
            if c.is_alphanumeric() {
                end = i + c.len_utf8();
                chars.next();
            } else if is_joiner(c)
                && next_is_alphanumeric(text, i + c.len_utf8())
                && !(c == '.' && starts_new_sentence(text, start, i))
            {
                // An inner hyphen, apostrophe or dot: "so-called", "don't",
                // "U.S", "3.5". The char after it is taken on the next turn.
                end = i + c.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        // "U.S." and "Mr." keep their final dot when the word is an
        // abbreviation: single letters joined by dots, or a known title.
        if text[end..].starts_with('.') && is_abbreviation(&text[start..end]) {
            end += 1;
            chars.next();
        }
        split_clitic(text, start, end, &mut tokens);
    }
    tokens
}

/// A dot between a lowercase word and a capital ("said.Trump", a missing
/// space) ends a sentence; "U.S" and "Ph.D" keep theirs.
fn starts_new_sentence(text: &str, word_start: usize, dot: usize) -> bool {
    let segment = text[word_start..dot].rsplit('.').next().unwrap_or("");
    let after = text[dot + 1..].chars().next();
    segment.chars().count() > 2
        && segment.chars().all(char::is_lowercase)
        && after.is_some_and(char::is_uppercase)
}

/// The byte length of a clitic ("'s", "’re"…) that starts at `start` with the
/// apostrophe `c` and stands alone: followed by neither a letter nor a digit.
fn detached_clitic(text: &str, start: usize, c: char) -> Option<usize> {
    if c != '\'' && c != '’' {
        return None;
    }
    let rest = &text[start + c.len_utf8()..];
    let letters = rest
        .find(|ch: char| !ch.is_alphanumeric())
        .unwrap_or(rest.len());
    let ending = rest[..letters].to_ascii_lowercase();
    matches!(ending.as_str(), "s" | "re" | "ve" | "ll" | "d" | "m")
        .then_some(c.len_utf8() + letters)
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '.' | '&')
}

fn next_is_alphanumeric(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_some_and(char::is_alphanumeric)
}

/// Abbreviations that end in a dot which is not the end of a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Sgt", "Capt",
    "Cmdr", "Adm", "Maj", "Rev", "Sr", "Jr", "St", "Mt", "Ft", "Inc", "Corp", "Ltd", "Co", "Bros",
    "Jan", "Feb", "Mar", "Apr", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "vs", "No", "Pres",
    "Supt", "Gov", "Atty", "Ave", "Blvd", "Ariz", "Calif", "Colo", "Conn", "Fla", "Ga", "Ill",
    "Ind", "Kan", "Ky", "La", "Mass", "Md", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev",
    "Okla", "Ore", "Pa", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo", "Del",
];

fn is_abbreviation(word: &str) -> bool {
    // Letters joined by dots ("U.S", "D.C", "a.m").
    let dotted = word.contains('.')
        && word
            .split('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic));
    dotted
        || ABBREVIATIONS.contains(&word)
        || (word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase()))
}

/// Pushes the word `start..end`, with "'s" / "n't" / "'re"… split off.
fn split_clitic(text: &str, start: usize, end: usize, tokens: &mut Vec<Token>) {
    let word = &text[start..end];
    let lower = word.to_lowercase().replace('’', "'");
    for ending in ["n't", "'s", "'re", "'ve", "'ll", "'d", "'m"] {
        if lower.len() > ending.len() && lower.ends_with(ending) {
            // `lower` may differ in byte length from `word` only by the
            // curly apostrophe (3 bytes against 1).
            let tail_bytes = ending.len() + if word.contains('’') { 2 } else { 0 };
            if tail_bytes < word.len() && word.is_char_boundary(word.len() - tail_bytes) {
                let cut = end - tail_bytes;
                tokens.push(Token {
                    start,
                    end: cut,
                    kind: TokenKind::Word,
                });
                tokens.push(Token {
                    start: cut,
                    end,
                    kind: TokenKind::Word,
                });
                return;
            }
        }
    }
    tokens.push(Token {
        start,
        end,
        kind: TokenKind::Word,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn splits_words_punctuation_and_clitics() {
        assert_eq!(
            words("“It’s over,” Mr. Blinken told the U.S. Senate."),
            [
                "“", "It", "’s", "over", ",", "”", "Mr.", "Blinken", "told", "the", "U.S.",
                "Senate", "."
            ]
        );
        assert_eq!(
            words("so-called don't 3.5 AT&T"),
            ["so-called", "do", "n't", "3.5", "AT&T"]
        );
        assert_eq!(
            words("People 's Daily, 'sorry'"),
            ["People", "'s", "Daily", ",", "'", "sorry", "'"]
        );
    }

    #[test]
    fn ends_a_sentence_dot_apart() {
        assert_eq!(words("in Europe. Then"), ["in", "Europe", ".", "Then"]);
        // A missing space after the full stop still ends the sentence.
        assert_eq!(
            words("Trump said.Trump claimed"),
            ["Trump", "said", ".", "Trump", "claimed"]
        );
        assert_eq!(
            words("fivethirtyeight.com U.S.A"),
            ["fivethirtyeight.com", "U.S.A"]
        );
    }
}
