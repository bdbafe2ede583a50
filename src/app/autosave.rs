//! Crash recovery in the window: unsaved work is copied to the recovery
//! store every 30 seconds and whenever the window loses focus (the moment
//! before a person switches away and the machine may sleep or crash).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use super::document::OpenDocument;
use quotecheck_core::format::FileError;
use quotecheck_core::model::Annotations;
use quotecheck_core::queue::ItemStatus;
use quotecheck_core::recovery::{RecoveryStore, Snapshot};

/// Seconds between two autosaves of unsaved work.
pub const AUTOSAVE_EVERY: f64 = 30.0;

pub struct Autosave {
    store: RecoveryStore,
    writer: Writer,
    /// `egui` time of the last round, in seconds.
    last_round: f64,
    /// What is in the store for each open document (by uid).
    written: HashMap<u64, Written>,
    /// A failed write is reported once, not every half minute.
    failure_reported: bool,
}

/// The snapshot of one document: the key it is stored under, and which
/// revision of the document it holds (`None`: one restored from a crash).
struct Written {
    path: Option<PathBuf>,
    name: String,
    revision: Option<u64>,
}

impl Autosave {
    pub fn new(store: RecoveryStore) -> Autosave {
        Autosave {
            writer: Writer::start(store.clone()),
            store,
            last_round: 0.0,
            written: HashMap::new(),
            failure_reported: false,
        }
    }

    /// Work an earlier run left unsaved.
    pub fn pending(&self) -> Vec<Snapshot> {
        self.store.pending()
    }

    /// The person declined to restore `snapshot`.
    pub fn discard(&self, snapshot: &Snapshot) {
        self.store.discard(snapshot);
    }

    /// `doc` was restored from `snapshot`: the snapshot stays until the
    /// work is saved or discarded, so a second crash loses nothing either.
    pub fn adopt(&mut self, doc: &OpenDocument, snapshot: &Snapshot) {
        self.written.insert(
            doc.uid,
            Written {
                path: snapshot.path.clone(),
                name: snapshot.annotations.document.name.clone(),
                revision: None,
            },
        );
    }

    /// Seconds until the next round is due, so an idle window still wakes.
    pub fn due_in(&self, now: f64) -> f64 {
        (self.last_round + AUTOSAVE_EVERY - now).max(0.0)
    }

    /// Called every frame: when a round is due (or the window just lost the
    /// focus), snapshots every document whose unsaved state is not in the
    /// store yet. Returns the problem of a failed write, once.
    pub fn tick(&mut self, now: f64, focus_lost: bool, docs: &[OpenDocument]) -> Option<FileError> {
        let failure = self.writer.failure();
        if focus_lost || now - self.last_round >= AUTOSAVE_EVERY {
            self.last_round = now;
            self.write_unsaved(docs);
        }
        match failure {
            Some(e) if !self.failure_reported => {
                self.failure_reported = true;
                Some(e)
            }
            _ => None,
        }
    }

    /// Queues a snapshot of every document whose unsaved state is not in
    /// the store yet.
    fn write_unsaved(&mut self, docs: &[OpenDocument]) {
        for doc in docs.iter().filter(|d| d.is_dirty()) {
            let current = self.written.get(&doc.uid);
            if current.is_some_and(|w| w.revision == Some(doc.revision())) {
                continue;
            }
            let path = doc.home_file().map(PathBuf::from);
            // Save As moved the work: the old snapshot would restore a copy.
            if let Some(old) = current
                && old.path != path
            {
                self.writer
                    .send(Job::Remove(old.path.clone(), old.name.clone()));
            }
            self.writer.send(Job::Write(
                path.clone(),
                Box::new(doc.annotations().clone()),
            ));
            self.written.insert(
                doc.uid,
                Written {
                    path,
                    name: doc.annotations().document.name.clone(),
                    revision: Some(doc.revision()),
                },
            );
        }
    }

    /// The document was saved, discarded or undone back to its file: its
    /// snapshot is no longer needed.
    pub fn forget(&mut self, uid: u64) {
        if let Some(old) = self.written.remove(&uid) {
            self.writer.send(Job::Remove(old.path, old.name));
        }
    }

