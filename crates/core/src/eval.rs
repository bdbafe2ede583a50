//! Measuring tags against a gold standard, with the matching rules of the
//! reference scorer `score_quotes.py`: a predicted quote matches a gold one
//! when their content overlaps by at least half of the shorter, one to one,
//! largest overlap first. Same inputs, same figures.
//!
//! Two reviewers of the same articles are measured the same way, one as
//! "gold" and the other as "predicted" (`eval --agreement`, and the figures
//! the window shows while adjudicating, [`agreement`]): quote F1 is then the
//! agreement on what is a quote, and the kinds of matched quotes get Cohen's
//! kappa, which discounts the agreement two reviewers reach by chance.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::format::brat::parse_standoff;
use crate::format::{FileError, load_annotations, read_article};
use crate::model::{Annotations, QuoteKind, Status};

const QUOTE_MARKS: [char; 3] = ['"', '\u{201c}', '\u{201d}'];
const TRIM: &str = "\"\u{201c}\u{201d} \n\t,.;:\u{2018}\u{2019}'";

/// Char spans `start..end`.
pub type Spans = Vec<(usize, usize)>;

/// One quote or attribution, reduced to what is scored.
#[derive(Debug, Clone, Default)]
pub struct Scored {
    pub content: Spans,
    pub source: Spans,
    pub cue: Spans,
    /// The speaker's canonical name, lower-cased, where the file names one.
    pub speaker: Option<String>,
    /// Where the file says (brat and PolNeAR do not).
    pub kind: Option<QuoteKind>,
    direct: bool,
}

/// One article of a gold or predicted set.
#[derive(Debug, Clone, Default)]
pub struct ScoredArticle {
    pub text: String,
    pub quotes: Vec<Scored>,
    /// Entity mentions as (start, end, label); `None` where the file has no
    /// entity layer (PolNeAR), so entities are not scored for it.
    pub mentions: Option<HashSet<(usize, usize, String)>>,
}

/// A folder of articles by name (the file name without its extension).
pub type Corpus = BTreeMap<String, ScoredArticle>;

impl ScoredArticle {
    /// A gold article: its text and attributions as (content, source, cue)
    /// char spans.
    pub fn gold(
        text: String,
        attributions: impl IntoIterator<Item = (Spans, Spans, Spans)>,
    ) -> ScoredArticle {
        let quotes = attributions
            .into_iter()
            .map(|(content, source, cue)| Scored {
                direct: has_quote_mark(&text, &content),
                content,
                source,
                cue,
                speaker: None,
                kind: None,
            })
            .collect();
        ScoredArticle {
            text,
            quotes,
            mentions: None,
        }
    }

    /// An annotation file as scored: rejected quotes left out, the rest in
    /// the file's order.
    pub fn of_annotations(doc: &Annotations) -> ScoredArticle {
        from_annotations(doc)
    }
}

/// Which predicted quote (by index into `pred.quotes`) matches which gold
/// one, by the reference scorer's rules.
pub fn matches(gold: &ScoredArticle, pred: &ScoredArticle) -> Vec<(usize, usize)> {
    match_quotes(&gold.quotes, &pred.quotes)
}

