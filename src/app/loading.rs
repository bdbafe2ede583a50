//! Opening files off the window's thread: reading and extracting a 50 MB
//! article takes seconds, and the window must keep drawing (and offer Cancel)
//! meanwhile.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use super::document::OpenDocument;
use crate::format::{
    FileError, annotation_path_for, article_drift, from_json, is_annotation_path, read_article,
};
use crate::model::sha256_hex_bytes;

/// What went wrong opening one file: the file and every problem found.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenFailure {
    pub file: String,
    pub problems: Vec<String>,
}

/// One file being opened in the background.
pub struct LoadJob {
    pub name: String,
    /// Opened as the current article of the folder queue.
    pub for_queue: bool,
    receiver: Receiver<Result<OpenDocument, OpenFailure>>,
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
    pub fn start(source: Source, for_queue: bool, wake: impl FnOnce() + Send + 'static) -> LoadJob {
        let name = match &source {
            Source::File(path) => display_name(path),
            Source::Text { name, .. } => name.clone(),
        };
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            // The receiver is gone when the person cancelled: nothing to do.
            let _ = sender.send(open(source));
            wake();
        });
        LoadJob {
            name,
            for_queue,
            receiver,
        }
    }

    /// The result, once the background work is done.
    pub fn poll(&self) -> Option<Result<OpenDocument, OpenFailure>> {
        match self.receiver.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(OpenFailure {
                file: self.name.clone(),
                problems: vec!["opening stopped unexpectedly".to_owned()],
            })),
        }
    }
}

pub fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn open(source: Source) -> Result<OpenDocument, OpenFailure> {
    match source {
        Source::Text { name, text } => {
            let annotations = crate::extract::extract(&name, &text);
            Ok(OpenDocument::new(annotations, name))
        }
        Source::File(path) if is_annotation_path(&path) => {
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
        Source::File(path) => {
            let article = read_article(&path).map_err(|e| OpenFailure {
                file: path.display().to_string(),
                problems: e.problems(),
            })?;
            let name = display_name(&path);
            let annotations = crate::extract::extract(&name, &article.text);
            let mut doc = OpenDocument::new(annotations, name);
            doc.notice = article.encoding_notice;
            doc.save_path = Some(annotation_path_for(&path));
            Ok(doc)
        }
    }
}
