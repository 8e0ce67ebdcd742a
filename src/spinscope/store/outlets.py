"""Outlet names, one rule for the whole store: "The Northbridge Herald", "Northbridge Herald"
and "northbridge  herald" are one outlet.

- :func:`outlet_key` is what makes two names the same outlet: case folded, runs of
  whitespace made one space, a leading "The" dropped. The ``outlets`` table keeps it in
  ``name_key`` (unique), so the writer finds the outlet an article belongs to, and the
  outlet filter of searches and statistics finds it however the user types the name.
- :func:`outlet_display` is the name shown: the first spelling stored (whitespace tidied);
  later spellings join that outlet and do not rename it.

Migration 0007 fills ``name_key`` for existing stores and merges outlets that were stored
twice under two spellings (their articles move to the outlet first stored).
"""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")
_THE = re.compile(r"^the\s+", re.IGNORECASE)


def outlet_display(name: str | None) -> str | None:
    """``name`` with whitespace tidied, or None when nothing is left."""
    if name is None:
        return None
    tidy = _SPACE.sub(" ", name).strip()
    return tidy or None


def outlet_key(name: str) -> str:
    """The key two spellings of one outlet share ("The  Northbridge Herald" -> "northbridge herald");
    a name that is only "The" keeps it."""
    tidy = outlet_display(name) or ""
    return (_THE.sub("", tidy) or tidy).casefold()
