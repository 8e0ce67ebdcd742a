"""JSON Lines: one article per line, ``{"text": ..., "title", "url", "published", "outlet", "author", "language", "id"}``."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..errors import MalformedInputError, SpinscopeError
from ..model import Article
from .plaintext import parse_date


def looks_like_jsonl(text: str) -> bool:
    return text.lstrip().startswith("{")


def read_jsonl(text: str, source: str) -> Iterator[Article | SpinscopeError]:
    """Yield an Article per line, or an error naming ``source:line`` for a bad line."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield MalformedInputError(f"invalid JSON: {exc.msg} (column {exc.colno})", source=where)
            continue
        if not isinstance(record, dict):
            yield MalformedInputError("each line must be a JSON object", source=where)
            continue
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            yield MalformedInputError('missing or empty "text" field', source=where)
            continue
        title = record.get("title") or None
        body = body.replace("\r\n", "\n").strip("\n")
        text = f"{title}\n\n{body}" if title and body.split("\n", 1)[0].strip() != title else body
        published = record.get("published")
        yield Article(
            text=text,
            id=str(record.get("id") or ""),
            title=title,
            published=parse_date(published) if isinstance(published, str) else None,
            author=record.get("author") or None,
            outlet=record.get("outlet") or None,
            url=record.get("url") or None,
            language=record.get("language") or None,
            source=where,
        )
