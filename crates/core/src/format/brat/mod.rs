//! brat standoff: `NAME.ann` beside `NAME.txt`. Text-bound lines
//! (`T1<TAB>Source 12 30<TAB>…`, discontinuous spans joined by `;`) and event
//! lines (`E1<TAB>Attribution:T4 Source:T1 Cue:T2 Content:T3`), as PolNeAR
//! marks attributions; text-bound lines of entity types are entities, with
//! their canonical name, attributes and registry link in notes.
//!
//! Reading never passes over a line without saying so: what contradicts
//! itself or quotecheck's own vocabulary is an error naming the line; what
//! quotecheck has no place for (other corpora's relations, notes, types) and
//! what it had to reshape is a warning, so such corpora still import.

use std::collections::HashMap;

use crate::model::{Annotations, TextIndex};

mod annotations;
mod parse;
mod write;

use super::shortened;
use annotations::Reading;
pub use annotations::kind_from_marks;
use parse::Reader;
pub use write::to_standoff;

/// One text-bound annotation: its type and char spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextBound {
    pub kind: String,
    pub spans: Vec<(usize, usize)>,
    /// brat's copy of the text at the spans (the third column, with the
    /// lines it ran over), checked against the article.
    pub text: String,
    /// Where it is in the file (from 1), for messages.
    pub line: usize,
}

/// An attribution as brat holds it: the spans of each role, and what
/// quotecheck records beside them (attributes, the speaker relation).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attribution {
    /// The event's id (`E1`) and line.
    pub id: String,
    pub line: usize,
    pub source: Vec<(usize, usize)>,
    pub cue: Vec<(usize, usize)>,
    pub content: Vec<(usize, usize)>,
    /// The text-bound ids of the `Source` and `Cue` roles, in file order: a
    /// quote holds one of each, so the import must know where one ends.
    pub source_ids: Vec<String>,
    pub cue_ids: Vec<String>,
    /// `A` lines on the event: `Kind`, `Status`.
    pub attributes: HashMap<String, String>,
    /// The text-bound id a `Speaker` relation points to.
    pub speaker: Option<String>,
}

/// What a `.ann` file holds.
#[derive(Debug, Clone, Default)]
pub struct Standoff {
    pub text_bounds: Vec<(String, TextBound)>,
    pub attributions: Vec<Attribution>,
    /// `*` lines: entity mention ids that name the same thing.
    pub equivalences: Vec<Vec<String>>,
    /// `#` lines quotecheck reads: the id a note is on, and the note.
    pub notes: Vec<(String, String)>,
    /// What was passed over or read otherwise than written, line by line.
    pub warnings: Vec<String>,
}

/// Parses a `.ann` file. A malformed text-bound line, an id defined twice,
/// a `Kind` or `Status` quotecheck does not know and an `Equiv` over
/// entities of different types are errors naming the line; lines it has no
/// use for are named in [`Standoff::warnings`].
pub fn parse_standoff(ann: &str) -> Result<Standoff, String> {
    let mut reader = Reader::default();
    for (n, line) in ann.lines().enumerate() {
        reader.read_line(n + 1, line)?;
    }
    reader.finish()
}

/// Annotations read from brat, with what of the file they could not hold as
/// it was written.
#[derive(Debug, Clone)]
pub struct Import {
    pub annotations: Annotations,
    /// One message a problem, naming its line or id; the import went on.
    pub warnings: Vec<String>,
}

/// Turns a `.ann` file and its article into annotations. Entity lines
/// become mentions, grouped by `*` equivalence lines (as `to_standoff`
/// writes them) or else by equal text and label; attribution events become
/// quotes, with the speaker, kind and status `to_standoff` records.
pub fn to_annotations(name: &str, text: &str, ann: &str) -> Result<Annotations, String> {
    import(name, text, ann).map(|i| i.annotations)
}

