"""The ``voice`` analyzer: is a technique span the outlet's own voice or a quoted source?

A technique span is ``voice="quoted"`` when at least half of it lies inside a quote
(direct, partial or indirect); ``speaker`` is then that quote's speaker (the innermost
quote wins, so a partial quotation inside reported speech gives its own speaker).
Everything else is ``voice="author"`` with ``speaker=None``.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate

from ...model import Article, Quote, TechniqueSpan

MIN_INSIDE = 0.5


def quote_for(span: TechniqueSpan, quotes: list[Quote]) -> Quote | None:
    """The innermost quote holding at least half of ``span``, else None."""
    return _Quotes(quotes).holding(span)


class _Quotes:
    """Quotes ordered by start with the running maximum of their ends, so the quotes
    overlapping a span are found by bisection and a short backward walk, not a scan of
    every quote for every span (quotes nest only a level or two deep)."""

    def __init__(self, quotes: list[Quote]) -> None:
        self.quotes = quotes
        self.order = sorted(range(len(quotes)), key=lambda i: quotes[i].start)
        self.starts = [quotes[i].start for i in self.order]
        self.reach = list(accumulate((quotes[i].end for i in self.order), max))

    def holding(self, span: TechniqueSpan) -> Quote | None:
        length = max(1, span.end - span.start)
        k = bisect_left(self.starts, span.end)  # quotes starting before the span ends
        near: list[int] = []
        while k > 0 and self.reach[k - 1] > span.start:
            k -= 1
            near.append(self.order[k])
        best: Quote | None = None
        for q in (self.quotes[i] for i in sorted(near)):  # list order, as ties go to the first
            overlap = min(span.end, q.end) - max(span.start, q.start)
            if overlap <= 0 or overlap / length < MIN_INSIDE:
                continue
            if best is None or (q.end - q.start) < (best.end - best.start):
                best = q
        return best


class VoiceAnalyzer:
    """Sets ``voice``/``speaker`` on every technique span from the article's quotes."""

    name = "voice"
    reads = ("techniques", "quotes")
    writes = ("techniques",)
    version = "overlap-1"

    def __call__(self, articles: list[Article]) -> None:
        for article in articles:
            quotes = _Quotes(article.quotes)
            for span in article.techniques:
                quote = quotes.holding(span)
                if quote is None:
                    span.voice, span.speaker = "author", None
                else:
                    span.voice, span.speaker = "quoted", quote.speaker
