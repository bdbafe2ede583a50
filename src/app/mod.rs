//! The review window: one article at a time, its tags at a glance, every
//! correction an edit on the annotation model.
//!
//! The data flow, once per frame: input (keys through [`command::pressed`],
//! clicks in the views) becomes [`Request`]s; after drawing, the app runs
//! each [`Command`] ([`command_handling`]) or carries out each
//! [`Intent`](quotecheck_core::model::Intent) against the document in
//! front, through its history; the views read the changed document in the
//! next frame. Views ([`article_view`], [`quotes_panel`],
//! [`entities_panel`], [`queue_panel`], [`status_bar`], [`menu_bar`]) only
//! read and request.

mod adjudication;
mod article_view;
mod autosave;
mod command;
mod command_handling;
mod dialogs;
mod document;
mod entities_panel;
mod layout;
mod loading;
mod menu_bar;
mod people;
mod queue_panel;
mod quotes_panel;
mod request;
mod saving;
mod status_bar;
mod theme;

use std::path::{Path, PathBuf};

use egui::ViewportCommand;
use serde::{Deserialize, Serialize};

pub use adjudication::Adjudicating;
pub use command::Command;
pub use dialogs::{ProblemReport, Question};
pub use document::{OpenDocument, Selection};
pub use request::{Request, Reveal};

use article_view::ArticleView;
use autosave::Autosave;
use dialogs::{DialogEnd, NativeDialog, PathPrompt, PathPromptEnd};
use entities_panel::EntitiesPanel;
use loading::{FolderJob, LoadJob, Source};
use queue_panel::FolderQueue;
use quotes_panel::QuotesPanel;
use request::ViewContext;

use crate::commands::adjudicate::Adjudication;
use adjudication::{NamePrompt, NamePromptEnd};
use quotecheck_core::compare::PairQueue;
use quotecheck_core::extract::Models;
use quotecheck_core::queue::Queue;
use quotecheck_core::recovery::{RecoveryStore, Snapshot};

/// Key of the settings in eframe's storage.
const SETTINGS_KEY: &str = "quotecheck-settings";
/// Key of the reviewer's name (absent: never asked).
const REVIEWER_KEY: &str = "quotecheck-reviewer";

/// What the window remembers between runs (eframe keeps the window size and
/// egui the panel widths).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
// Settings stored by an earlier version lack the newer fields: they take
// their defaults, and the rest is kept.
#[serde(default)]
pub struct Settings {
    /// Point size of the article text.
    pub text_size: f32,
    /// Quotes and the folder's articles listed least sure first.
    pub least_sure_first: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            text_size: 16.0,
            least_sure_first: false,
        }
    }
}

const TEXT_SIZES: std::ops::RangeInclusive<f32> = 9.0..=40.0;

