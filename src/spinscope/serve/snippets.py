"""Matched words highlighted in search snippets, and the one heading rule for search hits.

The snippet stays plain text from the store; here it is escaped and the words of the
query (``"a phrase"``, ``prefix*``, plain words; not ``-excluded`` ones) are wrapped in
``<mark>``, matching case-insensitively at word starts as the full-text index does.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from ..errors import UsageError
from ..store import fulltext


def _pattern(query: str) -> re.Pattern[str] | None:
    try:
        terms = fulltext.parse(query or "")
    except UsageError:
        return None
    parts = []
    for term in terms:
        if term.negated or not term.words:
            continue
        words = [re.escape(w) for w in term.words]
        tail = r"\w*" if term.prefix else r"(?!\w)"
        parts.append(r"\W+".join(words) + tail)
    if not parts:
        return None
    parts.sort(key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")", re.IGNORECASE)


def marks(snippet: str, query: str | None) -> Markup:
    """``snippet`` as safe HTML with the words matching ``query`` in ``<mark>``."""
    text = snippet or ""
    pattern = _pattern(query or "") if query else None
    if pattern is None:
        return escape(text)
    out: list[str] = []
    pos = 0
    for m in pattern.finditer(text):
        out.append(str(escape(text[pos : m.start()])))
        out.append(f"<mark>{escape(m.group(0))}</mark>")
        pos = m.end()
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))  # noqa: S704 - every piece of text is escaped above
