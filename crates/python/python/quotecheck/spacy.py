"""The spaCy pipeline component ``quotecheck``: ``nlp.add_pipe("quotecheck")``.

spaCy finds it through the ``spacy_factories`` entry point of this package,
so nothing needs importing first. It needs only the text and the tokens of a
``Doc`` (``spacy.blank("en")`` is enough) and puts:

- ``doc._.quotes``: one ``Quote`` per quote, in reading order, with its
  content, cue and source as ``Span`` objects, and its speaker;
- ``doc.spans["quotecheck"]``: every entity mention in text order, labelled ``PERSON``,
  ``ORG``, ``LOC`` or ``MISC``, with ``span.id_`` the entity's id (``e1``),
  which is what ``Quote.speaker`` names.

quotecheck works in character offsets, spaCy in tokens. Where a quotecheck
span does not start and end on spaCy token boundaries (spaCy keeps
"U.S.-based" as one token where quotecheck tags "U.S."), the span grows to
the whole tokens it touches (``alignment_mode="expand"``), so its text can be
longer than quotecheck's. The exact offsets are always in ``Quote.annotation``
and ``doc._.quotecheck`` (the annotation file as a dict).

This module imports spaCy; ``import quotecheck`` does not.
"""

# No `from __future__ import annotations`: spaCy reads the factory's
# argument types at run time to check its config.
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, Iterator, List, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

import quotecheck

#: The key of ``doc.spans`` that holds the entity mentions.
SPANS_KEY = "quotecheck"


@dataclass
class Quote:
    """A quote of a ``Doc``, as ``doc._.quotes`` lists them."""

    #: The quote's id in the annotation file (``q1``).
    id: str
    #: ``direct``, ``partial``, ``mixed`` or ``indirect``.
    kind: str
    #: What was said: one span, or more for a quote broken by its attribution.
    content: List[Span]
    #: The words that introduce it ("said", "according to"), if any.
    cue: Optional[Span]
    #: The words that name the speaker here ("Blinken", "he"), if any.
    source: Optional[Span]
    #: The id of the entity that said it (``span.id_`` of its mentions in
    #: ``doc.spans["quotecheck"]``), or None where nobody can be named.
    speaker: Optional[str]
    #: That entity's name ("Antony Blinken"), or None.
    speaker_name: Optional[str]
    confidence: Optional[float]
    #: The quote as the annotation file holds it, in character offsets.
    annotation: Dict[str, Any] = field(repr=False)


def _quotes_of(doc: Doc) -> Optional[List[Quote]]:
    """``doc._.quotes``: read from ``doc._.quotecheck`` whenever asked, so
    that a ``Doc`` holds only the annotation dict, which ``doc.to_bytes()``,
    ``DocBin`` and ``nlp.pipe(n_process=…)`` can serialise (spaCy spans in
    user data cannot be)."""
    annotation = doc._.quotecheck
    if annotation is None:
        return None
    names = {e["id"]: e["name"] for e in annotation["entities"]}
    quotes = []
    for q in annotation["quotes"]:
        content = [s for s in (_span(doc, c, "QUOTE") for c in q["content"]) if s is not None]
        quotes.append(
            Quote(
                id=q["id"],
                kind=q["kind"],
                content=content,
                cue=_span(doc, q.get("cue"), "CUE"),
                source=_span(doc, q.get("source"), "SOURCE"),
                speaker=q.get("speaker"),
                speaker_name=names.get(q.get("speaker") or ""),
                confidence=q.get("confidence"),
                annotation=q,
            )
        )
    return quotes


if not Doc.has_extension("quotecheck"):
    Doc.set_extension("quotecheck", default=None)
if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", getter=_quotes_of)


class QuotecheckComponent:
    """Tags a ``Doc``'s quotes, speakers and entities with quotecheck."""

    def __init__(self, model: Optional[quotecheck.Model] = None):
        self.model = model

    def __call__(self, doc: Doc) -> Doc:
        return _annotate(doc, quotecheck.extract(doc.text, model=self.model))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Extracts a batch of docs at a time, on every core."""
        batch: List[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._batch(batch)
                batch = []
        yield from self._batch(batch)

    def _batch(self, docs: List[Doc]) -> Iterator[Doc]:
        annotations = quotecheck.extract_many([d.text for d in docs], model=self.model)
        for doc, annotation in zip(docs, annotations):
            yield _annotate(doc, annotation)


@Language.factory(
    "quotecheck",
    default_config={"model": None},
    assigns=["doc._.quotes", "doc._.quotecheck", "doc.spans"],
)
def make_quotecheck(nlp: Language, name: str, model: Optional[str]) -> QuotecheckComponent:
    """The component; ``model`` is the path of a model retrained with
    ``quotecheck train`` (``config={"model": "newsroom.model"}``)."""
    return QuotecheckComponent(quotecheck.Model.load(model) if model else None)


def _span(doc: Doc, span: Optional[Dict[str, Any]], label: str, span_id: str = "") -> Optional[Span]:
    """The spaCy span of a quotecheck span, grown to whole tokens."""
    if span is None:
        return None
    return doc.char_span(span["start"], span["end"], label=label, span_id=span_id, alignment_mode="expand")


def _annotate(doc: Doc, annotation: Dict[str, Any]) -> Doc:
    mentions = []
    for entity in annotation["entities"]:
        for mention in entity["mentions"]:
            span = _span(doc, mention, entity["label"], entity["id"])
            if span is not None:
                mentions.append(span)
    doc.spans[SPANS_KEY] = sorted(mentions, key=lambda s: (s.start_char, s.end_char))
    doc._.quotecheck = annotation
    return doc