/// A line for the status bar, and the document it is about (`None`: all).
#[derive(Debug, Clone, PartialEq)]
struct Notice {
    document: Option<u64>,
    text: String,
}

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
    /// A folder to read as the review queue in the first frame.
    folder_to_read: Option<PathBuf>,
    /// The folder being read, off the window's thread.
    folder_job: Option<FolderJob>,
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
    /// The last thing done that has no other trace (a save, an export), for
    /// the status bar, with the document it is about.
    message: Option<Notice>,
    native_dialog: Option<NativeDialog>,
    path_prompt: Option<PathPrompt>,
    question: Option<Question>,
    closing: Option<Closing>,
    reports: Vec<ProblemReport>,
    settings: Settings,
    /// What articles are extracted with: the bundled models, or those a
    /// newsroom retrained (`quotecheck --model`).
    models: Models<'static>,
    /// Who is reviewing: recorded with every decision and as annotator.
    reviewer: Option<String>,
    /// The person gave a name or declined to (else it is asked once).
    reviewer_known: bool,
    name_prompt: Option<NamePrompt>,
    /// Comparisons being settled, one per result document.
    adjudications: Vec<Adjudicating>,
    /// Two reviewers' folders being adjudicated.
    pairs: Option<PairQueue>,
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
        let mut app = App::new_empty(settings, data_dir);
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

    /// Articles opened from now on are extracted with `models`.
    pub fn with_models(mut self, models: Models<'static>) -> App {
        self.models = models;
        self
    }

    /// The reviewer's name, as a earlier run kept it (`None`: declined).
    pub fn with_reviewer(mut self, name: Option<String>) -> App {
        self.reviewer_named(name);
        self
    }

    /// Asks for the reviewer's name before anything else (the first run).
    pub fn asking_reviewer(mut self) -> App {
        self.name_prompt = Some(NamePrompt::default());
        self
    }

    pub fn reviewer(&self) -> Option<&str> {
        self.reviewer.as_deref()
    }

    /// A window with no article yet, keeping work in `data_dir` as
    /// [`App::new`] does.
    pub fn new_empty(settings: Settings, data_dir: Option<PathBuf>) -> App {
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
            folder_to_read: None,
            folder_job: None,
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
            models: Models::bundled(),
            reviewer: None,
            reviewer_known: false,
            name_prompt: None,
            adjudications: Vec::new(),
            pairs: None,
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

    /// Files or a folder are still being read or extracted, or the
    /// folder's figures counted.
    pub fn is_loading(&self) -> bool {
        !self.queued.is_empty()
            || !self.loads.is_empty()
            || self.folder_to_read.is_some()
            || self.folder_job.is_some()
            || self.folder.as_ref().is_some_and(|f| f.people.counting())
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

    pub fn reports(&self) -> &[ProblemReport] {
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

    /// The status bar's note of the last save or export: shown while the
    /// document it is about is in front.
    pub fn message(&self) -> Option<&str> {
        let front = self.document().map(|d| d.uid);
        self.message
            .as_ref()
            .filter(|n| n.document.is_none() || n.document == front)
            .map(|n| n.text.as_str())
    }

    /// Says `text` in the status bar, about document `document` (or all).
    fn tell(&mut self, document: Option<u64>, text: String) {
        self.message = Some(Notice { document, text });
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
            SidePanel::forget_cramping_widths(ui);
        }
        self.start_queued(&ctx);
        self.start_reading_folder(&ctx);
        self.poll_background(&ctx);
        self.poll_folder();
        self.poll_people(&ctx);
        let mut requests = Vec::new();
        self.window_events(&ctx, &mut requests);
        self.autosave(&ctx);
        if self.question.is_none() && self.path_prompt.is_none() && self.name_prompt.is_none() {
            requests.extend(command::pressed(&ctx).into_iter().map(Request::Run));
        }

        menu_bar::ui(ui, self, &mut requests);
        egui::Panel::bottom("status bar").show(ui, |ui| {
            status_bar::ui(
                ui,
                self.document(),
                &self.loads,
                self.message(),
                &mut requests,
            );
        });
        let queue_shown =
            self.folder.is_some() || self.folder_job.is_some() || self.pairs.is_some();
        let doc_shown = self.documents.get(self.active).is_some();
        let shown: Vec<SidePanel> = SidePanel::ALL
            .into_iter()
            .filter(|&p| {
                if p == SidePanel::Queue {
                    queue_shown
                } else {
                    doc_shown
                }
            })
            .collect();
        if let Some(folder) = &self.folder {
            // The open article's unsaved changes show in its row already.
            let started = folder
                .doc
                .and_then(|uid| self.document_by_uid(uid))
                .map(|i| &self.documents[i])
                .is_some_and(|d| d.is_dirty() && d.annotations().review_started());
            SidePanel::Queue.show(ui, &shown, |ui| {
                queue_panel::ui(ui, folder, started, &mut requests)
            });
        } else if let Some(job) = &self.folder_job {
            SidePanel::Queue.show(ui, &shown, |ui| queue_panel::reading_ui(ui, job));
        } else if let Some(pairs) = &self.pairs {
            SidePanel::Queue.show(ui, &shown, |ui| {
                adjudication::queue_ui(ui, pairs, &mut requests)
            });
        }
        if let (Some(adj), Some(doc)) = (self.adjudicating(), self.document()) {
            let folder = self.pairs.as_ref().map(|p| &p.agreement);
            egui::Panel::bottom("comparison")
                .resizable(true)
                .default_size(300.0)
                .show(ui, |ui| {
                    adjudication::ui(ui, adj, doc, folder, &mut requests)
                });
        }
        if let Some(doc) = self.documents.get(self.active) {
            let mut cx = ViewContext {
                doc,
                settings: &self.settings,
                scroll_text_to: self.scroll_text_to.take(),
                reveal_in_list: std::mem::take(&mut self.reveal_in_panel),
                people: people::people_of(self.folder.as_ref(), doc),
                requests: &mut requests,
            };
            SidePanel::Entities.show(ui, &shown, |ui| self.entities_panel.ui(ui, &mut cx));
            SidePanel::Quotes.show(ui, &shown, |ui| self.quotes_panel.ui(ui, &mut cx));
            egui::CentralPanel::default().show(ui, |ui| self.article_view.ui(ui, &mut cx));
        } else {
            egui::CentralPanel::default().show(ui, |ui| {
                empty_window(ui, self.is_loading(), &mut requests);
            });
        }
        self.dialogs(&ctx);
        for request in requests {
            self.handle(&ctx, request);
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
            let wake = move || ctx.request_repaint();
            let job = LoadJob::start(source, for_queue, self.models, wake);
            self.loads.push(job);
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
            self.reports.push(ProblemReport {
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
        for mut job in self.loads.drain(..) {
            match job.poll() {
                None => still_loading.push(job),
                Some(Ok(mut doc)) => {
                    if !doc.warnings.is_empty() {
                        self.reports.push(ProblemReport {
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
                        folder.queue.current_unreadable(failure.problems.join("; "));
                    }
                    self.reports.push(ProblemReport {
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
    fn window_events(&mut self, ctx: &egui::Context, requests: &mut Vec<Request>) {
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
            requests.push(Request::Run(Command::Quit));
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
        if let Some(prompt) = &mut self.name_prompt
            && let Some(end) = prompt.ui(ctx)
        {
            self.name_prompt = None;
            if let NamePromptEnd::Named(name) = end {
                self.reviewer_named(name);
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
}

/// The most of the window's width the side panels take together; the
/// article has the rest. At their default widths (870 points) they fit a
/// window of 1,340 points, so the usual window keeps its layout.
const SIDE_PANELS_SHARE: f32 = 0.65;

/// The panels beside the article. Each keeps the width the reviewer gave it
/// (within bounds), whatever its content asks: a long name is cut, the
/// article column is not narrowed behind the reviewer's back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SidePanel {
    Queue,
    Entities,
    Quotes,
}

impl SidePanel {
    const ALL: [SidePanel; 3] = [SidePanel::Queue, SidePanel::Entities, SidePanel::Quotes];

    fn id_salt(self) -> &'static str {
        match self {
            SidePanel::Queue => "queue",
            SidePanel::Entities => "entities",
            SidePanel::Quotes => "quotes",
        }
    }

    /// Default width and the range a drag may take it to.
    fn widths(self) -> (f32, std::ops::RangeInclusive<f32>) {
        match self {
            SidePanel::Queue => (240.0, 160.0..=420.0),
            SidePanel::Entities => (250.0, 180.0..=480.0),
            SidePanel::Quotes => (380.0, 260.0..=640.0),
        }
    }

    /// Shows the panel, one of `shown` (the side panels in the window this
    /// frame).
    fn show(
        self,
        ui: &mut egui::Ui,
        shown: &[SidePanel],
        add_contents: impl FnOnce(&mut egui::Ui),
    ) {
        let panel = match self {
            SidePanel::Queue | SidePanel::Entities => egui::Panel::left(self.id_salt()),
            SidePanel::Quotes => egui::Panel::right(self.id_salt()),
        };
        let (default, range) = self.widths();
        let (least, cap) = self.limits(ui, shown);
        let least = range.start().min(least).min(cap);
        panel
            .resizable(true)
            .default_size(default.clamp(least, cap))
            .size_range(least..=range.end().min(cap))
            .show(ui, |ui| {
                // The content lives in a child that never reports a wider
                // size to the panel: egui panels grow to fit their content.
                let rect = ui.available_rect_before_wrap();
                let mut content = ui.new_child(
                    egui::UiBuilder::new()
                        .max_rect(rect)
                        .layout(egui::Layout::top_down(egui::Align::Min)),
                );
                content.shrink_clip_rect(rect);
                add_contents(&mut content);
                ui.advance_cursor_after_rect(rect);
            });
    }

    /// How narrow and how wide this panel may be now, so that the side
    /// panels `shown` never take more than `SIDE_PANELS_SHARE` of the
    /// window and the article keeps the rest (a window made small must not
    /// have panels pushed over the article or off the window). Where they
    /// would take more, each gives up the same share of its width; and none
    /// needs to be wider than its share of the room at its default width,
    /// or their least widths alone would overflow a small window.
    fn limits(self, ui: &egui::Ui, shown: &[SidePanel]) -> (f32, f32) {
        let ctx = ui.ctx();
        let width = |p: SidePanel| {
            let id = ui.scope_id().with(p.id_salt());
            egui::containers::panel::PanelState::load(ctx, id)
                .map_or(p.widths().0, |state| state.size().x)
        };
        let room = ui.max_rect().width() * SIDE_PANELS_SHARE;
        let defaults: f32 = shown.iter().map(|p| p.widths().0).sum();
        let least = self.widths().0 * room / defaults.max(1.0);
        let taken: f32 = shown.iter().map(|&p| width(p)).sum();
        let cap = if taken <= room {
            f32::INFINITY
        } else {
            width(self) * room / taken
        };
        (least, cap)
    }

    /// Widths remembered from the last run that would leave the article
    /// less than half the window (a smaller screen, a runaway panel) are
    /// forgotten: the panels start at their defaults.
    fn forget_cramping_widths(ui: &egui::Ui) {
        let ctx = ui.ctx();
        let window = ui.max_rect().width();
        let ids = SidePanel::ALL.map(|p| ui.scope_id().with(p.id_salt()));
        let taken: f32 = ids
            .iter()
            .filter_map(|&id| egui::containers::panel::PanelState::load(ctx, id))
            .map(|state| state.size().x)
            .sum();
        if window - taken < window / 2.0 {
            ctx.data_mut(|d| {
                for id in ids {
                    d.remove::<egui::containers::panel::PanelState>(id);
                }
            });
        }
    }
}

fn empty_window(ui: &mut egui::Ui, loading: bool, requests: &mut Vec<Request>) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() / 3.0);
        if loading {
            ui.spinner();
            ui.label("Opening…");
        } else {
            ui.heading("No article open");
            ui.label("Drop an article (.txt) or an annotation file (.json) here, or:");
            for command in [Command::Open, Command::OpenFolder, Command::OpenByPath] {
                if command.button(ui, true) {
                    requests.push(Request::Run(command));
                }
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
        if self.reviewer_known {
            eframe::set_value(storage, REVIEWER_KEY, &self.reviewer);
        }
    }
}

/// Opens the review window on `files` (the bundled sample when empty),
/// extracting articles with `models`, and returns when it closes.
pub fn run(files: Vec<PathBuf>, models: Models<'static>) -> eframe::Result {
    run_with(move |settings, data_dir| App::new(files, settings, data_dir).with_models(models))
}

/// Opens the window on two reviewers' work to settle, prepared (and
/// checked) by `quotecheck adjudicate`.
pub fn run_adjudication(adjudication: Adjudication) -> eframe::Result {
    run_with(move |settings, data_dir| {
        let mut app = App::new_empty(settings, data_dir);
        app.adjudicate(adjudication);
        app
    })
}

/// The native window around the app `make` builds from the stored
/// settings and the data folder.
fn run_with(make: impl FnOnce(Settings, Option<PathBuf>) -> App + 'static) -> eframe::Result {
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
            let reviewer: Option<Option<String>> =
                cc.storage.and_then(|s| eframe::get_value(s, REVIEWER_KEY));
            let app = make(settings, data_dir);
            Ok(Box::new(match reviewer {
                Some(name) => app.with_reviewer(name),
                None => app.asking_reviewer(),
            }))
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::SidePanel;
    use egui::containers::panel::PanelState;
    use egui::{Pos2, RawInput, Rect, vec2};

    /// Stores `widths` for the side panels as a last run would have, then
    /// runs the first-frame check in a window `window` points wide; says
    /// which widths are left.
    fn remembered_after_start(window: f32, widths: [f32; 3]) -> Vec<Option<f32>> {
        let ctx = egui::Context::default();
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(window, 800.0))),
            ..Default::default()
        };
        let mut left = Vec::new();
        let mut output = ctx.run_ui(input, |ui| {
            let ids = SidePanel::ALL.map(|p| ui.scope_id().with(p.id_salt()));
            for (id, width) in ids.iter().zip(widths) {
                let outer_rect = Rect::from_min_size(Pos2::ZERO, vec2(width, 800.0));
                ui.ctx()
                    .data_mut(|d| d.insert_persisted(*id, PanelState { outer_rect }));
            }
            SidePanel::forget_cramping_widths(ui);
            left = ids
                .iter()
                .map(|&id| PanelState::load(ui.ctx(), id).map(|s| s.size().x))
                .collect();
        });
        // No renderer takes the font atlas here.
        output.textures_delta.clear();
        left
    }

    #[test]
    fn remembered_widths_that_would_cramp_the_article_are_forgotten() {
        // 410 px of article in a 1400 px window: under half, forgotten.
        assert_eq!(
            remembered_after_start(1400.0, [240.0, 350.0, 400.0]),
            [None; 3]
        );
        // The same panels beside a 770 px article are kept.
        assert_eq!(
            remembered_after_start(1400.0, [0.0, 250.0, 380.0]),
            [Some(0.0), Some(250.0), Some(380.0)]
        );
    }
}
