//! Reading and writing files: articles (plain text) and annotation files
//! (version 1 of the contract in `docs/annotation-format.md`).

mod annotation;
mod article;
pub mod brat;

pub use annotation::{from_json, load_annotations, save_annotations, to_json, validate};
pub use article::{Article, decode_article, read_article};

use std::path::{Path, PathBuf};

/// Everything that can go wrong with a file, each saying which file and,
/// where it can, which span or id.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not valid JSON: {message} (line {line}, column {column})")]
    Json {
        path: PathBuf,
        message: String,
        line: usize,
        column: usize,
    },
    #[error("{path}: {}", problems.join("; "))]
    Invalid {
        path: PathBuf,
        problems: Vec<String>,
    },
    #[error("{path}: {message}")]
    NotText { path: PathBuf, message: String },
}

impl FileError {
    pub fn io(path: &Path, source: std::io::Error) -> FileError {
        FileError::Io {
            path: path.to_owned(),
            source,
        }
    }

    /// Every problem found, one a line, for `check` and the window.
    pub fn problems(&self) -> Vec<String> {
        match self {
            FileError::Invalid { problems, .. } => problems.clone(),
            other => vec![other.to_string()],
        }
    }
}

/// What a path holds, judged by its name: an annotation file or an article.
pub fn is_annotation_path(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// Where the annotations of `article` are saved by default:
/// `article.txt` → `article.json` beside it.
pub fn annotation_path_for(article: &Path) -> PathBuf {
    article.with_extension("json")
}

/// Writes `bytes` to `path` so that a crash or a full disk never leaves a
/// half-written file: the bytes go to a temporary file in the same folder,
/// are flushed to disk, and only then take the place of `path`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    use std::io::Write;
    let err = |e| FileError::io(path, e);
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".quotecheck-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(err)?;
    tmp.write_all(bytes).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}
