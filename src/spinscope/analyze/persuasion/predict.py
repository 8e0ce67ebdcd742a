"""Predictions of the persuasion heads: genre, frames and technique scores per
sentence unit and per paragraph (calibrated)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .features import DocFeatures, Units, frames_matrix, genre_matrix, unit_matrix


def platt(raw: np.ndarray, params: np.ndarray) -> np.ndarray:
    """Per-label Platt scaling: ``sigmoid(a * logit(raw) + b)``, ``params`` shape (L, 2)."""
    eps = 1e-6
    z = np.log(np.clip(raw, eps, 1 - eps) / np.clip(1 - raw, eps, 1 - eps))
    return 1.0 / (1.0 + np.exp(-(z * params[:, 0] + params[:, 1])))


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))


def linear_proba(head: dict[str, Any], x: Any) -> np.ndarray:
    """One-vs-rest logistic probabilities: ``sigmoid(x @ coef + intercept)`` per label
    (``head["coef"]``: (features, L), ``head["intercept"]``: (L,))."""
    z = x @ head["coef"]
    return sigmoid(np.asarray(z, dtype=np.float64) + head["intercept"])


def pool_paragraphs(units: Units, unit_probs: np.ndarray) -> tuple[list[tuple[int, int]], np.ndarray]:
    """Max-pool unit probabilities into (article index, paragraph id) rows."""
    keys: dict[tuple[int, int], int] = {}
    for a, p in zip(units.article, units.paragraph, strict=True):
        keys.setdefault((a, p), len(keys))
    pooled = np.zeros((len(keys), unit_probs.shape[1]), dtype=np.float64)
    for i, (a, p) in enumerate(zip(units.article, units.paragraph, strict=True)):
        row = keys[(a, p)]
        pooled[row] = np.maximum(pooled[row], unit_probs[i])
    return list(keys), pooled



def predict_genre(head: dict[str, Any], feats: DocFeatures) -> np.ndarray:
    """Genre probabilities, columns in ``head["labels"]`` order (prior-adjusted)."""
    z = np.asarray(genre_matrix(head, feats) @ head["coef"], dtype=np.float64) + head["intercept"]
    z -= z.max(axis=1, keepdims=True)
    probs = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)  # multinomial logistic regression
    adjusted = probs * head["prior"] + 1e-12
    return adjusted / adjusted.sum(axis=1, keepdims=True)


def predict_frames(head: dict[str, Any], feats: DocFeatures) -> np.ndarray:
    """Calibrated frame probabilities, columns in ``head["labels"]`` order."""
    raw = linear_proba(head, frames_matrix(head, feats))
    return platt(raw, head["platt"])


@dataclass
class TechniquePrediction:
    """Technique scores of a batch: per unit (for spans) and per paragraph."""

    units: Units
    unit_probs: np.ndarray  # calibrated, (n_units, L)
    paragraph_keys: list[tuple[int, int]]  # (article index, paragraph id)
    paragraph_probs: np.ndarray  # calibrated, (n_paragraphs, L)
    features: Any = None  # the units' feature rows (linear heads), reused to cut spans


def predict_techniques(head: dict[str, Any], units: Units) -> TechniquePrediction:
    n_labels = len(head["labels"])
    if not units.text:
        return TechniquePrediction(units, np.zeros((0, n_labels)), [], np.zeros((0, n_labels)))
    x = None
    if "tagger" in head:  # the accurate profile: fine-tuned MiniLM, int8 ONNX
        raw = head["tagger"].predict(units.text)
    else:
        x = unit_matrix(head, units)
        raw = linear_proba(head, x)
    keys, pooled = pool_paragraphs(units, raw)
    return TechniquePrediction(units, platt(raw, head["unit_platt"]), keys, platt(pooled, head["para_platt"]), x)
