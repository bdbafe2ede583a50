//! The window keeps its promises: a reviewer's decisions change only when
//! the reviewer decides, sources follow speakers, the article holds still
//! under a drag, keys act where the focus is, and files are written for the
//! people who share them. One test per finding of a review of the window.

use std::os::unix::fs::PermissionsExt;

use quotecheck_core::format::save_annotations;
use quotecheck_core::model::ReviewStatus;
use quotecheck_core::queue::ItemStatus;
use quotecheck_core::recovery::RecoveryStore;

use super::*;

fn source_of(harness: &Harness<'_, App>, id: &str) -> Option<(usize, String)> {
    quote(harness, id)
        .source
        .as_ref()
        .map(|s| (s.start, s.text.clone()))
}

// 1. Deleting an entity rewrote its quotes' review status.
#[test]
fn deleting_an_entity_keeps_every_decision_on_its_quotes() {
    let (_dir, path) = gold_copy();
    let mut harness = window(vec![path]);
    click_quote_row(&mut harness, "q7");
    press(&mut harness, &[Key::X]);
    assert_eq!(quote(&harness, "q7").status, Status::Rejected);

    harness.get_by_label("Dmytro Kuleba · 4").click();
    harness.run();
    harness.get_by_label("Delete entity").click();
    harness.run();
    // The rejected quote stays a negative example; Kuleba's others are
    // open again, with nobody, and nobody's words as their source.
    let q7 = quote(&harness, "q7");
    assert_eq!(
        (q7.status, q7.origin, q7.speaker.as_deref()),
        (Status::Rejected, Origin::Auto, None)
    );
    for id in ["q6", "q8"] {
        let q = quote(&harness, id);
        assert_eq!(
            (q.status, q.origin, q.speaker.as_deref()),
            (Status::Pending, Origin::Auto, None),
            "{id}"
        );
        assert_eq!(q.source, None, "{id}: its source named Kuleba");
    }
    // Quotes nobody spoke are untouched.
    assert_eq!(quote(&harness, "q2").status, Status::Accepted);
    harness.get_by_label("Quotes reviewed 6/8");
}

// 2. Changing the speaker left the source behind, and "nobody" kept it.
#[test]
fn nobody_clears_speaker_and_source_and_selected_words_set_them() {
    let (_dir, path) = gold_copy();
    let mut harness = window(vec![path]);
    pick_speaker(&mut harness, "q8", "nobody");
    let q8 = quote(&harness, "q8");
    assert_eq!((q8.speaker.as_deref(), &q8.source), (None, &None));
    assert_eq!((q8.origin, q8.status), (Origin::Auto, Status::Edited));

    // Words that name Kuleba, selected and set as the source: he speaks.
    drag_text(&mut harness, 2275, 2280);
    harness.get_by_label("Set as source of q8").click();
    harness.run();
    assert_eq!(source_of(&harness, "q8"), Some((2275, "Kuleba".to_owned())));
    assert_eq!(quote(&harness, "q8").speaker.as_deref(), Some("e4"));

    // The cue, cleared and set again from the text.
    harness.get_by_label("Clear cue").click();
    harness.run();
    assert_eq!(quote(&harness, "q8").cue, None);
    drag_text(&mut harness, 2282, 2285);
    harness.get_by_label("Set as cue of q8").click();
    harness.run();
    let cue = quote(&harness, "q8").cue.clone().map(|c| (c.start, c.text));
    assert_eq!(cue, Some((2282, "said".to_owned())));
}

// "Nobody" keeps a source that names nobody: "the secretary" is still the
// words that say who spoke, and what a retrained model should learn.
#[test]
fn nobody_keeps_a_source_that_names_no_one() {
    let (_dir, path) = gold_copy();
    let mut harness = window(vec![path]);
    pick_speaker(&mut harness, "q3", "nobody");
    let q3 = quote(&harness, "q3");
    assert_eq!(q3.speaker, None);
    let source = q3.source.as_ref().map(|s| s.text.as_str());
    assert_eq!(source, Some("The secretary"));
}

