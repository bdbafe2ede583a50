//! Dialogs: the native file dialog (on its own thread, so the window keeps
//! drawing), the in-window path field that stands in where no native dialog
//! can be shown, and the questions asked before work could be lost.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

use egui::{Key, Modal, TextEdit};

use quotecheck_core::format::export::Target;

/// What a chosen path is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilePurpose {
    Open,
    /// A folder of articles to review as a queue.
    OpenFolder,
    /// Save the document with this uid.
    SaveAs(u64),
    /// Write the document with this uid in another tool's format.
    Export(u64, Target),
    /// Compare the document with this uid with another reviewer's file.
    CompareWith(u64),
}

/// A native dialog that returns this fast was never shown: on a system with no
/// desktop portal (a bare X server) rfd gives up at once.
const NO_DIALOG_SHOWN: Duration = Duration::from_millis(400);

/// A native file dialog running on its own thread.
pub struct NativeDialog {
    pub purpose: FilePurpose,
    started: Instant,
    receiver: Receiver<Option<PathBuf>>,
}

/// How a native dialog ended.
pub enum DialogEnd {
    Chosen(PathBuf),
    Cancelled,
    /// No dialog could be shown; ask in the window instead.
    Unavailable,
}

impl NativeDialog {
    /// Opens the dialog; `suggested` names the file a save starts from.
    pub fn start(
        purpose: FilePurpose,
        suggested: Option<PathBuf>,
        wake: impl FnOnce() + Send + 'static,
    ) -> NativeDialog {
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let mut dialog = rfd::FileDialog::new();
            if let Some(dir) = suggested.as_ref().and_then(|p| p.parent())
                && !dir.as_os_str().is_empty()
            {
                dialog = dialog.set_directory(dir);
            }
            let chosen = match purpose {
                FilePurpose::CompareWith(_) => {
                    dialog.add_filter("Annotation files", &["json"]).pick_file()
                }
                FilePurpose::Open => dialog
                    .add_filter("Articles and annotations", &["txt", "json"])
                    .add_filter("All files", &["*"])
                    .pick_file(),
                FilePurpose::OpenFolder => dialog.pick_folder(),
                FilePurpose::SaveAs(_) | FilePurpose::Export(..) => {
                    if let Some(name) = suggested.as_ref().and_then(|p| p.file_name()) {
                        dialog = dialog.set_file_name(name.to_string_lossy());
                    }
                    let (what, ext) = match purpose {
                        FilePurpose::Export(_, target) => (target.label(), target.extension()),
                        _ => ("Annotation files", "json"),
                    };
                    dialog.add_filter(what, &[ext]).save_file()
                }
            };
            // The window may have closed meanwhile; then nobody is waiting.
            let _ = sender.send(chosen);
            wake();
        });
        NativeDialog {
            purpose,
            started: Instant::now(),
            receiver,
        }
    }

    pub fn poll(&self) -> Option<DialogEnd> {
        match self.receiver.try_recv() {
            Ok(Some(path)) => Some(DialogEnd::Chosen(path)),
            Ok(None) if self.started.elapsed() < NO_DIALOG_SHOWN => Some(DialogEnd::Unavailable),
            Ok(None) => Some(DialogEnd::Cancelled),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(DialogEnd::Unavailable),
        }
    }
}

/// The in-window way to name a file: a path field with a button.
pub struct PathPrompt {
    pub purpose: FilePurpose,
    pub path: String,
    /// Why the prompt is shown (e.g. "No file dialog is available").
    pub note: Option<String>,
}

pub enum PathPromptEnd {
    Confirmed(PathBuf),
    Cancelled,
}

impl PathPrompt {
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<PathPromptEnd> {
        let (title, button, hint) = match self.purpose {
            FilePurpose::Open => (
                "Open a file".to_owned(),
                "Open",
                "folder/article.txt or .json",
            ),
            FilePurpose::OpenFolder => ("Open a folder of articles".to_owned(), "Open", "folder"),
            FilePurpose::CompareWith(_) => (
                "Compare with another reviewer's file".to_owned(),
                "Compare",
                "folder/article.json",
            ),
            FilePurpose::SaveAs(_) => (
                "Save annotations".to_owned(),
                "Save here",
                "folder/article.json",
            ),
            FilePurpose::Export(_, target) => (
                format!("Export as {}", target.label()),
                "Export",
                "folder/article",
            ),
        };
        let mut end = None;
        Modal::new(egui::Id::unique("path prompt")).show(ctx, |ui| {
            ui.heading(title);
            if let Some(note) = &self.note {
                ui.label(note);
            }
            let label = ui.label("Path:");
            let field = ui
                .add(
                    TextEdit::singleline(&mut self.path)
                        .desired_width(420.0)
                        .hint_text(hint),
                )
                .labelled_by(label.id);
            if !field.has_focus() && self.path.is_empty() {
                field.request_focus();
            }
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            ui.horizontal(|ui| {
                let ready = !self.path.trim().is_empty();
                if ui.add_enabled(ready, egui::Button::new(button)).clicked() || (entered && ready)
                {
                    end = Some(PathPromptEnd::Confirmed(PathBuf::from(self.path.trim())));
                }
                if ui.button("Cancel").clicked() {
                    end = Some(PathPromptEnd::Cancelled);
                }
            });
        });
        end
    }
}

