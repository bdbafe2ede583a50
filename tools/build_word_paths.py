#!/usr/bin/env python3
"""Builds the tagger's word paths (crates/core/assets/ner/paths.tsv): the
Brown clusters of about 190,000 English words, learnt from far more text than
the word classes of `quotecheck clusters` see, as shipped by spaCy's lookup
tables.

Input, installed by name from PyPI (pinned, so the table comes out the same):

    pip install --no-deps --target target/word-path-packages spacy-lookups-data==1.0.5
    python3 tools/build_word_paths.py target/word-path-packages crates/core/assets/ner/paths.tsv

- spacy-lookups-data 1.0.5 (MIT, Explosion): `en_lexeme_cluster`, the Brown
  cluster (1,000 clusters) of each word of spaCy's English vocabulary, as
  spaCy's older English models carried it (`Token.cluster`).

A Brown cluster is a leaf of a binary tree that merges words which stand in
the same company; the path from the root to the leaf ("0110010011") names
it, and its first bits name ever larger groups. spaCy stores the path as an
integer whose lowest bit is the path's first ("int(path[::-1], 2)"), which
drops the zeros a path ends with; a word whose integer is 0 has no cluster.
Each output line holds a word, as written, and its path; lines are sorted
by word, after a comment naming the source.
"""

import gzip
import json
import os
import sys


def main():
    packages, output = sys.argv[1], sys.argv[2]
    table = os.path.join(packages, "spacy_lookups_data", "data", "en_lexeme_cluster.json.gz")
    with gzip.open(table, "rt", encoding="utf-8") as f:
        clusters = json.load(f)
    rows = []
    for word, number in clusters.items():
        # Words with a tab or line break in them could not be read back,
        # nor words that start like a comment ("#", "##").
        if number <= 0 or not word or word.startswith("#") or any(c in word for c in "\t\r\n"):
            continue
        rows.append((word, format(number, "b")[::-1]))
    rows.sort()
    with open(output, "w", encoding="utf-8") as out:
        out.write("# Brown cluster paths of English words, from spacy-lookups-data 1.0.5\n")
        out.write("# (en_lexeme_cluster; MIT, (c) ExplosionAI GmbH). Built by tools/build_word_paths.py.\n")
        for word, path in rows:
            out.write(f"{word}\t{path}\n")
    print(f"{output}: {len(rows)} words")


if __name__ == "__main__":
    main()
