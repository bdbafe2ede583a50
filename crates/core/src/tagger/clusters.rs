//! Word classes learnt from unlabelled news: words that stand in the same
//! company ("Lavrov" beside "Blinken", "Kyiv" beside "Moscow") share a class,
//! so a name the labelled training text never showed still looks like the
//! names it did.
//!
//! The classes come from the exchange algorithm (Kneser and Ney 1993; Martin,
//! Liermann and Ney 1998): every word starts in some class, and words move,
//! one at a time, to the class that makes a class bigram model of the text
//! likeliest, until hardly any word moves. It is run once per class count
//! (a coarse and a fine grouping); `quotecheck clusters` runs it and writes
//! the table that ships in `assets/ner/clusters.tsv`.

use std::collections::HashMap;

use super::features::IdMap;
use super::text::LabeledText;
use crate::tokenize::tokenize;

/// How many groupings a word has a class in (coarse, fine).
pub const LEVELS: usize = 2;

/// The class a word outside the class table gets: rare words are a kind of
/// their own (most unseen names are rare).
pub const NO_CLASS: u16 = u16::MAX;
/// The class of a neighbour past the sentence's or the text's edge.
pub const EDGE_CLASS: u16 = NO_CLASS - 1;

/// The class of each word (its exact form's hash) in every grouping.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WordClasses {
    pub(super) classes: IdMap<[u16; LEVELS]>,
}

/// The bundled table, built by `quotecheck clusters` (see `docs/tagger.md`).
const BUNDLED: &str = include_str!("../../assets/ner/clusters.tsv");

impl WordClasses {
    /// The classes of the bundled table.
    pub fn bundled() -> WordClasses {
        WordClasses::parse(BUNDLED)
    }

    /// Reads a table of `WORD<TAB>CLASS<TAB>CLASS` lines; `#` lines are
    /// comments, and malformed lines are skipped (the table is ours, built
    /// by a command).
    pub fn parse(table: &str) -> WordClasses {
        let mut classes = IdMap::default();
        for line in table.lines().filter(|l| !l.starts_with('#')) {
            let mut fields = line.split('\t');
            let Some(word) = fields.next() else { continue };
            let mut ids = [0u16; LEVELS];
            let mut complete = true;
            for id in &mut ids {
                match fields.next().and_then(|f| f.parse::<u16>().ok()) {
                    Some(c) => *id = c,
                    None => complete = false,
                }
            }
            if complete {
                classes.insert(word_key(word), ids);
            }
        }
        WordClasses { classes }
    }

    /// The classes of `word`, as written; a word in capitals ("MOSCOW", in a
    /// headline) has those of its capitalised form.
    pub fn of(&self, word: &str) -> Option<[u16; LEVELS]> {
        self.of_hashed(word, word_key(word))
    }

    /// [`WordClasses::of`] when the word's [`word_key`] is known already.
    pub fn of_hashed(&self, word: &str, key: u64) -> Option<[u16; LEVELS]> {
        look_up_as_written(&self.classes, word, key)
    }

    /// Takes the classes of the words whose keys are `words` out of the
    /// table, and gives them back to be put back with
    /// [`WordClasses::restore`].
    pub fn take(&mut self, words: &[u64]) -> Vec<(u64, [u16; LEVELS])> {
        words
            .iter()
            .filter_map(|&key| Some((key, self.classes.remove(&key)?)))
            .collect()
    }

    pub fn restore(&mut self, taken: Vec<(u64, [u16; LEVELS])>) {
        self.classes.extend(taken);
    }

    pub fn len(&self) -> usize {
        self.classes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.classes.is_empty()
    }
}

/// How many times the text the bundled table was learnt from holds each
/// word (the table's last column), by [`word_key`].
pub fn bundled_counts() -> IdMap<u64> {
    parse_counts(BUNDLED)
}

fn parse_counts(table: &str) -> IdMap<u64> {
    table
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let word = fields.next()?;
            let count = fields.nth(LEVELS)?.parse().ok()?;
            Some((word_key(word), count))
        })
        .collect()
}

