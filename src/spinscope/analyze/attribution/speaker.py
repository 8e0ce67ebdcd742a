"""A cue's source, as the attribution steps pass it along (:mod:`.speakers` resolves it)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Speaker:
    """A cue's source: ``name`` is an entity's canonical name (or a name as written);
    ``unnamed`` marks a description ("a senior official", "sources close to X") that
    names no one (``name`` is then None; the words are at ``start``:``end``)."""

    name: str | None
    start: int | None
    end: int | None
    etype: str | None = None
    unnamed: bool = False
    plural: bool = False
    words: str | None = None  # an unnamed source's description (also when a pronoun refers to it)
    person: bool = True  # an unnamed source that may be "he"/"she" ("a witness", not "the video")
