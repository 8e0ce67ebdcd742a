"""Speech nouns (a step of :mod:`.cues`): a noun for a statement whose "that"-clause is what
its source says ("complaints from Trump that ...", "Trump's claim that ...")."""

from __future__ import annotations

from .sources import noun_that
from .subjects import subject

# nouns for a statement whose "that"-clause is what its source says: "complaints from Trump
# that ...", "countries are sounding warnings that ..."; with no source named ("on the heels of
# reports that ...") the clause is a statement of no named source (:func:`.cues.find_cues`)
SPEECH_NOUNS = frozenset({"warning", "complaint", "claim", "allegation", "accusation", "assertion", "insistence", "report"})


def noun_source(noun, in_marks: list[bool]):
    """Who makes the statement a speech noun with a "that"-clause names: "complaints *from
    Trump* that", "*Trump's* claim that", "*nine countries* are sounding warnings that"."""
    clause = None if in_marks[noun.idx] else noun_that(noun)
    if clause is None:
        return None
    for c in noun.children:
        if c.dep_ == "poss":
            return c
        if c.dep_ == "prep" and c.lower_ in ("from", "by") and c.i < clause.i:
            obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                return obj
    if noun.dep_ == "dobj":
        subj = subject(noun.head)
        if subj is not None and subj.lower_ == "who" and subj.head.dep_ == "relcl":
            return subj.head.head  # "Mayor Schaaf, who released a warning that ...": Schaaf
        return subj
    return None


def issued_statement(noun, in_marks: list[bool]) -> bool:
    """"Giuliani and Sekulow issued a statement." closing its paragraph: the quotation that
    opens the next one is the statement (the issuer is the verb's subject)."""
    if noun.lemma_.lower() != "statement" or noun.dep_ != "dobj" or in_marks[noun.idx]:
        return False
    if noun.head.lemma_.lower() not in ("issue", "release", "send", "put", "publish", "post"):
        return False
    doc, k = noun.doc, noun.i
    return k + 2 < len(doc) and doc[k + 1].text in (".", ":") and doc[k + 2].text.startswith("\n")
