"""Readers: turn files, folders, URLs, feeds and stdin into Articles with metadata.

Formats are recognised by extension first, then by content: HTML pages
(trafilatura), RSS/Atom feeds (feedparser), JSON Lines, and plain text (the SemEval
layout or scraped pages with ``News ID:``/``Publish Date :``/``By:`` header lines).

Every input yields either ``(origin, [Article, ...])`` or a :class:`SpinscopeError`
naming the input and the reason; one bad input never stops the others.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, SpinscopeError
from ..model import Article, compose_text, title_line
from .decode import decode
from .feed import looks_like_feed, read_feed
from .fetch import fetch, is_url
from .files import ARTICLE_SUFFIXES as ARTICLE_SUFFIXES
from .files import read_file, walk
from .html import looks_like_html, read_html
from .jsonl import looks_like_jsonl, read_jsonl
from .language import detect_language
from .plaintext import parse_plaintext
from .validate import check_article, check_text, usable_date

if TYPE_CHECKING:  # httpx, trafilatura and feedparser are imported on the first URL, HTML page or feed
    import httpx

MAX_INPUT_BYTES = 20 * 1024 * 1024
"""Default size limit of one input (file, URL response, stdin): 20 MB."""

_SEMEVAL_NAME = re.compile(r"^article(\d+)\.txt$")

Item = tuple[str, list[Article]] | SpinscopeError


@dataclass
class ReadOptions:
    """How to read inputs. ``outlet``/``language`` override what the reader finds."""

    max_bytes: int = MAX_INPUT_BYTES
    outlet: str | None = None
    language: str | None = None
    timeout: float = 20.0
    transport: httpx.BaseTransport | None = None  # a seam for tests
    skip: Callable[[Article], bool] | None = None
    """Articles for which ``skip(article)`` is true are dropped as soon as they are read
    (before language detection and analysis); ``ingest`` resumes this way, skipping what
    the store already holds. The callable counts what it skips if the caller needs to."""


def _finish(articles: list[Article], options: ReadOptions) -> list[Article]:
    for article in articles:
        if options.outlet:
            article.outlet = options.outlet
        if options.language:
            article.language = options.language
        elif not article.language:
            article.language = detect_language(article.text)
    return articles


def _checked(origin: str, articles: list[Article], options: ReadOptions) -> Iterator[Item]:
    """``(origin, articles)`` for the articles that can be stored; an error for each other."""
    good: list[Article] = []
    for article in articles:
        article.published = usable_date(article.published)
        try:
            check_article(article)
        except SpinscopeError as exc:
            exc.source = article.source or origin
            yield exc
        else:
            if options.skip is None or not options.skip(article):
                good.append(article)
    if good:
        yield origin, _finish(good, options)


def read_text(text: str, *, source: str | None = None, title: str | None = None, options: ReadOptions | None = None) -> Article:
    """One article from a string of plain text (header lines and boilerplate handled)."""
    try:
        check_text(text, "the text")
        check_text(title or "", "the title")
    except SpinscopeError as exc:
        exc.source = source
        raise
    article = _plain(text, source, title)
    article.published = usable_date(article.published)
    return _finish([article], options or ReadOptions())[0]


def _plain(text: str, source: str | None, title: str | None = None) -> Article:
    parsed = parse_plaintext(text.replace("\r\n", "\n"))
    if title_line(title):
        parsed.text = compose_text(title, parsed.text)
        parsed.title = title_line(title)
    if not parsed.text.strip():
        raise InputError("no article text", source=source)
    meta = parsed.meta
    return Article(
        text=parsed.text,
        title=parsed.title,
        published=parsed.published,
        author=meta.get("author") or None,
        outlet=meta.get("outlet") or None,
        url=meta.get("url") or None,
        language=meta.get("language") or None,
        source=source,
    )


def _from_content(content: str, raw: bytes, origin: str, options: ReadOptions, *, suffix: str = "", url: str | None = None, content_type: str = "") -> Iterator[Item]:
    kind = _kind(content, suffix, content_type)
    good: list[Article] = []
    if kind == "feed":
        articles, skipped = read_feed(raw, origin, content)
        yield from (InputError(reason, source=origin) for reason in skipped)
        good = articles
    elif kind == "html":
        good = [read_html(content, origin, url=url)]
    elif kind == "jsonl":
        for item in read_jsonl(content, origin):
            if isinstance(item, SpinscopeError):
                yield item
            else:
                good.append(item)
    else:
        article = _plain(content, origin)
        if url:
            article.url = article.url or url
        match = _SEMEVAL_NAME.match(Path(origin).name)
        if match:
            article.id = match.group(1)
        good = [article]
    yield from _checked(origin, good, options)


def _kind(content: str, suffix: str, content_type: str) -> str:
    ct = content_type.lower()
    if suffix in {".rss", ".atom"} or "rss" in ct or "atom" in ct or looks_like_feed(content):
        return "feed"
    if suffix in {".jsonl", ".ndjson"} or "json" in ct:
        return "jsonl"
    if suffix in {".html", ".htm", ".xhtml"} or "html" in ct or looks_like_html(content):
        return "html"
    if suffix in {".txt", ".text", ".md"}:
        return "text"
    if looks_like_jsonl(content):
        return "jsonl"
    return "text"


def iter_bytes(data: bytes, name: str, options: ReadOptions | None = None) -> Iterator[Item]:
    """Read one input given as bytes (an upload); ``name`` is its file name, whose
    suffix picks the format like a file's would. Yields like :func:`read_source`."""
    yield from _read_bytes(bytes(data), name, options or ReadOptions(), suffix=Path(name).suffix.lower())


