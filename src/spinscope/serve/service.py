"""Turning what a user submits (pasted text, an uploaded file, a URL) into analysed
articles, and saving them. Used by both the Analyze page and ``POST /api/…``.

Library code: no web types here. The web layer runs :func:`run` in a worker thread
(see :mod:`spinscope.serve.worker`), never on the event loop.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import EmptyInputError, InputTooLargeError, MalformedInputError, UsageError
from ..ingest import ReadOptions, read, read_bytes, read_text
from ..model import Article, compose_text, title_line
from ..store import AddResult, Store
from .options import AnalyzeCallable


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

    @property
    def name(self) -> str:
        """How errors name this input."""
        return self.filename or self.url or "<text>"


@dataclass
class SubmissionResult:
    """The analysed articles of one submission and, when saved, what the store did with each."""

    articles: list[Article]
    saved: list[AddResult] = field(default_factory=list)


def _check_fields(sub: Submission) -> None:
    """Strings a browser or client sent that cannot be stored: lone surrogates, NULs."""
    for what in ("title", "outlet", "url", "filename"):
        value = getattr(sub, what)
        if value and any(c == "\x00" or "\ud800" <= c <= "\udfff" for c in value):
            raise MalformedInputError(f"the {what} contains a NUL or a lone surrogate", source="<request>")


def _with_title(article: Article, title: str) -> None:
    """Give an untitled article ``title`` by the title rule (line 1 of its text)."""
    derived_id = article.id == article.content_hash()[:16]
    article.text = compose_text(title, article.text)
    article.title = title_line(title)
    if derived_id:
        article.id = article.content_hash()[:16]


def read_submission(sub: Submission, *, max_bytes: int) -> list[Article]:
    """Read the submission into (not yet analysed) articles."""
    kind = sub.kind()
    _check_fields(sub)
    options = ReadOptions(max_bytes=max_bytes, outlet=sub.outlet)
    if kind == "text":
        assert sub.text is not None
        if len(sub.text.encode("utf-8", "surrogatepass")) > max_bytes:
            raise InputTooLargeError(f"text over {max_bytes} bytes", source="<text>")
        if not sub.text.strip():
            raise EmptyInputError("the text is empty", source="<text>")
        articles = [read_text(sub.text, source="<text>", title=sub.title or None, options=options)]
    elif kind == "upload":
        assert sub.upload is not None
        if len(sub.upload) > max_bytes:
            raise InputTooLargeError(f"file over {max_bytes} bytes", source=sub.filename)
        articles = read_bytes(sub.upload, sub.filename or "upload", options)
    else:
        assert sub.url is not None
        url = sub.url.strip()
        if not url.lower().startswith(("http://", "https://")):
            raise UsageError("the URL must start with http:// or https://", source=url[:200])
        articles = read(url, options)
    if not articles:
        raise EmptyInputError("no article found in the input", source=sub.name)
    for article in articles:
        if sub.title and not article.title and kind != "text":
            _with_title(article, sub.title)
    return articles


def run(sub: Submission, analyzer: AnalyzeCallable, *, max_bytes: int, store: Store | None = None) -> SubmissionResult:
    """Read, analyse and (when ``store`` is given) save the submission."""
    articles = read_submission(sub, max_bytes=max_bytes)
    analyzer(articles)
    saved = [store.add(a, outlet=sub.outlet) for a in articles] if store is not None else []
    for article, result in zip(articles, saved, strict=False):
        article.id = result.article_id
    return SubmissionResult(articles, saved)
