"""Model.load: a model retrained with `quotecheck train` extracts as
`quotecheck extract --model` does."""

import json
import pickle

import pytest

import quotecheck
from conftest import SAMPLE, TAGGER_FIXTURE

TEXTS = [
    "Lopez flew from Madrid to Bonn with Peter Blackburn.\n",
    "“We hired German engineers,” Peter Blackburn of Acme Corp said in Madrid.\n",
    SAMPLE.read_text(encoding="utf-8"),
]


@pytest.fixture(scope="module")
def model_path(cli, tmp_path_factory):
    path = tmp_path_factory.mktemp("model") / "small.model"
    cli.run("train", "--conll", TAGGER_FIXTURE, "--epochs", "10", "-o", path)
    return path


def test_a_retrained_model_extracts_as_the_cli_does(cli, model_path):
    records = [{"name": f"t{i}.txt", "text": t} for i, t in enumerate(TEXTS)]
    expected = cli.extract_jsonl(records, "--model", model_path)
    names = [r["name"] for r in records]

    model = quotecheck.Model.load(model_path)
    assert [model.extract(t, n) for t, n in zip(TEXTS, names)] == expected
    assert model.extract_many(TEXTS, names) == expected
    assert quotecheck.extract_many(TEXTS, names, model=model) == expected
    assert quotecheck.extract(TEXTS[0], names[0], model=model) == expected[0]
    # The bundled model, trained on all of CoNLL-2003, tags the long sample
    # differently from one trained on two sentences.
    assert quotecheck.extract(TEXTS[2], names[2]) != expected[2]


def test_a_model_pickles_as_its_bytes(model_path):
    model = quotecheck.Model.load(str(model_path))
    assert model.to_bytes() == model_path.read_bytes()
    copy = pickle.loads(pickle.dumps(model))
    assert copy.extract_many(TEXTS) == model.extract_many(TEXTS)
    assert quotecheck.Model.from_bytes(model_path.read_bytes()).extract(TEXTS[2]) == model.extract(TEXTS[2])


def test_a_file_that_is_not_a_model_is_refused_by_name(tmp_path, model_path):
    not_model = tmp_path / "notes.model"
    not_model.write_text("not a model", encoding="utf-8")
    with pytest.raises(ValueError, match=r"notes\.model: not a quotecheck tagger model"):
        quotecheck.Model.load(not_model)
    cut = tmp_path / "cut.model"
    cut.write_bytes(model_path.read_bytes()[:1000])
    with pytest.raises(ValueError, match=r"cut\.model: .*cut short or damaged"):
        quotecheck.Model.load(cut)
    with pytest.raises(FileNotFoundError):
        quotecheck.Model.load(tmp_path / "missing.model")


@pytest.fixture(scope="module")
def retrained_from_reviews(cli, tmp_path_factory):
    """A tagger and an attribution model retrained on one reviewed article,
    as `quotecheck train --reviewed` writes them: MODEL and
    MODEL.attributions side by side."""
    folder = tmp_path_factory.mktemp("reviewed")
    article = folder / "sample.txt"
    article.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    cli.run("extract", article)
    annotations = json.loads((folder / "sample.json").read_text(encoding="utf-8"))
    annotations["quotes"][0]["status"] = "rejected"
    for tag in annotations["quotes"][1:] + annotations["entities"]:
        tag["status"] = "accepted"
    annotations["review"]["status"] = "done"
    (folder / "sample.json").write_text(json.dumps(annotations), encoding="utf-8")
    path = tmp_path_factory.mktemp("newsroom") / "newsroom.model"
    cli.run("train", "--reviewed", folder / "sample.json", "--epochs", "1", "-o", path)
    assert path.with_suffix(".attributions").is_file()
    return path


def test_a_model_with_its_attribution_model_extracts_as_the_cli_does(cli, retrained_from_reviews):
    records = [{"name": f"t{i}.txt", "text": t} for i, t in enumerate(TEXTS)]
    expected = cli.extract_jsonl(records, "--model", retrained_from_reviews)
    names = [r["name"] for r in records]
    model = quotecheck.Model.load(retrained_from_reviews)
    assert model.attributions_bytes() == retrained_from_reviews.with_suffix(".attributions").read_bytes()
    assert model.extract_many(TEXTS, names) == expected
    copy = pickle.loads(pickle.dumps(model))
    assert copy.extract_many(TEXTS, names) == expected
    # Named explicitly, an attribution model is used wherever it lies.
    elsewhere = retrained_from_reviews.parent / "other.attributions"
    elsewhere.write_bytes(model.attributions_bytes())
    moved = retrained_from_reviews.parent / "alone.model"
    moved.write_bytes(model.to_bytes())
    named = quotecheck.Model.load(moved, attributions=elsewhere)
    assert named.extract_many(TEXTS, names) == expected
    # Without it, the tagger goes with the bundled attribution model.
    assert quotecheck.Model.load(moved).attributions_bytes() is None
