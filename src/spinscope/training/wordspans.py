"""Fit the word-level span model of the techniques head (see
:mod:`spinscope.analyze.persuasion.wordspans`).

One logistic regression per technique with at least ``MIN_WORDS`` words inside
gold spans, over every word of every training unit. Its decoding (a threshold per
technique on the geometric mean of word and unit probabilities, a gap, the fallback)
is chosen on out-of-fold predictions of both the word model and the unit head,
gated by the out-of-fold paragraph decisions exactly as at inference, maximising the
partial-overlap span micro-F1 of the training articles.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable
from functools import partial
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
    place_spans,
    word_features,
    word_offsets,
)
from ..analyze.persuasion.wordvectors import WordVectors
from ..errors import ModelError

SEED = 13
MIN_WORDS = 30
MIN_FEATURE_COUNT = 2
C = 0.3
THRESHOLDS = (0.04, 0.06, 0.08, 0.1, 0.12, 0.15, 0.18, 0.22, 0.27, 0.33, 0.4, 0.5)
GAPS = (0, 1)


VECTOR_DIM = 32


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
               vectors: WordVectors | None = None) -> tuple[list[list[str]], np.ndarray, np.ndarray, np.ndarray | None]:
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
        feats += word_features(text, toks, counts[units.article[m]])
        if vectors is not None and toks:
            dense.append(vectors.context([text[s:e].lower() for s, e in toks]))
        gold_rows.append(gold)
        owner += [m] * len(toks)
    gold_all = np.vstack(gold_rows) if gold_rows else np.zeros((0, n_labels), dtype=bool)
    stacked = np.vstack(dense) if vectors is not None and dense else None
    return feats, gold_all, np.asarray(owner, dtype=np.int64), stacked


def _fit_one(x: Any, y: np.ndarray) -> tuple[np.ndarray, float]:
    clf = LogisticRegression(solver="liblinear", C=C, max_iter=500, random_state=SEED).fit(x, y)
    return clf.coef_[0].astype(np.float32), float(clf.intercept_[0])


def fit_word_heads(x: Any, gold: np.ndarray, labels: list[int], n_jobs: int = 2) -> tuple[np.ndarray, np.ndarray]:
    fitted = Parallel(n_jobs=n_jobs)(delayed(_fit_one)(x, gold[:, j].astype(np.int8)) for j in labels)
    coef = np.column_stack([c for c, _ in fitted]) if fitted else np.zeros((x.shape[1], 0), np.float32)
    return coef, np.array([b for _, b in fitted], dtype=np.float32)


class SpanCredit:
    """Partial-overlap span credit of predicted spans against gold, per label
    (the metric of :func:`spinscope.evaluation.span_scores`, on masks)."""

    def __init__(self, units: Units, unit_spans: list[list[tuple[int, int, int]]]) -> None:
        self.length: dict[int, int] = {}
        for a, e in zip(units.article, units.end, strict=True):
            self.length[a] = max(self.length.get(a, 0), e)
        self.gold: dict[tuple[int, int], set[tuple[int, int]]] = {}
        for m, spans in enumerate(unit_spans):
            for j, s, e in spans:
                self.gold.setdefault((units.article[m], j), set()).add((s, e))
                self.length[units.article[m]] = max(self.length[units.article[m]], e)
        self.n_gold = Counter(j for (_, j), spans in self.gold.items() for _ in spans)

    def _mask(self, a: int, spans: Any) -> np.ndarray:
        mask = np.zeros(self.length[a] + 1, dtype=bool)
        for s, e in spans:
            mask[s:e] = True
        return mask

    def score(self, pred: dict[tuple[int, int], list[tuple[int, int]]]) -> dict[int, tuple[float, int, float]]:
        """Per label: (precision credit, predicted spans, recall credit)."""
        out: dict[int, list[float]] = {}
        for (a, j), spans in pred.items():
            gold = self._mask(a, self.gold.get((a, j), ()))
            row = out.setdefault(j, [0.0, 0, 0.0])
            row[0] += sum(float(gold[s:e].mean()) for s, e in spans if e > s)
            row[1] += len(spans)
        for (a, j), gspans in self.gold.items():
            mask = self._mask(a, pred.get((a, j), ()))
            out.setdefault(j, [0.0, 0, 0.0])[2] += sum(float(mask[s:e].mean()) for s, e in gspans if e > s)
        return {j: (r[0], int(r[1]), r[2]) for j, r in out.items()}


def _label_f1(stats: tuple[float, int, float], n_gold: int) -> float:
    p = stats[0] / stats[1] if stats[1] else 0.0
    r = stats[2] / n_gold if n_gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def micro_f1(stats: dict[int, tuple[float, int, float]], n_gold: int) -> float:
    pc = sum(s[0] for s in stats.values())
    npred = sum(s[1] for s in stats.values())
    rc = sum(s[2] for s in stats.values())
    p, r = (pc / npred if npred else 0.0), (rc / n_gold if n_gold else 0.0)
    return 2 * p * r / (p + r) if p + r else 0.0


def _groups(units: Units, chosen: np.ndarray, labels: list[int]) -> dict[int, list[list[int]]]:
    """Label -> the unit groups (paragraphs) whose paragraph decision chose it."""
    paras: dict[tuple[int, int], list[int]] = {}
    for m, key in enumerate(zip(units.article, units.paragraph, strict=True)):
        paras.setdefault(key, []).append(m)
    return {j: [ms for ms in paras.values() if chosen[ms[0], j]] for j in labels}


def _oof_word_probs(x: Any, gold: np.ndarray, groups: np.ndarray, labels: list[int], folds: int) -> np.ndarray:
    out = np.zeros((x.shape[0], len(labels)))
    k = min(folds, len(np.unique(groups)))
    for train, test in GroupKFold(n_splits=k, shuffle=True, random_state=SEED).split(np.zeros(len(groups)), groups=groups):
        coef, b = fit_word_heads(x[train], gold[train], labels)
        out[test] = 1.0 / (1.0 + np.exp(-np.clip(x[test] @ coef + b, -30, 30)))
    return out


EMPTY = (0.0, 0, 0.0)


def _ascend(table: dict[float, dict[int, tuple[float, int, float]]], labels: list[int], n_gold: int) -> dict[int, float]:
    """Each label's threshold by coordinate ascent on the micro-F1 (two passes), from
    each label's own best."""
    def f1(pick: dict[int, float]) -> float:
        return micro_f1({i: table[pick[i]].get(i, EMPTY) for i in labels}, n_gold)

    def alone(j: int, t: float) -> float:
        return micro_f1({j: table[t].get(j, EMPTY)}, n_gold)

    pick = {j: _plateau_middle(partial(alone, j)) for j in labels}
    for _ in range(2):
        for j in labels:
            pick[j] = _plateau_middle(lambda t: f1({**pick, j: t}))  # noqa: B023 (used at once)
    return pick