/// Reads a folder of gold or predicted annotations: annotation files
/// (`NAME.json`), brat (`NAME.ann` beside `NAME.txt`), or PolNeAR's layout
/// (`attributions/NAME_XXXX.ann` and `text/NAME.txt`, first annotator); or
/// one such file, as a corpus of one article.
pub fn read_corpus(dir: &Path) -> Result<Corpus, FileError> {
    let (files, text_dir) = if dir.is_file() {
        let beside = dir.parent().unwrap_or(Path::new("")).to_owned();
        (vec![dir.to_owned()], beside)
    } else {
        let (ann_dir, text_dir) = if dir.join("attributions").is_dir() && dir.join("text").is_dir()
        {
            (dir.join("attributions"), dir.join("text"))
        } else {
            (dir.to_owned(), dir.to_owned())
        };
        let mut files: Vec<PathBuf> = std::fs::read_dir(&ann_dir)
            .map_err(|e| FileError::io(&ann_dir, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        files.sort();
        (files, text_dir)
    };
    let mut corpus = Corpus::new();
    for path in files {
        let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
            continue;
        };
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        match ext {
            // The folder's registry of people lies beside the articles.
            "json"
                if path
                    .file_name()
                    .is_some_and(|n| n == crate::registry::REGISTRY_FILE) => {}
            "json" => {
                let doc = load_annotations(&path)?;
                corpus.insert(stem, from_annotations(&doc));
            }
            "ann" => {
                let name = polnear_name(&stem);
                if corpus.contains_key(&name) {
                    continue; // PolNeAR: the first annotator's file of an article.
                }
                let text_path = text_dir.join(format!("{name}.txt"));
                let Ok(article) = read_article(&text_path) else {
                    continue;
                };
                let ann = read_article(&path)?.text;
                let standoff = parse_standoff(&ann).map_err(|e| FileError::Invalid {
                    path: path.clone(),
                    problems: vec![e],
                })?;
                let mut out = ScoredArticle {
                    text: article.text,
                    ..ScoredArticle::default()
                };
                for a in standoff.attributions {
                    let direct = has_quote_mark(&out.text, &a.content);
                    out.quotes.push(Scored {
                        content: a.content,
                        source: a.source,
                        cue: a.cue,
                        speaker: None,
                        kind: None,
                        direct,
                    });
                }
                let mentions: HashSet<_> = standoff
                    .text_bounds
                    .iter()
                    .filter(|(_, tb)| is_entity_label(&tb.kind))
                    .filter_map(|(_, tb)| {
                        let (s, e) = *tb.spans.first()?;
                        Some((s, e, entity_label(&tb.kind).to_owned()))
                    })
                    .collect();
                out.mentions = (!mentions.is_empty()).then_some(mentions);
                corpus.insert(name, out);
            }
            _ => {}
        }
    }
    Ok(corpus)
}

/// `NAME_4b22` → `NAME`: PolNeAR suffixes each file with its annotator.
fn polnear_name(stem: &str) -> String {
    match stem.rsplit_once('_') {
        Some((name, tag))
            if tag.len() == 4
                && tag
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()) =>
        {
            name.to_owned()
        }
        _ => stem.to_owned(),
    }
}

fn is_entity_label(kind: &str) -> bool {
    matches!(kind, "PERSON" | "PER" | "ORG" | "LOC" | "GPE" | "MISC")
}

/// The labels of other tools mapped to ours.
fn entity_label(kind: &str) -> &str {
    match kind {
        "PER" => "PERSON",
        "GPE" => "LOC",
        other => other,
    }
}

/// One annotation file as eval scores it: rejected quotes and entities are
/// no tags.
pub fn from_annotations(doc: &Annotations) -> ScoredArticle {
    let spans = |v: &[crate::model::Span]| v.iter().map(|s| (s.start, s.end)).collect::<Spans>();
    let text = doc.document.text.clone();
    let quotes = doc
        .quotes
        .iter()
        .filter(|q| q.status != Status::Rejected && !q.content.is_empty())
        .map(|q| {
            let content = spans(&q.content);
            let direct =
                has_quote_mark(&text, &content) || q.kind != crate::model::QuoteKind::Indirect;
            Scored {
                source: spans(q.source.as_slice()),
                cue: spans(q.cue.as_slice()),
                speaker: q
                    .speaker
                    .as_deref()
                    .and_then(|id| doc.entity_name(id))
                    .map(str::to_lowercase),
                kind: Some(q.kind),
                content,
                direct,
            }
        })
        .collect();
    let mentions = doc
        .entities
        .iter()
        .filter(|e| e.status != Status::Rejected)
        .flat_map(|e| e.mentions.iter().map(|m| (m.start, m.end, e.label.clone())))
        .collect();
    ScoredArticle {
        text,
        quotes,
        mentions: Some(mentions),
    }
}

