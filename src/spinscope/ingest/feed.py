"""RSS/Atom feeds -> one Article per entry (feedparser)."""

from __future__ import annotations

import calendar
import io
import re
from datetime import UTC, datetime
from typing import Any

from ..errors import MalformedInputError
from ..model import Article, compose_text, title_line
from .html import html_to_text


def looks_like_feed(text: str) -> bool:
    head = text[:4096].lstrip().lower()
    return head.startswith("<?xml") and ("<rss" in head or "<feed" in head or "<rdf:rdf" in head) or head.startswith(("<rss", "<feed"))


def _entry_time(entry: Any) -> datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
    except (OverflowError, ValueError, OSError):  # a hostile date: unknown
        return None


def _entry_html(entry: Any) -> str:
    contents = entry.get("content") or []
    if contents:
        return max((c.get("value", "") for c in contents), key=len)
    return entry.get("summary", "") or ""


_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,40})|([0-9]{1,40}));")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")


def _safe_ref(match: re.Match[bytes]) -> bytes:
    """A numeric character reference, or U+FFFD's when it names no storable character
    (out of range, a surrogate, a control character)."""
    hexa, dec = match.groups()
    code = int(hexa, 16) if hexa else int(dec)
    ok = code in (9, 10, 13) or 32 <= code < 0xD800 or 0xE000 <= code <= 0x10FFFF and code not in (0xFFFE, 0xFFFF)
    return match.group() if ok else b"&#xFFFD;"


def _parse(data: bytes, text: str | None, source: str) -> Any:
    """feedparser's result. The content is always handed over as a stream of bytes
    (given a str or bytes, feedparser first tries to open it as a file name or URL).
    When the declared encoding is garbled, the already-decoded ``text`` is parsed as
    UTF-8 with the declaration dropped."""
    import feedparser  # here, not at import: it costs start-up to every run that reads no feed

    data = _CHAR_REF.sub(_safe_ref, data)
    try:
        return feedparser.parse(io.BytesIO(data))
    except Exception as exc:  # feedparser/sgmllib raise many types on hostile markup
        if text is None:
            raise MalformedInputError(f"malformed feed: {type(exc).__name__}: {exc}", source=source) from exc
        return _parse(_XML_DECL.sub("", text, count=1).encode("utf-8", "replace"), None, source)


def read_feed(data: bytes, source: str, text: str | None = None) -> tuple[list[Article], list[str]]:
    """Articles of a feed, and a reason for each entry that had no text.

    ``text`` is the feed already decoded, used when its own encoding declaration is garbled."""
    parsed = _parse(data, text, source)
    if parsed.bozo and not parsed.entries:
        raise MalformedInputError(f"malformed feed XML: {parsed.get('bozo_exception')}", source=source)
    if not parsed.entries:
        raise MalformedInputError("feed has no entries", source=source)
    outlet = parsed.feed.get("title") or None
    language = (parsed.feed.get("language") or "").split("-")[0] or None
    articles: list[Article] = []
    skipped: list[str] = []
    for index, entry in enumerate(parsed.entries, start=1):
        body = html_to_text(_entry_html(entry))
        title = title_line(entry.get("title"))
        if not body.strip():
            skipped.append(f"entry {index} ({title or entry.get('link', '?')}) has no text")
            continue
        articles.append(
            Article(
                text=compose_text(title, body),
                title=title,
                published=_entry_time(entry),
                author=entry.get("author") or None,
                outlet=outlet,
                url=entry.get("link") or None,
                language=language,
                source=f"{source}#{index}",
            )
        )
    if not articles and parsed.bozo:
        raise MalformedInputError(f"malformed feed XML: {parsed.get('bozo_exception')}", source=source)
    return articles, skipped
