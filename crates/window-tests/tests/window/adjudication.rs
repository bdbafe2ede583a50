//! Two reviewers' files settled in the window: every difference listed,
//! taken by key from A or B or edited by hand into the file one expects,
//! texts that differ refused, the agreement figures `eval --agreement`'s,
//! and the reviewer's name recorded with each decision.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use quotecheck::app::{App, Settings};
use quotecheck::commands::adjudicate::Adjudication;
use quotecheck_core::compare::{Comparison, pair_folders};
use quotecheck_core::eval::{read_corpus, score};
use quotecheck_core::format::{load_annotations, to_json};
use quotecheck_core::model::Status;

use super::{doc, enter_path, menu, press, window, window_with};

const FIXTURES: &str = "../core/tests/fixtures/adjudicate";
const OTHER_TEXT: &str = "../core/tests/fixtures/blinken-lavrov.gold.json";

fn fixture(side: &str) -> PathBuf {
    Path::new(FIXTURES).join(side).join("bridge.json")
}

/// The window as `quotecheck adjudicate ana/bridge.json ben/bridge.json -o
/// OUT` opens it, with Cleo reviewing.
fn adjudicating(out: &Path) -> Harness<'static, App> {
    let comparison = Comparison::load(&fixture("ana"), &fixture("ben")).unwrap();
    let mut app = App::new_empty(Settings::default(), None).with_reviewer(Some("Cleo".into()));
    app.adjudicate(Adjudication::Files {
        comparison: Box::new(comparison),
        output: Some(out.to_owned()),
    });
    window_with(app)
}

/// The list's row of difference `key` ("q3 speaker — A: … · B: … · open").
fn row(harness: &Harness<'_, App>, key: &str) -> String {
    label_starting(harness, &format!("{key} — "))
}

/// The label that starts with `start`, whole (a plain label shows as a
/// node and its text run: both hold the same text).
fn label_starting(harness: &Harness<'_, App>, start: &str) -> String {
    let found = std::cell::RefCell::new(String::new());
    let hits = harness
        .query_all(egui_kittest::kittest::By::new().predicate(|n| {
            // A plain label holds its text as the node's value.
            let label = n
                .label()
                .or_else(|| n.value())
                .filter(|l| l.starts_with(start));
            let hit = label.is_some();
            if let Some(label) = label {
                *found.borrow_mut() = label;
            }
            hit
        }))
        .count();
    assert!(hits > 0, "no label starts with {start:?}");
    found.into_inner()
}

#[test]
fn every_difference_is_listed_with_both_sides() {
    let dir = tempfile::tempdir().unwrap();
    let harness = adjudicating(&dir.path().join("bridge.json"));
    let rows = harness
        .query_all(egui_kittest::kittest::By::new().predicate(|n| {
            n.label()
                .is_some_and(|l| l.contains(" — A: ") && l.contains(" · B: "))
        }))
        .count();
    assert_eq!(rows, 13);
    assert_eq!(
        row(&harness, "q3 speaker"),
        "q3 speaker — A: Maria Lopez · B: John Smith · open"
    );
    assert!(row(&harness, "q4 quote").contains("B: no quote"));
    harness.get_by_label("0 of 13 differences settled");
}

#[test]
fn taking_a_then_b_then_editing_by_key_saves_the_expected_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bridge.json");
    let mut harness = adjudicating(&out);
    // The differences in reading order, each taken as the core test takes
    // them; the name of e3 is settled by hand and renamed in the entities
    // panel.
    press(
        &mut harness,
        &[Key::Num1, Key::Num1, Key::Num2, Key::Num1, Key::Num2],
    );
    press(&mut harness, &[Key::Num2, Key::Num1]);
    assert!(row(&harness, "e3 name").ends_with("· open"));
    press(&mut harness, &[Key::E]);
    assert!(!row(&harness, "e3 name").ends_with("· open"));
    harness.get_by_label("Name").focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("Name").type_text("Acme Corporation");
    harness.run();
    harness.get_by_label("Rename").click();
    harness.run();
    assert!(row(&harness, "e3 name").ends_with("settled, edited"));
    press(&mut harness, &[Key::CloseBracket]);
    press(
        &mut harness,
        &[Key::Num2, Key::Num1, Key::Num2, Key::Num1, Key::Num2],
    );
    harness.get_by_label("13 of 13 differences settled");
    assert!(row(&harness, "q3 speaker").ends_with("settled as B's"));

    // Undo as everywhere: the last take is open again, and redone.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(row(&harness, "e4 entity").ends_with("· open"));
    harness.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
    harness.run();

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let saved = load_annotations(&out).unwrap();
    let mut expected = load_annotations(&Path::new(FIXTURES).join("expected.json")).unwrap();
    expected.review.updated_at = saved.review.updated_at.clone();
    assert_eq!(to_json(&saved).unwrap(), to_json(&expected).unwrap());
}

