//! The review window: one article at a time, its tags at a glance, every
//! correction an edit on the annotation model.
//!
//! [`App`] holds the open documents and the state of dialogs; the panels
//! ([`article_view`], [`quotes_panel`], [`entities_panel`], [`status_bar`],
//! [`file_menu`]) only read a document and push [`Action`]s, which the app
//! turns into transactions applied through each document's history.

mod actions;
mod article_view;
mod autosave;
mod dialogs;
mod document;
mod entities_panel;
mod file_menu;
mod layout;
mod loading;
mod queue_panel;
mod quotes_panel;
mod status_bar;
mod theme;

use std::path::{Path, PathBuf};

use egui::{Key, KeyboardShortcut, Modifiers, ViewportCommand};
use serde::{Deserialize, Serialize};

pub use actions::{Action, Reveal};
pub use dialogs::{Question, Report};
pub use document::{OpenDocument, Selection};

use article_view::ArticleView;
use autosave::Autosave;
use dialogs::{Answer, DialogEnd, FilePurpose, NativeDialog, PathPrompt, PathPromptEnd};
use entities_panel::EntitiesPanel;
use loading::{LoadJob, Source};
use queue_panel::FolderQueue;
use quotes_panel::QuotesPanel;

use crate::format::export::Target;
use crate::model::Status;
use crate::queue::Queue;
use crate::recovery::{RecoveryStore, Snapshot};

/// The article `quotecheck` opens when given no files, built in so that it
/// works from any folder.
const SAMPLE_NAME: &str = "blinken-lavrov.txt";
const SAMPLE_TEXT: &str = include_str!("../../assets/sample/blinken-lavrov.txt");

/// Key of the settings in eframe's storage.
const SETTINGS_KEY: &str = "quotecheck-settings";

/// What the window remembers between runs (eframe keeps the window size and
/// egui the panel widths).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Point size of the article text.
    pub text_size: f32,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings { text_size: 16.0 }
    }
}

const TEXT_SIZES: std::ops::RangeInclusive<f32> = 9.0..=40.0;

/// What the window is closing: one document, or everything before quitting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Closing {
    Document(u64),
    Quit,
}

pub struct App {
    documents: Vec<OpenDocument>,
    active: usize,
    /// Files waiting for the first frame (which brings the repaint handle),
    /// and whether each is the folder queue's article.
    queued: Vec<(Source, bool)>,
    loads: Vec<LoadJob>,
    folder: Option<FolderQueue>,
    /// Unsaved work copied aside against crashes; `None` without a data folder.
    autosave: Option<Autosave>,
    /// Work of an earlier run, waiting for the person's answer.
    recovered: Vec<Snapshot>,
    /// Where the user's own files go (recovery, queue places).
    data_dir: Option<PathBuf>,
    /// Off in tests and where the system's file dialogs cannot be shown:
    /// files are then named in a path field.
    native_dialogs: bool,
    /// The last thing done that has no other trace (an export), for the status bar.
    message: Option<String>,
    native_dialog: Option<NativeDialog>,
    path_prompt: Option<PathPrompt>,
    question: Option<Question>,
    closing: Option<Closing>,
    reports: Vec<Report>,
    settings: Settings,
    article_view: ArticleView,
    quotes_panel: QuotesPanel,
    entities_panel: EntitiesPanel,
    /// One-shot requests for the views, set when a selection changes.
    scroll_text_to: Option<usize>,
    reveal_in_panel: bool,
    quit_confirmed: bool,
    shown_title: String,
    started: bool,
}

impl App {
    /// A window for `files` (articles, annotation files, and at most one
    /// folder to review as a queue); none opens the bundled sample article.
    /// `data_dir` is where crash recovery and queue places are kept; with
    /// `None` neither is.
    pub fn new(files: Vec<PathBuf>, settings: Settings, data_dir: Option<PathBuf>) -> App {
        let mut app = App::empty(settings);
        app.data_dir = data_dir.clone();
        if let Some(dir) = data_dir {
            let autosave = Autosave::new(RecoveryStore::new(dir.join("recovery")));
            app.recovered = autosave.pending();
            app.autosave = Some(autosave);
        }
        if !app.recovered.is_empty() {
            app.question = Some(Question::Restore {
                names: app.recovered.iter().map(snapshot_name).collect(),
            });
        }
        if files.is_empty() {
            app.queued.push((
                Source::Text {
                    name: SAMPLE_NAME.to_owned(),
                    text: SAMPLE_TEXT.to_owned(),
                },
                false,
            ));
        }
        for path in files {
            if path.is_dir() {
                app.open_folder(&path);
            } else {
                app.open(path);
            }
        }
        app
    }

