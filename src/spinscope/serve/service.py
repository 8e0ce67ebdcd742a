"""Turning what a user submits (pasted text, an uploaded file, a URL) into analysed
articles, and saving them. Used by both the Analyze page and ``POST /api/…``."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EmptyInputError, InputTooLargeError, UsageError
from ..model import Article
from ..store import AddResult, Store

Analyzer = Callable[[list[Article]], object]

_SAFE_SUFFIXES = {".txt", ".html", ".htm", ".xml", ".rss", ".atom", ".json", ".jsonl", ".md"}


@dataclass
class Submission:
    """One analyze request: exactly one of ``text``, ``upload`` or ``url``."""

    text: str | None = None
    title: str | None = None
    upload: bytes | None = None
    filename: str | None = None
    url: str | None = None
    outlet: str | None = None

    def kind(self) -> str:
        given = [k for k, v in (("text", self.text), ("upload", self.upload), ("url", self.url)) if v]
        if not given:
            raise EmptyInputError("nothing to analyse: paste a text, choose a file or give a URL")
        if len(given) > 1:
            raise UsageError(f"give one input, not {' and '.join(given)}")
        return given[0]


@dataclass
class Outcome:
    articles: list[Article]
    saved: list[AddResult] = field(default_factory=list)


def read_submission(sub: Submission, *, max_bytes: int) -> list[Article]:
    """Read the submission into (not yet analysed) articles."""
    from ..ingest import ReadOptions, read, read_text

    kind = sub.kind()
    options = ReadOptions(max_bytes=max_bytes, outlet=sub.outlet)
    if kind == "text":
        assert sub.text is not None
        if len(sub.text.encode("utf-8")) > max_bytes:
            raise InputTooLargeError(f"text over {max_bytes} bytes", source="<text>")
        if not sub.text.strip():
            raise EmptyInputError("the text is empty", source="<text>")
        articles = [read_text(sub.text, source="<text>", title=(sub.title or None))]
    elif kind == "upload":
        assert sub.upload is not None
        if len(sub.upload) > max_bytes:
            raise InputTooLargeError(f"file over {max_bytes} bytes", source=sub.filename)
        suffix = Path(sub.filename or "").suffix.lower()
        fd, path = tempfile.mkstemp(suffix=suffix if suffix in _SAFE_SUFFIXES else ".txt", prefix="spinscope-upload-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(sub.upload)
            articles = read(path, options)
        finally:
            os.unlink(path)
        for article in articles:
            if not article.source or article.source == path:
                article.source = sub.filename or "upload"
    else:
        assert sub.url is not None
        url = sub.url.strip()
        if not url.lower().startswith(("http://", "https://")):
            raise UsageError("the URL must start with http:// or https://", source=url)
        articles = read(url, options)
    if not articles:
        raise EmptyInputError("no article found in the input", source=sub.filename or sub.url)
    for article in articles:
        if sub.outlet:
            article.outlet = sub.outlet
        if sub.title and not article.title and kind != "text":
            article.title = sub.title
    return articles


def run(sub: Submission, analyzer: Analyzer, *, max_bytes: int, store: Store | None = None) -> Outcome:
    """Read, analyse and (when ``store`` is given) save the submission."""
    articles = read_submission(sub, max_bytes=max_bytes)
    analyzer(articles)
    saved = [store.add(a, outlet=sub.outlet) for a in articles] if store is not None else []
    for article, result in zip(articles, saved, strict=False):
        article.id = result.article_id
    return Outcome(articles, saved)
