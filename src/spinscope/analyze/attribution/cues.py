"""Speech cues (the second step of the ``quotes`` analyzer): speech verbs and "according to".

- A **cue** is a speech verb ("say", "assert", "declare", "urge"…) outside the quoted
  words, or "according to X". Its speaker is the verb's grammatical subject (or X),
  resolved by :class:`~.speakers.Resolver`.
- The **reported clause** of a cue is what it introduces without marks: the clausal
  complement ("said (that) …"), the object and infinitive of "urged X to …", the rest
  of the sentence around "according to X", or the whole sentence for a parenthetical
  cue ("The first lesson, he asserted, is …").
- **Neighbour cues**: the parser sometimes splits a cue off into the next sentence
  (“How dare you!” | Sessions said) or the one before (Moeti said: | “We will …”).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Any

from .marks import Mark
from .speakers import Resolver, Sentences, Speaker, subject

SPEECH_VERBS = frozenset(
    ["say", "tell", "state", "declare", "assert", "add", "claim", "warn", "stress", "note", "explain", "insist", "argue", "write", "announce", "emphasize", "emphasise", "maintain", "reiterate", "deny", "reply", "respond", "tweet", "post", "admit", "acknowledge", "complain", "suggest", "predict", "vow", "pledge", "threaten", "allege", "contend", "testify", "affirm", "confirm", "report", "urge", "ask", "demand", "underline", "underscore", "remark", "comment", "accuse", "charge", "conclude", "recall", "disclose", "reveal", "indicate", "describe", "call", "continue", "quip", "observe", "propose", "recommend", "advise", "announce", "lament", "proclaim", "boast", "concede", "caution", "criticize", "criticise", "condemn", "denounce", "slam", "blast", "praise", "hail", "dismiss"]
)
# cues whose complement may be an infinitive: "urged the forces to leave", "called on X to ..."
_XCOMP_CUES = frozenset({"urge", "ask", "call", "demand", "warn", "advise", "tell", "pledge", "vow", "threaten"})
ACCORDING = "according to"

#: (cue token, its resolved speaker, the cue's text: the verb or "according to")
Cue = tuple[Any, Speaker, str]


def according_to(doc) -> list[tuple[Any, Any]]:
    """(the "according" token, the source's head token) pairs."""
    out = []
    for tok in doc:
        if tok.lower_ == "according":
            for child in tok.children:
                if child.lower_ == "to":
                    objs = [c for c in child.children if c.dep_ == "pobj"]
                    if objs:
                        out.append((tok, objs[0]))
    return out


def span_of(heads) -> tuple[int, int]:
    """Characters covered by the subtrees of ``heads``: from the leftmost to the rightmost
    descendant (spaCy's ``left_edge``/``right_edge``, so no subtree is walked)."""
    return min(h.left_edge.idx for h in heads), max(h.right_edge.idx + len(h.right_edge) for h in heads)


def find_cues(doc, in_marks: list[bool], resolver: Resolver) -> list[Cue]:
    """The cues of a document in text order, each with its resolved speaker (the resolver
    remembers each speaker, so later pronouns can refer to it)."""
    cues: list[Cue] = []
    according = {tok.i: obj for tok, obj in according_to(doc)}
    for tok in doc:
        if tok.i in according:
            source, label = according[tok.i], ACCORDING
        else:
            source, label = _cue_subject(tok, in_marks), tok.text
        if source is None:
            continue
        sp = resolver.resolve(source)
        resolver.remember(sp)
        cues.append((tok, sp, label))
    return cues


def _cue_subject(tok, in_marks: list[bool]):
    """The subject of ``tok`` when ``tok`` is a speech verb outside the marks, else None."""
    if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in SPEECH_VERBS or in_marks[tok.idx]:
        return None
    if tok.dep_ in ("amod", "det", "compound", "nmod"):
        return None  # "said terrorists"
    subj = subject(tok)
    if subj is None or in_marks[subj.idx]:
        return None
    if subj.lower_ in ("that", "which"):
        return None  # "evidence that suggested ...": not a speaker
    if subj.lower_ == "who" and tok.dep_ == "relcl":
        subj = tok.head
    if subj.lower_ in ("i", "we", "you", "one"):
        return None
    return subj


def reported_clause(tok, label: str, sentences: Sentences) -> tuple[int, int] | None:
    """Characters of the clause a cue introduces without marks (None when it has none)."""
    if label == ACCORDING:
        sent = sentences.of(tok)
        phrase_s, phrase_e = span_of([tok])
        return (phrase_e, sent.end_char) if phrase_s - sent.start_char < 3 else (sent.start_char, phrase_s)
    comps = [c for c in tok.children if c.dep_ == "ccomp"]
    if not comps and tok.lemma_.lower() in _XCOMP_CUES:
        xc = [c for c in tok.children if c.dep_ == "xcomp"]
        if not xc:
            return None
        return span_of([c for c in tok.children if c.dep_ in ("dobj", "dative")] + xc)
    if comps:
        # the clause after the verb ("reported that ...") over one the parser hung before it
        later = [c for c in comps if c.i > tok.i]
        return span_of([later[0] if later else comps[-1]])
    if tok.dep_ == "parataxis" and tok.head.dep_ == "ROOT":
        sent = sentences.of(tok)
        return sent.start_char, sent.end_char
    return None


def neighbour_cues(doc, text: str, indexed_cues, sents, m: Mark, sentences: Sentences) -> list[Cue]:
    """Cues just outside the quote's sentences when the parser split them off:
    “How dare you!” | Jeff Sessions said ... ; or Moeti said: | “We will ...”.
    ``indexed_cues`` is (cues in text order, their start offsets), for bisection."""
    cues, cue_starts = indexed_cues

    def between(start: int, end: int):
        return cues[bisect_left(cue_starts, start) : bisect_left(cue_starts, end)]

    last_sent = sents[-1]
    if not re.search(r"\w", text[m.end + 1 : last_sent.end_char]):
        nxt = doc[last_sent.end : min(len(doc), last_sent.end + 10)]
        if nxt.text and "\n" not in text[m.end : nxt.start_char] and '"' not in nxt.text and "\u201c" not in nxt.text:
            found = between(nxt.start_char, nxt.end_char)
            if found:
                return found[:1]
    first = sents[0]
    if first.start > 0 and not re.search(r"\w", text[first.start_char : m.start - 1]):
        prev = sentences.spans[bisect_right(sentences.starts, first.start - 1) - 1]
        if text[prev.start_char : prev.end_char].rstrip().endswith(":"):
            return between(prev.start_char, prev.end_char)[-1:]
    return []
