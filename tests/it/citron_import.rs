//! Importing Citron JSON loses nothing silently: what the file says against
//! itself is refused naming its quote, what the annotation format has no
//! field for is kept in `extra` and written back by `to_citron`, and what
//! the review will not show is named in a warning.

use std::path::Path;

use quotecheck_core::format::citron::{self, Import};
use quotecheck_core::format::{from_json, to_json, validate};
use quotecheck_core::model::Annotations;
use serde_json::{Value, json};

use crate::{assert_warned, quotecheck, succeeded};

const ARTICLE: &str = "Secretary of State Antony Blinken said on Tuesday that Russia must \
                       withdraw. Sergei Lavrov and Blinken told reporters: “We will not wait.” \
                       Lavrov added that talks would go on.";

/// The span of the first `needle` in the article, in chars, as Citron
/// writes it.
fn span(needle: &str) -> Value {
    let byte = ARTICLE
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not in the article"));
    let start = ARTICLE[..byte].chars().count();
    json!({"start": start, "end": start + needle.chars().count(), "text": needle})
}

/// A Citron document of the article with `quotes` and one coreference
/// group, Blinken's.
fn citron_doc(quotes: Value) -> Value {
    json!({
        "text": ARTICLE,
        "quotes": quotes,
        "coreference_groups": [[span("Antony Blinken"), span("Blinken told")]],
    })
}

/// Blinken's quote, clean: every field Citron has, as it should be.
fn blinken_quote() -> Value {
    json!({
        "id": "c1",
        "cue": span("said"),
        "sources": [span("Antony Blinken")],
        "contents": [span("that Russia must withdraw")],
        "confidence": 0.8,
    })
}

fn import(doc: Value) -> Import {
    citron::import("a.txt", doc).unwrap_or_else(|e| panic!("import failed: {e}"))
}

fn import_error(doc: Value) -> String {
    match citron::import("a.txt", doc) {
        Ok(_) => panic!("imported, but should have been refused"),
        Err(e) => e,
    }
}

/// Citron → annotation file (as bytes, read back) → Citron.
fn round_trip(doc: Value) -> Value {
    let imported = import(doc).annotations;
    assert_eq!(validate(&imported), Vec::<String>::new());
    let bytes = to_json(&imported).unwrap();
    let reread: Annotations = from_json(Path::new("a.json"), &bytes).unwrap();
    citron::to_citron(&reread).unwrap()
}

/// The quote of `citron` whose id is `id`.
fn quote_by_id<'a>(citron: &'a Value, id: &Value) -> &'a Value {
    citron["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == *id)
        .unwrap_or_else(|| panic!("no quote {id} in {citron:#}"))
}

#[test]
fn a_clean_file_imports_without_warnings_or_extra_fields() {
    let import = import(citron_doc(json!([blinken_quote()])));
    assert_eq!(import.warnings, Vec::<String>::new());
    let doc = &import.annotations;
    assert!(!doc.has_fields_of_other_tools(), "{doc:#?}");
    let q = &doc.quotes[0];
    assert_eq!(q.id, "c1");
    assert_eq!(q.confidence, Some(0.8));
    assert_eq!(
        doc.entity_name(q.speaker.as_deref().unwrap()),
        Some("Antony Blinken")
    );
}

#[test]
fn sources_after_the_first_are_kept_named_and_written_back() {
    let quote = json!({
        "id": "c2",
        "cue": span("told"),
        "sources": [span("Sergei Lavrov"), span("Blinken told")],
        "contents": [span("“We will not wait.”")],
    });
    let doc = citron_doc(json!([quote]));
    let import = import(doc.clone());
    assert_warned(
        &import.warnings,
        &["Citron quote 1", "\"c2\"", "2 sources", "Blinken told"],
    );
    let q = &import.annotations.quotes[0];
    assert_eq!(q.source.as_ref().unwrap().text, "Sergei Lavrov");
    let back = round_trip(doc);
    assert_eq!(
        quote_by_id(&back, &json!("c2"))["sources"],
        json!([span("Sergei Lavrov"), span("Blinken told")])
    );
}

