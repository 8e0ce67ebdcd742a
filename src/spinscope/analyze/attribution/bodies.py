"""Organisations named again by a common noun (a step of :class:`.speakers.Resolver`): "MGM
Resorts International ... The company said" is MGM speaking, not an unnamed source; "According
to The Times, ... The paper noted" is the outlet quoted last; "The official diocesan newspaper,
KirchenZeitung, announced" is the outlet in apposition. The gold guidelines resolve such
descriptions to the organisation the article named; an organisation the article never named
(within :data:`.coref.WINDOW` characters) stays unnamed. "The Chinese government" is China when
the article names it, "the Trump administration" (and "the administration" after it) is "Trump
administration", and "the Dallas police department" is Dallas Police Department (the gold set's
names for them).

A bare "police said" is the article's police force when the article names exactly one ("Dallas
police ... police said"); after two or more ("Westerville police", "Columbus police") it stays
unnamed (resolving it to the last force named: tune speakers 2,928 -> 2,927; the gold set leaves
it unnamed in those articles)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Protocol

from .coref import WINDOW, Coref
from .index import EntityIndex
from .names import spells_place
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
    text: str


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
    if lemma in ("government", "administration") and subj.tag_ == "NN":
        national = _national(r.index, subj, lemma)
        if national is not None:
            return Speaker(national[0], left, right, national[1])
    if lemma in BODY_NOUNS and subj.tag_ == "NN" and definite(subj):
        if any(c.dep_ in ("amod", "compound", "poss") for c in subj.children):
            return None  # "the social-media company", "the company's website": said of another
        named = _named_administration(r, subj.idx) if lemma == "administration" else None
        if named is not None:  # "the Trump administration ... the administration said"
            return Speaker(named, left, right, "ORG")
        last = r.last_group  # "the Dallas police department said ... the department noted"
        if last is not None and last.name and last.etype == "ORG" and last.name.lower().endswith(lemma):
            return replace(last, start=left, end=right)
        body = r.coref.last("GROUP", subj.idx)
        if body is not None and body.type == "ORG":
            return Speaker(body.canonical, left, right, body.type)
    return None


def the_police(index: EntityIndex, text: str, subj: Any, left: int, right: int) -> Speaker | None:
    """Bare "police said" or "the police said": the one force the article names ("Las Vegas
    police"), none when it names no force or several."""
    if subj.lower_ != "police" or any(c.dep_ in ("amod", "compound", "poss", "nmod") or (c.dep_ == "det" and c.lower_ != "the") for c in subj.children):
        return None
    places = {e.canonical for _s, _e, e in index.mentions if e.type == "GPE"}
    forces = {e.canonical: police_force(e.canonical, subj) for _s, end, e in index.mentions if e.type == "GPE" and _POLICE.match(text, end)}
    for _s, _e, e in index.mentions:  # an organisation the entity analyzer found: "Dallas Police" (Dallas named too)
        force = _FORCE.match(e.canonical) if e.type == "ORG" else None
        if force is not None and force.group(1) in places:
            forces[force.group(1)] = e.canonical
    return Speaker(forces.popitem()[1], left, right, "ORG") if len(forces) == 1 else None


_POLICE = re.compile(r"\s(?:police|Police)\b")
_FORCE = re.compile(r"(.+) (?:[Pp]olice|Police Department)$")


def police_force(place: str, subj: Any) -> str | None:
    """The force a place's police noun names: "Las Vegas police" (the gold set's name for
    it), "the Dallas police department" -> "Dallas Police Department"; else None."""
    if subj.lower_ == "police":
        return f"{place} police"
    if subj.lower_ == "department" and any(c.lower_ == "police" for c in subj.children):
        return f"{place} Police Department"
    return None


def _national(index: EntityIndex, subj: Any, lemma: str) -> tuple[str, str] | None:
    """(name, type) of "the Chinese government" (China, when the article names it: the
    adjective spells the place's name but for its last letter or two) and of "the Trump
    administration" ("Trump administration", the gold set's name for it)."""
    for c in subj.children:
        person = index.person_at(c) if c.dep_ == "compound" and lemma == "administration" else None
        if person is not None:
            return f"{person.canonical.split()[-1]} administration", "ORG"
        if c.dep_ == "amod" and c.text[:1].isupper() and lemma == "government":
            places = {e.canonical: e for _s, _e, e in index.mentions if e.type == "GPE"}.values()
            place = next((e for e in places if any(spells_place(c.text, m.text) for m in e.mentions)), None)
            if place is not None:
                return place.canonical, "GPE"
    return None


def _named_administration(r: Resolving, at: int) -> str | None:
    """"Trump administration" when the last administration named before ``at`` (within
    :data:`.coref.WINDOW` characters) is a person's: "the Trump administration"."""
    start = max(0, at - WINDOW)
    for m in reversed(list(_ADMINISTRATION.finditer(r.text, start, at))):
        person = r.index.at(m.start(1), m.end(1))
        if person is not None and person.type == "PERSON":
            return f"{person.canonical.split()[-1]} administration"
    return None


_ADMINISTRATION = re.compile(r"\b([A-Z][\w'\u2019-]+) [Aa]dministration\b")

