"""How sure the shipped technique model is, read from the model folder, never made up:
each technique's calibrated decision threshold for a span and its measured reliability
(``reliability.json``, F1 on the newest-articles holdout, written by
``bench/bench_reliability.py``).

The reading views share one rule, :func:`shown`: the web page's article view (its default
confidence filter, ``serve/static/article.js``) and ``--format text`` show a span from its
technique's threshold; spans under it stay in the JSON, JSON Lines and the store, and
``--all-spans`` (or unticking the page's box) shows them. The corpus views count by the same
thresholds (:func:`thresholds`, passed to the store as ``SearchQuery.thresholds`` and to the
story and actor views by ``serve``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from .model import TechniqueSpan

MODELS_DIR = Path(__file__).resolve().parent / "resources" / "models"
RELIABILITY_FILE = "reliability.json"


@lru_cache(maxsize=4)
def thresholds(folder: Path = MODELS_DIR) -> dict[str, float]:
    """Each technique's calibrated decision threshold for a span (the shipped bundle's
    ``techniques.unit_thresholds``); empty when the folder has no bundle."""
    try:
        import numpy as np

        doc = json.loads((folder / "persuasion.json").read_text(encoding="utf-8"))
        labels = doc["techniques"]["labels"]
        with np.load(folder / "persuasion.npz", allow_pickle=False) as arrays:
            values = arrays["techniques.unit_thresholds"]
        return {str(k): round(float(v), 3) for k, v in zip(labels, values, strict=True)}
    except (OSError, KeyError, ValueError, TypeError):
        return {}


@lru_cache(maxsize=4)
def reliability(folder: Path = MODELS_DIR) -> dict[str, Any]:
    """The measured reliability of the technique model: ``{"protocol", "model",
    "techniques": {label: {"f1", "support"}}}``; ``{}`` when it was never measured."""
    try:
        doc = json.loads((folder / RELIABILITY_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return doc if isinstance(doc, dict) and isinstance(doc.get("techniques"), dict) else {}


def shown(span: TechniqueSpan, limits: Mapping[str, float] | None = None) -> bool:
    """Whether a reading view shows ``span`` by default: its score reaches its technique's
    decision threshold (``limits``, default :func:`thresholds`; a technique without one
    is always shown)."""
    return span.reaches(thresholds() if limits is None else limits)
