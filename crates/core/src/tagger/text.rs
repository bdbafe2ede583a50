//! A text as the tagger reads it: tokens, cut into sentences, and for
//! training the gold tag of every token.

use std::ops::Range;

use super::sentences::split_sentences;
use super::tags::{Tag, tags_of_spans};
use crate::model::EntityLabel;
use crate::tokenize::{Token, tokenize};

/// A text cut into tokens (byte offsets) and sentences (token ranges).
#[derive(Debug, Clone)]
pub struct TokenizedText {
    pub text: String,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Range<usize>>,
}

impl TokenizedText {
    pub fn new(text: String) -> TokenizedText {
        let tokens = tokenize(&text);
        TokenizedText::with_tokens(text, tokens)
    }

    /// `text` with its tokens, as [`tokenize`] cut them (the extractor has
    /// them already).
    pub fn with_tokens(text: String, tokens: Vec<Token>) -> TokenizedText {
        let sentences = split_sentences(&text, &tokens);
        TokenizedText {
            text,
            tokens,
            sentences,
        }
    }

    pub fn word(&self, token: usize) -> &str {
        self.tokens[token].text(&self.text)
    }

    /// The tokens that overlap bytes `start..end`, as a token range.
    pub fn tokens_within(&self, start: usize, end: usize) -> Range<usize> {
        let first = self.tokens.partition_point(|t| t.end <= start);
        let last = self.tokens.partition_point(|t| t.start < end);
        first..last.max(first)
    }
}

/// A document whose every token has its gold tag: what training learns from
/// and what validation scores against.
#[derive(Debug, Clone)]
pub struct LabeledText {
    pub doc: TokenizedText,
    pub tags: Vec<Tag>,
}

impl LabeledText {
    /// Labels `text` with entities given as byte ranges. A token that an
    /// entity overlaps belongs to it; an entity that overlaps an earlier one
    /// is dropped, and one that crosses a sentence end is cut there, so that
    /// every sentence holds a well-formed tag sequence.
    pub fn from_spans(text: String, entities: &[(usize, usize, EntityLabel)]) -> LabeledText {
        let doc = TokenizedText::new(text);
        let mut token_spans: Vec<(usize, usize, EntityLabel)> = entities
            .iter()
            .map(|&(start, end, entity)| {
                let range = doc.tokens_within(start, end);
                (range.start, range.end, entity)
            })
            .filter(|(first, end, _)| first < end)
            .collect();
        token_spans.sort_by_key(|&(first, end, _)| (first, std::cmp::Reverse(end)));
        let mut kept: Vec<(usize, usize, EntityLabel)> = Vec::with_capacity(token_spans.len());
        for span in token_spans {
            if kept.last().is_none_or(|last| last.1 <= span.0) {
                kept.push(span);
            }
        }
        let mut tags = Vec::with_capacity(doc.tokens.len());
        for sentence in &doc.sentences {
            let clipped: Vec<(usize, usize, EntityLabel)> = kept
                .iter()
                .filter(|s| s.0 < sentence.end && s.1 > sentence.start)
                .map(|&(first, end, e)| {
                    (
                        first.max(sentence.start) - sentence.start,
                        end.min(sentence.end) - sentence.start,
                        e,
                    )
                })
                .collect();
            tags.extend(tags_of_spans(sentence.len(), &clipped));
        }
        LabeledText { doc, tags }
    }

    /// Keeps only the sentences `keep` accepts; the others stay in the text
    /// (they still count for document-wide features) but are not learnt.
    pub fn retain_sentences(&mut self, mut keep: impl FnMut(Range<usize>) -> bool) {
        self.doc.sentences.retain(|s| keep(s.clone()));
    }
}
