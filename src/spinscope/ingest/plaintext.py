"""Plain-text articles: the SemEval layout and scraped pages with header lines.

SemEval layout: title on line 1, a blank line, then the body; the text is kept
byte-for-byte (bar newline normalisation and trailing whitespace) so the official
character offsets index it.

Scraped pages such as ``News ID: 96957`` / ``Publish Date : 23 November 2021 - 21:37`` /
``By: ...`` carry metadata in header lines; those become metadata and leave the text.
Trailing boilerplate (``* Comment:``, ``Tags:``, share buttons...) is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from dateutil import parser as dateparser

from ..model import compose_text, title_line

_HEADER = re.compile(
    r"^\s*(?P<key>News\s*ID|Article\s*ID|Publish(?:ed)?\s*(?:Date|On|At)?|Date(?:line)?|Updated|By|Author|Writer|"
    r"Source|Outlet|Title|Headline|URL|Link|Language)\s*:\s*(?P<value>.*?)\s*$",
    re.IGNORECASE,
)
_BY_LINE = re.compile(r"^\s*By\s+(?P<value>[A-Z][^\n]{1,80})$")
_BOILERPLATE = re.compile(
    r"^\s*(\*\s*)?(Comments?|Your comment|Leave a (comment|reply)|Tags?|Keywords|Related( articles| news| posts)?|"
    r"Share( this( article| story)?)?|Follow us( on)?|Read more|Subscribe|Copyright|©)\b\s*[:.]?",
    re.IGNORECASE,
)
_KEYS = {
    "newsid": "news_id", "articleid": "news_id",
    "by": "author", "author": "author", "writer": "author",
    "source": "outlet", "outlet": "outlet",
    "title": "title", "headline": "title",
    "url": "url", "link": "url",
    "language": "language",
}


@dataclass
class ParsedText:
    text: str
    title: str | None = None
    published: datetime | None = None
    meta: dict[str, str] = field(default_factory=dict)


def parse_date(value: str) -> datetime | None:
    """Parse a publish date as written on news sites ("23 November 2021 - 21:37")."""
    cleaned = re.sub(r"\s+[-–|]\s+", " ", value).strip()
    if not cleaned:
        return None
    try:
        return datetime.fromisoformat(cleaned.replace("Z", "+00:00"))
    except ValueError:
        pass
    try:
        return dateparser.parse(cleaned, fuzzy=True, dayfirst=True)
    except (ValueError, OverflowError):
        return None


def _key(raw: str) -> str:
    compact = re.sub(r"\s+", "", raw.lower())
    if compact.startswith(("publish", "date", "updated")):
        return "published"
    return _KEYS.get(compact, compact)


def parse_plaintext(raw: str) -> ParsedText:
    lines = raw.split("\n")
    meta: dict[str, str] = {}
    body_start = 0
    # Header block: leading header lines and blank lines, before the first real paragraph.
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        match = _HEADER.match(line)
        by = _BY_LINE.match(line) if not match else None
        if match and len(line) < 200:
            meta.setdefault(_key(match["key"]), match["value"])
            body_start = i + 1
        elif by and meta:  # a bare "By Jane Doe" line right after other headers
            meta.setdefault("author", by["value"].strip())
            body_start = i + 1
        else:
            break
    # Trailing boilerplate: from the first boilerplate line after the body has begun.
    body_end = len(lines)
    seen_body = False
    for i in range(body_start, len(lines)):
        line = lines[i]
        if _BOILERPLATE.match(line) and seen_body and len(line.strip()) < 120:
            body_end = i
            break
        if line.strip():
            seen_body = True
    if body_start == 0 and body_end == len(lines):
        text = raw.rstrip()  # untouched: external offsets (SemEval spans) stay valid
    else:
        text = "\n".join(lines[body_start:body_end]).strip("\n").rstrip()
    title = title_line(meta.pop("title", None))
    body_lines = text.split("\n")
    if title is None and len(body_lines) >= 3 and body_lines[0].strip() and not body_lines[1].strip():
        first = body_lines[0].strip()
        if len(first) <= 250:
            title = first
    elif title is not None:
        text = compose_text(title, text)
    published = parse_date(meta.pop("published")) if "published" in meta else None
    return ParsedText(text=text, title=title, published=published, meta=meta)
