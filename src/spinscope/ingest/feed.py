"""RSS/Atom feeds -> one Article per entry (feedparser)."""

from __future__ import annotations

import calendar
from datetime import UTC, datetime
from typing import Any

import feedparser

from ..errors import MalformedInputError
from ..model import Article
from .html import html_to_text


def looks_like_feed(text: str) -> bool:
    head = text[:4096].lstrip().lower()
    return head.startswith("<?xml") and ("<rss" in head or "<feed" in head or "<rdf:rdf" in head) or head.startswith(("<rss", "<feed"))


def _entry_time(entry: Any) -> datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)


def _entry_html(entry: Any) -> str:
    contents = entry.get("content") or []
    if contents:
        return max((c.get("value", "") for c in contents), key=len)
    return entry.get("summary", "") or ""


def read_feed(data: bytes | str, source: str) -> tuple[list[Article], list[str]]:
    """Articles of a feed, and a reason for each entry that had no text."""
    parsed = feedparser.parse(data)
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
        title = (entry.get("title") or "").strip() or None
        if not body.strip():
            skipped.append(f"entry {index} ({title or entry.get('link', '?')}) has no text")
            continue
        text = f"{title}\n\n{body}" if title else body
        articles.append(
            Article(
                text=text,
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
