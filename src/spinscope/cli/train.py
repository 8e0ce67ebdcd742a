"""``spinscope train``: rebuild the shipped persuasion models from a SemEval-layout folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "train",
        help="rebuild the genre, frames and techniques models from SemEval-layout data",
        description="Train every persuasion model (deterministic, CPU) and write the bundle.",
    )
    parser.add_argument("--data", required=True, type=Path, help="SemEval-layout folder (a root of en/, fr/... or one language)")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", type=Path, default=None, help="folder to write the models to")
    where.add_argument("--install", action="store_true",
                       help="overwrite the models shipped inside the installed package (site-packages)")
    parser.add_argument("--lang", action="append", default=None, metavar="LANG",
                        help="languages for genre and frames (repeatable; default: all in --data)")
    parser.add_argument("--technique-lang", action="append", default=None, metavar="LANG",
                        help="languages for techniques (repeatable; default: en)")
    parser.add_argument("--quick", action="store_true", help="small vocabularies and fewer folds (for tests)")
    parser.add_argument("--limit", type=int, default=None, help="at most N articles per language (for tests)")
    parser.add_argument("--accurate", action="store_true",
                        help="also fine-tune the MiniLM paragraph model of the accurate techniques profile (needs the "
                             "train extra; uses a GPU if present)")
    parser.add_argument("--epochs", type=int, default=3, help="fine-tuning epochs for --accurate")
    parser.add_argument("--multilingual", action="store_true",
                        help="also rebuild the multilingual techniques head (all six languages' spans) into "
                             "OUT/multilingual/")
    return parser


def run(args: argparse.Namespace) -> int:
    from ..analyze.persuasion.bundle import SHIPPED_DIR
    from ..training import TrainOptions, train_models

    out = SHIPPED_DIR if args.install else args.out
    options = TrainOptions(data=args.data, out=out, languages=args.lang, quick=args.quick, limit=args.limit,
                           accurate=args.accurate, epochs=args.epochs, multilingual=args.multilingual)
    if args.technique_lang:
        options.technique_languages = args.technique_lang
    report = train_models(options, progress=lambda msg: print(f"  {msg}", file=sys.stderr, flush=True))
    counts = ", ".join(f"{k}={v}" for k, v in report.counts.items())
    print(f"wrote {report.out} ({report.size_bytes / 1e6:.1f} MB; {counts})")
    return 0
