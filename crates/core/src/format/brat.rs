//! brat standoff: `NAME.ann` beside `NAME.txt`. Text-bound lines
//! (`T1<TAB>Source 12 30<TAB>…`, discontinuous spans joined by `;`) and event
//! lines (`E1<TAB>Attribution:T4 Source:T1 Cue:T2 Content:T3`), as PolNeAR
//! marks attributions; text-bound lines of entity types are entities, with
//! their canonical name, attributes and registry link in notes.

use std::collections::HashMap;

use crate::model::{
    Annotations, Attributes, Entity, EntityLabel, Origin, Quote, QuoteKind, Span, Status,
    TextIndex, attribute_problems,
};

/// One text-bound annotation: its type and char spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextBound {
    pub kind: String,
    pub spans: Vec<(usize, usize)>,
}

/// An attribution as brat holds it: the spans of each role, and what
/// quotecheck records beside them (attributes, the speaker relation).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attribution {
    pub source: Vec<(usize, usize)>,
    pub cue: Vec<(usize, usize)>,
    pub content: Vec<(usize, usize)>,
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
    /// `*` lines: text-bound ids that name the same thing.
    pub equivalences: Vec<Vec<String>>,
    /// `#` lines: the id a note is on, and the note.
    pub notes: Vec<(String, String)>,
}

/// Parses a `.ann` file. Lines it does not know are passed over; a malformed
/// text-bound line is an error naming its line number.
pub fn parse_standoff(ann: &str) -> Result<Standoff, String> {
    let mut out = Standoff::default();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut events = Vec::new();
    let mut attributes = Vec::new();
    let mut relations = Vec::new();
    for (n, line) in ann.lines().enumerate() {
        let mut fields = line.split('\t');
        let id = fields.next().unwrap_or_default();
        // A line with no tab carries on the text field of the line before:
        // PolNeAR's annotation tool wrote a content's line breaks as they
        // were ("T38\tContent 1866 1890;1921 1979\t3.", "", "The number …").
        let Some(body) = fields.next() else {
            continue;
        };
        match id.chars().next() {
            Some('T') => {
                let (kind, offsets) = body.split_once(' ').ok_or_else(|| {
                    format!("line {}: text-bound annotation without offsets", n + 1)
                })?;
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
            }
            Some('E') => events.push((id.to_owned(), body.to_owned())),
            Some('A') | Some('M') => attributes.push(body.to_owned()),
            Some('R') => relations.push(body.to_owned()),
            Some('*') => out
                .equivalences
                .push(body.split(' ').skip(1).map(str::to_owned).collect()),
            Some('#') => {
                let target = body.split(' ').nth(1).unwrap_or_default();
                let note = fields.next().unwrap_or_default();
                out.notes.push((target.to_owned(), note.to_owned()));
            }
            _ => {}
        }
    }
    let mut event_index = HashMap::new();
    for (id, body) in events {
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
            event_index.insert(id, out.attributions.len());
            out.attributions.push(a);
        }
    }
    for body in attributes {
        let mut parts = body.split(' ');
        let (Some(name), Some(target)) = (parts.next(), parts.next()) else {
            continue;
        };
        if let Some(&i) = event_index.get(target) {
            let value = parts.next().unwrap_or("true").to_owned();
            out.attributions[i]
                .attributes
                .insert(name.to_owned(), value);
        }
    }
    for body in relations {
        let mut parts = body.split(' ');
        if parts.next() != Some("Speaker") {
            continue;
        }
        let args: HashMap<&str, &str> = parts.filter_map(|p| p.split_once(':')).collect();
        if let (Some(event), Some(mention)) = (args.get("Arg1"), args.get("Arg2"))
            && let Some(&i) = event_index.get(*event)
        {
            out.attributions[i].speaker = Some((*mention).to_owned());
        }
    }
    // A speaker with no mention in the text travels as a note on the event.
    for (target, note) in &out.notes {
        if let (Some(&i), Some(name)) = (event_index.get(target), note.strip_prefix("speaker: ")) {
            out.attributions[i]
                .attributes
                .insert("SpeakerName".into(), name.to_owned());
        }
    }
    Ok(out)
}

