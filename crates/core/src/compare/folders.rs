//! Two reviewers' folders as an adjudication queue: the articles both
//! reviewed (an annotation file of the same name and the same text in each),
//! those with the most differences first, each with the status of its
//! adjudicated file in the output folder.

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use super::{Comparison, file_label};
use crate::eval::{Corpus, Scores, from_annotations, score};
use crate::format::{FileError, is_annotation_path};
use crate::queue::ItemStatus;
use crate::registry::REGISTRY_FILE;

/// One article both reviewed.
#[derive(Debug, Clone, PartialEq)]
pub struct PairItem {
    /// The files' name without `.json`.
    pub name: String,
    pub a: PathBuf,
    pub b: PathBuf,
    /// Where the adjudicated file goes; none when only listing.
    pub out: Option<PathBuf>,
    pub differences: usize,
    /// Of the adjudicated file: not started (none yet, or no output folder),
    /// in progress, done.
    pub status: ItemStatus,
}

/// The articles of two folders to adjudicate, and the one in front.
#[derive(Debug, Clone)]
pub struct PairQueue {
    pub dir_a: PathBuf,
    pub dir_b: PathBuf,
    pub items: Vec<PairItem>,
    pub current: usize,
    /// `eval --agreement`'s figures over every pair.
    pub agreement: Scores,
    /// Files left out, each with the reason (another text, unreadable, no
    /// file of that name in the other folder).
    pub left_out: Vec<String>,
    /// How many of `left_out` are pairs that failed (another text,
    /// unreadable), not files reviewed in one folder only.
    pub failed: usize,
}

impl PairQueue {
    pub fn current_item(&self) -> Option<&PairItem> {
        self.items.get(self.current)
    }

    /// Adjudicated articles: (done, total).
    pub fn progress(&self) -> (usize, usize) {
        crate::queue::progress_of(self.items.iter().map(|i| &i.status))
    }
}

/// Pairs the annotation files of `dir_a` and `dir_b` by name, compares each
/// pair, and orders them most differences first (then by name); each with
/// its adjudicated file in `out_dir`, when given. A pair
/// whose texts differ, or a file that does not load, is left out and said
/// in `left_out`; an error only when a folder cannot be listed. `observe`
/// hears how many of how many pairs are compared, and may stop the work.
pub fn pair_folders<B>(
    dir_a: &Path,
    dir_b: &Path,
    out_dir: Option<&Path>,
    mut observe: impl FnMut(usize, usize) -> ControlFlow<B>,
) -> ControlFlow<B, Result<PairQueue, FileError>> {
    let (files_a, files_b) = match (annotation_files(dir_a), annotation_files(dir_b)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => return ControlFlow::Continue(Err(e)),
    };
    let names: Vec<&String> = files_a
        .keys()
        .filter(|n| files_b.contains_key(*n))
        .collect();
    let mut items = Vec::new();
    let mut left_out = Vec::new();
    let (mut corpus_a, mut corpus_b) = (Corpus::new(), Corpus::new());
    for (done, name) in names.iter().enumerate() {
        observe(done, names.len())?;
        let (a, b) = (&files_a[*name], &files_b[*name]);
        match Comparison::load(a, b) {
            Ok(cmp) => {
                let out = out_dir.map(|dir| dir.join(format!("{name}.json")));
                corpus_a.insert((*name).clone(), from_annotations(cmp.a()));
                corpus_b.insert((*name).clone(), from_annotations(cmp.b()));
                items.push(PairItem {
                    name: (*name).clone(),
                    a: a.clone(),
                    b: b.clone(),
                    status: out
                        .as_deref()
                        .map_or(ItemStatus::NotStarted, crate::queue::status_of_annotations),
                    out,
                    differences: cmp.differences().len(),
                });
            }
            Err(e) => left_out.push(e.to_string()),
        }
    }
    let failed = left_out.len();
    observe(names.len(), names.len())?;
    for (name, path) in &files_a {
        if !files_b.contains_key(name) {
            left_out.push(format!(
                "{}: no file of that name in {}",
                file_label(path),
                dir_b.display()
            ));
        }
    }
    for (name, path) in &files_b {
        if !files_a.contains_key(name) {
            left_out.push(format!(
                "{}: no file of that name in {}",
                file_label(path),
                dir_a.display()
            ));
        }
    }
    items.sort_by(|x, y| y.differences.cmp(&x.differences).then(x.name.cmp(&y.name)));
    ControlFlow::Continue(Ok(PairQueue {
        dir_a: dir_a.to_owned(),
        dir_b: dir_b.to_owned(),
        items,
        current: 0,
        agreement: score(&corpus_a, &corpus_b),
        left_out,
        failed,
    }))
}

/// The folder's annotation files by name (its registry of people left out).
fn annotation_files(dir: &Path) -> Result<BTreeMap<String, PathBuf>, FileError> {
    let entries = std::fs::read_dir(dir).map_err(|e| FileError::io(dir, e))?;
    Ok(entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && is_annotation_path(p))
        .filter(|p| p.file_name().is_none_or(|n| n != REGISTRY_FILE))
        .filter_map(|p| Some((p.file_stem()?.to_string_lossy().into_owned(), p)))
        .collect())
}
