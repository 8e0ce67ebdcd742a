"""The :class:`Store`: the public face of the corpus database."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from sqlalchemy import Connection, func, select
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from ..errors import NotFoundError, SpinscopeError, StoreError
from ..model import Article
from . import export as _export
from . import query as _query
from . import schema as s
from . import spans as _spans
from . import stats as _stats
from . import stories as _stories
from .actor_table import ActorTable
from .engine import WRITE_OPTION, make_engine, migrate
from .types import (
    AddResult,
    AnalysisRecord,
    ExportFormat,
    OutletSummary,
    SearchPage,
    SearchQuery,
    StatsBy,
)
from .urls import resolve_url
from .write import add_article, add_articles

T = TypeVar("T")
log = logging.getLogger("spinscope.store")
#: Retries of a write that lost a race (PostgreSQL unique violation, SQLite busy).
WRITE_ATTEMPTS = 3


def open_store(url: str | Path | None = None) -> Store:
    """Open (creating and migrating to the latest schema if needed) the store at ``url``.

    ``None`` means the SQLite file under the user's data directory; a bare path
    means a SQLite file; otherwise a SQLAlchemy URL (``sqlite:///…``,
    ``postgresql://user@host/db``). Raises :class:`~spinscope.errors.StoreError`.
    """
    return Store(resolve_url(url))


def _failed(what: str, exc: SQLAlchemyError) -> StoreError:
    """A :class:`StoreError` that names the kind of failure but never the SQL statement, its
    parameters or a path (they reach web clients); the full error goes to the log."""
    log.warning("store %s failed: %s", what, exc)
    kind = type(getattr(exc, "orig", None) or exc).__name__
    return StoreError(f"store {what} failed ({kind})")


class Store:
    """An open corpus store. One writer at a time, any number of readers; thread-safe.

    Every method raises :class:`~spinscope.errors.StoreError` when the database
    fails; :meth:`get` and :meth:`history` raise
    :class:`~spinscope.errors.NotFoundError` for an unknown id.
    """

    def __init__(self, url: str) -> None:
        self._engine = make_engine(url)
        self.url = self._engine.url.render_as_string(hide_password=True)
        self.dialect: str = self._engine.dialect.name
        self._writer = self._engine.execution_options(**{WRITE_OPTION: True})
        self._write_lock = threading.Lock()  # one writer per process (SQLite allows one anyway)
        try:
            migrate(self._engine)
        except BaseException:
            self._engine.dispose()
            raise

    # -- plumbing ----------------------------------------------------------
    @contextmanager
    def _read(self) -> Iterator[Connection]:
        try:
            with self._engine.connect() as conn:
                yield conn
        except SpinscopeError:
            raise
        except SQLAlchemyError as exc:
            raise _failed("read", exc) from exc

    def _write(self, work: Callable[[Connection], T]) -> T:
        """Run ``work`` in one write transaction, retrying a transaction that lost a race."""
        for attempt in range(WRITE_ATTEMPTS):
            try:
                with self._write_lock, self._writer.begin() as conn:
                    return work(conn)
            except (IntegrityError, OperationalError) as exc:
                if attempt == WRITE_ATTEMPTS - 1:
                    raise _failed("write", exc) from exc
            except SpinscopeError:
                raise
            except SQLAlchemyError as exc:
                raise _failed("write", exc) from exc
        raise AssertionError("unreachable")

    # -- writing ---------------------------------------------------------
    def add(self, article: Article, *, outlet: str | None = None) -> AddResult:
        """Store one analysed article in one transaction (idempotent by content hash).

        ``outlet`` overrides ``article.outlet``. The same text with the same model
        versions is ``"skipped"``; with other model versions a new analysis is kept
        beside the old ones and becomes the latest (``"reanalysed"``).
        """
        return self._write(lambda conn: add_article(conn, article, outlet))

    def add_many(self, articles: Iterable[Article], *, outlet: str | None = None) -> list[AddResult]:
        """Store many articles in a single transaction (the bulk path; all or nothing).

        Same statuses as :meth:`add`, one per article, in order; new texts are inserted
        with multi-row statements, which is much faster than one :meth:`add` each.
        """
        batch = list(articles)
        return self._write(lambda conn: add_articles(conn, batch, outlet))

    # -- reading ---------------------------------------------------------
    def _article_pk(self, conn: Connection, article_id: str) -> tuple[int, int]:
        row = conn.execute(
            select(s.articles.c.pk, s.articles.c.latest_analysis_id).where(s.articles.c.id == article_id)
        ).first()
        if row is None:
            raise NotFoundError(f"no article with id {article_id!r}", source=article_id)
        return int(row.pk), int(row.latest_analysis_id)

    def latest_analysis_id(self, article_id: str) -> int:
        """The id of the article's latest analysis (changes when it is reanalysed): a cheap
        version of everything :meth:`get` and :meth:`history` return for it."""
        with self._read() as conn:
            return self._article_pk(conn, article_id)[1]

    def get(self, article_id: str, *, analysis_id: int | None = None) -> Article:
        """The article with its latest analysis (or the analysis ``analysis_id``)."""
        with self._read() as conn:
            pk, latest = self._article_pk(conn, article_id)
            wanted = latest if analysis_id is None else analysis_id
            data = conn.execute(
                select(s.analyses.c.data).where(s.analyses.c.id == wanted, s.analyses.c.article_pk == pk)
            ).scalar()
        if data is None:
            raise NotFoundError(f"article {article_id!r} has no analysis {analysis_id}", source=article_id)
        return Article.from_dict(json.loads(data))

    def history(self, article_id: str) -> list[AnalysisRecord]:
        """Every analysis of the article, oldest first."""
        an = s.analyses
        with self._read() as conn:
            pk, latest = self._article_pk(conn, article_id)
            rows = conn.execute(
                select(an.c.id, an.c.created_at, an.c.models_key, an.c.genre, an.c.n_techniques)
                .where(an.c.article_pk == pk)
                .order_by(an.c.created_at, an.c.id)
            ).all()
        return [
            AnalysisRecord(
                analysis_id=int(r.id),
                article_id=article_id,
                created_at=r.created_at.replace(tzinfo=UTC),
                models=json.loads(r.models_key),
                genre=r.genre,
                n_techniques=int(r.n_techniques),
                latest=int(r.id) == latest,
            )
            for r in rows
        ]

    def count(self) -> int:
        """Number of distinct articles stored."""
        with self._read() as conn:
            return int(conn.execute(select(func.count()).select_from(s.articles)).scalar_one())

    def search(self, q: SearchQuery) -> SearchPage:
        """A page of articles matching ``q``: by relevance for a text query (newest first when it
        matches more than 5,000 articles), else newest first."""
        with self._read() as conn:
            return _query.search(conn, q)

    # -- corpus statistics -------------------------------------------------
    def outlets(self) -> list[OutletSummary]:
        """Every named outlet with its article count, published range and genre counts."""
        with self._read() as conn:
            return _stats.outlets(conn)

    def technique_stats(self, q: SearchQuery | None = None, *, by: StatsBy = "outlet") -> list[dict[str, Any]]:
        """Technique spans per outlet or per month (``YYYY-MM`` of ``published``) over the
        articles matching ``q`` (every filter applies; ``voice`` counts only spans in that voice).

        Rows: ``{"outlet"|"month": ..., "technique": label, "count": spans,
        "n_articles": articles with at least one such span}``. Articles without an
        outlet (or a date, by month) are left out.
        """
        with self._read() as conn:
            return _stats.technique_stats(conn, by, q or SearchQuery())

    def article_stats(self, q: SearchQuery | None = None, *, by: StatsBy = "outlet") -> list[dict[str, Any]]:
        """Matching articles and words per outlet, month or day (``YYYY-MM-DD``):
        ``{"outlet"|"month"|"day", "n_articles", "n_words"}``, the denominators of rates."""
        with self._read() as conn:
            return _stats.article_stats(conn, by, q or SearchQuery())

    def frame_stats(self, q: SearchQuery | None = None, *, by: StatsBy = "outlet") -> list[dict[str, Any]]:
        """Articles per frame per outlet or month: ``{"outlet"|"month", "frame", "count"}``."""
        with self._read() as conn:
            return _stats.frame_stats(conn, by, q or SearchQuery())

    def top_actors(self, q: SearchQuery | None = None, *, limit: int = 20) -> list[dict[str, Any]]:
        """The most mentioned entities: ``{"canonical", "type", "n_articles", "n_mentions"}``,
        by number of articles naming them."""
        with self._read() as conn:
            return _stats.top_actors(conn, q or SearchQuery(), limit)

    def who_quotes_whom(self, q: SearchQuery | None = None, *, limit: int = 50) -> list[dict[str, Any]]:
        """Quoted speakers per outlet: ``{"outlet", "speaker", "n_quotes", "n_articles"}``,
        most quoted first."""
        with self._read() as conn:
            return _stats.who_quotes_whom(conn, q or SearchQuery(), limit)

    def technique_spans(
        self, q: SearchQuery, *, limit: int = 50, offset: int = 0
    ) -> tuple[int, list[dict[str, Any]]]:
        """Every span of technique ``q.technique`` over the articles matching ``q`` (``voice``
        and ``min_score`` select spans): (total, one page of ``{"article_id", "title",
        "outlet", "published", "technique", "start", "end", "text", "before", "after", "score",
        "voice", "speaker"}``), where ``before``/``after`` are the rest of the span's sentence."""
        with self._read() as conn:
            return _spans.technique_spans(conn, q, limit=limit, offset=offset)

    @property
    def actors(self) -> ActorTable:
        """The corpus alias table: which names are one actor, and the users' merge/split."""
        return ActorTable(self._read, self._write)

    # -- stories (store/stories.py) ---------------------------------------
    def update_stories(self, vectorize: _stories.Vectorize, *, batch: int = 500) -> int:
        """Put every article that is in no story yet into one (incremental: stories never
        re-cluster); ``vectorize`` embeds title + lead (``spinscope ingest`` passes the
        multilingual USE of ``analyze.persuasion``). Returns how many articles were assigned."""
        done = 0
        while True:
            n = self._write(lambda conn: _stories.assign_pending(conn, vectorize, batch))
            done += n
            if n < batch:
                return done

    def stories(self, *, min_articles: int = 1, limit: int = 50, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
        """(total, page) of stories: ``{"id", "label", "started", "ended", "n_articles", "outlets"}``."""
        with self._read() as conn:
            return _stories.list_stories(conn, min_articles=min_articles, limit=limit, offset=offset)

    def story(self, story_id: int, thresholds: Mapping[str, float] | None = None) -> dict[str, Any]:
        """One story with its outlets side by side (see store/story_view.py); a technique span
        counts from its technique's confidence in ``thresholds`` (``SearchQuery.thresholds``)."""
        from .story_view import side_by_side

        with self._read() as conn:
            found = _stories.story_row(conn, story_id)
        if found is None:
            raise NotFoundError(f"no story with id {story_id}", source=str(story_id))
        summary, ids = found
        return side_by_side(summary, [self.get(i) for i in ids], thresholds)

    def story_of(self, article_id: str) -> int | None:
        """The id of the story an article is in (``None`` while it is in none)."""
        with self._read() as conn:
            return _stories.story_of(conn, article_id)

    # -- export ----------------------------------------------------------
    def export(self, q: SearchQuery, fmt: ExportFormat, out: BinaryIO | str | Path) -> int:
        """Write every article matching ``q`` (``limit``/``offset`` ignored); return rows written.

        ``csv``/``parquet``: one row per article (metadata, genre, frames joined by
        ``;``, counts, text) plus a ``technique:<label>`` count column per technique
        in the store. ``jsonl``: the full ``Article.to_dict()`` per line.
        """
        with self._read() as conn:
            return _export.export(conn, q, fmt, out)

    def close(self) -> None:
        """Release the database connections."""
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"
