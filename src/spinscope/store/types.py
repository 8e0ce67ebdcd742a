"""Plain values the store takes and returns (no SQLAlchemy types leak out of the store)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from ..catalog import VOICES as VOICES  # re-exported: the voices a search filters on
from ..errors import UsageError

AddStatus = Literal["stored", "skipped", "reanalysed"]
ExportFormat = Literal["csv", "jsonl", "parquet"]
StatsBy = Literal["outlet", "month", "day", "language"]


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


#: Filters a :class:`SearchQuery` holds, in the order forms and the CLI list them.
FILTERS = (
    "text", "outlet", "date_from", "date_to", "language", "genre", "frame", "technique", "entity", "voice", "min_score"
)
#: Bounds of a query (each checked once, when a :class:`SearchQuery` is made).
MAX_LIMIT = 1000
MAX_OFFSET = 10_000_000
MAX_QUERY_CHARS = 1000
MAX_FILTER_CHARS = 500


def parse_when(name: str, value: str | date | datetime | None) -> date | datetime | None:
    """``YYYY-MM-DD`` (a whole day) or an ISO datetime; raises :class:`UsageError` naming ``name``."""
    if value is None or isinstance(value, date):
        return value
    text = value.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{name} must be a date as YYYY-MM-DD, got {text[:40]!r}") from None


def _score(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise UsageError(f"min_score must be a number between 0 and 1, got {text[:40]!r}") from None
    if value != value:  # NaN
        raise UsageError("min_score must be a number between 0 and 1")
    return value


@dataclass(frozen=True)
class SearchQuery:
    """The one filter type: :meth:`Store.search`, :meth:`Store.export`, every statistic, the
    CLI ``export`` command and every web page and API endpoint that filters take one.

    Every filter left at ``None`` is ignored; the ones given are ANDed.

    - ``text``: full-text query over title and text. Words are ANDed, ``"a phrase"``
      matches the words in order, ``word*`` is a prefix, ``-word`` excludes.
    - ``date_from`` / ``date_to``: inclusive bounds on ``published`` (a ``date``
      bound covers the whole day).
    - ``technique``: the article has at least one span with this label (and, when
      ``voice`` is also given, in that voice); ``voice`` alone: any span in that voice.
    - ``min_score``: only technique spans with at least this confidence (0-1) count: in
      the ``technique``/``voice`` filters, in the technique statistics, and alone it keeps
      articles with at least one span that confident.
    - ``frame`` / ``entity``: a frame label / any name of an entity, canonical or alias (case-insensitive).
    - ``limit`` / ``offset``: the page (search only; export and the statistics ignore them).
    - ``thresholds``: ``(technique, confidence)`` pairs, no user filter: a span of such a
      technique counts (in the filters, statistics, span lists and a hit's technique counts)
      from that confidence on. The web UI and API pass the shipped model's decision thresholds
      (:func:`spinscope.confidence.thresholds`), so every count agrees with what the article
      view shows; spans under them stay in the store and in exports.

    A query is checked when it is made (unknown voice, dates that are not dates, a page
    out of range, over-long text): :class:`~spinscope.errors.UsageError`. Build one from
    strings (a web form, command-line options) with :meth:`from_strings`.

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
    min_score: float | None = None
    limit: int = 50
    offset: int = 0
    thresholds: tuple[tuple[str, float], ...] = ()

    def __post_init__(self) -> None:
        if self.voice is not None and self.voice not in VOICES:
            raise UsageError(f"unknown voice {self.voice[:40]!r}: use one of {', '.join(VOICES)}")
        if not 0 <= self.limit <= MAX_LIMIT:
            raise UsageError(f"limit must be between 0 and {MAX_LIMIT}")
        if not 0 <= self.offset <= MAX_OFFSET:
            raise UsageError(f"offset must be between 0 and {MAX_OFFSET:,}")
        if self.text is not None and len(self.text) > MAX_QUERY_CHARS:
            raise UsageError(f"the text query is over {MAX_QUERY_CHARS} characters")
        for name in ("text", "outlet", "language", "genre", "frame", "technique", "entity"):
            value = getattr(self, name)
            if value is not None and "\x00" in value:
                raise UsageError(f"{name} contains a NUL character")
            if value is not None and name != "text" and len(value) > MAX_FILTER_CHARS:
                raise UsageError(f"{name} is over {MAX_FILTER_CHARS} characters")
        if self.min_score is not None and not 0.0 <= self.min_score <= 1.0:
            raise UsageError("min_score must be a number between 0 and 1")
        for name in ("date_from", "date_to"):
            if not isinstance(getattr(self, name), date | None):
                raise UsageError(f"{name} must be a date")

    @classmethod
    def from_strings(
        cls, params: Mapping[str, str | date | datetime | None], *, limit: int = 50, offset: int = 0
    ) -> SearchQuery:
        """A query from form fields or options: blank values mean "no filter", dates are parsed
        (``YYYY-MM-DD`` or ISO datetime), ``q`` is accepted for ``text``. Unknown keys are ignored."""
        clean: dict[str, Any] = {}
        for key, value in params.items():
            name = "text" if key == "q" else key
            if name not in FILTERS or value is None:
                continue
            if isinstance(value, str):
                value = value.strip() or None
            if name == "min_score" and isinstance(value, str):
                clean[name] = _score(value)
                continue
            clean[name] = parse_when(name, value) if name in ("date_from", "date_to") else value
        return cls(**{k: v for k, v in clean.items() if v is not None}, limit=limit, offset=offset)

    def filters(self) -> dict[str, str | float | date | datetime | None]:
        """The filters given (``None`` ones left out), e.g. for a form or a JSON echo."""
        return {name: getattr(self, name) for name in FILTERS if getattr(self, name) is not None}


@dataclass
class ArticleSummary:
    """One search hit: metadata of the latest analysis and per-technique span counts.

    ``snippet`` is plain text (never HTML): the start of the article, or the passage
    around the matched words for a text query; ``lead`` is always the start of the body.
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
    lead: str = ""  # the opening words of the body, whatever the query (heads an untitled hit)


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
