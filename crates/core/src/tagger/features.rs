//! Features of a token as hashed `u64` ids: the word, its shape and
//! affixes, its neighbours, where it stands in the sentence, how the rest of
//! the document writes it, the word classes of it and its neighbours,
//! gazetteer and name-list hits, and the tags already chosen.
//!
//! Nothing here allocates per feature: every feature is a hash built from a
//! template number and the hashes of the words involved, and the per-token
//! part is computed once per document.

use std::collections::HashMap;

use super::clusters::{EDGE_CLASS, LEVELS, NO_CLASS, WordClasses};
use super::gazetteer::Gazetteer;
use super::paths::{PREFIXES, WordPaths, prefix};
use super::tags::Tag;
use super::text::TokenizedText;
use crate::model::EntityLabel;
use crate::tokenize::TokenKind;

/// Changes whenever the features change, so that an old model file is
/// refused rather than silently scoring garbage.
pub const FEATURE_VERSION: u32 = 7;

/// 64-bit FNV-1a, finished with a strong mix so that feature ids can key a
/// hash table with no further hashing.
#[derive(Clone, Copy)]
pub struct FeatureHash(u64);

impl FeatureHash {
    pub fn new(template: u8) -> FeatureHash {
        FeatureHash(0xcbf2_9ce4_8422_2325).byte(template)
    }