/// A question that must be answered before going on.
#[derive(Debug, Clone, PartialEq)]
pub enum Question {
    /// Write over `path`, a file this document did not come from? `export`
    /// names the format when exporting rather than saving.
    Overwrite {
        document: u64,
        path: PathBuf,
        export: Option<Target>,
    },
    /// Save over the document's own file, which someone else changed since
    /// it was opened here?
    ChangedOnDisk { document: u64, path: PathBuf },
    /// The document has unsaved changes and is about to close.
    Unsaved { document: u64, name: String },
    /// Work of an earlier run that ended without saving it.
    Restore { names: Vec<String> },
    /// The article is about to be marked done with quotes nobody decided.
    PendingQuotes { document: u64, pending: usize },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Overwrite,
    Save,
    SaveAs,
    Discard,
    Restore,
    /// Accept every pending quote, then go on.
    AcceptPending,
    /// Go on, leaving pending quotes pending.
    LeavePending,
    Cancel,
}

impl Question {
    pub fn ui(&self, ctx: &egui::Context) -> Option<Answer> {
        let mut answer = None;
        let (heading, text, buttons): (&str, String, &[(&str, Answer)]) = match self {
            Question::Overwrite { path, export, .. } => (
                "Replace the file?",
                format!(
                    "{} exists and was not opened here. {} replaces it.",
                    path.display(),
                    if export.is_some() {
                        "Exporting"
                    } else {
                        "Saving"
                    }
                ),
                &[("Replace", Answer::Overwrite), ("Cancel", Answer::Cancel)],
            ),
            Question::ChangedOnDisk { path, .. } => (
                "The file changed on disk",
                format!(
                    "{} was changed by another program or person since it was opened here. Saving replaces those changes.",
                    path.display()
                ),
                &[
                    ("Replace", Answer::Overwrite),
                    ("Save As…", Answer::SaveAs),
                    ("Cancel", Answer::Cancel),
                ],
            ),
            Question::Unsaved { name, .. } => (
                "Unsaved changes",
                format!("{name} has changes that are not saved."),
                &[
                    ("Save", Answer::Save),
                    ("Discard", Answer::Discard),
                    ("Cancel", Answer::Cancel),
                ],
            ),
            Question::Restore { names } => (
                "Restore unsaved work?",
                format!(
                    "quotecheck closed last time without saving this work: {}. Restore opens it, unsaved; Discard deletes it.",
                    names.join(", ")
                ),
                &[
                    ("Restore", Answer::Restore),
                    ("Discard", Answer::Discard),
                    ("Later", Answer::Cancel),
                ],
            ),
            Question::PendingQuotes { pending, .. } => (
                "Quotes still pending",
                format!(
                    "{pending} quote{} of this article {} not been accepted or rejected. A done article with pending quotes is published and trained on as nobody checked them.",
                    if *pending == 1 { "" } else { "s" },
                    if *pending == 1 { "has" } else { "have" },
                ),
                &[
                    ("Accept all pending", Answer::AcceptPending),
                    ("Leave them pending", Answer::LeavePending),
                    ("Cancel", Answer::Cancel),
                ],
            ),
        };
        Modal::new(egui::Id::unique("question")).show(ctx, |ui| {
            ui.heading(heading);
            ui.label(text);
            ui.horizontal(|ui| {
                for &(label, a) in buttons {
                    if ui.button(label).clicked() {
                        answer = Some(a);
                    }
                }
            });
        });
        answer
    }
}

/// A problem to show until the person dismisses it: a file and every
/// problem found in it.
#[derive(Debug, Clone, PartialEq)]
pub struct ProblemReport {
    pub title: String,
    pub problems: Vec<String>,
}

/// Shows the oldest report in a window; returns true when it was dismissed.
pub fn show_report(ctx: &egui::Context, report: &ProblemReport, more: usize) -> bool {
    let mut dismissed = false;
    egui::Window::new("Problem")
        .collapsible(false)
        .resizable(true)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 40.0])
        .show(ctx, |ui| {
            ui.strong(&report.title);
            egui::ScrollArea::vertical()
                .max_height(300.0)
                .show(ui, |ui| {
                    for p in &report.problems {
                        ui.label(format!("• {p}"));
                    }
                });
            ui.horizontal(|ui| {
                dismissed = ui.button("Dismiss").clicked();
                if more > 0 {
                    ui.weak(format!("{more} more"));
                }
            });
        });
    dismissed
}
