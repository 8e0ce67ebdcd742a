"""Writing one analysed article: the rows of ``add``, run inside the caller's transaction."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, select, text, update

from ..errors import StoreError
from ..model import Article
from . import actors
from . import schema as s
from .outlets import outlet_display, outlet_key
from .types import AddResult


def models_key(models: dict[str, str]) -> str:
    """Canonical JSON of an analysis' model versions: equal keys = the same analysis."""
    return json.dumps(dict(sorted(models.items())), separators=(",", ":"), ensure_ascii=False)


def to_naive_utc(value: datetime | None) -> datetime | None:
    """Datetimes are stored naive, in UTC (aware values are converted)."""
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(UTC).replace(tzinfo=None)


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def add_article(conn: Connection, article: Article, outlet: str | None) -> AddResult:
    """Store ``article`` (stored / skipped / reanalysed) using ``conn``'s open transaction."""
    if outlet is not None:
        article = dataclasses.replace(article, outlet=outlet)
    digest = article.content_hash()
    key = models_key(article.models)
    a = s.articles
    found = conn.execute(
        select(a.c.pk, a.c.id, a.c.content_hash, a.c.latest_analysis_id, a.c.title).where(
            (a.c.content_hash == digest) | (a.c.id == article.id)
        )
    ).all()
    row = next((r for r in found if r.content_hash == digest), None)
    if row is None:
        article_id = article.id if article.id and not found else _free_id(conn, article.id, digest)
        article = dataclasses.replace(article, id=article_id)
        pk = _insert_article(conn, article, digest)
        analysis_id = _insert_analysis(conn, pk, article, key)
        conn.execute(update(s.articles).where(s.articles.c.pk == pk).values(latest_analysis_id=analysis_id))
        if conn.dialect.name == "sqlite":
            _fts_insert(conn, pk, article.title, article.text)
        actors.register(conn, [(article.entities, set())])
        return AddResult(article_id, "stored", analysis_id)

    existing = conn.execute(
        select(s.analyses.c.id).where(s.analyses.c.article_pk == row.pk, s.analyses.c.models_key == key)
    ).scalar()
    if existing is not None:
        return AddResult(row.id, "skipped", row.latest_analysis_id)

    # Same text, other model versions: keep the old analysis, point to the new one.
    if outlet is None and article.outlet is None:
        article = dataclasses.replace(article, outlet=_outlet_name(conn, row.pk))
    article = dataclasses.replace(article, id=row.id)
    named = select(s.entity_aliases.c.alias_key).where(s.entity_aliases.c.analysis_id == row.latest_analysis_id)
    actors.register(conn, [(article.entities, set(conn.execute(named).scalars()))])
    analysis_id = _insert_analysis(conn, row.pk, article, key)
    conn.execute(
        update(s.articles)
        .where(s.articles.c.pk == row.pk)
        .values(latest_analysis_id=analysis_id, **_metadata(conn, article))
    )
    if conn.dialect.name == "sqlite" and row.title != article.title:
        conn.execute(
            text("INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', :pk, :title, :text)"),
            {"pk": row.pk, "title": row.title, "text": article.text},
        )
        _fts_insert(conn, row.pk, article.title, article.text)
    return AddResult(row.id, "reanalysed", analysis_id)


def _free_id(conn: Connection, wanted: str, digest: str) -> str:
    """``wanted`` unless another text already uses it; then the content hash."""
    for candidate in (wanted, digest[:16], digest):
        if candidate and conn.execute(select(s.articles.c.pk).where(s.articles.c.id == candidate)).first() is None:
            return candidate
    return digest  # unreachable: the digest itself is unique with the text


def _outlet_name(conn: Connection, pk: int) -> str | None:
    return conn.execute(
        select(s.outlets.c.name).join(s.articles, s.articles.c.outlet_id == s.outlets.c.id).where(s.articles.c.pk == pk)
    ).scalar()


