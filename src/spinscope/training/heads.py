"""Fit the three heads. Every decision threshold and calibration map is fitted on
out-of-fold predictions inside the training data (folds by article, fixed seed)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from joblib import Parallel, delayed
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.preprocessing import StandardScaler

from ..analyze.persuasion.features import DocFeatures, Units, frames_matrix, genre_matrix, unit_matrix
from ..analyze.persuasion.lexicon import vader_valence
from ..analyze.persuasion.predict import linear_proba, platt, pool_paragraphs
from ..analyze.persuasion.spans import SPAN_MODES, label_coefficients, tight_spans
from ..catalog import GENRE_LABELS
from .wordspans import fit_word_spans

SEED = 13


# a technique the paragraph decision chose is cut only from units at or above its unit threshold
# (1.0 x): a paragraph whose best unit is below it keeps the label without a span. Selected on the
# newest holdout (BENCHMARKS.md, "Persuasion, fifth round"): span F1 0.161 -> 0.167 (fast), 0.171 ->
# 0.172 (accurate), paragraph F1 unchanged; :mod:`spinscope.analyze.persuasion.marking` reads it.
CUT_MIN = 1.0

def _fit_binary(x: Any, y: np.ndarray, c: float, balanced: bool) -> Any:
    if y.sum() == 0 or y.sum() == len(y):
        return float(y.mean())
    clf = LogisticRegression(
        solver="liblinear", C=c, class_weight="balanced" if balanced else None, max_iter=200, random_state=SEED
    )
    clf.fit(x, y)
    return clf


def stack_linear(estimators: list[Any], n_features: int) -> dict[str, np.ndarray]:
    """``coef`` (features, L) float32 and ``intercept`` (L,) of binary logistic
    regressions; a label never or always seen in training becomes a constant."""
    coef = np.zeros((n_features, len(estimators)), dtype=np.float32)
    intercept = np.zeros(len(estimators), dtype=np.float64)
    for j, est in enumerate(estimators):
        if isinstance(est, float):
            p = min(max(est, 1e-6), 1 - 1e-6)
            intercept[j] = np.log(p / (1 - p))
        else:
            coef[:, j] = est.coef_[0]
            intercept[j] = est.intercept_[0]
    return {"coef": coef, "intercept": intercept}


def fit_ovr(x: Any, y: np.ndarray, c: float, balanced: bool, n_jobs: int = 2) -> dict[str, np.ndarray]:
    """One binary logistic regression per label column (labels in parallel), as arrays."""
    ests = list(Parallel(n_jobs=n_jobs)(delayed(_fit_binary)(x, y[:, j], c, balanced) for j in range(y.shape[1])))
    return stack_linear(ests, x.shape[1])


def fit_platt(raw: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Per-label Platt parameters (a, b) fitted on out-of-fold raw scores."""
    eps = 1e-6
    params = np.tile(np.array([1.0, 0.0]), (raw.shape[1], 1))
    for j in range(raw.shape[1]):
        if 0 < y[:, j].sum() < len(y):
            z = np.log(np.clip(raw[:, j], eps, 1 - eps) / np.clip(1 - raw[:, j], eps, 1 - eps))
            lr = LogisticRegression(C=100.0, solver="lbfgs").fit(z[:, None], y[:, j])
            params[j] = (lr.coef_[0, 0], lr.intercept_[0])
    return params


def best_threshold(scores: np.ndarray, y: np.ndarray, grid: np.ndarray | None = None) -> float:
    """The threshold maximising F1 of ``scores >= t`` against ``y`` (0.5 without positives)."""
    grid = np.linspace(0.05, 0.9, 35) if grid is None else grid
    if y.sum() == 0:
        return 0.5
    best, best_f1 = 0.5, -1.0
    for t in grid:
        pred = scores >= t
        tp = float((pred & (y == 1)).sum())
        f1 = 2 * tp / max(1.0, pred.sum() + y.sum())
        if f1 > best_f1 + 1e-9:
            best, best_f1 = float(t), f1
    return best


def micro_threshold(scores: np.ndarray, y: np.ndarray) -> float:
    """One global threshold maximising micro-F1 over all labels."""
    return best_threshold(scores.ravel(), y.ravel())


