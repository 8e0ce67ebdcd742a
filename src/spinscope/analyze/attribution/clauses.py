"""Reported clauses the parser misplaced (a step of :mod:`.cues`): one clause cut in two,
a clause hung under a stance noun or a day instead of the speech verb, and what an
accusation says ("accused Israel | of ...")."""

from __future__ import annotations

from .sources import has_that, relative_pronoun


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


def span_of(heads) -> tuple[int, int]:
    """Characters covered by the subtrees of ``heads``: from the leftmost to the rightmost
    descendant (spaCy's ``left_edge``/``right_edge``, so no subtree is walked)."""
    return min(h.left_edge.idx for h in heads), max(h.right_edge.idx + len(h.right_edge) for h in heads)


# cues whose object and preposition carry the reported speech: "accused Israel of ...",
# "warned Barr against giving ..."
OBJECT_CUES = frozenset({"accuse", "warn", "criticize", "criticise", "condemn", "denounce", "slam", "blast", "charge"})
_OBJECT_PREPS = frozenset({"of", "against", "about", "over", "for"})


def object_clause(tok) -> list[tuple[int, int]]:
    objs = [c for c in tok.children if c.dep_ == "dobj"]
    if not objs:
        return []
    preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in _OBJECT_PREPS and c.i > tok.i]
    if preps:  # "accused Israel | of ...": what the accusation says, to the end of both
        return [(preps[0].idx, span_of(objs + preps[:1])[1])]
    if any(c.dep_ == "prep" and c.lower_ in _OBJECT_PREPS for c in objs[0].children):
        return [span_of(objs)]  # the parser hung "of ..." on the object
    return []


# what is denied when it is an act or "any" thing, not a named one: "denied ever knowing
# about it", "denied any wrongdoing" ("denied the allegations" names no statement)
_DENIED_THINGS = frozenset({"wrongdoing", "involvement", "knowledge", "responsibility", "link", "connection", "role"})


def act_clause(tok) -> list[tuple[int, int]]:
    """What a speaker admits, claims, denies or calls for when it is not a "that"-clause:
    "admitted to firing the gun", "claims to have been suspended", "denied ever knowing
    about it", "denied any wrongdoing", "called for a public release of the report"."""
    lemma, after = tok.lemma_.lower(), [c for c in tok.children if c.i > tok.i]
    if lemma in ("admit", "confess"):
        found = [c for c in after if c.dep_ == "prep" and c.lower_ == "to" and any(g.dep_ == "pcomp" for g in c.children)]
    elif lemma == "call":
        found = [g for c in after if c.dep_ == "prep" and c.lower_ == "for" for g in c.children if g.dep_ in ("pobj", "pcomp")]
    elif lemma in ("claim", "deny"):
        found = [c for c in after if c.dep_ == "xcomp" and (c.tag_ == "VBG" or any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))]
        if not found and lemma == "deny":
            found = [
                c for c in after
                if c.dep_ == "dobj" and (c.tag_ == "VBG" or c.lemma_.lower() in _DENIED_THINGS or any(d.lower_ == "any" for d in c.children))
            ]
    else:
        found = []
    return [span_of(found[:1])] if found else []


def closing_clause(tok, sent) -> list[tuple[int, int]]:
    """"... where capacities are limited, the WHO said." and "..., and is alien to the faith,
    the three bishops said in the profession.": a cue closing its sentence after a comma and
    its own subject reports all before the comma, however the parser hung it (a relative
    clause of the last noun, a conjunct of the main verb)."""
    if tok.dep_ not in ("relcl", "conj", "acl"):
        return []
    subj = next((c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i), None)
    if subj is None or relative_pronoun(subj) or any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in tok.children):
        return []
    before = subj.left_edge.i - 1
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    if before <= sent.start or tok.doc[before].text != "," or not words or tok.right_edge.i < words[-1].i:
        return []  # not after a comma, or words follow that are not the cue's own
    return [(sent.start_char, tok.doc[before].idx)]
