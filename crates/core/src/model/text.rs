//! Char offsets (what the file counts) against byte offsets (what Rust slices).

/// Maps char offsets of one text to byte offsets and back in constant time.
///
/// Files count chars; Rust strings slice by bytes. Building the index is one
/// pass over the text; ASCII-only texts need no table at all.
#[derive(Debug, Clone)]
pub struct TextIndex {
    text: String,
    /// Byte offset of every char, plus the text's length at the end; empty
    /// when the text is ASCII and chars are bytes.
    bytes_of_char: Vec<u32>,
    /// How many chars begin before each block of [`BLOCK`] bytes: a byte's
    /// char is then a count over at most one block. A binary search of
    /// `bytes_of_char` cost extraction a thirtieth of its time on a long
    /// article, the mentions' ends falling all over a table of megabytes.
    chars_before_block: Vec<u32>,
}

/// Bytes a [`TextIndex`] counts chars over on its own.
const BLOCK: usize = 64;

/// Whether `b` begins a char (is no UTF-8 continuation byte).
fn starts_char(b: u8) -> bool {
    (b as i8) >= -0x40
}

impl TextIndex {
    pub fn new(text: &str) -> TextIndex {
        if text.is_ascii() {
            return TextIndex {
                text: text.to_owned(),
                bytes_of_char: Vec::new(),
                chars_before_block: Vec::new(),
            };
        }
        let bytes_of_char = text
            .char_indices()
            .map(|(b, _)| b as u32)
            .chain(std::iter::once(text.len() as u32))
            .collect();
        let mut chars = 0u32;
        let chars_before_block = text
            .as_bytes()
            .chunks(BLOCK)
            .map(|block| {
                let before = chars;
                chars += block.iter().filter(|&&b| starts_char(b)).count() as u32;
                before
            })
            .collect();
        TextIndex {
            text: text.to_owned(),
            bytes_of_char,
            chars_before_block,
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
            if b >= self.text.len() {
                return self.char_len();
            }
            let block = b / BLOCK;
            let starts = self.text.as_bytes()[block * BLOCK..=b]
                .iter()
                .filter(|&&b| starts_char(b))
                .count();
            // Byte 0 begins a char, so `b`'s char is counted.
            self.chars_before_block[block] as usize + starts - 1
        }
    }

    /// Chars `start..end` of the text; offsets past the end are clamped.
    pub fn slice(&self, start: usize, end: usize) -> &str {
        let (a, b) = (self.byte(start), self.byte(end));
        &self.text[a.min(b)..b]
    }

    /// Chars `start..end` widened to whole words and without spaces at
    /// either end: a drag that stops a letter short of a word ("Western
    /// leader") or starts in the space before one takes the words it
    /// touches, as annotation tools do. Words are runs of letters and digits,
    /// so punctuation stays as the drag left it ("U.S" of "U.S.-led" is not
    /// widened). Empty when only spaces were selected.
    pub fn whole_words(&self, start: usize, end: usize) -> (usize, usize) {
        let char_at = |c: usize| self.text[self.byte(c)..].chars().next();
        let is = |c: Option<char>, test: fn(char) -> bool| c.is_some_and(test);
        let len = self.char_len();
        let (mut start, mut end) = (start.min(len), end.min(len));
        while start < end && is(char_at(start), char::is_whitespace) {
            start += 1;
        }
        while end > start && is(char_at(end - 1), char::is_whitespace) {
            end -= 1;
        }
        if start == end {
            return (start, start);
        }
        while start > 0
            && is(char_at(start - 1), char::is_alphanumeric)
            && is(char_at(start), char::is_alphanumeric)
        {
            start -= 1;
        }
        while end < len
            && is(char_at(end - 1), char::is_alphanumeric)
            && is(char_at(end), char::is_alphanumeric)
        {
            end += 1;
        }
        (start, end)
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
    fn a_selection_widens_to_the_words_it_touches() {
        let idx = TextIndex::new("what Western leaders have “described” as the U.S.-led plan");
        let words = |(a, b): (usize, usize)| idx.slice(a, b).to_owned();
        let at = |s: &str| idx.char_at_byte(idx.text().find(s).unwrap());
        // "estern leader" (a drag a letter short at both ends).
        let (a, b) = (at("estern"), at("s have"));
        assert_eq!(words(idx.whole_words(a, b)), "Western leaders");
        // " have " with its spaces.
        let (a, b) = (at(" have"), at("“described"));
        assert_eq!(words(idx.whole_words(a, b)), "have");
        // Quote marks and the dot of "U.S" stay as selected.
        let (a, b) = (at("“described"), at(" as"));
        assert_eq!(words(idx.whole_words(a + 2, b)), "described”");
        let (a, b) = (at("U.S."), at(".-led"));
        assert_eq!(words(idx.whole_words(a, b)), "U.S");
        // Spaces alone are nothing; offsets past the end are clamped.
        let space = at(" as");
        assert_eq!(idx.whole_words(space, space + 1), (space + 1, space + 1));
        assert_eq!(words(idx.whole_words(at("plan") + 1, 999)), "plan");
    }

    #[test]
    fn every_byte_finds_its_char_across_blocks() {
        // Chars of one to four bytes, so that chars straddle the blocks' edges.
        let text = "a “é” 👍 ş€ ".repeat(40);
        let idx = TextIndex::new(&text);
        let mut expected = Vec::new();
        for (c, ch) in text.chars().enumerate() {
            expected.extend(std::iter::repeat_n(c, ch.len_utf8()));
        }
        for (b, &c) in expected.iter().enumerate() {
            assert_eq!(idx.char_at_byte(b), c, "byte {b}");
        }
        let chars = text.chars().count();
        assert_eq!(idx.char_at_byte(text.len()), chars);
        assert_eq!(idx.char_at_byte(text.len() + 5), chars);
    }

    #[test]
    fn ascii_needs_no_table_and_clamps() {
        let idx = TextIndex::new("plain");
        assert_eq!(idx.slice(1, 3), "la");
        assert_eq!(idx.slice(3, 99), "in");
        assert_eq!(idx.char_len(), 5);
    }
}
