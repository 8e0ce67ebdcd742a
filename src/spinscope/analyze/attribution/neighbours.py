"""Cues just outside a quotation's sentences (a step of the ``quotes`` analyzer): the parser
sometimes splits a cue off into the next sentence (“How dare you!” | Sessions said) or puts it in
the one before (Moeti said: | “We will …”; "X issued a statement." | “…”)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from .cues import Cue
from .marks import Mark
from .positions import Sentences


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
        last = between(prev.start_char, prev.end_char)[-1:]
        if text[prev.start_char : prev.end_char].rstrip().endswith(":"):
            return last
        if last and last[0][0].pos_ == "NOUN" and not re.search(r"\w", text[last[0][0].idx + len(last[0][0]) : prev.end_char]):
            return last  # "Giuliani and Sekulow issued a statement. | “We’re pleased ...”": the statement's words
    return []
