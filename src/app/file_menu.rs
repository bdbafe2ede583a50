//! The menu bar: File, Edit and View menus, and a tab per open document.

use egui::Ui;

use super::App;
use super::actions::Action;
use quotecheck_core::format::export::Target;

pub fn ui(ui: &mut Ui, app: &App, actions: &mut Vec<Action>) {
    egui::Panel::top("menu bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| file_menu(ui, app, actions));
            ui.menu_button("Edit", |ui| edit_menu(ui, app, actions));
            ui.menu_button("View", |ui| {
                if ui.button("Larger text").clicked() {
                    actions.push(Action::TextSize(1.0));
                }
                if ui.button("Smaller text").clicked() {
                    actions.push(Action::TextSize(-1.0));
                }
            });
            if app.documents().len() > 1 {
                ui.separator();
                for (i, doc) in app.documents().iter().enumerate() {
                    let mark = if doc.is_dirty() { " *" } else { "" };
                    let selected = app.document().is_some_and(|d| d.uid == doc.uid);
                    if ui
                        .selectable_label(selected, format!("{}{mark}", doc.display_name))
                        .clicked()
                    {
                        actions.push(Action::SwitchTo(i));
                    }
                }
            }
        });
    });
}

fn file_menu(ui: &mut Ui, app: &App, actions: &mut Vec<Action>) {
    let has_doc = app.document().is_some();
    let items = [
        ("Open…", Some("Ctrl+O"), Action::Open, true),
        ("Open by path…", None, Action::OpenByPath, true),
        ("Open Folder…", None, Action::OpenFolder, true),
        ("Save", Some("Ctrl+S"), Action::Save, has_doc),
        ("Save As…", None, Action::SaveAs, has_doc),
        ("Save to path…", None, Action::SaveToPath, has_doc),
    ];
    menu_items(ui, &items, actions);
    ui.add_enabled_ui(has_doc, |ui| {
        ui.menu_button("Export", |ui| {
            for target in Target::ALL {
                if ui.button(format!("{}…", target.label())).clicked() {
                    actions.push(Action::Export(target));
                }
            }
        });
    });
    let items = [
        ("Close", None, Action::Close, has_doc),
        ("Quit", Some("Ctrl+Q"), Action::Quit, true),
    ];
    menu_items(ui, &items, actions);
}

type MenuItem = (&'static str, Option<&'static str>, Action, bool);

fn menu_items(ui: &mut Ui, items: &[MenuItem], actions: &mut Vec<Action>) {
    for (text, shortcut, action, enabled) in items.iter().cloned() {
        let mut button = egui::Button::new(text);
        if let Some(shortcut) = shortcut {
            button = button.shortcut_text(shortcut);
        }
        if ui.add_enabled(enabled, button).clicked() {
            actions.push(action);
        }
    }
}

fn edit_menu(ui: &mut Ui, app: &App, actions: &mut Vec<Action>) {
    let history = app.document().map(|d| &d.history);
    let steps = [
        (
            "Undo",
            history.and_then(|h| h.undo_name()),
            "Ctrl+Z",
            Action::Undo,
        ),
        (
            "Redo",
            history.and_then(|h| h.redo_name()),
            "Ctrl+Shift+Z",
            Action::Redo,
        ),
    ];
    for (verb, what, shortcut, action) in steps {
        let text = what.map_or_else(|| verb.to_owned(), |what| format!("{verb} {what}"));
        let button = egui::Button::new(text).shortcut_text(shortcut);
        if ui.add_enabled(what.is_some(), button).clicked() {
            actions.push(action);
        }
    }
}
