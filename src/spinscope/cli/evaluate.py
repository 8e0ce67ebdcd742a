"""``spinscope evaluate``: score the models on a labelled SemEval-layout folder."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "evaluate",
        help="score genre, frames and techniques on a labelled SemEval-layout folder",
        description="Analyse every article of a labelled folder and print the official-style scores.",
    )
    parser.add_argument("--data", required=True, type=Path, help="labelled SemEval-layout folder")
    parser.add_argument("--models", type=Path, default=None, help="model folder from `spinscope train --out` (default: shipped)")
    parser.add_argument("--lang", action="append", default=None, metavar="LANG", help="only these languages (repeatable)")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--per-label", action="store_true", help="also print per-label F1")
    parser.add_argument("--protocol", choices=("newest", "lolo", "cv"), default=None,
                        help="train the linear recipe inside a model-selection protocol and score its validation part: "
                             "newest (English ids >= 760000000 held out), lolo (leave one language out), cv (5-fold)")
    parser.add_argument("--compare", action="append", default=[], metavar="LABEL=FOLDER[:PROFILE]",
                        help="with --protocol newest: also score this model folder ('shipped' = the package's; "
                             "PROFILE fast or accurate) on the same articles (repeatable)")
    parser.add_argument("--quick", action="store_true", help="small vocabularies and fewer folds (tests)")
    return parser


def _compare(specs: list[str]) -> dict[str, tuple[Path | None, str]]:
    from ..errors import UsageError

    out: dict[str, tuple[Path | None, str]] = {}
    for spec in specs:
        label, sep, rest = spec.partition("=")
        if not sep or not label:
            raise UsageError(f"--compare wants LABEL=FOLDER[:PROFILE], not {spec!r}")
        folder, _, profile = rest.partition(":")
        out[label] = (None if folder in ("", "shipped") else Path(folder), profile or "fast")
    return out


def _summary(report: Any) -> str:
    parts = []
    if report.genre:
        parts.append(f"genre {report.genre.macro_f1:.3f}")
    if report.frames:
        parts.append(f"frames {report.frames.micro.f1:.3f}")
    if report.techniques:
        parts.append(f"techniques {report.techniques.micro.f1:.3f}")
    if report.spans:
        parts.append(f"spans {report.spans.micro.f1:.3f}")
    return "  ".join(parts)


def _run_protocol(args: argparse.Namespace) -> int:
    import sys

    from ..semeval import load_semeval
    from ..training.protocols import run_protocol

    articles = load_semeval(args.data, args.lang).articles
    result = run_protocol(args.protocol, articles, _compare(args.compare), quick=args.quick,
                          progress=lambda m: print(f"  {m}", file=sys.stderr, flush=True))
    if args.json:
        print(json.dumps({"protocol": result.protocol, "parts": {
            part: {name: _as_dict(rep) for name, rep in reports.items()} for part, reports in result.parts.items()}}, indent=2))
        return 0
    print(f"protocol: {result.protocol}")
    for part, reports in result.parts.items():
        for name, report in reports.items():
            print(f"{part:<12} {name:<12} {report.n_articles:>4} articles  {_summary(report)}")
    return 0


def _as_dict(report: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"articles": report.n_articles}
    if report.genre:
        out["genre"] = {"macro_f1": round(report.genre.macro_f1, 4), "accuracy": round(report.genre.accuracy, 4),
                        "per_label": {k: v.to_dict() for k, v in report.genre.per_label.items()}}
    if report.frames:
        out["frames"] = {"micro": report.frames.micro.to_dict(), "macro_f1": round(report.frames.macro_f1, 4),
                         "per_label": {k: v.to_dict() for k, v in report.frames.per_label.items()}}
    if report.techniques:
        out["techniques"] = {"micro": report.techniques.micro.to_dict(), "macro_f1": round(report.techniques.macro_f1, 4),
                             "per_label": {k: v.to_dict() for k, v in report.techniques.per_label.items()}}
    if report.spans:
        out["spans"] = {"micro": report.spans.micro.to_dict(),
                        "per_label": {k: v.to_dict() for k, v in report.spans.per_label.items()}}
    return out


def run(args: argparse.Namespace) -> int:
    from ..evaluation import evaluate_folder

    if args.protocol:
        return _run_protocol(args)
    report = evaluate_folder(args.data, args.models, args.lang)
    scores = _as_dict(report)
    if args.json:
        print(json.dumps(scores, indent=2))
        return 0
    print(f"articles: {report.n_articles}")
    if report.genre:
        print(f"genre       macro-F1 {report.genre.macro_f1:.3f}  accuracy {report.genre.accuracy:.3f}")
    if report.frames:
        print(f"frames      micro-F1 {report.frames.micro.f1:.3f}  macro-F1 {report.frames.macro_f1:.3f}")
    if report.techniques:
        m = report.techniques.micro
        print(f"techniques  micro-F1 {m.f1:.3f} (P {m.precision:.3f} R {m.recall:.3f})  macro-F1 {report.techniques.macro_f1:.3f}")
    if report.spans:
        s = report.spans.micro
        print(f"spans       F1 {s.f1:.3f} (P {s.precision:.3f} R {s.recall:.3f}, partial-overlap credit)")
    if args.per_label:
        for task in ("genre", "frames", "techniques", "spans"):
            for name, v in scores.get(task, {}).get("per_label", {}).items():
                print(f"  {task:<10} {name:<45} F1 {v['f1']:.3f}  support {v['support']}")
    return 0
