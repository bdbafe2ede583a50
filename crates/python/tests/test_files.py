"""load and save: the checks of `quotecheck check`, every problem named, and
saves that never leave half a file."""

import copy
import errno
import json

import pytest

import quotecheck
from conftest import SAMPLE


@pytest.fixture()
def sample():
    return quotecheck.extract(SAMPLE.read_text(encoding="utf-8"), SAMPLE.name)


def _speaker_quote(doc):
    return next(q for q in doc["quotes"] if q["speaker"])


def _out_of_range(doc):
    doc["entities"][0]["mentions"][0]["end"] = 1_000_000


def _text_mismatch(doc):
    doc["quotes"][0]["cue"]["text"] = "shouted"


def _duplicate_id(doc):
    doc["quotes"][1]["id"] = doc["quotes"][0]["id"]


def _unknown_speaker(doc):
    _speaker_quote(doc)["speaker"] = "e999"


def _unknown_label(doc):
    doc["entities"][0]["label"] = "ANIMAL"


def _newer_version(doc):
    doc["version"] = 2


def _wrong_format(doc):
    doc["format"] = "citron"


def _changed_text(doc):
    doc["document"]["text"] += " One more sentence."


def _no_content(doc):
    doc["quotes"][0]["content"] = []


def _missing_field(doc):
    del doc["entities"][0]["mentions"]


def _two_problems(doc):
    _unknown_speaker(doc)
    _unknown_label(doc)


BREAKAGES = {
    "span out of range": (_out_of_range, "lies outside the text"),
    "span text not the text": (_text_mismatch, "but the text there is"),
    "duplicate id": (_duplicate_id, "is used more than once"),
    "unknown speaker": (_unknown_speaker, "speaker e999 is not an entity"),
    "label not in labels": (_unknown_label, 'label ANIMAL is not in "labels"'),
    "newer version": (_newer_version, "version 2 is newer than this quotecheck reads"),
    "not an annotation file": (_wrong_format, '"format" is "citron"'),
    "text changed under its sha256": (_changed_text, "document.sha256 is"),
    "quote without content": (_no_content, "has no content span"),
    "missing field": (_missing_field, "missing field `mentions`"),
    "two problems": (_two_problems, "speaker e999 is not an entity"),
}


def _check_problems(cli, path):
    """The problems `quotecheck check` prints for `path`, without the path."""
    result = cli.run("check", path, check=False)
    assert result.returncode == 1, result.stdout
    prefix = f"{path}: "
    return [line[len(prefix):] for line in result.stdout.splitlines() if line.startswith(prefix)]


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_load_refuses_a_bad_file_naming_what_check_names(cli, sample, tmp_path, breakage):
    damage, expected = BREAKAGES[breakage]
    damage(sample)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(sample), encoding="utf-8")

    with pytest.raises(ValueError, match="bad.json") as caught:
        quotecheck.load(path)
    error = caught.value
    assert isinstance(error, quotecheck.AnnotationError)
    assert any(expected in p for p in error.problems), error.problems
    assert error.problems == _check_problems(cli, path)
    assert error.path == str(path)


def test_load_lists_every_problem(sample, tmp_path):
    _two_problems(sample)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(sample), encoding="utf-8")
    with pytest.raises(quotecheck.AnnotationError) as caught:
        quotecheck.load(str(path))
    assert len(caught.value.problems) == 2
    assert "is not an entity" in str(caught.value) and "ANIMAL" in str(caught.value)


@pytest.mark.parametrize(
    "content, expected",
    [
        ('{"format": "quotecheck-annotations",\n  "version": 1,,}', r"not valid JSON: .* \(line 2, column 16\)"),
        ("[1, 2]", "expected an object at the top"),
    ],
)
def test_load_refuses_what_is_not_an_annotation_file(cli, tmp_path, content, expected):
    path = tmp_path / "broken.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(quotecheck.AnnotationError, match=expected) as caught:
        quotecheck.load(path)
    assert caught.value.problems == _check_problems(cli, path)


def test_load_of_a_missing_file_is_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError) as caught:
        quotecheck.load(tmp_path / "missing.json")
    assert caught.value.filename == str(tmp_path / "missing.json")


def test_load_warns_when_the_article_beside_it_changed(sample, tmp_path):
    path = tmp_path / "article.json"
    quotecheck.save(sample, path)
    (tmp_path / "article.txt").write_text("A different article.", encoding="utf-8")
    with pytest.warns(UserWarning, match="changed since it was annotated"):
        loaded = quotecheck.load(path)
    assert loaded["document"]["text"] == sample["document"]["text"]


def test_save_then_load_gives_the_annotations_back(sample, tmp_path):
    sample["quotes"][0]["status"] = "accepted"
    sample["entities"][0]["attributes"] = {"gender": "man"}  # a field quotecheck does not know
    sample["review"]["annotator"] = "Ana"
    path = tmp_path / "sample.json"
    quotecheck.save(sample, path)
    loaded = quotecheck.load(path)
    assert loaded["review"]["updated_at"], "save stamps the time"
    loaded["review"]["updated_at"] = sample["review"]["updated_at"]
    assert loaded == sample
    assert [p.name for p in tmp_path.iterdir()] == ["sample.json"], "no temporary file is left"


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_save_refuses_a_bad_dict_and_keeps_the_old_file(sample, tmp_path, breakage):
    path = tmp_path / "sample.json"
    quotecheck.save(sample, path)
    before = path.read_bytes()
    damage, expected = BREAKAGES[breakage]
    bad = copy.deepcopy(sample)
    damage(bad)
    with pytest.raises(ValueError, match=f"not saved to {path}") as caught:
        quotecheck.save(bad, path)
    assert any(expected in p for p in caught.value.problems), caught.value.problems
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["sample.json"]


def test_save_refuses_what_json_cannot_hold(sample, tmp_path):
    path = tmp_path / "sample.json"
    sample["quotes"][0]["confidence"] = float("nan")
    with pytest.raises(quotecheck.AnnotationError, match="not JSON"):
        quotecheck.save(sample, path)
    sample["quotes"][0]["confidence"] = {1, 2}
    with pytest.raises(quotecheck.AnnotationError, match="not JSON"):
        quotecheck.save(sample, path)
    with pytest.raises(TypeError, match="must be a dict"):
        quotecheck.save([sample], path)
    assert not path.exists()


def test_save_into_a_missing_folder_is_an_os_error(sample, tmp_path):
    target = tmp_path / "no-such-folder" / "sample.json"
    with pytest.raises(FileNotFoundError) as caught:
        quotecheck.save(sample, target)
    # As for load: the errno and the file name, for code that checks them.
    assert caught.value.errno == errno.ENOENT
    assert caught.value.filename == str(target)


def test_what_check_names_but_loading_lets_through_warns_on_load_and_is_not_saved(
    cli, sample, tmp_path
):
    # A confidence of 2: the window opens such a file, `check` names it.
    sample["quotes"][0]["confidence"] = 2.0
    path = tmp_path / "doubtful.json"
    path.write_text(json.dumps(sample), encoding="utf-8")
    assert any("is outside 0–1" in p for p in _check_problems(cli, path))
    with pytest.warns(UserWarning, match="is outside 0–1"):
        loaded = quotecheck.load(path)
    again = tmp_path / "again.json"
    with pytest.raises(ValueError, match="not saved") as caught:
        quotecheck.save(loaded, again)
    assert any("is outside 0–1" in p for p in caught.value.problems)
    assert not again.exists()
