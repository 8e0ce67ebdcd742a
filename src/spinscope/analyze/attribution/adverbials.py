"""Cues the parser hung on the main verb as an adverbial clause (a step of :mod:`.cues`):
one closing its sentence ("No new indictments will come ..., outlets are reporting.") reports
the sentence before it; one opening it with "as" ("As Slavo noted, should the disease spread
...") reports the rest of it.
"""

from __future__ import annotations

from .positions import Sentences

# verbs that report a statement in "As X noted, ..." ("as citizens call for justice", "as schools
# continue to fail" are a time, not a source); the source must be named ("As has been reported" has none)
_AS_CUES = frozenset(
    {"say", "note", "report", "write", "tell", "explain", "observe", "argue", "tweet", "claim", "warn", "state",
     "remark", "predict", "point", "reveal", "insist", "add", "recall", "conclude", "admit", "acknowledge",
     "confirm", "announce", "disclose", "stress", "emphasize", "emphasise", "testify", "allege", "declare",
     "assert", "contend", "maintain"}
)


def adverbial(tok, lemma: str, sentences: Sentences) -> list[tuple[int, int]]:
    """A cue the parser hung on the main verb: closing the sentence ("..., outlets are
    reporting.") or opening it with "as" ("As Slavo noted, ...")."""
    if tok.head.dep_ == "ROOT" and tok.i > tok.head.i:
        return _sentence_before(tok, sentences)
    if tok.i < tok.head.i and lemma in _AS_CUES and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
        return _sentence_after(tok, sentences)
    return []


def _sentence_before(tok, sentences: Sentences) -> list[tuple[int, int]]:
    """A cue closing its sentence ("No new indictments will come ..., multiple outlets are
    reporting."): the sentence up to the cue's subject."""
    subj = next((c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i), None)
    sent = sentences.of(tok)
    if subj is None or any(not t.is_punct for t in tok.doc[tok.i + 1 : sent.end]):
        return []
    return [(sent.start_char, subj.left_edge.idx)]


def _sentence_after(tok, sentences: Sentences) -> list[tuple[int, int]]:
    """A cue opening its sentence with "as" ("As Slavo noted, should the disease spread ..."):
    the rest of the sentence, when the cue names its source (a subject, or "by" whom)."""
    if not any(c.dep_ in ("nsubj", "agent") for c in tok.children):
        return []
    sent, doc = sentences.of(tok), tok.doc
    k = tok.right_edge.i + 1
    while k < sent.end and doc[k].is_punct:
        k += 1
    return [(doc[k].idx, sent.end_char)] if k < sent.end else []
