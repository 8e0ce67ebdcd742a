"""The analyst's extra pages: each dashboard chart's data as CSV or JSON, the corpus-wide
spans of one technique, and unsaved analysis results kept reachable by a link.

Each route is documented in README's web section (the route-documentation test).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from ..errors import NotFoundError
from ..model import Article
from ..store import Store
from . import dashboard, spans
from .params import Filters, PageNumber
from .render import respond
from .views import View, article_view

router = APIRouter(include_in_schema=False)

#: Unsaved analysis results kept per server (oldest dropped first).
MAX_RESULTS = 64


def _store(request: Request) -> Store:
    return request.app.state.store


@router.get("/dashboard/data/{name}.{fmt}", name="dashboard_data")
def dashboard_data(
    request: Request,
    name: str,
    fmt: Literal["csv", "json"],
    query: Filters,
    every: Annotated[str | None, Query(description="day, week or month")] = None,
) -> Response:
    """The rows behind one dashboard chart (``name`` one of :data:`.dashboard.DATASETS`)."""
    if name not in dashboard.DATASETS:
        raise NotFoundError(f"no chart named {name!r}: use one of {', '.join(dashboard.DATASETS)}")
    rows = dashboard.dataset(_store(request), name, query, dashboard.every_param(every))
    if fmt == "json":
        return JSONResponse({"chart": name, "filters": _jsonable(query.filters()), "rows": rows})
    headers = {"Content-Disposition": f'attachment; filename="spinscope-{name}.csv"'}
    return Response(dashboard.to_csv(rows), media_type="text/csv; charset=utf-8", headers=headers)


def _jsonable(filters: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in filters.items()}


# -- corpus-wide spans of one technique -------------------------------------------------


def _spans_page(request: Request, query: Filters, page: PageNumber = 1) -> Response:
    view = spans.spans_view(_store(request), query, page=page)
    if request.url.path.endswith(".csv"):
        return Response(
            dashboard.to_csv(spans.export_rows(_store(request), query)),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="spinscope-spans.csv"'},
        )
    return respond(request, "spans.html", view)


router.add_api_route("/spans", _spans_page, methods=["GET"], name="spans")
router.add_api_route("/spans.json", _spans_page, methods=["GET"], name="spans_json")
router.add_api_route("/spans.csv", _spans_page, methods=["GET"], name="spans_csv")


# -- unsaved results ------------------------------------------------------------------------


class Results:
    """The last :data:`MAX_RESULTS` unsaved analyses of this server, by article id."""

    def __init__(self, size: int = MAX_RESULTS) -> None:
        self.size = size
        self._items: OrderedDict[str, Article] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, article: Article) -> str:
        with self._lock:
            self._items[article.id] = article
            self._items.move_to_end(article.id)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return f"/analyze/results/{article.id}"

    def get(self, key: str) -> Article:
        with self._lock:
            found = self._items.get(key)
        if found is None:
            raise NotFoundError(
                f"no unsaved result {key!r} on this server (results are kept while it runs, "
                f"the last {self.size} only): analyse the text again, with 'save' to keep it"
            )
        return found


def results(request: Request) -> Results:
    state = request.app.state
    if getattr(state, "results", None) is None:
        state.results = Results()
    return state.results


def remember(request: Request, article: Article) -> str:
    """Keep an unsaved result; its link."""
    return results(request).put(article)


def _result(request: Request, key: str) -> Response:
    article = results(request).get(key)
    view: View = article_view(article)
    view.context.update({"analyzed": True, "result_url": request.url.path})
    return respond(request, "article.html", view)


router.add_api_route("/analyze/results/{key}.json", _result, methods=["GET"], name="analyze_result_json")
router.add_api_route("/analyze/results/{key}", _result, methods=["GET"], name="analyze_result")
