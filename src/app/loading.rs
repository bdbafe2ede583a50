//! Opening files off the window's thread: reading and extracting a 50 MB
//! article takes seconds, and the window must keep drawing (and offer Cancel)
//! meanwhile.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use super::document::OpenDocument;
use crate::format::{annotation_path_for, is_annotation_path, load_annotations, read_article};

/// What went wrong opening one file: the file and every problem found.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenFailure {
    pub file: String,
    pub problems: Vec<String>,
}

/// One file being opened in the background.
pub struct LoadJob {
    pub name: String,
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
    pub fn start(source: Source, wake: impl FnOnce() + Send + 'static) -> LoadJob {
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
        LoadJob { name, receiver }
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
            let annotations = load_annotations(&path).map_err(|e| OpenFailure {
                file: path.display().to_string(),
                problems: e.problems(),
            })?;
            let mut doc = OpenDocument::new(annotations, display_name(&path));
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
