"""The two-stage genre head's fitting (see :mod:`..analyze.persuasion.genre`):
a reporting-vs-opinion regression on the non-satire articles, a satire-vs-rest
regression on all of them, and the satire bar chosen on out-of-fold scores.

Arrays only (design rows, gold label indices 0 opinion / 1 reporting / 2 satire,
body word counts); the protocol loops live in :mod:`.genre`.
"""

from __future__ import annotations

import numpy as np

from ..analyze.persuasion.genre import choose

NEVER = -30.0  # intercept of a genre absent from the training rows: never predicted
BAR_GRID = tuple(round(float(t), 2) for t in np.arange(0.04, 0.991, 0.02))


def _binary(x: np.ndarray, target: np.ndarray, c: float, balance: float, seed: int) -> tuple[np.ndarray, float]:
    """Weights and intercept of a class-weighted binary logistic regression; a
    target with one class gives zero weights and a saturated intercept."""
    from sklearn.linear_model import LogisticRegression

    if len(set(target.tolist())) < 2:
        return np.zeros(x.shape[1]), (-NEVER if target.size and target[0] == 1 else NEVER)
    counts = np.bincount(target, minlength=2).astype(np.float64)
    class_w = (len(target) / (2 * np.maximum(counts, 1.0))) ** balance
    clf = LogisticRegression(C=c, max_iter=3000, random_state=seed).fit(x, target, sample_weight=class_w[target])
    return clf.coef_[0].copy(), float(clf.intercept_[0])


def fit_two_stage(x: np.ndarray, y: np.ndarray, c: float, c_satire: float, balance: float, seed: int,
                  balance_satire: float = 1.0, scales: tuple[np.ndarray, np.ndarray] | None = None
                  ) -> tuple[np.ndarray, np.ndarray]:
    """``coef`` (n_in, 3) and ``intercept`` (3,) of a two-stage head: column 1 the
    reporting-vs-opinion regression fitted on the rows that are not satire, column
    2 the satire-vs-rest regression fitted on every row, column 0 unused (zeros).
    ``scales``: per-input factors of each stage (0 drops an input from that stage,
    0.5 halves the embedding's weight); the weights map back to the unscaled input."""
    ones = np.ones(x.shape[1])
    s1, s2 = scales if scales is not None else (ones, ones)
    coef = np.zeros((x.shape[1], 3))
    intercept = np.zeros(3)
    news = y != 2
    if news.any():
        coef[:, 1], intercept[1] = _binary(x[news] * s1, (y[news] == 1).astype(np.int64), c, balance, seed)
        coef[:, 1] *= s1
    else:
        intercept[1] = NEVER
    coef[:, 2], intercept[2] = _binary(x * s2, (y == 2).astype(np.int64), c_satire, balance_satire, seed)
    coef[:, 2] *= s2
    return coef, intercept


def stage_scales(features: tuple[str, ...], stage1: tuple[str, ...], satire: tuple[str, ...], emb_weight: float,
                 satire_emb_weight: float, emb_dim: int = 512) -> tuple[np.ndarray, np.ndarray]:
    """The ``scales`` of :func:`fit_two_stage` for a head whose inputs are ``features``
    (then the embedding at ``emb_weight``, when non-zero): stage 1 reads ``stage1``,
    the satire stage ``satire`` and its embedding (``emb_dim`` wide) at ``satire_emb_weight``."""
    n_emb = emb_dim if emb_weight else 0
    s1 = np.concatenate([[1.0 if f in stage1 else 0.0 for f in features], np.ones(n_emb)])
    s2 = np.concatenate([[1.0 if f in satire else 0.0 for f in features],
                         np.full(n_emb, satire_emb_weight / emb_weight if emb_weight else 0.0)])
    return s1, s2


def fit_satire_bar(probs: np.ndarray, y: np.ndarray, words: np.ndarray, min_words: int,
                   labels: tuple[str, ...], default: float) -> float:
    """The satire bar of :data:`BAR_GRID` that maximises macro-F1 over ``labels`` on
    out-of-fold score rows (the first, lowest, of equal ones); ``default`` when no
    row is satire."""
    if not np.any(y == labels.index("satire")):
        return default
    best, bar = -1.0, default
    for t in BAR_GRID:
        f1 = macro_f1(y, choose(labels, probs, t, words, min_words), len(labels))[0]
        if f1 > best + 1e-9:
            best, bar = f1, t
    return bar


def macro_f1(gold: np.ndarray, pred: np.ndarray, n_labels: int = 3) -> tuple[float, list[float]]:
    """Macro-F1 over every label (a label never gold nor predicted scores 0) and per-label F1."""
    per = []
    for j in range(n_labels):
        tp = float(np.sum((pred == j) & (gold == j)))
        denom = float(np.sum(pred == j) + np.sum(gold == j))
        per.append(2 * tp / denom if denom else 0.0)
    return float(np.mean(per)), per
