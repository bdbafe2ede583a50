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
    """Wall and CPU seconds (this process, all its threads) of the run with
    the shortest wall time of `repeat`: the one least disturbed by other work
    on the machine. CPU seconds say what a core does when it has the work to
    itself."""
    best = None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        took = (time.perf_counter() - wall, time.process_time() - cpu)
        best = took if best is None or took < best else best
    return best


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
        wall, cpu = seconds
        print(
            f"{what:<40} {wall:8.3f} s {megabytes / wall:7.3f} MB/s {chars / wall:10,.0f} chars/s"
            f"   CPU {cpu:8.3f} s {chars / cpu:10,.0f} chars per CPU-second"
        )
        return wall

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
        quotes = []
        seconds = report(
            f"spaCy {spacy.__version__} + textacy, one process",
            best_of(1, lambda: quotes.append(spacy_textacy(nlp, texts))),
        )
        print(
            f"({quotes[0]} direct quotations found by textacy; "
            f"quotecheck on every core is {seconds / everywhere:.0f} times as fast)"
        )


if __name__ == "__main__":
    main()
