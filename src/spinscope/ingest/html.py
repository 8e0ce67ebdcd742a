"""HTML pages -> one Article, with trafilatura's main-text extraction and metadata."""

from __future__ import annotations

import re
from typing import Any

from ..errors import MalformedInputError
from ..model import Article, compose_text, title_line
from .plaintext import parse_date

_TAG = re.compile(r"<\s*(html|body|p|div|article|head|title|h1)\b", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or len(_TAG.findall(text[:20000])) >= 2


def html_to_text(html: str) -> str:
    """Visible text of an HTML fragment (feed summaries), paragraphs on their own lines."""
    import trafilatura  # here, not at import: it costs start-up to every run that reads no HTML

    doc: Any = trafilatura.bare_extraction(f"<html><body><article>{html}</article></body></html>", favor_recall=True)
    text = doc.text if doc is not None and doc.text else re.sub(r"<[^>]+>", " ", html)
    return "\n".join(" ".join(line.split()) for line in text.split("\n") if line.strip())


def read_html(html: str, source: str, *, url: str | None = None) -> Article:
    import trafilatura

    doc: Any  # trafilatura.Document; typed loosely because its stub is a union with dict
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False, favor_recall=True)
    except Exception as exc:  # trafilatura/lxml raise many types on broken markup
        raise MalformedInputError(f"HTML could not be parsed: {exc}", source=source) from exc
    if doc is None or not (doc.text or "").strip():
        raise MalformedInputError("no article text found in the HTML page", source=source)
    body = "\n".join(line.strip() for line in doc.text.split("\n") if line.strip())
    title = title_line(doc.title)
    return Article(
        text=compose_text(title, body),
        title=title,
        published=parse_date(doc.date) if doc.date else None,
        author=(doc.author or None),
        outlet=(doc.sitename or None),
        url=doc.url or url,
        language=doc.language or None,
        source=source,
    )
