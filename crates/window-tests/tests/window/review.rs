//! Reviewing one article: selecting, correcting, undoing, saving.

use super::*;

#[test]
fn opens_the_bundled_sample_already_extracted() {
    let harness = window(Vec::new());
    let app = harness.state();
    assert!(app.title().starts_with("quotecheck"));
    assert!(app.title().contains("blinken-lavrov.txt"));
    assert!(!app.title().ends_with('*'), "nothing changed yet");
    let text = doc(&harness).text();
    assert!(text.starts_with("Secretary of State Antony Blinken"));
    assert!(doc(&harness).review.extractor.is_some());
    harness.get_by_label_contains("Quotes reviewed");
}

#[test]
fn review_undo_redo_save_and_reload() {
    let (_dir, path) = gold_copy();
    let mut harness = window(vec![path.clone()]);
    assert_eq!(harness.state().title(), "quotecheck — blinken-lavrov.json");

    // The combo box: q5 has no speaker; make it Sergey Lavrov.
    pick_speaker(&mut harness, "q5", "Sergey Lavrov");
    let q5 = quote(&harness, "q5");
    assert_eq!(q5.speaker.as_deref(), Some("e2"));
    // Edited by the reviewer, still made by the extractor.
    assert_eq!((q5.origin, q5.status), (Origin::Auto, Status::Edited));
    // "Western officials" does not name Lavrov: his mention nearest the cue
    // becomes the source, so the file teaches the right one.
    let source = q5.source.as_ref().map(|s| (s.start, s.text.as_str()));
    assert_eq!(source, Some((520, "Lavrov")));
    assert!(harness.state().title().ends_with(" *"), "unsaved mark");

    // Clicking a name in the text: Putin (char 1048) becomes q3's speaker.
    click_quote_row(&mut harness, "q3");
    click_text(&mut harness, 1050);
    let q3 = quote(&harness, "q3");
    assert_eq!(q3.speaker.as_deref(), Some("e3"));
    assert_eq!(q3.origin, Origin::Auto);
    // The name clicked is the source now.
    let source = q3.source.as_ref().map(|s| (s.start, s.text.as_str()));
    assert_eq!(source, Some((1048, "Vladimir Putin")));

    // Reject q6 by key; the selection moves on to q7.
    click_quote_row(&mut harness, "q6");
    harness.key_press(Key::X);
    harness.run();
    assert_eq!(quote(&harness, "q6").status, Status::Rejected);
    assert_eq!(selected_quote(&harness), Some("q7"));

    // Undo and redo, by both redo shortcuts.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(quote(&harness, "q6").status, Status::Accepted);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(quote(&harness, "q6").status, Status::Rejected);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run();
    assert_eq!(quote(&harness, "q6").status, Status::Rejected);

    menu(&mut harness, "File", "Save");
    assert!(
        harness.state().reports().is_empty(),
        "{:?}",
        harness.state().reports()
    );
    assert_eq!(harness.state().title(), "quotecheck — blinken-lavrov.json");
    let reviewed = doc(&harness).clone();

    // The file lists entities by first mention; compare them by id.
    let by_id = |doc: &Annotations| {
        let mut entities = doc.entities.clone();
        entities.sort_by(|a, b| a.id.cmp(&b.id));
        entities
    };
    let on_disk = load_annotations(&path).unwrap();
    assert_eq!(on_disk.quotes, reviewed.quotes);
    assert_eq!(by_id(&on_disk), by_id(&reviewed));
    let reloaded = window(vec![path.clone()]);
    let again = doc(&reloaded);
    assert_eq!(again.quotes, reviewed.quotes);
    assert_eq!(
        again.quote_index("q6").map(|i| again.quotes[i].status),
        Some(Status::Rejected)
    );
    assert!(again.review.updated_at.is_some());
}

/// The first decision on an extracted file starts its review: saved, it says
/// "in progress", which `train --reviewed` and the report count; undone, it
/// is unreviewed again.
#[test]
fn the_first_decision_puts_the_review_in_progress() {
    use quotecheck_core::model::ReviewStatus;
    let mut harness = window(Vec::new());
    assert_eq!(doc(&harness).review.status, ReviewStatus::Unreviewed);
    click_quote_row(&mut harness, "q1");
    harness.key_press(Key::A);
    harness.run();
    assert_eq!(quote(&harness, "q1").status, Status::Accepted);
    assert_eq!(doc(&harness).review.status, ReviewStatus::InProgress);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(quote(&harness, "q1").status, Status::Pending);
    assert_eq!(doc(&harness).review.status, ReviewStatus::Unreviewed);
}

