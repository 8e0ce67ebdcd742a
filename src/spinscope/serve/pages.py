"""Server-rendered pages. Each GET page is also served as JSON at the same path plus
``.json`` (``/search.json?q=…``) or with ``Accept: application/json``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import Response

from ..errors import SpinscopeError
from ..store import SearchQuery, Store
from . import apidocs, labels, reading, service, views, workbench
from .auth import require_write
from .dashboard import every_param
from .handlers import status_for
from .options import ServeOptions
from .pagecache import PageCache
from .params import AnalysisId, Filters, PageNumber, counting
from .render import respond
from .views import View

router = APIRouter(include_in_schema=False)
Every = Annotated[str | None, Query(description="Time step of the chart over time: day, week or month.")]
Measure = Annotated[
    Literal["count", "per_article", "per_1000_words"], Query(description="What the chart over time plots.")
]


def page(path: str, name: str) -> Callable[[Callable[..., Response]], Callable[..., Response]]:
    """Register a GET page at ``path`` and its JSON twin at ``path.json``."""
    json_path = "/index.json" if path == "/" else f"{path}.json"

    def decorate(endpoint: Callable[..., Response]) -> Callable[..., Response]:
        router.add_api_route(json_path, endpoint, methods=["GET"], name=f"{name}_json")
        router.add_api_route(path, endpoint, methods=["GET"], name=name)
        return endpoint

    return decorate


def _store(request: Request) -> Store:
    return request.app.state.store


def _pages(request: Request) -> PageCache:
    return request.app.state.pages


@page("/", "home")
def home(request: Request) -> Response:
    """The corpus at a glance: outlets, latest articles, links to everything."""
    store = _store(request)
    outlets = store.outlets()
    latest = store.search(counting(SearchQuery(limit=10)))
    data = {"n_articles": store.count(), "outlets": views.jsonable(outlets), "latest": views.jsonable(latest.items)}
    return respond(request, "home.html", View(data, {"outlets": outlets, "latest": latest.items}))


@page("/articles/{article_id}", "article")
def article(request: Request, article_id: str, analysis: AnalysisId = None) -> Response:
    """One stored article with its latest analysis (``?analysis=ID`` for an older one);
    the rendered page is reused until the article is reanalysed."""
    store = _store(request)

    def make() -> Response:
        art = store.get(article_id, analysis_id=analysis)
        return respond(request, "article.html", views.article_view(art, history=store.history(article_id), analysis_id=analysis))

    return _pages(request).respond(request, make, version=store.latest_analysis_id(article_id), ttl=3600.0)


@page("/search", "search")
def search(request: Request, query: Filters, page: PageNumber = 1) -> Response:
    """Search the corpus with filters; a page of results with technique counts."""
    return _pages(request).respond(
        request, lambda: respond(request, "search.html", views.search_view(_store(request), query, page=page))
    )


@page("/dashboard", "dashboard")
def dashboard(request: Request, query: Filters, every: Every = None, measure: Measure = "count") -> Response:
    """Techniques and frames per outlet and over time (``every`` day, week or month), with
    rates, voices, top actors, who quotes whom (over the articles matching the search's filters)."""
    view = views.dashboard_view(_store(request), query, every=every_param(every), measure=measure)
    return respond(request, "dashboard.html", view)


@page("/outlets", "outlets")
def outlets(request: Request) -> Response:
    return respond(request, "outlets.html", views.outlets_view(_store(request)))


@page("/outlets/{name:path}", "outlet")
def outlet(request: Request, name: str, query: Filters, every: Every = None) -> Response:
    """An outlet's profile: its techniques, frames, actors and sources over time (the filters apply)."""
    return respond(request, "outlet.html", views.outlet_view(_store(request), name, query, every=every_param(every)))


@page("/compare", "compare")
def compare(request: Request) -> Response:
    """Two articles side by side (``?a=ID&b=ID``); without both, a picker."""
    store = _store(request)
    a, b = request.query_params.get("a"), request.query_params.get("b")
    if a and b:
        view = views.compare_view(store.get(a), store.get(b))
        view.context["stories"] = sorted({s for s in map(store.story_of, (a, b)) if s})
        return respond(request, "compare.html", view)
    recent = store.search(counting(SearchQuery(limit=100))).items
    data = {"a": a, "b": b, "choices": views.jsonable(recent)}
    return respond(request, "compare_pick.html", View(data, {"choices": recent, "a": a or "", "b": b or ""}))


@page("/techniques", "techniques")
def techniques(request: Request) -> Response:
    """Every technique the models know: family, definition, example, decision threshold and
    reliability (F1 on the newest-articles holdout, when measured)."""
    items = [
        {**i.to_dict(), **reading.technique_facts(k), "colour": labels.colour(k)} for k, i in labels.techniques().items()
    ]
    note = reading.reliability_note()
    return respond(request, "techniques.html", View({"techniques": items, "reliability": note}, {"items": items, "note": note}))


@page("/analyze", "analyze_form")
def analyze_form(request: Request) -> Response:
    """The Analyze form: paste text, upload a file or give a URL."""
    return respond(
        request,
        "analyze.html",
        View({"fields": ["text", "title", "file", "url", "outlet", "save", "token"]}, {"form": {}}),
    )


@router.post("/analyze", name="analyze_submit")
async def analyze_submit(
    request: Request,
    text: Annotated[str, Form()] = "",
    title: Annotated[str, Form()] = "",
    url: Annotated[str, Form()] = "",
    outlet: Annotated[str, Form()] = "",
    save: Annotated[str, Form()] = "",
    token: Annotated[str, Form()] = "",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """Analyse the submission (in a worker thread) and show it in the article view (saved when asked)."""
    options: ServeOptions = request.app.state.options
    form = {"text": text, "title": title, "url": url, "outlet": outlet, "save": save}
    upload = None
    if file is not None and file.filename:
        upload = await file.read(options.max_upload_bytes + 1)
    sub = service.Submission(
        text=text or None,
        title=title or None,
        upload=upload or None,
        filename=file.filename if file else None,
        url=url or None,
        outlet=outlet or None,
    )
    try:
        if save or sub.url:
            require_write(request, token or None)
        store = _store(request) if save else None
        outcome = await request.app.state.gate.run(
            lambda: service.run(sub, request.app.state.analyzer, max_bytes=options.max_upload_bytes, store=store)
        )
    except SpinscopeError as exc:  # shown above the form, which keeps what was typed
        view = View({"error": exc.to_dict()}, {"form": form, "error": exc.to_dict()})
        return respond(request, "analyze.html", view, status=status_for(exc))
    first = outcome.articles[0]
    view = views.article_view(first, saved=outcome.saved[0] if outcome.saved else None)
    view.data["articles"] = [a.to_dict() for a in outcome.articles]
    view.data["saved"] = views.jsonable(outcome.saved)
    view.context["others"] = outcome.articles[1:]
    view.context["saved"] = outcome.saved
    view.context["analyzed"] = True
    if not outcome.saved:  # an unsaved result still gets a link (kept while the server runs)
        view.context["result_url"] = workbench.remember(request, first)
    return respond(request, "article.html", view)


@router.get("/docs", name="docs")
def docs(request: Request) -> Response:
    """The API reference, rendered offline from the OpenAPI schema."""
    schema: dict[str, Any] = request.app.openapi()
    ops = apidocs.operations(schema)
    info = {**schema.get("info", {}), "description": apidocs.markdown(schema.get("info", {}).get("description", ""))}
    return respond(
        request,
        "docs.html",
        View({"openapi": "/openapi.json", "operations": [o["path"] for o in ops]}, {"ops": ops, "info": info}),
    )
