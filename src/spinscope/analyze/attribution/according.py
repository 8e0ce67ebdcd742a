"""Sources that report a whole clause without a speech verb (a step of :mod:`.cues`):
"according to X, ...", and a view that opens a sentence the same way ("In his view, ...",
"In the view of X, ...", "As X put it, ..."). Their cue text is "according to"."""

from __future__ import annotations

import re
from typing import Any

from .clauses import span_of
from .positions import Sentences

ACCORDING = "according to"


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
        source = _viewpoint(tok)
        if source is not None:
            out.append((tok, source))
    return out


def _viewpoint(tok):
    """The holder of a view that opens a sentence like "according to": "In his view, ...",
    "In the view of Gonzalez, ...", "As he sees it, ...", "As Miller put it, ..."; else None."""
    if tok.lower_ not in ("view", "opinion", "see", "sees", "put", "puts"):
        return None
    first = tok.sent[0].i
    if tok.lower_ in ("view", "opinion") and tok.head.lower_ == "in" and tok.head.i <= first + 1:
        owner = [c for c in tok.children if c.dep_ == "poss"]
        of = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        return (owner or of or [None])[0]
    marked = any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)
    if tok.lemma_.lower() in ("see", "put") and tok.i <= first + 4 and marked and any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children):
        return next((c for c in tok.children if c.dep_ == "nsubj"), None)
    return None


def according_clause(tok, sentences: Sentences) -> list[tuple[int, int]]:
    """What "according to X" reports: the words after it when it opens the sentence (after at
    most two words: "But according to X, ..."), the whole sentence when it is an aside between
    commas, else the words before it ("Trump lied, according to X")."""
    sent = sentences.of(tok)
    phrase_s, phrase_e = span_of([tok])
    text = tok.doc.text
    opener = text[sent.start_char : phrase_s].split()  # "But according to X, ...", "In 2017, according to X, ..."
    after = len(text[phrase_e : sent.end_char].split()) >= 3
    if opener and after and text[phrase_s - 2 : phrase_s].strip() == "," and text[phrase_e : phrase_e + 1] == ",":
        return [(sent.start_char, sent.end_char)]  # "The professor, according to X, failed her because ..."
    if phrase_s - sent.start_char < 3 or (len(opener) <= 2 and after):
        return [(phrase_e, sent.end_char)]
    return [(sent.start_char, phrase_s)]


_ACCORDING_TAIL = re.compile(r",\s+according to\b", re.IGNORECASE)


def before_according(text: str, span: tuple[int, int], end: int, cue: str) -> int:
    """A said-clause ends before a trailing ", according to Z" (who relayed it)."""
    if cue == ACCORDING:
        return end
    m = _ACCORDING_TAIL.search(text, span[0], end)
    return m.start() if m is not None else end
