"""Experiment: technique spans from the word model vs the linear cut, newest-articles holdout.

Fits the techniques head of ``spinscope train`` (linear units, out-of-fold thresholds,
span modes and the word-level span model) on the English articles with id below
760000000 and scores the newer ones twice in one run: spans from the word model
(as shipped) and the same head with the word model removed (the previous linear cut).
Paragraph decisions are identical in both; only the spans differ::

    PYTHONPATH=src python bench/persuasion_wordspans.py --data ../shared/data/semeval2023/en --out wordspans.json
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from results_io import emit
from spinscope.analyze.persuasion.wordspans import KEYS
from spinscope.catalog import TECHNIQUES
from spinscope.semeval import SemevalArticle, load_semeval
from spinscope.training.protocols import fit_newest_techniques, newest_split, score_techniques_head


def score(head: dict[str, Any], golds: list[SemevalArticle]) -> dict[str, Any]:
    started = time.perf_counter()
    report = score_techniques_head(head, golds)
    seconds = time.perf_counter() - started
    assert report.techniques is not None and report.spans is not None
    sp = report.spans
    return {"paragraph_f1": report.techniques.micro.f1, "span_f1": sp.micro.f1, "span_p": sp.micro.precision,
            "span_r": sp.micro.recall, "seconds": seconds,
            "per_label": {k: round(v.f1, 3) for k, v in sp.per_label.items() if v.support}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    articles = load_semeval(args.data).articles
    newer = [a for a in newest_split(articles)[1] if a.spans is not None]
    labels = list(TECHNIQUES)
    started = time.perf_counter()
    head = fit_newest_techniques(articles)
    result: dict[str, Any] = {"holdout_articles": len(newer), "fit_seconds": time.perf_counter() - started,
                              "rule": head["tok_rule"], "covered": [labels[j] for j in head["tok_labels"]],
                              "thresholds": dict(zip([labels[j] for j in head["tok_labels"]],
                                                     map(float, head["tok_thresholds"]), strict=True))}
    result["word_model"] = score(head, newer)
    result["linear_cut"] = score({k: v for k, v in head.items() if k not in KEYS}, newer)
    emit(result, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
