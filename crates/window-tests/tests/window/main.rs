//! The review window driven the way a person drives it: by the labels of its
//! widgets, keys and clicks in the text, checked against the model and
//! against the files it writes.

mod adjudication;
mod folders;
mod least_sure;
mod models;
mod people;
mod promises;
mod recovery;
mod review;

use std::path::{Path, PathBuf};

use egui::{Event, Key, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use quotecheck::app::{App, Question, Settings};
use quotecheck_core::format::load_annotations;
use quotecheck_core::model::{Annotations, Origin, Status};

const GOLD: &str = "../core/tests/fixtures/blinken-lavrov.gold.json";

/// A copy of the gold annotation file in a fresh folder, so saving is safe.
fn gold_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("blinken-lavrov.json");
    std::fs::copy(GOLD, &path).unwrap();
    (dir, path)
}

/// The window on `files`, with no data folder (so no crash recovery or
/// queue places) and files named in the path field.
fn window(files: Vec<PathBuf>) -> Harness<'static, App> {
    window_with(App::new(files, Settings::default(), None))
}

fn window_with(app: App) -> Harness<'static, App> {
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app.without_native_dialogs());
    wait_for_files(&mut harness);
    harness
}

/// Steps until the background loading is done.
fn wait_for_files(harness: &mut Harness<'_, App>) {
    for _ in 0..500 {
        harness.step();
        if !harness.state().is_loading() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(!harness.state().is_loading(), "files still loading");
    harness.run();
}

fn doc<'h>(harness: &'h Harness<'_, App>) -> &'h Annotations {
    harness
        .state()
        .document()
        .expect("a document is open")
        .annotations()
}

fn quote<'a>(harness: &'a Harness<'_, App>, id: &str) -> &'a quotecheck_core::model::Quote {
    let d = doc(harness);
    &d.quotes[d.quote_index(id).unwrap()]
}

/// Presses each key in turn, letting the window settle after each.
fn press(harness: &mut Harness<'_, App>, keys: &[Key]) {
    for &key in keys {
        harness.key_press(key);
        harness.run();
    }
}

fn selected_quote<'h>(harness: &'h Harness<'_, App>) -> Option<&'h str> {
    harness.state().document()?.selection.quote.as_deref()
}

/// Clicks the quote's line in the quotes panel.
fn click_quote_row(harness: &mut Harness<'_, App>, id: &str) {
    // Rows read "q5 indirect · …"; the editor above reads "q5 · …".
    let (row, editor) = (format!("{id} "), format!("{id} ·"));
    harness
        .get_by(|n| {
            n.label()
                .is_some_and(|l| l.starts_with(&row) && !l.starts_with(&editor))
        })
        .click();
    harness.run();
}

/// Selects quote `quote` and picks `choice` ("nobody", a name, "new
/// person…") from its Speaker box.
fn pick_speaker(harness: &mut Harness<'_, App>, quote: &str, choice: &str) {
    click_quote_row(harness, quote);
    harness.get_by_label("Speaker").click();
    harness.run();
    harness.get_by_label(choice).click();
    harness.run();
}

/// Clicks the article text at char `pos`.
fn click_text(harness: &mut Harness<'_, App>, pos: usize) {
    let at: Pos2 = harness.state().article_point(pos).expect("char is drawn");
    for pressed in [true, false] {
        harness.event(Event::PointerMoved(at));
        harness.event(Event::PointerButton {
            pos: at,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        harness.step();
    }
    harness.run();
}

/// Drags over the article from char `first` to char `last` (both
/// included), the way a hand does: press, move in steps, release.
fn drag_text(harness: &mut Harness<'_, App>, first: usize, last: usize) {
    let from = harness.state().article_point(first).expect("char is drawn") - egui::vec2(3.0, 0.0);
    let to = harness.state().article_point(last).expect("char is drawn") + egui::vec2(3.0, 0.0);
    harness.event(Event::PointerMoved(from));
    harness.drag_at(from);
    harness.step();
    for step in 1..=5 {
        harness.event(Event::PointerMoved(
            from + (to - from) * (step as f32 / 5.0),
        ));
        harness.step();
    }
    harness.drop_at(to);
    harness.run();
}

/// The char offset of the first `needle` at or after char `from`.
fn char_offset(harness: &Harness<'_, App>, needle: &str, from: usize) -> usize {
    let text = doc(harness).text();
    let byte_from = text.char_indices().nth(from).map_or(text.len(), |(b, _)| b);
    let byte = byte_from + text[byte_from..].find(needle).expect("the text holds it");
    text[..byte].chars().count()
}

fn menu(harness: &mut Harness<'_, App>, menu: &str, item: &str) {
    harness.get_by_label(menu).click();
    harness.run();
    // Items with a shortcut read "Save Ctrl+S".
    let with_shortcut = format!("{item} Ctrl");
    harness
        .get_by(|n| {
            n.label()
                .is_some_and(|l| l == item || l.starts_with(&with_shortcut))
        })
        .click();
    harness.run();
}

/// Fills the path field (replacing what it holds) and clicks `button`.
fn enter_path(harness: &mut Harness<'_, App>, path: &Path, button: &str) {
    harness.get_by_label("Path:").focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness
        .get_by_label("Path:")
        .type_text(&path.display().to_string());
    harness.run();
    harness.get_by_label(button).click();
    wait_for_files(harness);
}
