"""The ``voice`` analyzer: is a technique span the outlet's own voice or a quoted source?

A technique span is ``voice="quoted"`` when at least half of it lies inside a quote
(direct, partial or indirect); ``speaker`` is then that quote's speaker (the innermost
quote wins, so a partial quotation inside reported speech gives its own speaker).
Everything else is ``voice="author"`` with ``speaker=None``.
"""

from __future__ import annotations

from ..model import Article, Quote, TechniqueSpan

MIN_INSIDE = 0.5


def quote_for(span: TechniqueSpan, quotes: list[Quote]) -> Quote | None:
    """The innermost quote holding at least half of ``span``, else None."""
    length = max(1, span.end - span.start)
    best: Quote | None = None
    for q in quotes:
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
            for span in article.techniques:
                quote = quote_for(span, article.quotes)
                if quote is None:
                    span.voice, span.speaker = "author", None
                else:
                    span.voice, span.speaker = "quoted", quote.speaker