// A name inside the quote's own words is what is said, not who says it:
// picked as the speaker, from the box or by a right-click on that very name,
// the source is the speaker's mention outside the quote.
#[test]
fn a_speaker_named_inside_the_quote_takes_a_source_outside_it() {
    let (_dir, path) = gold_copy();
    let mut harness = window(vec![path]);
    // q3 ("… to cancel the meeting with Lavrov …", 500..585) names Lavrov
    // at 520; his other mention is at 109.
    pick_speaker(&mut harness, "q3", "Sergey Lavrov");
    let q3 = quote(&harness, "q3");
    assert_eq!(q3.speaker.as_deref(), Some("e2"));
    let (start, _) = source_of(&harness, "q3").expect("a source");
    assert_eq!(start, 109);
}

// 2, and issue 10's rule: a new quote can have its cue and source set too.
#[test]
fn a_new_quote_gets_a_cue_and_a_source_from_the_text() {
    let (_dir, path) = gold_copy();
    let mut harness = window(vec![path]);
    let start = char_offset(&harness, "sanctions imposed", 0);
    drag_text(&mut harness, start, start + 28);
    harness.get_by_label("New quote").click();
    harness.run();
    let id = selected_quote(&harness)
        .expect("the new quote is selected")
        .to_owned();
    let said = char_offset(&harness, "Kuleba said", 0);
    drag_text(&mut harness, said, said + 5);
    harness
        .get_by_label(&format!("Set as source of {id}"))
        .click();
    harness.run();
    drag_text(&mut harness, said + 7, said + 10);
    harness.get_by_label(&format!("Set as cue of {id}")).click();
    harness.run();
    let q = quote(&harness, &id);
    assert_eq!(q.source.as_ref().map(|s| s.text.as_str()), Some("Kuleba"));
    assert_eq!(q.cue.as_ref().map(|c| c.text.as_str()), Some("said"));
    assert_eq!(q.speaker.as_deref(), Some("e4"));

    // A source that runs into the cue is refused, and the reviewer told why.
    drag_text(&mut harness, said, said + 10);
    harness
        .get_by_label(&format!("Set as source of {id}"))
        .click();
    harness.run();
    let q = quote(&harness, &id);
    assert_eq!(q.source.as_ref().map(|s| s.text.as_str()), Some("Kuleba"));
    harness.get_by_label_contains("the source would overlap the quote's cue");
}

// 3. A drag selected the wrong words when the toolbar above wrapped.
#[test]
fn a_drag_selects_the_words_under_it_with_an_entity_selected() {
    let (_dir, path) = gold_copy();
    let mut harness = window(vec![path]);
    harness.get_by_label("Dmytro Kuleba · 4").click();
    harness.run();
    let start = char_offset(&harness, "Foreign Minister", 0);
    let before = harness.state().article_point(start).unwrap();
    drag_text(&mut harness, start, start + 15);
    assert_eq!(
        harness.state().document().unwrap().selection.text,
        Some((start, start + 16))
    );
    // The bar filled with buttons, and the text did not move.
    harness.get_by_label("Add as mention of Dmytro Kuleba");
    assert_eq!(harness.state().article_point(start).unwrap(), before);
}

// A drag that starts or stops inside a word takes the whole word, and no
// space at either end: a source a letter short teaches the model nothing.
#[test]
fn a_drag_takes_the_whole_words_it_touches() {
    let (_dir, path) = gold_copy();
    let mut harness = window(vec![path]);
    let western = char_offset(&harness, "Western leaders", 0);
    // From the "e" of "Western" to the last "e" of "leaders".
    drag_text(&mut harness, western + 1, western + 12);
    assert_eq!(
        harness.state().document().unwrap().selection.text,
        Some((western, western + 15))
    );
    harness.get_by_label("Selected: “Western leaders”");
    // A longer one shows where it ends as well as where it starts.
    let start = char_offset(&harness, "The U.S. and", 0);
    drag_text(&mut harness, start, start + 38);
    harness.get_by_label("Selected: “The U.S. and int…rtners announced”");
    // From the space before "have" to the one after it.
    drag_text(&mut harness, western + 15, western + 20);
    assert_eq!(
        harness.state().document().unwrap().selection.text,
        Some((western + 16, western + 20))
    );
}

