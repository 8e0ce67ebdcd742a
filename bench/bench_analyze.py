"""Throughput and peak memory of the whole `analyze` pipeline (readers + every analyzer).

    python bench/bench_analyze.py --data ../shared/data/semeval2023/en/train-articles-subtask-1 --limit 200

Prints one Markdown table row per pipeline; run it on an otherwise idle machine. Threads are
limited to the number of cores the project targets (2) unless --threads says otherwise.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True, help="folder of articles (any format spinscope reads)")
    parser.add_argument("--limit", type=int, default=200, help="number of articles (default 200)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--analyzers", default=None, help="comma-separated analyzer names (default: the full pipeline)")
    args = parser.parse_args()
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[var] = str(args.threads)

    from spinscope.analysis import get_pipeline
    from spinscope.analyze.pipeline import DEFAULT_PIPELINE
    from spinscope.ingest import expand_sources, read

    names = tuple(args.analyzers.split(",")) if args.analyzers else DEFAULT_PIPELINE
    files = expand_sources([str(args.data)])[: args.limit]
    t0 = time.perf_counter()
    articles = [a for f in files for a in read(f)]
    t_read = time.perf_counter() - t0
    t1 = time.perf_counter()
    pipeline = get_pipeline(names)
    pipeline(articles[:2])  # load models and warm up outside the timed loop
    t_load = time.perf_counter() - t1
    t2 = time.perf_counter()
    pipeline(articles)
    t_run = time.perf_counter() - t2
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = len(articles)
    chars = sum(len(a.text) for a in articles)
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores visible, threads={args.threads}")
    print("| pipeline | articles | mean chars | read s | model load s | analyse s | articles/s | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|")
    print(f"| {','.join(names)} | {n} | {chars // max(n, 1)} | {t_read:.1f} | {t_load:.1f} | {t_run:.1f} | {n / t_run:.1f} | {peak_mb:.0f} |")


if __name__ == "__main__":
    main()
