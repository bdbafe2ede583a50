//! Two reviewers' files of one article: every difference is listed, settling
//! them gives the file the adjudicator meant, texts that differ are refused,
//! and the agreement figures are `eval --agreement`'s.

use std::path::Path;

use quotecheck_core::compare::{Comparison, Settled, Side};
use quotecheck_core::eval::{agreement, read_corpus, score};
use quotecheck_core::format::{load_annotations, to_json};
use quotecheck_core::model::{Annotations, History, Intent};

const DIR: &str = "tests/fixtures/adjudicate";
const ADJUDICATOR: &str = "Cleo";

fn comparison() -> Comparison {
    Comparison::load(
        &Path::new(DIR).join("ana/bridge.json"),
        &Path::new(DIR).join("ben/bridge.json"),
    )
    .unwrap()
}

#[test]
fn every_kind_of_difference_is_listed_and_nothing_else() {
    // Written down from the fixture: B numbers its tags differently (ids
    // are never compared), finds the council instead of Paris, leaves out
    // "Lopez" as a mention and the role, calls Acme "Acme" and MISC, marks
    // q1 without its quotation marks, q2 mixed with no cue, gives q3 to
    // Smith with no source, misses q4 and adds "to comment".
    let cmp = comparison();
    let mut keys: Vec<String> = cmp.differences().iter().map(|d| d.key()).collect();
    keys.sort();
    let mut expected = vec![
        "e1 mentions",
        "e2 attributes",
        "e3 label",
        "e3 name",
        "e4 entity",
        "e5 entity",
        "q1 content",
        "q2 kind",
        "q2 cue",
        "q3 source",
        "q3 speaker",
        "q4 quote",
        "q5 quote",
    ];
    expected.sort();
    assert_eq!(keys, expected);
    // Both sides are said in words, with B's speaker by name, not by id.
    let speaker = cmp
        .differences()
        .iter()
        .find(|d| d.key() == "q3 speaker")
        .unwrap();
    assert_eq!(cmp.describe(speaker, Side::A), "Maria Lopez");
    assert_eq!(cmp.describe(speaker, Side::B), "John Smith");
    let missing = cmp
        .differences()
        .iter()
        .find(|d| d.key() == "q4 quote")
        .unwrap();
    assert_eq!(cmp.describe(missing, Side::B), "no quote");
    // Everything open, and named in the result.
    let result = cmp.result();
    assert_eq!(result.review.adjudication.as_ref().unwrap().open.len(), 13);
    assert!(
        cmp.differences()
            .iter()
            .all(|d| cmp.settled(result, d) == Settled::Open)
    );
}

#[test]
fn a_file_compared_with_itself_has_no_difference_and_is_done() {
    let a = load_annotations(&Path::new(DIR).join("ana/bridge.json")).unwrap();
    let cmp = Comparison::new(a.clone(), a, ["ana/bridge.json".into(), "copy".into()]).unwrap();
    assert!(cmp.differences().is_empty());
    assert_eq!(
        cmp.result().review.status,
        quotecheck_core::model::ReviewStatus::Done
    );
}

fn apply(doc: &mut Annotations, history: &mut History, intent: &Intent) {
    let plan = intent
        .plan_by(doc, Some(ADJUDICATOR))
        .unwrap()
        .expect("the step changes something");
    history.apply(doc, plan.transaction).unwrap();
}

#[test]
fn taking_a_then_b_then_editing_gives_the_expected_file() {
    let cmp = comparison();
    let mut doc = cmp.result().clone();
    let mut history = History::default();
    let take_a = [
        "e1 mentions",
        "e3 label",
        "q1 content",
        "q2 kind",
        "q3 source",
        "q4 quote",
    ];
    let take_b = [
        "e2 attributes",
        "e4 entity",
        "e5 entity",
        "q2 cue",
        "q3 speaker",
        "q5 quote",
    ];
    for d in cmp.differences() {
        let key = d.key();
        let intent = if take_a.contains(&key.as_str()) {
            cmp.take(&doc, d, Side::A).unwrap()
        } else if take_b.contains(&key.as_str()) {
            cmp.take(&doc, d, Side::B).unwrap()
        } else {
            assert_eq!(key, "e3 name");
            cmp.settle_by_hand(d)
        };
        apply(&mut doc, &mut history, &intent);
        if key == "e3 name" {
            apply(
                &mut doc,
                &mut history,
                &Intent::RenameEntity {
                    entity: "e3".into(),
                    name: "Acme Corporation".into(),
                },
            );
        }
    }
    for d in cmp.differences() {
        let expected = match d.key().as_str() {
            "e3 name" => Settled::Edited,
            k if take_a.contains(&k) => Settled::As(Side::A),
            _ => Settled::As(Side::B),
        };
        assert_eq!(cmp.settled(&doc, d), expected, "{}", d.key());
    }
    // What the window does on saving.
    doc.review.annotator = Some(ADJUDICATOR.into());
    let mut expected = load_annotations(&Path::new(DIR).join("expected.json")).unwrap();
    expected.review.updated_at = doc.review.updated_at.clone();
    assert_eq!(to_json(&doc).unwrap(), to_json(&expected).unwrap());

    // Every step undoes: back to the comparison's start, all open again.
    while history.undo(&mut doc).unwrap() {}
    doc.review.annotator = None;
    assert_eq!(to_json(&doc).unwrap(), to_json(cmp.result()).unwrap());
}

#[test]
fn texts_that_differ_are_refused_naming_both_files() {
    let a = load_annotations(&Path::new(DIR).join("ana/bridge.json")).unwrap();
    let other = load_annotations(Path::new("tests/fixtures/blinken-lavrov.gold.json")).unwrap();
    let e = Comparison::new(
        a,
        other,
        ["ana/bridge.json".into(), "ben/other.json".into()],
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("ana/bridge.json"), "{e}");
    assert!(e.contains("ben/other.json"), "{e}");
    assert!(e.contains("texts differ"), "{e}");
}

#[test]
fn agreement_is_eval_agreement_on_the_same_files() {
    let cmp = comparison();
    let ours = serde_json::to_value(agreement(cmp.a(), cmp.b())).unwrap();
    let corpus = |side| read_corpus(&Path::new(DIR).join(side)).unwrap();
    let eval = serde_json::to_value(score(&corpus("ana"), &corpus("ben"))).unwrap();
    assert_eq!(ours, eval);
    // By hand: 3 of 4 quotes each matched (F1 0.75); kinds direct/direct,
    // direct/mixed, indirect/indirect: p_o = 2/3, p_e = 2/3·1/3 + 1/3·1/3
    // = 1/3, kappa = (2/3 - 1/3) / (2/3) = 0.5.
    assert_eq!(ours["all_f1"], 0.75);
    let kappa = ours["kind_kappa"].as_f64().unwrap();
    assert!((kappa - 0.5).abs() < 1e-12, "{kappa}");
}
