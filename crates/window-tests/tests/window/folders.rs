//! Whole folders as a review queue, and File → Export….

use quotecheck_core::format::{load_any, save_annotations};
use quotecheck_core::model::ReviewStatus;
use quotecheck_core::queue::ItemStatus;

use super::*;

/// A folder of three short articles; `b` already has a file marked done.
fn folder_of_articles() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("articles");
    std::fs::create_dir(&folder).unwrap();
    let articles = [
        ("a", "“We will build it,” Mayor Ann Lee said on Monday."),
        (
            "b",
            "“The bridge is safe,” engineer Tom Hart told reporters.",
        ),
        ("c", "“Nobody asked us,” resident Maria Ortiz said."),
    ];
    for (name, text) in articles {
        std::fs::write(folder.join(format!("{name}.txt")), text).unwrap();
    }
    let mut done = quotecheck_core::extract::extract("b.txt", articles[1].1);
    done.review.status = ReviewStatus::Done;
    save_annotations(&folder.join("b.json"), &done).unwrap();
    (dir, folder)
}

fn statuses(harness: &Harness<'_, App>) -> Vec<ItemStatus> {
    let queue = harness.state().queue().expect("a queue is open");
    queue.items.iter().map(|i| i.status.clone()).collect()
}

fn next_article(harness: &mut Harness<'_, App>) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::ArrowRight);
    wait_for_files(harness);
}

#[test]
fn a_folder_is_reviewed_article_by_article_and_the_place_is_kept() {
    let (dir, folder) = folder_of_articles();
    let data = dir.path().join("data");
    let open = || {
        App::new(
            vec![folder.clone()],
            Settings::default(),
            Some(data.clone()),
        )
    };
    // c extracted ahead of review, as `quotecheck extract` leaves it: not
    // started either.
    let c_text = std::fs::read_to_string(folder.join("c.txt")).unwrap();
    let extracted = quotecheck_core::extract::extract("c.txt", &c_text);
    save_annotations(&folder.join("c.json"), &extracted).unwrap();
    let mut harness = window_with(open());
    use ItemStatus::*;
    assert_eq!(statuses(&harness), [NotStarted, Done, NotStarted]);
    harness.get_by_label("1/3 done");
    assert!(harness.state().title().contains("a.json"));

    // Work on a: its row says so at once; moving on saves it beside the
    // article.
    press(&mut harness, &[Key::J, Key::X]);
    harness.get_by_label_contains("a.txt — in progress");
    next_article(&mut harness);
    let saved = load_annotations(&folder.join("a.json")).unwrap();
    assert_eq!(saved.quotes[0].status, Status::Rejected);
    assert_eq!(statuses(&harness), [InProgress, Done, NotStarted]);
    assert!(
        harness.state().title().contains("b.json"),
        "the reviewed file, not a new extraction"
    );
    assert_eq!(
        harness.state().documents().len(),
        1,
        "one article at a time"
    );

    next_article(&mut harness);
    assert!(harness.state().title().contains("c.json"));
    harness.get_by_label("Mark done").click();
    wait_for_files(&mut harness);
    // Its quote is still pending: asked, the reviewer accepts it.
    harness.get_by_label("Accept all pending").click();
    wait_for_files(&mut harness);
    let c = load_annotations(&folder.join("c.json")).unwrap();
    assert_eq!(c.review.status, ReviewStatus::Done);
    assert!(c.quotes.iter().all(|q| q.status == Status::Accepted));
    assert_eq!(statuses(&harness), [InProgress, Done, Done]);
    harness.get_by_label("2/3 done");
    // The last article done, the review goes round to the one not done.
    assert!(harness.state().title().contains("a.json"));

    // On one, then a new run starts where the reviewer stopped.
    next_article(&mut harness);
    assert!(harness.state().title().contains("b.json"));
    drop(harness);
    let harness = window_with(open());
    assert_eq!(harness.state().queue().unwrap().current, 1);
    assert!(harness.state().title().contains("b.json"));
}

#[test]
fn a_row_of_the_list_opens_that_article() {
    let (_dir, folder) = folder_of_articles();
    let mut harness = window(Vec::new());
    menu(&mut harness, "File", "Open Folder…");
    enter_path(&mut harness, &folder, "Open");
    assert_eq!(harness.state().queue().unwrap().items.len(), 3);
    harness.get_by_label_contains("c.txt — not started").click();
    wait_for_files(&mut harness);
    assert!(harness.state().title().contains("c.json"));
    assert_eq!(harness.state().queue().unwrap().current, 2);
}

#[test]
fn a_folder_with_no_articles_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let harness = window(vec![dir.path().to_owned()]);
    let report = harness.state().reports().first().expect("a report");
    assert!(report.problems[0].contains("no articles"), "{report:?}");
    assert!(harness.state().queue().is_none());
}

/// File → Export → `item`, then the path field.
fn export(harness: &mut Harness<'_, App>, item: &str, path: &Path, button: &str) {
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Export").click();
    harness.run();
    harness.get_by_label(item).click();
    harness.run();
    enter_path(harness, path, button);
}

