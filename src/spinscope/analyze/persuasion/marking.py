"""Which words of a paragraph carry each technique the paragraph decision chose.

Techniques the word model covers (:mod:`.wordspans`) are marked on the runs of words
it scores high enough; the others on the best sentence unit of the paragraph (and
every unit above the technique's unit threshold), cut to the window of words the
technique's linear model weighs most (:mod:`.spans`, the technique's span mode).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .features import Units
from .predict import TechniquePrediction
from .spans import tight_spans_many
from .wordspans import WordModel, place_spans, promoted, score_units

Span = tuple[int, int, int, int, float]  # (article index, label index, start, end, score), article offsets


def paragraph_members(units: Units) -> dict[tuple[int, int], list[int]]:
    members: dict[tuple[int, int], list[int]] = {}
    for i, key in enumerate(zip(units.article, units.paragraph, strict=True)):
        members.setdefault(key, []).append(i)
    return members


Scored = dict[int, tuple[list[tuple[int, int]], np.ndarray]]


def _promote(words: WordModel | None, pred: TechniquePrediction, members: dict[tuple[int, int], list[int]],
             chosen: np.ndarray) -> tuple[np.ndarray, Scored]:
    """``chosen`` plus the paragraphs whose words carry a covered technique plainly
    (:func:`.wordspans.promoted`), and the word scores of the units it looked at."""
    if words is None or words.promote is None or not pred.paragraph_keys:
        return chosen, {}
    bars = {j: float(b) for j, b in zip(words.labels, words.promote, strict=True) if np.isfinite(b)}
    # a word's score is at most sqrt(unit probability): only paragraphs with a unit at or
    # above bar**2 can be promoted, so only their words are scored (the same result, faster)
    candidates = {j: [members[key] for row, key in enumerate(pred.paragraph_keys)
                      if not chosen[row, j] and float(pred.unit_probs[members[key], j].max()) >= bar * bar]
                  for j, bar in bars.items()}
    wanted = sorted({m for groups in candidates.values() for g in groups for m in g})
    if not wanted:
        return chosen, {}
    scored = score_units(words, pred.units.text, pred.units.article, wanted)
    row_of = {members[key][0]: row for row, key in enumerate(pred.paragraph_keys)}
    out = chosen.copy()
    for j, groups in promoted(words, pred.unit_probs, candidates, scored).items():
        for group in groups:
            out[row_of[group[0]], j] = True
    return out, scored


def mark_spans(head: dict[str, Any], coef: np.ndarray | None, words: WordModel | None, pred: TechniquePrediction,
               chosen: np.ndarray) -> tuple[list[Span], np.ndarray]:
    """Spans of every (paragraph, technique) in ``chosen`` (rows: ``pred.paragraph_keys``),
    and ``chosen`` with the paragraphs the word model promoted."""
    units, unit_thr = pred.units, head["unit_thresholds"]
    cut_min = float(head.get("cut_min", 0.0))  # below cut_min x its threshold, a unit gets no cut span
    members = paragraph_members(units)
    chosen, scored = _promote(words, pred, members, chosen)
    covered = set(words.labels) if words is not None else set()
    groups: dict[int, list[list[int]]] = {}
    per_unit: dict[int, list[int]] = {}
    for row, key in enumerate(pred.paragraph_keys):
        for j in map(int, np.flatnonzero(chosen[row])):
            if j in covered:
                groups.setdefault(j, []).append(members[key])
                continue
            scores = pred.unit_probs[members[key], j]
            keep = {m for m, s in zip(members[key], scores, strict=True) if s >= unit_thr[j]}
            if float(scores.max()) >= cut_min * unit_thr[j]:
                keep.add(members[key][int(np.argmax(scores))])
            for m in sorted(keep):
                per_unit.setdefault(m, []).append(j)
    out: list[Span] = []
    if words is not None and groups:
        wanted = sorted({m for gs in groups.values() for g in gs for m in g} - set(scored))
        if wanted:
            scored = {**scored, **score_units(words, units.text, units.article, wanted)}
        for m, j, s, e in place_spans(words, units.text, pred.unit_probs, groups, scored):
            out.append((units.article[m], j, units.start[m] + s, units.start[m] + e, float(pred.unit_probs[m, j])))
    cuts = _cut(head, coef, [(units.text[m], js) for m, js in per_unit.items()], pred.features, list(per_unit))
    for (m, js), cut in zip(per_unit.items(), cuts, strict=True):
        base = units.start[m]
        for j in js:
            s, e = cut.get(j, (0, len(units.text[m])))
            out.append((units.article[m], j, base + s, base + e, float(pred.unit_probs[m, j])))
    return out, chosen


def _cut(head: dict[str, Any], coef: np.ndarray | None, items: list[tuple[str, list[int]]], features: Any,
         unit_ids: list[int]) -> list[dict[int, tuple[int, int]]]:
    """Per (unit text, label indices), the offsets in the text of each label's span
    (labels whose mode is the whole unit are left out); ``features``: all units' rows."""
    if coef is None:
        return [{} for _ in items]
    modes = head["span_modes"]
    tight = [[j for j in js if modes[j][0] != "whole"] for _, js in items]
    todo = [i for i, js in enumerate(tight) if js]
    rows = features[[unit_ids[i] for i in todo]] if features is not None and todo else None
    done = tight_spans_many(head, [(items[i][0], tight[i]) for i in todo], coef, rows)
    out: list[dict[int, tuple[int, int]]] = [{} for _ in items]
    for i, cut in zip(todo, done, strict=True):
        out[i] = cut
    return out
