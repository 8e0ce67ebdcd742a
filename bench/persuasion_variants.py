"""Experiment: variants of the techniques recipe on the newest-articles holdout, one run.

Fits the techniques recipe once per variant on the English articles with id below
760000000 and scores each on the newer articles (paragraph micro-F1, span F1), with and
without the promotion of paragraphs whose words carry a technique plainly (``tok_promote``,
:func:`spinscope.analyze.persuasion.wordspans.promoted`). Variants (``VARIANTS``):
``before`` (no word valences), ``shipped``, ``unbalanced`` (unit head without class-balanced
weights), ``unbalanced-c2`` (and C = 2)::

    PYTHONPATH=src python bench/persuasion_variants.py --data ../shared/data/semeval2023/en \
        --variants before shipped --out variants.json
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from results_io import emit
from spinscope.catalog import TECHNIQUES
from spinscope.semeval import load_semeval
from spinscope.training.protocols import fit_newest_techniques, newest_split, score_techniques_head

VARIANTS: dict[str, dict[str, Any]] = {
    "before": {"lexicon": False},
    "shipped": {},
    "unbalanced": {"balanced": False},
    "unbalanced-c2": {"balanced": False, "c": 2.0},
}


def run(articles: list[Any], options: dict[str, Any]) -> dict[str, Any]:
    started = time.perf_counter()
    head = fit_newest_techniques(articles, **options)
    fitted = time.perf_counter() - started
    plain = {k: v for k, v in head.items() if k != "tok_promote"}
    labels = list(TECHNIQUES)
    bars = {labels[j]: float(b) for j, b in zip(head["tok_labels"], head.get("tok_promote", []), strict=False)}
    return {"fit_seconds": round(fitted), "covered": [labels[j] for j in head["tok_labels"]],
            "oof": head["tok_rule"].get("oof"), "promote_bars": bars,
            "no_promotion": score(plain, articles), "promotion": score(head, articles)}


def score(head: dict[str, Any], articles: list[Any]) -> dict[str, Any]:
    newer = [a for a in newest_split(articles)[1] if a.spans is not None]
    report = score_techniques_head(head, newer)
    assert report.techniques is not None and report.spans is not None
    sp = report.spans
    return {"paragraph_f1": report.techniques.micro.f1, "span_f1": sp.micro.f1,
            "span_p": sp.micro.precision, "span_r": sp.micro.recall,
            "per_label": {k: round(v.f1, 3) for k, v in sp.per_label.items() if v.support},
            "paragraph_per_label": {k: round(v.f1, 3) for k, v in report.techniques.per_label.items() if v.support}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", required=True)
    ap.add_argument("--variants", nargs="+", choices=sorted(VARIANTS), default=["before", "shipped"])
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    articles = load_semeval(args.data).articles
    result: dict[str, Any] = {"holdout_articles": len([a for a in newest_split(articles)[1] if a.spans is not None])}
    for name in args.variants:
        result[name] = run(articles, VARIANTS[name])
        print(name, {k: round(result[name][k]["span_f1"], 4) for k in ("no_promotion", "promotion")}, flush=True)
    emit(result, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
