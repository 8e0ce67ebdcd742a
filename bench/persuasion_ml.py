"""Techniques in every SemEval language: the multilingual head against the English-only
model applied to each language (today's behaviour), in the same run.

    nice -n 5 python bench/persuasion_ml.py --data ../shared/data/semeval2023 \
        --out bench/results/persuasion_ml.json

Protocols (paragraph-level micro-F1, the SemEval subtask-3 metric, per language):

Articles: every labelled non-English article and every third English one
(``training.multilingual.training_articles``, as the shipped head).

* ``holdout``: within each language the articles are ordered by id (length, then
  digits: the ids are ``<language prefix><running number>``) and the newest third is
  held out; one multilingual head is trained on the older two thirds of all six
  languages (thresholds fitted out-of-fold inside them) and scored on each language's
  newest third.
* ``lolo``: leave one language out: trained on the five others, scored on all of it.

The English-only model is the shipped bundle's techniques head (English articles
only, so it never saw another language; on English its row is left out of the
holdout because it was trained on those articles). ``--protocols`` picks which run.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from spinscope.analyze.persuasion import bundle
from spinscope.analyze.persuasion.features import unit_matrix
from spinscope.analyze.persuasion.multilingual import SEMEVAL_LANGUAGES, head_for_language
from spinscope.analyze.persuasion.predict import linear_proba, platt, pool_paragraphs, predict_techniques
from spinscope.catalog import TECHNIQUES
from spinscope.evaluation import multilabel_scores
from spinscope.semeval import SemevalArticle, load_semeval
from spinscope.training.multilingual import MultiData, fit_multilingual, multi_units, training_articles

LABELS = list(TECHNIQUES)


def newest_third(articles: list[SemevalArticle]) -> tuple[list[SemevalArticle], list[SemevalArticle]]:
    """(older two thirds, newest third) of each language, by id order."""
    old: list[SemevalArticle] = []
    new: list[SemevalArticle] = []
    for lang in SEMEVAL_LANGUAGES:
        group = sorted((a for a in articles if a.language == lang), key=lambda a: (len(a.id), a.id))
        cut = len(group) - (len(group) + 2) // 3
        old += group[:cut]
        new += group[cut:]
    return old, new


def _gold(arts: list[SemevalArticle]) -> dict[tuple[str, int], set[str]]:
    """(language:id, paragraph id) -> the gold techniques of the paragraph labels file."""
    return {(f"{a.language}:{a.id}", pid): set(names) for a in arts for pid, names in (a.paragraph_labels or {}).items()}


def _chosen(keys: list[tuple[int, int]], probs: np.ndarray, thresholds: np.ndarray, arts: list[SemevalArticle]
            ) -> dict[tuple[str, int], set[str]]:
    return {(f"{arts[a].language}:{arts[a].id}", p): {LABELS[j] for j in np.flatnonzero(row >= thresholds)}
            for (a, p), row in zip(keys, probs, strict=True)}


def score_multilingual(head: dict[str, Any], data: MultiData, arts: list[SemevalArticle], per_language: bool
                       ) -> dict[str, float]:
    raw = linear_proba(head, unit_matrix(head, data.units))
    keys, pooled = pool_paragraphs(data.units, raw)
    probs = platt(pooled, head["para_platt"])
    gold = _gold(arts)
    out = {}
    for lang in sorted({a.language for a in arts}):
        thr = head_for_language(head, lang)["para_thresholds"] if per_language else head["para_thresholds"]
        rows = [i for i, (a, _) in enumerate(keys) if arts[a].language == lang]
        pred = _chosen([keys[i] for i in rows], probs[rows], thr, arts)
        out[lang] = multilabel_scores({k: v for k, v in gold.items() if k[0].startswith(lang + ":")}, pred).micro.f1
    return out


def score_english_only(data: MultiData, arts: list[SemevalArticle]) -> dict[str, float]:
    head = bundle()["techniques"]
    pred = predict_techniques(head, data.units)
    chosen = _chosen(pred.paragraph_keys, pred.paragraph_probs, head["para_thresholds"], arts)
    gold = _gold(arts)
    out = {}
    for lang in sorted({a.language for a in arts}):
        keys = {k: v for k, v in gold.items() if k[0].startswith(lang + ":")}
        out[lang] = multilabel_scores(keys, chosen).micro.f1
    return out


def _subset(data: MultiData, arts: list[SemevalArticle], keep: list[SemevalArticle]) -> tuple[MultiData, list[SemevalArticle]]:
    from spinscope.training.heads import subset_units

    wanted = {(a.language, a.id) for a in keep}
    chosen = [i for i, a in enumerate(arts) if (a.language, a.id) in wanted]
    remap = {old: new for new, old in enumerate(chosen)}
    idx = np.array([u for u, a in enumerate(data.units.article) if a in remap], dtype=np.int64)
    units = subset_units(data.units, idx)
    units.article = [remap[a] for a in units.article]
    return (MultiData(units, data.y[idx], np.asarray(units.article), data.language[idx],
                      [data.spans[i] for i in idx]), [arts[i] for i in chosen])


def run_setting(name: str, data: MultiData, arts: list[SemevalArticle], train: list[SemevalArticle],
                test: list[SemevalArticle], args: Any, say: Any) -> dict[str, Any]:
    t0 = time.time()
    train_data, train_arts = _subset(data, arts, train)
    test_data, test_arts = _subset(data, arts, test)
    head = fit_multilingual(train_data, folds=args.folds, alpha=args.alpha, spans=False, per_language=True)
    english = score_english_only(test_data, test_arts)
    if name.startswith("holdout"):
        english.pop("en", None)  # the shipped English model was trained on these articles
    result = {
        "setting": name,
        "alpha": args.alpha,
        "train_articles": len(train_arts),
        "test_articles": len(test_arts),
        "multilingual_global_thresholds": score_multilingual(head, test_data, test_arts, per_language=False),
        "multilingual_per_language_thresholds": score_multilingual(head, test_data, test_arts, per_language=True),
        "english_only_shipped": english,
        "own_thresholds_per_language": {code: int(np.sum(np.asarray(row) != head["para_thresholds"]))
                                        for code, row in head["para_thresholds_by_language"].items()},
        "seconds": round(time.time() - t0, 1),
    }
    say(json.dumps(result))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--protocols", default="holdout,lolo")
    parser.add_argument("--lolo", default="fr,ge,it,po,ru", help="languages to leave out in turn")
    parser.add_argument("--folds", type=int, default=2, help="out-of-fold folds inside each training part")
    parser.add_argument("--alpha", type=float, default=2e-5, help="SGD L2 strength")
    args = parser.parse_args(argv)

    def say(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    arts = training_articles(load_semeval(args.data).articles)
    data = multi_units(arts)
    report: dict[str, Any] = {
        "command": " ".join(sys.argv),
        "machine": f"{platform.machine()} {platform.processor() or ''} shared 2-core".strip(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "model_version": bundle()["version"],
        "metric": "paragraph micro-F1 (SemEval subtask 3), per language",
        "results": [],
    }
    out = Path(args.out)
    protocols = args.protocols.split(",")
    if "holdout" in protocols:
        old, new = newest_third(arts)
        report["results"].append(run_setting("holdout-newest-third", data, arts, old, new, args, say))
        out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if "lolo" in protocols:
        for lang in args.lolo.split(","):
            train = [a for a in arts if a.language != lang]
            test = [a for a in arts if a.language == lang]
            report["results"].append(run_setting(f"leave-out-{lang}", data, arts, train, test, args, say))
            out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
