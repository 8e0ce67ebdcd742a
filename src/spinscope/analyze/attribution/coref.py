"""A small coreference step: a pronoun or a definite description -> a named actor.

Used by the actor portrayal (:mod:`.portrayal`: "*he* is a disgrace", "the *hurricane-ravaged*
island") and, for group descriptions, by the speakers (:mod:`.speakers`: "the militia said").
The rule, one look-up each (no model):

- **he / him / she / her** (and "his"/"hers" owners): the last person named before it in the
  article whose gender, when the article shows one (:mod:`.genders`), agrees (a name the
  article calls "he" or "she" is a person even when the entity analyzer typed it otherwise);
- **they / them / their**: the last organisation, group or place named before it ("it" is
  left alone: it is a thing far more often than an actor);
- **a definite description** ("the group", "this militia", "the island", "the minister"):
  "the" / "this" / "that" and a noun for an organisation or group (``GROUP_NOUNS``: an
  organisation or a people, not a place), a place
  (``PLACE_NOUNS``: a country, city or place) or one person (a singular role or person noun) -> the last actor of that kind named
  before it; a noun that ends an organisation's name goes to that name ("the ministry" ->
  "Health Ministry"). Indefinite ones ("a group", "some officials") name no one.

Only actors named within :data:`WINDOW` characters before the word count, so a pronoun far
from any name stays unresolved. "I", "we" and "you" are never resolved (the speaker's own
voice).

Cost: one sorted list of mentions per kind, built once per article; each look-up is a bisection.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from ...model import Entity
from .genders import PERSON_NOUNS, pronoun_gender
from .roles import ROLE_NOUNS

WINDOW = 1500
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
GROUP_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
GROUP_NOUNS = frozenset(
    ["group", "militia", "movement", "organisation", "organization", "party", "government", "administration", "regime", "ministry", "department", "agency", "company", "firm", "network", "outlet", "newspaper", "paper", "channel", "union", "alliance", "coalition", "council", "committee", "commission", "court", "army", "force", "forces", "campaign", "faction", "organisation's", "association", "foundation", "institute", "university", "college", "team", "club", "board", "bank", "embassy", "office", "authority", "authorities"]
)
PLACE_NOUNS = frozenset(["country", "nation", "state", "island", "kingdom", "republic", "city", "capital", "region", "province", "territory"])
_KINDS = {"PERSON": ("PERSON",), "THEY": ("ORG", "NORP", "GPE"), "GROUP": ("ORG", "NORP"), "PLACE": ("GPE", "LOC")}
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def noun_kind(lemma: str) -> str | None:
    """``PERSON``, ``GROUP`` or ``PLACE`` for a noun that can stand for a named actor."""
    if lemma in GROUP_NOUNS:
        return "GROUP"
    if lemma in PLACE_NOUNS:
        return "PLACE"
    if lemma in ROLE_NOUNS or lemma in PERSON_NOUNS:
        return "PERSON"
    return None


class Coref:
    """The named actors of one article, by kind and position, for :meth:`resolve`."""

    def __init__(self, entities: Iterable[Entity], gender: dict[str, str] | None = None) -> None:
        self.gender = gender or {}
        self._by_kind: dict[str, tuple[list[int], list[Entity]]] = {}
        mentions = sorted((m.start, ent) for ent in entities for m in ent.mentions)
        for kind, types in _KINDS.items():
            # an actor the article calls "he"/"she" is a person whatever its type says
            kept = [(s, e) for s, e in mentions if e.type in types or (kind == "PERSON" and e.canonical in self.gender)]
            self._by_kind[kind] = ([s for s, _ in kept], [e for _, e in kept])
        self._last_words: dict[str, tuple[list[int], list[Entity]]] = {}
        for s, ent in mentions:
            words = ent.canonical.split()
            if ent.type != "PERSON" and len(words) >= 2:
                starts, found = self._last_words.setdefault(words[-1].lower(), ([], []))
                starts.append(s)
                found.append(ent)

    def last(self, kind: str, pos: int, want: str | None = None) -> Entity | None:
        """The last actor of ``kind`` named before ``pos`` (within :data:`WINDOW`); for a
        person, one the article does not call the other pronoun than ``want``."""
        starts, ents = self._by_kind[kind]
        k = bisect_left(starts, pos) - 1
        while k >= 0 and starts[k] >= pos - WINDOW:
            ent = ents[k]
            if want is None or self.gender.get(ent.canonical, want) == want:
                return ent
            k -= 1
        return None

    def resolve(self, tok, pos: int) -> Entity | None:
        """The actor a pronoun or definite description token stands for (its character
        offset in the article is ``pos``), or None."""
        low = tok.lower_
        if low in PERSON_PRONOUNS:
            return self.last("PERSON", pos, pronoun_gender(low))
        if low in GROUP_PRONOUNS:
            return self.last("THEY", pos)
        if tok.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in tok.children):
            return None
        lemma = tok.lemma_.lower()
        starts, found = self._last_words.get(lemma, ([], []))
        k = bisect_left(starts, pos) - 1
        if k >= 0 and starts[k] >= pos - WINDOW:
            return found[k]  # "the ministry" -> "Health Ministry"
        kind = noun_kind(lemma)
        if kind is None or (kind == "PERSON" and tok.tag_ != "NN"):
            return None  # "these people" are not the last person named
        return self.last(kind, pos)
