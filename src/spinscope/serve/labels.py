"""What the UI shows for a technique, frame or genre label: a title, a definition, an
example and a stable colour. The vocabularies themselves live in :mod:`spinscope.catalog`;
a label the catalogue does not know (an older model's) still gets a title derived from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .. import catalog

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


@lru_cache(maxsize=1)
def _tables() -> dict[str, dict[str, Info]]:
    return {
        "technique": {
            k: Info(k, v.title or humanize(k), v.definition, v.example) for k, v in catalog.TECHNIQUES.items()
        },
        "frame": {k: Info(k, v.title or humanize(k), v.description) for k, v in catalog.FRAMES.items()},
        "genre": {k: Info(k, v.title or humanize(k), v.description) for k, v in catalog.GENRES.items()},
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


@lru_cache(maxsize=4096)
def colour(label: str) -> int:
    """A stable colour index for a technique or frame label (same colour on every page)."""
    for table in (techniques(), frames()):
        if label in table:
            return list(table).index(label) % PALETTE_SIZE
    return sum(label.encode("utf-8", "replace")) % PALETTE_SIZE
