//! Reading and writing files: articles (plain text) and annotation files
//! (version 1 of the contract in `annotation-format.md` of the shared project folder).

mod annotation;
mod article;
mod atomic;
pub mod brat;
pub mod citron;
pub mod conll;
pub mod export;
pub mod jsonl;

pub use annotation::{
    article_drift, check_json, doubts, from_json, load_annotations, now_rfc3339, save_annotations,
    to_json, validate,
};
pub use article::{Article, decode_article, read_article};
pub use atomic::{write_atomically, write_private};

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
    #[error("{path}: cannot write the annotations as JSON: {source}")]
    Serialize {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
}

impl FileError {
    pub fn io(path: &Path, source: std::io::Error) -> FileError {
        FileError::Io {
            path: path.to_owned(),
            source,
        }
    }

    /// JSON that does not parse, with where (serde_json's own " at line L
    /// column C" left off: the error shows them itself).
    pub fn json(path: &Path, e: &serde_json::Error) -> FileError {
        let message = e.to_string();
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m)
            .to_owned();
        FileError::Json {
            path: path.to_owned(),
            message,
            line: e.line(),
            column: e.column(),
        }
    }

    pub fn serialize(path: &Path, source: serde_json::Error) -> FileError {
        FileError::Serialize {
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

/// Reads annotations in any format quotecheck knows, judged from the file:
/// an annotation file, a Citron document (`.json`), or brat standoff
/// (`NAME.ann` with `NAME.txt` beside it; either path may be given).
pub fn load_any(path: &Path) -> Result<crate::model::Annotations, FileError> {
    load_any_noting(path).map(|(annotations, _)| annotations)
}

/// [`load_any`], with what a brat or Citron file held that the annotations
/// could not as it was written (other relations, notes, a second source),
/// for a person to read.
pub fn load_any_noting(path: &Path) -> Result<(crate::model::Annotations, Vec<String>), FileError> {
    let invalid = |message: String| FileError::Invalid {
        path: path.to_owned(),
        problems: vec![message],
    };
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let name = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    match ext.as_str() {
        "json" => {
            let bytes = std::fs::read(path).map_err(|e| FileError::io(path, e))?;
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
            let value: serde_json::Value =
                serde_json::from_slice(bytes).map_err(|e| FileError::json(path, &e))?;
            if citron::is_citron(&value) {
                let text_name = name(&path.with_extension("txt"));
                let import = citron::import(&text_name, value).map_err(invalid)?;
                Ok((import.annotations, import.warnings))
            } else {
                Ok((from_json(path, bytes)?, Vec::new()))
            }
        }
        "ann" | "txt" => {
            let ann_path = path.with_extension("ann");
            let txt_path = path.with_extension("txt");
            if ext == "txt" && !ann_path.exists() {
                return Err(invalid(
                    "an article without annotations; run `quotecheck extract` on it first".into(),
                ));
            }
            if !txt_path.exists() {
                return Err(invalid(format!(
                    "brat keeps the article beside its annotations, and {} is not there \
                     (PolNeAR's attributions/ and text/ folders are read by `eval` and `train`)",
                    txt_path.display()
                )));
            }
            let article = read_article(&txt_path)?;
            // brat writes UTF-8, but a file edited elsewhere may not be.
            let ann = read_article(&ann_path)?.text;
            let import = brat::import(&name(&txt_path), &article.text, &ann).map_err(invalid)?;
            Ok((import.annotations, import.warnings))
        }
        _ => Err(invalid(
            "unknown kind of file: expected .json (annotation file or Citron), .ann (brat) or .txt"
                .into(),
        )),
    }
}

/// `text` cut to a length a message can show.
fn shortened(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        return text.to_owned();
    }
    let head: String = text.chars().take(MAX).collect();
    format!("{head}…")
}
