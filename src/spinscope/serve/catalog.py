"""Human-readable names, definitions and colours for techniques, frames and genres.

Definitions come from :mod:`spinscope.catalog` (``TECHNIQUES``: name -> info with
``title``, ``definition``, ``example``). When that module (or a label) is missing the
UI still works: the title is derived from the label and the definition is empty.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

#: Number of colour classes (``c0`` .. ``c23``) defined in ``static/spinscope.css``.
PALETTE_SIZE = 24


@dataclass(frozen=True)
class Info:
    """What the UI shows for one label."""

    name: str
    title: str
    definition: str = ""
    example: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "title": self.title, "definition": self.definition, "example": self.example}


def humanize(label: str) -> str:
    """``Appeal_to_Fear-Prejudice`` -> ``Appeal to fear / prejudice``."""
    words = label.replace("_", " ").replace("-", " / ").strip()
    return words[:1].upper() + words[1:].lower() if words else label


def _module() -> Any:
    try:
        return importlib.import_module("spinscope.catalog")
    except ImportError:
        return None


def _convert(table: Any) -> dict[str, Info]:
    out: dict[str, Info] = {}
    if not table:
        return out
    items = table.items() if isinstance(table, dict) else ((getattr(x, "name", str(x)), x) for x in table)
    for name, value in items:
        if isinstance(value, str):
            out[name] = Info(name=name, title=humanize(name), definition=value)
            continue
        out[name] = Info(
            name=name,
            title=str(getattr(value, "title", "") or humanize(name)),
            definition=str(getattr(value, "definition", "") or getattr(value, "description", "") or ""),
            example=str(getattr(value, "example", "") or ""),
        )
    return out


@lru_cache(maxsize=1)
def _tables() -> dict[str, dict[str, Info]]:
    module = _module()
    return {
        "technique": _convert(getattr(module, "TECHNIQUES", None)),
        "frame": _convert(getattr(module, "FRAMES", None)),
        "genre": _convert(getattr(module, "GENRES", None)),
    }


def techniques() -> dict[str, Info]:
    """Every known technique, in the catalogue's order."""
    return _tables()["technique"]


def frames() -> dict[str, Info]:
    return _tables()["frame"]


def genres() -> dict[str, Info]:
    return _tables()["genre"]


def info(kind: str, label: str) -> Info:
    """The :class:`Info` of ``label`` (``kind`` is technique, frame or genre)."""
    found = _tables().get(kind, {}).get(label)
    return found or Info(name=label, title=humanize(label))


def colour(label: str) -> int:
    """A stable colour index for a technique or frame label (same colour on every page)."""
    for table in (techniques(), frames()):
        known = list(table)
        if label in known:
            return known.index(label) % PALETTE_SIZE
    return sum(label.encode("utf-8")) % PALETTE_SIZE