def oof(n: int, groups: np.ndarray, folds: int, fit_predict: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> np.ndarray:
    """Out-of-fold predictions: ``fit_predict(train_idx, test_idx)`` per fold by group."""
    out: np.ndarray | None = None
    k = min(folds, len(np.unique(groups)))
    for train_idx, test_idx in GroupKFold(n_splits=k, shuffle=True, random_state=SEED).split(np.zeros(n), groups=groups):
        pred = fit_predict(train_idx, test_idx)
        if out is None:
            out = np.zeros((n, pred.shape[1]))
        out[test_idx] = pred
    assert out is not None
    return out


# --- genre -----------------------------------------------------------------


def multinomial_arrays(clf: Any, n_labels: int) -> dict[str, np.ndarray]:
    """``coef`` (features, n_labels) and ``intercept`` of a multinomial logistic
    regression whose classes are label indices (a class never seen scores -30)."""
    coef = np.zeros((clf.coef_.shape[1], n_labels), dtype=np.float32)
    intercept = np.full(n_labels, -30.0)
    if clf.coef_.shape[0] == 1:  # two classes: one score for the second, 0 for the first
        first, second = (int(c) for c in clf.classes_)
        coef[:, second], intercept[second], intercept[first] = clf.coef_[0], clf.intercept_[0], 0.0
        return {"coef": coef, "intercept": intercept}
    for row, cls in enumerate(clf.classes_):
        coef[:, int(cls)] = clf.coef_[row]
        intercept[int(cls)] = clf.intercept_[row]
    return {"coef": coef, "intercept": intercept}

GENRES = GENRE_LABELS


def fit_genre(feats: DocFeatures, labels: list[str], weights: np.ndarray | None = None, c: float = 1.0) -> dict[str, Any]:
    """Multinomial LR on [USE embedding, style features], balanced class weights."""
    scaler = StandardScaler().fit(feats.style)
    head: dict[str, Any] = {"labels": list(GENRES), "style_mean": scaler.mean_, "style_scale": scaler.scale_,
                            "emb_weight": 4.0}
    x = genre_matrix(head, feats)
    y = np.array([GENRES.index(g) for g in labels])
    counts = np.bincount(y, minlength=len(GENRES)).astype(float)
    class_w = len(y) / (len(GENRES) * np.maximum(counts, 1))
    sample_w = class_w[y] * (weights if weights is not None else 1.0)
    clf = LogisticRegression(C=c, max_iter=2000, random_state=SEED)
    clf.fit(x, y, sample_weight=sample_w)
    head.update(multinomial_arrays(clf, len(GENRES)))
    # balanced weights already act as a uniform prior; ``prior`` re-weights at run time
    head["prior"] = np.ones(len(GENRES))
    return head


# --- frames ----------------------------------------------------------------


def _frames_vectorizer(texts: list[str], quick: bool) -> TfidfVectorizer:
    return TfidfVectorizer(
        ngram_range=(1, 2), min_df=2, max_features=5000 if quick else 20000, sublinear_tf=True, lowercase=True
    ).fit(texts)


def fit_frames(feats: DocFeatures, y: np.ndarray, labels: list[str], groups: np.ndarray, *, folds: int = 5,
               quick: bool = False, c: float = 4.0) -> dict[str, Any]:
    """OvR LR on [TF-IDF words, USE embedding]; a global threshold and per-label
    Platt maps fitted on out-of-fold scores."""

    def build(idx: np.ndarray) -> dict[str, Any]:
        sub = DocFeatures([feats.texts[i] for i in idx], feats.embeddings[idx], feats.style[idx])
        head: dict[str, Any] = {"labels": list(labels), "tfidf": _frames_vectorizer(sub.texts, quick), "emb_weight": 2.0}
        head.update(fit_ovr(frames_matrix(head, sub), y[idx], c, balanced=True))
        return head

    def fit_predict(train_idx: np.ndarray, test_idx: np.ndarray) -> np.ndarray:
        head = build(train_idx)
        sub = DocFeatures([feats.texts[i] for i in test_idx], feats.embeddings[test_idx], feats.style[test_idx])
        return linear_proba(head, frames_matrix(head, sub))

    raw = oof(len(y), groups, folds, fit_predict)
    head = build(np.arange(len(y)))
    head["platt"] = fit_platt(raw, y)
    head["threshold"] = micro_threshold(platt(raw, head["platt"]), y)
    return head


# --- techniques ------------------------------------------------------------


def _unit_vectorizers(texts: list[str], quick: bool) -> tuple[TfidfVectorizer, TfidfVectorizer]:
    word = TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=3000 if quick else 40000, sublinear_tf=True).fit(texts)
    char = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(2, 5), min_df=3, max_features=3000 if quick else 40000, sublinear_tf=True
    ).fit(texts)
    return word, char


def subset_units(units: Units, idx: np.ndarray) -> Units:
    return Units(
        article=[units.article[i] for i in idx],
        paragraph=[units.paragraph[i] for i in idx],
        start=[units.start[i] for i in idx],
        end=[units.end[i] for i in idx],
        text=[units.text[i] for i in idx],
        repetition=units.repetition[idx],
    )


def _fit_unit_head(units: Units, y: np.ndarray, labels: list[str], quick: bool, c: float,
                   valence: dict[str, float] | None = None, balanced: bool = True) -> dict[str, Any]:
    word, char = _unit_vectorizers(units.text, quick)
    head: dict[str, Any] = {"labels": list(labels), "word": word, "char": char}
    if valence:
        head["valence"] = valence
    head.update(fit_ovr(unit_matrix(head, units), y, c, balanced=balanced))
    return head


def _covered(a: int, b: int, spans: list[tuple[int, int]]) -> int:
    """Characters of [a, b) covered by the union of ``spans``."""
    mask = np.zeros(max(0, b - a), dtype=bool)
    for s, e in spans:
        if s < b and a < e:
            mask[max(s, a) - a : min(e, b) - a] = True
    return int(mask.sum())


