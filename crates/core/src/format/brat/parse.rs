//! The lines of a `.ann` file read into a [`Standoff`], each line kept or
//! named in a warning.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use crate::model::{QuoteKind, Status};

use super::annotations::{entity_label, is_entity_type};
use super::{Attribution, Standoff, TextBound};

/// Lines passed over, by why: each reason becomes one warning naming its
/// lines, so a corpus full of them gives a few lines of output, not
/// thousands.
#[derive(Debug, Default)]
struct LeftOut(Vec<(String, Vec<usize>)>);

impl LeftOut {
    fn add(&mut self, why: impl Into<String>, line: usize) {
        let why = why.into();
        match self.0.iter_mut().find(|(w, _)| *w == why) {
            Some((_, lines)) => lines.push(line),
            None => self.0.push((why, vec![line])),
        }
    }

    fn into_warnings(self) -> impl Iterator<Item = String> {
        self.0.into_iter().map(|(why, lines)| {
            let shown: Vec<String> = lines.iter().take(5).map(usize::to_string).collect();
            let more = match lines.len().saturating_sub(5) {
                0 => String::new(),
                n => format!(" and {n} more"),
            };
            let noun = if lines.len() == 1 { "line" } else { "lines" };
            format!(
                "{why}: left out {} ({noun} {}{more})",
                lines.len(),
                shown.join(", ")
            )
        })
    }
}

/// The lines of a `.ann` file as they are read; events, attributes,
/// relations and notes wait for [`Reader::finish`], since they may name ids
/// defined further down.
#[derive(Debug, Default)]
pub(super) struct Reader {
    out: Standoff,
    /// Line of each `T` and `E` id: a second definition is an error.
    defined: HashMap<String, usize>,
    /// Index in `out.text_bounds` of each text-bound id.
    by_id: HashMap<String, usize>,
    events: Vec<(usize, String, String)>,
    attributes: Vec<(usize, String)>,
    relations: Vec<(usize, String)>,
    equivalences: Vec<(usize, String)>,
    notes: Vec<(usize, String)>,
    /// Whether a line without a tab carries on the text of a text-bound line.
    in_text_bound: bool,
    left_out: LeftOut,
}

impl Reader {
    pub(super) fn read_line(&mut self, n: usize, line: &str) -> Result<(), String> {
        let Some((id, rest)) = line.split_once('\t') else {
            self.read_untabbed(n, line);
            return Ok(());
        };
        self.in_text_bound = false;
        match id.chars().next() {
            Some('T') => self.read_text_bound(n, id, rest)?,
            Some('E') => {
                self.define(n, id)?;
                self.events.push((n, id.to_owned(), rest.to_owned()));
            }
            Some('A') | Some('M') => self.attributes.push((n, rest.to_owned())),
            Some('R') => self.relations.push((n, rest.to_owned())),
            Some('*') => self.equivalences.push((n, rest.to_owned())),
            Some('#') => self.notes.push((n, rest.to_owned())),
            Some('N') => self.left_out.add("normalizations (N lines)", n),
            _ => self
                .left_out
                .add("lines of no kind brat standoff defines", n),
        }
        Ok(())
    }

    /// A line with no tab carries on the text field of the text-bound line
    /// before: PolNeAR's annotation tool wrote a content's line breaks as
    /// they were ("T38\tContent 1866 1890;1921 1979\t3.", "", "The number …").
    /// Anywhere else it holds nothing quotecheck can read.
    fn read_untabbed(&mut self, n: usize, line: &str) {
        if self.in_text_bound
            && let Some((_, tb)) = self.out.text_bounds.last_mut()
        {
            tb.text.push('\n');
            tb.text.push_str(line);
        } else if !line.trim().is_empty() {
            self.left_out.add("lines without a tab", n);
        }
    }

    fn read_text_bound(&mut self, n: usize, id: &str, rest: &str) -> Result<(), String> {
        self.define(n, id)?;
        let (body, text) = rest.split_once('\t').unwrap_or((rest, ""));
        let (kind, offsets) = body
            .split_once(' ')
            .ok_or_else(|| format!("line {n}: text-bound annotation without offsets"))?;
        let spans =
            parse_offsets(offsets).ok_or_else(|| format!("line {n}: bad offsets {offsets:?}"))?;
        self.by_id.insert(id.to_owned(), self.out.text_bounds.len());
        self.out.text_bounds.push((
            id.to_owned(),
            TextBound {
                kind: kind.to_owned(),
                spans,
                text: text.to_owned(),
                line: n,
            },
        ));
        self.in_text_bound = true;
        Ok(())
    }

    /// Refuses a second definition of `id`: every reference to it would be
    /// a guess between the two.
    fn define(&mut self, n: usize, id: &str) -> Result<(), String> {
        match self.defined.entry(id.to_owned()) {
            Entry::Occupied(first) => Err(format!(
                "line {n}: {id} is defined twice, on lines {} and {n}; \
                 give one of them another id",
                first.get()
            )),
            Entry::Vacant(slot) => {
                slot.insert(n);
                Ok(())
            }
        }
    }

