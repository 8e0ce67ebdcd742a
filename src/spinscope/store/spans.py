"""Technique spans across the corpus: every span of one technique in the latest analysis
of the matching articles, with the sentence around it (the analyst's "spans" view)."""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy import Connection, case, func, select

from ..errors import UsageError
from . import schema as s
from .counts import counted
from .query import ARTICLES, OUTLETS, SNIPPET_CHARS, _lead, filtered_from
from .stats import _where
from .types import SearchQuery

#: Characters of text read on each side of a span to find its sentence.
CONTEXT_CHARS = 400
HEAD_CHARS = SNIPPET_CHARS + 200


def sentence(context: str, start: int, end: int) -> tuple[str, str]:
    """The words of the sentence before and after ``context[start:end]`` (a sentence ends at
    ``. ! ?`` followed by a space, or at a line break), whitespace collapsed."""
    left = 0
    for i in range(start - 1, 0, -1):
        if context[i] == "\n" or (context[i] in ".!?" and i + 1 < len(context) and context[i + 1].isspace()):
            left = i + 1
            break
    right = len(context)
    for i in range(end, len(context)):
        if context[i] == "\n":
            right = i
            break
        if context[i] in ".!?" and (i + 1 == len(context) or context[i + 1].isspace()):
            right = i + 1
            break
    before, after = context[left:start], context[end:right]
    return (" ".join(before.split()) + (" " if before[-1:].isspace() else ""),
            (" " if after[:1].isspace() else "") + " ".join(after.split()))


def technique_spans(conn: Connection, q: SearchQuery, *, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    """(number of spans, one page of them) of technique ``q.technique`` over the articles
    matching ``q``, newest article first, in text order within an article."""
    if q.technique is None:
        raise UsageError("choose a technique (technique=...) to list its spans")
    t = s.techniques
    base = dataclasses.replace(q, technique=None, voice=None, min_score=None, limit=0, offset=0)
    where = [*_where(conn, base), t.c.label == q.technique]
    if q.voice is not None:
        where.append(t.c.voice == q.voice)
    where += counted(t, q)
    frm = filtered_from(base)
    if base.outlet is None:
        frm = frm.outerjoin(OUTLETS, OUTLETS.c.id == ARTICLES.c.outlet_id)
    frm = frm.join(t, t.c.analysis_id == ARTICLES.c.latest_analysis_id)
    total = int(conn.execute(select(func.count()).select_from(frm).where(*where)).scalar_one())
    lo = case((t.c.start > CONTEXT_CHARS, t.c.start - CONTEXT_CHARS), else_=0)
    stmt = (
        select(
            ARTICLES.c.id, ARTICLES.c.title, ARTICLES.c.published, OUTLETS.c.name.label("outlet"),
            t.c.label, t.c.start, t.c.end, t.c.score, t.c.voice, t.c.speaker, lo.label("lo"),
            func.substr(ARTICLES.c.text, lo + 1, t.c.end - lo + CONTEXT_CHARS).label("context"),
            func.substr(ARTICLES.c.text, 1, HEAD_CHARS).label("head"),
        )
        .select_from(frm)
        .where(*where)
        .order_by(ARTICLES.c.published.desc(), ARTICLES.c.pk.desc(), t.c.start, t.c.id)
        .limit(limit)
        .offset(offset)
    )
    rows = []
    for r in conn.execute(stmt):
        a, b = r.start - r.lo, r.end - r.lo
        before, after = sentence(r.context, a, b)
        rows.append({
            "article_id": r.id, "title": r.title, "lead": _lead(r.head, r.title), "outlet": r.outlet, "published": r.published,
            "technique": r.label, "start": r.start, "end": r.end, "text": r.context[a:b],
            "before": before, "after": after, "score": round(float(r.score), 3),
            "voice": r.voice, "speaker": r.speaker,
        })
    return total, rows
