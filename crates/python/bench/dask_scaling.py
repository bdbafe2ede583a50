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


def best_of(repeat, run, cpu_seconds):
    """The shortest wall time of `repeat` runs, the CPU seconds that run
    took (`cpu_seconds()` counts them), and every wall time."""
    runs = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as out:
            start, cpu = time.perf_counter(), cpu_seconds()
            run(Path(out))
            runs.append((time.perf_counter() - start, cpu_seconds() - cpu))
    return min(runs) + ([wall for wall, _ in runs],)


def worker_cpu_seconds(client):
    """CPU seconds the workers' processes have used so far."""
    return sum(client.run(time.process_time).values())


def report(what, megabytes, wall, cpu, walls, first=None):
    scaling = f", {first / wall:4.2f}x one worker" if first else ""
    print(
        f"{what:<20} {wall:6.2f} s, {megabytes / wall:5.2f} MB/s{scaling}; "
        f"{cpu:6.2f} CPU s, {megabytes / cpu:5.2f} MB per CPU s (runs: {', '.join(f'{t:.2f}' for t in walls)})"
    )


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
    alone = best_of(args.repeat, lambda out: run_without_dask(paths, args.partitions, out), time.process_time)
    report("no Dask, one thread", megabytes, *alone)
    first = None
    for workers in args.workers:
        with distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        ) as cluster, distributed.Client(cluster) as client:
            client.wait_for_workers(workers)
            wall, cpu, walls = best_of(
                args.repeat, lambda out: run(paths, args.partitions, out), lambda: worker_cpu_seconds(client)
            )
            first = first or wall
            report(f"{workers} worker(s)", megabytes, wall, cpu, walls, first)


if __name__ == "__main__":
    main()
