//! Word paths: the Brown clusters of about 190,000 English words, learnt
//! from far more text than the word classes of [`super::clusters`] see
//! (spaCy's lookup tables; see `docs/tagger.md`). A Brown cluster is a leaf
//! of a binary tree of words that stand in the same company, named by its
//! path from the root; the first bits of a path name ever larger groups
//! ("Chelsea", "Microsoft" and "Toronto" share their first seven), so a
//! name neither the training text nor the class text holds can still say
//! what kind of word it is.

use super::clusters::{look_up_as_written, word_key};
use super::features::IdMap;

/// The path of each word (its exact form's hash), its bits after a leading
/// 1: "0110" is stored as `0b1_0110`, so that a path's length is known.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WordPaths {
    pub(super) paths: IdMap<u32>,
}

/// The bundled table, built by `tools/build_word_paths.py` (see
/// `docs/tagger.md`).
const BUNDLED: &str = include_str!("../../assets/ner/paths.tsv");

/// The longest path the table may hold, in bits.
const MAX_BITS: u32 = 30;

/// The prefix lengths the features read, in bits: coarse to fine, the
/// last one the whole path of every bundled word.
pub const PREFIXES: [u32; 4] = [4, 6, 10, 20];

impl WordPaths {
    /// The paths of the bundled table.
    pub fn bundled() -> WordPaths {
        WordPaths::parse(BUNDLED)
    }

    /// Reads a table of `WORD<TAB>PATH` lines, each path made of `0` and
    /// `1`; `#` lines are comments, and malformed lines are skipped (the
    /// table is ours, built by a script).
    pub fn parse(table: &str) -> WordPaths {
        let paths = table
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|line| {
                let (word, path) = line.split_once('\t')?;
                Some((word_key(word), encode(path)?))
            })
            .collect();
        WordPaths { paths }
    }

    /// The path of `word` as written; a word in capitals ("MOSCOW", in a
    /// headline) has that of its capitalised form. `key` is its
    /// [`word_key`].
    pub fn of_hashed(&self, word: &str, key: u64) -> Option<u32> {
        look_up_as_written(&self.paths, word, key)
    }

    pub fn len(&self) -> usize {
        self.paths.len()
    }

    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }
}

/// A path of `0` and `1` as stored: its bits after a leading 1.
fn encode(path: &str) -> Option<u32> {
    if path.is_empty() || path.len() > MAX_BITS as usize {
        return None;
    }
    path.bytes().try_fold(1u32, |code, bit| match bit {
        b'0' => Some(code << 1),
        b'1' => Some(code << 1 | 1),
        _ => None,
    })
}

/// The first `bits` bits of a stored path, stored the same way; a shorter
/// path is its own prefix, and 0 (no path) stays 0.
pub fn prefix(path: u32, bits: u32) -> u32 {
    let length = (u32::BITS - 1).saturating_sub(path.leading_zeros());
    path >> length.saturating_sub(bits)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names of one kind share the start of their paths, which is all the
    /// features read of a word that no training text shows.
    #[test]
    fn a_prefix_groups_words_whose_paths_start_alike() {
        let paths = WordPaths::parse("# comment\nChelsea\t011001001\nToronto\t0110010101\n");
        let chelsea = paths.of_hashed("Chelsea", word_key("Chelsea")).unwrap();
        let toronto = paths.of_hashed("TORONTO", word_key("TORONTO")).unwrap();
        assert_eq!(prefix(chelsea, 7), prefix(toronto, 7));
        assert_ne!(prefix(chelsea, 8), prefix(toronto, 8));
        // A path is its own prefix once the prefix is longer than it.
        assert_eq!(prefix(chelsea, 20), chelsea);
        assert_ne!(prefix(chelsea, 20), prefix(toronto, 20));
        assert_eq!(paths.of_hashed("Okafor", word_key("Okafor")), None);
    }

    /// A line that is no path is skipped, not read as some other path.
    #[test]
    fn lines_without_a_path_of_bits_are_skipped() {
        let paths = WordPaths::parse("a\t012\nb\t\nc\nd\t0101\n");
        assert_eq!(paths.len(), 1);
        assert_eq!(paths.of_hashed("d", word_key("d")), Some(0b1_0101));
    }

    /// The bundled table is read whole: every line a word and its path
    /// (words that differ only in typography, "`" and "'", are one word to
    /// the tagger).
    #[test]
    fn the_bundled_table_is_read_whole() {
        let words: std::collections::HashSet<u64> = (BUNDLED.lines())
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| Some(word_key(l.split_once('\t')?.0)))
            .collect();
        assert!(words.len() > 190_000);
        assert_eq!(WordPaths::bundled().len(), words.len());
    }
}