/// For each of `docs`, the words that have a class only because of that
/// document: the text the classes were learnt from holds them fewer than
/// `min_count` times without it. `counts` are the table's counts, and
/// `docs` must be part of the text it was learnt from (CoNLL-2003 train is).
/// While the features of a training document are computed, these words
/// go without a class, as a name that only a new text holds does.
pub fn owed_to_each(docs: &[LabeledText], counts: &IdMap<u64>, min_count: u64) -> Vec<Vec<u64>> {
    docs.iter()
        .map(|labeled| {
            let doc = &labeled.doc;
            let mut in_doc: IdMap<u64> = IdMap::default();
            for i in 0..doc.tokens.len() {
                *in_doc.entry(word_key(doc.word(i))).or_default() += 1;
            }
            let mut owed: Vec<u64> = in_doc
                .into_iter()
                .filter(|(key, n)| {
                    counts
                        .get(key)
                        .is_some_and(|&total| total.saturating_sub(*n) < min_count)
                })
                .map(|(key, _)| key)
                .collect();
            owed.sort_unstable();
            owed
        })
        .collect()
}

/// What `table` holds for `word` (whose [`word_key`] is `key`) as written,
/// or for a word in capitals ("MOSCOW", in a headline) what it holds for
/// the capitalised form, as such a word is usually written.
pub fn look_up_as_written<T: Copy>(table: &IdMap<T>, word: &str, key: u64) -> Option<T> {
    if table.is_empty() {
        return None;
    }
    match table.get(&key) {
        Some(&found) => Some(found),
        None => table.get(&word_key(&in_capitals(word)?)).copied(),
    }
}

/// The capitalised form of a word in capitals ("MOSCOW" is "Moscow"); None
/// for any other word.
fn in_capitals(word: &str) -> Option<String> {
    if !word.chars().any(char::is_uppercase) || word.chars().any(char::is_lowercase) {
        return None;
    }
    let mut chars = word.chars();
    let first = chars.next()?;
    Some(
        std::iter::once(first)
            .chain(chars.flat_map(char::to_lowercase))
            .collect(),
    )
}

/// The key of a word as written, typography made plain.
pub fn word_key(word: &str) -> u64 {
    super::features::exact_hash(word)
}

/// Settings of [`learn_classes`].
#[derive(Debug, Clone)]
pub struct ClusterOptions {
    /// Class counts, one grouping each, coarse first.
    pub sizes: [usize; LEVELS],
    /// Words seen fewer times than this get no class.
    pub min_count: usize,
    /// At most this many passes over the vocabulary per grouping.
    pub max_passes: usize,
}

/// Learns the classes of every word seen at least `min_count` times in
/// `texts`; returns `(word, classes, times seen)` sorted by word.
/// `progress` hears of each pass (grouping, pass, words moved).
pub fn learn_classes(
    texts: &[String],
    options: &ClusterOptions,
    mut progress: impl FnMut(usize, usize, usize),
) -> Vec<(String, [u16; LEVELS], u64)> {
    let corpus = Corpus::new(texts, options.min_count);
    let mut table: Vec<(String, [u16; LEVELS], u64)> = corpus
        .words
        .iter()
        .zip(&corpus.counts)
        .skip(Corpus::SPECIAL)
        .map(|(w, &count)| (w.clone(), [0; LEVELS], count))
        .collect();
    for (level, &size) in options.sizes.iter().enumerate() {
        let classes = exchange(&corpus, size, options.max_passes, |pass, moved| {
            progress(level, pass, moved)
        });
        for (entry, &class) in table.iter_mut().zip(&classes[Corpus::SPECIAL..]) {
            entry.1[level] = class as u16;
        }
    }
    table.sort_by(|a, b| a.0.cmp(&b.0));
    table
}

/// The bigram statistics of the text: word ids by frequency, with id 0 the
/// boundary between lines and id 1 every rare word.
struct Corpus {
    words: Vec<String>,
    counts: Vec<u64>,
    /// Per word: (next word, times), and (previous word, times).
    next: Vec<Vec<(u32, u64)>>,
    previous: Vec<Vec<(u32, u64)>>,
}

impl Corpus {
    const SPECIAL: usize = 2;