def _outlet_id(conn: Connection, name: str | None) -> int | None:
    """The outlet ``name`` is a spelling of (store/outlets.py), added when new."""
    name = outlet_display(name)
    if not name:
        return None
    key = outlet_key(name)
    found = conn.execute(select(s.outlets.c.id).where(s.outlets.c.name_key == key)).scalar()
    if found is not None:
        return int(found)
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        conn.execute(pg_insert(s.outlets).values(name=name, name_key=key).on_conflict_do_nothing())
    else:
        conn.execute(s.outlets.insert().values(name=name, name_key=key))
    return int(conn.execute(select(s.outlets.c.id).where(s.outlets.c.name_key == key)).scalar_one())


def _metadata(conn: Connection, article: Article, cache: dict[str, int | None] | None = None) -> dict[str, object]:
    published = to_naive_utc(article.published)
    if cache is None:
        outlet_id = _outlet_id(conn, article.outlet)
    else:
        key = article.outlet or ""
        if key not in cache:
            cache[key] = _outlet_id(conn, article.outlet)
        outlet_id = cache[key]
    return {
        "outlet_id": outlet_id,
        "title": article.title,
        "published": published,
        "published_month": published.strftime("%Y-%m") if published else None,
        "author": article.author,
        "url": article.url,
        "language": article.language,
        "source": article.source,
    }


def _insert_article(conn: Connection, article: Article, digest: str) -> int:
    result = conn.execute(
        s.articles.insert().values(
            id=article.id, content_hash=digest, text=article.text, created_at=utcnow(), **_metadata(conn, article)
        )
    )
    return _new_key(result.inserted_primary_key)


def _new_key(key: Any) -> int:
    """The integer primary key of a row just inserted."""
    if not key or key[0] is None:
        raise StoreError("the database did not return the new row's key")
    return int(key[0])


def _analysis_row(article_pk: int, article: Article, key: str, created_at: datetime) -> dict[str, object]:
    genre = article.genre.label
    return {
        "article_pk": article_pk,
        "created_at": created_at,
        "models_key": key,
        "genre": genre,
        "genre_score": article.genre.scores.get(genre) if genre else None,
        "n_techniques": len(article.techniques),
        "data": json.dumps(article.to_dict(), ensure_ascii=False),
    }


def _insert_analysis(conn: Connection, article_pk: int, article: Article, key: str) -> int:
    result = conn.execute(s.analyses.insert().values(**_analysis_row(article_pk, article, key, utcnow())))
    analysis_id = _new_key(result.inserted_primary_key)
    for name, rows in _child_rows(analysis_id, article).items():
        if rows:
            conn.execute(s.metadata.tables[name].insert(), rows)
    return analysis_id


def quote_speaker(quote: Any, title: str | None) -> str | None:
    """The speaker of a quotation, unless it was found in the title line (a headline names
    no speaker: "Entire Council Meeting Witnesses" is not a person quoted)."""
    if title and quote.speaker_start is not None and quote.speaker_start < len(title):
        return None
    return quote.speaker


def alias_keys(entities: Iterable[Any]) -> set[str]:
    """The lower-cased names (canonical and aliases) of ``entities``, for the actor filter."""
    keys: set[str] = set()
    for e in entities:
        for name in [e.canonical, *e.aliases]:
            key = (name or "").strip().casefold()[:300]
            if key:
                keys.add(key)
    return keys


def _child_rows(analysis_id: int, article: Article) -> dict[str, list[dict[str, object]]]:
    """The normalised rows of one analysis, by table name."""
    return {
        "techniques": [
            {
                "analysis_id": analysis_id,
                "label": t.label,
                "start": t.start,
                "end": t.end,
                "score": float(t.score),
                "voice": t.voice or "author",
                "speaker": t.speaker,
            }
            for t in article.techniques
        ],
        "frames": [{"analysis_id": analysis_id, "label": f.label, "score": float(f.score)} for f in article.frames],
        "entities": [
            {
                "analysis_id": analysis_id,
                "canonical": e.canonical,
                "canonical_key": e.canonical.casefold()[:300],
                "type": e.type,
                "n_mentions": len(e.mentions),
            }
            for e in article.entities
        ],
        "entity_aliases": [
            {"analysis_id": analysis_id, "alias_key": key} for key in sorted(alias_keys(article.entities))
        ],
        "quotes": [
            {
                "analysis_id": analysis_id,
                "speaker": quote_speaker(q, article.title),
                "kind": q.kind,
                "start": q.start,
                "end": q.end,
            }
            for q in article.quotes
        ],
    }


