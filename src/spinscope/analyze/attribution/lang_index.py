"""Look-ups of the ``quotes`` analyzer beyond English (:mod:`.lang_quotes`): entity mentions
around a cue and the reported speech holding a quotation, each by bisection, so that the
work per cue or quotation is bounded however long the text is.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ...model import Entity


@dataclass
class Speaker:
    name: str | None
    start: int | None = None
    end: int | None = None


class Mentions:
    """Entity mentions in text order, by bisection."""

    def __init__(self, entities: list[Entity]) -> None:
        items = sorted((m.start, m.end, e.canonical, e.type) for e in entities for m in e.mentions)
        self.items = items
        self.starts = [i[0] for i in items]
        self.people = [i for i in items if i[3] == "PERSON"]
        self.full = [i for i in self.people if len(i[2].split()) > 1]

    def first_in(self, text: str, start: int, end: int, skip) -> Speaker | None:
        """The first person named in (start, end), else the first name (``skip``: positions to ignore)."""
        found = [i for i in self.items[bisect_left(self.starts, start) : bisect_left(self.starts, end)] if i[1] <= end and not skip(i[0])]
        best = next((i for i in found if i[3] == "PERSON"), None)
        if best is None and found and (found[0][3] == "ORG" or len(text[start : found[0][0]].split()) <= 1):
            best = found[0]  # "– poinformowała agencja KCNA"; a place only right after the cue
        return Speaker(best[2], best[0], best[1]) if best else None

    def last_person(self, end: int, skip) -> Speaker | None:
        """The last person named in full (two words or more) before ``end``, else the last person."""
        for pool in (self.full, self.people):
            k = bisect_left(pool, (end,))
            for i in reversed(pool[max(0, k - 64) : k]):  # a few look-backs, not a scan
                if not skip(i[0]):
                    return Speaker(i[2], i[0], i[1])
        return None

    def last_in(self, start: int, end: int, skip, types: tuple[str, ...] = ()) -> Speaker | None:
        k = bisect_left(self.starts, end) - 1
        while k >= 0 and self.items[k][0] >= start:
            s, e, name, etype = self.items[k]
            if e <= end and (not types or etype in types) and not skip(s):
                return Speaker(name, s, e)
            k -= 1
        return None


class Hosts:
    """Spans ``(start, end, payload)`` that may hold a quotation, by bisection: a host
    starts at most :data:`_HOST_REACH` characters before the quotation (reported speech is
    a clause, not a chapter), so a look-up reads a bounded window."""

    def __init__(self, spans: list) -> None:
        self.spans = sorted(spans, key=lambda x: (x[0], -x[1]))
        self.starts = [x[0] for x in self.spans]

    def holding(self, s: int, e: int, ok=lambda payload: True):
        lo, hi = bisect_left(self.starts, s - _HOST_REACH), bisect_right(self.starts, s)
        return next((x for x in self.spans[lo:hi] if e <= x[1] and ok(x[2])), None)


_HOST_REACH = 3000
