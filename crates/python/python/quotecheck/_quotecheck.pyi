"""Type stubs of the Rust extension module; see the package docs."""

import os
from typing import Any, Dict, Iterable, List, Optional, Union, final

__all__ = ["AnnotationError", "EXTRACTOR", "Model", "__version__", "extract", "extract_many", "load", "save"]

__version__: str
#: Name and version of the extractor, as written to ``review.extractor``.
EXTRACTOR: str

#: An annotation file as a dict (see the annotation-file contract).
_Annotations = Dict[str, Any]
_Path = Union[str, "os.PathLike[str]"]

class AnnotationError(ValueError):
    """An annotation file or dict that breaks the contract."""

    #: Every problem found, one a string, as ``quotecheck check`` prints them.
    problems: List[str]
    #: The file read, or the file the dict was to be saved to.
    path: str

@final
class Model:
    """A model retrained with ``quotecheck train``: the entity tagger and the
    attribution model trained with it; pickles as their bytes."""

    @staticmethod
    def load(path: _Path, attributions: Optional[_Path] = None) -> "Model":
        """Loads a tagger model file with the attribution model
        ``attributions``, else ``MODEL.attributions`` beside it when there is
        one (else the bundled one is used), as ``extract --model`` does;
        OSError if a file cannot be read, ValueError if it is not a model
        this quotecheck reads."""
    @staticmethod
    def from_bytes(data: bytes, attributions: Optional[bytes] = None) -> "Model":
        """The model of a tagger model file's bytes and an attribution
        model file's."""
    def to_bytes(self) -> bytes:
        """The tagger model file's bytes."""
    def attributions_bytes(self) -> Optional[bytes]:
        """The attribution model file's bytes; None where the bundled one
        is used."""
    def extract(self, text: str, name: Optional[str] = None) -> _Annotations:
        """``quotecheck.extract`` with this model."""
    def extract_many(
        self,
        texts: Iterable[str],
        names: Optional[Iterable[Optional[str]]] = None,
        *,
        threads: Optional[int] = None,
    ) -> List[_Annotations]:
        """``quotecheck.extract_many`` with this model."""

def extract(text: str, name: Optional[str] = None, *, model: Optional[Model] = None) -> _Annotations:
    """The annotation file of one article; ``name`` becomes
    ``document.name`` (empty when not given)."""

def extract_many(
    texts: Iterable[str],
    names: Optional[Iterable[Optional[str]]] = None,
    *,
    model: Optional[Model] = None,
    threads: Optional[int] = None,
) -> List[_Annotations]:
    """The annotation files of many articles, in order, extracted on every
    core (``threads=None``) or on ``threads`` threads, no more than one a
    text (``1``: one thread only, for engines that run one task per core).
    Ctrl-C stops it within an
    article's time and raises ``KeyboardInterrupt``."""

def load(path: _Path) -> _Annotations:
    """Reads an annotation file with the checks of ``quotecheck check``.

    Raises OSError when the file cannot be read and AnnotationError when it
    breaks the contract; warns (UserWarning) of what ``check`` names but
    loading lets through: the article ``.txt`` beside it changed since it
    was annotated, a confidence outside 0–1, an ``updated_at`` that is no
    time, an empty span."""

def save(annotations: _Annotations, path: _Path) -> None:
    """Checks ``annotations`` like ``quotecheck check`` and saves them to
    ``path`` atomically, stamping ``review.updated_at``. Raises
    AnnotationError (nothing written) when they break the contract or hold
    a value ``check`` names (a confidence outside 0–1, …)."""