#[test]
fn compare_with_refuses_another_text_naming_both_files() {
    let dir = tempfile::tempdir().unwrap();
    let mine = dir.path().join("bridge.json");
    std::fs::copy(fixture("ana"), &mine).unwrap();
    let mut harness = window(vec![mine]);
    menu(&mut harness, "File", "Compare with…");
    enter_path(&mut harness, Path::new(OTHER_TEXT), "Compare");
    let report = harness.state().reports().first().expect("a report");
    assert_eq!(report.title, "Cannot compare these files");
    let problem = report.problems.join(" ");
    assert!(problem.contains("bridge.json"), "{problem}");
    assert!(problem.contains("blinken-lavrov.gold.json"), "{problem}");
    assert!(harness.state().adjudicating().is_none());
}

#[test]
fn compare_with_shows_eval_agreement_figures() {
    let dir = tempfile::tempdir().unwrap();
    let mine = dir.path().join("bridge.json");
    std::fs::copy(fixture("ana"), &mine).unwrap();
    let mut harness = window(vec![mine]);
    menu(&mut harness, "File", "Compare with…");
    enter_path(&mut harness, &fixture("ben"), "Compare");
    assert!(harness.state().reports().is_empty());
    // What `eval --agreement ana ben` computes on the same files.
    let corpus = |side: &str| read_corpus(&Path::new(FIXTURES).join(side)).unwrap();
    let eval = score(&corpus("ana"), &corpus("ben"));
    let shown = label_starting(&harness, "This article: ");
    let expected = format!(
        "This article: quotes F1 {:.3} · same speaker {:.3} · same kind {:.3} (Cohen's kappa {:.3}) · entities F1 {:.3}",
        eval.all_f1,
        eval.speaker_acc.unwrap(),
        eval.kind_acc.unwrap(),
        eval.kind_kappa.unwrap(),
        eval.entity_f1.unwrap()
    );
    assert_eq!(shown, expected);
}

#[test]
fn the_reviewer_named_in_the_window_is_recorded_with_each_decision() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bridge.json");
    std::fs::copy(fixture("ben"), &path).unwrap();
    let mut harness = window(vec![path.clone()]);
    menu(&mut harness, "File", "Reviewer name…");
    harness.get_by_label("Your name:").type_text("Ana");
    harness.run();
    harness.get_by_label("Use this name").click();
    harness.run();
    assert_eq!(harness.state().reviewer(), Some("Ana"));
    // Rejecting t4 is Ana's decision; the other quotes stay nobody's.
    super::click_quote_row(&mut harness, "t4");
    press(&mut harness, &[Key::X]);
    let d = doc(&harness);
    let t4 = &d.quotes[d.quote_index("t4").unwrap()];
    assert_eq!(
        (t4.status, t4.reviewed_by.as_deref()),
        (Status::Rejected, Some("Ana"))
    );
    assert!(
        d.quotes
            .iter()
            .filter(|q| q.id != "t4")
            .all(|q| q.reviewed_by.is_none())
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert_eq!(
        load_annotations(&path).unwrap().review.annotator.as_deref(),
        Some("Ana")
    );
}

