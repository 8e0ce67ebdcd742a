"""Sources named through an owner (a step of :class:`.speakers.Resolver`): "its website said",
"Merritt's office said", "Puerto Rico's government reported", "J Street's statement read", and
the name written before an organisation noun the entity analyzer missed ("the Rumble bar")."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Protocol

from .index import EntityIndex
from .speaker import Speaker
from .subjects import BODIES, ISSUE_VERBS, LEGAL_NOUNS, MESSAGE_NOUNS, author_preps, definite, subject, written_name


class Resolving(Protocol):
    """What this step reads from :class:`.speakers.Resolver`."""

    index: EntityIndex

    def pronoun(self, subj: Any, low: str) -> Speaker: ...

    def resolve_token(self, tok: Any) -> Speaker: ...

# bodies that speak for the place or organisation owning them: "Puerto Rico's government"
_SPEAKS_FOR = frozenset({"government", "administration", "authorities", "ministry", "military", "army", "police", "cabinet", "parliament", "regime", "leadership"})
_OWNERS = {"its": "it", "their": "they", "his": "he", "her": "she"}


def possessor(r: Resolving, subj, lemma: str, left: int, right: int) -> Speaker | None:
    """The source a description names through its owner, else None."""
    poss = next((c for c in subj.children if c.dep_ == "poss" and c.lower_ in _OWNERS), None)
    if poss is not None and lemma in MESSAGE_NOUNS:  # "its website said", "his statement read"
        mine = r.pronoun(poss, _OWNERS[poss.lower_])
        if mine.name is not None or mine.unnamed:
            return replace(mine, start=left, end=right)
    holder = next((c for c in subj.children if c.dep_ == "poss"), None) if subj.lower_ == "office" else None
    held = r.resolve_token(holder) if holder is not None else None
    if held is not None and held.name is not None and held.etype == "PERSON":
        return replace(held, start=left, end=right)  # "Merritt's office said", "the governor's office said"
    owner = None
    if lemma in _SPEAKS_FOR or lemma in MESSAGE_NOUNS:
        types = ("GPE", "ORG", "NORP", "PERSON") if lemma in MESSAGE_NOUNS else ("GPE", "ORG", "NORP")
        owner = r.index.child_entity(subj, "poss", types)
    if owner is not None:  # "Puerto Rico's government reported": Puerto Rico; "J Street's statement said": J Street
        return Speaker(owner.canonical, left, right, owner.type)
    named = written_name(subj) if subj.pos_ == "NOUN" and (lemma in MESSAGE_NOUNS or lemma in BODIES) else None
    if named is not None:  # "J Street's statement" or "the Rumble bar" with no entity found: the name as written
        return Speaker(named, left, right)
    if lemma in LEGAL_NOUNS or (lemma in MESSAGE_NOUNS - _FINDINGS and definite(subj)):
        return filer(r, subj, left, right)
    return None


# messages whose "the" often means another one (a news report, a study) than the last one issued
_FINDINGS = frozenset({"report", "study", "survey", "poll"})
_FILING = frozenset({"file", "bring", "launch", "submit", "lodge", "table", "propose", "pen"})


def filer(r: Resolving, subj, left: int, right: int) -> Speaker | None:
    """"The suit said", "the statement said": whoever the article last showed filing that suit
    or issuing that message ("Common Cause's lawsuit", "CNN filed a complaint", "MGM issued a
    statement", "a letter from ICE"), looking back from ``subj`` (at most 2,000 tokens, so an
    article of many "the suit said" stays linear). A legal noun takes any earlier legal noun; a
    message noun the same noun."""
    lemma = subj.lemma_.lower()
    same = LEGAL_NOUNS if lemma in LEGAL_NOUNS else frozenset({lemma})
    for tok in reversed(subj.doc[max(0, subj.i - 2000) : subj.i]):
        if tok.lemma_.lower() not in same:
            continue
        owner = r.index.child_entity(tok, "poss", ("ORG", "PERSON", "GPE", "NORP"))
        authors = (r.index.child_entity(p, "pobj", ("ORG", "PERSON", "GPE", "NORP")) for p in author_preps(tok))
        owner = owner or next((a for a in authors if a is not None), None)
        if owner is not None:
            return Speaker(owner.canonical, left, right, owner.type)
        verb = _written_in(tok) or (tok.head if tok.dep_ == "dobj" and tok.head.lemma_.lower() in _FILING | ISSUE_VERBS else None)
        if verb is not None:
            by = subject(verb)
            found = r.resolve_token(by) if by is not None else None
            if found is not None and found.name is not None:
                return replace(found, start=left, end=right)
    return None


def _written_in(message):
    """The verb of "In a letter to the committee, Barr wrote ..." or "outlined the violations in
    a memo": whoever does it wrote the message."""
    prep = message.head
    if message.dep_ != "pobj" or prep.lower_ != "in" or prep.dep_ != "prep" or prep.head.pos_ not in ("VERB", "AUX"):
        return None
    return prep.head