def read_bytes(data: bytes, name: str, options: ReadOptions | None = None) -> list[Article]:
    """All articles of one input given as bytes; raises the first error (see :func:`iter_bytes`)."""
    return _collect(iter_bytes(data, name, options))


def _read_bytes(raw: bytes, origin: str, options: ReadOptions, *, suffix: str = "", url: str | None = None, content_type: str = "") -> Iterator[Item]:
    try:
        content = decode(raw, origin, limit=options.max_bytes)
        yield from _from_content(content, raw, origin, options, suffix=suffix, url=url, content_type=content_type)
    except SpinscopeError as exc:
        exc.source = exc.source or origin
        yield exc


def iter_files(directory: Path) -> Iterator[Path]:
    """Article files below ``directory``, recursively, in a stable order; hidden entries skipped
    (and special files, links leading out and unlistable folders: :func:`read_source` reports those)."""
    return (entry for entry in walk(directory) if isinstance(entry, Path))


def expand_sources(sources: list[str]) -> list[str]:
    """Directories replaced by the article files below them (for progress totals).

    A folder holding entries that are not read (special files, links leading out,
    folders that cannot be listed) stays one source, so reading it reports them."""
    out: list[str] = []
    for source in sources:
        if source != "-" and not is_url(source) and Path(source).is_dir():
            entries = list(walk(Path(source)))
            if any(isinstance(e, InputError) for e in entries):
                out.append(source)
            else:
                out.extend(str(p) for p in entries)
        else:
            out.append(source)
    return out


def read_source(source: str, options: ReadOptions | None = None) -> Iterator[Item]:
    """Read one input: a file, a directory (recursively), an http(s) URL, or ``-`` for stdin."""
    options = options or ReadOptions()
    if source == "-":
        raw = sys.stdin.buffer.read(options.max_bytes + 1)
        yield from _read_bytes(raw, "<stdin>", options)
        return
    if is_url(source):
        try:
            fetched = fetch(source, timeout=options.timeout, max_bytes=options.max_bytes, transport=options.transport)
        except SpinscopeError as exc:
            yield exc
            return
        suffix = Path(fetched.url.split("?")[0]).suffix.lower()
        yield from _read_bytes(fetched.content, source, options, suffix=suffix, url=fetched.url, content_type=fetched.content_type)
        return
    path = Path(source)
    if path.is_dir():
        for entry in walk(path):
            yield from (read_source(str(entry), options) if isinstance(entry, Path) else [entry])
        return
    try:
        raw = read_file(path, options.max_bytes)
    except SpinscopeError as exc:
        yield exc
        return
    yield from _read_bytes(raw, source, options, suffix=path.suffix.lower())


def read(source: str, options: ReadOptions | None = None) -> list[Article]:
    """All articles of one input; raises the first error (use ``read_source`` to keep going)."""
    return _collect(read_source(source, options))


def _collect(items: Iterator[Item]) -> list[Article]:
    articles: list[Article] = []
    for item in items:
        if isinstance(item, SpinscopeError):
            raise item
        articles.extend(item[1])
    return articles
