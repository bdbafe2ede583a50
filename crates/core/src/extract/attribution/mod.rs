//! The trained attribution model: who said what, where the text says so.
//!
//! Three small averaged-perceptron models over hashed features, trained on
//! PolNeAR (and on a newsroom's reviewed files):
//!
//! - [`cues`] tags the cue words of every attribution, token by token;
//! - [`content`] ranks, for each cue, candidate contents (quotes in
//!   quotation marks near it, stretches of its sentence after or before it);
//! - [`source`] ranks the words of the sentence that could head the source,
//!   or nobody, and widens the chosen one to its phrase.
//!
//! The rules of the parent module run first; what they found (cues,
//! quotes, sources) is a feature of all three models, not a final
//! decision. A quote in quotation marks that the rules found and no cue
//! claims is kept as the rules found it. Each quote's confidence is a
//! probability fitted on cross-validated predictions ([`calibration`]).
//!
//! [`training`] reads the data and learns; the model file is laid out in
//! [`AttributionModel::to_bytes`].

pub mod calibration;
pub(crate) mod content;
mod context;
mod cues;
mod source;
pub mod training;
mod weights;

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use super::FoundQuote;
use super::phrases::Tokens;
use crate::model::QuoteKind;
use crate::tagger::features::{FeatureHash, IdMap};
use calibration::{Calibration, Evidence, SIGNALS};
pub(crate) use context::Context;
use weights::Table;

/// Changes whenever the features change, so that an old model file is
/// refused rather than silently scoring garbage.
pub const FEATURE_VERSION: u32 = 3;
const FILE_VERSION: u32 = 1;
const MAGIC: &[u8; 8] = b"QCATTMDL";

/// The model trained on PolNeAR that ships inside the program.
static BUNDLED_MODEL: &[u8] = include_bytes!("../../../assets/attribution/polnear.model");

/// Why an attribution model file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum AttributionModelError {
    #[error(
        "not a quotecheck attribution model (the file does not start with {:?})",
        String::from_utf8_lossy(MAGIC)
    )]
    NotAModel,
    #[error(
        "attribution model file version {0} is not one this quotecheck reads ({FILE_VERSION}); retrain or update quotecheck"
    )]
    FileVersion(u32),
    #[error(
        "the attribution model was trained with features of version {0}, this quotecheck computes version {FEATURE_VERSION}; retrain it"
    )]
    FeatureVersion(u32),
    #[error("the attribution model file is cut short or damaged")]
    Truncated,
    #[error("the attribution model file is damaged (checksum mismatch)")]
    Checksum,
}

/// Why a model file cannot be read or written, naming the file.
#[derive(Debug, thiserror::Error)]
pub enum AttributionFileError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {reason}")]
    Model {
        path: PathBuf,
        reason: AttributionModelError,
    },
    #[error(transparent)]
    File(#[from] crate::format::FileError),
}

/// The three models and the calibration of their confidence.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AttributionModel {
    cues: Table<{ cues::TAGS }>,
    content: Table<1>,
    source: Table<1>,
    calibration: Calibration,
}

