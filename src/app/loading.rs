//! Opening files and folders off the window's thread: reading and
//! extracting a 50 MB article takes seconds, reading a folder of thousands
//! of annotation files too, and the window must keep drawing (and offer
//! Cancel) meanwhile.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::thread::JoinHandle;

use super::document::OpenDocument;
use super::people::PeopleRead;
use quotecheck_core::extract::{Models, extract_observed};
use quotecheck_core::format::{
    FileError, annotation_path_for, article_drift, from_json, is_annotation_path, read_article,
};
use quotecheck_core::model::sha256_hex_bytes;
use quotecheck_core::queue::Queue;
use quotecheck_core::quoted::ArticleFacts;
use quotecheck_core::registry::Registry;

/// What went wrong opening one file: the file and every problem found.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenFailure {
    pub file: String,
    pub problems: Vec<String>,
}

/// One file being opened in the background. Dropping the job cancels it:
/// the extraction stops at its next progress report.
pub struct LoadJob {
    pub name: String,
    /// Opened as the current article of the folder queue.
    pub for_queue: bool,
    receiver: Receiver<Result<OpenDocument, OpenFailure>>,
    /// Share of the extraction done, as `f32` bits.
    progress: Arc<AtomicU32>,
    cancelled: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

/// Where a job's article comes from.
pub enum Source {
    File(PathBuf),
    /// An article already in memory (the bundled sample), with its name.
    Text {
        name: String,
        text: String,
    },
}

impl LoadJob {
    /// Starts opening `source`; `wake` is called when the result is ready
    /// (the window asks for a repaint there).
    pub fn start(
        source: Source,
        for_queue: bool,
        models: Models<'static>,
        wake: impl FnOnce() + Send + 'static,
    ) -> LoadJob {
        let name = match &source {
            Source::File(path) => display_name(path),
            Source::Text { name, .. } => name.clone(),
        };
        let (sender, receiver) = mpsc::channel();
        let progress = Arc::new(AtomicU32::new(0));
        let cancelled = Arc::new(AtomicBool::new(false));
        let (share, stop) = (progress.clone(), cancelled.clone());
        let thread = std::thread::spawn(move || {
            let observe = |done: f32| {
                share.store(done.to_bits(), Ordering::Relaxed);
                if stop.load(Ordering::Relaxed) {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            };
            // Stopped, or the receiver is gone: the person cancelled.
            if let ControlFlow::Continue(result) = open(source, models, observe) {
                let _ = sender.send(result);
                wake();
            }
        });
        LoadJob {
            name,
            for_queue,
            receiver,
            progress,
            cancelled,
            thread: Some(thread),
        }
    }

    /// Share of the work done, 0 to 1.
    pub fn progress(&self) -> f32 {
        f32::from_bits(self.progress.load(Ordering::Relaxed))
    }

    /// The result, once the background work is done.
    pub fn poll(&mut self) -> Option<Result<OpenDocument, OpenFailure>> {
        let result = match self.receiver.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(OpenFailure {
                file: self.name.clone(),
                problems: vec!["opening stopped unexpectedly".to_owned()],
            })),
        };
        if result.is_some() {
            finish(&mut self.thread);
        }
        result
    }
}

impl Drop for LoadJob {
    fn drop(&mut self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }
}

/// Waits for a job's thread once its result is in: all it has left is to
/// ask for a repaint, and that request then comes before the window goes
/// on, not in some later frame (where the window tests saw a frame they
/// did not expect, now and then).
pub(super) fn finish(thread: &mut Option<JoinHandle<()>>) {
    if let Some(thread) = thread.take() {
        let _ = thread.join();
    }
}

