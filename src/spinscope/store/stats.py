"""Corpus statistics as SQL aggregates over the latest analysis of every article."""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy import Connection, distinct, func, select

from ..errors import UsageError
from . import schema as s
from .counts import counted
from .query import ANALYSES, ARTICLES, OUTLETS, base_from, conditions, filtered_from, matching
from .types import OutletSummary, SearchQuery, StatsBy


def _stats_from(q: SearchQuery, child: Any, *, outlet: bool) -> Any:
    """articles (joined only as the filters need, and with outlets when grouping by outlet)
    joined with the ``child`` rows of their latest analysis."""
    frm = filtered_from(q)
    if outlet and q.outlet is None:
        frm = frm.join(OUTLETS, OUTLETS.c.id == ARTICLES.c.outlet_id)
    return frm.join(child, child.c.analysis_id == ARTICLES.c.latest_analysis_id)


def _where(conn: Connection, q: SearchQuery) -> list[Any]:
    """The conditions of every filter of ``q``, the full-text query included."""
    where = conditions(q)
    if q.text is not None:
        hits = matching(dataclasses.replace(q, limit=0, offset=0), conn.dialect.name, [ARTICLES.c.pk], ordered=False)
        where.append(ARTICLES.c.pk.in_(hits.correlate(None)))  # the same table: never correlate
    return where


def _group(by: StatsBy) -> tuple[str, Any]:
    if by == "outlet":
        return "outlet", OUTLETS.c.name
    if by == "month":
        return "month", ARTICLES.c.published_month
    if by == "day":
        return "day", func.date(ARTICLES.c.published)
    if by == "language":
        return "language", ARTICLES.c.language
    raise UsageError(f"unknown grouping {by!r}: use 'outlet', 'month', 'day' or 'language'")


def _day(key: Any) -> Any:
    """A day key as ``YYYY-MM-DD`` (SQLite gives text, PostgreSQL a date)."""
    return key.isoformat() if hasattr(key, "isoformat") else key


def article_stats(conn: Connection, by: StatsBy, q: SearchQuery) -> list[dict[str, Any]]:
    """Matching articles and their words per outlet, month or day: the denominators of rates.
    Words are the gaps between them plus one: spaces and line breaks, a blank line or a double
    space counted once (SQL both dialects run; a longer run of blanks still counts extra)."""
    name, key = _group(by)
    text = ARTICLES.c.text

    def occurrences(piece: str) -> Any:
        return (func.length(text) - func.length(func.replace(text, piece, ""))) / len(piece)

    gaps = occurrences(" ") + occurrences("\n") - occurrences("\n\n") - occurrences("  ")
    frm = filtered_from(q)
    if by == "outlet" and q.outlet is None:
        frm = frm.join(OUTLETS, OUTLETS.c.id == ARTICLES.c.outlet_id)
    stmt = (
        select(key.label("key"), func.count().label("n"), func.sum(gaps + 1).label("words"))
        .select_from(frm)
        .where(*_where(conn, q), key.is_not(None))
        .group_by(key)
        .order_by(key)
    )
    return [
        {name: _day(r.key), "n_articles": int(r.n), "n_words": int(r.words or 0)} for r in conn.execute(stmt)
    ]


def outlets(conn: Connection) -> list[OutletSummary]:
    rows = conn.execute(
        select(
            OUTLETS.c.name,
            func.count(ARTICLES.c.pk).label("n"),
            func.min(ARTICLES.c.published).label("first"),
            func.max(ARTICLES.c.published).label("last"),
        )
        .select_from(OUTLETS.join(ARTICLES, ARTICLES.c.outlet_id == OUTLETS.c.id))
        .group_by(OUTLETS.c.name)
        .order_by(func.count(ARTICLES.c.pk).desc(), OUTLETS.c.name)
    ).all()
    genres: dict[str, dict[str, int]] = {}
    for r in conn.execute(
        select(OUTLETS.c.name, ANALYSES.c.genre, func.count().label("n"))
        .select_from(base_from())
        .where(OUTLETS.c.name.is_not(None), ANALYSES.c.genre.is_not(None))
        .group_by(OUTLETS.c.name, ANALYSES.c.genre)
    ):
        genres.setdefault(r.name, {})[r.genre] = int(r.n)
    return [
        OutletSummary(
            name=r.name,
            n_articles=int(r.n),
            first_published=r.first,
            last_published=r.last,
            genre_counts=dict(sorted(genres.get(r.name, {}).items())),
        )
        for r in rows
    ]


def technique_stats(conn: Connection, by: StatsBy, q: SearchQuery) -> list[dict[str, Any]]:
    name, key = _group(by)
    t = s.techniques
    where = [*_where(conn, dataclasses.replace(q, voice=None)), key.is_not(None)]
    if q.voice is not None:
        where.append(t.c.voice == q.voice)
    where += counted(t, q)
    stmt = (
        select(
            key.label("key"),
            t.c.label,
            func.count().label("n"),
            func.count(distinct(ARTICLES.c.pk)).label("n_articles"),
        )
        .select_from(_stats_from(q, t, outlet=by == "outlet"))
        .where(*where)
        .group_by(key, t.c.label)
        .order_by(key, t.c.label)
    )
    return [
        {name: _day(r.key), "technique": r.label, "count": int(r.n), "n_articles": int(r.n_articles)}
        for r in conn.execute(stmt)
    ]