    fn text_bound(&self, id: &str) -> Option<&TextBound> {
        self.by_id.get(id).map(|&i| &self.out.text_bounds[i].1)
    }

    fn is_mention(&self, id: &str) -> bool {
        self.text_bound(id)
            .is_some_and(|tb| is_entity_type(&tb.kind))
    }

    pub(super) fn finish(mut self) -> Result<Standoff, String> {
        let mut referenced = HashSet::new();
        let mut event_index = HashMap::new();
        for (n, id, body) in std::mem::take(&mut self.events) {
            if let Some(a) = self.read_event(n, &id, &body, &mut referenced) {
                event_index.insert(id, self.out.attributions.len());
                self.out.attributions.push(a);
            }
        }
        for (n, body) in std::mem::take(&mut self.attributes) {
            self.read_attribute(n, &body, &event_index)?;
        }
        for (n, body) in std::mem::take(&mut self.relations) {
            self.read_relation(n, &body, &event_index);
        }
        for (n, body) in std::mem::take(&mut self.equivalences) {
            self.read_equivalence(n, &body)?;
        }
        for (n, body) in std::mem::take(&mut self.notes) {
            self.read_note(n, &body, &event_index);
        }
        self.leave_out_unused(&referenced);
        let mut out = self.out;
        out.warnings.extend(self.left_out.into_warnings());
        Ok(out)
    }

    /// An attribution event, or `None` for an event with no content (no
    /// attribution quotecheck can hold). The first item is the event's type
    /// and trigger ("Attribution:T4"); the roles follow.
    fn read_event(
        &mut self,
        n: usize,
        id: &str,
        body: &str,
        referenced: &mut HashSet<String>,
    ) -> Option<Attribution> {
        let mut a = Attribution {
            id: id.to_owned(),
            line: n,
            ..Attribution::default()
        };
        for (k, item) in body.split(' ').filter(|s| !s.is_empty()).enumerate() {
            let Some((role, tid)) = item.split_once(':') else {
                self.left_out.add("event items that are no Role:Id pair", n);
                continue;
            };
            referenced.insert(tid.to_owned());
            let Some(spans) = self.text_bound(tid).map(|tb| tb.spans.clone()) else {
                self.out.warnings.push(format!(
                    "line {n}: {id} names {tid} as its {role}, and the file defines no \
                     text-bound {tid}; left out"
                ));
                continue;
            };
            if k == 0 {
                continue; // The trigger: marks where the event is, holds no role.
            }
            // Roles may carry a number ("Content2") when repeated.
            match role.trim_end_matches(|c: char| c.is_ascii_digit()) {
                "Source" => {
                    a.source.extend(&spans);
                    a.source_ids.push(tid.to_owned());
                }
                "Cue" => {
                    a.cue.extend(&spans);
                    a.cue_ids.push(tid.to_owned());
                }
                "Content" => a.content.extend(&spans),
                other => self.left_out.add(
                    format!("event roles other than Source, Cue and Content ({other})"),
                    n,
                ),
            }
        }
        if a.content.is_empty() {
            self.left_out
                .add("events without a Content (no attribution to read)", n);
            return None;
        }
        Some(a)
    }

    /// `A`/`M` lines: `Kind` and `Status` of an attribution, the values
    /// quotecheck writes. Another value is an error: taking the default in
    /// its place would change the kind or throw away a reviewer's decision.
    fn read_attribute(
        &mut self,
        n: usize,
        body: &str,
        event_index: &HashMap<String, usize>,
    ) -> Result<(), String> {
        let mut parts = body.split(' ');
        let (Some(name), Some(target)) = (parts.next(), parts.next()) else {
            self.left_out.add("attributes without a target", n);
            return Ok(());
        };
        let Some(&i) = event_index.get(target) else {
            self.left_out
                .add("attributes of annotations other than attributions", n);
            return Ok(());
        };
        let value = parts.next().unwrap_or("true");
        let known = match name {
            "Kind" => quote_kind(value).is_some(),
            "Status" => status(value).is_some(),
            _ => {
                self.left_out
                    .add(format!("attributes other than Kind and Status ({name})"), n);
                return Ok(());
            }
        };
        if !known {
            return Err(format!(
                "line {n}: {name} {value:?} of {target} is none of {}",
                known_values(name)
            ));
        }
        let attributes = &mut self.out.attributions[i].attributes;
        match attributes.insert(name.to_owned(), value.to_owned()) {
            Some(earlier) if earlier != value => Err(format!(
                "line {n}: {target} is given {name} {value:?} after {earlier:?}; keep one"
            )),
            _ => Ok(()),
        }
    }

