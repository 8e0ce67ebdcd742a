"""Fit the multilingual techniques head (see :mod:`spinscope.analyze.persuasion.multilingual`)
on the span data of every SemEval language.

Per-language paragraph thresholds are off by default (``per_language``): on the
newest-third holdout they scored lower than the global ones in every non-English
language (BENCHMARKS.md "Multilingual").

Sentence units are labelled from the span files exactly as for English
(:func:`.data.technique_units`). Platt maps, thresholds and span modes are fitted on
out-of-fold unit scores (folds by article, seed 13) inside the training articles; a
language gets its own paragraph threshold for a label only when its training data
hold at least ``MIN_LANGUAGE_POSITIVES`` paragraphs with that label.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from ..analyze.persuasion.bundle import save_bundle
from ..analyze.persuasion.features import Units, unit_matrix
from ..analyze.persuasion.manifest import write_manifest
from ..analyze.persuasion.predict import linear_proba, platt, pool_paragraphs
from ..analyze.persuasion.spans import SPAN_MODES, label_coefficients, tight_spans
from ..catalog import TECHNIQUES
from ..semeval import SemevalArticle
from .data import technique_units
from .heads import SEED, best_threshold, fit_platt, fit_span_modes, oof, stack_linear, subset_units

MULTILINGUAL_VERSION = "ml-ngram-lr-1"
MIN_LANGUAGE_POSITIVES = 40
ENGLISH_EVERY = 3
ALPHA = 2e-5


@dataclass
class MultiData:
    """Sentence units of labelled articles in several languages."""

    units: Units
    y: np.ndarray
    groups: np.ndarray  # article index of each unit
    language: np.ndarray  # SemEval language code of each unit
    spans: list[list[tuple[int, int, int]]]


def training_articles(articles: list[SemevalArticle], english_every: int = ENGLISH_EVERY) -> list[SemevalArticle]:
    """The labelled articles the head learns from: every non-English one and every
    ``english_every``-th English one in id order (English has its own model; its share
    is kept near one language's so it does not drown the others, and the encoder pass
    stays affordable on two cores)."""
    labelled = [a for a in articles if a.paragraph_labels is not None]
    english = sorted((a for a in labelled if a.language == "en"), key=lambda a: (len(a.id), a.id))
    return [a for a in labelled if a.language != "en"] + english[::english_every]


def multi_units(articles: list[SemevalArticle]) -> MultiData:
    """Units and labels of ``articles`` (with each unit's language)."""
    data = technique_units(articles, list(TECHNIQUES))
    language = np.array([articles[a].language for a in data.units.article])
    return MultiData(data.units, data.y, data.groups, language, data.spans)


def _vectorizers(texts: list[str], quick: bool) -> tuple[TfidfVectorizer, TfidfVectorizer]:
    cap = 5000 if quick else 30000
    word = TfidfVectorizer(ngram_range=(1, 1), min_df=3, max_features=cap, sublinear_tf=True).fit(texts)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=5, max_features=cap, sublinear_tf=True).fit(texts)
    return word, char


def fit_sgd(x: Any, y: np.ndarray, alpha: float) -> dict[str, np.ndarray]:
    """One binary logistic regression per label by SGD (log loss, balanced classes,
    fixed epochs and seed: deterministic, and affordable on two shared cores), as arrays."""
    from sklearn.linear_model import SGDClassifier

    estimators: list[Any] = []
    for j in range(y.shape[1]):
        col = y[:, j]
        if col.sum() in (0, len(col)):
            estimators.append(float(col.mean()))
            continue
        clf = SGDClassifier(loss="log_loss", alpha=alpha, max_iter=12, tol=None, class_weight="balanced",
                            random_state=SEED, average=True)
        estimators.append(clf.fit(x, col))
    return stack_linear(estimators, x.shape[1])


def _fit_linear(units: Units, y: np.ndarray, quick: bool, alpha: float) -> dict[str, Any]:
    word, char = _vectorizers(units.text, quick)
    head: dict[str, Any] = {"labels": list(TECHNIQUES), "word": word, "char": char}
    head.update(fit_sgd(unit_matrix(head, units), y, alpha))
    return head


