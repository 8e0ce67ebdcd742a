"""Fit the word-level span model of the techniques head (see
:mod:`spinscope.analyze.persuasion.wordspans`).

One logistic regression per technique with at least ``MIN_WORDS`` words inside
gold spans, over every word of every training unit. Its decoding (a threshold per
technique on the geometric mean of word and unit probabilities, a gap, the fallback)
is chosen on out-of-fold predictions of both the word model and the unit head,
gated by the out-of-fold paragraph decisions exactly as at inference, maximising the
partial-overlap span micro-F1 of the training articles (:mod:`.span_decoding`).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import scipy.sparse as sp
from joblib import Parallel, delayed
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from ..analyze.persuasion.features import Units
from ..analyze.persuasion.wordspans import (
    WordModel,
    article_counts,
    feature_matrix,
    word_features,
    word_offsets,
)
from ..analyze.persuasion.wordvectors import WordVectors
from ..errors import ModelError
from .span_decoding import choose_decoding, choose_promotion

SEED = 13
MIN_WORDS = 30
MIN_FEATURE_COUNT = 2
C = 0.3


VECTOR_DIM = 32
KEEP_GAIN = 1.1  # the word model must beat the linear cut's out-of-fold span F1 by 10% (and 0.01) to replace it


def minilm_vectors(dim: int = VECTOR_DIM) -> dict[str, Any] | None:
    """``tok_pieces``, ``tok_table`` (PCA of all-MiniLM-L6-v2's input embeddings, float16)
    and ``tok_vector_scale``; None without the ``train`` extra's MiniLM package."""
    try:
        from safetensors.numpy import load_file

        from .multitask import minilm_path

        folder = minilm_path()
        table = load_file(str(folder / "model.safetensors"))["embeddings.word_embeddings.weight"]
        pieces = (folder / "vocab.txt").read_text(encoding="utf-8").splitlines()
    except (ImportError, OSError, KeyError, ModelError):
        return None
    from sklearn.decomposition import PCA

    reduced = PCA(n_components=dim, svd_solver="full").fit_transform(table.astype(np.float64))
    return {"tok_pieces": pieces[: len(reduced)], "tok_table": reduced.astype(np.float16),
            "tok_vector_scale": float(1.0 / reduced.std())}


def unit_words(units: Units, unit_spans: list[list[tuple[int, int, int]]], n_labels: int,
               vectors: WordVectors | None = None, valence: dict[str, float] | None = None) -> tuple[list[list[str]], np.ndarray, np.ndarray, np.ndarray | None]:
    """(feature names per word, gold (n_words, L), unit index per word, vector features
    or None) of all units."""
    members: dict[int, list[int]] = {}
    for i, a in enumerate(units.article):
        members.setdefault(a, []).append(i)
    counts = {a: article_counts([units.text[i] for i in ms]) for a, ms in members.items()}
    feats: list[list[str]] = []
    gold_rows: list[np.ndarray] = []
    owner: list[int] = []
    dense: list[np.ndarray] = []
    for m, text in enumerate(units.text):
        toks = word_offsets(text)
        base = units.start[m]
        gold = np.zeros((len(toks), n_labels), dtype=bool)
        for j, s, e in unit_spans[m]:
            for t, (ts, te) in enumerate(toks):
                if base + ts < e and s < base + te:
                    gold[t, j] = True
        feats += word_features(text, toks, counts[units.article[m]], valence)
        if vectors is not None and toks:
            dense.append(vectors.context([text[s:e].lower() for s, e in toks]))
        gold_rows.append(gold)
        owner += [m] * len(toks)
    gold_all = np.vstack(gold_rows) if gold_rows else np.zeros((0, n_labels), dtype=bool)
    stacked = np.vstack(dense) if vectors is not None and dense else None
    return feats, gold_all, np.asarray(owner, dtype=np.int64), stacked


def _fit_one(x: Any, y: np.ndarray) -> tuple[np.ndarray, float]:
    if y.min() == y.max():  # a fold without (or with only) the label's words: a constant answer
        return np.zeros(x.shape[1], np.float32), 10.0 if y[0] else -10.0
    clf = LogisticRegression(solver="liblinear", C=C, max_iter=500, random_state=SEED).fit(x, y)
    return clf.coef_[0].astype(np.float32), float(clf.intercept_[0])


def fit_word_heads(x: Any, gold: np.ndarray, labels: list[int], n_jobs: int = 2) -> tuple[np.ndarray, np.ndarray]:
    fitted = Parallel(n_jobs=n_jobs)(delayed(_fit_one)(x, gold[:, j].astype(np.int8)) for j in labels)
    coef = np.column_stack([c for c, _ in fitted]) if fitted else np.zeros((x.shape[1], 0), np.float32)
    return coef, np.array([b for _, b in fitted], dtype=np.float32)


def _oof_word_probs(x: Any, gold: np.ndarray, groups: np.ndarray, labels: list[int], folds: int) -> np.ndarray:
    out = np.zeros((x.shape[0], len(labels)))
    k = min(folds, len(np.unique(groups)))
    for train, test in GroupKFold(n_splits=k, shuffle=True, random_state=SEED).split(np.zeros(len(groups)), groups=groups):
        coef, b = fit_word_heads(x[train], gold[train], labels)
        out[test] = 1.0 / (1.0 + np.exp(-np.clip(x[test] @ coef + b, -30, 30)))
    return out


def _bar(cut: float) -> float:
    """The out-of-fold span F1 the word model needs to replace a cut scoring ``cut``:
    a thin win on the training folds does not survive the shift (flag-waving won by
    0.013 on all English articles and marked "American" wherever the paragraph was chosen)."""
    return max(cut * KEEP_GAIN, cut + 0.01)


def fit_word_spans(units: Units, unit_spans: list[list[tuple[int, int, int]]], groups: np.ndarray,
                   unit_cal: np.ndarray, chosen: np.ndarray, cut_f1: dict[int, float], folds: int = 3,
                   use_vectors: bool = True, valence: dict[str, float] | None = None,
                   promote_words: bool = True) -> dict[str, Any]:
    """The ``tok_*`` entries of the techniques head. ``unit_cal``: out-of-fold calibrated
    unit probabilities; ``chosen``: (n_units, L) out-of-fold paragraph decisions;
    ``cut_f1``: each label's out-of-fold span F1 with the linear cut. The word model keeps
    the labels where its own out-of-fold span F1 is clearly higher (:func:`_bar`). With ``use_vectors`` (and the
    ``train`` extra installed) words also get static vectors (:mod:`...wordvectors`)."""
    n_labels = chosen.shape[1]
    table = minilm_vectors() if use_vectors else None
    vectors = WordVectors(table["tok_pieces"], table["tok_table"], table["tok_vector_scale"]) if table else None
    feats, gold, owner, dense = unit_words(units, unit_spans, n_labels, vectors, valence)
    counts = Counter(f for names in feats for f in names)
    vocab = sorted(f for f, c in counts.items() if c >= MIN_FEATURE_COUNT)
    x = feature_matrix(feats, {f: i for i, f in enumerate(vocab)})
    if dense is not None:
        x = sp.hstack([x, sp.csr_matrix(dense.astype(np.float32))], format="csr")
    labels = [j for j in range(n_labels) if gold[:, j].sum() >= MIN_WORDS]
    probs = _oof_word_probs(x, gold, np.asarray(groups)[owner], labels, folds)
    words: dict[int, tuple[list[tuple[int, int]], np.ndarray]] = {}
    rows = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]]) if len(owner) else np.zeros(0, np.int64)
    for start, end in zip(rows, np.r_[rows[1:], len(owner)], strict=True):
        m = int(owner[start])
        words[m] = (word_offsets(units.text[m]), probs[start:end])
    for m in range(len(units.text)):
        words.setdefault(m, ([], np.zeros((0, len(labels)))))
    thresholds, gap, fallback, f1, per_label = choose_decoding(units, unit_spans, unit_cal, chosen, labels, words)
    keep = [c for c, j in enumerate(labels) if per_label[j] >= _bar(cut_f1.get(j, 0.0))]
    labels, thresholds = [labels[c] for c in keep], thresholds[keep]
    kept = {m: (toks, p[:, keep]) for m, (toks, p) in words.items()}
    model = WordModel({}, np.zeros((0, len(labels))), np.zeros(len(labels)), labels, thresholds, gap, fallback)
    promote = choose_promotion(units, unit_spans, unit_cal, chosen, model, kept) if promote_words else None
    coef, intercept = fit_word_heads(x, gold, labels)
    oof = {"word": {j: round(per_label[j], 4) for j in labels}, "cut": {j: round(cut_f1.get(j, 0.0), 4) for j in labels}}
    return {"tok_features": vocab, "tok_coef": coef, "tok_intercept": intercept, "tok_labels": labels,
            "tok_thresholds": thresholds, "tok_rule": {"gap": gap, "fallback": fallback, "oof_span_f1": f1, "oof": oof},
            **({"tok_promote": promote} if promote is not None else {}), **(table or {})}
