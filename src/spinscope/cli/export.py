"""``spinscope export --format csv|jsonl|parquet [filters]``: a table of the corpus."""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

from ..catalog import VOICES
from ..confidence import thresholds
from ..errors import UsageError
from ..store import SearchQuery, open_store
from ..store.export import FORMATS
from ..store.types import parse_when
from .ingest import add_db_argument


def _when(value: str) -> date | datetime | None:
    """An option's date (the one date rule of :func:`spinscope.store.types.parse_when`)."""
    try:
        return parse_when("the date", value)
    except UsageError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "export",
        help="export stored articles as CSV, JSON Lines or Parquet",
        description="Export the articles matching the filters: csv/parquet = one row per article (metadata, "
        "genre, frames, technique counts); jsonl = the full analysis of each article.",
    )
    add_db_argument(p)
    p.add_argument("--format", "-f", choices=FORMATS, required=True, help="output format")
    p.add_argument("--out", "-o", metavar="FILE", help="write here (atomically); default stdout (not for parquet)")
    p.add_argument("--outlet", help="only this outlet")
    p.add_argument("--since", type=_when, metavar="DATE", help="published on or after (YYYY-MM-DD or an ISO datetime)")
    p.add_argument("--until", type=_when, metavar="DATE", help="published on or before (YYYY-MM-DD or an ISO datetime)")
    p.add_argument("--language", help="only this language code (e.g. en)")
    p.add_argument("--genre", help="only this genre (opinion, reporting, satire)")
    p.add_argument("--frame", help="only articles with this frame")
    p.add_argument("--technique", help="only articles with this technique")
    p.add_argument("--voice", metavar="|".join(VOICES), help="only articles with a technique in this voice")
    p.add_argument("--entity", help="only articles naming this actor (canonical name)")
    p.add_argument("--query", "-q", help='full-text query: words, "a phrase", prefix*, -excluded')
    return p


def run(args: argparse.Namespace) -> int:
    q = SearchQuery.from_strings(
        {
            "text": args.query,
            "outlet": args.outlet,
            "date_from": args.since,
            "date_to": args.until,
            "language": args.language,
            "genre": args.genre,
            "frame": args.frame,
            "technique": args.technique,
            "entity": args.entity,
            "voice": args.voice,
        }
    )
    # the technique and voice filters count a span from its decision threshold, as the web UI does
    q = dataclasses.replace(q, thresholds=tuple(sorted(thresholds().items())))
    with open_store(args.db) as store:
        if args.out is None:
            if args.format == "parquet" and sys.stdout.isatty():
                raise UsageError("parquet is binary: give --out FILE or redirect stdout")
            n = store.export(q, args.format, sys.stdout.buffer)
            sys.stdout.flush()
        else:
            target = Path(args.out)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent if str(target.parent) else ".")
            os.close(fd)
            try:
                n = store.export(q, args.format, tmp)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            print(f"{n} articles written to {target}", file=sys.stderr)
    return 0
