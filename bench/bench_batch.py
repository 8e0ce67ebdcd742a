"""`spinscope batch` scaling on one machine: 1 and 2 local Ray workers against the in-process
`analyze` runner over the same articles, in one run, plus the fixed costs of the machinery.

    python bench/bench_batch.py --data ../shared/data/semeval2023/en/train-articles-subtask-1 --limit 60

Rows (each timed from the call, so cluster start and model loading are included; the worker
columns come from the run's manifest, one record per shard with its wall and CPU seconds and
the worker's pid: a worker's first shard carries its model loading):

- ``analyze (in-process)``: ``analysis.analyze_sources`` in this process — the reference;
- ``batch, 1 worker`` / ``batch, 2 workers``: ``batch.run_batch`` on a fresh local cluster.

Then the overheads: Ray cluster start + stop; per shard (``--analyzers paragraphs`` over
2,000 tiny JSON Lines records in shards of 50: scheduling, Parquet and manifest writes);
Parquet bytes per article of the full-pipeline output. Texts: the newest English SemEval
training articles (ids >= 760000000), never an official dev/test set.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _files(data: Path, limit: int) -> list[str]:
    files = sorted(data.glob("article*.txt"), key=lambda p: int(p.stem[7:]))
    return [str(p) for p in files if int(p.stem[7:]) >= 760_000_000][:limit]


def _workers(out: Path) -> dict[int, list[dict]]:
    """The manifest's shard records of a run, by worker pid, in the order they finished."""
    by_pid: dict[int, list[dict]] = {}
    for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if "pid" in record:
            by_pid.setdefault(int(record["pid"]), []).append(record)
    return by_pid


def _worker_columns(out: Path, articles: int) -> str:
    """CPU s per article over all workers; per worker: shards, busy s, first-shard excess (model load)."""
    by_pid = _workers(out)
    cpu = sum(r.get("cpu", 0.0) for rs in by_pid.values() for r in rs)
    cells = []
    for records in by_pid.values():
        rest = [r["seconds"] / max(r["articles"], 1) for r in records[1:]]
        per = sorted(rest)[len(rest) // 2] if rest else 0.0  # median s/article after the first shard
        first = records[0]["seconds"] - per * records[0]["articles"]
        cells.append(f"{len(records)} shards, busy {sum(r['seconds'] for r in records):.0f} s, first +{first:.0f} s")
    return f"{cpu / max(articles, 1):.2f} | {'; '.join(cells)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=60)
    parser.add_argument("--shard-size", type=int, default=10)
    parser.add_argument("--analyzers", default=None, help="comma-separated names (default: the full pipeline)")
    parser.add_argument("--src", type=Path, default=REPO / "src",
                        help="the source tree to run (e.g. a `git archive HEAD src` copy; default: the working tree)")
    args = parser.parse_args()
    os.environ.pop("SPINSCOPE_DEBUG", None)
    sys.path.insert(0, str(args.src))
    os.environ["PYTHONPATH"] = str(args.src)  # Ray workers import the same tree
    from spinscope.analyze.pipeline import DEFAULT_PIPELINE
    from spinscope.batch import BatchOptions, run_batch
    from spinscope.runner import AnalyzeOptions, analyze_sources

    names = tuple(args.analyzers.split(",")) if args.analyzers else DEFAULT_PIPELINE

    files = _files(args.data, args.limit)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores visible, load {os.getloadavg()[0]:.1f}; "
          f"{len(files)} articles, shards of {args.shard_size}; pipeline {','.join(names)}\n")
    print("| run | wall s | articles/s | time / in-process | CPU s / article | workers (from the manifest) | after |\n"
          "|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "in")
        folder.mkdir()
        for f in files:
            shutil.copyfile(f, folder / Path(f).name)
        start, cpu = time.perf_counter(), time.process_time()
        n = sum(len(o.articles) for o in analyze_sources([str(folder)], AnalyzeOptions(pipeline=names)))
        ref, cpu = time.perf_counter() - start, time.process_time() - cpu
        assert n == len(files), f"read {n} of {len(files)} articles"
        print(f"| analyze (in-process) | {ref:.1f} | {n / ref:.2f} | 1.00 | {cpu / n:.2f} | (this process) | load {os.getloadavg()[0]:.1f} |",
              flush=True)
        for workers in (1, 2):
            out = Path(tmp, f"out{workers}")
            start = time.perf_counter()
            summary = run_batch([str(folder)], BatchOptions(out=str(out), workers=workers, shard_size=args.shard_size,
                                                            analyzers=names))
            wall = time.perf_counter() - start
            print(f"| batch, {workers} worker{'s' * (workers > 1)} | {wall:.1f} | {summary.articles / wall:.2f} | "
                  f"{wall / ref:.2f} | {_worker_columns(out, summary.articles)} | load {os.getloadavg()[0]:.1f} |",
                  flush=True)
        parquet = sum(p.stat().st_size for p in Path(tmp, "out2", "articles").glob("*.parquet"))
        chars = sum(Path(f).stat().st_size for f in files)
        print(f"\nParquet: {parquet / n / 1024:.1f} KiB per article ({parquet / chars:.2f} x the input text bytes)")

        import ray

        start = time.perf_counter()
        ray.init(address="local", num_cpus=1, include_dashboard=False, object_store_memory=100 * 1024**2, log_to_driver=False)
        ray.shutdown()
        print(f"Ray local cluster start + stop: {time.perf_counter() - start:.1f} s")
        tiny = Path(tmp, "tiny.jsonl")
        tiny.write_text("".join(f'{{"text": "Record {i} is short.", "language": "en"}}\n' for i in range(2000)))
        start = time.perf_counter()
        summary = run_batch([str(tiny)], BatchOptions(out=str(Path(tmp, "tiny")), workers=1, shard_size=50,
                                                      analyzers=("paragraphs",)))
        wall = time.perf_counter() - start
        print(f"machinery: 2,000 tiny records, 40 shards, paragraphs only, 1 worker: {wall:.1f} s wall "
              f"({summary.articles} articles)")


if __name__ == "__main__":
    main()
