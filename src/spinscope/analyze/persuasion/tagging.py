"""Technique spans from the token head of the fine-tuned tagger.

The tagger gives, for every word piece of a sentence unit, one probability per
technique. A technique's spans in a unit are the runs of pieces at or above its
threshold, with gaps of at most ``gap`` pieces bridged, snapped outwards to whole
words (a span never starts or ends inside a word), trimmed of edge punctuation and
kept when at least ``min_chars`` long (optionally only the best one per paragraph). Only techniques the paragraph-level decision
selected are decoded (the unit head gates the token head); a selected technique
with no run in the paragraph falls back to the best-scoring run of its best unit.
Spans of different techniques may overlap.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ...errors import ModelError
from .features import Units


@dataclass(frozen=True)
class DecodeRule:
    """How token probabilities of one technique become spans."""

    threshold: float = 0.5
    gap: int = 1
    min_chars: int = 3
    fallback: bool = True
    best_only: bool = False  # keep only the best-scoring span of a technique per paragraph


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch in "_'’-"


def snap(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` to whole words, then trim spaces and edge punctuation
    (never to nothing)."""
    start, end = max(0, start), min(len(text), end)
    while start > 0 and _is_word(text[start - 1]) and start < len(text) and _is_word(text[start]):
        start -= 1
    while end < len(text) and end > 0 and _is_word(text[end]) and _is_word(text[end - 1]):
        end += 1
    s, e = start, end
    while s < e and not text[s].isalnum():
        s += 1
    while e > s and not text[e - 1].isalnum() and text[e - 1] not in "!?":
        e -= 1
    return (s, e) if e > s else (start, end)


def runs(scores: np.ndarray, threshold: float, gap: int) -> list[tuple[int, int, float]]:
    """Inclusive (first, last) piece runs of ``scores >= threshold`` with gaps of at most
    ``gap`` pieces bridged, each with its peak score."""
    hits = np.flatnonzero(scores >= threshold)
    out: list[tuple[int, int, float]] = []
    for k in map(int, hits):
        if out and k - out[-1][1] - 1 <= gap:
            first, _, peak = out[-1]
            out[-1] = (first, k, max(peak, float(scores[k])))
        else:
            out.append((k, k, float(scores[k])))
    return out


def unit_spans(text: str, offsets: list[tuple[int, int]], scores: np.ndarray, rule: DecodeRule,
               force: bool = False) -> list[tuple[int, int, float]]:
    """Spans ``(start, end, score)`` (offsets into ``text``) of one technique in one unit.
    ``offsets``/``scores``: per word piece (special pieces have empty offsets).
    ``force``: return the best run even when no piece reaches the threshold."""
    valid = np.array([b > a for a, b in offsets], dtype=bool)
    masked = np.where(valid, scores, -1.0)
    found = runs(masked, rule.threshold, rule.gap)
    if not found and force and valid.any():
        peak = float(masked.max())
        found = runs(masked, max(peak * 0.6, 1e-6), rule.gap)
        found = [max(found, key=lambda r: r[2])]
    out = []
    for first, last, peak in found:
        s, e = snap(text, offsets[first][0], offsets[last][1])
        if e - s >= rule.min_chars:
            out.append((s, e, peak))
    return out