    /// Files are always named in the window's own path field, never in the
    /// system's dialog (which tests cannot drive).
    pub fn without_native_dialogs(mut self) -> App {
        self.native_dialogs = false;
        self
    }

    fn empty(settings: Settings) -> App {
        App {
            documents: Vec::new(),
            active: 0,
            queued: Vec::new(),
            loads: Vec::new(),
            folder: None,
            autosave: None,
            recovered: Vec::new(),
            data_dir: None,
            native_dialogs: true,
            message: None,
            native_dialog: None,
            path_prompt: None,
            question: None,
            closing: None,
            reports: Vec::new(),
            settings,
            article_view: ArticleView::default(),
            quotes_panel: QuotesPanel::default(),
            entities_panel: EntitiesPanel::default(),
            scroll_text_to: None,
            reveal_in_panel: false,
            quit_confirmed: false,
            shown_title: String::new(),
            started: false,
        }
    }

    /// A window on annotations already in memory (not yet saved anywhere).
    pub fn from_annotations(annotations: crate::model::Annotations, settings: Settings) -> App {
        let name = annotations.document.name.clone();
        let mut app = App::empty(settings);
        app.documents.push(OpenDocument::new(annotations, name));
        app
    }

    // --- What tests and the benchmark look at. ---

    /// The document in front.
    pub fn document(&self) -> Option<&OpenDocument> {
        self.documents.get(self.active)
    }

    pub fn documents(&self) -> &[OpenDocument] {
        &self.documents
    }

    /// Files are still being read or extracted.
    pub fn is_loading(&self) -> bool {
        !self.queued.is_empty() || !self.loads.is_empty()
    }

    pub fn title(&self) -> String {
        match self.document() {
            None => "quotecheck".to_owned(),
            Some(doc) => {
                let mark = if doc.is_dirty() { " *" } else { "" };
                format!("quotecheck — {}{mark}", doc.display_name)
            }
        }
    }

    pub fn question(&self) -> Option<&Question> {
        self.question.as_ref()
    }

    pub fn reports(&self) -> &[Report] {
        &self.reports
    }

    /// The person confirmed quitting; the window closes.
    pub fn has_quit(&self) -> bool {
        self.quit_confirmed
    }

    pub fn settings(&self) -> Settings {
        self.settings
    }

    /// The folder under review, if one is open.
    pub fn queue(&self) -> Option<&Queue> {
        self.folder.as_ref().map(|f| &f.queue)
    }

    /// The status bar's note of the last export.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// Where article char `pos` was drawn in the last frame, in screen points.
    pub fn article_point(&self, pos: usize) -> Option<egui::Pos2> {
        self.article_view.screen_point(pos)
    }

    // --- The frame. ---

