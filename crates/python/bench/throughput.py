"""Throughput of quotecheck.extract_many against spaCy + textacy on the same
articles, in one run.

    python crates/python/bench/throughput.py ../shared/data/polnear/dev/text \
        --spacy-model en_core_web_sm

spaCy's side is parsing with the model and textacy 0.13's
``direct_quotations``, retried paragraph by paragraph where textacy refuses
unbalanced quotation marks (as the reference figures of the scoring tools
were made). Without spaCy or textacy installed only quotecheck is timed.
"""

import argparse
import time
from pathlib import Path

import quotecheck


def best_of(repeat, run):
    """The shortest wall time of `repeat` runs: the one least disturbed by
    other work on the machine."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def spacy_textacy(nlp, texts):
    from textacy.extract.triples import direct_quotations

    quotes = 0
    for doc in nlp.pipe(texts):
        try:
            quotes += len(list(direct_quotations(doc)))
        except ValueError:
            for paragraph in doc.text.split("\n"):
                if paragraph.strip():
                    try:
                        quotes += len(list(direct_quotations(nlp(paragraph))))
                    except ValueError:
                        pass
    return quotes


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a folder of articles (.txt)")
    parser.add_argument("--spacy-model", help="the spaCy pipeline to compare with (spacy.load name)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of quotecheck; the best is kept")
    args = parser.parse_args()

    paths = sorted(args.folder.glob("*.txt"))
    if not paths:
        parser.error(f"{args.folder}: no articles (.txt) in this folder")
    texts = [p.read_text(encoding="utf-8") for p in paths]
    names = [p.name for p in paths]
    chars = sum(map(len, texts))
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"{len(texts)} articles, {chars:,} chars, {megabytes:.3f} MB (UTF-8)")

    def report(what, seconds):
        print(f"{what:<44} {seconds:8.3f} s {megabytes / seconds:9.3f} MB/s {chars / seconds:12,.0f} chars/s")
        return seconds

    everywhere = report(
        "quotecheck.extract_many, every core",
        best_of(args.repeat, lambda: quotecheck.extract_many(texts, names)),
    )
    report(
        "quotecheck.extract_many, threads=1",
        best_of(args.repeat, lambda: quotecheck.extract_many(texts, names, threads=1)),
    )
    if args.spacy_model:
        import spacy

        nlp = spacy.load(args.spacy_model)
        start = time.perf_counter()
        quotes = spacy_textacy(nlp, texts)
        seconds = report(f"spaCy {spacy.__version__} + textacy, one process", time.perf_counter() - start)
        print(f"({quotes} direct quotations found by textacy; quotecheck every core is {seconds / everywhere:.0f}x faster)")


if __name__ == "__main__":
    main()