impl AttributionModel {
    /// The model trained on PolNeAR train, read once on first use.
    pub fn bundled() -> &'static AttributionModel {
        static MODEL: LazyLock<AttributionModel> = LazyLock::new(|| {
            // The bundled bytes are part of the program, not user input; a
            // test checks that they load.
            AttributionModel::from_bytes(BUNDLED_MODEL)
                .expect("the bundled attribution model is valid")
        });
        &MODEL
    }

    /// How many features each part weighs: cues, content, source.
    pub fn feature_counts(&self) -> [usize; 3] {
        [self.cues.len(), self.content.len(), self.source.len()]
    }

    pub fn calibration(&self) -> &Calibration {
        &self.calibration
    }

    /// The quotes of an article, in text order.
    pub(crate) fn find(&self, ctx: &Context) -> Vec<FoundQuote> {
        let mut found: Vec<FoundQuote> = Vec::new();
        // Which quote claimed each quoted stretch (by its first token).
        let mut claimed: IdMap<usize> = IdMap::default();
        let cues = cues::find(&self.cues, ctx);
        // In text order, for the sources' binary search.
        let cue_spans: Vec<Tokens> = cues.iter().map(|c| c.tokens).collect();
        for cue in cues {
            let candidates = content::candidates(ctx, cue.tokens);
            let Some((best, content_lead)) =
                content::choose(&self.content, ctx, cue.tokens, &candidates)
            else {
                continue;
            };
            let chosen = partial_inside(ctx, cue.tokens, &candidates, best);
            let rules = source::rules_source(ctx, cue.tokens, &chosen.pieces);
            let (pick, source_lead) = source::choose(
                &self.source,
                ctx,
                cue.tokens,
                &chosen.pieces,
                rules,
                &cue_spans,
            );
            let mut blocked = chosen.pieces.clone();
            blocked.push(cue.tokens);
            let source = match pick {
                source::Pick::Nobody => None,
                source::Pick::Head(k) => Some(source::phrase(ctx, k, rules, &blocked)),
            };
            let kind = content::kind_of(ctx, chosen);
            let rules_cue = (cue.tokens.0..cue.tokens.1).any(|k| {
                ctx.rule[k]
                    & (context::rule::CUE_DIRECT
                        | context::rule::CUE_PARTIAL
                        | context::rule::CUE_REPORTED)
                    != 0
            });
            let evidence = Evidence {
                cue_margin: cue.margin,
                content_lead,
                source_lead,
                has_source: source.is_some(),
                quoted: kind != QuoteKind::Indirect,
                rules_cue,
                rules_only: false,
                named_source: source.is_some_and(|s| named(ctx, s)),
            };
            let quote = FoundQuote {
                kind,
                content: chosen.pieces.clone(),
                cue: Some(cue.tokens),
                source,
                confidence: self.calibration.probability(&evidence),
                evidence: Some(evidence),
            };
            if let content::Place::Quote { .. } = chosen.place {
                // One quote per stretch in quotation marks: where two cues
                // chose the same one ("said in the interview" read as two
                // cues), the one that names a source keeps it, else the
                // surer one.
                let key = quote_key(&quote.content);
                let rank = |q: &FoundQuote| (q.source.is_some(), q.confidence);
                match claimed.get(&key) {
                    Some(&i) if rank(&found[i]) >= rank(&quote) => continue,
                    Some(&i) => {
                        found[i] = quote;
                        continue;
                    }
                    None => {
                        claimed.insert(key, found.len());
                    }
                }
            }
            found.push(quote);
        }
        self.keep_unclaimed_rule_quotes(ctx, &mut found);
        found.sort_by_key(|q| (q.start(), q.end()));
        join_continued_quotes(ctx, &mut found);
        drop_rival_claims(ctx, &mut found);
        found
    }

    /// Quotes in quotation marks that the rules found and no cue claimed
    /// (a quote standing alone after its speaker was named, or one whose
    /// cue the model missed) are kept as the rules found them.
    fn keep_unclaimed_rule_quotes(&self, ctx: &Context, found: &mut Vec<FoundQuote>) {
        let mut covered = vec![false; ctx.len()];
        for q in found.iter() {
            for &(a, b) in &q.content {
                covered[a..b].iter_mut().for_each(|c| *c = true);
            }
        }
        for q in ctx.rule_quotes {
            if !matches!(q.kind, QuoteKind::Direct) {
                continue;
            }
            let free = q
                .content
                .iter()
                .all(|&(a, b)| !covered[a..b].contains(&true));
            if !free {
                continue;
            }
            let evidence = Evidence {
                has_source: q.source.is_some(),
                quoted: true,
                rules_cue: q.cue.is_some(),
                rules_only: true,
                named_source: q.source.is_some_and(|s| named(ctx, s)),
                ..Evidence::default()
            };
            let mut kept = q.clone();
            kept.confidence = self.calibration.probability(&evidence);
            kept.evidence = Some(evidence);
            found.push(kept);
        }
    }

    /// The model file's bytes. Layout, little-endian: magic `QCATTMDL`,
    /// file version (u32), feature version (u32); then three tables (cues,
    /// content, source), each as classes K (u32), rows R (u32), R feature
    /// ids (u64, ascending) and R × K weights (f32); then the calibration
    /// as a count (u32) and that many weights (f32); then an FNV-1a
    /// checksum (u64) of everything before it.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FILE_VERSION.to_le_bytes());
        out.extend_from_slice(&FEATURE_VERSION.to_le_bytes());
        write_table(&mut out, &self.cues);
        write_table(&mut out, &self.content);
        write_table(&mut out, &self.source);
        out.extend_from_slice(&(SIGNALS as u32).to_le_bytes());
        for w in self.calibration.weights {
            out.extend_from_slice(&w.to_le_bytes());
        }
        let sum = checksum(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Reads a model from its file's bytes, checking every promise of the
    /// layout so that a damaged file is an error, never a panic.
    pub fn from_bytes(bytes: &[u8]) -> Result<AttributionModel, AttributionModelError> {
        use AttributionModelError as E;
        if !bytes.starts_with(MAGIC) {
            return Err(E::NotAModel);
        }
        if bytes.len() < 16 + 8 {
            return Err(E::Truncated);
        }
        let (body, stored) = bytes.split_at(bytes.len() - 8);
        let mut reader = Reader { bytes: body, at: 8 };
        let file_version = reader.u32()?;
        if file_version != FILE_VERSION {
            return Err(E::FileVersion(file_version));
        }
        let feature_version = reader.u32()?;
        if feature_version != FEATURE_VERSION {
            return Err(E::FeatureVersion(feature_version));
        }
        let stored = u64::from_le_bytes(stored.try_into().map_err(|_| E::Truncated)?);
        if checksum(body) != stored {
            return Err(E::Checksum);
        }
        let cues = reader.table()?;
        let content = reader.table()?;
        let source = reader.table()?;
        if reader.u32()? as usize != SIGNALS {
            return Err(E::Truncated);
        }
        let mut weights = [0.0; SIGNALS];
        for w in &mut weights {
            *w = reader.f32()?;
        }
        if reader.at != body.len() {
            return Err(E::Truncated);
        }
        Ok(AttributionModel {
            cues,
            content,
            source,
            calibration: Calibration { weights },
        })
    }

    /// Reads the model file at `path`.
    pub fn load(path: &Path) -> Result<AttributionModel, AttributionFileError> {
        let bytes = std::fs::read(path).map_err(|e| AttributionFileError::Io {
            path: path.to_owned(),
            source: e,
        })?;
        AttributionModel::from_bytes(&bytes).map_err(|reason| AttributionFileError::Model {
            path: path.to_owned(),
            reason,
        })
    }

    /// Saves the model to `path` atomically.
    pub fn save(&self, path: &Path) -> Result<(), AttributionFileError> {
        crate::format::write_atomically(path, &self.to_bytes())?;
        Ok(())
    }
}

