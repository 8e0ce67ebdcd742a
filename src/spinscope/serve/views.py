"""What each page shows, computed once and served as HTML or JSON.

Every ``*_view`` function returns a :class:`View`: ``data`` is the JSON document of
the page (what ``/page.json`` and ``Accept: application/json`` return) and
``context`` adds what only the template needs (layout, chart geometry).
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode, urlsplit

from ..catalog import VOICES
from ..errors import NotFoundError
from ..model import Article
from ..store import SearchQuery, Store
from ..store.outlets import outlet_key
from ..store.types import FILTERS
from . import dashboard, labels, reading
from .highlight import layout
from .params import counting


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


# -- article ------------------------------------------------------------------


def article_view(
    article: Article, *, history: list[Any] | None = None, saved: Any = None, analysis_id: int | None = None
) -> View:
    """The article view: highlighted text, legend, panels, provenance (see :mod:`.reading`)."""
    blocks, tracks = layout(article.text, article.techniques, title=article.title)
    spans = [
        {
            **reading.technique_facts(s.label),
            "i": i,
            "label": s.label,
            "title": labels.info("technique", s.label).title,
            "score": round(float(s.score), 3),
            "voice": s.voice,
            "speaker": s.speaker,
            "text": s.text,
            "colour": labels.colour(s.label),
            "track": tracks.get(i, 0),
        }
        for i, s in enumerate(article.techniques)
    ]
    counts = Counter(s.label for s in article.techniques)
    legend = [
        {
            **labels.info("technique", label).to_dict(),
            **reading.technique_facts(label),
            "count": n,
            "colour": labels.colour(label),
        }
        for label, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    facts = reading.provenance(article, history or [], analysis_id)
    entities = sorted(article.entities, key=lambda e: (-len(e.mentions), e.canonical))
    data = {
        "article": article.to_dict(),
        "history": jsonable(history or []),
        "provenance": facts,
        "saved": jsonable(saved),
    }
    context = {
        "a": article,
        "paras": reading.paragraphs(article.text, blocks, article.techniques, article.quotes),
        "speakers": [reading.speaker_of(q, article.title) for q in article.quotes],
        "provenance": facts,
        "reliability_note": reading.reliability_note(),
        "spans": spans,
        "legend": legend,
        "definitions": {k: v.to_dict() for k, v in labels.techniques().items() if k in counts},
        "entities": entities,
        "url": safe_url(article.url),
        "genre_scores": sorted(article.genre.scores.items(), key=lambda kv: -kv[1]),
        "frames": sorted(article.frames, key=lambda f: -f.score),
    }
    return View(data, context)


# -- search -------------------------------------------------------------------


def search_view(store: Store, query: SearchQuery, *, page: int = 1) -> View:
    """A page of search results (``query.limit`` a page) and the options of the filter form."""
    query = dataclasses.replace(query, offset=(page - 1) * query.limit)
    result = store.search(query)
    pages = max(1, -(-result.total // query.limit))
    data = {
        "query": jsonable(query),
        "total": result.total,
        "page": page,
        "pages": pages,
        "items": jsonable(result.items),
    }
    context = {"items": result.items, **filter_form(store, query)}
    return View(data, context)


# -- statistics ---------------------------------------------------------------


def _quotes_table(rows: list[dict]) -> dict[str, list[dict]]:
    table: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        table[row.get("outlet") or "(unknown)"].append(row)
    return dict(table)


def filter_form(store: Store, query: SearchQuery) -> dict[str, Any]:
    """The filter form's choices and current values (the search and the dashboards share it)."""
    options = {
        "outlets": [o.name for o in store.outlets()],
        "techniques": labels.techniques(),
        "frames": labels.frames(),
        "genres": labels.genres(),
        "voices": VOICES,
    }
    filters = query.filters()
    params = {("q" if name == "text" else name): filters.get(name, "") for name in FILTERS}
    params = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in params.items()}
    return {"options": options, "params": params, "has_filters": bool(filters)}


def dashboard_view(
    store: Store, query: SearchQuery | None = None, *, every: str = "month", measure: str = "count"
) -> View:
    """Charts and tables over the corpus, or over the articles matching ``query``
    (each chart's rows are a dataset of :mod:`.dashboard`)."""
    q = query or counting()
    data, draw = dashboard.numbers(store, q, every, measure)
    form = filter_form(store, q)
    outlets = store.outlets()
    filters = jsonable(q.filters())
    page = {"n_articles": store.count(), "filters": filters, "every": draw["step"], "outlets": jsonable(outlets)}
    context = {
        "outlets": outlets,
        "draw": draw,
        "sets": data,
        "every": draw["step"],
        "measure": measure,
        "quotes": _quotes_table(data["who_quotes_whom"]),
        **form,
        "qs": "?" + urlencode({**{k: v for k, v in form["params"].items() if v not in ("", None)}, "every": draw["step"]}),
    }
    return View({**page, **jsonable(data)}, context)


def outlet_view(store: Store, name: str, query: SearchQuery | None = None, *, every: str = "month") -> View:
    """An outlet's profile: the dashboard over its articles, and its latest articles."""
    summary = next((o for o in store.outlets() if outlet_key(o.name) == outlet_key(name)), None)  # any spelling
    if summary is None:
        raise NotFoundError(f"no outlet named {name!r} in the corpus")
    q = dataclasses.replace(query or counting(), outlet=name)
    view = dashboard_view(store, q, every=every)
    recent = store.search(dataclasses.replace(q, limit=10, offset=0))
    view.data = {"outlet": jsonable(summary), "recent": jsonable(recent.items), **view.data}
    view.context.update({"outlet": summary, "recent": recent.items})
    return View(view.data, view.context)


def outlets_view(store: Store) -> View:
    outlets = store.outlets()
    return View({"outlets": jsonable(outlets)}, {"outlets": outlets})


# -- compare ------------------------------------------------------------------


def _profile(article: Article) -> dict[str, Any]:
    techniques = Counter(s.label for s in article.techniques)
    actors = Counter({e.canonical: len(e.mentions) for e in article.entities})
    speakers = Counter(q.speaker or ("(unnamed source)" if q.speaker_kind == "unnamed" else "(unattributed)") for q in article.quotes)
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
    names = sorted(
        set(a["techniques"]) | set(b["techniques"]),
        key=lambda k: -(a["techniques"].get(k, 0) + b["techniques"].get(k, 0)),
    )
    rows = [
        {
            "label": k,
            "title": labels.info("technique", k).title,
            "colour": labels.colour(k),
            "a": a["techniques"].get(k, 0),
            "b": b["techniques"].get(k, 0),
        }
        for k in names
    ]
    top = max([max(r["a"], r["b"]) for r in rows] + [1])
    shared_actors = sorted(set(a["actors"]) & set(b["actors"]))
    data = {"a": a, "b": b, "shared_actors": shared_actors}
    context = {"left": left, "right": right, "pa": a, "pb": b, "rows": rows, "top": top, "shared": shared_actors}
    return View(data, context)
