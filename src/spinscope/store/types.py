"""Plain values the store takes and returns (no SQLAlchemy types leak out of the store)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from ..catalog import VOICES as VOICES  # re-exported: the voices a search filters on

AddStatus = Literal["stored", "skipped", "reanalysed"]
ExportFormat = Literal["csv", "jsonl", "parquet"]
StatsBy = Literal["outlet", "month"]


@dataclass(frozen=True)
class AddResult:
    """What :meth:`Store.add` did with one article.

    ``status`` is ``"stored"`` (a new text), ``"skipped"`` (this text was already
    stored with the same model versions) or ``"reanalysed"`` (the text was stored
    before, by other model versions: a new analysis is kept next to the old ones).
    ``analysis_id`` is the analysis the article now points to.
    """

    article_id: str
    status: AddStatus
    analysis_id: int


@dataclass(frozen=True)
class AnalysisRecord:
    """One analysis of an article, oldest first in :meth:`Store.history`."""

    analysis_id: int
    article_id: str
    created_at: datetime  # timezone-aware, UTC
    models: dict[str, str]
    genre: str | None
    n_techniques: int
    latest: bool


@dataclass
class SearchQuery:
    """Filters for :meth:`Store.search`, :meth:`Store.export` and the stats.

    Every filter left at ``None`` is ignored; the ones given are ANDed.

    - ``text``: full-text query over title and text. Words are ANDed, ``"a phrase"``
      matches the words in order, ``word*`` is a prefix, ``-word`` excludes.
    - ``date_from`` / ``date_to``: inclusive bounds on ``published`` (a ``date``
      bound covers the whole day).
    - ``technique``: the article has at least one span with this label (and, when
      ``voice`` is also given, in that voice); ``voice`` alone: any span in that voice.
    - ``frame`` / ``entity``: a frame label / an entity's canonical name (case-insensitive).
    - ``limit`` / ``offset``: the page (search only; export writes every match).

    Hits come by relevance for a text query (title words weigh more), newest first
    otherwise, and also for a text query matching more than 5,000 articles (scoring
    them all would be slow, and for such broad words recency is the better order).
    """

    text: str | None = None
    outlet: str | None = None
    date_from: date | datetime | None = None
    date_to: date | datetime | None = None
    language: str | None = None
    genre: str | None = None
    frame: str | None = None
    technique: str | None = None
    entity: str | None = None
    voice: str | None = None
    limit: int = 50
    offset: int = 0


@dataclass
class ArticleSummary:
    """One search hit: metadata of the latest analysis and per-technique span counts.

    ``snippet`` is plain text (never HTML): the start of the article, or the passage
    around the matched words for a text query.
    """

    id: str
    title: str | None
    outlet: str | None
    published: datetime | None
    language: str | None
    genre: str | None
    frames: list[str] = field(default_factory=list)
    technique_counts: dict[str, int] = field(default_factory=dict)
    snippet: str = ""


@dataclass
class SearchPage:
    """A page of search hits and the number of all matches."""

    total: int
    items: list[ArticleSummary]
    limit: int = 50
    offset: int = 0


@dataclass
class OutletSummary:
    """An outlet in the corpus: article count, published range, articles per genre."""

    name: str
    n_articles: int
    first_published: datetime | None
    last_published: datetime | None
    genre_counts: dict[str, int] = field(default_factory=dict)