/// Char `start..end` of `text`, clamped like a Python slice.
fn char_slice(text: &str, start: usize, end: usize) -> impl Iterator<Item = char> + '_ {
    text.chars().skip(start).take(end.saturating_sub(start))
}

fn has_quote_mark(text: &str, spans: &Spans) -> bool {
    spans
        .iter()
        .any(|&(a, b)| char_slice(text, a, b).any(|c| QUOTE_MARKS.contains(&c)))
}

fn positions(spans: &Spans) -> HashSet<usize> {
    spans.iter().flat_map(|&(a, b)| a..b).collect()
}

fn overlaps(a: &Spans, b: &Spans) -> bool {
    let pa = positions(a);
    b.iter().flat_map(|&(s, e)| s..e).any(|p| pa.contains(&p))
}

/// Content spans with quotation marks and edge punctuation trimmed, sorted.
fn trimmed(chars: &[char], spans: &Spans) -> Spans {
    let mut out: Spans = spans
        .iter()
        .map(|&(mut a, mut b)| {
            let at = |i: usize| chars.get(i).copied().unwrap_or(' ');
            while a < b && TRIM.contains(at(a)) {
                a += 1;
            }
            while b > a && TRIM.contains(at(b - 1)) {
                b -= 1;
            }
            (a, b)
        })
        .collect();
    out.sort();
    out
}

/// Gold/predicted pairs, one to one, largest overlap first (ties as the
/// reference scorer breaks them: later gold, then later prediction, first).
fn match_quotes(golds: &[Scored], preds: &[Scored]) -> Vec<(usize, usize)> {
    let golds: Vec<&Spans> = golds.iter().map(|g| &g.content).collect();
    let preds: Vec<&Spans> = preds.iter().map(|p| &p.content).collect();
    match_contents(&golds, &preds)
}

/// Quote contents (char spans) of one side paired with the other's by the
/// reference scorer's rule: overlapping by at least half of the shorter,
/// one to one, largest overlap first. Pairs of indices, gold's first.
pub fn match_contents(golds: &[&Spans], preds: &[&Spans]) -> Vec<(usize, usize)> {
    let pred_chars: Vec<HashSet<usize>> = preds.iter().map(|p| positions(p)).collect();
    let mut pairs = Vec::new();
    for (gi, g) in golds.iter().enumerate() {
        let gc = positions(g);
        for (pi, pc) in pred_chars.iter().enumerate() {
            let ov = gc.intersection(pc).count();
            if ov > 0 && 2 * ov >= gc.len().min(pc.len()) {
                pairs.push((ov, gi, pi));
            }
        }
    }
    pairs.sort_unstable_by(|a, b| b.cmp(a));
    let (mut used_g, mut used_p) = (HashSet::new(), HashSet::new());
    pairs
        .into_iter()
        .filter(|&(_, gi, pi)| {
            let fresh = !used_g.contains(&gi) && !used_p.contains(&pi);
            if fresh {
                used_g.insert(gi);
                used_p.insert(pi);
            }
            fresh
        })
        .map(|(_, gi, pi)| (gi, pi))
        .collect()
}

/// The figures: the reference scorer's keys first, then ours.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Scores {
    pub direct_recall: f64,
    pub direct_precision: f64,
    pub direct_f1: f64,
    pub direct_source_acc: f64,
    pub all_recall: f64,
    pub all_precision: f64,
    pub all_f1: f64,
    pub source_acc: f64,
    pub cue_acc: f64,
    pub direct_content_exact: f64,
    pub direct_attributed_recall: f64,
    pub gold_all: usize,
    pub gold_direct: usize,
    pub pred_all: usize,
    pub pred_direct: usize,
    /// Of matched quotes whose gold names a speaker: the share with the same
    /// speaker (by canonical name). Absent when gold has no speakers.
    pub speaker_acc: Option<f64>,
    pub entity_precision: Option<f64>,
    pub entity_recall: Option<f64>,
    pub entity_f1: Option<f64>,
    /// Of matched quotes where both sides give a kind: the share of the
    /// same kind, and Cohen's kappa of the kinds (absent when kappa is not
    /// defined: both sides used one and the same kind throughout).
    pub kind_acc: Option<f64>,
    pub kind_kappa: Option<f64>,
    pub articles: usize,
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    a as f64 / b.max(1) as f64
}

