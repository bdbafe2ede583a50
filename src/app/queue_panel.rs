//! The folder queue beside the article: every article of the folder with its
//! status, how many are done, and the way to the next one.

use std::path::Path;

use egui::Ui;

use super::App;
use super::command::Command;
use super::dialogs::{ProblemReport, Question};
use super::loading::{FolderJob, Source};
use super::people::FolderPeople;
use super::request::Request;
use quotecheck_core::format::annotation_path_for;
use quotecheck_core::model::{Intent, ReviewStatus, Status};
use quotecheck_core::queue::{ItemStatus, Queue, QueueMemory};

/// A folder under review, and which open document is its current article.
pub struct FolderQueue {
    pub queue: Queue,
    /// The document showing the current article, once it is open.
    pub doc: Option<u64>,
    /// The current article is being opened.
    pub loading: bool,
    /// Where the place in each folder is kept between runs.
    pub memory: Option<QueueMemory>,
    /// Its registry and who is quoted in it.
    pub people: FolderPeople,
}

impl FolderQueue {
    /// Records the current article so the next run starts there.
    pub fn remember(&self) -> std::io::Result<()> {
        match &self.memory {
            Some(memory) => memory.remember(&self.queue),
            None => Ok(()),
        }
    }
}

/// The panel while the folder is still being read.
pub fn reading_ui(ui: &mut Ui, job: &FolderJob) {
    ui.heading(folder_name(&job.dir));
    let (read, total) = job.progress();
    ui.horizontal(|ui| {
        ui.spinner();
        ui.label("Reading the folder…");
    });
    if total > 0 {
        ui.add(
            egui::ProgressBar::new(read as f32 / total as f32)
                .text(format!("{read}/{total} articles")),
        );
    }
}