def _language_thresholds(cal: np.ndarray, gold: np.ndarray, language: np.ndarray) -> dict[str, list[float]]:
    """Per language, per label: its own best threshold where it has enough positives
    (NaN elsewhere, filled with the global threshold by the caller)."""
    out: dict[str, list[float]] = {}
    for code in sorted(set(language.tolist())):
        rows = language == code
        out[code] = [best_threshold(cal[rows, j], gold[rows, j]) if gold[rows, j].sum() >= MIN_LANGUAGE_POSITIVES
                     else float("nan") for j in range(gold.shape[1])]
    return out


def _fill(table: dict[str, list[float]], fallback: np.ndarray) -> dict[str, list[float]]:
    return {code: [fallback[j] if np.isnan(v) else v for j, v in enumerate(row)] for code, row in table.items()}


def fit_multilingual(data: MultiData, *, folds: int = 3, quick: bool = False, alpha: float = ALPHA,
                     per_language: bool = False, spans: bool = True) -> dict[str, Any]:
    """The head: fit on every unit, calibrated and thresholded out-of-fold (span modes
    too, unless ``spans`` is False: benchmarks scoring paragraphs only)."""
    units, y = data.units, data.y
    candidates: dict[tuple[int, int], list[tuple[int, int]]] = {}

    def fit_predict(train_idx: np.ndarray, test_idx: np.ndarray) -> np.ndarray:
        head = _fit_linear(subset_units(units, train_idx), y[train_idx], quick, alpha)
        coef = label_coefficients(head)
        for u in test_idx if spans else []:
            positive = [int(j) for j in np.flatnonzero(y[u])]
            if positive:
                offsets = tight_spans(head, units.text[u], positive, coef, list(SPAN_MODES))
                candidates.update({(int(u), j): [(units.start[u] + a, units.start[u] + b) for a, b in o]
                                   for j, o in offsets.items()})
        return linear_proba(head, unit_matrix(head, subset_units(units, test_idx)))

    raw = oof(len(y), data.groups, folds, fit_predict)
    keys, pooled = pool_paragraphs(units, raw)
    row = {k: i for i, k in enumerate(keys)}
    para_y = np.zeros_like(pooled, dtype=np.int8)
    para_lang = np.empty(len(keys), dtype=object)
    for i, (a, p) in enumerate(zip(units.article, units.paragraph, strict=True)):
        para_y[row[(a, p)]] |= y[i]
        para_lang[row[(a, p)]] = data.language[i]
    head = _fit_linear(units, y, quick, alpha)
    head["unit_platt"], head["para_platt"] = fit_platt(raw, y), fit_platt(pooled, para_y)
    para_cal, unit_cal = platt(pooled, head["para_platt"]), platt(raw, head["unit_platt"])
    n = len(TECHNIQUES)
    head["para_thresholds"] = np.array([best_threshold(para_cal[:, j], para_y[:, j]) for j in range(n)])
    head["unit_thresholds"] = np.array([best_threshold(unit_cal[:, j], y[:, j]) for j in range(n)])
    head["para_thresholds_by_language"] = (
        _fill(_language_thresholds(para_cal, para_y, para_lang.astype(str)), head["para_thresholds"]) if per_language else {}
    )
    head["languages"] = sorted(set(data.language.tolist()))
    if spans:
        selected = unit_cal >= head["unit_thresholds"]
        head["span_modes"] = fit_span_modes(units, y, selected, data.spans, candidates, n)
    return head


def train_multilingual(articles: list[SemevalArticle], out: str | Path, *, quick: bool = False) -> list[Path]:
    """Fit on ``articles`` (those with span or paragraph labels) and write the
    techniques-only bundle and its manifest into ``out``."""
    from . import data_fingerprint

    labelled = training_articles(articles)
    head = fit_multilingual(multi_units(labelled), folds=2 if quick else 3, quick=quick)
    version = MULTILINGUAL_VERSION
    files = save_bundle({"version": version, "genre": {}, "frames": {}, "techniques": head}, out)
    counts: dict[str, int] = {}
    for a in labelled:
        counts[a.language] = counts.get(a.language, 0) + 1
    write_manifest(out, {"version": version, "head": "multilingual techniques", "articles": counts, "quick": quick,
                         "training_data": data_fingerprint(labelled)})
    return files
