//! Annotations written as brat standoff.

use std::collections::HashMap;

use crate::model::{Annotations, Span};

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