    pub fn byte(self, b: u8) -> FeatureHash {
        FeatureHash((self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
    }

    pub fn bytes(self, bytes: &[u8]) -> FeatureHash {
        bytes.iter().fold(self, |h, &b| h.byte(b))
    }

    pub fn char(self, c: char) -> FeatureHash {
        let mut buf = [0; 4];
        self.bytes(c.encode_utf8(&mut buf).as_bytes())
    }

    /// Mixes in a whole word hash at once: one multiply, not eight.
    pub fn word(self, w: u64) -> FeatureHash {
        FeatureHash(
            (self.0 ^ w)
                .wrapping_mul(0x9e37_79b9_7f4a_7c15)
                .rotate_left(29),
        )
    }

    pub fn finish(self) -> u64 {
        // The splitmix64 finaliser.
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

// Template numbers: one per kind of feature.
const BIAS: u8 = 0;
const WORD: u8 = 1;
const LOWER: u8 = 2;
const PREFIX: u8 = 3;
const SUFFIX: u8 = 4;
const SHAPE: u8 = 5;
const SHORT_SHAPE: u8 = 6;
const NEIGHBOUR: u8 = 7;
const NEIGHBOUR_SHAPES: u8 = 8;
const BIGRAM: u8 = 9;
const FIRST_IN_SENTENCE: u8 = 10;
const HEADLINE: u8 = 11;
const CASE_ELSEWHERE: u8 = 12;
const GAZETTEER: u8 = 13;
const PREVIOUS_TAG: u8 = 14;
const TWO_PREVIOUS_TAGS: u8 = 15;
const PREVIOUS_TAG_WORD: u8 = 16;
const PREVIOUS_TAG_SHAPE: u8 = 17;
const REMEMBERED_TYPE: u8 = 18;
const SENTENCE_POSITION: u8 = 19;
const SHAPE_WINDOW: u8 = 20;
const COMMON_WORD: u8 = 21;
const WORD_CLASS: u8 = 22;
const WORD_CLASS_SHAPE: u8 = 23;
const NEIGHBOUR_LIST: u8 = 24;
const DOCUMENT_RUN: u8 = 25;
const REMEMBERED_TYPES: u8 = 26;
const LOCAL_RUN: u8 = 27;
const WORD_PATH: u8 = 28;
/// Not a feature: keys the features of one word (see
/// [`FeatureBuilder::word_key`]).
const WORD_KEY: u8 = 255;

/// Where the words whose features depend on them alone stand, relative to
/// the token being tagged.
pub const WORD_OFFSETS: [isize; 5] = [-2, -1, 0, 1, 2];

/// What the features look up besides the weights: the gazetteer (names from
/// training and from the name lists) and the word classes. Both ship in the
/// model file, so a model always reads the tables it was trained with.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lookups {
    pub gazetteer: Gazetteer,
    pub classes: WordClasses,
    pub paths: WordPaths,
}

/// What the tokens of a document (or of one sentence of it, see
/// [`FeatureBuilder`]) contribute before any tag is chosen.
pub struct DocumentFeatures {
    /// The first token covered: the features of token `first + i` are
    /// `ids[starts[i]..starts[i + 1]]`.
    first: usize,
    ids: Vec<u64>,
    starts: Vec<usize>,
    /// Hash of each token's lower-case form, for the history features.
    lower: Vec<u64>,
    short_shape: Vec<u64>,
    capitalised: Vec<bool>,
}

impl DocumentFeatures {
    pub fn of_token(&self, token: usize) -> &[u64] {
        let i = token - self.first;
        &self.ids[self.starts[i]..self.starts[i + 1]]
    }
}

/// How a word is written: the hashes the templates combine.
#[derive(Clone, Copy)]
struct WordForm {
    lower: u64,
    exact: u64,
    shape: u64,
    short_shape: u64,
    capitalised: bool,
    all_lower: bool,
    has_letters_all_upper: bool,
}

/// Typographic quotes, apostrophes and dashes as the plain ones of CoNLL,
/// so that "People’s" in a news article looks like "People 's" in training.
fn plain(c: char) -> char {
    match c {
        '’' | '‘' | '`' => '\'',
        '“' | '”' | '„' => '"',
        '–' | '—' => '-',
        _ => c,
    }
}

/// Hashes `word` char by char, with typography made plain.
fn plain_hash(hash: FeatureHash, word: &str) -> FeatureHash {
    word.chars().map(plain).fold(hash, FeatureHash::char)
}

/// The hash of a word as written, typography made plain.
pub fn exact_hash(word: &str) -> u64 {
    plain_hash(FeatureHash::new(0), word).finish()
}

/// The hash of a word's lower-case form, the key of the gazetteer too.
pub fn lower_hash(word: &str) -> u64 {
    word.chars()
        .map(plain)
        .flat_map(char::to_lowercase)
        .fold(FeatureHash::new(0), FeatureHash::char)
        .finish()
}

fn word_form(word: &str) -> WordForm {
    let mut shape = FeatureHash::new(0);
    let mut short_shape = FeatureHash::new(0);
    let mut last_class = '\0';
    let (mut uppers, mut lowers) = (0, 0);
    for (i, c) in word.chars().map(plain).enumerate() {
        let class = if c.is_uppercase() {
            uppers += 1;
            'X'
        } else if c.is_lowercase() {
            lowers += 1;
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        // The full shape keeps a word's first eight chars: enough to tell
        // "Xxxxx" from "XXX" and "dd-dd" without one id per length.
        if i < 8 {
            shape = shape.char(class);
        }
        if class != last_class {
            short_shape = short_shape.char(class);
            last_class = class;
        }
    }
    let first_upper = word.chars().next().is_some_and(char::is_uppercase);
    WordForm {
        lower: lower_hash(word),
        exact: exact_hash(word),
        shape: shape.finish(),
        short_shape: short_shape.finish(),
        capitalised: first_upper,
        all_lower: lowers > 0 && uppers == 0,
        has_letters_all_upper: uppers > 0 && lowers == 0,
    }
}

/// How the rest of a document writes a word: the clue that tells the
/// capitalised first word of a sentence, or a headline in capitals, from a
/// name.
#[derive(Default, Clone, Copy)]
struct CaseSeen {
    lower: bool,
    capitalised_mid_sentence: bool,
}

/// The longest run of capitalised words a word stands in anywhere in the
/// document ("Pirelli" in "Pirelli Cables SpA", "Okafor" in "Mayor Ruth
/// Okafor"): a short mention borrows what its long form says.
#[derive(Clone, Copy)]
struct RunSeen {
    len: usize,
    first: u64,
    last: u64,
    /// Where the word stands in it: 0 first, 1 inside, 2 last.
    position: u8,
}

/// Words that may join the capitalised words of one name ("Bank of
/// America", "People's Republic", "Marks & Spencer").
fn joins_names(word: &str) -> bool {
    matches!(word, "of" | "&" | "'s" | "’s")
}

/// The longest capitalised run of every capitalised word, and the run each
/// token stands in; `skipped` sentences (headlines, where every word is
/// capitalised) are left out.
fn capitalised_runs(
    doc: &TokenizedText,
    forms: &[WordForm],
    skipped: &[bool],
) -> (IdMap<RunSeen>, Vec<(u32, u32)>) {
    let mut runs: IdMap<RunSeen> = IdMap::default();
    let mut local = vec![(0, 0); doc.tokens.len()];
    for (s, sentence) in doc.sentences.iter().enumerate() {
        if skipped[s] {
            continue;
        }
        let mut i = sentence.start;
        while i < sentence.end {
            if !forms[i].capitalised {
                i += 1;
                continue;
            }
            let mut end = i + 1;
            while end < sentence.end
                && (forms[end].capitalised
                    || joins_names(doc.word(end))
                        && end + 1 < sentence.end
                        && forms[end + 1].capitalised)
            {
                end += 1;
            }
            let len = end - i;
            for run in &mut local[i..end] {
                *run = (i as u32, end as u32);
            }
            if len > 1 {
                for k in (i..end).filter(|&k| forms[k].capitalised) {
                    let position = if k == i {
                        0
                    } else if k + 1 == end {
                        2
                    } else {
                        1
                    };
                    let seen = RunSeen {
                        len,
                        first: forms[i].lower,
                        last: forms[end - 1].lower,
                        position,
                    };
                    runs.entry(forms[k].lower)
                        .and_modify(|r| {
                            if r.len < len {
                                *r = seen;
                            }
                        })
                        .or_insert(seen);
                }
            }
            i = end;
        }
    }
    (runs, local)
}

/// Whether the document opens with a headline in title case ("Mayor Ruth
/// Okafor Unveils Transit Plan"): its first sentence is a line of its own in
/// which every word of four letters or more starts with a capital and goes
/// on in lower case, and there are at least three. Capitals say little
/// there, and what the tagger makes of them must not sway the body of the
/// article: such a headline is tagged after the rest (see
/// [`tagging_order`]) and left out of the document-wide clues.
pub fn opens_with_title_case_headline(doc: &TokenizedText) -> bool {
    let Some(sentence) = doc.sentences.first() else {
        return false;
    };
    let line_ends = doc
        .tokens
        .get(sentence.end)
        .is_none_or(|next| doc.text[doc.tokens[sentence.end - 1].end..next.start].contains('\n'));
    let mut longer = 0;
    for i in sentence.clone() {
        let word = doc.word(i);
        if word.chars().filter(|c| c.is_alphabetic()).count() < 4 {
            continue;
        }
        let mut chars = word.chars();
        if !chars.next().is_some_and(char::is_uppercase) || !chars.any(char::is_lowercase) {
            return false;
        }
        longer += 1;
    }
    line_ends && longer >= 3
}

/// The order the tagger walks the sentences of `doc` in: text order, with
/// a title-case headline moved to the end, so that a name in the body is
/// decided by the body alone and the headline borrows what the body said.
pub fn tagging_order(doc: &TokenizedText) -> Vec<usize> {
    let count = doc.sentences.len();
    if opens_with_title_case_headline(doc) {
        (1..count).chain([0]).collect()
    } else {
        (0..count).collect()
    }
}

/// A headline or dateline: every word with letters is in capitals, so
/// capitals say nothing about names there.
fn is_headline(doc: &TokenizedText, forms: &[WordForm], sentence: std::ops::Range<usize>) -> bool {
    let mut letters = 0;
    for i in sentence {
        if doc.tokens[i].kind == TokenKind::Word {
            if forms[i].all_lower || (forms[i].capitalised && !forms[i].has_letters_all_upper) {
                return false;
            }
            letters += usize::from(forms[i].has_letters_all_upper);
        }
    }
    letters > 1
}

/// Computes the tag-independent features of every token of `doc` (training
/// reads them once per epoch).
pub fn document_features(doc: &TokenizedText, lookups: &Lookups) -> DocumentFeatures {
    let builder = FeatureBuilder::new(doc, lookups);
    let mut features = builder.empty();
    builder.fill(0..doc.tokens.len(), &mut features);
    features
}

/// What the features of a token need to know of the whole document; fills
/// in the features of one sentence at a time, so tagging a 50 MB article
/// does not hold gigabytes of them.
pub struct FeatureBuilder<'a> {
    doc: &'a TokenizedText,
    gazetteer: &'a Gazetteer,
    forms: Vec<WordForm>,
    case_seen: IdMap<CaseSeen>,
    gazetteer_hits: Vec<Vec<super::gazetteer::Hit>>,
    classes: Vec<[u16; LEVELS]>,
    /// The word path of each token (0: none; see [`WordPaths`]).
    paths: Vec<u32>,
    runs: IdMap<RunSeen>,
    /// The capitalised run each token stands in, as a token range (empty
    /// outside runs and in headlines).
    local_runs: Vec<(u32, u32)>,
    headlines: Vec<bool>,
    sentence_of: Vec<Option<usize>>,
}

impl<'a> FeatureBuilder<'a> {
    pub fn new(doc: &'a TokenizedText, lookups: &'a Lookups) -> FeatureBuilder<'a> {
        let gazetteer = &lookups.gazetteer;
        // Most words recur: each distinct one is looked at once.
        let mut seen: IdMap<WordForm> = IdMap::default();
        let forms: Vec<WordForm> = (0..doc.tokens.len())
            .map(|i| {
                let word = doc.word(i);
                let key = FeatureHash::new(0).bytes(word.as_bytes()).finish();
                *seen.entry(key).or_insert_with(|| word_form(word))
            })
            .collect();
        let headlines: Vec<bool> = doc
            .sentences
            .iter()
            .map(|s| is_headline(doc, &forms, s.clone()))
            .collect();
        let title_case_headline = opens_with_title_case_headline(doc);
        let title_case: Vec<bool> = (0..doc.sentences.len())
            .map(|s| s == 0 && title_case_headline)
            .collect();
        let mut case_seen: IdMap<CaseSeen> = IdMap::default();
        for (s, sentence) in doc.sentences.iter().enumerate() {
            if title_case[s] {
                continue;
            }
            for i in sentence.clone() {
                let seen = case_seen.entry(forms[i].lower).or_default();
                seen.lower |= forms[i].all_lower;
                seen.capitalised_mid_sentence |=
                    i > sentence.start && forms[i].capitalised && !forms[i].has_letters_all_upper;
            }
        }
        let may_start: Vec<bool> = (0..doc.tokens.len())
            .map(|i| {
                doc.word(i)
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_numeric())
            })
            .collect();
        let gazetteer_hits = gazetteer.hits(
            doc,
            &forms.iter().map(|f| f.lower).collect::<Vec<_>>(),
            &may_start,
        );
        let classes = word_classes(doc, &forms, &lookups.classes);
        let paths = (0..doc.tokens.len())
            .map(|i| {
                (lookups.paths)
                    .of_hashed(doc.word(i), forms[i].exact)
                    .unwrap_or(0)
            })
            .collect();
        let skipped: Vec<bool> = headlines
            .iter()
            .zip(&title_case)
            .map(|(a, b)| *a || *b)
            .collect();
        let (runs, local_runs) = capitalised_runs(doc, &forms, &skipped);
        FeatureBuilder {
            doc,
            gazetteer,
            case_seen,
            gazetteer_hits,
            classes,
            paths,
            runs,
            local_runs,
            headlines,
            sentence_of: sentence_index(doc),
            forms,
        }
    }

    /// Features covering no token yet, with what the history features read
    /// of every token.
    pub fn empty(&self) -> DocumentFeatures {
        DocumentFeatures {
            first: 0,
            ids: Vec::new(),
            starts: vec![0],
            lower: self.forms.iter().map(|f| f.lower).collect(),
            short_shape: self.forms.iter().map(|f| f.short_shape).collect(),
            capitalised: self.forms.iter().map(|f| f.capitalised).collect(),
        }
    }

    /// Replaces the features in `features` with all those of `tokens`.
    pub fn fill(&self, tokens: std::ops::Range<usize>, features: &mut DocumentFeatures) {
        self.fill_with(tokens, features, true);
    }

    /// Replaces the features in `features` with those of `tokens` that are
    /// not [`FeatureBuilder::word_features`]: a tagger that scores those
    /// once per word adds them itself.
    pub fn fill_context(&self, tokens: std::ops::Range<usize>, features: &mut DocumentFeatures) {
        self.fill_with(tokens, features, false);
    }

    fn fill_with(
        &self,
        tokens: std::ops::Range<usize>,
        features: &mut DocumentFeatures,
        with_words: bool,
    ) {
        features.first = tokens.start;
        features.ids.clear();
        features.starts.clear();
        features
            .ids
            .reserve(tokens.len() * if with_words { 48 } else { 20 });
        for i in tokens {
            features.starts.push(features.ids.len());
            // Tokens outside every sentence (left out of training) keep their
            // place in the index but get no features.
            let Some(s) = self.sentence_of[i] else {
                continue;
            };
            if with_words {
                for offset in WORD_OFFSETS {
                    self.word_features(i, offset, &mut features.ids);
                }
            }
            self.context_features(i, s, &mut features.ids);
        }
        features.starts.push(features.ids.len());
    }

    /// The token `offset` tokens away from token `i` in its sentence, if
    /// there is one (and `i` is in a sentence).
    fn neighbour(&self, i: usize, offset: isize) -> Option<usize> {
        let sentence = &self.doc.sentences[self.sentence_of[i]?];
        let j = i as isize + offset;
        (j >= sentence.start as isize && j < sentence.end as isize).then_some(j as usize)
    }

    /// What tells apart the [`FeatureBuilder::word_features`] of `(i,
    /// offset)`: equal keys, equal features. A word with the same letters
    /// (typography made plain) has the same features wherever it stands.
    pub fn word_key(&self, i: usize, offset: isize) -> u64 {
        let word = self.neighbour(i, offset).map_or(1, |j| self.forms[j].exact);
        FeatureHash::new(WORD_KEY)
            .byte(offset as u8)
            .word(word)
            .finish()
    }

    /// The features of token `i` that depend on one word alone: the word
    /// `offset` tokens away (0: the token itself), or its absence at the
    /// sentence's edge. Most words recur in an article, so a tagger can
    /// score these once per distinct word (see [`FeatureBuilder::word_key`]).
    pub fn word_features(&self, i: usize, offset: isize, ids: &mut Vec<u64>) {
        let f = FeatureHash::new;
        let mut add = |h: FeatureHash| ids.push(h.finish());
        let j = self.neighbour(i, offset);
        // Word classes: what kind of word usually stands where this one does.
        let levels = if offset.abs() == 2 { 1 } else { LEVELS };
        for level in 0..levels {
            let class = j.map_or(EDGE_CLASS, |j| self.classes[j][level]);
            add(f(WORD_CLASS)
                .byte(offset as u8)
                .byte(level as u8)
                .word(u64::from(class)));
        }
        // Word paths: the same, learnt from far more text; the first bits
        // of a path say more of a rare word than a class it lacks.
        for (p, &bits) in PREFIXES.iter().enumerate() {
            let path = j.map_or(1, |j| prefix(self.paths[j], bits));
            add(f(WORD_PATH)
                .byte(offset as u8)
                .byte(p as u8)
                .word(u64::from(path)));
        }
        if offset != 0 {
            // A missing neighbour (sentence edge) is a value of its own.
            add(f(NEIGHBOUR)
                .byte(offset as u8)
                .word(j.map_or(1, |j| self.forms[j].lower)));
            if offset.abs() == 1 {
                let shape = j.map_or(1, |j| self.forms[j].short_shape);
                add(f(NEIGHBOUR_SHAPES).byte(u8::from(offset > 0)).word(shape));
            }
            return;
        }
        let form = &self.forms[i];
        let word = self.doc.word(i);
        add(f(WORD).word(form.exact));
        add(f(LOWER).word(form.lower));
        add(f(SHAPE).word(form.shape));
        add(f(SHORT_SHAPE).word(form.short_shape));
        let ends = word.char_indices().map(|(b, c)| b + c.len_utf8());
        for end in ends.take(4) {
            add(plain_hash(f(PREFIX), &word[..end]));
        }
        let starts_from_end = word.char_indices().rev().map(|(b, _)| b);
        for start in starts_from_end.take(4) {
            add(plain_hash(f(SUFFIX), &word[start..]));
        }
        add(f(WORD_CLASS_SHAPE)
            .word(u64::from(self.classes[i][LEVELS - 1]))
            .word(form.short_shape));
    }

    /// The features of token `i`, in sentence `s`, that read more than one
    /// word, or where it stands, or the rest of the document.
    fn context_features(&self, i: usize, s: usize, ids: &mut Vec<u64>) {
        let (doc, forms) = (self.doc, &self.forms);
        let sentence = doc.sentences[s].clone();
        let headline = self.headlines[s];
        let form = &forms[i];
        let f = FeatureHash::new;
        let mut add = |h: FeatureHash| ids.push(h.finish());

        add(f(BIAS));
        let at = |offset| self.neighbour(i, offset);
        let lower_at = |o| at(o).map_or(1, |j| forms[j].lower);
        let shape_at = |o| at(o).map_or(1, |j| forms[j].short_shape);
        add(f(SHAPE_WINDOW)
            .word(shape_at(-1))
            .word(form.short_shape)
            .word(shape_at(1)));
        add(f(BIGRAM).byte(0).word(lower_at(-1)).word(form.lower));
        add(f(BIGRAM).byte(1).word(form.lower).word(lower_at(1)));
        add(f(BIGRAM).byte(2).word(lower_at(-1)).word(form.short_shape));
        add(f(BIGRAM).byte(3).word(form.short_shape).word(lower_at(1)));
        let first = i == sentence.start;
        add(f(FIRST_IN_SENTENCE)
            .byte(u8::from(first))
            .word(form.short_shape));
        add(f(SENTENCE_POSITION).byte(position_bucket(i - sentence.start)));
        if headline {
            add(f(HEADLINE).word(form.lower));
            add(f(HEADLINE).word(form.short_shape));
        }
        if form.capitalised {
            let seen = self.case_seen.get(&form.lower).copied().unwrap_or_default();
            let clue = u8::from(seen.lower) | u8::from(seen.capitalised_mid_sentence) << 1;
            add(f(CASE_ELSEWHERE)
                .byte(clue)
                .byte(u8::from(first || headline)));
            if self.gazetteer.is_common_word(form.lower) {
                add(f(COMMON_WORD)
                    .byte(u8::from(first))
                    .byte(u8::from(headline)));
            }
            // The run of capitalised words this one stands in: its last
            // word tells an organisation ("… Electric Power Co"), its
            // first a title ("Mayor …").
            let (run_start, run_end) = self.local_runs[i];
            let (run_start, run_end) = (run_start as usize, run_end as usize);
            if run_end > run_start + 1 {
                let place = u8::from(i > run_start) + u8::from(i + 1 == run_end);
                add(f(LOCAL_RUN)
                    .byte(0)
                    .byte(place)
                    .word(forms[run_end - 1].lower));
                add(f(LOCAL_RUN)
                    .byte(1)
                    .byte(place)
                    .word(forms[run_start].lower));
                add(f(LOCAL_RUN)
                    .byte(2)
                    .byte(place)
                    .word(u64::from(self.classes[run_end - 1][LEVELS - 1])));
            }
            if let Some(run) = self.runs.get(&form.lower) {
                add(f(DOCUMENT_RUN).byte(0).word(run.first));
                add(f(DOCUMENT_RUN).byte(1).word(run.last));
                add(f(DOCUMENT_RUN)
                    .byte(2)
                    .byte(run.position)
                    .byte(run.len.min(4) as u8));
            }
        }
        for &(kind, position) in &self.gazetteer_hits[i] {
            add(f(GAZETTEER).byte(kind).byte(position));
            add(f(GAZETTEER)
                .byte(kind)
                .byte(position)
                .word(form.short_shape));
        }
        // What the lists say of the words around: a title before a
        // name, "of" and a place after an organisation word.
        for offset in [-1isize, 1] {
            if let Some(j) = at(offset) {
                for &(kind, position) in &self.gazetteer_hits[j] {
                    add(f(NEIGHBOUR_LIST)
                        .byte(offset as u8)
                        .byte(kind)
                        .byte(position));
                }
            }
        }
    }
}

/// The classes of every token of `doc`.
fn word_classes(
    doc: &TokenizedText,
    forms: &[WordForm],
    classes: &WordClasses,
) -> Vec<[u16; LEVELS]> {
    (0..doc.tokens.len())
        .map(|i| {
            classes
                .of_hashed(doc.word(i), forms[i].exact)
                .unwrap_or([NO_CLASS; LEVELS])
        })
        .collect()
}

fn sentence_index(doc: &TokenizedText) -> Vec<Option<usize>> {
    let mut of = vec![None; doc.tokens.len()];
    for (s, sentence) in doc.sentences.iter().enumerate() {
        for i in sentence.clone() {
            of[i] = Some(s);
        }
    }
    of
}

/// 0, 1, 2, 3, then "later": the start of a sentence is where capitals
/// mislead.
fn position_bucket(position: usize) -> u8 {
    position.min(4) as u8
}

/// The entity type last given to each capitalised word in this document: a
/// name tagged once is likely the same kind of thing further down. Words in
/// lower case are left out; they are rarely names, and tagging is faster.
#[derive(Default)]
pub struct TypeMemory {
    /// The last type, and every type given so far (bit `type + 1`, bit 0
    /// for no entity).
    last: IdMap<(Option<EntityLabel>, u8)>,
}

impl TypeMemory {
    pub fn remember(&mut self, features: &DocumentFeatures, token: usize, tag: Tag) {
        if features.capitalised[token] {
            let entity = tag.entity();
            let bit = 1 << entity.map_or(0, |e| e as u8 + 1);
            let seen = self
                .last
                .entry(features.lower[token])
                .or_insert((entity, 0));
            *seen = (entity, seen.1 | bit);
        }
    }
}

/// The features that depend on the tags already chosen: the two before this
/// token, and what this word was tagged earlier in the document. Written into
/// `out`, which is cleared first.
pub fn history_features(
    features: &DocumentFeatures,
    token: usize,
    previous: [Option<Tag>; 2],
    memory: &TypeMemory,
    out: &mut Vec<u64>,
) {
    out.clear();
    let tag_byte = |t: Option<Tag>| t.map_or(255, |t| t.0);
    let (p1, p2) = (tag_byte(previous[0]), tag_byte(previous[1]));
    let f = FeatureHash::new;
    out.push(f(PREVIOUS_TAG).byte(p1).finish());
    out.push(f(TWO_PREVIOUS_TAGS).byte(p1).byte(p2).finish());
    out.push(
        f(PREVIOUS_TAG_WORD)
            .byte(p1)
            .word(features.lower[token])
            .finish(),
    );
    out.push(
        f(PREVIOUS_TAG_SHAPE)
            .byte(p1)
            .word(features.short_shape[token])
            .finish(),
    );
    if features.capitalised[token]
        && let Some(&(remembered, all)) = memory.last.get(&features.lower[token])
    {
        let entity = remembered.map_or(255, |e| e as u8);
        out.push(f(REMEMBERED_TYPE).byte(entity).finish());
        out.push(f(REMEMBERED_TYPES).byte(all).finish());
        out.push(
            f(REMEMBERED_TYPE)
                .byte(entity)
                .word(features.short_shape[token])
                .finish(),
        );
    }
}

/// Feature ids are already well-mixed hashes: the map keyed by them uses
/// them as they are instead of hashing them again.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used; other keys still hash, just slowly.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, id: u64) {
        self.0 = id;
    }
}

/// A map keyed by feature id.
pub type IdMap<V> = HashMap<u64, V, std::hash::BuildHasherDefault<IdHasher>>;
