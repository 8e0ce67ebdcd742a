"""Type repairs after an article's entities are grouped (English and the other languages):
the NER's person label on names that say otherwise.

- A name ending with an organisation word is an organisation ("Solvane Shipping" tagged a
  person by the French NER).
- A one-word "person" that is a word of the article's multi-word place names and of none of
  its multi-word person names is that place ("Veldra" beside "Port of Veldra").
- A "person" named only in a Title Case headline ends with the last word the body also writes
  capitalised ("Hillary Cracks" is "Hillary"); with none it is no actor ("Pours Beverage"):
  headline case makes verbs and nouns look like names (English only).
"""

from __future__ import annotations

import dataclasses
import re

from ...model import Entity, Mention

ORG_WORDS = frozenset(
    ["shipping", "group", "bank", "company", "corporation", "corp", "inc", "ltd", "llc", "holdings", "airlines",
     "airways", "authority", "agency", "ministry", "council", "party", "union", "university", "institute",
     "foundation", "association", "committee", "commission", "department", "federation", "news", "times", "post"]
)
_PLACES = ("GPE", "LOC")


def retype(entities: list[Entity]) -> list[Entity]:
    """The entities, with the repairs above (the rest unchanged)."""
    place_words: set[str] = set()
    person_words: set[str] = set()
    for e in entities:
        words = e.canonical.casefold().split()
        if len(words) > 1:
            (place_words if e.type in _PLACES else person_words if e.type == "PERSON" else set()).update(words)
    out = []
    for e in entities:
        words = e.canonical.casefold().split()
        if e.type == "PERSON" and len(words) > 1 and words[-1].strip(".") in ORG_WORDS:
            e = dataclasses.replace(e, type="ORG")
        elif e.type == "PERSON" and len(words) == 1 and words[0] in place_words and words[0] not in person_words:
            e = dataclasses.replace(e, type="GPE")
        out.append(e)
    return out


_WORD = re.compile(r"[A-Z][\w'\u2019.-]*")


def headline_persons(entities: list[Entity], text: str) -> list[Entity]:
    """The entities, with the persons named only in a Title Case headline (the first line, not
    ending with a period) cut after the last word the body also writes capitalised, or dropped
    when the body writes none of their words."""
    nl = text.find("\n")
    words = re.findall(r"[^\W\d_][\w'\u2019-]*", text[: max(nl, 0)])
    if nl < 0 or len(words) < 3 or sum(w[0].isupper() for w in words) < 0.6 * len(words) or text[:nl].rstrip().endswith("."):
        return entities  # no Title Case headline
    body = {m.group(0) for m in _WORD.finditer(text, nl)}
    out = []
    for e in entities:
        if e.type != "PERSON" or any(m.start >= nl for m in e.mentions) or len(e.mentions) != 1:
            out.append(e)
            continue
        m = e.mentions[0]
        spans = [(w.start(), w.end()) for w in re.finditer(r"\S+", text[: m.end]) if w.start() >= m.start]
        kept = [k for k, (a, b) in enumerate(spans) if text[a:b] in body]
        if not kept:
            continue  # "Pours Beverage": a headline's verb and noun
        if kept[-1] < len(spans) - 1:  # "Hillary Cracks": the words after the last one the body uses
            s, t = spans[0][0], spans[kept[-1]][1]
            e = dataclasses.replace(e, canonical=text[s:t], aliases=[], mentions=[Mention(s, t, text[s:t])])
        out.append(e)
    return out
