"""Stories in the store: incremental assignment of new articles and the story queries.

:func:`assign_pending` takes every stored article that is in no story yet (oldest
first), embeds its title and lead, and lets :mod:`.story_match` put it in the best
candidate story or open a new one, in the caller's write transaction. Articles
already in a story never move (no re-clustering), so the cost of a batch is that of
its own articles against the stories of their time window.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

import numpy as np
from sqlalchemy import Connection, func, select

from . import schema as s
from .story_match import LEAD_CHARS, WINDOW, StoryInput, StoryState, best_story, title_words
from .write import utcnow

#: ``texts -> (n, d)`` L2-normalised embeddings (the caller passes the encoder: the store does
#: not import analyze; ``spinscope ingest`` passes the multilingual USE of the persuasion models).
Vectorize = Callable[[list[str]], np.ndarray]
#: Candidate stories loaded per article at most (the most recently active ones of its window).
MAX_CANDIDATES = 300
#: Articles the story view reads at most (the oldest; ``n_articles`` still counts all).
MAX_VIEW_ARTICLES = 300
STORY_ARTICLES = s.story_articles
STORIES = s.stories
ARTICLES = s.articles


def lead_text(title: str | None, text: str) -> str:
    """The title and the first :data:`LEAD_CHARS` characters of the body (the text after the title line)."""
    body = text
    if title and text.startswith(title):
        body = text[len(title) :]
    return f"{title or ''}\n{body.strip()[:LEAD_CHARS]}".strip()


def _pending(conn: Connection, limit: int) -> list[Any]:
    stmt = (
        select(ARTICLES.c.pk, ARTICLES.c.title, ARTICLES.c.text, ARTICLES.c.published, ARTICLES.c.latest_analysis_id)
        .outerjoin(STORY_ARTICLES, STORY_ARTICLES.c.article_pk == ARTICLES.c.pk)
        .where(STORY_ARTICLES.c.article_pk.is_(None))
        .order_by(ARTICLES.c.published.is_(None), ARTICLES.c.published, ARTICLES.c.pk)
        .limit(limit)
    )
    return list(conn.execute(stmt))


def _actors(conn: Connection, analysis_ids: list[int]) -> dict[int, dict[str, str]]:
    e = s.entities
    out: dict[int, dict[str, str]] = {aid: {} for aid in analysis_ids}
    rows = conn.execute(
        select(e.c.analysis_id, e.c.canonical, e.c.canonical_key)
        .where(e.c.analysis_id.in_(analysis_ids))
        .order_by(e.c.analysis_id, e.c.n_mentions.desc(), e.c.canonical_key)
    )
    for r in rows:
        out[int(r.analysis_id)].setdefault(r.canonical_key, r.canonical)
    return out


def _inputs(conn: Connection, rows: list[Any], vectorize: Vectorize) -> list[StoryInput]:
    vectors = vectorize([lead_text(r.title, r.text) for r in rows]) if rows else np.zeros((0, 0))
    actors = _actors(conn, [int(r.latest_analysis_id) for r in rows if r.latest_analysis_id is not None])
    return [
        StoryInput(
            article_pk=int(r.pk),
            vector=np.asarray(vectors[i], dtype=np.float32),
            published=r.published,
            actors=actors.get(int(r.latest_analysis_id or 0), {}),
            words=title_words(r.title),
        )
        for i, r in enumerate(rows)
    ]


def _state(r: Any) -> StoryState:
    return StoryState(
        id=int(r.id),
        n_articles=int(r.n_articles),
        vector_sum=np.frombuffer(r.vector_sum, dtype=np.float32).copy(),
        started=r.started,
        ended=r.ended,
        actors=json.loads(r.actors),
        words=json.loads(r.words),
    )


def _candidates(conn: Connection, published: datetime | None) -> list[StoryState]:
    stmt = (
        select(STORIES)
        .order_by(STORIES.c.ended.is_(None), STORIES.c.ended.desc(), STORIES.c.id.desc())
        .limit(MAX_CANDIDATES)
    )
    if published is not None:
        stmt = stmt.where(
            STORIES.c.started.is_(None)
            | ((STORIES.c.started <= published + WINDOW) & (STORIES.c.ended >= published - WINDOW))
        )
    return [_state(r) for r in conn.execute(stmt)]


def _save(conn: Connection, story: StoryState | None, item: StoryInput, score: float | None) -> int:
    if story is None:
        story = StoryState(id=0, n_articles=0, vector_sum=np.zeros_like(item.vector, dtype=np.float32))
    story.add(item)
    values = {
        "label": story.label(),
        "started": story.started,
        "ended": story.ended,
        "n_articles": story.n_articles,
        "vector_sum": story.vector_sum.astype(np.float32).tobytes(),
        "actors": json.dumps(story.actors, ensure_ascii=False),
        "words": json.dumps(story.words, ensure_ascii=False),
        "updated_at": utcnow(),
    }
    if story.id:
        conn.execute(STORIES.update().where(STORIES.c.id == story.id).values(**values))
    else:
        story.id = int(conn.execute(STORIES.insert().values(**values)).inserted_primary_key[0])  # type: ignore[index]
    conn.execute(STORY_ARTICLES.insert().values(article_pk=item.article_pk, story_id=story.id, score=score))
    return story.id


def assign_pending(conn: Connection, vectorize: Vectorize, limit: int = 500) -> int:
    """Put up to ``limit`` articles that are in no story yet into stories; returns how many."""
    rows = _pending(conn, limit)
    for item in _inputs(conn, rows, vectorize):
        story, score = best_story(item, _candidates(conn, item.published))
        _save(conn, story, item, score if story is not None else None)
    return len(rows)


def count_pending(conn: Connection) -> int:
    stmt = (
        select(func.count())
        .select_from(ARTICLES.outerjoin(STORY_ARTICLES, STORY_ARTICLES.c.article_pk == ARTICLES.c.pk))
        .where(STORY_ARTICLES.c.article_pk.is_(None))
    )
    return int(conn.execute(stmt).scalar_one())


def _outlets_by_story(conn: Connection, ids: list[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {i: [] for i in ids}
    rows = conn.execute(
        select(STORY_ARTICLES.c.story_id, s.outlets.c.name)
        .join(ARTICLES, ARTICLES.c.pk == STORY_ARTICLES.c.article_pk)
        .join(s.outlets, s.outlets.c.id == ARTICLES.c.outlet_id)
        .where(STORY_ARTICLES.c.story_id.in_(ids))
        .distinct()
        .order_by(STORY_ARTICLES.c.story_id, s.outlets.c.name)
    )
    for r in rows:
        out[int(r.story_id)].append(r.name)
    return out


def _summary(r: Any, outlets: list[str]) -> dict[str, Any]:
    return {
        "id": int(r.id),
        "label": r.label,
        "started": r.started.date().isoformat() if r.started else None,
        "ended": r.ended.date().isoformat() if r.ended else None,
        "n_articles": int(r.n_articles),
        "outlets": outlets,
    }


def list_stories(
    conn: Connection, *, min_articles: int = 1, limit: int = 50, offset: int = 0
) -> tuple[int, list[dict[str, Any]]]:
    """(total, page): stories with at least ``min_articles``, the most outlets and articles first."""
    total = int(
        conn.execute(select(func.count()).select_from(STORIES).where(STORIES.c.n_articles >= min_articles)).scalar_one()
    )
    rows = list(
        conn.execute(
            select(STORIES.c.id, STORIES.c.label, STORIES.c.started, STORIES.c.ended, STORIES.c.n_articles)
            .where(STORIES.c.n_articles >= min_articles)
            .order_by(STORIES.c.n_articles.desc(), STORIES.c.ended.is_(None), STORIES.c.ended.desc(), STORIES.c.id)
            .limit(limit)
            .offset(offset)
        )
    )
    outlets = _outlets_by_story(conn, [int(r.id) for r in rows])
    page = [_summary(r, outlets[int(r.id)]) for r in rows]
    page.sort(key=lambda d: (-len(d["outlets"]), -d["n_articles"], -(d["id"])))
    return total, page


def story_row(conn: Connection, story_id: int) -> tuple[dict[str, Any], list[str]] | None:
    """The story's summary and its first :data:`MAX_VIEW_ARTICLES` articles' ids (oldest first), or ``None``."""
    r = conn.execute(
        select(STORIES.c.id, STORIES.c.label, STORIES.c.started, STORIES.c.ended, STORIES.c.n_articles).where(
            STORIES.c.id == story_id
        )
    ).first()
    if r is None:
        return None
    ids = list(
        conn.execute(
            select(ARTICLES.c.id)
            .join(STORY_ARTICLES, STORY_ARTICLES.c.article_pk == ARTICLES.c.pk)
            .where(STORY_ARTICLES.c.story_id == story_id)
            .order_by(ARTICLES.c.published.is_(None), ARTICLES.c.published, ARTICLES.c.pk)
            .limit(MAX_VIEW_ARTICLES)
        ).scalars()
    )
    return _summary(r, _outlets_by_story(conn, [story_id])[story_id]), ids


def story_of(conn: Connection, article_id: str) -> int | None:
    """The story of an article (``None``: unknown article or not assigned yet)."""
    found = conn.execute(
        select(STORY_ARTICLES.c.story_id)
        .join(ARTICLES, ARTICLES.c.pk == STORY_ARTICLES.c.article_pk)
        .where(ARTICLES.c.id == article_id)
    ).scalar()
    return int(found) if found is not None else None
