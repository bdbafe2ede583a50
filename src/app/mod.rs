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
mod keys;
mod layout;
mod loading;
mod queue_panel;
mod quotes_panel;
mod saving;
mod status_bar;
mod theme;

use std::path::{Path, PathBuf};

use egui::ViewportCommand;
use serde::{Deserialize, Serialize};

pub use actions::{Action, Reveal};
pub use dialogs::{Question, Report};
pub use document::{OpenDocument, Selection};

use article_view::ArticleView;
use autosave::Autosave;
use dialogs::{DialogEnd, FilePurpose, NativeDialog, PathPrompt, PathPromptEnd};
use entities_panel::EntitiesPanel;
use loading::{LoadJob, Source};
use queue_panel::FolderQueue;
use quotes_panel::QuotesPanel;

use quotecheck_core::model::Status;
use quotecheck_core::queue::Queue;
use quotecheck_core::recovery::{RecoveryStore, Snapshot};

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
                    name: quotecheck_core::sample::NAME.to_owned(),
                    text: quotecheck_core::sample::TEXT.to_owned(),
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
    pub fn from_annotations(
        annotations: quotecheck_core::model::Annotations,
        settings: Settings,
    ) -> App {
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
            keys::shortcuts(&ctx, &mut actions);
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

    fn document_by_uid(&self, uid: u64) -> Option<usize> {
        self.documents.iter().position(|d| d.uid == uid)
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
            Action::CancelLoading => {
                // Dropping a job stops its extraction.
                self.loads.clear();
                if let Some(folder) = &mut self.folder {
                    folder.loading = false;
                }
            }
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
                    && let Some(tx) = quotecheck_core::model::Transaction::set_speaker(
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
                        && let Some(tx) = quotecheck_core::model::Transaction::set_quote_status(
                            &doc.annotations,
                            q,
                            status,
                        )
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
            if ui.button("Open Folder…").clicked() {
                actions.push(Action::OpenFolder);
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