    /// Draws the whole window into `ui` and handles what the person did.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if !self.started {
            self.started = true;
            // Ctrl+plus/minus size the article text, not the whole window.
            ctx.options_mut(|o| o.zoom_with_keyboard = false);
        }
        self.start_queued(&ctx);
        self.poll_background(&ctx);
        let mut actions = Vec::new();
        self.window_events(&ctx, &mut actions);
        self.autosave(&ctx);
        if self.question.is_none() && self.path_prompt.is_none() {
            shortcuts(&ctx, &mut actions);
        }

        file_menu::ui(ui, self, &mut actions);
        egui::Panel::bottom("status bar").show(ui, |ui| {
            status_bar::ui(
                ui,
                self.document(),
                &self.loads,
                self.message.as_deref(),
                &mut actions,
            );
        });
        if let Some(folder) = &self.folder {
            egui::Panel::left("queue")
                .resizable(true)
                .default_size(240.0)
                .show(ui, |ui| queue_panel::ui(ui, folder, &mut actions));
        }
        if let Some(doc) = self.documents.get(self.active) {
            egui::Panel::left("entities")
                .resizable(true)
                .default_size(250.0)
                .show(ui, |ui| self.entities_panel.ui(ui, doc, &mut actions));
            let reveal = std::mem::take(&mut self.reveal_in_panel);
            egui::Panel::right("quotes")
                .resizable(true)
                .default_size(380.0)
                .show(ui, |ui| self.quotes_panel.ui(ui, doc, reveal, &mut actions));
            let scroll_to = self.scroll_text_to.take();
            let text_size = self.settings.text_size;
            egui::CentralPanel::default().show(ui, |ui| {
                self.article_view
                    .ui(ui, doc, text_size, scroll_to, &mut actions);
            });
        } else {
            egui::CentralPanel::default().show(ui, |ui| {
                empty_window(ui, !self.loads.is_empty(), &mut actions);
            });
        }
        self.dialogs(&ctx);
        for action in actions {
            self.handle(&ctx, action);
        }
        // Saved, discarded or undone work needs no recovery; done in the
        // frame that confirms quitting, before the window closes.
        if let Some(autosave) = &mut self.autosave {
            autosave.forget_clean(&self.documents);
        }
        let title = self.title();
        if title != self.shown_title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
    }

    fn start_queued(&mut self, ctx: &egui::Context) {
        for (source, for_queue) in self.queued.drain(..) {
            let ctx = ctx.clone();
            self.loads.push(LoadJob::start(source, for_queue, move || {
                ctx.request_repaint()
            }));
        }
    }

    fn open(&mut self, path: PathBuf) {
        self.queued.push((Source::File(path), false));
    }

    /// Copies unsaved work aside when a round is due or the window lost the
    /// focus, and makes sure an idle window wakes for the next round.
    fn autosave(&mut self, ctx: &egui::Context) {
        let Some(autosave) = &mut self.autosave else {
            return;
        };
        let (now, focus_lost) = ctx.input(|i| {
            let lost = i
                .events
                .iter()
                .any(|e| matches!(e, egui::Event::WindowFocused(false)));
            (i.time, lost)
        });
        if let Some(e) = autosave.tick(now, focus_lost, &self.documents) {
            let mut problems = e.problems();
            problems.push("Your work is still open here; save it to keep it.".to_owned());
            self.reports.push(Report {
                title: "Could not keep a recovery copy of unsaved work".to_owned(),
                problems,
            });
        }
        if self.documents.iter().any(OpenDocument::is_dirty) {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                autosave.due_in(now).max(1.0),
            ));
        }
    }

    fn poll_background(&mut self, ctx: &egui::Context) {
        let mut still_loading = Vec::new();
        for job in self.loads.drain(..) {
            match job.poll() {
                None => still_loading.push(job),
                Some(Ok(mut doc)) => {
                    if !doc.warnings.is_empty() {
                        self.reports.push(Report {
                            title: format!("{} opened with a warning", doc.display_name),
                            problems: std::mem::take(&mut doc.warnings),
                        });
                    }
                    if job.for_queue
                        && let Some(folder) = &mut self.folder
                    {
                        folder.doc = Some(doc.uid);
                        folder.loading = false;
                    }
                    self.documents.push(doc);
                    self.active = self.documents.len() - 1;
                }
                Some(Err(failure)) => {
                    if job.for_queue
                        && let Some(folder) = &mut self.folder
                    {
                        folder.loading = false;
                    }
                    self.reports.push(Report {
                        title: format!("Could not open {}", failure.file),
                        problems: failure.problems,
                    });
                }
            }
        }
        self.loads = still_loading;

        let ended = self
            .native_dialog
            .as_ref()
            .and_then(|d| Some((d.purpose, d.poll()?)));
        if let Some((purpose, end)) = ended {
            self.native_dialog = None;
            match end {
                DialogEnd::Chosen(path) => self.path_chosen(purpose, path),
                DialogEnd::Cancelled => self.closing = None,
                DialogEnd::Unavailable => {
                    self.path_prompt = Some(self.path_prompt_for(
                        purpose,
                        Some("No file dialog can be shown here; type the path instead.".to_owned()),
                    ));
                }
            }
        }
        if !self.loads.is_empty() {
            // Keep the spinner turning while files are read.
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

    /// Files dropped on the window, and the window's close button.
    fn window_events(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .collect()
        });
        for path in dropped {
            self.open(path);
        }
        if ctx.input(|i| i.viewport().close_requested())
            && !self.quit_confirmed
            && self.documents.iter().any(OpenDocument::is_dirty)
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            actions.push(Action::Quit);
        }
    }

    fn dialogs(&mut self, ctx: &egui::Context) {
        if let Some(report) = self.reports.first()
            && dialogs::show_report(ctx, report, self.reports.len() - 1)
        {
            self.reports.remove(0);
        }
        if let Some(prompt) = &mut self.path_prompt {
            match prompt.ui(ctx) {
                Some(PathPromptEnd::Confirmed(path)) => {
                    let purpose = prompt.purpose;
                    self.path_prompt = None;
                    self.path_chosen(purpose, path);
                }
                Some(PathPromptEnd::Cancelled) => {
                    self.path_prompt = None;
                    self.closing = None;
                }
                None => {}
            }
        }
        let answer = self
            .question
            .as_ref()
            .and_then(|q| Some((q.clone(), q.ui(ctx)?)));
        if let Some((question, answer)) = answer {
            self.question = None;
            self.answered(ctx, question, answer);
        }
    }

    fn path_prompt_for(&self, purpose: FilePurpose, note: Option<String>) -> PathPrompt {
        let path = self
            .suggested_path(purpose)
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        PathPrompt {
            purpose,
            path,
            note,
        }
    }

    /// Where a file chosen for `purpose` starts: nothing to open, and for
    /// writing the document's own file or a name beside its article.
    fn suggested_path(&self, purpose: FilePurpose) -> Option<PathBuf> {
        match purpose {
            FilePurpose::Open | FilePurpose::OpenFolder => None,
            FilePurpose::SaveAs(uid) => self
                .document_by_uid(uid)
                .map(|i| suggested_save_path(&self.documents[i])),
            FilePurpose::Export(uid, target) => self.document_by_uid(uid).map(|i| {
                suggested_save_path(&self.documents[i]).with_extension(target.extension())
            }),
        }
    }

    /// Asks for a file for `purpose`: in the system's dialog where there is
    /// one, else in the window's path field.
    fn ask_for_path(&mut self, ctx: &egui::Context, purpose: FilePurpose) {
        if self.native_dialog.is_some() || self.path_prompt.is_some() {
            return;
        }
        if !self.native_dialogs {
            self.path_prompt = Some(self.path_prompt_for(purpose, None));
            return;
        }
        let suggested = self.suggested_path(purpose);
        let ctx = ctx.clone();
        self.native_dialog = Some(NativeDialog::start(purpose, suggested, move || {
            ctx.request_repaint()
        }));
    }

    fn path_chosen(&mut self, purpose: FilePurpose, path: PathBuf) {
        match purpose {
            FilePurpose::Open if path.is_dir() => self.open_folder(&path),
            FilePurpose::Open => self.open(path),
            FilePurpose::OpenFolder => self.open_folder(&path),
            FilePurpose::SaveAs(uid) => self.save_to(uid, path, false),
            FilePurpose::Export(uid, target) => self.export_to(uid, target, path, false),
        }
    }

    fn document_by_uid(&self, uid: u64) -> Option<usize> {
        self.documents.iter().position(|d| d.uid == uid)
    }

    // --- Saving and closing. ---

    fn save(&mut self, ctx: &egui::Context, uid: u64) {
        let Some(i) = self.document_by_uid(uid) else {
            return;
        };
        match self.documents[i].save_path.clone() {
            Some(path) => self.save_to(uid, path, false),
            None => self.ask_for_save_path(ctx, uid),
        }
    }

    fn ask_for_save_path(&mut self, ctx: &egui::Context, uid: u64) {
        self.ask_for_path(ctx, FilePurpose::SaveAs(uid));
    }

    /// Writes document `uid` to `path`; asks first (unless `confirmed`) when
    /// `path` is some other file that exists, or the document's own file
    /// changed on disk since it was read.
    fn save_to(&mut self, uid: u64, path: PathBuf, confirmed: bool) {
        let Some(i) = self.document_by_uid(uid) else {
            return;
        };
        let doc = &mut self.documents[i];
        if !confirmed {
            let own = same_file(doc.own_file.as_deref(), &path);
            let question = if path.exists() && !own {
                Some(Question::Overwrite {
                    document: uid,
                    path: path.clone(),
                    export: None,
                })
            } else if own && doc.changed_on_disk() {
                Some(Question::ChangedOnDisk {
                    document: uid,
                    path: path.clone(),
                })
            } else {
                None
            };
            if question.is_some() {
                self.question = question;
                return;
            }
        }
        match crate::format::save_annotations(&path, &doc.annotations) {
            Ok(()) => {
                doc.mark_saved(&path);
                let status = doc.annotations.review.status;
                self.queue_item_saved(uid, status);
                self.continue_closing();
            }
            Err(e) => {
                self.closing = None;
                self.reports.push(Report {
                    title: format!(
                        "Could not save {}; the changes are still here, unsaved",
                        doc.display_name
                    ),
                    problems: e.problems(),
                });
            }
        }
    }

    /// Takes the next step of closing a document or quitting: close what is
    /// saved, ask about what is not.
    fn continue_closing(&mut self) {
        match self.closing {
            None => {}
            Some(Closing::Document(uid)) => {
                if let Some(i) = self.document_by_uid(uid) {
                    if self.documents[i].is_dirty() {
                        self.ask_unsaved(i);
                        return;
                    }
                    self.remove_document(i);
                }
                self.closing = None;
            }
            Some(Closing::Quit) => {
                if let Some(i) = self.documents.iter().position(OpenDocument::is_dirty) {
                    self.ask_unsaved(i);
                } else {
                    self.closing = None;
                    self.quit_confirmed = true;
                }
            }
        }
    }

    fn ask_unsaved(&mut self, i: usize) {
        self.active = i;
        let doc = &self.documents[i];
        self.question = Some(Question::Unsaved {
            document: doc.uid,
            name: doc.display_name.clone(),
        });
    }

    fn remove_document(&mut self, i: usize) {
        let removed = self.documents.remove(i);
        if let Some(folder) = &mut self.folder
            && folder.doc == Some(removed.uid)
        {
            folder.doc = None;
        }
        if self.active >= i && self.active > 0 {
            self.active -= 1;
        }
    }

    /// Writes document `uid` in `target`'s format to `path`, asking first
    /// (unless `confirmed`) before replacing a file.
    fn export_to(&mut self, uid: u64, target: Target, path: PathBuf, confirmed: bool) {
        let Some(i) = self.document_by_uid(uid) else {
            return;
        };
        if !confirmed && path.exists() {
            self.question = Some(Question::Overwrite {
                document: uid,
                path,
                export: Some(target),
            });
            return;
        }
        let doc = &self.documents[i];
        match crate::format::export::export(&doc.annotations, target, &path) {
            Ok(written) => {
                let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
                self.message = Some(format!("Exported to {}", names.join(" and ")));
            }
            Err(e) => self.reports.push(Report {
                title: format!("Could not export {}", doc.display_name),
                problems: e.problems(),
            }),
        }
    }

    fn answered(&mut self, ctx: &egui::Context, question: Question, answer: Answer) {
        match (question, answer) {
            (
                Question::Overwrite {
                    document,
                    path,
                    export: None,
                }
                | Question::ChangedOnDisk { document, path },
                Answer::Overwrite,
            ) => {
                self.save_to(document, path, true);
            }
            (
                Question::Overwrite {
                    document,
                    path,
                    export: Some(target),
                },
                Answer::Overwrite,
            ) => self.export_to(document, target, path, true),
            (Question::ChangedOnDisk { document, .. }, Answer::SaveAs) => {
                self.ask_for_save_path(ctx, document);
            }
            (Question::Restore { .. }, Answer::Restore) => self.restore_recovered(),
            (Question::Restore { .. }, Answer::Discard) => {
                for snapshot in std::mem::take(&mut self.recovered) {
                    if let Some(autosave) = &self.autosave {
                        autosave.discard(&snapshot);
                    }
                }
            }
            (Question::Unsaved { document, .. }, Answer::Save) => self.save(ctx, document),
            (Question::Unsaved { document, .. }, Answer::Discard) => {
                if let Some(i) = self.document_by_uid(document) {
                    self.remove_document(i);
                }
                self.continue_closing();
            }
            _ => self.closing = None,
        }
        if self.quit_confirmed {
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
    }

    // --- Actions. ---

    fn handle(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::Open => self.ask_for_path(ctx, FilePurpose::Open),
            Action::OpenFolder => self.ask_for_path(ctx, FilePurpose::OpenFolder),
            Action::NextArticle => self.go_to_article(|at| at + 1),
            Action::PreviousArticle => self.go_to_article(|at| at.wrapping_sub(1)),
            Action::GoToArticle(i) => self.go_to_article(|_| i),
            Action::MarkDone => self.mark_done(),
            Action::OpenByPath => {
                self.path_prompt = Some(self.path_prompt_for(FilePurpose::Open, None))
            }
            Action::CancelLoading => self.loads.clear(),
            Action::TextSize(delta) => {
                let size =
                    (self.settings.text_size + delta).clamp(*TEXT_SIZES.start(), *TEXT_SIZES.end());
                self.settings.text_size = size;
            }
            Action::SwitchTo(i) => {
                if i < self.documents.len() {
                    self.active = i;
                }
            }
            Action::Quit => {
                self.closing = Some(Closing::Quit);
                self.continue_closing();
                if self.quit_confirmed {
                    ctx.send_viewport_cmd(ViewportCommand::Close);
                }
            }
            other => self.handle_document_action(ctx, other),
        }
    }

    /// Actions on the document in front.
    fn handle_document_action(&mut self, ctx: &egui::Context, action: Action) {
        let Some(doc) = self.documents.get_mut(self.active) else {
            return;
        };
        let uid = doc.uid;
        match action {
            Action::Apply(tx) => {
                doc.apply(tx);
            }
            Action::Undo => {
                doc.undo();
            }
            Action::Redo => {
                doc.redo();
            }
            Action::SelectQuote { id, reveal } => {
                let start = id
                    .as_deref()
                    .and_then(|id| doc.annotations.quote_index(id))
                    .map(|i| doc.annotations.quotes[i].start());
                doc.selection.quote = id;
                if matches!(reveal, Reveal::InText | Reveal::Both) {
                    self.scroll_text_to = start;
                }
                self.reveal_in_panel = matches!(reveal, Reveal::InPanel | Reveal::Both);
            }
            Action::SelectEntity(id) => doc.selection.entity = id,
            Action::SelectText(range) => doc.selection.text = range,
            Action::SpeakerFromText(entity) => {
                if let Some(q) = doc.selected_quote()
                    && doc.annotations.quotes[q].speaker.as_deref() != Some(entity.as_str())
                    && let Some(tx) = crate::model::Transaction::set_speaker(
                        &doc.annotations,
                        q,
                        Some(entity.clone()),
                    )
                {
                    doc.apply(tx);
                }
                doc.selection.entity = Some(entity);
            }
            Action::NextQuote | Action::PreviousQuote => {
                let forward = action == Action::NextQuote;
                self.step_quote(ctx, forward);
            }
            Action::AcceptQuote | Action::RejectQuote => {
                let status = if action == Action::AcceptQuote {
                    Status::Accepted
                } else {
                    Status::Rejected
                };
                if let Some(q) = doc.selected_quote() {
                    let current = doc.annotations.quotes[q].status;
                    // Accepting an accepted or edited quote changes nothing.
                    let no_change = current == status
                        || (status == Status::Accepted && current == Status::Edited);
                    if !no_change
                        && let Some(tx) =
                            crate::model::Transaction::set_quote_status(&doc.annotations, q, status)
                    {
                        doc.apply(tx);
                    }
                    // Deciding moves on, so a whole article goes by key.
                    self.step_quote(ctx, true);
                }
            }
            Action::Save => self.save(ctx, uid),
            Action::SaveAs => self.ask_for_save_path(ctx, uid),
            Action::Export(target) => self.ask_for_path(ctx, FilePurpose::Export(uid, target)),
            Action::SaveToPath => {
                self.path_prompt = Some(self.path_prompt_for(FilePurpose::SaveAs(uid), None));
            }
            Action::Close => {
                self.closing = Some(Closing::Document(uid));
                self.continue_closing();
            }
            _ => {}
        }
    }

    /// Selects the next (or previous) quote in reading order.
    fn step_quote(&mut self, ctx: &egui::Context, forward: bool) {
        let Some(doc) = self.documents.get(self.active) else {
            return;
        };
        let count = doc.annotations.quotes.len();
        let next = match (doc.selected_quote(), forward) {
            (None, true) => (count > 0).then_some(0),
            (None, false) => count.checked_sub(1),
            (Some(i), true) => (i + 1 < count).then_some(i + 1),
            (Some(i), false) => i.checked_sub(1),
        };
        if let Some(i) = next {
            let id = doc.annotations.quotes[i].id.clone();
            self.handle_document_action(
                ctx,
                Action::SelectQuote {
                    id: Some(id),
                    reveal: Reveal::Both,
                },
            );
        }
    }
}

