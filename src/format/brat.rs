//! brat standoff: `NAME.ann` beside `NAME.txt`. Text-bound lines
//! (`T1<TAB>Source 12 30<TAB>…`, discontinuous spans joined by `;`) and event
//! lines (`E1<TAB>Attribution:T4 Source:T1 Cue:T2 Content:T3`), as PolNeAR
//! marks attributions; text-bound lines of entity types are entities.

use std::collections::HashMap;

/// One text-bound annotation: its type and char spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextBound {
    pub kind: String,
    pub spans: Vec<(usize, usize)>,
}

/// An attribution as brat holds it: the spans of each role.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attribution {
    pub source: Vec<(usize, usize)>,
    pub cue: Vec<(usize, usize)>,
    pub content: Vec<(usize, usize)>,
}

/// What a `.ann` file holds, by id.
#[derive(Debug, Clone, Default)]
pub struct Standoff {
    pub text_bounds: Vec<(String, TextBound)>,
    pub attributions: Vec<Attribution>,
}

/// Parses a `.ann` file. Lines it does not know (notes, attributes,
/// relations) are passed over; a malformed text-bound line is an error
/// naming its line number.
pub fn parse_standoff(ann: &str) -> Result<Standoff, String> {
    let mut out = Standoff::default();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut events = Vec::new();
    for (n, line) in ann.lines().enumerate() {
        let mut fields = line.split('\t');
        let id = fields.next().unwrap_or_default();
        let body = fields.next().unwrap_or_default();
        if id.starts_with('T') {
            let (kind, offsets) = body
                .split_once(' ')
                .ok_or_else(|| format!("line {}: text-bound annotation without offsets", n + 1))?;
            let spans = offsets
                .split(';')
                .map(|seg| {
                    let (a, b) = seg.trim().split_once(' ')?;
                    Some((a.parse().ok()?, b.parse().ok()?))
                })
                .collect::<Option<Vec<(usize, usize)>>>()
                .ok_or_else(|| format!("line {}: bad offsets {offsets:?}", n + 1))?;
            by_id.insert(id.to_owned(), out.text_bounds.len());
            out.text_bounds.push((
                id.to_owned(),
                TextBound {
                    kind: kind.to_owned(),
                    spans,
                },
            ));
        } else if id.starts_with('E') {
            events.push(body.to_owned());
        }
    }
    for body in events {
        let mut a = Attribution::default();
        for item in body.split(' ') {
            let Some((role, tid)) = item.split_once(':') else {
                continue;
            };
            let Some(tb) = by_id.get(tid).map(|&i| &out.text_bounds[i].1) else {
                continue;
            };
            // Roles may carry a number ("Content2") when repeated.
            match role.trim_end_matches(|c: char| c.is_ascii_digit()) {
                "Source" => a.source.extend(&tb.spans),
                "Cue" => a.cue.extend(&tb.spans),
                "Content" => a.content.extend(&tb.spans),
                _ => {}
            }
        }
        if !a.content.is_empty() {
            out.attributions.push(a);
        }
    }
    Ok(out)
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
    fn bad_offsets_name_the_line() {
        let err = parse_standoff("T1\tSource 0 x\tfoo\n").unwrap_err();
        assert!(err.contains("line 1"), "{err}");
    }
}