def merge_overlaps(spans: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """Merge spans of one technique that overlap or touch (after snapping)."""
    out: list[tuple[int, int, float]] = []
    for s, e, p in sorted(spans):
        if out and s <= out[-1][1]:
            ps, pe, pp = out[-1]
            out[-1] = (ps, max(pe, e), max(pp, p))
        else:
            out.append((s, e, p))
    return out


TAGGER_JSON = "techniques-tagger.json"
TAGGER_ONNX = "techniques-tagger.onnx"
TAGGER_TOKENIZER = "techniques-tagger-tokenizer.json"


@dataclass
class TaggedBatch:
    """Decisions of the tagger over a batch of units."""

    paragraph_keys: list[tuple[int, int]]  # (article index, paragraph id)
    paragraph_probs: np.ndarray  # calibrated (n_paragraphs, L)
    chosen: np.ndarray  # bool (n_paragraphs, L): the techniques each paragraph uses
    spans: list[tuple[int, int, int, int, float]]  # (article index, label index, start, end, score), article offsets


def paragraph_decisions(units: Units, unit_probs: np.ndarray, head: dict[str, Any],
                        linear_probs: np.ndarray | None = None) -> tuple[list[tuple[int, int]], np.ndarray, np.ndarray]:
    """(paragraph keys, probabilities, chosen): max-pooled unit scores through the Platt
    maps, per-technique thresholds; with ``linear_probs`` (the linear head's calibrated
    paragraph probabilities, same keys) and a ``mix`` in the head, the weighted mean of
    both against the mix's one threshold."""
    from .predict import platt, pool_paragraphs

    keys, pooled = pool_paragraphs(units, unit_probs)
    probs = platt(pooled, np.asarray(head["para_platt"]))
    if linear_probs is not None and head.get("mix"):
        weight = float(head["mix"]["weight"])
        probs = weight * probs + (1 - weight) * linear_probs
        return keys, probs, probs >= float(head["mix"]["threshold"])
    return keys, probs, probs >= np.asarray(head["para_thresholds"])


def decode_batch(units: Units, unit_probs: np.ndarray, token_probs: list[np.ndarray],
                 offsets: list[list[tuple[int, int]]], head: dict[str, Any],
                 linear_probs: np.ndarray | None = None) -> TaggedBatch:
    """Paragraph decisions (:func:`paragraph_decisions`) and the spans of every chosen
    technique, decoded from the token head."""
    rule = DecodeRule(**head["rule"])
    keys, probs, chosen = paragraph_decisions(units, unit_probs, head, linear_probs)
    members: dict[tuple[int, int], list[int]] = {}
    for i, key in enumerate(zip(units.article, units.paragraph, strict=True)):
        members.setdefault(key, []).append(i)
    spans: list[tuple[int, int, int, int, float]] = []
    for row, key in enumerate(keys):
        for j in map(int, np.flatnonzero(chosen[row])):
            found: list[tuple[int, int, float]] = []
            for m in members[key]:
                base = units.start[m]
                found += [(base + s, base + e, p) for s, e, p in unit_spans(units.text[m], offsets[m], token_probs[m][:, j], rule)]
            if not found and rule.fallback:
                m = max(members[key], key=lambda u: unit_probs[u, j])
                base = units.start[m]
                found = [(base + s, base + e, p) for s, e, p in
                         unit_spans(units.text[m], offsets[m], token_probs[m][:, j], rule, force=True)]
            merged = merge_overlaps(found)
            if rule.best_only and merged:
                merged = [max(merged, key=lambda r: r[2])]
            spans += [(key[0], j, s, e, float(probs[row, j])) for s, e, _ in merged]
    return TaggedBatch(keys, probs, chosen, spans)


def load_tagger_head(folder: str | Path | None = None) -> dict[str, Any]:
    """The fine-tuned techniques tagger (ONNX + decoding parameters) from ``folder``
    (default: the shipped models), each file checked against the manifest."""
    from .bundle import SHIPPED_DIR, read_json
    from .encoder import OnnxTagger
    from .manifest import verified

    path = Path(folder) if folder else SHIPPED_DIR
    if not (path / TAGGER_JSON).is_file():
        raise ModelError("no techniques tagger in the model folder; run `spinscope train --accurate`",
                         source=str(path / TAGGER_JSON))
    head = read_json(verified(path, TAGGER_JSON))
    if not isinstance(head, dict) or not {"labels", "para_platt", "para_thresholds", "rule"} <= set(head):
        raise ModelError("techniques tagger parameters incomplete", source=str(path / TAGGER_JSON))
    head["tagger"] = OnnxTagger(verified(path, TAGGER_ONNX), verified(path, TAGGER_TOKENIZER))
    return head
