"""Readers: turn files, folders, URLs, feeds and stdin into Articles with metadata.

Formats are recognised by extension first, then by content: HTML pages
(trafilatura), RSS/Atom feeds (feedparser), JSON Lines, and plain text (the SemEval
layout or scraped pages with ``News ID:``/``Publish Date :``/``By:`` header lines).

Every input yields either ``(origin, [Article, ...])`` or a :class:`SpinscopeError`
naming the input and the reason; one bad input never stops the others.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from ..errors import InputError, SpinscopeError
from ..model import Article
from .decode import check_size, decode
from .feed import looks_like_feed, read_feed
from .fetch import fetch, is_url
from .html import looks_like_html, read_html
from .jsonl import looks_like_jsonl, read_jsonl
from .language import detect_language
from .plaintext import parse_plaintext

MAX_INPUT_BYTES = 20 * 1024 * 1024
"""Default size limit of one input (file, URL response, stdin): 20 MB."""

ARTICLE_SUFFIXES = frozenset({".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".xml", ".rss", ".atom", ".jsonl", ".ndjson", ""})
"""Files a directory walk reads; other files (images, archives...) in a folder are skipped."""

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


def _finish(articles: list[Article], options: ReadOptions) -> list[Article]:
    for article in articles:
        if options.outlet:
            article.outlet = options.outlet
        if options.language:
            article.language = options.language
        elif not article.language:
            article.language = detect_language(article.text)
    return articles


def read_text(text: str, *, source: str | None = None, title: str | None = None, options: ReadOptions | None = None) -> Article:
    """One article from a string of plain text (header lines and boilerplate handled)."""
    options = options or ReadOptions()
    parsed = parse_plaintext(text.replace("\r\n", "\n"))
    if title and parsed.title != title:
        parsed.text = f"{title}\n\n{parsed.text}"
        parsed.title = title
    if not parsed.text.strip():
        raise InputError("no article text", source=source)
    meta = parsed.meta
    article = Article(
        text=parsed.text,
        title=parsed.title,
        published=parsed.published,
        author=meta.get("author") or None,
        outlet=meta.get("outlet") or None,
        url=meta.get("url") or None,
        language=meta.get("language") or None,
        source=source,
    )
    return _finish([article], options)[0]


def _from_content(content: str, raw: bytes, origin: str, options: ReadOptions, *, suffix: str = "", url: str | None = None, content_type: str = "") -> Iterator[Item]:
    kind = _kind(content, suffix, content_type)
    if kind == "feed":
        articles, skipped = read_feed(raw, origin)
        for reason in skipped:
            yield InputError(reason, source=origin)
        if articles:
            yield origin, _finish(articles, options)
    elif kind == "html":
        yield origin, _finish([read_html(content, origin, url=url)], options)
    elif kind == "jsonl":
        good: list[Article] = []
        for item in read_jsonl(content, origin):
            if isinstance(item, SpinscopeError):
                yield item
            else:
                good.append(item)
        if good:
            yield origin, _finish(good, options)
    else:
        article = read_text(content, source=origin, options=options)
        if url:
            article.url = article.url or url
        match = _SEMEVAL_NAME.match(Path(origin).name)
        if match:
            article.id = match.group(1)
        yield origin, [article]


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


def _read_bytes(raw: bytes, origin: str, options: ReadOptions, *, suffix: str = "", url: str | None = None, content_type: str = "") -> Iterator[Item]:
    try:
        content = decode(raw, origin, limit=options.max_bytes)
        yield from _from_content(content, raw, origin, options, suffix=suffix, url=url, content_type=content_type)
    except SpinscopeError as exc:
        exc.source = exc.source or origin
        yield exc


def iter_files(directory: Path) -> Iterator[Path]:
    """Article files below ``directory``, recursively, in a stable order; hidden entries skipped."""
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if not name.startswith(".") and path.suffix.lower() in ARTICLE_SUFFIXES:
                yield path


def expand_sources(sources: list[str]) -> list[str]:
    """Directories replaced by the article files below them (for progress totals)."""
    out: list[str] = []
    for source in sources:
        if source != "-" and not is_url(source) and Path(source).is_dir():
            out.extend(str(p) for p in iter_files(Path(source)))
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
        for file in iter_files(path):
            yield from read_source(str(file), options)
        return
    try:
        check_size(path.stat().st_size, options.max_bytes, source)
        with path.open("rb") as fh:
            raw = fh.read(options.max_bytes + 1)
    except FileNotFoundError:
        yield InputError("no such file or directory", source=source)
        return
    except IsADirectoryError:
        yield InputError("is a directory", source=source)
        return
    except PermissionError:
        yield InputError("permission denied", source=source)
        return
    except SpinscopeError as exc:
        yield exc
        return
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", source=source)
        return
    yield from _read_bytes(raw, source, options, suffix=path.suffix.lower())


def read(source: str, options: ReadOptions | None = None) -> list[Article]:
    """All articles of one input; raises the first error (use ``read_source`` to keep going)."""
    articles: list[Article] = []
    for item in read_source(source, options):
        if isinstance(item, SpinscopeError):
            raise item
        articles.extend(item[1])
    return articles