#[test]
fn undo_goes_back_to_the_file_as_loaded() {
    let (_dir, path) = gold_copy();
    let mut harness = window(vec![path.clone()]);
    let loaded = doc(&harness).clone();
    harness.key_press(Key::J);
    harness.run();
    for key in [Key::X, Key::X, Key::A] {
        harness.key_press(key);
        harness.run();
    }
    assert_ne!(doc(&harness), &loaded);
    for _ in 0..10 {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        harness.run();
    }
    assert_eq!(doc(&harness), &loaded);
    assert!(
        !harness.state().title().ends_with('*'),
        "back at the saved state"
    );
}

#[test]
fn a_whole_article_is_reviewed_by_keyboard() {
    let (_dir, path) = gold_copy();
    let mut harness = window(vec![path]);
    harness.key_press(Key::J);
    harness.run();
    // Reject the first, accept the rest: each decision moves on.
    harness.key_press(Key::Delete);
    harness.run();
    for _ in 1..8 {
        harness.key_press(Key::Enter);
        harness.run();
    }
    let statuses: Vec<Status> = doc(&harness).quotes.iter().map(|q| q.status).collect();
    assert_eq!(statuses[0], Status::Rejected);
    assert!(statuses[1..].iter().all(|s| *s == Status::Accepted));
    // K goes back.
    harness.key_press(Key::K);
    harness.run();
    assert_eq!(selected_quote(&harness), Some("q7"));
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let (_dir, path) = gold_copy();
    let mut harness = window(vec![path.clone()]);
    press(&mut harness, &[Key::J, Key::X]);

    menu(&mut harness, "File", "Quit");
    assert!(matches!(
        harness.state().question(),
        Some(Question::Unsaved { .. })
    ));
    assert!(!harness.state().has_quit());
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.state().question().is_none());
    assert!(!harness.state().has_quit());
    assert_eq!(
        doc(&harness).quotes[0].status,
        Status::Rejected,
        "nothing discarded"
    );

    // Save from the question: the file holds the change, then the window quits.
    menu(&mut harness, "File", "Quit");
    harness.get_by_label("Save").click();
    harness.run();
    assert!(harness.state().has_quit());
    assert_eq!(
        load_annotations(&path).unwrap().quotes[0].status,
        Status::Rejected
    );
}

#[test]
fn discarding_on_quit_leaves_the_file_alone() {
    let (_dir, path) = gold_copy();
    let before = std::fs::read(&path).unwrap();
    let mut harness = window(vec![path.clone()]);
    press(&mut harness, &[Key::J, Key::X]);
    menu(&mut harness, "File", "Quit");
    harness.get_by_label("Discard").click();
    harness.run();
    assert!(harness.state().has_quit());
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_broken_annotation_file_shows_every_problem() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.json");
    let gold = std::fs::read_to_string(GOLD).unwrap();
    // Two spans whose text no longer matches the offsets.
    let broken = gold
        .replacen(
            "\"text\": \"Antony Blinken\"",
            "\"text\": \"Tony Blinken\"",
            1,
        )
        .replacen("\"text\": \"Sergey Lavrov\"", "\"text\": \"S. Lavrov\"", 1);
    std::fs::write(&path, broken).unwrap();
    let harness = window(vec![path.clone()]);
    let app = harness.state();
    assert!(app.document().is_none());
    let report = &app.reports()[0];
    assert!(report.title.contains("broken.json"), "{}", report.title);
    assert_eq!(report.problems.len(), 2, "{:?}", report.problems);
    harness.get_by_label("Dismiss");
}

#[test]
fn open_and_save_through_the_path_field() {
    let (dir, path) = gold_copy();
    let mut harness = window(Vec::new());
    menu(&mut harness, "File", "Open by path…");
    harness
        .get_by_label("Path:")
        .type_text(&path.display().to_string());
    harness.run();
    harness.get_by_label("Open").click();
    wait_for_files(&mut harness);
    assert_eq!(harness.state().documents().len(), 2);
    assert!(harness.state().title().contains("blinken-lavrov.json"));

    // Saving over a file it did not load asks first.
    let other = dir.path().join("other.json");
    std::fs::write(&other, "keep me").unwrap();
    press(&mut harness, &[Key::J, Key::X]);
    menu(&mut harness, "File", "Save to path…");
    enter_path(&mut harness, &other, "Save here");
    assert!(matches!(
        harness.state().question(),
        Some(Question::Overwrite { .. })
    ));
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "keep me");
    harness.get_by_label("Replace").click();
    harness.run();
    assert_eq!(
        load_annotations(&other).unwrap().quotes[0].status,
        Status::Rejected
    );
    assert!(!harness.state().title().ends_with('*'));
    assert!(Path::new(&path).exists());
}