/// The keyboard: file and history shortcuts always, review keys when no
/// text field is being typed in.
fn shortcuts(ctx: &egui::Context, actions: &mut Vec<Action>) {
    let command = |key| KeyboardShortcut::new(Modifiers::COMMAND, key);
    let command_shift = |key| KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, key);
    let typing = ctx.text_edit_focused();
    ctx.input_mut(|i| {
        // Most specific first: Ctrl+Shift+Z would also match Ctrl+Z.
        let table = [
            (command_shift(Key::Z), Action::Redo),
            (command(Key::Y), Action::Redo),
            (command(Key::S), Action::Save),
            (command(Key::O), Action::Open),
            (command(Key::Q), Action::Quit),
            (command(Key::Plus), Action::TextSize(1.0)),
            (command(Key::Equals), Action::TextSize(1.0)),
            (command(Key::Minus), Action::TextSize(-1.0)),
        ];
        for (shortcut, action) in table {
            if i.consume_shortcut(&shortcut) {
                actions.push(action);
            }
        }
        // A text field has its own undo while it has the focus.
        if !typing && i.consume_shortcut(&command(Key::Z)) {
            actions.push(Action::Undo);
        }
        if typing {
            return;
        }
        // Outside text fields, where Ctrl+arrows move by word.
        if i.consume_shortcut(&command(Key::ArrowRight)) {
            actions.push(Action::NextArticle);
        }
        if i.consume_shortcut(&command(Key::ArrowLeft)) {
            actions.push(Action::PreviousArticle);
        }
        let review_keys = [
            (Key::A, Action::AcceptQuote),
            (Key::Enter, Action::AcceptQuote),
            (Key::X, Action::RejectQuote),
            (Key::Delete, Action::RejectQuote),
            (Key::J, Action::NextQuote),
            (Key::ArrowDown, Action::NextQuote),
            (Key::ArrowRight, Action::NextQuote),
            (Key::K, Action::PreviousQuote),
            (Key::ArrowUp, Action::PreviousQuote),
            (Key::ArrowLeft, Action::PreviousQuote),
        ];
        for (key, action) in review_keys {
            if i.consume_key(Modifiers::NONE, key) {
                actions.push(action);
            }
        }
        if i.key_pressed(Key::Escape) {
            actions.push(Action::SelectQuote {
                id: None,
                reveal: Reveal::InPanel,
            });
            actions.push(Action::SelectEntity(None));
            actions.push(Action::SelectText(None));
        }
    });
}

