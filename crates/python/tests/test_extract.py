"""extract and extract_many give exactly the annotation files of the command
line, and refuse arguments that are not articles."""

import json
import subprocess
import sys

import pytest

import quotecheck
from conftest import SAMPLE


def test_extract_equals_the_file_the_cli_writes(cli, articles, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / SAMPLE.name).write_bytes(SAMPLE.read_bytes())
    for record in articles[:5]:
        (folder / record["name"]).write_text(record["text"], encoding="utf-8")
    out = tmp_path / "out"
    cli.run("extract", folder, "-o", out)

    for article in sorted(folder.iterdir()):
        expected = json.loads((out / article.with_suffix(".json").name).read_text(encoding="utf-8"))
        got = quotecheck.extract(article.read_text(encoding="utf-8"), article.name)
        assert got == expected, article.name
    sample = quotecheck.extract(SAMPLE.read_text(encoding="utf-8"), SAMPLE.name)
    assert sample["quotes"] and sample["entities"], "the sample has quotes and entities"
    assert sample["review"]["extractor"] == quotecheck.EXTRACTOR


def test_extract_many_equals_the_cli_jsonl_on_every_thread_count(cli, articles):
    expected = cli.extract_jsonl(articles)
    texts = [a["text"] for a in articles]
    names = [a["name"] for a in articles]
    assert len(expected) == len(articles)
    assert quotecheck.extract_many(texts, names) == expected
    assert quotecheck.extract_many(texts, names, threads=1) == expected
    assert quotecheck.extract_many(texts, names, threads=3) == expected
    # Any iterable will do, a generator too.
    assert quotecheck.extract_many((t for t in texts), iter(names)) == expected
    # More threads than texts start one a text: 5,000 for three texts took
    # 830 MB, and a million never finished.
    assert quotecheck.extract_many(texts[:2], names[:2], threads=1_000_000) == expected[:2]


def test_a_missing_name_is_empty():
    text = SAMPLE.read_text(encoding="utf-8")
    assert quotecheck.extract(text)["document"]["name"] == ""
    many = quotecheck.extract_many([text, text], ["a.txt", None])
    assert [d["document"]["name"] for d in many] == ["a.txt", ""]
    assert quotecheck.extract_many([text])[0] == quotecheck.extract(text)


def test_extract_many_refuses_what_is_not_a_list_of_articles():
    with pytest.raises(TypeError, match="not one str"):
        quotecheck.extract_many("one article, read as one per character")
    with pytest.raises(TypeError, match=r"texts\[1\] is a int"):
        quotecheck.extract_many(["fine", 3])
    with pytest.raises(TypeError, match=r"texts\[0\] is None"):
        quotecheck.extract_many([None])
    with pytest.raises(ValueError, match="1 names for 2 texts"):
        quotecheck.extract_many(["a", "b"], ["a.txt"])
    with pytest.raises(ValueError, match="threads must be at least 1"):
        quotecheck.extract_many(["a"], threads=0)
    with pytest.raises(ValueError, match="threads must be at least 1, not -1"):
        quotecheck.extract_many(["a"], threads=-1)
    # A str Rust cannot hold (a lone surrogate) is named as such, not as
    # "a str, not a str".
    with pytest.raises(ValueError, match=r"texts\[1\]: .*surrogate"):
        quotecheck.extract_many(["a", "x\udc80y"])
    assert quotecheck.extract_many([]) == []


def test_importing_quotecheck_imports_neither_spacy_nor_dask():
    code = "import sys, quotecheck; print(sorted({'spacy', 'dask'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("threads", [None, 1])
def test_ctrl_c_stops_a_long_extract_many(threads):
    # Ctrl-C a moment into some 20 s of articles: the call raises
    # KeyboardInterrupt long before it could have finished them all
    # (measured against the time 500 of them take on this machine). Before,
    # it ran to the end.
    code = f"""
import os, signal, threading, time, quotecheck
# Ctrl-C raises KeyboardInterrupt even where the parent left SIGINT ignored
# (a job started in the background), as it does in a terminal.
signal.signal(signal.SIGINT, signal.default_int_handler)
text = open({str(SAMPLE)!r}, encoding="utf-8").read()
started = time.monotonic()
quotecheck.extract_many([text] * 500, threads={threads})
one = (time.monotonic() - started) / 500
# Enough articles for some 20 s of work here, whatever this machine's speed.
texts = [text] * max(20000, int(20 / one))
whole_run = one * len(texts)
threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT)).start()
started = time.monotonic()
try:
    quotecheck.extract_many(texts, threads={threads})
    print("finished")
except KeyboardInterrupt:
    took = time.monotonic() - started
    print("interrupted", "at once" if took < whole_run / 4 else f"after {{took:.1f}} s of {{whole_run:.1f}}")
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    assert out.stdout.strip() == "interrupted at once", out.stderr
