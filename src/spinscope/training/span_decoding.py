"""Decoding of the word-level span model, chosen out-of-fold: the span credit (the
partial-overlap metric of :func:`spinscope.evaluation.span_scores` on masks), each covered
technique's threshold, the gap and the fallback (:func:`choose_decoding`), and the promotion
bars (:func:`choose_promotion`). Used by :mod:`.wordspans`."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np

from ..analyze.persuasion.features import Units
from ..analyze.persuasion.wordspans import WordModel, place_spans, promoted

THRESHOLDS = (0.04, 0.06, 0.08, 0.1, 0.12, 0.15, 0.18, 0.22, 0.27, 0.33, 0.4, 0.5)
GAPS = (0, 1)
PROMOTE_BARS = (0.25, 0.3, 0.35, 0.4, 0.5, 0.6)
PROMOTE_PRECISION = 0.4  # promoted paragraphs must hold the technique this often out of fold


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


Words = dict[int, tuple[list[tuple[int, int]], np.ndarray]]


def _place(model: WordModel, units: Units, unit_cal: np.ndarray, groups: dict[int, list[list[int]]],
           words: Words) -> dict[tuple[int, int], list[tuple[int, int]]]:
    pred: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for m, j, s, e in place_spans(model, units.text, unit_cal, groups, words):
        pred.setdefault((units.article[m], j), []).append((units.start[m] + s, units.start[m] + e))
    return pred


def choose_promotion(units: Units, unit_spans: list[list[tuple[int, int, int]]], unit_cal: np.ndarray,
                     chosen: np.ndarray, model: WordModel, words: Words) -> np.ndarray:
    """Per covered label, the promotion bar (:func:`...wordspans.promoted`; ``inf``: none)
    that most raises the out-of-fold span micro-F1, among bars whose promoted paragraphs
    hold the label at least ``PROMOTE_PRECISION`` of the time (so paragraph F1 gains too)."""
    labels = model.labels
    credit = SpanCredit(units, unit_spans)
    n_gold = sum(credit.n_gold.values())
    base = _place(model, units, unit_cal, _groups(units, chosen, labels), words)
    unchosen = _groups(units, ~chosen, labels)
    table: dict[float, dict[int, tuple[float, int, float]]] = {np.inf: credit.score(base)}
    allowed: dict[float, set[int]] = {np.inf: set(labels)}
    for bar in PROMOTE_BARS:
        extra = promoted(model, unit_cal, unchosen, words, np.full(len(labels), bar))
        pred = {k: list(v) for k, v in base.items()}
        for key, spans in _place(model, units, unit_cal, extra, words).items():
            pred.setdefault(key, []).extend(spans)
        table[bar] = credit.score(pred)
        allowed[bar] = {j for j, groups in extra.items()
                        if np.mean([any(lab == j for g in group for lab, _, _ in unit_spans[g]) for group in groups])
                        >= PROMOTE_PRECISION}
    pick = {j: np.inf for j in labels}
    for _ in range(2):
        for j in labels:
            def f1(bar: float, j: int = j) -> float:
                return micro_f1({i: table[bar if i == j else pick[i]].get(i, EMPTY) for i in labels}, n_gold)

            best = f1(np.inf)
            pick[j] = np.inf
            for bar in PROMOTE_BARS:
                if j in allowed[bar] and f1(bar) > best + 1e-9:
                    best, pick[j] = f1(bar), bar
    return np.array([pick[j] for j in labels], dtype=np.float64)
