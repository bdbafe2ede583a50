//! `quotecheck eval` gives the reference scorer's figures on the same files.

use std::path::Path;
use std::process::Command;

use super::{quotecheck, succeeded};

const GOLD: &str = "crates/core/tests/fixtures/eval/gold";
const PRED: &str = "crates/core/tests/fixtures/eval/pred";
/// The reference scorer, in the shared folder beside the project.
const REFERENCE: &str = "../shared/tools/score_quotes.py";

fn json_line(out: &[u8]) -> serde_json::Value {
    let stdout = String::from_utf8_lossy(out);
    serde_json::from_str(stdout.lines().last().unwrap_or_default()).expect("last line is JSON")
}

/// The figures of `quotecheck eval GOLD PRED --json`.
fn eval_json(gold: &str, pred: &str) -> serde_json::Value {
    let out = succeeded(quotecheck(&["eval", gold, pred, "--json"]));
    json_line(&out.stdout)
}

fn ours() -> serde_json::Value {
    eval_json(GOLD, PRED)
}

#[test]
fn figures_on_the_fixture_are_what_the_matching_rules_give() {
    // Worked out by hand: 4 gold attributions (3 with quotation marks), 4
    // predictions that count (one is rejected), 3 matched; the split quote
    // is found by its first half only, with a source inside the gold one.
    let r = ours();
    assert_eq!(r["gold_all"], 4);
    assert_eq!(r["gold_direct"], 3);
    assert_eq!(r["pred_all"], 4);
    assert_eq!(r["direct_f1"], 1.0);
    assert_eq!(r["all_f1"], 0.75);
    let third = r["direct_source_acc"].as_f64().unwrap();
    assert!((third - 2.0 / 3.0).abs() < 1e-12);
}

#[test]
fn figures_equal_the_reference_scorer() {
    let has_python = Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_python || !Path::new(REFERENCE).exists() {
        eprintln!("skipped: needs python3 and {REFERENCE}");
        return;
    }
    let out = succeeded(
        Command::new("python3")
            .args([REFERENCE, GOLD, PRED, "--json"])
            .output()
            .unwrap(),
    );
    let reference = json_line(&out.stdout);
    let ours = ours();
    let keys = reference.as_object().unwrap();
    assert_eq!(keys.len(), 15);
    for (key, value) in keys {
        let (a, b) = (
            value.as_f64().unwrap(),
            ours[key].as_f64().unwrap_or(f64::NAN),
        );
        assert!((a - b).abs() < 1e-9, "{key}: reference {a}, ours {b}");
    }
}

/// Two files are two versions of one article, whatever their names: a
/// reviewed copy scored against the file it came from agrees with it fully.
#[test]
fn two_files_are_scored_as_one_article() {
    let dir = tempfile::tempdir().unwrap();
    let original = Path::new(PRED).join("city.json");
    let copy = dir.path().join("city.reviewed.json");
    std::fs::copy(&original, &copy).unwrap();
    let r = eval_json(copy.to_str().unwrap(), original.to_str().unwrap());
    assert_eq!(r["articles"], 1);
    assert_eq!(r["all_f1"], 1.0);
    assert_eq!(r["gold_all"], r["pred_all"]);
}

/// Two annotation folders of which one lacks an article: the missing one is
/// named and counts as finding nothing, its entities as well as its quotes.
#[test]
fn an_article_missing_from_the_predictions_is_named_and_counts_as_nothing_found() {
    let dir = tempfile::tempdir().unwrap();
    let (gold, pred) = (dir.path().join("gold"), dir.path().join("pred"));
    std::fs::create_dir(&gold).unwrap();
    std::fs::create_dir(&pred).unwrap();
    let sample = Path::new("crates/core/tests/fixtures/blinken-lavrov.gold.json");
    std::fs::copy(sample, gold.join("city.json")).unwrap();
    std::fs::copy(sample, gold.join("town.json")).unwrap();
    std::fs::copy(sample, pred.join("city.json")).unwrap();
    let out = succeeded(quotecheck(&[
        "eval",
        gold.to_str().unwrap(),
        pred.to_str().unwrap(),
        "--json",
    ]));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("1 of 2 articles have nothing in") && err.contains("town"),
        "{err}"
    );
    let r = json_line(&out.stdout);
    assert_eq!(r["all_recall"], 0.5);
    assert_eq!(
        r["entity_recall"], 0.5,
        "the missing article's entities are missed"
    );

    // Nothing predicted at all is a mistake in the command, not a score.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let out = quotecheck(&["eval", gold.to_str().unwrap(), empty.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
}

/// Two files of different articles are not scored against each other.
#[test]
fn files_of_different_texts_are_not_scored() {
    let dir = tempfile::tempdir().unwrap();
    let city = Path::new(PRED).join("city.json");
    let mut other: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&city).unwrap()).unwrap();
    let text = format!("{} And more.", other["document"]["text"].as_str().unwrap());
    other["document"]["sha256"] = quotecheck_core::model::sha256_hex(&text).into();
    other["document"]["text"] = text.into();
    let copy = dir.path().join("other.json");
    std::fs::write(&copy, serde_json::to_vec(&other).unwrap()).unwrap();
    let out = quotecheck(&["eval", city.to_str().unwrap(), copy.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("hold different texts"), "{err}");
}
