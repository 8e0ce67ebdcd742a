"""What each page shows, computed once and served as HTML or JSON.

Every ``*_view`` function returns a :class:`View`: ``data`` is the JSON document of
the page (what ``/page.json`` and ``Accept: application/json`` return) and
``context`` adds what only the template needs (layout, chart geometry).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from ..errors import NotFoundError, UsageError
from ..model import Article
from ..store import SearchQuery, Store
from . import catalog, charts
from .highlight import layout

PAGE_SIZE = 20
MAX_PAGE_SIZE = 200


@dataclass
class View:
    data: dict[str, Any]
    context: dict[str, Any] = field(default_factory=dict)


def jsonable(value: Any) -> Any:
    """Dataclasses, datetimes and containers -> JSON-ready values."""
    if hasattr(value, "__dataclass_fields__"):
        return jsonable(asdict(value))
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) link, else None (never a ``javascript:`` href)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


# -- filters ------------------------------------------------------------------

FILTER_FIELDS = ("q", "outlet", "date_from", "date_to", "language", "genre", "frame", "technique", "entity", "voice")


def _parse_date(name: str, value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise UsageError(f"{name} must be a date as YYYY-MM-DD, got {value!r}") from exc


def build_query(params: dict[str, str | None], *, limit: int = PAGE_SIZE, offset: int = 0) -> SearchQuery:
    """A :class:`SearchQuery` from request parameters (empty strings mean "no filter")."""
    clean = {k: (v.strip() if isinstance(v, str) and v.strip() else None) for k, v in params.items()}
    voice = clean.get("voice")
    if voice and voice not in ("author", "quoted"):
        raise UsageError(f"voice must be 'author' or 'quoted', got {voice!r}")
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise UsageError(f"limit must be between 1 and {MAX_PAGE_SIZE}")
    if offset < 0:
        raise UsageError("offset must be >= 0")
    return SearchQuery(
        text=clean.get("q"),
        outlet=clean.get("outlet"),
        date_from=_parse_date("date_from", clean.get("date_from")),
        date_to=_parse_date("date_to", clean.get("date_to")),
        language=clean.get("language"),
        genre=clean.get("genre"),
        frame=clean.get("frame"),
        technique=clean.get("technique"),
        entity=clean.get("entity"),
        voice=voice,
        limit=limit,
        offset=offset,
    )


# -- article ------------------------------------------------------------------


def article_view(article: Article, *, history: list[Any] | None = None, saved: Any = None) -> View:
    """The article view: highlighted text, legend, panels."""
    blocks, tracks = layout(article.text, article.techniques, title=article.title)
    spans = [
        {
            "i": i,
            "label": s.label,
            "title": catalog.info("technique", s.label).title,
            "score": round(float(s.score), 3),
            "voice": s.voice,
            "speaker": s.speaker,
            "text": s.text,
            "colour": catalog.colour(s.label),
            "track": tracks.get(i, 0),
        }
        for i, s in enumerate(article.techniques)
    ]
    counts = Counter(s.label for s in article.techniques)
    legend = [
        {**catalog.info("technique", label).to_dict(), "count": n, "colour": catalog.colour(label)}
        for label, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    entities = sorted(article.entities, key=lambda e: (-len(e.mentions), e.canonical))
    data = {
        "article": article.to_dict(),
        "history": jsonable(history or []),
        "saved": jsonable(saved),
    }
    context = {
        "a": article,
        "blocks": blocks,
        "spans": spans,
        "legend": legend,
        "definitions": {k: v.to_dict() for k, v in catalog.techniques().items() if k in counts},
        "entities": entities,
        "url": safe_url(article.url),
        "genre_scores": sorted(article.genre.scores.items(), key=lambda kv: -kv[1]),
        "frames": sorted(article.frames, key=lambda f: -f.score),
    }
    return View(data, context)


# -- search -------------------------------------------------------------------


def search_view(store: Store, params: dict[str, str | None], *, page: int = 1, limit: int = PAGE_SIZE) -> View:
    """A page of search results and the options of the filter form."""
    page = max(page, 1)
    query = build_query(params, limit=limit, offset=(page - 1) * limit)
    result = store.search(query)
    pages = max(1, -(-result.total // limit))
    data = {
        "query": jsonable(query),
        "total": result.total,
        "page": page,
        "pages": pages,
        "items": jsonable(result.items),
    }
    options = {
        "outlets": [o.name for o in store.outlets()],
        "techniques": catalog.techniques(),
        "frames": catalog.frames(),
        "genres": catalog.genres(),
    }
    context = {
        "items": result.items,
        "params": {k: (params.get(k) or "") for k in FILTER_FIELDS},
        "options": options,
        "has_filters": any(params.get(k) for k in FILTER_FIELDS),
    }
    return View(data, context)


# -- statistics ---------------------------------------------------------------


def pivot(rows: list[dict], key: str, category: str, value: str = "count") -> dict[str, dict[str, float]]:
    """Store stat rows -> ``{row_key: {category: value}}`` keeping first-seen row order."""
    table: dict[str, dict[str, float]] = defaultdict(dict)
    for row in rows:
        k = row.get(key) or "(unknown)"
        table[str(k)][str(row[category])] = table[str(k)].get(str(row[category]), 0) + float(row.get(value, 0) or 0)
    return dict(table)


def stats(store: Store, *, outlet: str | None = None) -> dict[str, Any]:
    """The numbers behind every dashboard chart (also the JSON of the dashboards)."""
    return {
        "techniques_by_outlet": store.technique_stats(by="outlet", outlet=outlet),
        "techniques_by_month": store.technique_stats(by="month", outlet=outlet),
        "frames_by_outlet": store.frame_stats(by="outlet", outlet=outlet),
        "frames_by_month": store.frame_stats(by="month", outlet=outlet),
        "top_actors": store.top_actors(outlet=outlet, limit=20),
        "who_quotes_whom": store.who_quotes_whom(outlet=outlet, limit=50),
    }


def _charts(numbers: dict[str, Any]) -> dict[str, Any]:
    by_month = pivot(numbers["techniques_by_month"], "month", "technique")
    frames_month = pivot(numbers["frames_by_month"], "month", "frame")
    return {
        "techniques_by_outlet": charts.stacked_bars(pivot(numbers["techniques_by_outlet"], "outlet", "technique")),
        "frames_by_outlet": charts.stacked_bars(pivot(numbers["frames_by_outlet"], "outlet", "frame")),
        "techniques_by_month": charts.line_chart(by_month) if by_month else None,
        "frames_by_month": charts.line_chart(frames_month) if frames_month else None,
    }


def _quotes_table(rows: list[dict]) -> dict[str, list[dict]]:
    table: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        table[row.get("outlet") or "(unknown)"].append(row)
    return dict(table)


def dashboard_view(store: Store) -> View:
    """Corpus-wide charts and tables."""
    numbers = stats(store)
    outlets = store.outlets()
    data = {"n_articles": store.count(), "outlets": jsonable(outlets), **jsonable(numbers)}
    context = {
        "outlets": outlets,
        "charts": _charts(numbers),
        "actors": numbers["top_actors"],
        "quotes": _quotes_table(numbers["who_quotes_whom"]),
    }
    return View(data, context)


def outlet_view(store: Store, name: str) -> View:
    """An outlet's profile: totals, charts, actors, sources and latest articles."""
    summary = next((o for o in store.outlets() if o.name == name), None)
    if summary is None:
        raise NotFoundError(f"no outlet named {name!r} in the corpus")
    numbers = stats(store, outlet=name)
    recent = store.search(SearchQuery(outlet=name, limit=10))
    technique_totals = pivot(numbers["techniques_by_outlet"], "outlet", "technique").get(name, {})
    frame_totals = pivot(numbers["frames_by_outlet"], "outlet", "frame").get(name, {})
    data = {"outlet": jsonable(summary), "recent": jsonable(recent.items), **jsonable(numbers)}
    context = {
        "outlet": summary,
        "recent": recent.items,
        "charts": _charts(numbers),
        "technique_totals": sorted(technique_totals.items(), key=lambda kv: -kv[1]),
        "frame_totals": sorted(frame_totals.items(), key=lambda kv: -kv[1]),
        "actors": numbers["top_actors"],
        "quotes": numbers["who_quotes_whom"],
    }
    return View(data, context)


