//! Char offsets (what the file counts) against byte offsets (what Rust slices).

/// Maps char offsets of one text to byte offsets and back in O(log n).
///
/// Files count chars; Rust strings slice by bytes. Building the index is one
/// pass over the text; ASCII-only texts need no table at all.
#[derive(Debug, Clone)]
pub struct TextIndex {
    text: String,
    /// Byte offset of every char, plus the text's length at the end; empty
    /// when the text is ASCII and chars are bytes.
    bytes_of_char: Vec<u32>,
}

impl TextIndex {
    pub fn new(text: &str) -> TextIndex {
        let bytes_of_char = if text.is_ascii() {
            Vec::new()
        } else {
            text.char_indices()
                .map(|(b, _)| b as u32)
                .chain(std::iter::once(text.len() as u32))
                .collect()
        };
        TextIndex {
            text: text.to_owned(),
            bytes_of_char,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// How many chars the text holds.
    pub fn char_len(&self) -> usize {
        if self.bytes_of_char.is_empty() {
            self.text.len()
        } else {
            self.bytes_of_char.len() - 1
        }
    }

    /// The byte offset of char `c`; `c` past the end gives the text's length.
    pub fn byte(&self, c: usize) -> usize {
        if self.bytes_of_char.is_empty() {
            c.min(self.text.len())
        } else {
            self.bytes_of_char
                .get(c)
                .map_or(self.text.len(), |&b| b as usize)
        }
    }

    /// The char offset of byte `b`, rounded down to the char it falls in.
    pub fn char_at_byte(&self, b: usize) -> usize {
        if self.bytes_of_char.is_empty() {
            b.min(self.text.len())
        } else {
            match self.bytes_of_char.binary_search(&(b as u32)) {
                Ok(c) => c,
                Err(c) => c.saturating_sub(1),
            }
        }
    }

    /// Chars `start..end` of the text; offsets past the end are clamped.
    pub fn slice(&self, start: usize, end: usize) -> &str {
        let (a, b) = (self.byte(start), self.byte(end));
        &self.text[a.min(b)..b]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_chars_not_bytes() {
        let idx = TextIndex::new("“Já” 👍\r\nok");
        assert_eq!(idx.char_len(), 10);
        assert_eq!(idx.slice(1, 3), "Já");
        assert_eq!(idx.slice(5, 6), "👍");
        assert_eq!(idx.slice(6, 8), "\r\n");
        assert_eq!(idx.char_at_byte(idx.byte(5)), 5);
        // A byte inside the emoji belongs to the emoji's char.
        assert_eq!(idx.char_at_byte(idx.byte(5) + 2), 5);
    }

    #[test]
    fn ascii_needs_no_table_and_clamps() {
        let idx = TextIndex::new("plain");
        assert_eq!(idx.slice(1, 3), "la");
        assert_eq!(idx.slice(3, 99), "in");
        assert_eq!(idx.char_len(), 5);
    }
}
