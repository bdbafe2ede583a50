//! The Python module `quotecheck._quotecheck`: extraction, annotation files
//! and retrained models, re-exported by the package `quotecheck`.
//!
//! Every dict handed to Python is the annotation file exactly as the command
//! line writes it: the core serialises the document ([`to_json`]) and
//! Python's own `json.loads` reads those bytes, so `extract(text)` and
//! `json.load(open(NAME.json))` after `quotecheck extract` are equal, floats
//! included. Extraction runs with the GIL released, so other Python threads
//! (a Dask worker's, a web server's) go on meanwhile.

mod errors;
mod model;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use quotecheck_core::extract::{Models, extract_using};
use quotecheck_core::format::{
    article_drift, doubts, from_json, load_annotations, save_annotations, to_json,
};
use rayon::prelude::*;

use errors::{AnnotationError, file_error, invalid_annotations};
use model::Model;

// As in the command line: extraction allocates and frees many small vectors
// on every core, which mimalloc's per-thread heaps do faster. Only this
// library's Rust allocations use it; Python's objects are Python's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The models of `model`, or those that ship inside quotecheck.
fn models_of(model: Option<&Model>) -> Models<'_> {
    match model {
        Some(model) => model.models(),
        None => Models::bundled(),
    }
}

/// `json.loads` of bytes the core wrote; see the module docs for why.
fn to_dict<'py>(
    py: Python<'py>,
    loads: &Bound<'py, PyAny>,
    json: &[u8],
) -> PyResult<Bound<'py, PyAny>> {
    loads.call1((PyBytes::new(py, json),))
}

fn json_loads(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    py.import("json")?.getattr("loads")
}

/// The annotation file of one article as bytes, as `quotecheck extract`
/// writes it.
fn annotation_bytes(name: &str, text: &str, models: Models) -> PyResult<Vec<u8>> {
    to_json(&extract_using(name, text, models)).map_err(|e| {
        PyValueError::new_err(format!("{name}: cannot write the annotations as JSON: {e}"))
    })
}

/// Extracts `text` into an annotation file, returned as a dict.
#[pyfunction]
#[pyo3(signature = (text, name = None, *, model = None))]
fn extract<'py>(
    py: Python<'py>,
    text: String,
    name: Option<String>,
    model: Option<PyRef<'py, Model>>,
) -> PyResult<Bound<'py, PyAny>> {
    extract_one(py, &text, name.as_deref(), models_of(model.as_deref()))
}

fn extract_one<'py>(
    py: Python<'py>,
    text: &str,
    name: Option<&str>,
    models: Models,
) -> PyResult<Bound<'py, PyAny>> {
    let name = name.unwrap_or_default();
    let json = py.detach(|| annotation_bytes(name, text, models))?;
    to_dict(py, &json_loads(py)?, &json)
}

/// Extracts many articles on every core (or on `threads` threads), in
/// order; one dict per text.
#[pyfunction]
#[pyo3(signature = (texts, names = None, *, model = None, threads = None))]
fn extract_many<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    names: Option<&Bound<'py, PyAny>>,
    model: Option<PyRef<'py, Model>>,
    threads: Option<i64>,
) -> PyResult<Bound<'py, PyList>> {
    extract_many_with(py, texts, names, models_of(model.as_deref()), threads)
}

/// `threads` as a count: at least 1 where given.
fn thread_count(threads: Option<i64>) -> PyResult<Option<usize>> {
    match threads {
        None => Ok(None),
        Some(n) if n >= 1 => Ok(Some(usize::try_from(n).unwrap_or(usize::MAX))),
        Some(n) => Err(PyValueError::new_err(format!(
            "threads must be at least 1, not {n}"
        ))),
    }
}

