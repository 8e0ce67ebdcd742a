"""Positions in one document, for the ``quotes`` analyzer: sentences by token
(:class:`Sentences`), paragraphs by offset (:class:`Lines`), and the reported speech
around a quotation (:class:`FirstContaining`, :class:`Latest`).

Cost: each look-up is a bisection (or a Fenwick-tree walk) in lists built once per
document, so it does not grow with the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Any


class Sentences:
    """Sentence lookup by token index (``Token.sent`` walks the whole document)."""

    def __init__(self, doc) -> None:
        self.spans = list(doc.sents)
        self.starts = [s.start for s in self.spans]
        self.ends = [s.end_char for s in self.spans]

    def overlapping(self, start: int, end: int) -> list:
        """The sentences overlapping the characters ``[start, end)``, in order."""
        out = []
        k = bisect_right(self.ends, start)  # the first sentence ending after ``start``
        while k < len(self.spans) and self.spans[k].start_char < end:
            out.append(self.spans[k])
            k += 1
        return out

    def of(self, tok):
        return self.spans[self.number(tok)]

    def number(self, tok) -> int:
        """The position of the token's sentence in the document (0 = the first)."""
        return bisect_right(self.starts, tok.i) - 1


class Lines:
    """The line (paragraph) around an offset, by bisection over the newlines."""

    def __init__(self, text: str) -> None:
        self.breaks = [m.start() for m in re.finditer("\n", text)]
        self.length = len(text)

    def around(self, pos: int) -> tuple[int, int]:
        """(start, end) of the line holding ``pos``, newline excluded."""
        k = bisect_left(self.breaks, pos)
        return (self.breaks[k - 1] + 1 if k else 0), (self.breaks[k] if k < len(self.breaks) else self.length)


class FirstContaining:
    """For ranges queried in increasing ``start`` order: the first interval (in the list's
    order) that contains the range. A sweep over interval starts plus a Fenwick tree of
    minimum list positions keyed by interval end: O(log n) a query."""

    def __init__(self, intervals: list[tuple[int, int]]) -> None:
        self.by_start = sorted(range(len(intervals)), key=lambda i: intervals[i][0])
        self.intervals = intervals
        self.ends = sorted({e for _, e in intervals})
        self.tree = [len(intervals)] * (len(self.ends) + 1)  # over reversed end ranks
        self.added = 0

    def first(self, start: int, end: int) -> int | None:
        while self.added < len(self.by_start) and self.intervals[self.by_start[self.added]][0] <= start:
            i = self.by_start[self.added]
            rank = len(self.ends) - bisect_left(self.ends, self.intervals[i][1])  # 1 = largest end
            while rank < len(self.tree):
                self.tree[rank] = min(self.tree[rank], i)
                rank += rank & -rank
            self.added += 1
        rank = len(self.ends) - bisect_left(self.ends, end)  # ends >= ``end`` have ranks 1..rank
        best = len(self.intervals)
        while rank > 0:
            best = min(best, self.tree[rank])
            rank -= rank & -rank
        return best if best < len(self.intervals) else None


class Latest:
    """The most recent attributed speech ending before a position: the previous quotation
    (``last``) or the reported speech with a named speaker that ends latest (the first
    of those in list order on a tie), by bisection."""

    def __init__(self, indirect: list[tuple[int, int, Any, str]]) -> None:
        named = sorted((e, -i, sp) for i, (_s, e, sp, _cue) in enumerate(indirect) if sp.name is not None)
        self.ends = [e for e, _, _ in named]
        self.speakers = [sp for _, _, sp in named]

    def __call__(self, last: tuple[int, Any] | None, before: int) -> tuple[int, Any] | None:
        k = bisect_right(self.ends, before) - 1
        if k < 0 or (last is not None and self.ends[k] <= last[0]):
            return last
        return self.ends[k], self.speakers[k]
