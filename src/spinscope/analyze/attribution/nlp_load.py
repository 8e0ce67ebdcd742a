"""Loading spaCy pipelines quickly, with the same result as ``spacy.load`` (see :mod:`.nlp`).

``import spacy`` without torch (thinc imports it when installed), the tokenizer built once from the
package's files, catalogue's entry points grouped once. ``tests/test_nlp_worker.py`` and
``tests/test_pipeline.py`` check the tokenizer bytes, the parse and the entry points.
"""

from __future__ import annotations

import sys
from typing import Any

from ...errors import ModelError


def load_pipeline(name: str, package: str, exclude: tuple[str, ...] = ()) -> Any:
    """A spaCy pipeline installed as a package, accepting texts of up to 3 M characters;
    :class:`ModelError` naming the package when it is not installed.

    The tokenizer is built empty (:func:`_bare_tokenizer`) before the package's own is read from
    disk: spaCy otherwise builds it twice, first from the language's defaults (2,700 special cases,
    a third of the load) and then from the package's files, which replace all of it (same bytes)."""
    try:
        spacy = import_spacy()
        tokenizer = {"nlp": {"tokenizer": {"@tokenizers": _bare_tokenizer()}}}
        nlp = spacy.load(name, exclude=list(exclude), config=tokenizer)
    except (ImportError, OSError) as exc:  # pragma: no cover - depends on the install
        raise ModelError(f"the spaCy model {name!r} is not installed (pip install {package}): {exc}") from exc
    nlp.max_length = max(nlp.max_length, 3_000_000)
    return nlp


def _bare_tokenizer() -> str:
    """Registers (once) and names a tokenizer factory without rules, prefixes or exceptions, for
    pipelines whose tokenizer is then read from their files (all of it: rules, affixes, exceptions)."""
    from spacy.tokenizer import Tokenizer
    from spacy.util import registry

    name = "spinscope.bare_tokenizer.v1"
    if name not in registry.tokenizers:
        registry.tokenizers.register(name, func=lambda: lambda nlp: Tokenizer(nlp.vocab))
    return name


def import_spacy() -> Any:
    """``spacy``, imported without torch when torch is not loaded yet: thinc imports torch
    whenever it is installed (1.8 s of a 3 s ``import spacy``), and these pipelines never use
    it. Only thinc's own torch support is off afterwards; ``import torch`` works as before."""
    if "spacy" in sys.modules or "torch" in sys.modules:
        import spacy

        return spacy
    sys.modules["torch"] = None  # type: ignore[assignment]  # makes "import torch" fail
    try:
        import spacy
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]
    _index_entry_points()
    return spacy


def _index_entry_points() -> None:
    """Gives catalogue (spaCy's registries) the installed entry points grouped once: it otherwise
    filters all of them (1,200 here) at each of the ~130 registry look-ups of a load (0.1 s).
    Same entry points, read at the same moment catalogue reads them (its import)."""
    import catalogue

    found = catalogue.AVAILABLE_ENTRY_POINTS
    if type(found) is dict or not hasattr(found, "select"):  # done, or a catalogue without select
        return
    grouped: dict[str, list[Any]] = {}
    if isinstance(found, dict):  # Python 3.10-3.11: a dict of groups whose select() flattens it first
        grouped = {group: list(points) for group, points in dict.items(found)}
    else:
        for point in found:
            grouped.setdefault(point.group, []).append(point)
    catalogue.AVAILABLE_ENTRY_POINTS = grouped
