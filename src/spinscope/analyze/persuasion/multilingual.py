"""The multilingual techniques head: French, German, Italian, Polish, Russian and any
other non-English article.

The English techniques models are English-only (English n-grams, MiniLM); this head
is trained on all six SemEval languages' span data. It has the layout of the English
linear head (:func:`.features.unit_matrix`: TF-IDF word and character n-grams fitted
on all six languages plus four text cues, one-vs-rest logistic weights), so it is
scored by :func:`.predict.predict_techniques` and its spans are cut by :mod:`.spans`.
Platt maps, paragraph and unit thresholds and span modes are fitted out-of-fold inside
the training data; a language has its own paragraph thresholds where its data hold
enough positives for a technique (:func:`head_for_language`).

It is shipped as a techniques-only bundle in ``resources/models/multilingual/``
(``persuasion.json`` + ``persuasion.npz`` + its own ``manifest.json``; no pickle).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from ...model import Article
from .bundle import SHIPPED_DIR, load_bundle

MULTILINGUAL_DIR = SHIPPED_DIR / "multilingual"
# ISO 639-1 codes (what ingest detects) -> the SemEval folder codes the head is keyed by
SEMEVAL_CODES = {"de": "ge", "pl": "po"}
SEMEVAL_LANGUAGES = ("en", "fr", "ge", "it", "po", "ru")
_STATE: dict[str, Any] = {"folder": None, "head": None}


def semeval_code(language: str | None) -> str | None:
    """``de`` -> ``ge``, ``pl`` -> ``po``, ``fr-CA`` -> ``fr``; None stays None."""
    if not language:
        return None
    code = language.strip().lower().replace("_", "-").split("-")[0]
    return SEMEVAL_CODES.get(code, code) or None


def uses_multilingual(article: Article) -> bool:
    """Whether the techniques of ``article`` come from this head: every article whose
    language is known and is not English (unknown language: the English model, as before)."""
    code = semeval_code(article.language)
    return code is not None and code != "en"


def by_techniques_head(articles: list[Article]) -> list[tuple[str | None, list[Article]]]:
    """``articles`` grouped by the head that scores them: ``(None, English and unknown)``
    first, then ``(SemEval code, articles)`` per other language (its thresholds)."""
    groups: dict[str | None, list[Article]] = {None: []}
    for article in articles:
        groups.setdefault(semeval_code(article.language) if uses_multilingual(article) else None, []).append(article)
    return [(code, group) for code, group in groups.items() if group]


def head_for_language(head: dict[str, Any], language: str | None) -> dict[str, Any]:
    """``head`` with the paragraph and unit thresholds of ``language`` (its own where
    fitted, the global ones otherwise)."""
    view = dict(head)
    code = semeval_code(language) or ""
    for key in ("para_thresholds", "unit_thresholds"):
        table = head.get(f"{key}_by_language", {})
        if code in table:
            view[key] = np.asarray(table[code], dtype=np.float64)
    return view


def use_multilingual_models(folder: str | Path | None) -> None:
    """Load the multilingual head from ``folder`` (None: the shipped one) from now on."""
    _STATE["folder"] = Path(folder) if folder else None
    _STATE["head"] = None


def set_multilingual_head(head: dict[str, Any] | None) -> None:
    """Use an in-memory head (benchmarks, tests); None: load from disk again."""
    _STATE["head"] = head


def multilingual_head() -> dict[str, Any]:
    """The multilingual techniques head (loaded, checked against its manifest, on first use)."""
    if _STATE["head"] is None:
        loaded = load_bundle(_STATE["folder"] or MULTILINGUAL_DIR)
        head = dict(loaded["techniques"])
        head["version"] = loaded["version"]
        _STATE["head"] = head
    return _STATE["head"]
