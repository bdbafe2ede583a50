//! Sentence ends in raw text, for the features that depend on where a token
//! stands in its sentence. Small on purpose: a line break, or a full stop,
//! question or exclamation mark (with any closing quotes after it) before a
//! token that does not start in lower case. Abbreviations do not end
//! sentences because the tokenizer keeps their dot ("Mr.", "U.S.").

use std::ops::Range;

use crate::tokenize::{Token, TokenKind};

/// The sentences of `text` as ranges of `tokens`, in order, none empty.
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut sentences = Vec::new();
    let mut start = 0;
    // Whether the tokens so far end in `.`, `!` or `?`, maybe followed by
    // closing quotes: kept as the walk goes, since looking back over the
    // closing quotes at every token took time growing with the square of
    // a run of them (a page of `"""…`).
    let mut ends_statement = false;
    for (i, token) in tokens.iter().enumerate() {
        if !is_closing(text, token) {
            ends_statement =
                token.kind == TokenKind::Punct && matches!(token.text(text), "." | "!" | "?");
        }
        let ends = match tokens.get(i + 1) {
            None => true,
            Some(next) => {
                let gap = &text[token.end..next.start];
                gap.contains('\n')
                    || (ends_statement && !is_closing(text, next) && !starts_lower(text, next))
            }
        };
        if ends {
            sentences.push(start..i + 1);
            start = i + 1;
        }
    }
    sentences
}

fn is_closing(text: &str, token: &Token) -> bool {
    token.kind == TokenKind::Punct && matches!(token.text(text), "\"" | "”" | "’" | "'" | ")" | "]")
}

fn starts_lower(text: &str, token: &Token) -> bool {
    token
        .text(text)
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn sentences(text: &str) -> Vec<String> {
        let tokens = tokenize(text);
        split_sentences(text, &tokens)
            .into_iter()
            .map(|r| text[tokens[r.start].start..tokens[r.end - 1].end].to_owned())
            .collect()
    }

    /// The rule as first written, looking back over the closing quotes at
    /// every token: slow on a run of them, but plainly right.
    fn split_looking_back(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
        let ends_statement = |upto: &[Token]| {
            let mut rest = upto;
            while let [before @ .., last] = rest {
                if is_closing(text, last) {
                    rest = before;
                } else {
                    return last.kind == TokenKind::Punct
                        && matches!(last.text(text), "." | "!" | "?");
                }
            }
            false
        };
        let mut sentences = Vec::new();
        let mut start = 0;
        for i in 0..tokens.len() {
            let ends = tokens.get(i + 1).is_none_or(|next| {
                text[tokens[i].end..next.start].contains('\n')
                    || (ends_statement(&tokens[..=i])
                        && !is_closing(text, next)
                        && !starts_lower(text, next))
            });
            if ends {
                sentences.push(start..i + 1);
                start = i + 1;
            }
        }
        sentences
    }

    proptest::proptest! {
        /// Keeping "ends a statement" as the walk goes splits every text
        /// as looking back did.
        #[test]
        fn splits_as_looking_back_does(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "He", "said", "it", ".", "!", "?", "\"", "”", "’", "'", ")", "]", "(",
                    "“", "Mr.", "U.S.", "\n", " ", "a", "Yes", ",",
                ]),
                0..60,
            )
        ) {
            let text = pieces.join(" ");
            let tokens = tokenize(&text);
            proptest::prop_assert_eq!(
                split_sentences(&text, &tokens),
                split_looking_back(&text, &tokens)
            );
        }
    }

    #[test]
    fn splits_at_stops_and_line_breaks_not_abbreviations() {
        assert_eq!(
            sentences("Mr. Smith went to the U.S. Army. “He left.” She stayed\nHeadline"),
            [
                "Mr. Smith went to the U.S. Army.",
                "“He left.”",
                "She stayed",
                "Headline"
            ]
        );
    }
}
