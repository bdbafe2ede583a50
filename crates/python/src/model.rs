//! `quotecheck.Model`: a retrained model (today the entity tagger model that
//! `quotecheck train` writes), wrapping what the core's extractor takes so
//! that a model the extractor gains later fits in the same place.
//!
//! A model pickles as its file's bytes, so Dask and Spark can ship it to
//! workers that cannot read the file.

use std::path::PathBuf;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyTuple};
use quotecheck_core::tagger::Tagger;

use crate::errors::os_error;

/// A retrained quotecheck model, loaded once and used for many articles.
#[pyclass(frozen, module = "quotecheck")]
pub struct Model {
    tagger: Tagger,
    /// The model file as read: what the model pickles as.
    bytes: Vec<u8>,
    /// Where it came from, for `repr`.
    origin: String,
}

impl Model {
    pub fn tagger(&self) -> &Tagger {
        &self.tagger
    }

    fn from_file_bytes(bytes: Vec<u8>, origin: String) -> PyResult<Model> {
        let tagger = Tagger::from_bytes(&bytes)
            .map_err(|e| PyValueError::new_err(format!("{origin}: {e}")))?;
        Ok(Model {
            tagger,
            bytes,
            origin,
        })
    }
}

#[pymethods]
impl Model {
    /// Loads a model file written by `quotecheck train`.
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf) -> PyResult<Model> {
        let bytes = py
            .detach(|| std::fs::read(&path))
            .map_err(|e| os_error(&path, &e))?;
        Model::from_file_bytes(bytes, path.display().to_string())
    }

    /// The model of a model file's bytes (as read from object storage, say).
    #[staticmethod]
    fn from_bytes(data: Vec<u8>) -> PyResult<Model> {
        Model::from_file_bytes(data, "model bytes".to_owned())
    }

    /// The model file's bytes.
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.bytes)
    }

    /// `quotecheck.extract` with this model.
    #[pyo3(signature = (text, name = None))]
    fn extract<'py>(
        &self,
        py: Python<'py>,
        text: String,
        name: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        crate::extract_one(py, &text, name.as_deref(), &self.tagger)
    }

    /// `quotecheck.extract_many` with this model.
    #[pyo3(signature = (texts, names = None, *, threads = None))]
    fn extract_many<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        names: Option<&Bound<'py, PyAny>>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        crate::extract_many_with(py, texts, names, &self.tagger, threads)
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let from_bytes = py.get_type::<Model>().getattr("from_bytes")?;
        let args = PyTuple::new(py, [PyBytes::new(py, &slf.get().bytes)])?;
        PyTuple::new(py, [from_bytes.into_any(), args.into_any()])
    }

    fn __repr__(&self) -> String {
        format!("<quotecheck.Model from {}>", self.origin)
    }
}
