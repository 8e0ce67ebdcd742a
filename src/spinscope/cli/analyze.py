"""``spinscope analyze PATH... [--format ...] [--out FILE]``"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from ..analyze import worker
from ..analyze.pipeline import DEFAULT_PIPELINE
from ..ingest import MAX_INPUT_BYTES, ReadOptions, expand_sources
from ..model import Article
from ..render import FORMATS, write
from ..runner import DEFAULT_BUDGET, AnalyzeOptions, analyze_sources
from .progress import print_error, progress_bar

PROGRESS_THRESHOLD = 5  # a bar only when there are more inputs than this


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "analyze",
        help="analyse articles and print/write the results",
        description="Analyse articles from files, folders, URLs, feeds, JSON Lines or - (stdin).",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="file, directory (recursive), http(s) URL, or - for stdin")
    p.add_argument("--format", "-f", choices=FORMATS, default="json", help="output format (default: json)")
    p.add_argument("--out", "-o", metavar="FILE", help="write here (atomically) instead of stdout")
    p.add_argument("--all-spans", action="store_true",
                   help="text format: also show spans under their technique's decision threshold (machine formats always carry them)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.add_argument("--outlet", help="set the outlet of every article read")
    p.add_argument("--language", help="set the language of every article (skip detection)")
    p.add_argument("--analyzers", default=",".join(DEFAULT_PIPELINE), help="comma-separated analyzer names to run (default: all)")
    p.add_argument("--max-bytes", type=int, default=MAX_INPUT_BYTES, help=f"size limit of one input in bytes (default: {MAX_INPUT_BYTES})")
    p.add_argument("--timeout", type=float, default=20.0, help="seconds allowed to fetch one URL (default: 20)")
    p.add_argument("--budget", type=float, default=DEFAULT_BUDGET, metavar="SECONDS",
                   help=f"analysis time allowed per article; over it the article is reported as failed (default: {DEFAULT_BUDGET:g}; 0 = no limit)")
    return p


@contextmanager
def _output(path: str | None) -> Iterator[TextIO]:
    """stdout, or a temp file renamed over ``path`` only when everything was written."""
    if path is None:
        yield sys.stdout
        return
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent if str(target.parent) else ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            yield fh
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run(args: argparse.Namespace) -> int:
    options = AnalyzeOptions(
        pipeline=tuple(n.strip() for n in args.analyzers.split(",") if n.strip()),
        read=ReadOptions(max_bytes=args.max_bytes, outlet=args.outlet, language=args.language, timeout=args.timeout),
        budget=args.budget if args.budget > 0 else None,
        worker=worker.wanted(),
    )
    sources = expand_sources(args.paths)
    failures = 0

    def articles(advance) -> Iterator[Article]:
        nonlocal failures
        for outcome in analyze_sources(sources, options):
            if outcome.error is not None:
                failures += 1
                print_error(outcome.error)
            else:
                yield from outcome.articles
            if outcome.final:
                advance()

    show = not args.quiet and len(sources) > PROGRESS_THRESHOLD
    color = args.format == "text" and args.out is None and sys.stdout.isatty()
    with progress_bar(len(sources), "analysing", enabled=show) as advance, _output(args.out) as out:
        write(articles(advance), args.format, out, color=color, all_spans=args.all_spans)
    return 1 if failures else 0