/// How many tokens may follow a quote in its paragraph ("…,” Le Pen told
/// CNN in an interview when asked which candidate she would back.") for a
/// quote opening the next paragraph to go on with it.
const CONTINUATION_TAIL: usize = 16;

/// Joins a quote that stands alone, with no cue (kept as the rules found
/// it), to the quote in quotation marks just before it when it goes on
/// with its words: later in the same paragraph with no quotation mark
/// between ("“…,” Rubio said Sunday in Virginia. “Which is why …”"), or
/// opening the next paragraph after a short attribution. PolNeAR marks
/// such pieces as one attribution with one source; kept apart, the
/// standalone piece names its speaker by whatever mention the rules found
/// nearby, often another one.
fn join_continued_quotes(ctx: &Context, found: &mut Vec<FoundQuote>) {
    let words = ctx.words;
    let mut joined = vec![false; found.len()];
    // The quote just before the one at hand, if it is in quotation marks
    // and has a cue.
    let mut previous: Option<usize> = None;
    for i in 0..found.len() {
        let q = &found[i];
        let standalone = q.cue.is_none() && q.kind == QuoteKind::Direct;
        if let (true, Some(p)) = (standalone, previous) {
            let (end, open) = (found[p].end(), q.start());
            let goes_on = end > 0
                && end <= open
                && !ctx.holds_quote_mark(&[(end, open)])
                && (words.same_paragraph(end - 1, open)
                    || (words.paragraph[open] == words.paragraph[end - 1] + 1
                        && (open == 0 || !words.same_paragraph(open - 1, open))
                        && (end..open)
                            .filter(|&k| words.same_paragraph(k, end - 1))
                            .count()
                            <= CONTINUATION_TAIL));
            if goes_on {
                let pieces = found[i].content.clone();
                found[p].content.extend(pieces);
                joined[i] = true;
                continue;
            }
        }
        previous = (q.cue.is_some() && q.kind != QuoteKind::Indirect).then_some(i);
    }
    let mut joined = joined.into_iter();
    found.retain(|_| !joined.next().unwrap_or(false));
}

