"""Counting a stored article's frames and technique spans, and which spans count (the one
rule of :attr:`SearchQuery.thresholds`)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, case, func, select
from sqlalchemy.sql.elements import ColumnElement

from . import schema as s
from .types import SearchQuery


def counted(t: Any, q: SearchQuery) -> list[ColumnElement[bool]]:
    """The conditions a stored technique span (a row of ``t``) meets to count: its
    technique's threshold in ``q.thresholds`` and ``q.min_score`` when given."""
    where: list[ColumnElement[bool]] = []
    if q.thresholds:
        where.append(t.c.score >= case(dict(q.thresholds), value=t.c.label, else_=0.0))
    if q.min_score is not None:
        where.append(t.c.score >= q.min_score)
    return where


def frame_lists(conn: Connection, analysis_ids: list[int]) -> dict[int, list[str]]:
    f = s.frames
    found: dict[int, list[str]] = defaultdict(list)
    for r in conn.execute(
        select(f.c.analysis_id, f.c.label)
        .where(f.c.analysis_id.in_(analysis_ids))
        .order_by(f.c.analysis_id, f.c.score.desc(), f.c.id)
    ):
        found[r.analysis_id].append(r.label)
    return found


def technique_counts(conn: Connection, analysis_ids: list[int], q: SearchQuery | None = None) -> dict[int, dict[str, int]]:
    """Per analysis, its spans per technique (those that count for ``q``; every one without)."""
    t = s.techniques
    found: dict[int, dict[str, int]] = defaultdict(dict)
    for r in conn.execute(
        select(t.c.analysis_id, t.c.label, func.count().label("n"))
        .where(t.c.analysis_id.in_(analysis_ids), *(counted(t, q) if q is not None else ()))
        .group_by(t.c.analysis_id, t.c.label)
        .order_by(t.c.analysis_id, t.c.label)
    ):
        found[r.analysis_id][r.label] = int(r.n)
    return found
