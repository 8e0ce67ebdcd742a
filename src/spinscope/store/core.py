"""The :class:`Store`: the public face of the corpus database."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from ..model import Article
from .types import (
    AddResult,
    AnalysisRecord,
    ExportFormat,
    OutletSummary,
    SearchPage,
    SearchQuery,
    StatsBy,
)


def open_store(url: str | Path | None = None) -> Store:
    """Open (creating and migrating to the latest schema if needed) the store at ``url``.

    ``None`` means the SQLite file under the user's data directory; a bare path
    means a SQLite file; otherwise a SQLAlchemy URL (``sqlite:///…``,
    ``postgresql://user@host/db``). Raises :class:`~spinscope.errors.StoreError`.
    """
    raise NotImplementedError


class Store:
    """An open corpus store. One writer at a time, any number of readers.

    Every method raises :class:`~spinscope.errors.StoreError` when the database
    fails; :meth:`get` and :meth:`history` raise
    :class:`~spinscope.errors.NotFoundError` for an unknown id.
    """

    url: str
    dialect: str  # "sqlite" or "postgresql"

    # -- writing ---------------------------------------------------------
    def add(self, article: Article, *, outlet: str | None = None) -> AddResult:
        """Store one analysed article in one transaction (idempotent by content hash).

        ``outlet`` overrides ``article.outlet``.
        """
        raise NotImplementedError

    def add_many(self, articles: Iterable[Article], *, outlet: str | None = None) -> list[AddResult]:
        """Store many articles in a single transaction (the bulk path; all or nothing)."""
        raise NotImplementedError

    # -- reading ---------------------------------------------------------
    def get(self, article_id: str, *, analysis_id: int | None = None) -> Article:
        """The article with its latest analysis (or the analysis ``analysis_id``)."""
        raise NotImplementedError

    def history(self, article_id: str) -> list[AnalysisRecord]:
        """Every analysis of the article, oldest first."""
        raise NotImplementedError

    def count(self) -> int:
        """Number of distinct articles stored."""
        raise NotImplementedError

    def search(self, q: SearchQuery) -> SearchPage:
        """A page of articles matching ``q``: by relevance for a text query, else newest first."""
        raise NotImplementedError

    # -- corpus statistics -------------------------------------------------
    def outlets(self) -> list[OutletSummary]:
        """Every named outlet with its article count, published range and genre counts."""
        raise NotImplementedError

    def technique_stats(
        self,
        *,
        by: StatsBy = "outlet",
        outlet: str | None = None,
        date_from: date | datetime | None = None,
        date_to: date | datetime | None = None,
        language: str | None = None,
        genre: str | None = None,
        voice: str | None = None,
    ) -> list[dict]:
        """Technique spans per outlet or per month (``YYYY-MM`` of ``published``).

        Rows: ``{"outlet"|"month": ..., "technique": label, "count": spans,
        "n_articles": articles with at least one such span}``.
        """
        raise NotImplementedError

    def frame_stats(
        self,
        *,
        by: StatsBy = "outlet",
        outlet: str | None = None,
        date_from: date | datetime | None = None,
        date_to: date | datetime | None = None,
        language: str | None = None,
        genre: str | None = None,
    ) -> list[dict]:
        """Articles per frame per outlet or month: ``{"outlet"|"month", "frame", "count"}``."""
        raise NotImplementedError

    def top_actors(self, *, outlet: str | None = None, limit: int = 20) -> list[dict]:
        """The most mentioned entities: ``{"canonical", "type", "n_articles", "n_mentions"}``."""
        raise NotImplementedError

    def who_quotes_whom(self, *, outlet: str | None = None, limit: int = 50) -> list[dict]:
        """Quoted speakers per outlet: ``{"outlet", "speaker", "n_quotes", "n_articles"}``."""
        raise NotImplementedError

    # -- export ----------------------------------------------------------
    def export(self, q: SearchQuery, fmt: ExportFormat, out: BinaryIO | str | Path) -> int:
        """Write every article matching ``q`` (pagination ignored); return rows written."""
        raise NotImplementedError

    def close(self) -> None:
        """Release the database connections."""
        raise NotImplementedError

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