fn empty_window(ui: &mut egui::Ui, loading: bool, actions: &mut Vec<Action>) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() / 3.0);
        if loading {
            ui.spinner();
            ui.label("Opening…");
        } else {
            ui.heading("No article open");
            ui.label("Drop an article (.txt) or an annotation file (.json) here, or:");
            if ui.button("Open…").clicked() {
                actions.push(Action::Open);
            }
            if ui.button("Open by path…").clicked() {
                actions.push(Action::OpenByPath);
            }
        }
    });
}

/// How a snapshot is named in the offer to restore it.
fn snapshot_name(snapshot: &Snapshot) -> String {
    snapshot
        .path
        .as_deref()
        .and_then(Path::file_name)
        .map_or_else(
            || snapshot.annotations.document.name.clone(),
            |n| n.to_string_lossy().into_owned(),
        )
}

/// Where Save As starts: the file it saves to, or `NAME.json` for the
/// article's name in the current folder.
fn suggested_save_path(doc: &OpenDocument) -> PathBuf {
    doc.save_path.clone().unwrap_or_else(|| {
        crate::format::annotation_path_for(Path::new(&doc.annotations.document.name))
    })
}

fn same_file(a: Option<&Path>, b: &Path) -> bool {
    let canonical = |p: &Path| std::fs::canonicalize(p).ok();
    a.is_some_and(|a| a == b || (canonical(a).is_some() && canonical(a) == canonical(b)))
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        App::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }
}

/// Opens the review window on `files` (the bundled sample when empty) and
/// returns when it closes.
pub fn run(files: Vec<PathBuf>) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("quotecheck")
            .with_app_id("quotecheck")
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "quotecheck",
        options,
        Box::new(|cc| {
            let settings = cc
                .storage
                .and_then(|s| eframe::get_value(s, SETTINGS_KEY))
                .unwrap_or_default();
            let data_dir = directories::ProjectDirs::from("", "", "quotecheck")
                .map(|dirs| dirs.data_local_dir().to_owned());
            Ok(Box::new(App::new(files, settings, data_dir)))
        }),
    )
}
