//! Nothing lost: unsaved work survives a killed process, files changed by
//! someone else are not overwritten unasked, and a changed article is named.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::*;

/// The `.json` snapshots in a data folder's recovery store.
fn snapshots(data: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(data.join("recovery"))
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default()
}

/// Steps the window until the recovery store holds `count` snapshots (they
/// are written on a thread of their own), failing after ten seconds.
fn expect_snapshots(harness: &mut Harness<'_, App>, data: &Path, count: usize) {
    let started = Instant::now();
    while snapshots(data).len() != count && started.elapsed() < Duration::from_secs(10) {
        harness.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(snapshots(data).len(), count);
}

/// The window of a run that keeps its data in `data`.
fn window_in(files: Vec<PathBuf>, data: &Path) -> Harness<'static, App> {
    window_with(App::new(files, Settings::default(), Some(data.to_owned())))
}

/// Run as a child process by the test below: rejects the first quote of
/// the file it is given, lets the window lose the focus, then keeps
/// drawing until it is killed.
#[test]
#[ignore = "run as a child process by unsaved_work_survives_a_killed_process"]
fn crashing_reviewer() {
    let (Some(file), Some(data)) = (
        std::env::var_os("QUOTECHECK_TEST_FILE"),
        std::env::var_os("QUOTECHECK_TEST_DATA"),
    ) else {
        panic!("run by unsaved_work_survives_a_killed_process");
    };
    let mut harness = window_in(vec![PathBuf::from(file)], Path::new(&data));
    press(&mut harness, &[Key::J, Key::X]);
    harness.event(Event::WindowFocused(false));
    harness.run();
    loop {
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn unsaved_work_survives_a_killed_process() {
    let (dir, path) = gold_copy();
    let data = dir.path().join("data");
    let before = std::fs::read(&path).unwrap();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "recovery::crashing_reviewer", "--ignored"])
        .env("QUOTECHECK_TEST_FILE", &path)
        .env("QUOTECHECK_TEST_DATA", &data)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while snapshots(&data).is_empty() && started.elapsed() < Duration::from_secs(120) {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the reviewer ended by itself"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(snapshots(&data).len(), 1, "a recovery copy was written");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file itself is untouched"
    );

    // The next start offers the work back; restoring opens it unsaved.
    let mut harness = window_in(Vec::new(), &data);
    assert!(matches!(
        harness.state().question(),
        Some(Question::Restore { names }) if names == &["blinken-lavrov.json"]
    ));
    harness.get_by_label("Restore").click();
    wait_for_files(&mut harness);
    let restored = harness
        .state()
        .document()
        .expect("the restored work is in front");
    assert_eq!(restored.own_file.as_deref(), Some(path.as_path()));
    assert_eq!(restored.annotations().quotes[0].status, Status::Rejected);
    assert!(restored.is_dirty());

    // Saving it puts the work in the file and ends the offer.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert_eq!(
        load_annotations(&path).unwrap().quotes[0].status,
        Status::Rejected
    );
    expect_snapshots(&mut harness, &data, 0);
    drop(harness);
    let harness = window_in(Vec::new(), &data);
    assert!(
        harness.state().question().is_none(),
        "nothing left to restore"
    );
}

#[test]
fn declined_work_is_deleted() {
    let (dir, path) = gold_copy();
    let data = dir.path().join("data");
    let mut harness = window_in(vec![path.clone()], &data);
    press(&mut harness, &[Key::J, Key::X]);
    harness.event(Event::WindowFocused(false));
    harness.run();
    expect_snapshots(&mut harness, &data, 1);
    // Leave without answering the quit question, as a crash would.
    drop(harness);

    let mut harness = window_in(Vec::new(), &data);
    harness.get_by_label("Later").click();
    harness.run();
    assert_eq!(snapshots(&data).len(), 1, "Later keeps the offer");
    drop(harness);
    let mut harness = window_in(Vec::new(), &data);
    harness.get_by_label("Discard").click();
    harness.run();
    assert!(snapshots(&data).is_empty());
    assert_eq!(
        harness.state().documents().len(),
        1,
        "only the sample is open"
    );
}

#[test]
fn unsaved_work_is_copied_aside_every_half_minute() {
    let (dir, path) = gold_copy();
    let data = dir.path().join("data");
    let app = App::new(vec![path], Settings::default(), Some(data.clone()));
    // Each frame is a second of the window's clock.
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_step_dt(1.0)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app.without_native_dialogs());
    wait_for_files(&mut harness);
    let now = |h: &Harness<'_, App>| h.ctx.input(|i| i.time);
    press(&mut harness, &[Key::J, Key::X]);
    assert!(now(&harness) < 29.0);
    // Time for the writer thread, had a snapshot been asked for too soon.
    std::thread::sleep(Duration::from_millis(300));
    assert!(snapshots(&data).is_empty(), "not yet");
    while now(&harness) < 31.0 {
        harness.step();
    }
    expect_snapshots(&mut harness, &data, 1);

    // Undoing back to the file leaves nothing to recover.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    expect_snapshots(&mut harness, &data, 0);
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten_unasked() {
    let (_dir, path) = gold_copy();
    let mut harness = window(vec![path.clone()]);
    press(&mut harness, &[Key::J, Key::X]);

    // Another program saves the file meanwhile.
    let mut theirs = load_annotations(&path).unwrap();
    theirs.review.annotator = Some("someone else".to_owned());
    quotecheck_core::format::save_annotations(&path, &theirs).unwrap();
    let their_bytes = std::fs::read(&path).unwrap();

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(matches!(
        harness.state().question(),
        Some(Question::ChangedOnDisk { .. })
    ));
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(std::fs::read(&path).unwrap(), their_bytes);
    assert!(harness.state().title().ends_with('*'), "still unsaved");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    harness.get_by_label("Replace").click();
    harness.run();
    assert_eq!(
        load_annotations(&path).unwrap().quotes[0].status,
        Status::Rejected
    );
    assert!(!harness.state().title().ends_with('*'));

    // Saved here, the file is ours again: the next save asks nothing.
    press(&mut harness, &[Key::J, Key::X]);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(harness.state().question().is_none());
    assert!(!harness.state().title().ends_with('*'));
}

#[test]
fn an_article_changed_since_annotation_is_named_and_the_annotated_text_shown() {
    let (dir, path) = gold_copy();
    let annotated = load_annotations(&path).unwrap();
    std::fs::write(
        dir.path().join("blinken-lavrov.txt"),
        "A later edit of the article.",
    )
    .unwrap();
    let harness = window(vec![path]);
    let report = harness
        .state()
        .reports()
        .first()
        .expect("a warning is shown");
    assert!(
        report.problems[0].contains("changed since it was annotated"),
        "{report:?}"
    );
    harness.get_by_label_contains("showing the annotated text");
    assert_eq!(doc(&harness).text(), annotated.text());
}
