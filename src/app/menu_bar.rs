//! The menu bar: File, Edit, Review, Entity and View menus made from the
//! [`Command`]s, and a tab per open document.

use egui::Ui;

use super::App;
use super::command::Command;
use super::request::Request;
use quotecheck_core::format::export::Target;
use quotecheck_core::model::Gender;

pub fn ui(ui: &mut Ui, app: &App, requests: &mut Vec<Request>) {
    egui::Panel::top("menu bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                entries(
                    ui,
                    app,
                    requests,
                    &[
                        Command::Open,
                        Command::OpenByPath,
                        Command::OpenFolder,
                        Command::Save,
                        Command::SaveAs,
                        Command::SaveToPath,
                        Command::CompareWith,
                        Command::ReviewerName,
                    ],
                );
                ui.add_enabled_ui(app.document().is_some(), |ui| {
                    ui.menu_button("Export", |ui| {
                        let exports = Target::ALL.map(Command::Export);
                        entries(ui, app, requests, &exports);
                    });
                });
                entries(ui, app, requests, &[Command::Close, Command::Quit]);
            });
            ui.menu_button("Edit", |ui| {
                let history = app.document().map(|d| d.history());
                let steps = [
                    (Command::Undo, history.and_then(|h| h.undo_name())),
                    (Command::Redo, history.and_then(|h| h.redo_name())),
                ];
                for (command, what) in steps {
                    let label = match what {
                        Some(what) => format!("{} {what}", command.label()),
                        None => command.label(),
                    };
                    if command.menu_button_labelled(ui, app.can_run(command), label) {
                        requests.push(Request::Run(command));
                    }
                }
            });
            ui.menu_button("Review", |ui| {
                entries(
                    ui,
                    app,
                    requests,
                    &[
                        Command::AcceptQuote,
                        Command::RejectQuote,
                        Command::NextQuote,
                        Command::PreviousQuote,
                        Command::ClearSelection,
                    ],
                );
                ui.separator();
                entries(
                    ui,
                    app,
                    requests,
                    &[
                        Command::NextArticle,
                        Command::PreviousArticle,
                        Command::MarkDone,
                    ],
                );
                if app.adjudicating().is_some() {
                    ui.separator();
                    entries(
                        ui,
                        app,
                        requests,
                        &[
                            Command::NextDifference,
                            Command::PreviousDifference,
                            Command::TakeA,
                            Command::TakeB,
                            Command::EditDifference,
                        ],
                    );
                }
            });
            ui.menu_button("Entity", |ui| {
                ui.menu_button("Gender", |ui| {
                    entries(ui, app, requests, &Gender::ALL.map(Command::SetGender));
                });
                entries(
                    ui,
                    app,
                    requests,
                    &[
                        Command::ConfirmEntity,
                        Command::LinkRegistry,
                        Command::AddToRegistry,
                    ],
                );
            });
            ui.menu_button("View", |ui| {
                entries(
                    ui,
                    app,
                    requests,
                    &[Command::LargerText, Command::SmallerText],
                );
                ui.separator();
                let on = app.settings().least_sure_first;
                if Command::LeastSureFirst.menu_toggle(ui, on) {
                    requests.push(Request::Run(Command::LeastSureFirst));
                }
            });
            if app.documents().len() > 1 {
                ui.separator();
                for doc in app.documents() {
                    let mark = if doc.is_dirty() { " *" } else { "" };
                    let selected = app.document().is_some_and(|d| d.uid == doc.uid);
                    if ui
                        .selectable_label(selected, format!("{}{mark}", doc.display_name))
                        .clicked()
                    {
                        requests.push(Request::ShowDocument(doc.uid));
                    }
                }
            }
        });
    });
}

/// A menu entry per command, greyed out where it can do nothing now.
fn entries(ui: &mut Ui, app: &App, requests: &mut Vec<Request>, commands: &[Command]) {
    for &command in commands {
        if command.menu_button(ui, app.can_run(command)) {
            requests.push(Request::Run(command));
        }
    }
}
