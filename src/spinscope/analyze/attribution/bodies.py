"""Organisations named again by a common noun (a step of :class:`.speakers.Resolver`): "MGM
Resorts International ... The company said" is MGM speaking, not an unnamed source; "According
to The Times, ... The paper noted" is the outlet quoted last; "The official diocesan newspaper,
KirchenZeitung, announced" is the outlet in apposition. The gold guidelines resolve such
descriptions to the organisation the article named; an organisation the article never named
(within :data:`.coref.WINDOW` characters) stays unnamed.

A bare "police said" after a named force was measured and left out: the gold set resolves it
in two articles and leaves it unnamed in two others (tune speakers 2,928 -> 2,927)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Protocol

from .coref import Coref
from .index import EntityIndex
from .speaker import Speaker
from .subjects import MEDIA, definite

# nouns by which an article refers back to an organisation it named ("the company said"); not
# "group" (a group of people as often as an organisation)
BODY_NOUNS = frozenset({"company", "firm", "corporation", "agency", "organization", "organisation", "department", "administration"})


class Resolving(Protocol):
    """What this step reads from :class:`.speakers.Resolver`."""

    index: EntityIndex
    coref: Coref
    last_group: Speaker | None


def named_body(r: Resolving, subj: Any, plural: bool, left: int, right: int) -> Speaker | None:
    """The organisation a definite description names again: an outlet noun ("the paper") the
    outlet in apposition or quoted last; a definite singular body noun ("the company", "the
    agency") the last organisation or group named, when it is an organisation; else None."""
    lemma = subj.lemma_.lower()
    if lemma in MEDIA:
        apposed = r.index.child_entity(subj, "appos", ("ORG",))
        if apposed is not None:
            return Speaker(apposed.canonical, left, right, "ORG")
        last = r.last_group
        if not plural and last is not None and last.name and last.etype == "ORG" and any(c.dep_ == "det" and c.lower_ == "the" for c in subj.children):
            return replace(last, start=left, end=right)
    if lemma in BODY_NOUNS and subj.tag_ == "NN" and definite(subj):
        if any(c.dep_ in ("amod", "compound", "poss") for c in subj.children):
            return None  # "the social-media company", "the company's website": said of another
        body = r.coref.last("GROUP", subj.idx)
        if body is not None and body.type == "ORG":
            return Speaker(body.canonical, left, right, body.type)
    return None