// 4. Enter accepted whatever had the focus.
#[test]
fn enter_presses_the_focused_button_not_accept() {
    let (_dir, path) = gold_copy();
    let mut harness = window(vec![path]);
    click_quote_row(&mut harness, "q6");
    harness.get_by_label("Reject").focus();
    harness.run();
    press(&mut harness, &[Key::Enter]);
    assert_eq!(quote(&harness, "q6").status, Status::Rejected);
}

#[test]
fn enter_opens_the_focused_speaker_box() {
    let mut harness = window(Vec::new());
    press(&mut harness, &[Key::J]);
    let id = selected_quote(&harness).unwrap().to_owned();
    harness.get_by_label("Speaker").focus();
    harness.run();
    press(&mut harness, &[Key::Enter]);
    assert_eq!(quote(&harness, &id).status, Status::Pending);
    // The box is open: its choices are there.
    harness.get_by_label("new person…");
}

#[test]
fn enter_accepts_when_nothing_has_the_focus() {
    let mut harness = window(Vec::new());
    press(&mut harness, &[Key::J]);
    let id = selected_quote(&harness).unwrap().to_owned();
    press(&mut harness, &[Key::Enter]);
    assert_eq!(quote(&harness, &id).status, Status::Accepted);
}

/// A folder of two articles, each with one quote.
fn two_articles() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("articles");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(
        folder.join("a.txt"),
        "“We will build it,” Mayor Ann Lee said.",
    )
    .unwrap();
    std::fs::write(
        folder.join("b.txt"),
        "“It is safe,” engineer Tom Hart said.",
    )
    .unwrap();
    (dir, folder)
}

// 5. Mark done said nothing about pending quotes.
#[test]
fn mark_done_with_pending_quotes_asks_first() {
    let (_dir, folder) = two_articles();
    let mut harness = window(vec![folder.clone()]);
    harness.get_by_label("Mark done").click();
    harness.run();
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(!folder.join("a.json").exists(), "cancelled: nothing saved");
    assert!(harness.state().title().contains("a.json"));

    harness.get_by_label("Mark done").click();
    harness.run();
    harness.get_by_label("Leave them pending").click();
    wait_for_files(&mut harness);
    let a = load_annotations(&folder.join("a.json")).unwrap();
    assert_eq!(a.review.status, ReviewStatus::Done);
    assert_eq!(a.quotes[0].status, Status::Pending);
    assert!(harness.state().title().contains("b.json"), "moved on");
}

// 6. Restore in a folder opened the article twice.
#[test]
fn restored_work_takes_its_article_s_place_in_the_queue() {
    let (dir, folder) = two_articles();
    let data = dir.path().join("data");
    // Work of a run that was killed: a's quote rejected, never saved.
    let mut unsaved = quotecheck_core::extract::extract(
        "a.txt",
        &std::fs::read_to_string(folder.join("a.txt")).unwrap(),
    );
    unsaved.quotes[0].status = Status::Rejected;
    RecoveryStore::new(data.join("recovery"))
        .write(Some(&folder.join("a.json")), &unsaved)
        .unwrap();

    let mut harness = window_with(App::new(
        vec![folder.clone()],
        Settings::default(),
        Some(data),
    ));
    harness.get_by_label("Restore").click();
    wait_for_files(&mut harness);
    let app = harness.state();
    assert_eq!(app.documents().len(), 1, "one tab for the article");
    let front = app.document().unwrap();
    assert_eq!(front.annotations().quotes[0].status, Status::Rejected);
    assert!(front.is_dirty());
    let queue = app.queue().unwrap();
    assert_eq!(queue.current, 0, "the queue is on the restored article");
    assert_eq!(queue.items[0].status, ItemStatus::InProgress);
}

