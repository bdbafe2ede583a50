//! Entity attributes: kept exactly through a load and a save, refused by
//! name when they break the contract, changed only by a reviewer's edits,
//! carried by the exports that have room for them, and suggested
//! automatically only from the article's own words.

use std::path::Path;

use quotecheck_core::extract::extract;
use quotecheck_core::format::{brat, from_json, jsonl, to_json};
use quotecheck_core::model::{Annotations, Gender, History, Intent, Status};

const GOLD: &str = "tests/fixtures/blinken-lavrov.gold.json";

/// The gold file with `attributes` (and a registry link) written into its
/// first entity as raw JSON, as another tool might write them.
fn with_attributes(attributes: &str) -> Vec<u8> {
    let text = std::fs::read_to_string(GOLD).unwrap();
    let at = text.find("\"origin\"").unwrap();
    let mut out = text[..at].to_owned();
    out.push_str(&format!(
        "\"attributes\": {attributes}, \"registry\": \"antony-blinken\", "
    ));
    out.push_str(&text[at..]);
    out.into_bytes()
}

fn load(bytes: &[u8]) -> Annotations {
    from_json(Path::new("t.json"), bytes).unwrap()
}

#[test]
fn attributes_round_trip_unknown_keys_kept_absent_stays_absent() {
    let doc = load(&with_attributes(
        r#"{"kb": "Q1", "party": "none", "gender": "man"}"#,
    ));
    let e = &doc.entities[0];
    assert_eq!(e.gender(), Some(Gender::Man));
    assert_eq!(e.attribute("party"), Some("none"));
    assert_eq!(e.registry.as_deref(), Some("antony-blinken"));
    let saved = to_json(&doc).unwrap();
    assert_eq!(load(&saved), doc, "a save loads back the same");
    let saved = String::from_utf8(saved).unwrap();
    assert_eq!(
        saved.matches("\"attributes\"").count(),
        1,
        "absent stays absent"
    );
    assert!(saved.contains("\"party\": \"none\""));
    // An empty object is kept as an empty object, not dropped.
    let empty = load(&with_attributes("{}"));
    assert!(
        String::from_utf8(to_json(&empty).unwrap())
            .unwrap()
            .contains("\"attributes\": {}")
    );
}

#[test]
fn a_gender_outside_the_four_or_a_value_not_a_string_is_refused_by_name() {
    let err = from_json(
        Path::new("t.json"),
        &with_attributes(r#"{"gender": "female", "age": 61}"#),
    )
    .unwrap_err();
    let problems = err.problems();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].contains("entity e1") || problems[1].contains("entity e1"));
    let all = problems.join("\n");
    assert!(all.contains("gender \"female\" is not one of woman, man, nonbinary, unknown"));
    assert!(all.contains("attribute \"age\" is 61, not a string"));
}

#[test]
fn setting_an_attribute_is_a_reviewers_edit_that_undo_takes_back() {
    let mut doc = load(&with_attributes("{}"));
    doc.entities[0].status = Status::Pending;
    let loaded = doc.clone();
    let mut history = History::default();
    let id = doc.entities[0].id.clone();
    let set = |key: &str, value: Option<&str>| Intent::SetAttribute {
        entity: id.clone(),
        key: key.to_owned(),
        value: value.map(str::to_owned),
    };
    let mut apply = |doc: &mut Annotations, intent: Intent| {
        let plan = intent.plan(doc).unwrap().unwrap();
        history.apply(doc, plan.transaction).unwrap();
    };
    apply(&mut doc, set("gender", Some("woman")));
    assert_eq!(doc.entities[0].gender(), Some(Gender::Woman));
    assert_eq!(doc.entities[0].status, Status::Edited);
    assert_eq!(doc.quotes, loaded.quotes, "quotes keep their statuses");
    apply(&mut doc, set("role", Some("official")));
    // A gender outside the four is no edit at all, and says why.
    let refused = set("gender", Some("female")).plan(&doc).unwrap_err();
    assert!(
        refused.to_string().contains("\"female\" is not one of"),
        "{refused}"
    );
    // Clearing every attribute leaves none, not an empty object.
    for key in ["gender", "role"] {
        apply(&mut doc, set(key, None));
    }
    assert_eq!(doc.entities[0].attributes, None);
    while history.undo(&mut doc).unwrap() {}
    assert_eq!(doc, loaded);
}

#[test]
fn brat_and_json_lines_carry_attributes_and_the_registry_link() {
    let doc = load(&with_attributes(
        r#"{"gender": "man", "role": "personal experience"}"#,
    ));
    let ann = brat::to_standoff(&doc);
    let back = brat::to_annotations(&doc.document.name, doc.text(), &ann).unwrap();
    let e = back
        .entities
        .iter()
        .find(|e| e.name == doc.entities[0].name)
        .unwrap();
    assert_eq!(e.attributes, doc.entities[0].attributes);
    assert_eq!(e.registry.as_deref(), Some("antony-blinken"));
    let record = jsonl::to_jsonl_record(&doc);
    let span = record["spans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["entity"] == "e1")
        .unwrap();
    assert_eq!(span["attributes"]["role"], "personal experience");
    assert_eq!(span["registry"], "antony-blinken");
}

fn gender_of(doc: &Annotations, name: &str) -> Option<Gender> {
    let e = doc
        .entities
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no entity {name} in {:?}", doc.entities));
    assert_eq!(e.status, Status::Pending, "a suggestion stays automatic");
    e.gender()
}

#[test]
fn a_title_before_the_name_suggests_a_gender() {
    let doc = extract(
        "t.txt",
        "“We will not give up,” said Mrs. Amara Okafor, who leads the union.\n",
    );
    assert_eq!(gender_of(&doc, "Amara Okafor"), Some(Gender::Woman));
}

#[test]
fn a_pronoun_resolved_to_the_person_suggests_a_gender_a_first_name_does_not() {
    // "Andrea" is mostly a woman's name in English and a man's in Italy:
    // the article's "he" decides.
    let doc = extract(
        "t.txt",
        "Andrea Rossi spoke to reporters in Rome on Monday.\n\n“The plan is ready,” he said.\n",
    );
    let quote = &doc.quotes[0];
    assert_eq!(quote.source.as_ref().map(|s| s.text.as_str()), Some("he"));
    assert_eq!(gender_of(&doc, "Andrea Rossi"), Some(Gender::Man));
}

#[test]
fn no_pronoun_and_no_title_suggest_nothing_whatever_the_first_name() {
    for text in [
        "“The plan is ready,” said Andrea Rossi, the mayor.\n",
        "“We will not give up,” said Mary Okafor.\n",
    ] {
        let doc = extract("t.txt", text);
        let person = doc
            .entities
            .iter()
            .find(|e| e.label == "PERSON")
            .unwrap_or_else(|| panic!("a person in {text}"));
        assert_eq!(person.gender(), None, "{text}");
        assert_eq!(person.attributes, None, "{text}");
    }
}

#[test]
fn disagreeing_words_suggest_nothing() {
    let doc = extract(
        "t.txt",
        "Mr. Sam Lee arrived late.\n\n“It was a long night,” she said.\n",
    );
    let lee = doc.entities.iter().find(|e| e.name == "Sam Lee").unwrap();
    assert_eq!(doc.quotes[0].speaker.as_deref(), Some(lee.id.as_str()));
    assert_eq!(lee.gender(), None, "Mr and she disagree");
}