/// Turns a `.ann` file and its article into annotations. Entity lines
/// become mentions, grouped by `*` equivalence lines (as `to_standoff`
/// writes them) or else by equal text and label; attribution events become
/// quotes, with the speaker, kind and status `to_standoff` records.
pub fn to_annotations(name: &str, text: &str, ann: &str) -> Result<Annotations, String> {
    let standoff = parse_standoff(ann)?;
    let index = TextIndex::new(text);
    let n = index.char_len();
    let mut doc = Annotations::new(name, text);
    let span = |(a, b): (usize, usize)| -> Result<Span, String> {
        if a > b || b > n {
            return Err(format!("span {a}..{b} lies outside the text ({n} chars)"));
        }
        Ok(Span::new(&index, a, b))
    };

    // Entities: union of mentions joined by equivalences.
    let mut group_of: HashMap<&str, usize> = HashMap::new();
    let mut groups: Vec<Vec<&str>> = Vec::new();
    for ids in &standoff.equivalences {
        let g = groups.len();
        groups.push(Vec::new());
        for id in ids {
            if !group_of.contains_key(id.as_str()) {
                group_of.insert(id, g);
                groups[g].push(id);
            }
        }
    }
    let by_id: HashMap<&str, &TextBound> = standoff
        .text_bounds
        .iter()
        .map(|(id, tb)| (id.as_str(), tb))
        .collect();
    let mut by_text: HashMap<(String, String), usize> = HashMap::new();
    for (id, tb) in &standoff.text_bounds {
        if !is_entity_type(&tb.kind) || group_of.contains_key(id.as_str()) {
            continue;
        }
        let key = (
            entity_label(&tb.kind).to_owned(),
            span_text(&index, &tb.spans),
        );
        let g = *by_text.entry(key).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        group_of.insert(id, g);
        groups[g].push(id);
    }
    let mut entity_of_mention: HashMap<&str, String> = HashMap::new();
    for ids in groups.iter().filter(|g| !g.is_empty()) {
        let Some(first) = by_id.get(ids[0]) else {
            continue;
        };
        let label = entity_label(&first.kind).to_owned();
        if !doc.labels.contains(&label) {
            doc.labels.push(label.clone());
        }
        let id = format!("e{}", doc.entities.len() + 1);
        let mut mentions = Vec::new();
        for tid in ids {
            let Some(tb) = by_id.get(tid) else { continue };
            let Some(&first_span) = tb.spans.first() else {
                continue;
            };
            mentions.push(span(first_span)?);
            entity_of_mention.insert(tid, id.clone());
        }
        mentions.sort_by_key(|m: &Span| (m.start, m.end));
        let name = standoff
            .notes
            .iter()
            .find(|(t, _)| ids.contains(&t.as_str()))
            .and_then(|(_, note)| note.strip_prefix("name: "))
            .map(str::to_owned)
            .or_else(|| {
                mentions
                    .iter()
                    .map(|m| m.text.clone())
                    .max_by_key(|t| t.chars().count())
            })
            .unwrap_or_default();
        let note = |prefix: &str| {
            standoff
                .notes
                .iter()
                .find(|(t, note)| ids.contains(&t.as_str()) && note.starts_with(prefix))
                .and_then(|(_, note)| note.strip_prefix(prefix))
        };
        let attributes = note("attributes: ")
            .map(|json| parse_attributes(&id, json))
            .transpose()?;
        doc.entities.push(Entity {
            id,
            label,
            name,
            mentions,
            origin: Origin::Auto,
            status: Status::Pending,
            attributes,
            registry: note("registry: ").map(str::to_owned),
            reviewed_by: None,
            extra: Default::default(),
        });
    }

    for (k, a) in standoff.attributions.iter().enumerate() {
        let content = a
            .content
            .iter()
            .map(|&s| span(s))
            .collect::<Result<Vec<_>, _>>()?;
        let kind = a
            .attributes
            .get("Kind")
            .and_then(|k| QuoteKind::ALL.into_iter().find(|q| q.as_str() == k))
            .unwrap_or_else(|| kind_from_marks(&content));
        let status = match a.attributes.get("Status").map(String::as_str) {
            Some("accepted") => Status::Accepted,
            Some("edited") => Status::Edited,
            Some("rejected") => Status::Rejected,
            _ => Status::Pending,
        };
        let speaker = match (a.speaker.as_deref(), a.attributes.get("SpeakerName")) {
            (Some(mention), _) => entity_of_mention.get(mention).cloned(),
            (None, Some(name)) => Some(person_without_mentions(&mut doc, name)),
            (None, None) => None,
        };
        doc.quotes.push(Quote {
            id: format!("q{}", k + 1),
            kind,
            content,
            cue: joined(&a.cue).map(span).transpose()?,
            source: joined(&a.source).map(span).transpose()?,
            speaker,
            confidence: None,
            origin: Origin::Auto,
            status,
            reviewed_by: None,
            extra: Default::default(),
        });
    }
    doc.normalize_order();
    Ok(doc)
}

