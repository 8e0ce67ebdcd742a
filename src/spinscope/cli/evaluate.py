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
    return parser


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