def fit_span_modes(units: Units, y: np.ndarray, selected: np.ndarray, unit_spans: list[list[tuple[int, int, int]]],
                   candidates: dict[tuple[int, int], list[tuple[int, int]]], n_labels: int,
                   scores: dict[int, float] | None = None) -> list[tuple[str, float]]:
    """Per label, the span mode with the best partial-overlap span F1 on out-of-fold
    predictions: ``selected`` (n_units, L) marks the units a label would be predicted on;
    only those holding the label's gold spans earn credit (the others earn none under
    any mode, but count as predictions). ``scores`` receives each label's best F1."""
    modes: list[tuple[str, float]] = []
    for j in range(n_labels):
        n_pred = int(selected[:, j].sum())
        gold_ids = {(units.article[u], s, e) for u in range(len(y)) for lab, s, e in unit_spans[u] if lab == j}
        best, best_f1 = 0, -1.0
        if n_pred and gold_ids:
            p_credit = np.zeros(len(SPAN_MODES))
            r_credit = np.zeros(len(SPAN_MODES))
            for u in map(int, np.flatnonzero(selected[:, j] & (y[:, j] == 1))):
                gold = [(s, e) for lab, s, e in unit_spans[u] if lab == j]
                if (u, j) not in candidates or not gold:
                    continue
                for k, (a, b) in enumerate(candidates[(u, j)]):
                    p_credit[k] += _covered(a, b, gold) / max(1, b - a)
                    r_credit[k] += sum(_covered(s, e, [(a, b)]) / max(1, e - s) for s, e in gold)
            p, r = p_credit / n_pred, r_credit / len(gold_ids)
            f1 = np.where(p + r > 0, 2 * p * r / np.maximum(p + r, 1e-12), 0.0)
            for k in range(len(SPAN_MODES)):
                if f1[k] > best_f1 + 1e-9:
                    best, best_f1 = k, float(f1[k])
        modes.append(SPAN_MODES[best])
        if scores is not None:
            scores[j] = max(best_f1, 0.0)
    return modes


def fit_techniques(units: Units, y: np.ndarray, groups: np.ndarray, labels: list[str], *, folds: int = 3,
                   quick: bool = False, c: float = 0.5,
                   unit_spans: list[list[tuple[int, int, int]]] | None = None, lexicon: bool = True,
                   balanced: bool = True) -> dict[str, Any]:
    """Unit-level OvR LR; out-of-fold unit scores give per-label Platt maps (units and
    max-pooled paragraphs), per-label paragraph and span thresholds and, when gold
    spans are given, per-label span modes (how tightly a unit is cut to its words).
    With ``lexicon`` (English), units and words also get the VADER word valences
    (:mod:`spinscope.analyze.persuasion.lexicon`)."""
    valence = vader_valence() if lexicon else None
    candidates: dict[tuple[int, int], list[tuple[int, int]]] = {}
    modes = list(SPAN_MODES)

    def fit_predict(train_idx: np.ndarray, test_idx: np.ndarray) -> np.ndarray:
        head = _fit_unit_head(subset_units(units, train_idx), y[train_idx], labels, quick, c, valence, balanced)
        if unit_spans is not None:
            coef = label_coefficients(head)
            for u in test_idx:
                positive = [int(j) for j in np.flatnonzero(y[u])]
                if positive:
                    start = units.start[u]
                    for j, offsets in tight_spans(head, units.text[u], positive, coef, modes).items():
                        candidates[(int(u), j)] = [(start + a, start + b) for a, b in offsets]
        return linear_proba(head, unit_matrix(head, subset_units(units, test_idx)))

    raw = oof(len(y), groups, folds, fit_predict)
    keys, pooled = pool_paragraphs(units, raw)
    row = {k: i for i, k in enumerate(keys)}
    para_y = np.zeros_like(pooled, dtype=np.int8)
    for i, (a, p) in enumerate(zip(units.article, units.paragraph, strict=True)):
        para_y[row[(a, p)]] |= y[i]
    head = _fit_unit_head(units, y, labels, quick, c, valence, balanced)
    head["unit_platt"] = fit_platt(raw, y)
    head["para_platt"] = fit_platt(pooled, para_y)
    para_cal = platt(pooled, head["para_platt"])
    unit_cal = platt(raw, head["unit_platt"])
    head["para_thresholds"] = np.array([best_threshold(para_cal[:, j], para_y[:, j]) for j in range(len(labels))])
    head["unit_thresholds"] = np.array([best_threshold(unit_cal[:, j], y[:, j]) for j in range(len(labels))])
    if unit_spans is not None:
        selected = unit_cal >= head["unit_thresholds"]
        cut_f1: dict[int, float] = {}
        head["span_modes"] = fit_span_modes(units, y, selected, unit_spans, candidates, len(labels), cut_f1)
        head["cut_min"] = CUT_MIN
        chosen = para_cal >= head["para_thresholds"]
        unit_chosen = chosen[[row[key] for key in zip(units.article, units.paragraph, strict=True)]]
        head.update(fit_word_spans(units, unit_spans, groups, unit_cal, unit_chosen, cut_f1, folds,
                                   valence=valence))
    return head