/// The content to keep of candidate `best`: a stretch of the writer's
/// sentence that holds quoted words the rules attribute to the same cue
/// ("called Putin’s recognition … an “absurdity.”") gives way to those
/// words, a partial quote. PolNeAR marks the whole stretch; a reviewer
/// wants the speaker's own words, and the reference scorer matches both.
fn partial_inside<'c>(
    ctx: &Context,
    cue: Tokens,
    candidates: &'c [content::Candidate],
    best: usize,
) -> &'c content::Candidate {
    let chosen = &candidates[best];
    if matches!(chosen.place, content::Place::Quote { .. }) {
        return chosen;
    }
    let (start, end) = (chosen.start(), chosen.end());
    candidates
        .iter()
        .find(|c| match c.place {
            content::Place::Quote {
                rules: Some(QuoteKind::Partial),
                index,
            } => {
                ctx.rule_quotes[index]
                    .cue
                    .is_some_and(|(a, b)| a < cue.1 && cue.0 < b)
                    && start <= c.start()
                    && c.end() <= end
            }
            _ => false,
        })
        .unwrap_or(chosen)
}

/// Drops the less sure of two quotes in quotation marks (or holding some)
/// where one's content lies inside the other's and neither is nested in
/// the other: two cues claiming the same quoted words (a quote read as the
/// content of the cue before it and of the one after it) are one
/// attribution counted twice, and the scorer counts the second as a wrong
/// quote. A quote whose cue lies inside the other's content is nested
/// ("…, called the “Crossroads of America” by the citizens, …, according
/// to Politico"): PolNeAR marks both, and both stay. Of two equally sure
/// rivals the longer stays.
///
/// Quoted words that a mixed quote of reported speech holds, and that
/// another cue claims as a partial quote of their own, are left to the
/// mixed quote, nested or not ("NBC News will accuse you of engaging in a
/// “freak out.”", which the model also read as part of what "you don’t
/// believe" in "If you don’t believe your federal government, …"): on
/// cross-validated PolNeAR train, four such partial quotes in five match no
/// attribution of their own.
///
/// Quotes are compared only with those that overlap them, so the cost
/// grows with the text, not its square.
fn drop_rival_claims(ctx: &Context, found: &mut Vec<FoundQuote>) {
    let quoted: Vec<bool> = found
        .iter()
        .map(|q| q.kind != QuoteKind::Indirect || ctx.holds_quote_mark(&q.content))
        .collect();
    let size: Vec<usize> = found
        .iter()
        .map(|q| q.content.iter().map(|&(a, b)| b - a).sum())
        .collect();
    let mut drop = vec![false; found.len()];
    for i in (0..found.len()).filter(|&i| quoted[i]) {
        for j in i + 1..found.len() {
            if found[j].start() >= found[i].end() {
                break;
            }
            if !quoted[j] {
                continue;
            }
            let (p, q) = (&found[i], &found[j]);
            let (inner, outer) = if covers(&q.content, &p.content) {
                (i, j)
            } else if covers(&p.content, &q.content) {
                (j, i)
            } else {
                continue;
            };
            if found[inner].kind == QuoteKind::Partial
                && found[outer].kind == QuoteKind::Mixed
                && size[inner] < size[outer]
            {
                drop[inner] = true;
                continue;
            }
            let nested = found[inner]
                .cue
                .is_some_and(|c| covers(&found[outer].content, &[c]));
            if nested {
                continue;
            }
            let rank = |k: usize| (found[k].confidence, size[k]);
            match rank(i).partial_cmp(&rank(j)) {
                Some(std::cmp::Ordering::Less) => drop[i] = true,
                Some(std::cmp::Ordering::Greater) => drop[j] = true,
                _ => {}
            }
        }
    }
    let mut drop = drop.into_iter();
    found.retain(|_| !drop.next().unwrap_or(false));
}

/// Whether every token of `inner` lies in a piece of `outer`.
fn covers(outer: &[Tokens], inner: &[Tokens]) -> bool {
    inner.iter().all(|&(a, b)| {
        let mut k = a;
        while k < b {
            match outer.iter().find(|&&(c, d)| c <= k && k < d) {
                Some(&(_, d)) => k = d,
                None => return false,
            }
        }
        true
    })
}

