"""``spinscope batch INPUT... --out DIR [--workers N] [--address ...] [--shard-size N] [--db URL] [--resume]``"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from ..analyze.pipeline import DEFAULT_PIPELINE
from ..ingest import MAX_INPUT_BYTES, ReadOptions
from ..runner import DEFAULT_BUDGET

if TYPE_CHECKING:
    from ..batch import BatchProgress


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "batch",
        help="analyse an archive on a Ray cluster into Parquet shards (resumable)",
        description="Analyse folders, JSON Lines (.jsonl, .jsonl.gz), feeds and WARC files on a local or "
        "existing Ray cluster; write one Parquet shard per --shard-size inputs under --out/articles, "
        "bad inputs to --out/errors.jsonl; --resume continues a killed run with every article exactly once.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="folder, file, .jsonl(.gz) or .warc(.gz)")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder (new or empty, or the run to --resume)")
    p.add_argument("--workers", type=int, default=None,
                   help="worker processes of the local cluster (default: 1; with --address: the cluster's CPUs)")
    p.add_argument("--address", metavar="ADDR",
                   help="join this Ray cluster (HOST:PORT, ray://HOST:PORT or auto) instead of starting one")
    p.add_argument("--shard-size", type=int, default=200, metavar="N", help="inputs per shard (default: 200)")
    p.add_argument("--db", metavar="URL", help="also store every article in this store (SQLite path or URL)")
    p.add_argument("--resume", action="store_true", help="continue the run in --out, skipping finished shards")
    p.add_argument("--analyzers", default=",".join(DEFAULT_PIPELINE), help="comma-separated analyzer names (default: all)")
    p.add_argument("--budget", type=float, default=DEFAULT_BUDGET, metavar="SECONDS",
                   help=f"analysis time allowed per article (default: {DEFAULT_BUDGET:g}; 0 = no limit)")
    p.add_argument("--max-bytes", type=int, default=MAX_INPUT_BYTES, help="size limit of one input in bytes")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress line")
    return p


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s"


def _show(p: BatchProgress) -> None:
    line = (f"{p.items_done}/{p.items_total} inputs, {p.articles} articles, {p.errors} errors, "
            f"{p.rate:.1f} articles/s, ETA {_clock(p.eta)}")
    end = "\r" if sys.stderr.isatty() else "\n"
    print(line.ljust(78), end=end, file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    from ..batch import BatchOptions, run_batch  # Ray and pyarrow load only for this command

    options = BatchOptions(
        out=args.out,
        workers=args.workers,
        address=args.address,
        shard_size=args.shard_size,
        db=args.db,
        resume=args.resume,
        analyzers=tuple(n.strip() for n in args.analyzers.split(",") if n.strip()),
        read=ReadOptions(max_bytes=args.max_bytes),
        budget=args.budget if args.budget > 0 else None,
    )
    summary = run_batch(args.inputs, options, None if args.quiet else _show)
    if not args.quiet and sys.stderr.isatty():
        print(file=sys.stderr)
    stored = ""
    if args.db:
        s = summary.stored
        stored = f", stored: {s['stored']} new, {s['skipped']} skipped, {s['reanalysed']} reanalysed"
    print(
        f"{summary.articles} articles in {summary.shards + summary.shards_resumed} shards "
        f"({summary.shards_resumed} resumed, {summary.shards_failed} failed), {summary.errors} errors{stored}; "
        f"{summary.seconds:.1f} s on {summary.workers} CPUs -> {summary.out}"
    )
    return 1 if summary.errors else 0
