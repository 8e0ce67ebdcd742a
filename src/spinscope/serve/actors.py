"""Actors in the web app: ``/actors`` (the most named actors and the names left ambiguous),
``/actors/{name}`` (page and JSON twin) and ``GET /api/actors/{name}``: which techniques
target an actor, per outlet, over time, in the outlet's own voice or quoted, with example
sentences (rule: analyze/attribution/portrayal.py), and every name the corpus alias table
links to it (store/aliases.py). Users merge or split actors with ``POST
/actors/{name}/decision`` (form) or ``POST /api/actors/{name}/decision`` (JSON): writes,
protected like every write (:func:`~spinscope.serve.auth.require_write`)."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field

from ..analyze.attribution.portrayal import portrayal
from ..confidence import thresholds
from ..errors import NotFoundError
from ..model import Article
from ..store import SearchQuery, Store
from .api import ERROR_SCHEMA, ERRORS
from .auth import require_write
from .pages import page, router
from .params import Filters, counting
from .render import respond
from .views import View, filter_form, jsonable

api_router = APIRouter(prefix="/api", tags=["api"])
#: Articles read per request at most (the newest naming the actor).
MAX_ARTICLES = 400
ActorName = Annotated[
    str, Path(min_length=1, max_length=300, description="Any name of the actor (any case): canonical, alias or linked.")
]
Action = Literal["merge", "split", "auto"]


class Decision(BaseModel):
    """A user's decision on one name of the corpus alias table."""

    action: Action = Field(
        description="`merge`: the name joins the actor of `into`; `split`: the name becomes an actor of its "
        "own that no rule links; `auto`: forget the decision, the rules decide again."
    )
    into: str | None = Field(None, max_length=300, description="For `merge`: any name of the actor to join.")


def _store(request: Request) -> Store:
    return request.app.state.store


def _as_actor(articles: list[Article], heads: dict[str, str]) -> list[Article]:
    """The articles with each entity named after its actor's head (the alias table's link)."""
    out = []
    for a in articles:
        entities = [dataclasses.replace(e, canonical=heads.get(e.canonical.strip().casefold(), e.canonical)) for e in a.entities]
        out.append(dataclasses.replace(a, entities=entities))
    return out


def actor_data(store: Store, name: str) -> dict[str, Any]:
    """How the actor named ``name`` is portrayed, and every name the alias table links to it."""
    table = store.actors.describe(name)
    q = counting(SearchQuery(entity=table["actor"], limit=200))
    articles: list[Article] = []
    while len(articles) < MAX_ARTICLES:
        found = store.search(dataclasses.replace(q, offset=len(articles)))
        # the outlet as the store names it (the search row's), not the article's own spelling:
        # an outlet spelt two ways is one row, named as on the outlet, story and dashboard pages
        articles.extend(dataclasses.replace(store.get(item.id), outlet=item.outlet) for item in found.items)
        if len(found.items) < q.limit:
            break
    if not articles:
        raise NotFoundError(f"no article names the actor {name!r}", source=name)
    heads = store.actors.heads([e.canonical for a in articles for e in a.entities])
    data = portrayal(_as_actor(articles, heads), table["actor"], thresholds())
    languages = {a.id: a.language for a in articles}
    for x in data["examples"]:
        x["language"] = languages.get(x["article_id"])
    # the alias table's actor, also for a name split off from the full name an article gave it
    return {**data, **{k: table[k] for k in ("actor", "key", "type", "names", "ambiguous", "maybe_also")}}


def actor_view(store: Store, name: str) -> View:
    data = actor_data(store, name)
    names = sorted({t for row in data["by_outlet"] for t in row["techniques"]})
    return View(data, {"d": data, "names": names})


@page("/actors", "actors")
def actors(request: Request, query: Filters) -> Response:
    """The most named actors over the matching articles (the alias table's names counted as one
    actor) and the names left unlinked because they could be several actors."""
    store = _store(request)
    top = store.top_actors(query, limit=100)
    data = {"filters": jsonable(query.filters()), "actors": top, "ambiguous": store.actors.ambiguous(100), **store.actors.count()}
    return respond(request, "actors.html", View(data, {"d": data, **filter_form(store, query)}))


@page("/actors/{name}", "actor")
def actor(request: Request, name: ActorName) -> Response:
    """How one actor is portrayed: the techniques that target it per outlet, over time, own voice
    vs quoted, with example sentences; its names, and forms to merge or split them."""
    return respond(request, "actor.html", actor_view(_store(request), name))


def _decide(request: Request, name: str, decision: Decision) -> dict[str, Any]:
    store = _store(request)
    result = store.actors.decide(decision.action, name, decision.into)
    clear = getattr(store, "clear", None)  # the web app's statistics and page caches
    if callable(clear):
        clear()
    return result


@router.post("/actors/{name}/decision", name="actor_decision")
def actor_decision(
    request: Request,
    name: ActorName,
    action: Annotated[Action, Form()],
    into: Annotated[str, Form(max_length=300)] = "",
    token: Annotated[str, Form()] = "",
) -> Response:
    """Merge or split from the actor page (a form post; needs the server's token like every
    write); back to the page of the actor the name now belongs to."""
    require_write(request, token or None)
    result = _decide(request, name, Decision(action=action, into=into or None))
    return RedirectResponse(f"/actors/{quote(result['actor'], safe='')}", status_code=303)


@api_router.get("/actors/{name}", summary="How one actor is portrayed", responses=ERRORS)
def api_actor(request: Request, name: ActorName) -> dict[str, Any]:
    """Techniques targeting the actor (mentioned inside the span, else grammatically attached to it in
    the span's sentence, never its own speaker; a span may target no one) per outlet with own/quoted voice counts, per month, and example sentences;
    `names`: every name linked to it (`rule`: self, variant, surname, acronym, article or user)."""
    return actor_data(_store(request), name)


@api_router.post(
    "/actors/{name}/decision",
    summary="Merge or split an actor (a write)",
    responses={**ERRORS, 401: ERROR_SCHEMA, 403: ERROR_SCHEMA},
)
def api_actor_decision(request: Request, name: ActorName, body: Decision) -> dict[str, Any]:
    """Record a decision on the name `name` of the corpus alias table, kept across re-analysis and
    re-ingest; returns the actor the name now belongs to (`actor`, `key`, `names`, ...).
    Needs the server's token when it has one (`Authorization: Bearer TOKEN`)."""
    require_write(request)
    return _decide(request, name, body)
