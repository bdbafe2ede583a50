"""quotecheck: who said what in news articles.

Finds the quotes, their cues, sources and speakers, and the people,
organisations and places of news articles, with the quotecheck extractor
(Rust, on every core, the GIL released). Every result is an annotation file
as a dict, exactly as ``quotecheck extract`` writes it.

- ``extract(text, name=None)`` and ``extract_many(texts, names=None)``
- ``load(path)`` and ``save(annotations, path)``, with the checks of
  ``quotecheck check``; a bad file or dict raises ``AnnotationError``
  (a ``ValueError``)
- ``Model.load(path)``: a model retrained with ``quotecheck train``
- ``quotecheck.spacy``: the spaCy component ``nlp.add_pipe("quotecheck")``
- ``quotecheck.dask``: ``extract_bag(bag)`` over a Dask bag

spaCy and Dask are imported only by their own modules.
"""

from ._quotecheck import (
    EXTRACTOR,
    AnnotationError,
    Model,
    __version__,
    extract,
    extract_many,
    load,
    save,
)

__all__ = [
    "EXTRACTOR",
    "AnnotationError",
    "Model",
    "__version__",
    "extract",
    "extract_many",
    "load",
    "save",
]