/// Scores `pred` against `gold`, article by article (an article missing
/// from `pred` counts as one with no predictions).
pub fn score(gold: &Corpus, pred: &Corpus) -> Scores {
    let mut c = Counts::default();
    // Where predictions tag entities, a missing article tags none, and
    // its gold mentions count as missed, as its quotes do.
    let empty = ScoredArticle {
        mentions: (pred.values().any(|p| p.mentions.is_some())).then(HashSet::new),
        ..ScoredArticle::default()
    };
    for (name, g) in gold {
        let p = pred.get(name).unwrap_or(&empty);
        c.add(g, p);
    }
    c.report(gold.len())
}

/// The agreement of two reviewers' files of one article, as
/// `eval --agreement` measures it (A as gold, B as predicted).
pub fn agreement(a: &Annotations, b: &Annotations) -> Scores {
    let mut c = Counts::default();
    c.add(&from_annotations(a), &from_annotations(b));
    c.report(1)
}

#[derive(Default)]
struct Counts {
    gold_all: usize,
    gold_direct: usize,
    pred_all: usize,
    pred_direct: usize,
    match_all: usize,
    match_direct_gold: usize,
    match_direct_pred: usize,
    src_ok: usize,
    src_ok_direct: usize,
    src_gold: usize,
    src_gold_direct: usize,
    cue_ok: usize,
    exact_content_direct: usize,
    speaker_gold: usize,
    speaker_ok: usize,
    entity_gold: usize,
    entity_pred: usize,
    entity_ok: usize,
    entity_scored: bool,
    /// Matched quotes by (gold kind, predicted kind), in `QuoteKind::ALL` order.
    kinds: [[usize; 4]; 4],
}

impl Counts {
    fn add(&mut self, g: &ScoredArticle, p: &ScoredArticle) {
        let chars: Vec<char> = g.text.chars().collect();
        self.gold_all += g.quotes.len();
        self.gold_direct += g.quotes.iter().filter(|q| q.direct).count();
        self.pred_all += p.quotes.len();
        self.pred_direct += p.quotes.iter().filter(|q| q.direct).count();
        for (gi, pi) in match_quotes(&g.quotes, &p.quotes) {
            let (gq, pq) = (&g.quotes[gi], &p.quotes[pi]);
            self.match_all += 1;
            self.match_direct_gold += usize::from(gq.direct);
            self.match_direct_pred += usize::from(pq.direct);
            if !gq.source.is_empty() {
                let ok = usize::from(overlaps(&gq.source, &pq.source));
                self.src_gold += 1;
                self.src_ok += ok;
                if gq.direct {
                    self.src_gold_direct += 1;
                    self.src_ok_direct += ok;
                }
            }
            self.cue_ok += usize::from(overlaps(&gq.cue, &pq.cue));
            if gq.direct && trimmed(&chars, &gq.content) == trimmed(&chars, &pq.content) {
                self.exact_content_direct += 1;
            }
            if let Some(speaker) = &gq.speaker {
                self.speaker_gold += 1;
                self.speaker_ok += usize::from(pq.speaker.as_ref() == Some(speaker));
            }
            if let (Some(gk), Some(pk)) = (gq.kind, pq.kind) {
                self.kinds[kind_slot(gk)][kind_slot(pk)] += 1;
            }
        }
        if let (Some(gm), Some(pm)) = (&g.mentions, &p.mentions) {
            self.entity_scored = true;
            self.entity_gold += gm.len();
            self.entity_pred += pm.len();
            self.entity_ok += gm.intersection(pm).count();
        }
    }

