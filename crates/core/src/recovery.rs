//! Crash recovery: unsaved work is written now and then to a recovery folder
//! outside the article's folder (the user's data folder), so a crash or a
//! killed process loses at most the last half minute; the next start offers
//! to restore it.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::format::{FileError, write_private};
use crate::model::{Annotations, sha256_hex};

/// One recovered piece of work: where it belongs and the unsaved state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The file the work would be saved to (the annotation file, or the
    /// article it came from); `None` for the bundled sample.
    pub path: Option<PathBuf>,
    /// When it was written, RFC 3339.
    pub written_at: Option<String>,
    pub annotations: Annotations,
}

/// The recovery folder and the snapshots in it.
#[derive(Debug, Clone)]
pub struct RecoveryStore {
    dir: PathBuf,
}

impl RecoveryStore {
    pub fn new(dir: impl Into<PathBuf>) -> RecoveryStore {
        RecoveryStore { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The snapshot file of the document at `path` (or, with no file yet, of
    /// the article `name`): one per document, so each autosave replaces the last.
    fn file_for(&self, path: Option<&Path>, name: &str) -> PathBuf {
        let key = match path {
            Some(p) => p.to_string_lossy().into_owned(),
            None => format!("unsaved:{name}"),
        };
        self.dir.join(format!("{}.json", &sha256_hex(&key)[..16]))
    }

    /// Writes the unsaved state of the document at `path` (atomically).
    pub fn write(&self, path: Option<&Path>, doc: &Annotations) -> Result<(), FileError> {
        std::fs::create_dir_all(&self.dir).map_err(|e| FileError::io(&self.dir, e))?;
        let snapshot = Snapshot {
            path: path.map(Path::to_owned),
            written_at: crate::format::now_rfc3339(),
            annotations: doc.clone(),
        };
        let bytes =
            serde_json::to_vec(&snapshot).map_err(|e| FileError::serialize(&self.dir, e))?;
        write_private(&self.file_for(path, &doc.document.name), &bytes)
    }

    /// Forgets the snapshot of the document at `path` (or of the article
    /// `name` with no file): it was saved or the person discarded it.
    pub fn remove(&self, path: Option<&Path>, name: &str) {
        // Nothing to do when there is none; any other failure only leaves a
        // stale offer to restore, which the person can decline.
        let _ = std::fs::remove_file(self.file_for(path, name));
    }

    /// Every snapshot waiting to be restored, oldest first. Files that are
    /// not snapshots (damaged by the crash) are passed over.
    pub fn pending(&self) -> Vec<Snapshot> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut found: Vec<Snapshot> = entries
            .filter_map(|e| e.ok())
            .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
            .filter_map(|e| serde_json::from_slice(&std::fs::read(e.path()).ok()?).ok())
            .filter(|s: &Snapshot| crate::format::validate(&s.annotations).is_empty())
            .collect();
        found.sort_by(|a, b| a.written_at.cmp(&b.written_at));
        found
    }

    /// Forgets a snapshot by what it holds (after it is restored or declined).
    pub fn discard(&self, snapshot: &Snapshot) {
        self.remove(
            snapshot.path.as_deref(),
            &snapshot.annotations.document.name,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snapshot_is_written_listed_and_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(dir.path().join("recovery"));
        let doc = Annotations::new("a.txt", "“Hi,” she said.");
        let path = Path::new("articles/a.json");
        store.write(Some(path), &doc).unwrap();
        // A second autosave replaces the first.
        store.write(Some(path), &doc).unwrap();
        let pending = store.pending();
        assert_eq!(pending.len(), 1);
        assert_eq!(pending[0].path.as_deref(), Some(path));
        assert_eq!(pending[0].annotations, doc);
        store.discard(&pending[0]);
        assert!(store.pending().is_empty());
    }

    #[test]
    fn damaged_snapshots_are_passed_over() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("0000.json"), "{ half a file").unwrap();
        assert!(RecoveryStore::new(dir.path()).pending().is_empty());
    }
}