    fn new(texts: &[String], min_count: usize) -> Corpus {
        let mut frequency: HashMap<&str, usize> = HashMap::new();
        let tokenized: Vec<Vec<crate::tokenize::Token>> =
            texts.iter().map(|t| tokenize(t)).collect();
        for (text, tokens) in texts.iter().zip(&tokenized) {
            for t in tokens {
                *frequency.entry(t.text(text)).or_default() += 1;
            }
        }
        let mut kept: Vec<(&str, usize)> = frequency
            .into_iter()
            .filter(|&(_, n)| n >= min_count)
            .collect();
        kept.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let mut words = vec!["<boundary>".to_owned(), "<rare>".to_owned()];
        words.extend(kept.iter().map(|(w, _)| (*w).to_owned()));
        let id_of: HashMap<&str, u32> = kept
            .iter()
            .enumerate()
            .map(|(i, (w, _))| (*w, (i + Corpus::SPECIAL) as u32))
            .collect();
        let mut counts = vec![0u64; words.len()];
        let mut pairs: HashMap<(u32, u32), u64> = HashMap::new();
        for (text, tokens) in texts.iter().zip(&tokenized) {
            let mut last = 0u32;
            for (i, t) in tokens.iter().enumerate() {
                let id = id_of.get(t.text(text)).copied().unwrap_or(1);
                let line_break = i > 0 && text[tokens[i - 1].end..t.start].contains('\n');
                if line_break {
                    *pairs.entry((last, 0)).or_default() += 1;
                    counts[0] += 1;
                    last = 0;
                }
                *pairs.entry((last, id)).or_default() += 1;
                counts[id as usize] += 1;
                last = id;
            }
            *pairs.entry((last, 0)).or_default() += 1;
            counts[0] += 1;
        }
        let mut next = vec![Vec::new(); words.len()];
        let mut previous = vec![Vec::new(); words.len()];
        let mut sorted: Vec<((u32, u32), u64)> = pairs.into_iter().collect();
        sorted.sort_unstable();
        for ((a, b), n) in sorted {
            next[a as usize].push((b, n));
            previous[b as usize].push((a, n));
        }
        Corpus {
            words,
            counts,
            next,
            previous,
        }
    }
}

/// `x log x`, with `0 log 0 = 0`.
fn xlogx(x: i64) -> f64 {
    if x <= 0 {
        0.0
    } else {
        let x = x as f64;
        x * x.ln()
    }
}

/// The exchange algorithm with `size` classes; returns each word's class.
fn exchange(
    corpus: &Corpus,
    size: usize,
    max_passes: usize,
    mut progress: impl FnMut(usize, usize),
) -> Vec<usize> {
    let n = corpus.words.len();
    let size = size.clamp(1, n.max(1));
    // The boundary keeps class 0 to itself; the other words start in the
    // classes 1.. by frequency rank, round the classes.
    let mut class: Vec<usize> = (0..n)
        .map(|w| {
            if w == 0 || size == 1 {
                0
            } else {
                1 + (w - 1) % (size - 1)
            }
        })
        .collect();
    let mut pair = vec![0i64; size * size];
    let mut left = vec![0i64; size];
    let mut right = vec![0i64; size];
    for (a, next) in corpus.next.iter().enumerate() {
        for &(b, count) in next {
            let count = count as i64;
            pair[class[a] * size + class[b as usize]] += count;
            left[class[a]] += count;
            right[class[b as usize]] += count;
        }
    }
    let mut to = vec![0i64; size];
    let mut from = vec![0i64; size];
    let mut touched_to: Vec<usize> = Vec::new();
    let mut touched_from: Vec<usize> = Vec::new();
    for pass in 1..=max_passes {
        let mut moved = 0;
        for w in 1..n {
            if corpus.counts[w] == 0 {
                continue;
            }
            // Counts of w's bigrams by the class of the other word, w
            // itself apart (its pairs with itself move with it).
            let mut self_pairs = 0i64;
            touched_to.clear();
            touched_from.clear();
            let (mut out_total, mut in_total) = (0i64, 0i64);
            for &(b, count) in &corpus.next[w] {
                let count = count as i64;
                out_total += count;
                if b as usize == w {
                    self_pairs += count;
                    continue;
                }
                let c = class[b as usize];
                if to[c] == 0 {
                    touched_to.push(c);
                }
                to[c] += count;
            }
            for &(a, count) in &corpus.previous[w] {
                let count = count as i64;
                in_total += count;
                if a as usize == w {
                    continue;
                }
                let c = class[a as usize];
                if from[c] == 0 {
                    touched_from.push(c);
                }
                from[c] += count;
            }
            // Take w out of its class.
            let old = class[w];
            apply(
                &mut pair,
                &mut left,
                &mut right,
                size,
                old,
                -1,
                (&to, &touched_to),
                (&from, &touched_from),
                self_pairs,
                out_total,
                in_total,
            );
            let gain = |c: usize, pair: &[i64], left: &[i64], right: &[i64]| -> f64 {
                let mut g = 0.0;
                for &d in &touched_to {
                    if d != c {
                        let before = pair[c * size + d];
                        g += xlogx(before + to[d]) - xlogx(before);
                    }
                }
                for &d in &touched_from {
                    if d != c {
                        let before = pair[d * size + c];
                        g += xlogx(before + from[d]) - xlogx(before);
                    }
                }
                let before = pair[c * size + c];
                g += xlogx(before + to[c] + from[c] + self_pairs) - xlogx(before);
                g -= xlogx(left[c] + out_total) - xlogx(left[c]);
                g -= xlogx(right[c] + in_total) - xlogx(right[c]);
                g
            };
            let mut best = old;
            let mut best_gain = gain(old, &pair, &left, &right);
            // The boundary's class stays its own.
            for c in 1..size {
                if c != old {
                    let g = gain(c, &pair, &left, &right);
                    if g > best_gain + 1e-9 {
                        best = c;
                        best_gain = g;
                    }
                }
            }
            apply(
                &mut pair,
                &mut left,
                &mut right,
                size,
                best,
                1,
                (&to, &touched_to),
                (&from, &touched_from),
                self_pairs,
                out_total,
                in_total,
            );
            if best != old {
                class[w] = best;
                moved += 1;
            }
            for &c in &touched_to {
                to[c] = 0;
            }
            for &c in &touched_from {
                from[c] = 0;
            }
        }
        progress(pass, moved);
        // Fewer than one word in a thousand moved: the classes have settled.
        if moved * 1000 < n {
            break;
        }
    }
    class
}

