//! `quotecheck.Model`: the models `quotecheck train` writes, the entity
//! tagger and the attribution model trained with it, wrapped so that
//! extraction with them is the command line's `extract --model`.
//!
//! A model pickles as its files' bytes, so Dask and Spark can ship it to
//! workers that cannot read the files.

use std::path::{Path, PathBuf};

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyTuple};
use quotecheck_core::extract::Models;
use quotecheck_core::extract::attribution::AttributionModel;
use quotecheck_core::tagger::Tagger;

use crate::errors::os_error;

/// A retrained quotecheck model, loaded once and used for many articles.
#[pyclass(frozen, module = "quotecheck")]
pub struct Model {
    tagger: Tagger,
    /// The attribution model trained with the tagger, when there is one;
    /// else the bundled one is used, as by `extract --model`.
    attributions: Option<AttributionModel>,
    /// The model files as read: what the model pickles as.
    bytes: Vec<u8>,
    attribution_bytes: Option<Vec<u8>>,
    /// Where it came from, for `repr`.
    origin: String,
}

impl Model {
    pub fn models(&self) -> Models<'_> {
        Models {
            tagger: &self.tagger,
            attributions: self
                .attributions
                .as_ref()
                .unwrap_or_else(|| AttributionModel::bundled()),
        }
    }

    fn from_file_bytes(
        bytes: Vec<u8>,
        attribution_bytes: Option<Vec<u8>>,
        origin: String,
    ) -> PyResult<Model> {
        let tagger = Tagger::from_bytes(&bytes)
            .map_err(|e| PyValueError::new_err(format!("{origin}: {e}")))?;
        let attributions = attribution_bytes
            .as_deref()
            .map(AttributionModel::from_bytes)
            .transpose()
            .map_err(|e| PyValueError::new_err(format!("{origin} (attribution model): {e}")))?;
        Ok(Model {
            tagger,
            attributions,
            bytes,
            attribution_bytes,
            origin,
        })
    }
}

fn read(py: Python<'_>, path: &Path) -> PyResult<Vec<u8>> {
    py.detach(|| std::fs::read(path))
        .map_err(|e| os_error(path, &e))
}

#[pymethods]
impl Model {
    /// Loads a tagger model written by `quotecheck train`, with the
    /// attribution model `attributions`, or else the one beside it
    /// (`MODEL.attributions`) when there is one, as `extract --model` does.
    #[staticmethod]
    #[pyo3(signature = (path, attributions = None))]
    fn load(py: Python<'_>, path: PathBuf, attributions: Option<PathBuf>) -> PyResult<Model> {
        let bytes = read(py, &path)?;
        let beside = path.with_extension("attributions");
        let attributions = attributions.or_else(|| beside.is_file().then_some(beside));
        let attribution_bytes = attributions.as_deref().map(|p| read(py, p)).transpose()?;
        let origin = match &attributions {
            Some(a) => format!("{} and {}", path.display(), a.display()),
            None => path.display().to_string(),
        };
        Model::from_file_bytes(bytes, attribution_bytes, origin)
    }

    /// The model of a tagger model file's bytes, and of an attribution
    /// model's (as read from object storage, say).
    #[staticmethod]
    #[pyo3(signature = (data, attributions = None))]
    fn from_bytes(data: Vec<u8>, attributions: Option<Vec<u8>>) -> PyResult<Model> {
        Model::from_file_bytes(data, attributions, "model bytes".to_owned())
    }

    /// The tagger model file's bytes.
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.bytes)
    }

    /// The attribution model file's bytes, if the model has one of its own.
    fn attributions_bytes<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyBytes>> {
        (self.attribution_bytes.as_deref()).map(|b| PyBytes::new(py, b))
    }

    /// `quotecheck.extract` with this model.
    #[pyo3(signature = (text, name = None))]
    fn extract<'py>(
        &self,
        py: Python<'py>,
        text: String,
        name: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        crate::extract_one(py, &text, name.as_deref(), self.models())
    }

    /// `quotecheck.extract_many` with this model.
    #[pyo3(signature = (texts, names = None, *, threads = None))]
    fn extract_many<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        names: Option<&Bound<'py, PyAny>>,
        threads: Option<i64>,
    ) -> PyResult<Bound<'py, PyList>> {
        crate::extract_many_with(py, texts, names, self.models(), threads)
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let model = slf.get();
        let from_bytes = py.get_type::<Model>().getattr("from_bytes")?;
        let attributions = (model.attribution_bytes.as_deref()).map(|b| PyBytes::new(py, b));
        let args = (PyBytes::new(py, &model.bytes), attributions).into_pyobject(py)?;
        PyTuple::new(py, [from_bytes.into_any(), args.into_any()])
    }

    fn __repr__(&self) -> String {
        format!("<quotecheck.Model from {}>", self.origin)
    }
}