def frame_stats(conn: Connection, by: StatsBy, q: SearchQuery) -> list[dict[str, Any]]:
    name, key = _group(by)
    f = s.frames
    stmt = (
        select(key.label("key"), f.c.label, func.count(distinct(ARTICLES.c.pk)).label("n"))
        .select_from(_stats_from(q, f, outlet=by == "outlet"))
        .where(*_where(conn, q), key.is_not(None))
        .group_by(key, f.c.label)
        .order_by(key, f.c.label)
    )
    return [{name: _day(r.key), "frame": r.label, "count": int(r.n)} for r in conn.execute(stmt)]


def top_actors(conn: Connection, q: SearchQuery, limit: int) -> list[dict[str, Any]]:
    """The most named actors, the names the alias table links counted as one actor."""
    e, names = s.entities, s.actor_names
    actor = func.coalesce(names.c.actor_key, e.c.canonical_key)
    n_articles = func.count(distinct(ARTICLES.c.pk))
    n_mentions = func.sum(e.c.n_mentions)
    stmt = (
        select(
            actor.label("actor"),
            func.min(e.c.canonical).label("canonical"),
            func.min(e.c.type).label("type"),
            n_articles.label("n_articles"),
            n_mentions.label("n_mentions"),
        )
        .select_from(_stats_from(q, e, outlet=False).outerjoin(names, names.c.name_key == e.c.canonical_key))
        .where(*_where(conn, q))
        .group_by(actor)
        .order_by(n_articles.desc(), n_mentions.desc(), actor)
        .limit(max(0, int(limit)))
    )
    rows = conn.execute(stmt).all()
    heads = {
        r.name_key: r
        for r in conn.execute(
            select(names.c.name_key, names.c.name, names.c.type).where(names.c.name_key.in_([r.actor for r in rows]))
        )
    }
    types = _majority_types(conn, q, [r.actor for r in rows])
    out = []
    for r in rows:
        head = heads.get(r.actor)
        out.append(
            {
                "canonical": head.name if head else r.canonical,
                "type": types.get(r.actor) or (head.type if head else r.type),
                "n_articles": int(r.n_articles),
                "n_mentions": int(r.n_mentions or 0),
            }
        )
    return out


def _majority_types(conn: Connection, q: SearchQuery, actors: list[str]) -> dict[str, str]:
    """The type most of an actor's articles give it ("Veldra" a place in four articles and a
    person in one is a place; the alias table keeps "a person once is a person" for linking)."""
    if not actors:
        return {}
    e, names = s.entities, s.actor_names
    actor = func.coalesce(names.c.actor_key, e.c.canonical_key)
    stmt = (
        select(actor.label("actor"), e.c.type, func.count(distinct(ARTICLES.c.pk)).label("n"))
        .select_from(_stats_from(q, e, outlet=False).outerjoin(names, names.c.name_key == e.c.canonical_key))
        .where(*_where(conn, q), actor.in_(actors))
        .group_by(actor, e.c.type)
    )
    best: dict[str, tuple[int, str]] = {}
    for r in conn.execute(stmt):
        n, etype = int(r.n), str(r.type)
        if r.actor not in best or (n, etype == "PERSON") > (best[r.actor][0], best[r.actor][1] == "PERSON"):
            best[r.actor] = (n, etype)
    return {k: v[1] for k, v in best.items()}


def who_quotes_whom(conn: Connection, q: SearchQuery, limit: int) -> list[dict[str, Any]]:
    """Quoted speakers per outlet; a statement counts once (a quotation lying inside another
    one of the same analysis, such as a partial quote within an indirect one, is not counted)."""
    qt = s.quotes
    outer = s.quotes.alias("outer_quote")
    nested = (
        select(outer.c.id)
        .where(
            outer.c.analysis_id == qt.c.analysis_id,
            outer.c.id != qt.c.id,
            outer.c.start <= qt.c.start,
            outer.c.end >= qt.c.end,
            (outer.c.end - outer.c.start > qt.c.end - qt.c.start) | (outer.c.id < qt.c.id),
        )
        .exists()
    )
    n_quotes = func.count()
    stmt = (
        select(
            OUTLETS.c.name.label("outlet"),
            qt.c.speaker,
            n_quotes.label("n_quotes"),
            func.count(distinct(ARTICLES.c.pk)).label("n_articles"),
        )
        .select_from(_stats_from(q, qt, outlet=True))
        .where(*_where(conn, q), OUTLETS.c.name.is_not(None), qt.c.speaker.is_not(None), ~nested)
        .group_by(OUTLETS.c.name, qt.c.speaker)
        .order_by(n_quotes.desc(), OUTLETS.c.name, qt.c.speaker)
        .limit(max(0, int(limit)))
    )
    return [
        {"outlet": r.outlet, "speaker": r.speaker, "n_quotes": int(r.n_quotes), "n_articles": int(r.n_articles)}
        for r in conn.execute(stmt)
    ]
