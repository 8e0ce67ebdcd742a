"""Word valence: how strongly a word is charged, positively or negatively.

The English techniques head carries a table of word valences (``valence`` in the head,
from the VADER sentiment lexicon, rated -4..+4 by human raters, MIT licence; baked into
the model bundle at training time, so nothing reads the lexicon package at run time).
It gives the word-level span model and the sentence-unit head a cue that holds across
topics: "murderous", "gutlessness" and "humiliating" are charged whatever the story,
where the words the n-gram features learn ("Washington", "vaccine") belong to the
training topics.
"""

from __future__ import annotations

from importlib.resources import files
from typing import Any

import numpy as np

from ...errors import ModelError

UNIT_COLUMNS = 4  # columns :func:`unit_columns` adds to a unit's feature row


def bucket(value: float | None) -> int:
    """The valence rounded to a whole step, -4..4 (0: neutral or unknown)."""
    if value is None:
        return 0
    return int(max(-4, min(4, round(value))))


def word_cues(valence: dict[str, float], words: list[str]) -> list[list[str]]:
    """Feature names of each (lower-cased) word's own and neighbours' valence."""
    steps = [bucket(valence.get(w)) for w in words]
    n = len(words)
    out: list[list[str]] = []
    for i, b in enumerate(steps):
        f = [f"v={b}"] if b else []
        if b <= -2 or b >= 2:
            f.append("vstrong")
        for d in (-1, 1):
            k = i + d
            if 0 <= k < n and steps[k]:
                f.append(f"v{d:+d}={steps[k]}")
        out.append(f)
    return out


def unit_columns(valence: dict[str, float], words_per_unit: list[list[str]]) -> np.ndarray:
    """(n_units, UNIT_COLUMNS): the share of strongly negative and strongly positive words
    (|valence| >= 2), and the most negative and most positive valence / 4."""
    out = np.zeros((len(words_per_unit), UNIT_COLUMNS), dtype=np.float32)
    for i, words in enumerate(words_per_unit):
        values = [valence[w] for w in words if w in valence]
        if not words or not values:
            continue
        out[i] = (sum(v <= -2 for v in values) / len(words) * 4, sum(v >= 2 for v in values) / len(words) * 4,
                  -min(0.0, min(values)) / 4, max(0.0, max(values)) / 4)
    return out


def vader_valence() -> dict[str, float]:
    """Single words of the VADER lexicon (package ``vaderSentiment``, the ``train`` extra)
    with their mean valence."""
    try:
        text = (files("vaderSentiment") / "vader_lexicon.txt").read_text(encoding="utf-8")
    except (ImportError, OSError) as exc:  # ModuleNotFoundError: the train extra is not installed
        raise ModelError("the VADER lexicon is missing: pip install 'spinscope[train]'") from exc
    out: dict[str, float] = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].isalpha():
            out[parts[0].lower()] = round(float(parts[1]), 2)
    return out


def head_valence(head: dict[str, Any]) -> dict[str, float] | None:
    value = head.get("valence")
    return value if isinstance(value, dict) and value else None