pub fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Opens `source`, telling `observe` how far extraction is; `Break` when
/// `observe` stopped it.
fn open(
    source: Source,
    models: Models,
    observe: impl FnMut(f32) -> ControlFlow<()>,
) -> ControlFlow<(), Result<OpenDocument, OpenFailure>> {
    let opened = match source {
        Source::Text { name, text } => {
            let annotations = extract_observed(&name, &text, models, observe)?;
            Ok(OpenDocument::new(annotations, name))
        }
        Source::File(path) if is_annotation_path(&path) => open_annotations(path),
        Source::File(path) => match read_article(&path) {
            Err(e) => Err(OpenFailure {
                file: path.display().to_string(),
                problems: e.problems(),
            }),
            Ok(article) => {
                let annotations =
                    extract_observed(&display_name(&path), &article.text, models, observe)?;
                // Named by the file the work goes to, everywhere the window
                // names it (title, tab, status bar), not the article read.
                let save_path = annotation_path_for(&path);
                let mut doc = OpenDocument::new(annotations, display_name(&save_path));
                doc.notice = article.encoding_notice;
                doc.save_path = Some(save_path);
                Ok(doc)
            }
        },
    };
    ControlFlow::Continue(opened)
}

/// An annotation file, opened as saved; a changed article beside it is named.
fn open_annotations(path: PathBuf) -> Result<OpenDocument, OpenFailure> {
    let failure = |e: FileError| OpenFailure {
        file: path.display().to_string(),
        problems: e.problems(),
    };
    let bytes = std::fs::read(&path).map_err(|e| failure(FileError::io(&path, e)))?;
    let annotations = from_json(&path, &bytes).map_err(failure)?;
    let drift = article_drift(&path, &annotations.document.sha256);
    let mut doc = OpenDocument::new(annotations, display_name(&path));
    if let Some(drift) = drift {
        doc.notice = Some(
            "the article beside changed since it was annotated; showing the annotated text"
                .to_owned(),
        );
        doc.warnings.push(drift);
    }
    doc.disk_digest = Some(sha256_hex_bytes(&bytes));
    doc.save_path = Some(path.clone());
    doc.own_file = Some(path);
    Ok(doc)
}

/// A folder being read in the background: every annotation file in it is
/// read and checked to show its status, and who is quoted in it is kept for
/// the folder's figures, which takes a while for thousands; then the
/// folder's registry is read. Dropping the job stops the reading.
pub struct FolderJob {
    pub dir: PathBuf,
    receiver: Receiver<std::io::Result<(Queue, PeopleRead)>>,
    /// Annotation files read, and how many there are.
    read: Arc<(AtomicUsize, AtomicUsize)>,
    cancelled: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl FolderJob {
    pub fn start(dir: PathBuf, wake: impl FnOnce() + Send + 'static) -> FolderJob {
        let (sender, receiver) = mpsc::channel();
        let read = Arc::new((AtomicUsize::new(0), AtomicUsize::new(0)));
        let cancelled = Arc::new(AtomicBool::new(false));
        let (counts, stop, folder) = (read.clone(), cancelled.clone(), dir.clone());
        let thread = std::thread::spawn(move || {
            let observe = |done: usize, total: usize| {
                counts.0.store(done, Ordering::Relaxed);
                counts.1.store(total, Ordering::Relaxed);
                if stop.load(Ordering::Relaxed) {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            };
            let mut facts = Vec::new();
            let keep_facts = |path: &Path, doc: &_| {
                let file = path.file_stem().unwrap_or_default().to_string_lossy();
                facts.push(ArticleFacts::of(&file, doc));
            };
            if let ControlFlow::Continue(result) =
                Queue::open_inspecting(&folder, observe, keep_facts)
            {
                let result = result.map(|queue| {
                    let registry = Registry::load_or_new(&Registry::path_in(&folder));
                    (queue, PeopleRead { facts, registry })
                });
                let _ = sender.send(result);
                wake();
            }
        });
        FolderJob {
            dir,
            receiver,
            read,
            cancelled,
            thread: Some(thread),
        }
    }

    /// Annotation files read so far, and how many there are.
    pub fn progress(&self) -> (usize, usize) {
        (
            self.read.0.load(Ordering::Relaxed),
            self.read.1.load(Ordering::Relaxed),
        )
    }

    /// The queue and the folder's people, once the folder is read.
    pub fn poll(&mut self) -> Option<std::io::Result<(Queue, PeopleRead)>> {
        let result = match self.receiver.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(std::io::Error::other(
                "reading the folder stopped unexpectedly",
            ))),
        };
        if result.is_some() {
            finish(&mut self.thread);
        }
        result
    }
}

impl Drop for FolderJob {
    fn drop(&mut self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }
}
