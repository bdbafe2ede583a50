"""The spaCy component: one `add_pipe` puts quotecheck's quotes and entities
on a Doc."""

import json

import pytest

spacy = pytest.importorskip("spacy")

import quotecheck  # noqa: E402
from conftest import SAMPLE  # noqa: E402


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    # Found through the package's spacy_factories entry point: nothing of
    # quotecheck is imported here first.
    nlp.add_pipe("quotecheck")
    return nlp


def _offsets(span):
    return None if span is None else (span.start_char, span.end_char)


def test_the_component_puts_quotes_speakers_and_entities_on_the_doc(nlp):
    text = SAMPLE.read_text(encoding="utf-8")
    doc = nlp(text)
    expected = quotecheck.extract(text)
    assert doc._.quotecheck == expected

    names = {e["id"]: e["name"] for e in expected["entities"]}
    assert [q.id for q in doc._.quotes] == [q["id"] for q in expected["quotes"]]
    for quote, want in zip(doc._.quotes, expected["quotes"]):
        assert quote.kind == want["kind"]
        assert [_offsets(s) for s in quote.content] == [(c["start"], c["end"]) for c in want["content"]]
        for part in ("cue", "source"):
            span = want[part]
            assert _offsets(getattr(quote, part)) == (span and (span["start"], span["end"]))
        assert quote.speaker == want["speaker"]
        assert quote.speaker_name == names.get(want["speaker"])
    assert any(q.speaker_name == "Antony Blinken" for q in doc._.quotes)

    mentions = doc.spans["quotecheck"]
    want = sorted(
        (m["start"], m["end"], e["label"], e["id"]) for e in expected["entities"] for m in e["mentions"]
    )
    assert sorted((s.start_char, s.end_char, s.label_, s.id_) for s in mentions) == want


def test_pipe_gives_what_one_doc_at_a_time_gives(nlp, articles):
    texts = [a["text"] for a in articles[:12]]
    piped = list(nlp.pipe(texts, batch_size=5))
    for doc, text in zip(piped, texts):
        # Kept in a name: a SpanGroup needs its Doc alive.
        single = nlp(text)
        assert doc._.quotecheck == single._.quotecheck
        assert [(s.start_char, s.end_char, s.label_) for s in doc.spans["quotecheck"]] == [
            (s.start_char, s.end_char, s.label_) for s in single.spans["quotecheck"]
        ]


def test_a_tagged_doc_serialises_as_spacy_ships_docs(nlp):
    # DocBin and doc.to_bytes() are how spaCy stores docs and how
    # nlp.pipe(n_process=...) hands them between processes.
    from spacy.tokens import Doc, DocBin

    doc = nlp(SAMPLE.read_text(encoding="utf-8"))
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    box = DocBin(store_user_data=True)
    box.add(doc)
    (unboxed,) = DocBin().from_bytes(box.to_bytes()).get_docs(nlp.vocab)
    for copy in (again, unboxed):
        # msgpack gives lists back as tuples; the values are the same.
        assert json.loads(json.dumps(copy._.quotecheck)) == doc._.quotecheck
        assert [(q.id, [_offsets(s) for s in q.content], q.speaker_name) for q in copy._.quotes] == [
            (q.id, [_offsets(s) for s in q.content], q.speaker_name) for q in doc._.quotes
        ]
        assert [(s.start_char, s.label_, s.id_) for s in copy.spans["quotecheck"]] == [
            (s.start_char, s.label_, s.id_) for s in doc.spans["quotecheck"]
        ]


def test_a_span_inside_a_token_grows_to_the_whole_token():
    from quotecheck.spacy import _annotate

    nlp = spacy.blank("en")
    doc = nlp.make_doc("The U.S.-based firm agreed.")
    assert [t.text for t in doc][:2] == ["The", "U.S.-based"]
    annotation = {
        "entities": [{"id": "e1", "label": "LOC", "name": "U.S.", "mentions": [{"start": 4, "end": 8, "text": "U.S."}]}],
        "quotes": [],
    }
    _annotate(doc, annotation)
    (span,) = doc.spans["quotecheck"]
    assert (span.text, span.label_, span.id_) == ("U.S.-based", "LOC", "e1")
    # The exact offsets stay in the annotation.
    assert doc._.quotecheck["entities"][0]["mentions"][0]["text"] == "U.S."


def test_the_component_takes_a_retrained_model(cli, tmp_path):
    from conftest import TAGGER_FIXTURE

    path = tmp_path / "small.model"
    cli.run("train", "--conll", TAGGER_FIXTURE, "--epochs", "10", "-o", path)
    nlp = spacy.blank("en")
    nlp.add_pipe("quotecheck", config={"model": str(path)})
    text = SAMPLE.read_text(encoding="utf-8")
    assert nlp(text)._.quotecheck == quotecheck.Model.load(path).extract(text)
