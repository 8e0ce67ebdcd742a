"""JSON Lines: one article per line, ``{"text": ..., "title", "url", "published", "outlet", "author", "language", "id"}``.

Every line is checked before it becomes an Article: it must be a JSON object (nested
at most a few hundred levels), ``text`` a non-empty string, the other fields strings
or null (``id`` may be a number), and no string may hold a lone surrogate or a NUL.
A bad line is reported as ``file:line`` with the reason; the other lines are read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..errors import MalformedInputError, SpinscopeError
from ..model import Article, compose_text, title_line
from .plaintext import parse_date
from .validate import check_text

STRING_FIELDS = ("title", "url", "published", "outlet", "author", "language")
"""Optional fields that must be strings (or null) when present."""


def looks_like_jsonl(text: str) -> bool:
    return text.lstrip().startswith("{")


def _load(line: str) -> Any:
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise MalformedInputError(f"invalid JSON: {exc.msg} (column {exc.colno})") from exc
    except RecursionError as exc:
        raise MalformedInputError("invalid JSON: nested too deeply") from exc


def _record(record: Any) -> dict[str, Any]:
    """The validated fields of one line, or a MalformedInputError saying what is wrong."""
    if not isinstance(record, dict):
        raise MalformedInputError("each line must be a JSON object")
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        raise MalformedInputError('missing or empty "text" field (must be a non-empty string)')
    fields: dict[str, Any] = {"text": body}
    for name in STRING_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise MalformedInputError(f'field "{name}" must be a string, not {_json_type(value)}')
        fields[name] = value or None
    ident = record.get("id")
    if ident is not None and (isinstance(ident, bool) or not isinstance(ident, (str, int))):
        raise MalformedInputError(f'field "id" must be a string or an integer, not {_json_type(ident)}')
    fields["id"] = str(ident) if ident is not None else ""
    for name, value in fields.items():
        if isinstance(value, str):
            check_text(value, f'field "{name}"')
    return fields


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "a list", bool: "a boolean", int: "a number", float: "a number", str: "a string"}
    return names.get(type(value), type(value).__name__)


def read_jsonl(text: str, source: str) -> Iterator[Article | SpinscopeError]:
    """Yield an Article per line, or an error naming ``source:line`` for a bad line."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            fields = _record(_load(line))
        except MalformedInputError as exc:
            exc.source = where
            yield exc
            continue
        title = title_line(fields["title"])
        published = fields["published"]
        yield Article(
            text=compose_text(title, fields["text"].replace("\r\n", "\n").strip("\n")),
            id=fields["id"],
            title=title,
            published=parse_date(published) if published else None,
            author=fields["author"],
            outlet=fields["outlet"],
            url=fields["url"],
            language=fields["language"],
            source=where,
        )