fn folder_name(dir: &Path) -> String {
    dir.file_name().map_or_else(
        || dir.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The folder's queue; `open_started`: the open article holds unsaved
/// changes that start its review.
pub fn ui(ui: &mut Ui, folder: &FolderQueue, open_started: bool, requests: &mut Vec<Request>) {
    let queue = &folder.queue;
    let (done, total) = queue.progress();
    ui.heading(folder_name(&queue.dir));
    ui.add(
        egui::ProgressBar::new(if total == 0 {
            0.0
        } else {
            done as f32 / total as f32
        })
        .text(format!("{done}/{total} done")),
    );
    figures_ui(ui, &folder.people);
    ui.horizontal_wrapped(|ui| {
        let busy = folder.loading;
        let at = queue.current;
        let current_done = queue
            .current_item()
            .is_some_and(|i| i.status == ItemStatus::Done);
        let buttons = [
            (Command::PreviousArticle, !busy && at > 0),
            (Command::NextArticle, !busy && at + 1 < total),
            (
                Command::MarkDone,
                !busy && folder.doc.is_some() && !current_done,
            ),
        ];
        for (command, enabled) in buttons {
            if command.button(ui, enabled) {
                requests.push(Request::Run(command));
            }
        }
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("queue items")
        .show(ui, |ui| {
            for (i, item) in queue.items.iter().enumerate() {
                let name = item
                    .article
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                // The least sure pending quote, for ordering by it.
                let least = item
                    .least_sure
                    .map_or(String::new(), |c| format!(" · least sure {c:.2}"));
                let status = match &item.status {
                    ItemStatus::NotStarted if open_started && i == queue.current => {
                        &ItemStatus::InProgress
                    }
                    status => status,
                };
                let text = egui::RichText::new(format!("{name} — {}{least}", status.label()));
                let mut hover = item.article.display().to_string();
                if let ItemStatus::Unreadable(why) = status {
                    hover = format!("{hover}\n{why}");
                }
                // The selected row keeps the selection's own text colour:
                // grey or red on its blue would be hard to read.
                let text = match status {
                    _ if i == queue.current => text,
                    ItemStatus::NotStarted => text.weak(),
                    ItemStatus::InProgress => text,
                    ItemStatus::Done => text.color(ui.visuals().widgets.active.fg_stroke.color),
                    ItemStatus::Unreadable(_) => text.color(ui.visuals().error_fg_color),
                };
                let row = ui
                    .selectable_label(i == queue.current, text)
                    .on_hover_text(hover);
                if row.clicked() && i != queue.current && !folder.loading {
                    requests.push(Request::GoToArticle(i));
                }
            }
        });
}

/// Who is quoted across the folder, and what the last save did to its
/// registry.
fn figures_ui(ui: &mut Ui, people: &FolderPeople) {
    let hover = "People quoted across the folder's saved articles and the open one, each person once (names joined through the registry), as quotecheck report counts them";
    match people.figures() {
        Some(quoted) => {
            ui.label(format!("Quoted in the folder: {}", quoted.figures()))
                .on_hover_text(hover);
        }
        None => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.weak("Counting who is quoted…");
            });
        }
    }
    if let Some(note) = people.note() {
        ui.weak(note);
    }
}

// --- How the window moves through the queue. ---

impl App {
    /// Starts reading `dir` as the review queue, off the window's thread.
    pub(super) fn open_folder(&mut self, dir: &Path) {
        // Reading starts in the first frame, which brings the repaint handle.
        self.folder_to_read = Some(dir.to_owned());
    }

    pub(super) fn start_reading_folder(&mut self, ctx: &egui::Context) {
        if let Some(dir) = self.folder_to_read.take() {
            let ctx = ctx.clone();
            self.folder_job = Some(FolderJob::start(dir, move || ctx.request_repaint()));
        }
    }

    /// The folder being read is read: it becomes the review queue, on the
    /// article where the reviewer stopped last time.
    pub(super) fn poll_folder(&mut self) {
        let Some(result) = self.folder_job.as_mut().and_then(FolderJob::poll) else {
            return;
        };
        let Some(job) = self.folder_job.take() else {
            return;
        };
        let dir = job.dir.clone();
        let problem = match result {
            Err(e) => Some(format!("cannot read the folder: {e}")),
            Ok((queue, _)) if queue.items.is_empty() => {
                Some("the folder holds no articles (.txt files)".to_owned())
            }
            Ok((mut queue, read)) => {
                let memory = self
                    .data_dir
                    .as_ref()
                    .map(|d| QueueMemory::new(d.join("queues")));
                queue.order(self.settings.least_sure_first);
                if let Some(memory) = &memory {
                    memory.restore(&mut queue);
                }
                let (people, report) = FolderPeople::new(&dir, read);
                self.reports.extend(report);
                self.folder = Some(FolderQueue {
                    queue,
                    doc: None,
                    loading: false,
                    memory,
                    people,
                });
                self.open_queue_article();
                None
            }
        };
        if let Some(problem) = problem {
            self.reports.push(ProblemReport {
                title: format!("Could not open the folder {}", dir.display()),
                problems: vec![problem],
            });
        }
    }

    /// Opens the queue's current article (its annotation file when it has one).
    fn open_queue_article(&mut self) {
        let Some(folder) = &mut self.folder else {
            return;
        };
        let Some(item) = folder.queue.current_item() else {
            return;
        };
        // Already open in a tab: show it rather than open a second copy.
        let open_path = item.open_path();
        let annotations = annotation_path_for(&item.article);
        let open = self.documents.iter().position(|d| {
            d.home_file()
                .is_some_and(|p| p == open_path || p == annotations)
        });
        match open {
            Some(i) => {
                folder.doc = Some(self.documents[i].uid);
                self.active = i;
            }
            None => {
                folder.loading = true;
                self.queued.push((Source::File(open_path), true));
            }
        }
    }

    /// Moves the queue to article `to(current)` after saving the current
    /// one; stays when saving needs an answer first or fails.
    pub(super) fn go_to_article(&mut self, to: impl FnOnce(usize) -> usize) {
        let Some(folder) = &self.folder else {
            return;
        };
        let target = to(folder.queue.current);
        if folder.loading || target >= folder.queue.items.len() || target == folder.queue.current {
            return;
        }
        if let Some(uid) = folder.doc
            && let Some(i) = self.document_by_uid(uid)
        {
            if self.documents[i].is_dirty() {
                let path = self.documents[i].save_path.clone();
                if let Some(path) = path {
                    self.save_to(uid, path, false);
                }
                if self.documents[i].is_dirty() {
                    return;
                }
            }
            self.remove_document(i);
        }
        let Some(folder) = &mut self.folder else {
            return;
        };
        folder.queue.current = target;
        folder.doc = None;
        if let Err(e) = folder.remember() {
            // Only the place is lost; the review goes on.
            self.tell(
                None,
                format!("Could not remember the place in the queue: {e}"),
            );
        }
        self.open_queue_article();
    }

    /// Marks the queue's current article reviewed, saves it and moves on.
    /// Asks first when quotes are still pending (`pending_decided` is the
    /// answer, once given).
    pub(super) fn mark_done(&mut self, pending_decided: bool) {
        let Some(uid) = self.folder.as_ref().and_then(|f| f.doc) else {
            return;
        };
        let Some(i) = self.document_by_uid(uid) else {
            return;
        };
        let doc = &mut self.documents[i];
        let pending = doc
            .annotations()
            .quotes
            .iter()
            .filter(|q| q.status == Status::Pending)
            .count();
        if pending > 0 && !pending_decided {
            self.question = Some(Question::PendingQuotes {
                document: uid,
                pending,
            });
            return;
        }
        if let Err(e) = doc.apply(&Intent::SetReviewStatus(ReviewStatus::Done)) {
            self.tell(Some(uid), format!("Could not mark the article done: {e}"));
            return;
        }
        let Some(path) = doc.save_path.clone() else {
            return;
        };
        self.save_to(uid, path, false);
        if self.documents.get(i).is_some_and(|d| d.is_dirty()) {
            // Not saved (the save said why): stay with the work.
            return;
        }
        let Some(queue) = self.folder.as_ref().map(|f| &f.queue) else {
            return;
        };
        match queue.next_unfinished() {
            Some(next) => self.go_to_article(|_| next),
            None => {
                let total = queue.items.len();
                self.tell(
                    None,
                    format!("All {total} articles of the folder are done."),
                );
            }
        }
    }

    /// After document `uid` was saved: when it is the queue's article, its
    /// row takes the status it was saved with.
    pub(super) fn queue_item_saved(&mut self, uid: u64, status: ItemStatus) {
        self.people_saved(uid);
        if let Some(folder) = &mut self.folder
            && folder.doc == Some(uid)
        {
            let at = folder.queue.current;
            if let Some(item) = folder.queue.items.get_mut(at) {
                item.status = status;
            }
        }
    }
}