    /// Forgets the snapshots of documents that hold no unsaved work anymore.
    pub fn forget_clean(&mut self, docs: &[OpenDocument]) {
        let clean: Vec<u64> = self
            .written
            .keys()
            .copied()
            .filter(|uid| !docs.iter().any(|d| d.uid == *uid && d.is_dirty()))
            .collect();
        for uid in clean {
            self.forget(uid);
        }
    }
}

/// Writes and removals of snapshots, done in order on their own thread: a
/// large article's snapshot never stalls the window, and a removal is never
/// overtaken by an older write.
struct Writer {
    jobs: Option<Sender<Job>>,
    failures: Receiver<FileError>,
    thread: Option<JoinHandle<()>>,
}

enum Job {
    Write(Option<PathBuf>, Box<Annotations>),
    Remove(Option<PathBuf>, String),
}

impl Writer {
    fn start(store: RecoveryStore) -> Writer {
        let (jobs, inbox) = mpsc::channel();
        let (report, failures) = mpsc::channel();
        let thread = std::thread::spawn(move || {
            for job in inbox {
                match job {
                    Job::Write(path, doc) => {
                        if let Err(e) = store.write(path.as_deref(), &doc) {
                            // The window may be gone; then nobody is told.
                            let _ = report.send(e);
                        }
                    }
                    Job::Remove(path, name) => store.remove(path.as_deref(), &name),
                }
            }
        });
        Writer {
            jobs: Some(jobs),
            failures,
            thread: Some(thread),
        }
    }

    fn send(&self, job: Job) {
        if let Some(jobs) = &self.jobs {
            // Only fails when the thread is gone, which ends with the window.
            let _ = jobs.send(job);
        }
    }

    fn failure(&self) -> Option<FileError> {
        self.failures.try_iter().last()
    }
}

impl Drop for Writer {
    /// Finishes the queued writes and removals before the window closes, so
    /// a clean quit leaves no stale offer to restore.
    fn drop(&mut self) {
        drop(self.jobs.take());
        if let Some(thread) = self.thread.take() {
            // A panic there already lost what it was writing; nothing to add.
            let _ = thread.join();
        }
    }
}

impl super::App {
    /// Opens the work of the last run, unsaved, where it belongs.
    pub(super) fn restore_recovered(&mut self) {
        for snapshot in std::mem::take(&mut self.recovered) {
            let doc = OpenDocument::restored(
                snapshot.annotations.clone(),
                snapshot.path.clone(),
                super::snapshot_name(&snapshot),
            );
            if let Some(autosave) = &mut self.autosave {
                autosave.adopt(&doc, &snapshot);
            }
            let uid = doc.uid;
            self.documents.push(doc);
            self.active = self.documents.len() - 1;
            if let Some(path) = &snapshot.path {
                self.restored_into_queue(uid, path);
            }
        }
    }

    /// Restored work on an article of the folder under review takes that
    /// article's place in the queue: one tab, and the queue on it.
    fn restored_into_queue(&mut self, uid: u64, path: &std::path::Path) {
        let Some(folder) = &self.folder else {
            return;
        };
        let article = path.with_extension("txt");
        let Some(at) = folder.queue.items.iter().position(|i| i.article == article) else {
            return;
        };
        // The queue's own copy of the article, opened before the offer was
        // answered, makes way (unless someone already changed it).
        if let Some(open) = folder.doc
            && open != uid
            && let Some(i) = self.document_by_uid(open)
            && self.documents[i]
                .home_file()
                .is_some_and(|f| f.with_extension("txt") == article)
            && !self.documents[i].is_dirty()
        {
            self.remove_document(i);
        }
        if let Some(i) = self.document_by_uid(uid) {
            self.active = i;
        }
        let Some(folder) = &mut self.folder else {
            return;
        };
        folder.queue.current = at;
        folder.doc = Some(uid);
        if let Some(item) = folder.queue.items.get_mut(at) {
            // Work is under way, unsaved as yet.
            item.status = ItemStatus::InProgress;
        }
    }
}
