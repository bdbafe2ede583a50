"""The README's Spark recipes, run on a local Spark where pyspark (and Java)
are installed; .ci/run installs neither, so there this module is skipped."""

import json
import os
import sys

import pytest

pyspark_sql = pytest.importorskip("pyspark.sql")

from conftest import generate_articles  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        pyspark_sql.SparkSession.builder.master("local[2]")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_the_spark_recipes_equal_the_cli(cli, spark, tmp_path):
    # As in the README; defined here so that Spark pickles the function
    # itself, not a reference to this test module, which workers cannot import.
    def extract_partition(rows):
        import quotecheck

        rows = list(rows)
        for ann in quotecheck.extract_many([r.text for r in rows], [r.name for r in rows], threads=1):
            yield json.dumps(ann)

    articles = generate_articles(60, seed=5)
    expected = cli.extract_jsonl(articles)
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    frame = spark.read.json(str(path)).repartition(4)

    mapped = frame.rdd.mapPartitions(extract_partition).map(json.loads).collect()
    by_name = {a["document"]["name"]: a for a in mapped}
    assert [by_name[a["name"]] for a in articles] == expected

    lines = frame.rdd.map(lambda r: json.dumps({"name": r.name, "text": r.text}))
    piped = lines.pipe(f"{cli.path} extract --jsonl").map(json.loads).collect()
    by_name = {a["document"]["name"]: a for a in piped}
    assert [by_name[a["name"]] for a in articles] == expected
