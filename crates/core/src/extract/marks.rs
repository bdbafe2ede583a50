//! Pairs double quotation marks into quoted stretches of text.
//!
//! Single quotes are left alone on purpose: inside a double quote they are a
//! nested quote and stay part of its content, and outside one they are far
//! more often apostrophes ("the Democrats’ plan") than quotation marks.

use super::words::{Words, class, is_opening_mark};

/// Text inside double quotation marks, marks included. A quote that runs
/// over several paragraphs (each new paragraph reopening it without closing
/// the last) has one piece per paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quoted {
    /// Token ranges `first..end` of the pieces, in text order.
    pub pieces: Vec<(usize, usize)>,
}

impl Quoted {
    /// The opening mark's token.
    pub fn open(&self) -> usize {
        self.pieces.first().map_or(0, |p| p.0)
    }

    /// The token after the last piece.
    pub fn end(&self) -> usize {
        self.pieces.last().map_or(0, |p| p.1)
    }

    pub fn word_count(&self, words: &Words) -> usize {
        self.pieces
            .iter()
            .flat_map(|&(a, b)| a..b)
            .filter(|&i| words.is(i, class::WORD))
            .count()
    }
}

/// Every quoted stretch of the text, in text order.
pub fn find_quoted(words: &Words) -> Vec<Quoted> {
    let mut found = Vec::new();
    // The pieces of the quote being read and where its open piece starts.
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut open: Option<usize> = None;
    for i in 0..words.token_count() {
        let new_paragraph = i > 0 && !words.same_paragraph(i - 1, i);
        let is_mark = words.is(i, class::QUOTE_MARK);
        let opening = is_mark && is_opening_mark(words.text, &words.tokens[i]);
        if new_paragraph && let Some(start) = open.take() {
            pieces.push((start, i));
            if !opening {
                // Nothing reopens the quote: it was left unclosed.
                finish(&mut found, &mut pieces, words);
            }
        }
        if !is_mark {
            continue;
        }
        match open {
            Some(start) if opening && is_curly(words, i) => {
                // A second opening mark: the first quote was never closed.
                pieces.push((start, i));
                finish(&mut found, &mut pieces, words);
                open = Some(i);
            }
            Some(start) => {
                pieces.push((start, i + 1));
                finish(&mut found, &mut pieces, words);
                open = None;
            }
            None if opening => open = Some(i),
            // A stray closing mark, most often after a multi-paragraph quote
            // that never reopened; nothing to pair it with.
            None => {}
        }
    }
    if let Some(start) = open {
        pieces.push((start, words.token_count()));
    }
    finish(&mut found, &mut pieces, words);
    found
}

fn is_curly(words: &Words, i: usize) -> bool {
    words.word(i) != "\""
}

fn finish(found: &mut Vec<Quoted>, pieces: &mut Vec<(usize, usize)>, words: &Words) {
    let quoted = Quoted {
        pieces: std::mem::take(pieces),
    };
    if quoted.word_count(words) > 0 {
        found.push(quoted);
    }
}
