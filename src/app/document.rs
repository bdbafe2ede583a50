//! One open article: its annotations, their history, where it is saved, and
//! what the person has selected in it.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use quotecheck_core::model::{Annotations, Created, EditError, History, Intent};

/// What is selected. Quotes and entities are named by id, so a selection
/// survives edits that move them in their lists.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Selection {
    pub quote: Option<String>,
    pub entity: Option<String>,
    /// Article chars `start..end` the person dragged over.
    pub text: Option<(usize, usize)>,
}

/// The annotations and their history are private: they change only through
/// [`OpenDocument::apply`], [`undo`](OpenDocument::undo) and
/// [`redo`](OpenDocument::redo), so every change is in the history.
#[derive(Debug)]
pub struct OpenDocument {
    /// Unique among the documents of this run, so layouts never mix them up.
    pub uid: u64,
    annotations: Annotations,
    history: History,
    /// `History::state()` when the model last held no unsaved work of the
    /// person: at load (tags an extractor made can be made again) and at
    /// each save.
    saved_state: u64,
    /// Bumped on every change to `annotations`.
    revision: u64,
    /// Where Save writes without asking; `None` until the person picks a file.
    pub save_path: Option<PathBuf>,
    /// The file this document was loaded from or last saved to: overwriting
    /// it needs no confirmation.
    pub own_file: Option<PathBuf>,
    /// Shown in the title and the status bar.
    pub display_name: String,
    /// Why the text may look odd (a legacy encoding, an article changed
    /// since it was annotated), shown in the status bar.
    pub notice: Option<String>,
    /// Problems to show once the document is open (in a dialog).
    pub warnings: Vec<String>,
    /// SHA-256 of `own_file`'s bytes as last read or written here: when the
    /// file on disk no longer has it, someone else changed it.
    pub disk_digest: Option<String>,
    pub selection: Selection,
}

static NEXT_UID: AtomicU64 = AtomicU64::new(1);

impl OpenDocument {
    pub fn new(annotations: Annotations, display_name: String) -> OpenDocument {
        OpenDocument {
            uid: NEXT_UID.fetch_add(1, Ordering::Relaxed),
            annotations,
            history: History::default(),
            saved_state: 0,
            revision: 0,
            save_path: None,
            own_file: None,
            display_name,
            notice: None,
            warnings: Vec::new(),
            disk_digest: None,
            selection: Selection::default(),
        }
    }

    /// Work recovered after a crash, shown as `name`: unsaved until the
    /// person saves it to `path`, the file it belonged to.
    pub fn restored(annotations: Annotations, path: Option<PathBuf>, name: String) -> OpenDocument {
        let mut doc = OpenDocument::new(annotations, name);
        // No history state is ever u64::MAX, so the document stays unsaved.
        doc.saved_state = u64::MAX;
        if let Some(path) = path {
            if path.exists() {
                doc.disk_digest = file_digest(&path);
                doc.own_file = Some(path.clone());
            }
            doc.save_path = Some(path);
        }
        doc
    }

    /// The file the work belongs to, which names its recovery snapshot.
    pub fn home_file(&self) -> Option<&Path> {
        self.own_file.as_deref().or(self.save_path.as_deref())
    }

    pub fn annotations(&self) -> &Annotations {
        &self.annotations
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    /// Bumped on every change, so views know when to lay out again.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Carries out a person's change against the annotations as they are
    /// now; returns what it created. An intent that would change nothing is
    /// no step in the history.
    pub fn apply(&mut self, intent: &Intent) -> Result<Option<Created>, EditError> {
        self.apply_by(intent, None)
    }

    /// [`OpenDocument::apply`] for reviewer `by`, whose name the quotes and
    /// entities they decide on record.
    pub fn apply_by(
        &mut self,
        intent: &Intent,
        by: Option<&str>,
    ) -> Result<Option<Created>, EditError> {
        let Some(plan) = intent.plan_by(&self.annotations, by)? else {
            return Ok(None);
        };
        self.history
            .apply(&mut self.annotations, plan.transaction)?;
        self.changed();
        Ok(plan.created)
    }

    /// Undoes the last change; `Ok(false)` when there is none.
    pub fn undo(&mut self) -> Result<bool, EditError> {
        let undone = self.history.undo(&mut self.annotations)?;
        if undone {
            self.changed();
        }
        Ok(undone)
    }

    pub fn redo(&mut self) -> Result<bool, EditError> {
        let redone = self.history.redo(&mut self.annotations)?;
        if redone {
            self.changed();
        }
        Ok(redone)
    }

    fn changed(&mut self) {
        self.revision += 1;
        // Selections by id stay valid; a text range may now be stale.
        self.selection.text = None;
    }

    /// Holds changes that are not in any file yet.
    pub fn is_dirty(&self) -> bool {
        self.saved_state != self.history.state()
    }

    /// Records that the model now matches `path` on disk.
    pub fn mark_saved(&mut self, path: &Path) {
        self.saved_state = self.history.state();
        self.disk_digest = file_digest(path);
        self.save_path = Some(path.to_owned());
        self.own_file = Some(path.to_owned());
        if let Some(name) = path.file_name() {
            self.display_name = name.to_string_lossy().into_owned();
        }
    }

    /// `own_file` was changed on disk by someone else since it was read or
    /// written here (a file that is gone has nothing to lose).
    pub fn changed_on_disk(&self) -> bool {
        match (&self.own_file, &self.disk_digest) {
            (Some(path), Some(digest)) => file_digest(path).is_some_and(|now| now != *digest),
            _ => false,
        }
    }

    /// Index of the selected quote, if it still exists.
    pub fn selected_quote(&self) -> Option<usize> {
        let id = self.selection.quote.as_deref()?;
        self.annotations.quote_index(id)
    }

    pub fn selected_entity(&self) -> Option<usize> {
        let id = self.selection.entity.as_deref()?;
        self.annotations.entity_index(id)
    }
}

/// SHA-256 of the file's bytes, `None` when it cannot be read.
pub fn file_digest(path: &Path) -> Option<String> {
    std::fs::read(path)
        .ok()
        .map(|bytes| quotecheck_core::model::sha256_hex_bytes(&bytes))
}