/// Adds (`sign` 1) or removes (-1) a word's bigram counts to or from class
/// `c`: `to`/`from` are its counts by the other word's class, listed in the
/// touched classes.
#[allow(clippy::too_many_arguments)]
fn apply(
    pair: &mut [i64],
    left: &mut [i64],
    right: &mut [i64],
    size: usize,
    c: usize,
    sign: i64,
    (to, touched_to): (&[i64], &[usize]),
    (from, touched_from): (&[i64], &[usize]),
    self_pairs: i64,
    out_total: i64,
    in_total: i64,
) {
    for &d in touched_to {
        pair[c * size + d] += sign * to[d];
    }
    for &d in touched_from {
        pair[d * size + c] += sign * from[d];
    }
    pair[c * size + c] += sign * self_pairs;
    left[c] += sign * out_total;
    right[c] += sign * in_total;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_the_same_company_share_a_class() {
        let mut texts = Vec::new();
        for (city, person) in [("Paris", "Anna"), ("Rome", "Boris"), ("Oslo", "Clara")] {
            for _ in 0..5 {
                texts.push(format!(
                    "{person} said on Monday that she flew to {city} .\n\
                     {person} told reporters in {city} that the talks went well .\n"
                ));
            }
        }
        let options = ClusterOptions {
            sizes: [6, 12],
            min_count: 2,
            max_passes: 20,
        };
        let table = learn_classes(&texts, &options, |_, _, _| {});
        let class = |w: &str| table.iter().find(|e| e.0 == w).map(|e| e.1[0]);
        let count = |w: &str| table.iter().find(|e| e.0 == w).map(|e| e.2);
        assert_eq!(count("Paris"), Some(10));
        assert_eq!(class("Paris"), class("Oslo"));
        assert_eq!(class("Anna"), class("Clara"));
        assert_ne!(class("Paris"), class("Anna"));
    }

    #[test]
    fn a_word_owes_its_class_to_a_document_that_holds_most_of_its_uses() {
        let table = "Pirelli\t3\t17\t4\nMoscow\t5\t30\t40\n";
        let counts = parse_counts(table);
        assert_eq!(counts.get(&word_key("Pirelli")), Some(&4));
        let docs = [
            LabeledText::from_spans("Pirelli and Pirelli met in Moscow.".to_owned(), &[]),
            LabeledText::from_spans("Pirelli met in Moscow.".to_owned(), &[]),
        ];
        // Without the first document the text holds "Pirelli" twice, too
        // few for a class; without the second, three times.
        let owed = owed_to_each(&docs, &counts, 3);
        assert_eq!(owed[0], [word_key("Pirelli")]);
        assert!(owed[1].is_empty());

        let mut classes = WordClasses::parse(table);
        let taken = classes.take(&owed[0]);
        assert_eq!(classes.of("Pirelli"), None);
        assert_eq!(classes.of("Moscow"), Some([5, 30]));
        classes.restore(taken);
        assert_eq!(classes, WordClasses::parse(table));
    }

    #[test]
    fn a_table_reads_back_and_capitals_find_the_capitalised_word() {
        let classes = WordClasses::parse("# comment\nMoscow\t3\t17\nbroken line\n");
        assert_eq!(classes.len(), 1);
        assert_eq!(classes.of("Moscow"), Some([3, 17]));
        assert_eq!(classes.of("MOSCOW"), Some([3, 17]));
        assert_eq!(classes.of("moscow"), None);
    }
}
