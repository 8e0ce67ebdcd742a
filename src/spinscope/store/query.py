"""Turning a :class:`SearchQuery` into SQL: filters shared by search, stats and export."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    Connection,
    Float,
    FromClause,
    Integer,
    Select,
    column,
    func,
    literal_column,
    select,
    text,
)
from sqlalchemy.sql.elements import ColumnElement

from . import fulltext
from . import schema as s
from .actor_table import actor_of_key, names_of
from .aliases import key as name_key
from .counts import counted, frame_lists, technique_counts
from .outlets import outlet_key
from .types import ArticleSummary, SearchPage, SearchQuery
from .write import to_naive_utc

ARTICLES, ANALYSES, OUTLETS = s.articles, s.analyses, s.outlets
SNIPPET_CHARS = 240
#: ARTICLES text query with more matches than this lists them newest first instead of by relevance.
RANK_MAX = 5000


def base_from() -> FromClause:
    """articles ⨝ their latest analysis ⟕ outlet."""
    latest = ARTICLES.join(ANALYSES, ANALYSES.c.id == ARTICLES.c.latest_analysis_id)
    return latest.outerjoin(OUTLETS, OUTLETS.c.id == ARTICLES.c.outlet_id)


def _bound(value: date | datetime, upper: bool) -> tuple[datetime, bool]:
    """ARTICLES date bound as a datetime, and whether the comparison is strict (``<``)."""
    if isinstance(value, datetime):
        try:
            return to_naive_utc(value) or value, False
        except OverflowError:  # an aware datetime at the edge of the calendar
            return (datetime.max if upper else datetime.min), False
    if upper:
        if value >= date.max:  # the last day there is: no day after it to stop before
            return datetime.max, False
        return datetime.combine(value + timedelta(days=1), time.min), True
    return datetime.combine(value, time.min), False


def conditions(q: SearchQuery) -> list[ColumnElement[bool]]:
    """WHERE conditions for every filter of ``q`` except the full-text one."""
    where: list[ColumnElement[bool]] = []
    if q.outlet is not None:
        where.append(OUTLETS.c.name_key == outlet_key(q.outlet))  # any spelling (store/outlets.py)
    if q.date_from is not None:
        bound, _ = _bound(q.date_from, upper=False)
        where.append(ARTICLES.c.published >= bound)
    if q.date_to is not None:
        bound, strict = _bound(q.date_to, upper=True)
        where.append(ARTICLES.c.published < bound if strict else ARTICLES.c.published <= bound)
    if q.language is not None:
        where.append(ARTICLES.c.language == q.language)
    if q.genre is not None:
        where.append(ANALYSES.c.genre == q.genre)
    if q.technique is not None or q.voice is not None or q.min_score is not None:
        t = s.techniques
        clause = []
        if q.technique is not None:
            clause.append(t.c.label == q.technique)
        if q.voice is not None:
            clause.append(t.c.voice == q.voice)
        clause += counted(t, q)
        where.append(ARTICLES.c.latest_analysis_id.in_(select(t.c.analysis_id).where(*clause)))
    if q.frame is not None:
        f = s.frames
        where.append(ARTICLES.c.latest_analysis_id.in_(select(f.c.analysis_id).where(f.c.label == q.frame)))
    if q.entity is not None:  # any name of the actor: canonical, an alias, or linked in the alias table
        e, k = s.entity_aliases, name_key(q.entity)
        named = (e.c.alias_key == k) | e.c.alias_key.in_(names_of(actor_of_key(k)))
        where.append(ARTICLES.c.latest_analysis_id.in_(select(e.c.analysis_id).where(named)))
    return where


def _fts(q: SearchQuery, dialect: str) -> tuple[Any, ColumnElement[Any] | None, str | None]:
    """(a FROM/WHERE piece, the relevance ORDER BY, the compiled query) for ``q.text``."""
    terms = fulltext.parse(q.text or "")
    if not terms:
        return None, None, None
    if dialect == "sqlite":
        compiled = fulltext.to_fts5(terms)
        hits = (
            text(
                "SELECT rowid AS pk, bm25(articles_fts, 4.0, 1.0) AS rank FROM articles_fts WHERE articles_fts MATCH :fq"
            )
            .bindparams(fq=compiled)
            .columns(column("pk", Integer), column("rank", Float))
            .subquery("fts")
        )
        return hits, hits.c.rank.asc(), compiled
    compiled = fulltext.to_tsquery(terms)
    tsq = func.to_tsquery(literal_column("'simple'::regconfig"), compiled)
    tsv: ColumnElement[Any] = literal_column("articles.tsv")
    return tsv.op("@@")(tsq), func.ts_rank(tsv, tsq).desc(), compiled


def filtered_from(q: SearchQuery) -> FromClause:
    """articles, joined only with what the filters of ``q`` need."""
    frm: FromClause = ARTICLES
    if q.genre is not None:
        frm = frm.join(ANALYSES, ANALYSES.c.id == ARTICLES.c.latest_analysis_id)
    if q.outlet is not None:
        frm = frm.join(OUTLETS, OUTLETS.c.id == ARTICLES.c.outlet_id)
    return frm


def matching(
    q: SearchQuery, dialect: str, columns: Sequence[Any], *, ordered: bool = True, ranked: bool = True
) -> Select[Any]:
    """SELECT ``columns`` (of ``articles``) of every article matching ``q``, in result order:
    by relevance for a text query when ``ranked``, then newest first.

    With ``ordered=False`` (counting) there is no ORDER BY and no relevance score.
    """
    frm = filtered_from(q)
    where = conditions(q)
    fts, rank, compiled = _fts(q, dialect)
    use_rank = fts is not None and ordered and ranked
    if fts is not None and dialect == "sqlite":
        if use_rank:
            frm = frm.join(fts, fts.c.pk == ARTICLES.c.pk)
        else:
            hits = text("SELECT rowid FROM articles_fts WHERE articles_fts MATCH :fq").bindparams(fq=compiled)
            # "pk + 0": keep SQLite from driving the query by the (possibly huge) match list, so
            # that it walks the newest-first index and stops after one page.
            key = ARTICLES.c.pk + 0 if ordered else ARTICLES.c.pk
            where.append(key.in_(hits.columns(column("rowid", Integer))))
    elif fts is not None:
        where.append(fts)
    stmt = select(*columns).select_from(frm)
    if where:
        stmt = stmt.where(*where)
    if not ordered:
        return stmt
    # Newest first, undated last (SQLite sorts NULL last in DESC already; spelling it out
    # would keep it from using the index).
    newest = ARTICLES.c.published.desc() if dialect == "sqlite" else ARTICLES.c.published.desc().nulls_last()
    order: list[ColumnElement[Any]] = [rank] if use_rank and rank is not None else []
    return stmt.order_by(*order, newest, ARTICLES.c.pk.desc())


def _has_filters(q: SearchQuery) -> bool:
    """Whether ``q`` filters on anything besides its text."""
    return dataclasses.replace(q, text=None, limit=0, offset=0, thresholds=()) != SearchQuery(limit=0, offset=0)


def _count(conn: Connection, q: SearchQuery, compiled: str | None) -> int:
    """The number of matches (straight from the FTS5 index for a text-only query)."""
    dialect = conn.dialect.name
    if dialect == "sqlite" and compiled is not None and not _has_filters(q):
        stmt = text("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH :fq").bindparams(fq=compiled)
        return int(conn.execute(stmt).scalar_one())
    matched = matching(q, dialect, [ARTICLES.c.pk], ordered=False)
    return int(conn.execute(select(func.count()).select_from(matched.subquery())).scalar_one())


def search(conn: Connection, q: SearchQuery) -> SearchPage:
    """One page of hits and the total."""
    dialect = conn.dialect.name
    _, _, compiled = _fts(q, dialect)
    total = _count(conn, q, compiled)
    # Ranking scores every match; past RANK_MAX matches, newest first is as useful and much faster.
    ranked = compiled is not None and total <= RANK_MAX
    ids = matching(q, dialect, [ARTICLES.c.pk, ARTICLES.c.latest_analysis_id], ranked=ranked)
    keys = [(r.pk, r.latest_analysis_id) for r in conn.execute(ids.limit(q.limit).offset(q.offset))]
    items = summaries(conn, keys, q)
    return SearchPage(total=total, items=items, limit=q.limit, offset=q.offset)


def rows_by_pk(conn: Connection, pks: list[int], *extra: Any) -> dict[int, Any]:
    """pk -> row of the article's metadata, its latest analysis' genre, and ``extra`` columns."""
    stmt = (
        select(
            ARTICLES.c.pk,
            ARTICLES.c.id,
            ARTICLES.c.title,
            OUTLETS.c.name.label("outlet"),
            ARTICLES.c.published,
            ARTICLES.c.language,
            ANALYSES.c.genre,
            *extra,
        )
        .select_from(base_from())
        .where(ARTICLES.c.pk.in_(pks))
    )
    return {r.pk: r for r in conn.execute(stmt)}


def summaries(conn: Connection, keys: list[tuple[int, int]], q: SearchQuery | None = None) -> list[ArticleSummary]:
    """ArticleSummary for each (article pk, analysis id), in the given order."""
    if not keys:
        return []
    pks = [k[0] for k in keys]
    analysis_ids = [k[1] for k in keys]
    rows = rows_by_pk(conn, pks, func.substr(ARTICLES.c.text, 1, SNIPPET_CHARS + 200).label("head"))
    frames = frame_lists(conn, analysis_ids)
    counts = technique_counts(conn, analysis_ids, q)
    titles = {pk: row.title for pk, row in rows.items()}
    snippets = _match_snippets(conn, titles, q) if q is not None and q.text else {}
    out: list[ArticleSummary] = []
    for pk, analysis_id in keys:
        r = rows[pk]
        out.append(
            ArticleSummary(
                id=r.id,
                title=r.title,
                outlet=r.outlet,
                published=r.published,
                language=r.language,
                genre=r.genre,
                frames=frames.get(analysis_id, []),
                technique_counts=counts.get(analysis_id, {}),
                snippet=snippets.get(pk) or _lead(r.head, r.title),
                lead=_lead(r.head, r.title),
            )
        )
    return out


def _lead(head: str, title: str | None) -> str:
    """The first words of the body (the title line is shown separately)."""
    body = head
    if title and body.startswith(title):
        body = body[len(title) :]
    body = " ".join(body.split())
    if len(body) <= SNIPPET_CHARS:
        return body
    cut = body.rfind(" ", 0, SNIPPET_CHARS)
    return body[: cut if cut > 0 else SNIPPET_CHARS] + " …"


def _match_snippets(conn: Connection, titles: dict[int, str | None], q: SearchQuery) -> dict[int, str]:
    """The passage around the matched words, as plain text (``titles``: pk -> title of each hit)."""
    pks = list(titles)
    _, _, compiled = _fts(q, conn.dialect.name)
    if compiled is None:
        return {}
    if conn.dialect.name == "sqlite":
        stmt = text(
            "SELECT rowid AS pk, snippet(articles_fts, 1, '', '', ' … ', 32) AS snip FROM articles_fts "
            "WHERE articles_fts MATCH :fq AND rowid IN (SELECT value FROM json_each(:pks))"
        )
        rows = conn.execute(stmt, {"fq": compiled, "pks": json.dumps(pks)})
    else:
        stmt = text(
            "SELECT pk, ts_headline('simple'::regconfig, text, to_tsquery('simple'::regconfig, :fq), "
            '\'StartSel="", StopSel="", MaxWords=40, MinWords=20, MaxFragments=2, FragmentDelimiter=" … "\') '
            "AS snip FROM articles WHERE pk = ANY(:pks)"
        )
        rows = conn.execute(stmt, {"fq": compiled, "pks": pks})
    found: dict[int, str] = {}
    for r in rows:
        snippet = " ".join(r.snip.split())
        title = titles.get(r.pk)
        if title and snippet.startswith(title + " "):
            snippet = snippet[len(title) + 1 :]
        found[r.pk] = snippet
    return found
