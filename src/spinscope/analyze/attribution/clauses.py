"""Reported clauses the parser misplaced (a step of :mod:`.cues`): one clause cut in two,
and a clause hung under a stance noun or a day instead of the speech verb."""

from __future__ import annotations

from .sources import has_that


def split_in_two(later: list) -> bool:
    """One reported clause the parser cut in two ("say | the information gathered so far |
    does not point to a motive"): the second clause follows the first without a break and
    has no subject of its own (the first took it)."""
    if len(later) < 2:
        return False
    first, second = later[0], later[1]
    return second.left_edge.i == first.right_edge.i + 1 and not any(
        c.dep_ in ("nsubj", "nsubjpass", "expl", "mark") for c in second.children
    )


# nouns whose "that"-clause is what a speaker says: "voiced alarm that ...", "expressed hope that ..."
_STANCE_NOUNS = frozenset(
    ["alarm", "concern", "fear", "fears", "hope", "doubt", "doubts", "worry", "confidence", "belief", "view", "optimism", "regret", "frustration", "dismay", "outrage", "anger", "surprise", "skepticism", "scepticism", "fact"]
)


def misparsed_clause(tok) -> list:
    """The reported clause the parser hung elsewhere: under a stance noun ("voiced alarm
    *that plague behaved differently*") or, after a day, as that day's relative clause
    ("said Wednesday *the death toll stood at 207*")."""
    for c in tok.children:
        if c.dep_ == "dobj" and c.lemma_.lower() in _STANCE_NOUNS:
            found = [g for g in c.children if g.dep_ in ("acl", "ccomp") and has_that(g)]
            if found:
                return found
        if c.dep_ == "npadvmod" and c.ent_type_ == "DATE" and c.i == tok.i + 1:
            found = [g for g in c.children if g.dep_ == "relcl" and g.i > c.i]
            if found and any(x.dep_ == "nsubj" for x in found[0].children):
                return found
    return []
