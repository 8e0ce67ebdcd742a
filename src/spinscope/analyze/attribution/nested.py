"""Reported speech inside a quotation (a step of the ``quotes`` analyzer).

A speaker quoted in marks often reports someone else: “Ellison told the crowd that the
police union is frightening whites,” the paper wrote. The clause the inner speech verb
introduces is a statement of its own, by the inner subject: an ``indirect`` quote inside
the ``direct`` one. Only a subject inside the same quotation counts ("I"/"we"/"you" are
the outer speaker talking and stay part of the outer quote).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

from .cues import reported_clauses
from .marks import Mark
from .positions import Sentences
from .sources import cue_subject
from .speaker import Speaker
from .speakers import Resolver

__all__ = ["Reported", "nested_speech"]

#: reported speech found by a cue: (start, end, speaker, cue text)
Reported = tuple[int, int, Speaker, str]


class _Outside:
    """``in_marks`` as seen from inside one quotation: every character outside it is "in
    marks", so a cue's subject must be inside the quotation too."""

    def __init__(self, m: Mark) -> None:
        self.m = m

    def __getitem__(self, i: int) -> bool:
        return not (self.m.start <= i < self.m.end)


def nested_speech(doc, marks: list[Mark], resolver: Resolver, sentences: Sentences) -> Iterator[Reported]:
    """The clauses that speech verbs inside a quotation introduce, cut to the quotation,
    with the verb's subject (named, not a pronoun, inside the quotation too) as speaker."""
    starts = [t.idx for t in doc]
    for m in marks:
        if m.single:
            continue
        outside = _Outside(m)
        for tok in doc[bisect_left(starts, m.start) : bisect_left(starts, m.end)]:
            subj = cue_subject(tok, outside) if tok.pos_ == "VERB" else None  # type: ignore[arg-type]
            if subj is None or subj.pos_ == "PRON":
                continue
            sp = resolver.resolve(subj)
            if sp.name is None or sp.etype == "GPE":
                continue  # "officials said", "the President of the United States said": no one named speaks
            for s, e in reported_clauses(tok, tok.text, sentences):
                if min(e, m.end) > max(s, m.start):
                    yield max(s, m.start), min(e, m.end), sp, tok.text
