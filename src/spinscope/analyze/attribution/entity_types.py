"""Type repairs after an article's entities are grouped (English and the other languages):
the NER's person label on names that say otherwise.

- A name ending with an organisation word is an organisation ("Solvane Shipping" tagged a
  person by the French NER).
- A one-word "person" that is a word of the article's multi-word place names and of none of
  its multi-word person names is that place ("Veldra" beside "Port of Veldra").
"""

from __future__ import annotations

import dataclasses

from ...model import Entity

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
