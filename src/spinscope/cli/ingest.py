"""``spinscope ingest PATH... [--db URL] [--outlet NAME]``: analyse and store articles."""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Callable

from ..analyze.pipeline import DEFAULT_PIPELINE
from ..errors import NotFoundError
from ..ingest import MAX_INPUT_BYTES, ReadOptions, expand_sources
from ..model import Article
from ..runner import AnalyzeOptions, analyze_sources, get_pipeline
from ..store import Store, open_store
from .progress import print_error, progress_bar

PROGRESS_THRESHOLD = 5  # a bar only when there are more inputs than this


def add_db_argument(p: argparse.ArgumentParser) -> None:
    """The ``--db`` option shared by ingest, export and serve."""
    p.add_argument(
        "--db",
        metavar="URL",
        help="store: a file path (SQLite), sqlite:///FILE or postgresql://user@host/db "
        "(default: spinscope.db in the user data directory)",
    )


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "ingest",
        help="analyse articles and add them to the corpus store",
        description="Analyse articles from files, folders, URLs, feeds, JSON Lines or - (stdin) and store "
        "every article once (by content); re-running is safe and skips what is already stored.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="file, directory (recursive), http(s) URL, or - for stdin")
    add_db_argument(p)
    p.add_argument("--outlet", help="set the outlet of every article read")
    p.add_argument("--language", help="set the language of every article (skip detection)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.add_argument(
        "--analyzers", default=",".join(DEFAULT_PIPELINE), help="comma-separated analyzer names to run (default: all)"
    )
    p.add_argument("--max-bytes", type=int, default=MAX_INPUT_BYTES, help="size limit of one input in bytes")
    p.add_argument("--timeout", type=float, default=20.0, help="seconds allowed to fetch one URL (default: 20)")
    p.add_argument(
        "--stories",
        choices=("auto", "on", "off"),
        default="auto",
        help="group the stored articles into stories (multilingual encoder); auto: when the persuasion "
        "analyzers run, which load the encoder anyway",
    )
    return p


def _wants_stories(args: argparse.Namespace, names: tuple[str, ...]) -> bool:
    if args.stories == "auto":
        return bool({"genre", "frames", "techniques"} & set(names))
    return bool(args.stories == "on")


def already_stored(store: Store, names: tuple[str, ...], counts: Counter[str]) -> Callable[[Article], bool]:
    """``article -> True`` (counted as skipped) when the store holds its text analysed by
    these analyzers' versions: checked as articles are read, before analysis, so resuming
    a finished ingest takes seconds."""
    models = {a.name: a.version for a in get_pipeline(names).analyzers}

    def known(article: Article) -> bool:
        try:
            stored = store.get(article.id)
        except NotFoundError:
            return False
        if stored.models != models or stored.content_hash() != article.content_hash():
            return False
        counts["skipped"] += 1
        return True

    return known


def run(args: argparse.Namespace) -> int:
    names = tuple(n.strip() for n in args.analyzers.split(",") if n.strip())
    sources = expand_sources(args.paths)
    counts: Counter[str] = Counter()
    show = not args.quiet and len(sources) > PROGRESS_THRESHOLD
    with open_store(args.db) as store, progress_bar(len(sources), "ingesting", enabled=show) as advance:
        read = ReadOptions(
            max_bytes=args.max_bytes, outlet=args.outlet, language=args.language, timeout=args.timeout,
            skip=already_stored(store, names, counts),
        )
        options = AnalyzeOptions(pipeline=names, read=read)
        for outcome in analyze_sources(sources, options):
            if outcome.error is not None:
                counts["failed"] += 1
                print_error(outcome.error)
            for article in outcome.articles:
                counts[store.add(article, outlet=args.outlet).status] += 1
            advance()
        if _wants_stories(args, names):
            from ..analyze.persuasion.features import embed  # the encoder loads here when no analyzer did

            counts["in stories"] = store.update_stories(embed)
        where = store.url
    print(
        f"{counts['stored']} stored, {counts['skipped']} skipped, {counts['reanalysed']} reanalysed, "
        f"{counts['failed']} failed"
        + (f", {counts['in stories']} new in stories" if "in stories" in counts else "")
        + f" ({where})"
    )
    return 1 if counts["failed"] else 0