fn extract_many_with<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    names: Option<&Bound<'py, PyAny>>,
    models: Models,
    threads: Option<i64>,
) -> PyResult<Bound<'py, PyList>> {
    let threads = thread_count(threads)?;
    let texts: Vec<String> = strings(texts, "texts")?
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            t.ok_or_else(|| PyTypeError::new_err(format!("texts[{i}] is None, not a str")))
        })
        .collect::<PyResult<_>>()?;
    let names: Vec<String> = match names {
        None => vec![String::new(); texts.len()],
        Some(names) => {
            let names = strings(names, "names")?;
            if names.len() != texts.len() {
                return Err(PyValueError::new_err(format!(
                    "{} names for {} texts: give one name per text, or none",
                    names.len(),
                    texts.len()
                )));
            }
            names.into_iter().map(Option::unwrap_or_default).collect()
        }
    };
    // A thread per text at most: `threads=5000` for three texts started
    // 5000 threads (14 s, 830 MB), and a million never finished.
    let threads = threads.map(|n| n.min(texts.len().max(1)));
    // Set on Ctrl-C: articles not yet started are skipped, so a long run
    // stops within an article's time rather than at its end.
    let stop = AtomicBool::new(false);
    let one = |(text, name): (&String, &String)| {
        (!stop.load(Ordering::Relaxed)).then(|| annotation_bytes(name, text, models))
    };
    let work =
        || -> Vec<Option<PyResult<Vec<u8>>>> { texts.par_iter().zip(&names).map(one).collect() };
    let jsons = interruptible(py, &stop, || -> PyResult<Vec<_>> {
        match threads {
            None => Ok(work()),
            // One thread and no pool, so an engine that runs a task per
            // core (Dask, Spark) gets no pool competing with it.
            Some(1) => Ok(texts.iter().zip(&names).map(one).collect()),
            Some(n) => rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .map(|pool| pool.install(work))
                .map_err(|e| PyValueError::new_err(format!("cannot start {n} threads: {e}"))),
        }
    })??;
    let loads = json_loads(py)?;
    let list = PyList::empty(py);
    for json in jsons.into_iter().flatten() {
        list.append(to_dict(py, &loads, &json?)?)?;
    }
    Ok(list)
}

/// Runs `work` with the GIL released, on a thread of its own, while the
/// calling thread looks for Ctrl-C (and other signals Python handles) every
/// tenth of a second: a signal sets `stop`, the work is waited for, and the
/// signal's exception (`KeyboardInterrupt`) is raised. Without it a long
/// `extract_many` could not be stopped from the keyboard.
fn interruptible<T: Send>(
    py: Python<'_>,
    stop: &AtomicBool,
    work: impl FnOnce() -> T + Send,
) -> PyResult<T> {
    py.detach(|| {
        std::thread::scope(|scope| {
            let (done, finished) = mpsc::channel::<()>();
            let worker = scope.spawn(move || {
                let result = work();
                // The receiver waits for this; it cannot have gone.
                let _ = done.send(());
                result
            });
            let mut interrupted = None;
            // A panic in the work drops the sender: that ends the wait too.
            while let Err(RecvTimeoutError::Timeout) = finished.recv_timeout(SIGNAL_CHECK) {
                if interrupted.is_none()
                    && let Err(e) = Python::attach(|py| py.check_signals())
                {
                    stop.store(true, Ordering::Relaxed);
                    interrupted = Some(e);
                }
            }
            let result = worker
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            match interrupted {
                Some(e) => Err(e),
                None => Ok(result),
            }
        })
    })
}

/// How often a running `extract_many` looks for Ctrl-C.
const SIGNAL_CHECK: Duration = Duration::from_millis(100);

/// The items of an iterable of `str` (or None), refusing a bare `str`,
/// which would otherwise be read as one article per character.
fn strings(items: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<Option<String>>> {
    if items.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(format!(
            "{what} must be an iterable of str (a list, a pandas Series, …), not one str"
        )));
    }
    items
        .try_iter()?
        .enumerate()
        .map(|(i, item)| {
            let item = item?;
            if item.is_none() {
                Ok(None)
            } else if item.is_instance_of::<PyString>() {
                // A str that is no text Rust can hold (a lone surrogate).
                item.extract::<String>()
                    .map(Some)
                    .map_err(|e| PyValueError::new_err(format!("{what}[{i}]: {e}")))
            } else {
                item.extract::<String>().map(Some).map_err(|_| {
                    PyTypeError::new_err(format!(
                        "{what}[{i}] is a {}, not a str",
                        type_name(&item)
                    ))
                })
            }
        })
        .collect()
}