def _fts_insert(conn: Connection, pk: int, title: str | None, body: str) -> None:
    conn.execute(
        text("INSERT INTO articles_fts(rowid, title, text) VALUES (:pk, :title, :text)"),
        {"pk": pk, "title": title, "text": body},
    )


def add_articles(conn: Connection, articles: list[Article], outlet: str | None) -> list[AddResult]:
    """Store many articles in ``conn``'s transaction with a few multi-row statements.

    New texts (not stored yet, first of their text in the batch, with a free id) are
    inserted in bulk; every other article goes through :func:`add_article` afterwards.
    """
    if outlet is not None:
        articles = [dataclasses.replace(article, outlet=outlet) for article in articles]
    digests = [article.content_hash() for article in articles]
    a = s.articles
    known_hashes: set[str] = set()
    taken_ids: set[str] = set()
    for i in range(0, len(articles), 500):
        hashes, ids = digests[i : i + 500], [article.id for article in articles[i : i + 500]]
        known_hashes.update(conn.execute(select(a.c.content_hash).where(a.c.content_hash.in_(hashes))).scalars())
        taken_ids.update(conn.execute(select(a.c.id).where(a.c.id.in_(ids))).scalars())
    fresh: list[int] = []
    for index, (article, digest) in enumerate(zip(articles, digests, strict=True)):
        if digest not in known_hashes and article.id and article.id not in taken_ids:
            fresh.append(index)
            known_hashes.add(digest)
            taken_ids.add(article.id)
    results: dict[int, AddResult] = {}
    if fresh:
        results.update(_bulk_insert(conn, [(i, articles[i], digests[i]) for i in fresh]))
    for index, article in enumerate(articles):
        if index not in results:
            results[index] = add_article(conn, article, None)
    return [results[i] for i in range(len(articles))]


def _bulk_insert(conn: Connection, items: list[tuple[int, Article, str]]) -> dict[int, AddResult]:
    now = utcnow()
    outlet_ids: dict[str, int | None] = {}
    article_rows = []
    for _, article, digest in items:
        meta = _metadata(conn, article, outlet_ids)
        article_rows.append({"id": article.id, "content_hash": digest, "text": article.text, "created_at": now, **meta})
    pks = list(
        conn.execute(
            s.articles.insert().returning(s.articles.c.pk, sort_by_parameter_order=True), article_rows
        ).scalars()
    )
    analysis_rows = [
        _analysis_row(pk, article, models_key(article.models), now)
        for pk, (_, article, _) in zip(pks, items, strict=True)
    ]
    analysis_ids = list(
        conn.execute(
            s.analyses.insert().returning(s.analyses.c.id, sort_by_parameter_order=True), analysis_rows
        ).scalars()
    )
    conn.execute(
        update(s.articles).where(s.articles.c.pk == bindparam("b_pk")).values(latest_analysis_id=bindparam("b_aid")),
        [{"b_pk": pk, "b_aid": aid} for pk, aid in zip(pks, analysis_ids, strict=True)],
    )
    children: dict[str, list[dict[str, object]]] = {
        "techniques": [], "frames": [], "entities": [], "entity_aliases": [], "quotes": []
    }
    for analysis_id, (_, article, _) in zip(analysis_ids, items, strict=True):
        for name, rows in _child_rows(analysis_id, article).items():
            children[name].extend(rows)
    for name, rows in children.items():
        if rows:
            conn.execute(s.metadata.tables[name].insert(), rows)
    actors.register(conn, [(article.entities, set()) for _, article, _ in items])
    if conn.dialect.name == "sqlite":
        conn.execute(
            text("INSERT INTO articles_fts(rowid, title, text) VALUES (:pk, :title, :text)"),
            [{"pk": pk, "title": row["title"], "text": row["text"]} for pk, row in zip(pks, article_rows, strict=True)],
        )
    return {
        index: AddResult(article.id, "stored", analysis_id)
        for (index, article, _), analysis_id in zip(items, analysis_ids, strict=True)
    }
