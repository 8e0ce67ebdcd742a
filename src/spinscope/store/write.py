"""Writing one analysed article: the rows of ``add``, run inside the caller's transaction."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime

from sqlalchemy import Connection, select, text, update

from ..model import Article
from . import schema as s
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
    row = conn.execute(
        select(s.articles.c.pk, s.articles.c.id, s.articles.c.latest_analysis_id, s.articles.c.title).where(
            s.articles.c.content_hash == digest
        )
    ).first()
    if row is None:
        article_id = _free_id(conn, article.id, digest)
        article = dataclasses.replace(article, id=article_id)
        pk = _insert_article(conn, article, digest)
        analysis_id = _insert_analysis(conn, pk, article, key)
        conn.execute(update(s.articles).where(s.articles.c.pk == pk).values(latest_analysis_id=analysis_id))
        if conn.dialect.name == "sqlite":
            _fts_insert(conn, pk, article.title, article.text)
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
    if not name:
        return None
    found = conn.execute(select(s.outlets.c.id).where(s.outlets.c.name == name)).scalar()
    if found is not None:
        return int(found)
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        conn.execute(pg_insert(s.outlets).values(name=name).on_conflict_do_nothing(index_elements=["name"]))
    else:
        conn.execute(s.outlets.insert().values(name=name))
    return int(conn.execute(select(s.outlets.c.id).where(s.outlets.c.name == name)).scalar_one())


def _metadata(conn: Connection, article: Article) -> dict[str, object]:
    published = to_naive_utc(article.published)
    return {
        "outlet_id": _outlet_id(conn, article.outlet),
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
    return int(result.inserted_primary_key[0])


def _insert_analysis(conn: Connection, article_pk: int, article: Article, key: str) -> int:
    genre = article.genre.label
    result = conn.execute(
        s.analyses.insert().values(
            article_pk=article_pk,
            created_at=utcnow(),
            models_key=key,
            genre=genre,
            genre_score=article.genre.scores.get(genre) if genre else None,
            n_techniques=len(article.techniques),
            data=json.dumps(article.to_dict(), ensure_ascii=False),
        )
    )
    analysis_id = int(result.inserted_primary_key[0])
    _insert_children(conn, analysis_id, article)
    return analysis_id


def _insert_children(conn: Connection, analysis_id: int, article: Article) -> None:
    if article.techniques:
        conn.execute(
            s.techniques.insert(),
            [
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
        )
    if article.frames:
        conn.execute(
            s.frames.insert(),
            [{"analysis_id": analysis_id, "label": f.label, "score": float(f.score)} for f in article.frames],
        )
    if article.entities:
        conn.execute(
            s.entities.insert(),
            [
                {
                    "analysis_id": analysis_id,
                    "canonical": e.canonical,
                    "canonical_key": e.canonical.casefold()[:300],
                    "type": e.type,
                    "n_mentions": len(e.mentions),
                }
                for e in article.entities
            ],
        )
    if article.quotes:
        conn.execute(
            s.quotes.insert(),
            [
                {"analysis_id": analysis_id, "speaker": q.speaker, "kind": q.kind, "start": q.start, "end": q.end}
                for q in article.quotes
            ],
        )


def _fts_insert(conn: Connection, pk: int, title: str | None, body: str) -> None:
    conn.execute(
        text("INSERT INTO articles_fts(rowid, title, text) VALUES (:pk, :title, :text)"),
        {"pk": pk, "title": title, "text": body},
    )