/// Whether the source phrase holds a name the tagger found or a pronoun.
fn named(ctx: &Context, (a, b): Tokens) -> bool {
    (a..b).any(|k| {
        ctx.mention[k] & 7 == 1
            || ctx.mention[k] & 7 == 2
            || ctx.words.is(k, super::words::class::PRONOUN)
    })
}

/// A key for a content's token ranges.
fn quote_key(pieces: &[Tokens]) -> u64 {
    pieces
        .iter()
        .fold(FeatureHash::new(0), |h, &(a, b)| {
            h.word(a as u64).word(b as u64)
        })
        .finish()
}

fn write_table<const K: usize>(out: &mut Vec<u8>, table: &Table<K>) {
    let mut rows: Vec<(&u64, &[f32; K])> = table.rows.iter().collect();
    rows.sort_unstable_by_key(|r| *r.0);
    out.extend_from_slice(&(K as u32).to_le_bytes());
    out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
    for (id, _) in &rows {
        out.extend_from_slice(&id.to_le_bytes());
    }
    for (_, row) in &rows {
        for w in *row {
            out.extend_from_slice(&w.to_le_bytes());
        }
    }
}

struct Reader<'b> {
    bytes: &'b [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], AttributionModelError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or(AttributionModelError::Truncated)?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }

    fn u32(&mut self) -> Result<u32, AttributionModelError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn f32(&mut self) -> Result<f32, AttributionModelError> {
        self.u32().map(f32::from_bits)
    }

    fn table<const K: usize>(&mut self) -> Result<Table<K>, AttributionModelError> {
        if self.u32()? as usize != K {
            return Err(AttributionModelError::Truncated);
        }
        let n = self.u32()? as usize;
        let ids = self.take(n.checked_mul(8).ok_or(AttributionModelError::Truncated)?)?;
        let ids: Vec<u64> = ids
            .chunks_exact(8)
            .map(|b| u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
            .collect();
        let mut rows = IdMap::with_capacity_and_hasher(n, Default::default());
        for id in ids {
            let mut row = [0.0f32; K];
            for w in &mut row {
                *w = self.f32()?;
            }
            rows.insert(id, row);
        }
        Ok(Table { rows })
    }
}

fn checksum(bytes: &[u8]) -> u64 {
    FeatureHash::new(0).bytes(bytes).finish()
}

#[cfg(test)]
mod tests {
    use super::super::marks::find_quoted;
    use super::super::words::Words;
    use super::*;
    use crate::tagger::clusters::WordClasses;

    const TEXT: &str = "If you don’t believe your federal government, NBC News will \
        accuse you of engaging in a “freak out.” Critics said so.";

    /// The token range from the first token `from` to the first token `to`
    /// after it, inclusive.
    fn span(words: &Words, from: &str, to: &str) -> Tokens {
        let find = |w: &str, after: usize| {
            (after..words.token_count())
                .find(|&k| words.word(k) == w)
                .unwrap_or_else(|| panic!("no {w:?} in the test text"))
        };
        let a = find(from, 0);
        (a, find(to, a) + 1)
    }

    fn quote(kind: QuoteKind, content: Tokens, cue: Tokens, confidence: f32) -> FoundQuote {
        FoundQuote {
            kind,
            content: vec![content],
            cue: Some(cue),
            source: None,
            confidence,
            evidence: None,
        }
    }

    /// The words of a token range, spaced.
    fn words_in(words: &Words, (a, b): Tokens) -> String {
        (a..b).map(|k| words.word(k)).collect::<Vec<_>>().join(" ")
    }

    /// The quotes `found` in `text` after `step`, each as `show` writes it.
    fn shown_after(
        text: &str,
        mut found: Vec<FoundQuote>,
        step: fn(&Context, &mut Vec<FoundQuote>),
        show: impl Fn(&Words, &FoundQuote) -> Option<String>,
    ) -> Vec<String> {
        let mut words = Words::new(text);
        let quoted = find_quoted(&words);
        words.mark_quoted(&quoted);
        let ctx = Context::new(&words, &quoted, &[], &[], &WordClasses::default());
        step(&ctx, &mut found);
        found.iter().filter_map(|q| show(&words, q)).collect()
    }

    /// The cues of the quotes that stay, in order.
    fn kept(found: Vec<FoundQuote>) -> Vec<String> {
        shown_after(TEXT, found, drop_rival_claims, |words, q| {
            q.cue.map(|cue| words_in(words, cue))
        })
    }