#[test]
fn selected_text_becomes_a_new_entity() {
    let (_dir, path) = gold_copy();
    let mut harness = window(vec![path]);
    // Drag over "Western leaders" (chars 185..200).
    drag_text(&mut harness, 185, 199);
    assert_eq!(
        harness.state().document().unwrap().selection.text,
        Some((185, 200))
    );
    harness.get_by_label("New entity").click();
    harness.run();
    let d = doc(&harness);
    let e = d.entities.last().unwrap();
    assert_eq!(e.name, "Western leaders");
    assert_eq!(e.origin, Origin::Manual);
    assert_eq!(e.mentions[0].start, 185);
}

#[test]
fn merging_entities_moves_mentions_and_quotes() {
    let (_dir, path) = gold_copy();
    let mut harness = window(vec![path]);
    // Dmytro Kuleba (e4) into Antony Blinken (e1): a wrong merge, undone after.
    harness.get_by_label("Dmytro Kuleba · 4").click();
    harness.run();
    harness.get_by_label("Merge into").click();
    harness.run();
    harness.get_by_label("Antony Blinken (PERSON)").click();
    harness.run();
    harness.get_by_label("Merge").click();
    harness.run();
    let d = doc(&harness);
    assert!(d.entity("e4").is_none());
    assert_eq!(d.entity("e1").unwrap().mentions.len(), 6);
    assert!(d.quotes.iter().all(|q| q.speaker.as_deref() != Some("e4")));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(doc(&harness).entity("e4").unwrap().mentions.len(), 4);
}

#[test]
fn a_new_person_typed_in_becomes_the_speaker() {
    let (_dir, path) = gold_copy();
    let mut harness = window(vec![path]);
    pick_speaker(&mut harness, "q5", "new person…");
    harness
        .get_by_label("New person:")
        .type_text("Separatist leaders");
    harness.run();
    harness.get_by_label("Add person").click();
    harness.run();
    let d = doc(&harness);
    let person = d.entities.last().unwrap();
    assert_eq!(
        (person.name.as_str(), person.label.as_str()),
        ("Separatist leaders", "PERSON")
    );
    assert_eq!(person.origin, Origin::Manual);
    let q5 = quote(&harness, "q5");
    assert_eq!(q5.speaker.as_deref(), Some(person.id.as_str()));
    // "Western officials" names nobody the text tags: it stays the source.
    let source = q5.source.as_ref().map(|s| s.text.as_str());
    assert_eq!(source, Some("Western officials"));
    // One step to undo: the person and the speaker go together.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(doc(&harness).entities.len(), 15);
    assert_eq!(quote(&harness, "q5").speaker, None);
}

#[test]
fn entities_are_renamed_relabelled_and_deleted() {
    let (_dir, path) = gold_copy();
    let mut harness = window(vec![path]);
    harness.get_by_label("State Department · 1").click();
    harness.run();
    harness.get_by_label("Name").focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_label("Name")
        .type_text("US State Department");
    harness.run();
    harness.get_by_label("Rename").click();
    harness.run();
    assert_eq!(
        doc(&harness).entity("e8").unwrap().name,
        "US State Department"
    );

    harness.get_by_label("Label").click();
    harness.run();
    harness.get_by_label("MISC").click();
    harness.run();
    assert_eq!(doc(&harness).entity("e8").unwrap().label, "MISC");

    // Deleting Dmytro Kuleba leaves his three quotes with nobody.
    harness.get_by_label("Dmytro Kuleba · 4").click();
    harness.run();
    harness.get_by_label("Delete entity").click();
    harness.run();
    let d = doc(&harness);
    assert!(d.entity("e4").is_none());
    for id in ["q6", "q7", "q8"] {
        assert_eq!(quote(&harness, id).speaker, None, "{id}");
    }
}

#[test]
fn ctrl_plus_and_minus_size_the_text() {
    let mut harness = window(Vec::new());
    let before = harness.state().settings().text_size;
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    harness.run();
    assert_eq!(harness.state().settings().text_size, before + 2.0);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    harness.run();
    assert_eq!(harness.state().settings().text_size, before + 1.0);
}

#[test]
fn a_large_article_shows_its_progress_and_can_be_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    let sample = std::fs::read_to_string("../core/assets/sample/blinken-lavrov.txt").unwrap();
    std::fs::write(&big, sample.repeat(300)).unwrap();
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_ui_state(
            |ui, app: &mut App| app.ui(ui),
            App::new(vec![big], Settings::default(), None),
        );
    harness.step();
    harness.get_by_label("Opening big.txt");
    // The window keeps drawing while the article is extracted.
    for _ in 0..10 {
        harness.step();
    }
    assert!(harness.state().is_loading());
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(!harness.state().is_loading());
    assert!(harness.state().documents().is_empty());
    harness.get_by_label("No article open");
}