// 7. Every file written was readable by its owner only.
#[test]
fn a_saved_file_keeps_the_mode_colleagues_read_it_by() {
    let (_dir, path) = gold_copy();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o664)).unwrap();
    let mut harness = window(vec![path.clone()]);
    press(&mut harness, &[Key::J, Key::X]);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(!harness.state().document().unwrap().is_dirty());
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o664);
}

// 8. A new quote kept the white space the drag caught.
#[test]
fn new_quotes_and_entities_leave_out_the_white_space_a_drag_caught() {
    let (_dir, path) = gold_copy();
    let mut harness = window(vec![path]);
    let start = char_offset(&harness, "sanctions imposed by the U.S. ", 0);
    // Through the space after "U.S.".
    drag_text(&mut harness, start, start + 29);
    harness.get_by_label("New quote").click();
    harness.run();
    let id = selected_quote(&harness).unwrap().to_owned();
    let content = &quote(&harness, &id).content[0];
    assert_eq!(content.text, "sanctions imposed by the U.S.");
    assert_eq!(content.start, start);

    // From the space before "Western leaders".
    let start = char_offset(&harness, " Western leaders", 0);
    drag_text(&mut harness, start, start + 15);
    harness.get_by_label("New entity").click();
    harness.run();
    let e = doc(&harness).entities.last().unwrap();
    assert_eq!(e.name, "Western leaders");
    assert_eq!(e.mentions[0].start, start + 1);
}

// 9. Panels widened when an entity or a merge target was selected.
#[test]
fn panels_keep_their_widths_whatever_is_selected() {
    let (_dir, path) = gold_copy();
    let mut harness = window(vec![path]);
    let article_left = |h: &Harness<'_, App>| h.state().article_point(0).unwrap().x;
    let before = article_left(&harness);
    harness.get_by_label("Dmytro Kuleba · 4").click();
    harness.run();
    assert_eq!(article_left(&harness), before);
    // A name far longer than the panel, shown in the list, the editor and
    // as a merge target.
    let long = "Ministry of Foreign Affairs of the Democratic Republic of Somewhere Far Away";
    harness.get_by_label("Name").focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("Name").type_text(long);
    harness.run();
    harness.get_by_label("Rename").click();
    harness.run();
    assert_eq!(doc(&harness).entity("e4").unwrap().name, long);
    harness.get_by_label("State Department · 1").click();
    harness.run();
    harness.get_by_label("Merge into").click();
    harness.run();
    harness.get_by_label(&format!("{long} (PERSON)")).click();
    harness.run();
    assert_eq!(article_left(&harness), before);
}

// 10. Smaller points.
#[test]
fn saving_says_so_and_a_note_stays_with_its_article() {
    let (_dir, path) = gold_copy();
    let mut harness = window(vec![path.clone()]);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let saved = harness.state().message().expect("a note of the save");
    assert!(saved.starts_with("Saved to") && saved.contains("blinken-lavrov.json"));

    // Open the sample too: the note was about the other article.
    menu(&mut harness, "File", "Open by path…");
    let sample = dir_with_sample();
    enter_path(&mut harness, &sample.1, "Open");
    assert_eq!(harness.state().documents().len(), 2);
    assert_eq!(harness.state().message(), None);
    harness.get_by_label("blinken-lavrov.json").click();
    harness.run();
    assert!(
        harness
            .state()
            .message()
            .is_some_and(|m| m.starts_with("Saved to"))
    );
}

/// The sample article as a `.txt` in a folder of its own.
fn dir_with_sample() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sample.txt");
    std::fs::write(&path, quotecheck_core::sample::TEXT).unwrap();
    (dir, path)
}

