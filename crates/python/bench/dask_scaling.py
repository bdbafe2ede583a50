"""How quotecheck.dask.extract_bag scales from one Dask worker to more, on
this machine (a LocalCluster, one thread per worker, loopback only).

    python crates/python/bench/dask_scaling.py ../shared/data/polnear/dev/text \
        --copies 40 --workers 1 2

The whole pipeline runs on the workers, as it would over an archive: each
task reads its articles from disk, extracts them and writes one JSON Lines
file of annotation files. The folder's articles are taken ``--copies`` times
so that the run lasts long enough to time.
"""

import argparse
import json
import tempfile
import time
from pathlib import Path

import dask.bag as db
import distributed

import quotecheck
import quotecheck.dask


def read_article(path):
    path = Path(path)
    return {"name": path.name, "text": path.read_text(encoding="utf-8")}


def run(paths, partitions, out):
    bag = db.from_sequence(paths, npartitions=partitions).map(read_article)
    quotecheck.dask.extract_bag(bag).map(json.dumps).to_textfiles(str(out / "*.jsonl"))


def run_without_dask(paths, partitions, out):
    """The same work in this process, one partition after another on one
    thread: what Dask's overhead is measured against."""
    size = -(-len(paths) // partitions)
    for i in range(0, len(paths), size):
        records = [read_article(p) for p in paths[i : i + size]]
        lines = map(json.dumps, quotecheck.dask.extract_partition(records))
        (out / f"{i // size}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def best_of(repeat, run):
    times = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            run(Path(out))
            times.append(time.perf_counter() - start)
    return min(times), times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a folder of articles (.txt)")
    parser.add_argument("--copies", type=int, default=40, help="times each article is extracted")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--partitions", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=3, help="runs per worker count; the best is kept")
    args = parser.parse_args()

    paths = [str(p) for p in sorted(args.folder.glob("*.txt"))] * args.copies
    if not paths:
        parser.error(f"{args.folder}: no articles (.txt) in this folder")
    megabytes = sum(Path(p).stat().st_size for p in paths) / 1e6
    print(f"{len(paths)} articles, {megabytes:.1f} MB, {args.partitions} partitions")
    alone, times = best_of(args.repeat, lambda out: run_without_dask(paths, args.partitions, out))
    print(f"no Dask, one thread: {alone:6.2f} s, {megabytes / alone:5.2f} MB/s (runs: {', '.join(f'{t:.2f}' for t in times)})")
    first = None
    for workers in args.workers:
        with distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        ) as cluster, distributed.Client(cluster) as client:
            client.wait_for_workers(workers)
            best, times = best_of(args.repeat, lambda out: run(paths, args.partitions, out))
            first = first or best
            print(
                f"{workers} worker(s): {best:6.2f} s, {megabytes / best:5.2f} MB/s, "
                f"{first / best:4.2f}x one worker (runs: {', '.join(f'{t:.2f}' for t in times)})"
            )


if __name__ == "__main__":
    main()