/// An entity's attributes as `to_standoff` writes them in a note: the
/// annotation file's JSON object, checked as a loaded file's would be.
fn parse_attributes(entity: &str, json: &str) -> Result<Attributes, String> {
    let value: serde_json::Value = serde_json::from_str(json)
        .map_err(|e| format!("entity {entity}: attributes note is not JSON: {e}"))?;
    let problems = attribute_problems(&format!("entity {entity}"), &value);
    if !problems.is_empty() {
        return Err(problems.join("; "));
    }
    serde_json::from_value(value).map_err(|e| format!("entity {entity}: attributes: {e}"))
}

/// The id of the person named `name` who has no mention in the text,
/// added on first use.
fn person_without_mentions(doc: &mut Annotations, name: &str) -> String {
    if let Some(e) = doc
        .entities
        .iter()
        .find(|e| e.mentions.is_empty() && e.name == name)
    {
        return e.id.clone();
    }
    let id = format!("e{}", doc.entities.len() + 1);
    doc.entities.push(Entity::by_reviewer(
        id.clone(),
        EntityLabel::Person.as_str(),
        name.to_owned(),
        Vec::new(),
    ));
    id
}

/// One span from first to last of several (annotation files hold one cue
/// and one source; brat may split them).
fn joined(spans: &[(usize, usize)]) -> Option<(usize, usize)> {
    let start = spans.iter().map(|s| s.0).min()?;
    let end = spans.iter().map(|s| s.1).max()?;
    Some((start, end))
}

fn span_text(index: &TextIndex, spans: &[(usize, usize)]) -> String {
    spans
        .first()
        .map(|&(a, b)| index.slice(a, b).to_owned())
        .unwrap_or_default()
}

fn is_entity_type(kind: &str) -> bool {
    matches!(
        kind,
        "PERSON" | "PER" | "ORG" | "LOC" | "GPE" | "MISC" | "NORP" | "FAC"
    )
}

/// Other tools' labels mapped to the CoNLL set.
fn entity_label(kind: &str) -> &str {
    match kind {
        "PER" => "PERSON",
        "GPE" | "FAC" => "LOC",
        "NORP" => "MISC",
        other => other,
    }
}

/// Kind of a quote read from a format that does not say: by its marks.
pub fn kind_from_marks(content: &[Span]) -> QuoteKind {
    const MARKS: [char; 4] = ['"', '“', '”', '«'];
    let quoted = |s: &Span| {
        let t = s.text.trim_end_matches(['.', ',', ' ']);
        t.starts_with(MARKS) && t.ends_with(['"', '”', '»'])
    };
    let any_mark = content.iter().any(|s| s.text.contains(MARKS));
    if !content.is_empty() && content.iter().all(quoted) {
        QuoteKind::Direct
    } else if any_mark {
        QuoteKind::Mixed
    } else {
        QuoteKind::Indirect
    }
}