/// [`to_annotations`], with the warnings: lines passed over, text columns
/// that disagree with the article, spans reshaped to fit the format.
pub fn import(name: &str, text: &str, ann: &str) -> Result<Import, String> {
    let mut standoff = parse_standoff(ann)?;
    let index = TextIndex::new(text);
    check_offsets(&standoff, index.char_len())?;
    let mut warnings = std::mem::take(&mut standoff.warnings);
    warnings.extend(text_column_mismatches(&standoff, &index));
    let reading = Reading {
        standoff: &standoff,
        index: &index,
        by_id: standoff
            .text_bounds
            .iter()
            .map(|(id, tb)| (id.as_str(), tb))
            .collect(),
    };
    let mut doc = Annotations::new(name, text);
    let entity_of_mention = reading.add_entities(&mut doc, &mut warnings)?;
    reading.add_quotes(&mut doc, &entity_of_mention, &mut warnings);
    doc.normalize_order();
    Ok(Import {
        annotations: doc,
        warnings,
    })
}

/// Refuses spans that do not fit the text, naming the line: every later
/// step may then cut the text at any offset of the file.
fn check_offsets(standoff: &Standoff, n: usize) -> Result<(), String> {
    for (id, tb) in &standoff.text_bounds {
        if let Some((a, b)) = tb.spans.iter().find(|&&(a, b)| a > b || b > n) {
            return Err(format!(
                "line {}: {id}: span {a}..{b} lies outside the text ({n} chars)",
                tb.line
            ));
        }
    }
    Ok(())
}

/// Text-bound lines whose text column is not the article's text at their
/// offsets. A warning, not an error: brat reads the offsets and keeps the
/// column only as a copy for people, so a file edited by hand may carry a
/// stale one; the offsets are what is imported, and the warning points at
/// lines whose offsets may be the stale part.
fn text_column_mismatches(standoff: &Standoff, index: &TextIndex) -> Vec<String> {
    standoff
        .text_bounds
        .iter()
        .filter_map(|(id, tb)| {
            // brat joins the pieces of a discontinuous span with a space;
            // line breaks become spaces or run over lines, so only the words
            // are compared.
            let pieces: Vec<&str> = tb.spans.iter().map(|&(a, b)| index.slice(a, b)).collect();
            let at_offsets = pieces.join(" ");
            (words(&at_offsets) != words(&tb.text)).then(|| {
                format!(
                    "line {}: {id}'s text column {:?} is not the article's text at its \
                     offsets, {:?}; the offsets were read",
                    tb.line,
                    shortened(&tb.text),
                    shortened(&at_offsets)
                )
            })
        })
        .collect()
}

fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_attribution_events_and_discontinuous_spans() {
        let ann = "T1\tSource 0 6\tKuleba\nT2\tCue 7 11\tsaid\nT3\tContent 12 20;25 30\tx\n\
                   T4\tAttribution 7 11\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n\
                   #1\tAnnotatorNotes T1\tnote\n";
        let s = parse_standoff(ann).unwrap();
        assert_eq!(s.attributions.len(), 1);
        let a = &s.attributions[0];
        assert_eq!(a.source, [(0, 6)]);
        assert_eq!(a.cue, [(7, 11)]);
        assert_eq!(a.content, [(12, 20), (25, 30)]);
    }

    #[test]
    fn a_text_field_running_over_lines_is_no_annotation() {
        let ann = "T1\tSource 0 6\tKuleba\nT2\tCue 7 11\tsaid\nT3\tContent 12 20;25 30\t3.\n\n\
                   The number of people\nT4\tAttribution 7 11\tsaid\n\
                   E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n";
        let s = parse_standoff(ann).unwrap();
        assert_eq!(s.text_bounds.len(), 4);
        assert_eq!(s.attributions[0].content, [(12, 20), (25, 30)]);
    }

    #[test]
    fn bad_offsets_name_the_line() {
        let err = parse_standoff("T1\tSource 0 x\tfoo\n").unwrap_err();
        assert!(err.contains("line 1"), "{err}");
    }
}
