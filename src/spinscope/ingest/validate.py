"""The last check before an Article leaves the readers: nothing that cannot be stored,
encoded or shown (lone surrogates, NUL characters) gets through."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from ..errors import MalformedInputError
from ..model import Article

EARLIEST_YEAR, LATEST_YEAR = 1000, 2999
"""Publish dates outside these years are dropped (kept as unknown): they are typos or
hostile, and converting them to UTC can overflow."""

_BAD = re.compile(r"[\x00\ud800-\udfff]")

ARTICLE_STRINGS = ("text", "id", "title", "author", "outlet", "url", "language", "source")


def check_text(value: str, what: str) -> None:
    """Raise a MalformedInputError when ``value`` holds a lone surrogate or a NUL."""
    match = _BAD.search(value)
    if match is None:
        return
    char = match.group()
    reason = "a NUL character" if char == "\x00" else f"a lone surrogate (U+{ord(char):04X})"
    raise MalformedInputError(f"{what} contains {reason} at character {match.start()}")


def check_article(article: Article) -> None:
    """Raise a MalformedInputError naming the first field that could not be stored."""
    for name in ARTICLE_STRINGS:
        value = getattr(article, name)
        if value is not None and not isinstance(value, str):
            raise MalformedInputError(f"{name} must be a string, not {type(value).__name__}")
        if value:
            check_text(value, name)


def usable_date(value: datetime | None) -> datetime | None:
    """``value`` when it is a publish date that can be stored and shown, else None."""
    if value is None:
        return None
    try:
        utc = value.astimezone(UTC) if value.tzinfo is not None else value
    except (OverflowError, ValueError):
        return None
    return value if EARLIEST_YEAR <= utc.year <= LATEST_YEAR and EARLIEST_YEAR <= value.year <= LATEST_YEAR else None
