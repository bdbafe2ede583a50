"""Extraction over a Dask bag: the engine spreads the partitions over its
workers, quotecheck extracts each partition's articles.

    import dask.bag as db
    import quotecheck.dask

    articles = db.read_text("articles-*.jsonl").map(json.loads)  # {"name", "text"}
    annotations = quotecheck.dask.extract_bag(articles)
    annotations.map(json.dumps).to_textfiles("annotations-*.jsonl")

Dask is imported when ``extract_bag`` is called, not before.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Union

import quotecheck

if TYPE_CHECKING:
    import dask.bag


def extract_bag(
    bag: "dask.bag.Bag",
    model: Optional[Union[quotecheck.Model, str, "os.PathLike[str]"]] = None,
) -> "dask.bag.Bag":
    """A bag of annotation files (dicts, as ``quotecheck.extract`` returns)
    from a bag of ``{"name": …, "text": …}`` records, in the same order.

    Each partition is extracted on the thread Dask runs it on (with the GIL
    released), so a worker's threads and the cluster's workers set the
    parallelism. ``model`` is a ``quotecheck.Model`` or the path of a model
    file, loaded here; either way it is sent to each worker once.
    """
    import dask

    if model is not None and not isinstance(model, quotecheck.Model):
        model = quotecheck.Model.load(model)
    # A delayed model travels to each worker once, not once per partition.
    shared = dask.delayed(model) if model is not None else None
    return bag.map_partitions(extract_partition, model=shared)


def extract_partition(
    records: Iterable[Dict[str, Any]], model: Optional[quotecheck.Model] = None
) -> List[Dict[str, Any]]:
    """The annotation files of one partition's records, extracted on the
    calling thread; a record without ``"name"`` gets an empty name."""
    records = list(records)
    texts = [r["text"] for r in records]
    names = [r.get("name") for r in records]
    return quotecheck.extract_many(texts, names, model=model, threads=1)
