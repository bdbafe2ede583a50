"""extract_bag on a two-worker Dask cluster gives what the command line
gives on the same articles."""

import pytest

db = pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

import quotecheck  # noqa: E402
import quotecheck.dask  # noqa: E402
from conftest import TAGGER_FIXTURE, generate_articles  # noqa: E402


@pytest.fixture(scope="module")
def client():
    # Loopback only, no dashboard: nothing listens beyond this machine.
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        client.wait_for_workers(2)
        yield client


def test_extract_bag_on_two_workers_equals_the_cli(cli, client):
    articles = generate_articles(300, seed=16)
    expected = cli.extract_jsonl(articles)
    bag = db.from_sequence(articles, npartitions=8)
    with distributed.get_task_stream(client) as tasks:
        got = quotecheck.dask.extract_bag(bag).compute()
    assert len(got) == 300
    assert got == expected
    assert len({t["worker"] for t in tasks.data}) == 2, "both workers extracted"


def test_extract_bag_sends_a_model_to_the_workers(cli, client, tmp_path):
    path = tmp_path / "small.model"
    cli.run("train", "--conll", TAGGER_FIXTURE, "--epochs", "10", "-o", path)
    articles = generate_articles(20, seed=3)
    expected = cli.extract_jsonl(articles, "--model", path)
    bag = db.from_sequence(articles, npartitions=4)
    assert quotecheck.dask.extract_bag(bag, model=quotecheck.Model.load(path)).compute() == expected
    assert quotecheck.dask.extract_bag(bag, model=path).compute() == expected