    #[test]
    fn of_two_cues_claiming_the_same_quoted_words_the_surer_keeps_them() {
        let words = Words::new(TEXT);
        let outer = span(&words, "NBC", "”");
        let inner = (span(&words, "accuse", "accuse").1, outer.1);
        let said = span(&words, "said", "said");
        let believe = span(&words, "believe", "believe");
        let rivals = |sure: f32, less: f32| {
            vec![
                quote(QuoteKind::Mixed, outer, believe, sure),
                quote(QuoteKind::Mixed, inner, said, less),
            ]
        };
        assert_eq!(kept(rivals(0.9, 0.6)), ["believe"]);
        assert_eq!(kept(rivals(0.6, 0.9)), ["said"]);
    }

    #[test]
    fn a_quote_nested_in_another_stays_with_it() {
        let words = Words::new(TEXT);
        let outer = span(&words, "NBC", "”");
        let accuse = span(&words, "accuse", "accuse");
        let inner = (accuse.1, outer.1);
        let believe = span(&words, "believe", "believe");
        let found = vec![
            quote(QuoteKind::Mixed, outer, believe, 0.9),
            quote(QuoteKind::Mixed, inner, accuse, 0.6),
        ];
        assert_eq!(kept(found), ["believe", "accuse"]);
    }

    #[test]
    fn quoted_words_a_mixed_quote_holds_are_no_partial_quote_of_their_own() {
        let words = Words::new(TEXT);
        let outer = span(&words, "NBC", "”");
        let marks = span(&words, "“", "”");
        let accuse = span(&words, "accuse", "accuse");
        let believe = span(&words, "believe", "believe");
        let found = vec![
            quote(QuoteKind::Mixed, outer, believe, 0.6),
            quote(QuoteKind::Partial, marks, accuse, 0.9),
        ];
        assert_eq!(kept(found), ["believe"]);
    }

    const SPEECH: &str = "“We will win,” Rubio said Sunday in Virginia. “They know it.”\n\
        “Next year, too.”\n\
        Cruz called it “a fantasy.” “Nobody believes it.”\n\
        “We win,” Kasich told reporters at a diner in Manchester, where he spent \
        the morning shaking hands with voters and the afternoon at two rallies.\n\
        “Watch us.”";

    /// The contents, as text, of the quotes left after joining.
    fn joined(found: Vec<FoundQuote>) -> Vec<String> {
        shown_after(SPEECH, found, join_continued_quotes, |words, q| {
            let pieces: Vec<String> = q.content.iter().map(|&p| words_in(words, p)).collect();
            Some(pieces.join(" / "))
        })
    }

    fn standalone(content: Tokens) -> FoundQuote {
        FoundQuote {
            cue: None,
            ..quote(QuoteKind::Direct, content, (0, 0), 0.5)
        }
    }

    #[test]
    fn a_quote_standing_alone_goes_on_with_the_quote_before_it() {
        let words = Words::new(SPEECH);
        let win = span(&words, "“", "”");
        let said = span(&words, "said", "said");
        let know = span(&words, "They", "”");
        let next_year = span(&words, "Next", "”");
        let found = vec![
            quote(QuoteKind::Direct, win, said, 0.9),
            standalone((know.0 - 1, know.1)),
            standalone((next_year.0 - 1, next_year.1)),
        ];
        assert_eq!(
            joined(found),
            ["“ We will win , ” / “ They know it . ” / “ Next year , too . ”"]
        );
    }

    #[test]
    fn a_quote_standing_alone_stays_apart_from_what_it_does_not_go_on_with() {
        let words = Words::new(SPEECH);
        let called = span(&words, "called", "called");
        let fantasy = span(&words, "a", "fantasy");
        let nobody = span(&words, "Nobody", "”");
        let we_win = span(&words, "We", "win");
        let told = span(&words, "told", "told");
        let watch = span(&words, "Watch", "”");
        // Reported speech holding quoted words, and a quote whose paragraph
        // goes on long after it: neither is followed by its own words.
        let found = vec![
            quote(QuoteKind::Indirect, (called.1, fantasy.1 + 2), called, 0.9),
            standalone((nobody.0 - 1, nobody.1)),
            quote(QuoteKind::Direct, (we_win.0 - 1, we_win.1 + 2), told, 0.9),
            standalone((watch.0 - 1, watch.1)),
        ];
        assert_eq!(joined(found).len(), 4);
    }
}