def outlets_view(store: Store) -> View:
    outlets = store.outlets()
    return View({"outlets": jsonable(outlets)}, {"outlets": outlets})


# -- compare ------------------------------------------------------------------


def _profile(article: Article) -> dict[str, Any]:
    techniques = Counter(s.label for s in article.techniques)
    actors = Counter({e.canonical: len(e.mentions) for e in article.entities})
    speakers = Counter(q.speaker or "(unattributed)" for q in article.quotes)
    return {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "published": jsonable(article.published),
        "genre": article.genre.label,
        "techniques": dict(techniques.most_common()),
        "voices": dict(Counter(s.voice for s in article.techniques)),
        "frames": [f.to_dict() for f in sorted(article.frames, key=lambda f: -f.score)],
        "actors": dict(actors.most_common(15)),
        "speakers": dict(speakers.most_common()),
    }


def compare_view(left: Article, right: Article) -> View:
    """Two articles side by side: technique counts mirrored, frames, actors, speakers."""
    a, b = _profile(left), _profile(right)
    labels = sorted(
        set(a["techniques"]) | set(b["techniques"]),
        key=lambda k: -(a["techniques"].get(k, 0) + b["techniques"].get(k, 0)),
    )
    rows = [
        {
            "label": k,
            "title": catalog.info("technique", k).title,
            "colour": catalog.colour(k),
            "a": a["techniques"].get(k, 0),
            "b": b["techniques"].get(k, 0),
        }
        for k in labels
    ]
    top = max([max(r["a"], r["b"]) for r in rows] + [1])
    shared_actors = sorted(set(a["actors"]) & set(b["actors"]))
    data = {"a": a, "b": b, "shared_actors": shared_actors}
    context = {"left": left, "right": right, "pa": a, "pb": b, "rows": rows, "top": top, "shared": shared_actors}
    return View(data, context)
