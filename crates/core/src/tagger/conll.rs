//! CoNLL-2003 files: one `WORD [POS CHUNK] NER` line per token, a blank line
//! between sentences, `-DOCSTART-` between documents; NER tags in IOB1 or
//! IOB2.
//!
//! Each document becomes a text the way `conll.py make` writes it (tokens
//! joined by spaces, one sentence a line) and is tokenized again with the
//! shared tokenizer, so that the tagger learns from exactly the tokens it
//! will see in raw text.

use std::path::Path;

use super::TaggerError;
use super::text::LabeledText;
use crate::model::EntityLabel;

/// Reads the CoNLL file at `path` into labelled documents.
pub fn read_conll(path: &Path) -> Result<Vec<LabeledText>, TaggerError> {
    // Read as articles are: a file saved in windows-1252 or UTF-16 is text too.
    let text = crate::format::read_article(path)?.text;
    parse_conll(&text).map_err(|reason| TaggerError::Conll {
        path: path.to_owned(),
        reason,
    })
}

/// An entity being read: where it starts in the text, and its type.
type OpenEntity = Option<(usize, EntityLabel)>;

/// Builds the text and entities of one document, line by line.
#[derive(Default)]
struct DocumentBuilder {
    text: String,
    entities: Vec<(usize, usize, EntityLabel)>,
    open: OpenEntity,
    /// End of the last token, where an open entity closes.
    last_end: usize,
    in_sentence: bool,
}

impl DocumentBuilder {
    fn close(&mut self) {
        if let Some((start, entity)) = self.open.take() {
            self.entities.push((start, self.last_end, entity));
        }
    }

    fn end_sentence(&mut self) {
        self.close();
        if self.in_sentence {
            self.text.push('\n');
            self.in_sentence = false;
        }
    }

    fn token(&mut self, word: &str, tag: &str) -> Result<(), String> {
        if self.in_sentence {
            self.text.push(' ');
        }
        let start = self.text.len();
        self.text.push_str(word);
        self.in_sentence = true;
        if tag == "O" {
            self.close();
        } else {
            let (prefix, name) = tag
                .split_once('-')
                .ok_or_else(|| format!("tag {tag:?} is neither O nor X-TYPE"))?;
            let entity = EntityLabel::from_name(name)
                .ok_or_else(|| format!("unknown entity type in tag {tag:?}"))?;
            // IOB1 begins an entity with I- unless it follows one of the
            // same type; IOB2 always with B-.
            let continues = prefix == "I" && self.open.is_some_and(|(_, e)| e == entity);
            if !continues {
                self.close();
                self.open = Some((start, entity));
            }
        }
        self.last_end = self.text.len();
        Ok(())
    }

    fn finish(mut self) -> Option<LabeledText> {
        self.end_sentence();
        (!self.text.trim().is_empty()).then(|| LabeledText::from_spans(self.text, &self.entities))
    }
}

/// Parses the text of a CoNLL file; errors name the line.
pub fn parse_conll(text: &str) -> Result<Vec<LabeledText>, String> {
    let mut docs = Vec::new();
    let mut current = DocumentBuilder::default();
    for (n, line) in text.lines().enumerate() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        match fields.as_slice() {
            [] => current.end_sentence(),
            ["-DOCSTART-", ..] => docs.extend(std::mem::take(&mut current).finish()),
            [word, .., tag] => current
                .token(word, tag)
                .map_err(|e| format!("line {}: {e}", n + 1))?,
            [word] => return Err(format!("line {}: {word:?} has no tag", n + 1)),
        }
    }
    docs.extend(current.finish());
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tagger::tags::spans_of_tags;

    #[test]
    fn reads_iob1_and_iob2_entities_by_document() {
        let conll = "-DOCSTART- O\n\nPeter I-PER\nBlackburn I-PER\nvisited O\nBonn I-LOC\n\n\
                     -DOCSTART- O\n\nEU B-ORG\nrejects O\nthe O\nCDU B-ORG\nproposal O\n";
        let docs = parse_conll(conll).unwrap_or_default();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].doc.text, "Peter Blackburn visited Bonn\n");
        let spans = spans_of_tags(&docs[0].tags);
        assert_eq!(
            spans,
            [(0, 2, EntityLabel::Person), (3, 4, EntityLabel::Loc)]
        );
        assert_eq!(
            spans_of_tags(&docs[1].tags),
            [(0, 1, EntityLabel::Org), (3, 4, EntityLabel::Org)]
        );
    }

    #[test]
    fn a_bad_tag_names_its_line() {
        let error = parse_conll("Peter B-PERSONX\n").err().unwrap_or_default();
        assert!(error.starts_with("line 1:"), "{error}");
    }
}