#[test]
fn a_failed_save_to_path_names_the_chosen_file_and_loses_nothing() {
    let (dir, path) = gold_copy();
    let mut harness = window(vec![path]);
    menu(&mut harness, "File", "Save to path…");
    let nowhere = dir.path().join("no such folder").join("copy.json");
    enter_path(&mut harness, &nowhere, "Save here");
    let reports = harness.state().reports();
    assert_eq!(reports.len(), 1);
    let report = &reports[0];
    assert!(
        report.title.contains(&nowhere.display().to_string()),
        "{report:?}"
    );
    assert!(report.title.contains("nothing is lost"), "{report:?}");
    assert!(
        !format!("{report:?}").contains(".quotecheck-"),
        "{report:?}"
    );
}

#[test]
fn title_and_status_bar_name_the_same_file() {
    let (_dir, article) = dir_with_sample();
    let harness = window(vec![article.clone()]);
    assert!(harness.state().title().contains("sample.json"));
    harness.get_by_label_contains(&article.with_extension("json").display().to_string());
}

#[test]
fn a_label_with_no_entities_is_not_listed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("people.json");
    let mut doc = quotecheck_core::extract::extract(
        "people.txt",
        "“We will win,” said Anna Berg. “We will lose,” said Tom Hart.",
    );
    doc.entities.retain(|e| e.label == "PERSON");
    save_annotations(&path, &doc).unwrap();
    let harness = window(vec![path]);
    harness.get_by_label_contains("PERSON (");
    assert!(harness.query_by_label_contains("ORG (").is_none());
}

#[test]
fn right_click_on_a_name_offers_to_make_it_the_speaker() {
    let (_dir, path) = gold_copy();
    let mut harness = window(vec![path]);
    click_quote_row(&mut harness, "q3");
    let at = harness.state().article_point(522).unwrap();
    harness.event(Event::PointerMoved(at));
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos: at,
            button: PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        harness.step();
    }
    harness.run();
    harness
        .get_by_label("Make Sergey Lavrov the speaker of q3")
        .click();
    harness.run();
    assert_eq!(quote(&harness, "q3").speaker.as_deref(), Some("e2"));
    // The name clicked lies in the quote's own words: the source is his
    // mention outside them.
    assert_eq!(
        source_of(&harness, "q3"),
        Some((109, "Sergey Lavrov".to_owned()))
    );
}

