"""Shared fixtures: the quotecheck command line the package is compared with,
and generated news articles."""

import json
import os
import random
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
SAMPLE = REPO / "crates/core/assets/sample/blinken-lavrov.txt"
TAGGER_FIXTURE = REPO / "crates/core/tests/fixtures/tagger-small.conll"


def _find_cli():
    """QUOTECHECK_BIN (set by .ci/run), else a build of this checkout."""
    given = os.environ.get("QUOTECHECK_BIN")
    if given:
        if not Path(given).is_file():
            pytest.fail(f"QUOTECHECK_BIN={given} is not a file")
        return Path(given)
    for profile in ("release", "debug"):
        path = REPO / "target" / profile / "quotecheck"
        if path.is_file():
            return path
    pytest.skip("no quotecheck binary: build it (cargo build --release --no-default-features) or set QUOTECHECK_BIN")


class Cli:
    """Runs the quotecheck command line as a script would."""

    def __init__(self, path):
        self.path = path

    def run(self, *args, input=None, check=True):
        result = subprocess.run(
            [str(self.path), *map(str, args)],
            input=input,
            capture_output=True,
            text=True,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"quotecheck {' '.join(map(str, args))} failed: {result.stderr}")
        return result

    def extract_jsonl(self, records, *extra):
        """`quotecheck extract --jsonl` over `records` ({"name", "text"})."""
        lines = "".join(json.dumps(r) + "\n" for r in records)
        out = self.run("extract", "--jsonl", *extra, input=lines).stdout
        return [json.loads(line) for line in out.splitlines()]


@pytest.fixture(scope="session")
def cli():
    return Cli(_find_cli())


PEOPLE = [
    ("Maria", "Lopez", "she"),
    ("John", "Carter", "he"),
    ("Aisha", "Khan", "she"),
    ("Peter", "Blackburn", "he"),
    ("Elena", "Petrova", "she"),
    ("David", "Okafor", "he"),
    ("Sofia", "Rossi", "she"),
    ("Tom", "Becker", "he"),
]
ROLES = ["spokeswoman", "minister", "chief executive", "senator", "professor", "mayor"]
ORGS = ["Acme Corp", "the Health Ministry", "the World Bank", "Oxford University", "the city council"]
PLACES = ["Madrid", "Bonn", "Nairobi", "Chicago", "Lyon", "Osaka"]
CLAIMS = [
    "the plan would cut costs by a third",
    "nobody had been told about the delay",
    "the talks in {place} went better than expected",
    "prices will keep rising until the spring",
    "the report was never meant to be published",
    "{org} had acted within the law",
]
QUOTES = [
    "We are not going to accept this",
    "It was the hardest decision of my life",
    "The numbers simply do not add up",
    "We will be back in {place} next year",
    "Nobody at {org} saw this coming",
    "I have said it before and I will say it again",
]


def _article(rng):
    sentences = []
    for _ in range(rng.randint(4, 12)):
        first, last, pronoun = rng.choice(PEOPLE)
        fill = {"place": rng.choice(PLACES), "org": rng.choice(ORGS)}
        claim = rng.choice(CLAIMS).format(**fill)
        quote = rng.choice(QUOTES).format(**fill)
        template = rng.choice(
            [
                "“{quote},” {first} {last} said on Tuesday.",
                "{first} {last}, the {role} of {org}, said that {claim}.",
                "According to {last}, {claim}.",
                "“{quote},” said {last}, who flew in from {place}.",
                "{First} {last} told reporters in {place}: “{quote}.” {Pronoun} added that {claim}.",
                "Officials at {org} said {claim}.",
                "The {role} called the decision “{quote}” and left.",
                "It rained in {place} all week, and the markets stayed closed.",
            ]
        )
        sentences.append(
            template.format(
                quote=quote,
                claim=claim,
                first=first,
                First=first,
                last=last,
                role=rng.choice(ROLES),
                org=fill["org"],
                place=fill["place"],
                Pronoun=pronoun.capitalize(),
            )
        )
    paragraphs = []
    while sentences:
        take = rng.randint(1, 3)
        paragraphs.append(" ".join(sentences[:take]))
        sentences = sentences[take:]
    return "\n\n".join(paragraphs) + "\n"


def generate_articles(count, seed=7):
    """`count` news-like articles as {"name", "text"} records, the same for
    the same seed."""
    rng = random.Random(seed)
    return [{"name": f"article-{i:04}.txt", "text": _article(rng)} for i in range(count)]


@pytest.fixture(scope="session")
def articles():
    return generate_articles(40)