#[test]
fn export_writes_what_other_tools_read() {
    let (dir, path) = gold_copy();
    let mut harness = window(vec![path.clone()]);
    let gold = load_annotations(&path).unwrap();

    let ann = dir.path().join("out").join("blinken.ann");
    std::fs::create_dir(ann.parent().unwrap()).unwrap();
    export(&mut harness, "brat standoff (.ann + .txt)…", &ann, "Export");
    let back = load_any(&ann).unwrap();
    assert_eq!(back.quotes.len(), gold.quotes.len());
    assert_eq!(back.text(), gold.text());
    harness.get_by_label_contains("Exported to");

    // Replacing an existing file asks first.
    let jsonl = dir.path().join("out").join("all.jsonl");
    std::fs::write(&jsonl, "keep me").unwrap();
    export(
        &mut harness,
        "spaCy / Prodigy JSON Lines…",
        &jsonl,
        "Export",
    );
    assert!(matches!(
        harness.state().question(),
        Some(Question::Overwrite { .. })
    ));
    assert_eq!(std::fs::read_to_string(&jsonl).unwrap(), "keep me");
    harness.get_by_label("Replace").click();
    wait_for_files(&mut harness);
    let line = std::fs::read_to_string(&jsonl).unwrap();
    let record: serde_json::Value = serde_json::from_str(line.trim()).unwrap();
    assert_eq!(record["text"], gold.text());
    assert!(
        !harness.state().title().ends_with('*'),
        "exporting is not saving"
    );
}

#[test]
fn an_annotation_file_that_does_not_load_shows_as_unreadable_with_why() {
    let (_dir, folder) = folder_of_articles();
    std::fs::write(folder.join("c.json"), "{ \"format\": ").unwrap();
    let harness = window(vec![folder.clone()]);
    let statuses = statuses(&harness);
    let ItemStatus::Unreadable(why) = &statuses[2] else {
        panic!("c.json is broken: {statuses:?}");
    };
    assert!(
        why.contains("c.json") && why.contains("not valid JSON"),
        "{why}"
    );
    harness.get_by_label("c.txt — unreadable");
    // The other articles are read as ever.
    assert_eq!(statuses[..2], [ItemStatus::NotStarted, ItemStatus::Done]);
}

/// An article that is no text (and has no annotation file) cannot wait for
/// review: once the window fails to open it, its row says so and why.
#[test]
fn an_article_that_does_not_open_shows_as_unreadable() {
    let (_dir, folder) = folder_of_articles();
    std::fs::write(folder.join("d.txt"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    let mut harness = window(vec![folder.clone()]);
    assert_eq!(statuses(&harness)[3], ItemStatus::NotStarted);
    for _ in 0..3 {
        next_article(&mut harness);
    }
    let ItemStatus::Unreadable(why) = &statuses(&harness)[3] else {
        panic!("d.txt does not open: {:?}", statuses(&harness));
    };
    assert!(
        why.contains("d.txt") && why.contains("not a text file"),
        "{why}"
    );
    harness.get_by_label("d.txt — unreadable");
}

/// The Name field of the entity editor belongs to the entity of its own
/// article: e1 of the next article is another entity, and "Rename" there
/// must not offer the last article's name.
#[test]
fn the_name_field_follows_the_article_not_only_the_entity_id() {
    let (_dir, folder) = folder_of_articles();
    let mut harness = window(vec![folder]);
    harness.get_by_label("Ann Lee · 1").click();
    harness.run();
    assert_eq!(
        harness.get_by_label("Name").value().as_deref(),
        Some("Ann Lee")
    );
    next_article(&mut harness);
    harness.get_by_label("Tom Hart · 1").click();
    harness.run();
    assert_eq!(
        harness.get_by_label("Name").value().as_deref(),
        Some("Tom Hart")
    );
}

// CoNLL holds one name per word: the name an export leaves out for another
// that overlaps it was dropped without a word.
#[test]
fn a_conll_export_says_it_left_out_an_overlapping_name() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Mayor Ruth Okafor spoke.";
    let mut doc = Annotations::new("mayor.txt", text);
    let index = quotecheck_core::model::TextIndex::new(text);
    for (label, start, end) in [("PERSON", 6, 17), ("ORG", 0, 17)] {
        let intent = quotecheck_core::model::Intent::AddEntity {
            label: label.to_owned(),
            mention: quotecheck_core::model::Span::new(&index, start, end),
        };
        let plan = intent.plan(&doc).unwrap().unwrap();
        plan.transaction.apply(&mut doc).unwrap();
    }
    let path = dir.path().join("mayor.json");
    save_annotations(&path, &doc).unwrap();
    let mut harness = window(vec![path]);
    let conll = dir.path().join("mayor.conll");
    export(&mut harness, "CoNLL IOB…", &conll, "Export");
    assert!(conll.exists());
    harness.get_by_label_contains(
        "left out of the CoNLL IOB: \"Ruth Okafor\" (PER), which overlaps \"Mayor Ruth Okafor\" (ORG)",
    );
}