    fn report(&self, articles: usize) -> Scores {
        let direct_recall = ratio(self.match_direct_gold, self.gold_direct);
        let direct_precision = ratio(self.match_direct_pred, self.pred_direct);
        let all_recall = ratio(self.match_all, self.gold_all);
        let all_precision = ratio(self.match_all, self.pred_all);
        let (ep, er) = (
            ratio(self.entity_ok, self.entity_pred),
            ratio(self.entity_ok, self.entity_gold),
        );
        Scores {
            direct_recall,
            direct_precision,
            direct_f1: f1(direct_precision, direct_recall),
            direct_source_acc: ratio(self.src_ok_direct, self.src_gold_direct),
            all_recall,
            all_precision,
            all_f1: f1(all_precision, all_recall),
            source_acc: ratio(self.src_ok, self.src_gold),
            cue_acc: ratio(self.cue_ok, self.match_all),
            direct_content_exact: ratio(self.exact_content_direct, self.match_direct_gold),
            direct_attributed_recall: ratio(self.src_ok_direct, self.gold_direct),
            gold_all: self.gold_all,
            gold_direct: self.gold_direct,
            pred_all: self.pred_all,
            pred_direct: self.pred_direct,
            speaker_acc: (self.speaker_gold > 0).then(|| ratio(self.speaker_ok, self.speaker_gold)),
            entity_precision: self.entity_scored.then_some(ep),
            entity_recall: self.entity_scored.then_some(er),
            entity_f1: self.entity_scored.then(|| f1(ep, er)),
            kind_acc: kind_agreement(&self.kinds).map(|(observed, _)| observed),
            kind_kappa: kind_agreement(&self.kinds).and_then(|(_, kappa)| kappa),
            articles,
        }
    }
}

fn kind_slot(kind: QuoteKind) -> usize {
    QuoteKind::ALL.iter().position(|&k| k == kind).unwrap_or(0)
}

/// The observed agreement of a confusion table and Cohen's kappa,
/// (p_o - p_e) / (1 - p_e) with p_e from the two sides' shares of each
/// kind; `None` for an empty table, kappa `None` where p_e is 1.
fn kind_agreement(table: &[[usize; 4]; 4]) -> Option<(f64, Option<f64>)> {
    let total: usize = table.iter().flatten().sum();
    if total == 0 {
        return None;
    }
    let n = total as f64;
    let observed = (0..4).map(|k| table[k][k]).sum::<usize>() as f64 / n;
    let chance: f64 = (0..4)
        .map(|k| {
            let gold: usize = table[k].iter().sum();
            let pred: usize = table.iter().map(|row| row[k]).sum();
            (gold as f64 / n) * (pred as f64 / n)
        })
        .sum();
    let kappa = (chance < 1.0).then(|| (observed - chance) / (1.0 - chance));
    Some((observed, kappa))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kappa_discounts_agreement_by_chance() {
        // 10 pairs: 6 direct/direct, 2 indirect/indirect, 2 direct/indirect.
        // p_o = 0.8; A is 80% direct, B 60%: p_e = 0.8*0.6 + 0.2*0.4 = 0.56;
        // kappa = (0.8 - 0.56) / 0.44.
        let mut table = [[0; 4]; 4];
        table[0][0] = 6;
        table[3][3] = 2;
        table[0][3] = 2;
        let (observed, kappa) = kind_agreement(&table).unwrap();
        assert!((observed - 0.8).abs() < 1e-12);
        assert!((kappa.unwrap() - 0.24 / 0.44).abs() < 1e-12);
        // One kind on both sides throughout: agreement by chance alone, no kappa.
        let mut same = [[0; 4]; 4];
        same[1][1] = 3;
        assert_eq!(kind_agreement(&same), Some((1.0, None)));
        assert_eq!(kind_agreement(&[[0; 4]; 4]), None);
    }
}
