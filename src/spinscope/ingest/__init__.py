"""Readers: turn files, folders, URLs, feeds and stdin into Articles with metadata.

(Work in progress: the full readers land in this package; the signatures below are stable.)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import SpinscopeError
from ..model import Article

MAX_INPUT_BYTES = 10 * 1024 * 1024


@dataclass
class ReadOptions:
    max_bytes: int = MAX_INPUT_BYTES
    outlet: str | None = None
    timeout: float = 20.0


def read_text(text: str, *, source: str | None = None, title: str | None = None) -> Article:
    body = text.strip("\n")
    if title:
        body = f"{title}\n\n{body}"
    return Article(text=body, title=title, source=source)


def read_source(source: str, options: ReadOptions | None = None) -> Iterator[tuple[str, list[Article]] | SpinscopeError]:
    with open(source, encoding="utf-8") as fh:
        yield source, [read_text(fh.read(), source=source)]


def read(source: str, options: ReadOptions | None = None) -> list[Article]:
    out: list[Article] = []
    for item in read_source(source, options):
        if isinstance(item, SpinscopeError):
            raise item
        out.extend(item[1])
    return out
