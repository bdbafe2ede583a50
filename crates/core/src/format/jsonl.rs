//! spaCy / Prodigy JSON Lines: one article a line, with `text`, `tokens`,
//! labelled `spans` (entity mentions with their entity's attributes and
//! registry link, and each quote's content, cue and source) and `relations`
//! (speaker → quote, cue → quote).

use serde_json::{Value, json};

use crate::model::{Annotations, Span, TextIndex};
use crate::tokenize::tokenize;

/// The article as one JSON object in the Prodigy task shape; offsets are
/// chars, token ids index `tokens`.
pub fn to_jsonl_record(doc: &Annotations) -> Value {
    let text = doc.text();
    let index = TextIndex::new(text);
    let tokens: Vec<(usize, usize)> = tokenize(text)
        .iter()
        .map(|t| (index.char_at_byte(t.start), index.char_at_byte(t.end)))
        .collect();
    let token_json: Vec<Value> = tokens
        .iter()
        .enumerate()
        .map(|(id, &(s, e))| json!({"text": index.slice(s, e), "start": s, "end": e, "id": id, "ws": true}))
        .collect();
    // Token ids of the first and last token inside a span (Prodigy's
    // token_start / token_end are inclusive).
    let token_range = |s: &Span| {
        let first = tokens.iter().position(|&(a, b)| b > s.start && a < s.end);
        let last = tokens.iter().rposition(|&(a, b)| b > s.start && a < s.end);
        (first, last)
    };
    let span_json = |s: &Span, label: &str| {
        let (first, last) = token_range(s);
        json!({"start": s.start, "end": s.end, "text": s.text, "label": label, "token_start": first, "token_end": last})
    };
    let mut spans = Vec::new();
    for e in &doc.entities {
        for m in &e.mentions {
            let mut v = span_json(m, &e.label);
            v["entity"] = json!(e.id);
            if let Some(attributes) = &e.attributes {
                v["attributes"] = json!(attributes);
            }
            if let Some(id) = &e.registry {
                v["registry"] = json!(id);
            }
            spans.push(v);
        }
    }
    let mut relations = Vec::new();
    for q in doc.visible_quotes() {
        for c in &q.content {
            let mut v = span_json(c, "QUOTE");
            v["quote"] = json!(q.id);
            v["kind"] = json!(q.kind.as_str());
            spans.push(v.clone());
            let speaker_mention = q.source.clone().or_else(|| {
                q.speaker
                    .as_deref()
                    .and_then(|id| doc.entity(id))
                    .and_then(|e| e.mentions.first().cloned())
            });
            if let Some(src) = &speaker_mention {
                relations.push(relation(
                    span_json(src, "SOURCE"),
                    v.clone(),
                    "SPEAKER",
                    q.speaker.as_deref(),
                ));
            }
            if let Some(cue) = &q.cue {
                relations.push(relation(span_json(cue, "CUE"), v, "CUE", None));
            }
        }
        if let Some(cue) = &q.cue {
            spans.push(span_json(cue, "CUE"));
        }
        if let Some(src) = &q.source {
            spans.push(span_json(src, "SOURCE"));
        }
    }
    json!({
        "text": text,
        "tokens": token_json,
        "spans": spans,
        "relations": relations,
        "meta": {"name": doc.document.name, "sha256": doc.document.sha256},
    })
}

fn relation(head: Value, child: Value, label: &str, speaker: Option<&str>) -> Value {
    let mut r = json!({
        "head": head["token_start"],
        "child": child["token_start"],
        "head_span": head,
        "child_span": child,
        "label": label,
    });
    if let Some(id) = speaker {
        r["speaker"] = json!(id);
    }
    r
}