fn type_name(item: &Bound<'_, PyAny>) -> String {
    item.get_type()
        .name()
        .map_or_else(|_| "?".to_owned(), |n| n.to_string())
}

/// Reads the annotation file at `path` with every check of `quotecheck
/// check`; a bad file raises `AnnotationError` (a `ValueError`) listing each
/// problem. What `check` names but loading lets through, as the window
/// opens such files (an article `.txt` beside it whose text changed since
/// it was annotated, a confidence outside 0–1, an `updated_at` that is no
/// time, an empty span), is a `UserWarning` each.
#[pyfunction]
fn load(py: Python<'_>, path: PathBuf) -> PyResult<Bound<'_, PyAny>> {
    let (json, warnings) = py
        .detach(|| -> Result<_, quotecheck_core::format::FileError> {
            let doc = load_annotations(&path)?;
            let json = to_json(&doc)
                .map_err(|e| quotecheck_core::format::FileError::serialize(&path, e))?;
            let drift = article_drift(&path, &doc.document.sha256);
            let warnings: Vec<String> = drift.into_iter().chain(doubts(&doc)).collect();
            Ok((json, warnings))
        })
        .map_err(|e| file_error(py, e))?;
    for warning in warnings {
        let category = py.get_type::<pyo3::exceptions::PyUserWarning>();
        PyErr::warn(
            py,
            &category,
            &std::ffi::CString::new(warning).unwrap_or_default(),
            1,
        )?;
    }
    to_dict(py, &json_loads(py)?, &json)
}

/// Checks `annotations` (a dict as `load` or `extract` return it) like
/// `quotecheck check` and saves it to `path` atomically, stamping
/// `review.updated_at`; a dict that breaks the contract raises
/// `AnnotationError` and writes nothing.
#[pyfunction]
fn save(py: Python<'_>, annotations: &Bound<'_, PyAny>, path: PathBuf) -> PyResult<()> {
    if !annotations.is_instance_of::<PyDict>() {
        return Err(PyTypeError::new_err(format!(
            "annotations must be a dict (an annotation file as quotecheck.load returns it), not a {}",
            type_name(annotations)
        )));
    }
    let dumps = py.import("json")?.getattr("dumps")?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("ensure_ascii", false)?;
    // NaN and infinity are not JSON; the file would not load anywhere else.
    kwargs.set_item("allow_nan", false)?;
    let json: String = match dumps.call((annotations,), Some(&kwargs)) {
        Ok(json) => json.extract()?,
        Err(e) => {
            return Err(invalid_annotations(
                py,
                &path,
                vec![format!("not JSON: {}", e.value(py))],
            ));
        }
    };
    py.detach(|| {
        let doc = from_json(&path, json.as_bytes())?;
        // What `check` refuses is not written, though loading lets it
        // through (a confidence of 2).
        let doubts = doubts(&doc);
        if !doubts.is_empty() {
            return Err(quotecheck_core::format::FileError::Invalid {
                path: path.clone(),
                problems: doubts,
            });
        }
        save_annotations(&path, &doc)
    })
    .map_err(|e| match e {
        quotecheck_core::format::FileError::Io { .. } => file_error(py, e),
        other => invalid_annotations(py, &path, errors::problems_of(&other)),
    })
}

/// Who said what in news articles: quotes, speakers and entities, found by
/// the quotecheck extractor (Rust, on every core).
#[pymodule]
fn _quotecheck(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("EXTRACTOR", quotecheck_core::extract::EXTRACTOR_NAME)?;
    m.add("AnnotationError", m.py().get_type::<AnnotationError>())?;
    m.add_class::<Model>()?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(extract_many, m)?)?;
    m.add_function(wrap_pyfunction!(load, m)?)?;
    m.add_function(wrap_pyfunction!(save, m)?)?;
    Ok(())
}
