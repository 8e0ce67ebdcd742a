"""Actor portrayal in the web app: ``/actors/{name}`` (page and JSON twin) and
``GET /api/actors/{name}``: which techniques target an actor, per outlet, over time, in
the outlet's own voice or quoted, with example sentences (rule: analyze/attribution/portrayal.py)."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response

from ..analyze.attribution.portrayal import portrayal
from ..errors import NotFoundError
from ..model import Article
from ..store import SearchQuery, Store
from .api import ERRORS
from .pages import page
from .render import respond
from .views import View

api_router = APIRouter(prefix="/api", tags=["api"])
#: Articles read per request at most (the newest naming the actor).
MAX_ARTICLES = 400
ActorName = Annotated[str, Path(min_length=1, max_length=300, description="The actor's canonical name (any case).")]


def actor_data(store: Store, name: str) -> dict[str, Any]:
    q = SearchQuery(entity=name, limit=200)
    articles: list[Article] = []
    while len(articles) < MAX_ARTICLES:
        found = store.search(dataclasses.replace(q, offset=len(articles)))
        articles.extend(store.get(item.id) for item in found.items)
        if len(found.items) < q.limit:
            break
    if not articles:
        raise NotFoundError(f"no article names the actor {name!r}", source=name)
    return portrayal(articles, name)


def actor_view(store: Store, name: str) -> View:
    data = actor_data(store, name)
    names = sorted({t for row in data["by_outlet"] for t in row["techniques"]})
    return View(data, {"d": data, "names": names})


@page("/actors/{name}", "actor")
def actor(request: Request, name: ActorName) -> Response:
    """How one actor is portrayed: the techniques that target it per outlet, over time, own voice
    vs quoted, with example sentences."""
    return respond(request, "actor.html", actor_view(request.app.state.store, name))


@api_router.get("/actors/{name}", summary="How one actor is portrayed", responses=ERRORS)
def api_actor(request: Request, name: ActorName) -> dict[str, Any]:
    """Techniques targeting the actor (mentioned inside the span, else nearest in its clause, never
    its own speaker) per outlet with own/quoted voice counts, per month, and example sentences."""
    return actor_data(request.app.state.store, name)