#[test]
fn two_folders_open_as_a_queue_with_statuses() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (
        Path::new(FIXTURES).join("ana"),
        Path::new(FIXTURES).join("ben"),
    );
    let ControlFlow::Continue(queue) = pair_folders(&a, &b, Some(dir.path()), |_, _| {
        ControlFlow::<()>::Continue(())
    }) else {
        unreachable!("never stopped")
    };
    let mut app = App::new_empty(Settings::default(), None).with_reviewer(Some("Cleo".into()));
    app.adjudicate(Adjudication::Folders(Box::new(queue.unwrap())));
    let mut harness = window_with(app);
    harness.get_by_label("0 of 1 done");
    harness.get_by_label("bridge · 13 differences · not started");
    // The folders' figures beside the article's (one article: the same).
    let article = label_starting(&harness, "This article: ");
    let folders = article.replacen("This article: ", "Both folders: ", 1);
    harness.get_by_label(&folders);
    // Everything taken from A, then saved into the output folder.
    for _ in 0..13 {
        press(&mut harness, &[Key::Num1]);
    }
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    harness.get_by_label("bridge · 13 differences · done");
    harness.get_by_label("1 of 1 done");
    let saved = load_annotations(&dir.path().join("bridge.json")).unwrap();
    assert_eq!(saved.review.annotator.as_deref(), Some("Cleo"));
    assert!(saved.review.adjudication.unwrap().open.is_empty());
}

/// An undo that opens a difference again brings it to the front, so that
/// the next `1` or `2` settles that one and not the one after it.
#[test]
fn undo_brings_the_difference_it_opened_to_the_front() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = adjudicating(&dir.path().join("bridge.json"));
    press(&mut harness, &[Key::Num1, Key::Num1]);
    let front = |h: &Harness<'_, App>| h.state().adjudicating().map(|a| a.current);
    assert_eq!(front(&harness), Some(2));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(front(&harness), Some(1));
    harness.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
    harness.run();
    assert_eq!(front(&harness), Some(1), "the redone one, settled again");
}

// Settling an entity and the quotes it speaks apart could leave a quote kept
// whose speaker was rejected, which the report counts as naming nobody; the
// comparison panel said nothing of it.
#[test]
fn a_kept_quote_whose_speaker_is_rejected_is_pointed_out() {
    let dir = tempfile::tempdir().unwrap();
    // Ben tagged no John Smith: his quotes name nobody.
    let mut ben: serde_json::Value =
        serde_json::from_slice(&std::fs::read(fixture("ben")).unwrap()).unwrap();
    ben["entities"]
        .as_array_mut()
        .unwrap()
        .retain(|e| e["name"] != "John Smith");
    for q in ben["quotes"].as_array_mut().unwrap() {
        if q["speaker"] == "p9" {
            q["speaker"] = serde_json::Value::Null;
        }
    }
    let ben_path = dir.path().join("bridge.json");
    std::fs::write(&ben_path, serde_json::to_vec(&ben).unwrap()).unwrap();
    let comparison = Comparison::load(&fixture("ana"), &ben_path).unwrap();
    let mut app = App::new_empty(Settings::default(), None);
    app.adjudicate(Adjudication::Files {
        comparison: Box::new(comparison),
        output: Some(dir.path().join("settled.json")),
    });
    let mut harness = window_with(app);
    let warning = "Speaker rejected in the result";
    assert!(harness.query_by_label_contains(warning).is_none());
    // To "q2 speaker" (the sixth difference): A's John Smith stays; then
    // "e2 entity": Ben's side rejects John Smith, whose quotes are kept.
    press(&mut harness, &[Key::CloseBracket; 5]);
    assert!(row(&harness, "q2 speaker").contains("A: John Smith"));
    press(&mut harness, &[Key::Num1, Key::Num2]);
    assert_eq!(doc(&harness).entity("e2").unwrap().status, Status::Rejected);
    let shown = label_starting(&harness, warning);
    assert!(
        shown.contains("q2 (John Smith), q4 (John Smith)"),
        "{shown}"
    );
    // Undone, the entity is kept again and the warning goes.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(harness.query_by_label_contains(warning).is_none());
}