#[test]
fn a_drag_ends_where_the_button_is_released() {
    let (_dir, path) = gold_copy();
    let mut harness = window(vec![path]);
    let start = char_offset(&harness, "Western leaders", 0);
    let from = harness.state().article_point(start).unwrap() - egui::vec2(3.0, 0.0);
    let middle = harness.state().article_point(start + 4).unwrap();
    let end = harness.state().article_point(start + 14).unwrap() + egui::vec2(3.0, 0.0);
    harness.event(Event::PointerMoved(from));
    harness.drag_at(from);
    harness.step();
    harness.event(Event::PointerMoved(middle));
    harness.step();
    // A slow frame brings the last move and the release together.
    harness.event(Event::PointerMoved(end));
    harness.event(Event::PointerButton {
        pos: end,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    harness.run();
    assert_eq!(
        harness.state().document().unwrap().selection.text,
        Some((start, start + 15))
    );
}

// A small window kept the side panels at their widths: the Quotes panel lay
// over the article and its buttons ran off the window's right edge.
#[test]
fn a_small_window_keeps_the_article_and_every_panel_in_view() {
    let (_dir, path) = gold_copy();
    let app = App::new(vec![path], Settings::default(), None);
    let mut harness = Harness::builder()
        .with_size([640.0, 480.0])
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app.without_native_dialogs());
    wait_for_files(&mut harness);
    click_quote_row(&mut harness, "q3");
    // A few frames for the panels to settle at their new widths.
    for _ in 0..4 {
        harness.run();
    }
    let accept = harness.get_by_label("Accept").rect();
    assert!(accept.max.x <= 640.0, "Accept is in the window: {accept:?}");
    // The article's text stands left of the Quotes panel, with room.
    let text = harness
        .state()
        .article_point(0)
        .expect("the article is drawn");
    let reject = harness.get_by_label("Reject").rect();
    assert!(
        text.x + 150.0 < accept.min.x.min(reject.min.x),
        "{text:?} {accept:?}"
    );
}

// A refusal stayed in the status bar after the next change went through, and
// "Saved to …" stood beside the unsaved mark.
#[test]
fn a_note_in_the_status_bar_goes_with_the_next_change() {
    let (_dir, path) = gold_copy();
    let mut harness = window(vec![path]);
    click_quote_row(&mut harness, "q8");
    // q8's source, "Kuleba", set as its cue: refused, and said.
    drag_text(&mut harness, 2275, 2280);
    harness.get_by_label("Set as cue of q8").click();
    harness.run();
    let refused = harness.state().message().map(str::to_owned);
    assert!(
        refused
            .as_deref()
            .is_some_and(|m| m.starts_with("Not changed")),
        "{refused:?}"
    );
    click_quote_row(&mut harness, "q8");
    press(&mut harness, &[Key::X]);
    assert_eq!(quote(&harness, "q8").status, Status::Rejected);
    assert_eq!(harness.state().message(), None);
}

// A quote whose speaker is a rejected entity (a settled adjudication can
// leave one) named that entity as if nothing were wrong; the report counts
// such a quote as naming nobody.
#[test]
fn a_rejected_speaker_is_marked_in_the_quotes_panel() {
    let (_dir, path) = gold_copy();
    let mut doc = load_annotations(&path).unwrap();
    let e1 = doc.entities.iter_mut().find(|e| e.id == "e1").unwrap();
    e1.status = Status::Rejected;
    save_annotations(&path, &doc).unwrap();
    let harness = window(vec![path]);
    let marked = harness
        .query_all_by_label_contains("· Antony Blinken (rejected entity) ·")
        .count();
    assert_eq!(marked, 4, "q1 to q4 are his");
}

// The quote editor showed the quote's words first, so Accept, Reject and the
// Speaker box moved up and down with each quote's length: a reviewer going
// from quote to quote had to look for them again.
#[test]
fn accept_reject_and_speaker_stay_in_place_from_quote_to_quote() {
    let (_dir, path) = gold_copy();
    let mut harness = window(vec![path]);
    let ids: Vec<String> = doc(&harness).quotes.iter().map(|q| q.id.clone()).collect();
    let place = |h: &Harness<'_, App>| {
        ["Accept", "Reject", "Speaker", "Kind"].map(|label| h.get_by_label(label).rect().min)
    };
    click_quote_row(&mut harness, &ids[0]);
    let first = place(&harness);
    let lengths: Vec<usize> = (doc(&harness).quotes.iter())
        .map(|q| q.content.iter().map(|s| s.end - s.start).sum())
        .collect();
    assert!(
        lengths.iter().max() > Some(&(3 * lengths.iter().min().unwrap())),
        "the sample's quotes differ in length: {lengths:?}"
    );
    for id in &ids[1..] {
        click_quote_row(&mut harness, id);
        assert_eq!(place(&harness), first, "{id}");
    }
}

// The entity's Name field was 130 points wide whatever the panel's width,
// so a long name was cut in view while a reviewer corrected it.
#[test]
fn the_name_field_takes_the_width_of_its_row() {
    let (_dir, path) = gold_copy();
    let mut harness = window(vec![path]);
    harness.get_by_label("Dmytro Kuleba · 4").click();
    harness.run();
    let field = harness.get_by_label("Name").rect();
    let rename = harness.get_by_label("Rename").rect();
    assert!(field.width() > 160.0, "130 points before: {field:?}");
    assert!(rename.min.y >= field.max.y, "{field:?} {rename:?}");
}