def _plateau_middle(score: Callable[[float], float]) -> float:
    """The threshold with the best score; on a tie, the middle of the tied ones."""
    values = [score(t) for t in THRESHOLDS]
    top = max(values)
    tied = [t for t, v in zip(THRESHOLDS, values, strict=True) if v >= top - 1e-9]
    return tied[len(tied) // 2]


def choose_decoding(units: Units, unit_spans: list[list[tuple[int, int, int]]], unit_cal: np.ndarray,
                    chosen: np.ndarray, labels: list[int], words: dict[int, tuple[list[tuple[int, int]], np.ndarray]]
                    ) -> tuple[np.ndarray, int, bool, float, dict[int, float]]:
    """(threshold per covered label, gap, fallback, span micro-F1, F1 per label) maximising the span
    micro-F1 of out-of-fold decisions: for every gap and fallback, one global threshold,
    then each label's own threshold by coordinate ascent (two passes)."""
    credit = SpanCredit(units, unit_spans)
    n_gold = sum(credit.n_gold.values())
    groups = _groups(units, chosen, labels)
    best: tuple[float, np.ndarray, int, bool] = (-1.0, np.zeros(len(labels)), 1, True)
    per_label: dict[int, float] = {}
    for gap, fallback in itertools.product(GAPS, (False, True)):  # ties: no fallback
        table: dict[float, dict[int, tuple[float, int, float]]] = {}
        for t in THRESHOLDS:
            model = WordModel({}, np.zeros((0, len(labels))), np.zeros(len(labels)), labels,
                              np.full(len(labels), t), gap, fallback)
            pred: dict[tuple[int, int], list[tuple[int, int]]] = {}
            for m, j, s, e in place_spans(model, units.text, unit_cal, groups, words):
                pred.setdefault((units.article[m], j), []).append((units.start[m] + s, units.start[m] + e))
            table[t] = credit.score(pred)
        pick = _ascend(table, labels, n_gold)
        f1 = micro_f1({i: table[pick[i]].get(i, EMPTY) for i in labels}, n_gold)
        if f1 > best[0] + 1e-9:
            best = (f1, np.array([pick[j] for j in labels]), gap, fallback)
            per_label = {j: _label_f1(table[pick[j]].get(j, EMPTY), credit.n_gold.get(j, 0)) for j in labels}
    return best[1], best[2], best[3], best[0], per_label


def fit_word_spans(units: Units, unit_spans: list[list[tuple[int, int, int]]], groups: np.ndarray,
                   unit_cal: np.ndarray, chosen: np.ndarray, cut_f1: dict[int, float], folds: int = 3,
                   use_vectors: bool = True) -> dict[str, Any]:
    """The ``tok_*`` entries of the techniques head. ``unit_cal``: out-of-fold calibrated
    unit probabilities; ``chosen``: (n_units, L) out-of-fold paragraph decisions;
    ``cut_f1``: each label's out-of-fold span F1 with the linear cut. The word model keeps
    the labels where its own out-of-fold span F1 is higher. With ``use_vectors`` (and the
    ``train`` extra installed) words also get static vectors (:mod:`...wordvectors`)."""
    n_labels = chosen.shape[1]
    table = minilm_vectors() if use_vectors else None
    vectors = WordVectors(table["tok_pieces"], table["tok_table"], table["tok_vector_scale"]) if table else None
    feats, gold, owner, dense = unit_words(units, unit_spans, n_labels, vectors)
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
    keep = [c for c, j in enumerate(labels) if per_label[j] > cut_f1.get(j, 0.0)]
    labels, thresholds = [labels[c] for c in keep], thresholds[keep]
    coef, intercept = fit_word_heads(x, gold, labels)
    oof = {"word": {j: round(per_label[j], 4) for j in labels}, "cut": {j: round(cut_f1.get(j, 0.0), 4) for j in labels}}
    return {"tok_features": vocab, "tok_coef": coef, "tok_intercept": intercept, "tok_labels": labels,
            "tok_thresholds": thresholds, "tok_rule": {"gap": gap, "fallback": fallback, "oof_span_f1": f1, "oof": oof},
            **(table or {})}