/// Writes annotations as brat standoff (the `.ann`; the text goes beside it
/// as `.txt`). Entity mentions are text-bound lines joined into entities by
/// `*` equivalences, each quote an `Attribution` event over Source, Cue and
/// Content spans; its kind and status are attributes, its speaker a
/// relation to a mention of the speaker (or a note when it has none).
pub fn to_standoff(doc: &Annotations) -> String {
    let mut out = String::new();
    let mut t = 0;
    let mut next_t = |out: &mut String, kind: &str, spans: &[Span]| -> String {
        t += 1;
        let offsets: Vec<String> = spans
            .iter()
            .map(|s| format!("{} {}", s.start, s.end))
            .collect();
        let text: Vec<&str> = spans.iter().map(|s| s.text.as_str()).collect();
        // brat keeps text on one line: line breaks inside a span become spaces.
        let text = text.join(" ").replace(['\n', '\r'], " ");
        out.push_str(&format!("T{t}\t{kind} {}\t{text}\n", offsets.join(";")));
        format!("T{t}")
    };
    let mut first_mention: HashMap<&str, String> = HashMap::new();
    let mut notes = Vec::new();
    for e in &doc.entities {
        let ids: Vec<String> = e
            .mentions
            .iter()
            .map(|m| next_t(&mut out, &e.label, std::slice::from_ref(m)))
            .collect();
        if let Some(first) = ids.first() {
            first_mention.insert(&e.id, first.clone());
            // The canonical name is the reviewer's choice; brat has no place
            // for it but a note.
            notes.push(format!("AnnotatorNotes {first}\tname: {}", e.name));
            // Attributes and the registry link have no place in brat but
            // notes either; the attributes keep the annotation file's JSON,
            // so they come back exactly.
            if let Some(attributes) = e.attributes.as_ref().filter(|a| !a.is_empty())
                && let Ok(json) = serde_json::to_string(attributes)
            {
                notes.push(format!("AnnotatorNotes {first}\tattributes: {json}"));
            }
            if let Some(id) = &e.registry {
                notes.push(format!("AnnotatorNotes {first}\tregistry: {id}"));
            }
        }
        if ids.len() > 1 {
            out.push_str(&format!("*\tEquiv {}\n", ids.join(" ")));
        }
    }
    let (mut e_n, mut a_n, mut r_n) = (0, 0, 0);
    for q in &doc.quotes {
        let content = next_t(&mut out, "Content", &q.content);
        let cue = q
            .cue
            .as_ref()
            .map(|c| next_t(&mut out, "Cue", std::slice::from_ref(c)));
        let source = q
            .source
            .as_ref()
            .map(|s| next_t(&mut out, "Source", std::slice::from_ref(s)));
        let trigger_span = q
            .cue
            .as_ref()
            .or(q.source.as_ref())
            .or(q.content.first())
            .cloned();
        let trigger = next_t(&mut out, "Attribution", trigger_span.as_slice());
        e_n += 1;
        let mut roles = format!("Attribution:{trigger} Content:{content}");
        if let Some(c) = cue {
            roles.push_str(&format!(" Cue:{c}"));
        }
        if let Some(s) = source {
            roles.push_str(&format!(" Source:{s}"));
        }
        out.push_str(&format!("E{e_n}\t{roles}\n"));
        for (name, value) in [("Kind", q.kind.as_str()), ("Status", q.status.as_str())] {
            a_n += 1;
            out.push_str(&format!("A{a_n}\t{name} E{e_n} {value}\n"));
        }
        if let Some(speaker) = &q.speaker {
            match first_mention.get(speaker.as_str()) {
                Some(mention) => {
                    r_n += 1;
                    out.push_str(&format!("R{r_n}\tSpeaker Arg1:E{e_n} Arg2:{mention}\n"));
                }
                None => {
                    let name = doc.entity_name(speaker).unwrap_or(speaker);
                    notes.push(format!("AnnotatorNotes E{e_n}\tspeaker: {name}"));
                }
            }
        }
    }
    for (i, note) in notes.iter().enumerate() {
        out.push_str(&format!("#{}\t{note}\n", i + 1));
    }
    out
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
