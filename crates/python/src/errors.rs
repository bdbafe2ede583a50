//! The core's errors as Python exceptions: a file that cannot be read is an
//! `OSError` of the usual subclass (`FileNotFoundError`, …) naming the file;
//! a file or dict that breaks the annotation-file contract is an
//! `AnnotationError`, a `ValueError` that lists every problem.

use std::path::Path;

use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use quotecheck_core::format::FileError;

pyo3::create_exception!(
    quotecheck,
    AnnotationError,
    PyValueError,
    "An annotation file or dict that breaks the contract: `problems` lists each problem, `path` names the file."
);

/// The exception for `e`, which names `path` in its message.
pub fn file_error(py: Python<'_>, e: FileError) -> PyErr {
    match e {
        FileError::Io { path, source } => os_error(&path, &source),
        other => {
            let path = path_of(&other).to_owned();
            annotation_error(
                py,
                &path,
                &format!("{}", path.display()),
                problems_of(&other),
            )
        }
    }
}

/// A dict that was to be saved to `path` but breaks the contract.
pub fn invalid_annotations(py: Python<'_>, path: &Path, problems: Vec<String>) -> PyErr {
    annotation_error(
        py,
        path,
        &format!("not saved to {}", path.display()),
        problems,
    )
}

fn annotation_error(py: Python<'_>, path: &Path, context: &str, problems: Vec<String>) -> PyErr {
    let message = format!("{context}: {}", problems.join("; "));
    let made = (|| -> PyResult<PyErr> {
        let exc = py.get_type::<AnnotationError>().call1((message.clone(),))?;
        exc.setattr("problems", problems)?;
        exc.setattr("path", path.display().to_string())?;
        Ok(PyErr::from_value(exc))
    })();
    // Making the exception only fails when Python is out of memory; the
    // message alone still says what is wrong.
    made.unwrap_or_else(|_| PyValueError::new_err(message))
}

/// An `OSError` that Python turns into the subclass of its errno
/// (`FileNotFoundError`, `PermissionError`, …), with `filename` set.
pub fn os_error(path: &Path, e: &std::io::Error) -> PyErr {
    match os_cause(e) {
        Some((errno, cause)) => {
            let message = cause.to_string();
            // Rust appends " (os error N)"; Python shows the errno itself.
            let message = message
                .rsplit_once(" (os error ")
                .map_or(message.as_str(), |(m, _)| m)
                .to_owned();
            PyOSError::new_err((errno, message, path.display().to_string()))
        }
        // PyO3 still picks the subclass from the kind of error.
        None => std::io::Error::new(e.kind(), format!("{}: {e}", path.display())).into(),
    }
}

/// The error of the operating system behind `e`: `e` itself, or the one a
/// library wrapped in it (the temporary file of an atomic save says which
/// temporary path failed, around the system's error).
fn os_cause(e: &std::io::Error) -> Option<(i32, &std::io::Error)> {
    if let Some(errno) = e.raw_os_error() {
        return Some((errno, e));
    }
    let inner = e.get_ref()?.source()?.downcast_ref::<std::io::Error>()?;
    Some((inner.raw_os_error()?, inner))
}

fn path_of(e: &FileError) -> &Path {
    match e {
        FileError::Io { path, .. }
        | FileError::Json { path, .. }
        | FileError::Invalid { path, .. }
        | FileError::NotText { path, .. }
        | FileError::Serialize { path, .. } => path,
    }
}

/// Each problem of `e`, without the file name every message of the core
/// starts with (the exception says it once).
pub fn problems_of(e: &FileError) -> Vec<String> {
    let prefix = format!("{}: ", path_of(e).display());
    e.problems()
        .into_iter()
        .map(|p| p.strip_prefix(&prefix).map_or(p.clone(), str::to_owned))
        .collect()
}
