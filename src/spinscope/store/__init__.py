"""The corpus store: every article once, every analysis of it, searchable and countable.

SQLite by default (a file under the user's data directory), PostgreSQL by URL. The
schema is created and upgraded by the Alembic migrations shipped in
``spinscope/store/migrations`` whenever a store is opened.

>>> store = open_store("corpus.db")            # doctest: +SKIP
>>> store.add(article, outlet="Daily Planet")  # doctest: +SKIP
AddResult(article_id='…', status='stored', analysis_id=1)
"""

from __future__ import annotations

from .core import Store, open_store
from .types import (
    VOICES,
    AddResult,
    AddStatus,
    AnalysisRecord,
    ArticleSummary,
    ExportFormat,
    OutletSummary,
    SearchPage,
    SearchQuery,
    StatsBy,
)
from .urls import default_url, resolve_url

__all__ = [
    "VOICES",
    "AddResult",
    "AddStatus",
    "AnalysisRecord",
    "ArticleSummary",
    "ExportFormat",
    "OutletSummary",
    "SearchPage",
    "SearchQuery",
    "StatsBy",
    "Store",
    "default_url",
    "open_store",
    "resolve_url",
]