#[test]
fn quote_ids_come_back_even_where_they_cannot_be_quotecheck_ids() {
    // A number, ids with spaces, used twice or by an entity cannot be the
    // quote's own id: each is kept beside a fresh one.
    let ids = [
        json!("c1"),
        json!(7),
        json!("two words"),
        json!("c1"),
        json!("e1"),
    ];
    let quotes: Vec<Value> = ids
        .iter()
        .map(|id| {
            let mut q = blinken_quote();
            q["id"] = id.clone();
            q
        })
        .collect();
    let doc = citron_doc(Value::Array(quotes));
    let import = import(doc.clone());
    assert_warned(
        &import.warnings,
        &["Citron quote 4", "\"c1\"", "earlier quote"],
    );
    assert_eq!(validate(&import.annotations), Vec::<String>::new());
    let back = round_trip(doc);
    let back_ids: Vec<&Value> = back["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| &q["id"])
        .collect();
    for id in &ids {
        let expected = ids.iter().filter(|i| *i == id).count();
        let found = back_ids.iter().filter(|i| **i == id).count();
        assert_eq!(found, expected, "id {id} in {back_ids:?}");
    }
}

#[test]
fn fields_quotecheck_does_not_know_are_kept_and_written_back() {
    let mut quote = blinken_quote();
    quote["status"] = json!("verified");
    quote["cue"]["token"] = json!(6);
    let mut doc = citron_doc(json!([quote]));
    doc["source"] = json!({"application": "citron-extractor", "model:": "2021-11-15"});
    let import = import(doc.clone());
    assert_eq!(import.warnings, Vec::<String>::new());
    let q = &import.annotations.quotes[0];
    assert_eq!(q.extra["citron_fields"], json!({"status": "verified"}));
    assert_eq!(q.cue.as_ref().unwrap().extra["token"], json!(6));
    let back = round_trip(doc.clone());
    assert_eq!(back["source"], doc["source"]);
    let back_quote = quote_by_id(&back, &json!("c1"));
    assert_eq!(back_quote["status"], json!("verified"));
    assert_eq!(back_quote["cue"], doc["quotes"][0]["cue"]);
}

#[test]
fn a_quote_without_contents_is_named_kept_and_written_back() {
    let empty = json!({"id": "c9", "cue": span("added"), "sources": [span("Lavrov added")], "contents": []});
    let doc = citron_doc(json!([blinken_quote(), empty.clone()]));
    let import = import(doc.clone());
    assert_warned(
        &import.warnings,
        &["Citron quote 2", "\"c9\"", "no contents"],
    );
    assert_eq!(import.annotations.quotes.len(), 1);
    let back = round_trip(doc);
    assert_eq!(*quote_by_id(&back, &json!("c9")), empty);
}

#[test]
fn a_span_whose_text_is_not_the_article_there_is_refused_naming_the_quote() {
    let mut quote = blinken_quote();
    quote["sources"][0]["text"] = json!("Tony Blinken");
    let err = import_error(citron_doc(json!([quote])));
    assert!(
        err.contains("Citron quote 1") && err.contains("source 1") && err.contains("Tony Blinken"),
        "{err}"
    );

    let mut doc = citron_doc(json!([blinken_quote()]));
    doc["coreference_groups"][0][1]["text"] = json!("Lavrov");
    let err = import_error(doc);
    assert!(err.contains("coreference group 1 span 2"), "{err}");

    let mut quote = blinken_quote();
    quote["contents"][0]["end"] = json!(10_000);
    let err = import_error(citron_doc(json!([quote])));
    assert!(
        err.contains("Citron quote 1 (id \"c1\") content 1") && err.contains("outside the text"),
        "{err}"
    );
}

#[test]
fn a_span_without_text_is_read_by_its_offsets() {
    let mut quote = blinken_quote();
    quote["cue"].as_object_mut().unwrap().remove("text");
    let import = import(citron_doc(json!([quote])));
    assert_eq!(
        import.annotations.quotes[0].cue.as_ref().unwrap().text,
        "said"
    );
}

#[test]
fn a_confidence_outside_0_to_1_is_kept_aside_and_named() {
    let mut quote = blinken_quote();
    quote["confidence"] = json!(7.5);
    let doc = citron_doc(json!([quote]));
    let import = import(doc.clone());
    assert_warned(&import.warnings, &["Citron quote 1", "7.5", "0–1"]);
    let q = &import.annotations.quotes[0];
    assert_eq!(q.confidence, None);
    assert_eq!(q.extra["citron_confidence"], json!(7.5));
    let back = round_trip(doc);
    assert_eq!(quote_by_id(&back, &json!("c1"))["confidence"], json!(7.5));
}

#[test]
fn a_confidence_as_citrons_extractor_writes_it_is_read_and_one_that_is_no_number_refused() {
    let mut quote = blinken_quote();
    quote["confidence"] = json!("0.9000");
    let import = import(citron_doc(json!([quote.clone()])));
    assert_eq!(import.annotations.quotes[0].confidence, Some(0.9));

    quote["confidence"] = json!("high");
    let err = import_error(citron_doc(json!([quote])));
    assert!(
        err.contains("Citron quote 1") && err.contains("\"high\""),
        "{err}"
    );
}

#[test]
fn coreferences_of_a_quote_no_group_holds_are_written_back() {
    let mut quote = blinken_quote();
    quote["coreferences"] = json!([span("Antony Blinken"), span("Secretary of State")]);
    let mut doc = citron_doc(json!([quote]));
    doc.as_object_mut().unwrap().remove("coreference_groups");
    let back = round_trip(doc.clone());
    assert_eq!(
        quote_by_id(&back, &json!("c1"))["coreferences"],
        doc["quotes"][0]["coreferences"]
    );
}

/// Everything at once: every quote, span, id, group and field comes back,
/// through an annotation file written and read.
#[test]
fn citron_to_annotation_file_to_citron_keeps_what_citron_holds() {
    let lavrov = json!({
        "id": 2,
        "cue": span("told"),
        "sources": [span("Sergei Lavrov"), span("Blinken told")],
        "contents": [span("“We will not wait.”")],
        "confidence": 1.5,
        "note": "checked",
    });
    let empty = json!({"id": "c3", "cue": span("added"), "sources": [span("Lavrov added")], "contents": []});
    let mut doc = citron_doc(json!([blinken_quote(), lavrov, empty]));
    doc["source"] = json!({"application": "citron-extractor"});
    let back = round_trip(doc.clone());
    assert_eq!(back["text"], doc["text"]);
    assert_eq!(back["source"], doc["source"]);
    assert_eq!(back["coreference_groups"], doc["coreference_groups"]);
    let quotes = doc["quotes"].as_array().unwrap();
    assert_eq!(back["quotes"].as_array().unwrap().len(), quotes.len());
    for original in quotes {
        let written = quote_by_id(&back, &original["id"]);
        for (key, value) in original.as_object().unwrap() {
            assert_eq!(&written[key], value, "quote {} {key}", original["id"]);
        }
    }
}

#[test]
fn convert_prints_the_warnings_of_a_citron_file_and_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.json");
    let quote = json!({
        "id": "c2",
        "cue": span("told"),
        "sources": [span("Sergei Lavrov"), span("Blinken told")],
        "contents": [span("“We will not wait.”")],
    });
    std::fs::write(&input, citron_doc(json!([quote])).to_string()).unwrap();
    let out_dir = dir.path().join("out");
    let out = succeeded(quotecheck(&[
        "convert",
        input.to_str().unwrap(),
        "--to",
        "quotecheck",
        "-o",
        out_dir.to_str().unwrap(),
    ]));
    let err = String::from_utf8_lossy(&out.stderr);
    let prefix = format!("quotecheck: {}: Citron quote 1", input.display());
    assert!(err.contains(&prefix) && err.contains("2 sources"), "{err}");
    let written = std::fs::read_to_string(out_dir.join("a.json")).unwrap();
    assert!(written.contains("citron_other_sources"), "{written}");
}