    /// `R` lines: the `Speaker` of an attribution, a mention of an entity.
    fn read_relation(&mut self, n: usize, body: &str, event_index: &HashMap<String, usize>) {
        let mut parts = body.split(' ');
        if parts.next() != Some("Speaker") {
            self.left_out.add("relations other than Speaker", n);
            return;
        }
        let args: HashMap<&str, &str> = parts.filter_map(|p| p.split_once(':')).collect();
        let (Some(&event), Some(&mention)) = (args.get("Arg1"), args.get("Arg2")) else {
            self.left_out
                .add("Speaker relations without Arg1 and Arg2", n);
            return;
        };
        let Some(&i) = event_index.get(event) else {
            self.out.warnings.push(format!(
                "line {n}: Speaker relation from {event}, which is no attribution; left out"
            ));
            return;
        };
        if !self.is_mention(mention) {
            self.out.warnings.push(format!(
                "line {n}: Speaker relation to {mention}, which is no entity mention; left out"
            ));
            return;
        }
        let attribution = &mut self.out.attributions[i];
        match &attribution.speaker {
            Some(first) => self.out.warnings.push(format!(
                "line {n}: a second speaker ({mention}) for {event}; a quote has one, \
                 so the first ({first}) is kept"
            )),
            None => attribution.speaker = Some(mention.to_owned()),
        }
    }

    /// `*` lines (`*\tEquiv T1 T2`). Ids that are no entity mention are left
    /// out and named, the rest still grouped. Mentions of different types are
    /// an error: the file says one thing is two kinds of thing, and only its
    /// author knows which type, or the line, is wrong.
    fn read_equivalence(&mut self, n: usize, body: &str) -> Result<(), String> {
        let mut ids = Vec::new();
        for id in body.split(' ').skip(1).filter(|s| !s.is_empty()) {
            match self.text_bound(id) {
                Some(tb) if is_entity_type(&tb.kind) => ids.push(id.to_owned()),
                Some(tb) => self.out.warnings.push(format!(
                    "line {n}: Equiv names {id}, a {}, which is no entity mention; \
                     the others are grouped without it",
                    tb.kind
                )),
                None => self.out.warnings.push(format!(
                    "line {n}: Equiv names {id}, which the file does not define; \
                     the others are grouped without it"
                )),
            }
        }
        let label_of = |id: &String| {
            self.text_bound(id)
                .map(|tb| entity_label(&tb.kind).to_owned())
                .unwrap_or_default()
        };
        let labels: HashSet<String> = ids.iter().map(label_of).collect();
        if labels.len() > 1 {
            let typed: Vec<String> = ids
                .iter()
                .map(|id| format!("{id} ({})", label_of(id)))
                .collect();
            return Err(format!(
                "line {n}: Equiv makes one entity of mentions of different types: {}; \
                 give them one type or split the line",
                typed.join(", ")
            ));
        }
        self.out.equivalences.push(ids);
        Ok(())
    }

    /// `#` lines: the notes `to_standoff` writes (an entity's name,
    /// attributes and registry link on a mention, a speaker with no mention
    /// on an event). Annotators' own notes have no place in the file.
    fn read_note(&mut self, n: usize, body: &str, event_index: &HashMap<String, usize>) {
        let (head, note) = body.split_once('\t').unwrap_or((body, ""));
        let target = head.split(' ').nth(1).unwrap_or_default();
        let on_mention = self.is_mention(target)
            && ["name: ", "attributes: ", "registry: "]
                .iter()
                .any(|p| note.starts_with(p));
        let speaker = event_index.get(target).zip(note.strip_prefix("speaker: "));
        if let Some((&i, name)) = speaker {
            self.out.attributions[i]
                .attributes
                .insert("SpeakerName".into(), name.to_owned());
        } else if on_mention {
            self.out.notes.push((target.to_owned(), note.to_owned()));
        } else {
            self.left_out.add("notes quotecheck does not read", n);
        }
    }

    /// Text-bound annotations that are no entity and no part of any event
    /// (types such as `Event` or PolNeAR's `Discard`).
    fn leave_out_unused(&mut self, referenced: &HashSet<String>) {
        for (id, tb) in &self.out.text_bounds {
            if !is_entity_type(&tb.kind) && !referenced.contains(id) {
                self.left_out.add(
                    format!(
                        "{} annotations, which are no entity and in no event",
                        tb.kind
                    ),
                    tb.line,
                );
            }
        }
    }
}

/// `12 30` or, discontinuous, `12 30;35 40`.
fn parse_offsets(offsets: &str) -> Option<Vec<(usize, usize)>> {
    offsets
        .split(';')
        .map(|seg| {
            let (a, b) = seg.trim().split_once(' ')?;
            Some((a.parse().ok()?, b.parse().ok()?))
        })
        .collect()
}

pub(super) fn quote_kind(value: &str) -> Option<QuoteKind> {
    QuoteKind::ALL.into_iter().find(|q| q.as_str() == value)
}

pub(super) fn status(value: &str) -> Option<Status> {
    [
        Status::Pending,
        Status::Accepted,
        Status::Edited,
        Status::Rejected,
    ]
    .into_iter()
    .find(|s| s.as_str() == value)
}

/// The values of the attribute `name`, for the error naming a wrong one.
fn known_values(name: &str) -> String {
    let values: Vec<&str> = match name {
        "Kind" => QuoteKind::ALL.iter().map(|q| q.as_str()).collect(),
        _ => vec!["pending", "accepted", "edited", "rejected"],
    };
    values.join(", ")
}
