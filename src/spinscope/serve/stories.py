"""Stories in the web app: ``/stories`` and ``/stories/{id}`` (pages with JSON twins) and
``GET /api/stories``, ``GET /api/stories/{story_id}``: one event, its outlets side by side."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from ..confidence import thresholds
from ..store import Store
from . import labels
from .api import ERRORS
from .pages import page
from .params import MAX_ID, PageNumber
from .render import respond
from .views import View

api_router = APIRouter(prefix="/api", tags=["api"])
PAGE = 50
StoryId = Annotated[int, Path(ge=1, le=MAX_ID, description="The story's id.")]
MinArticles = Annotated[int, Query(ge=1, le=10_000, description="Only stories with at least this many articles.")]
Limit = Annotated[int, Query(ge=1, le=200, description="Stories per page.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Stories to skip.")]


def _store(request: Request) -> Store:
    return request.app.state.store


def stories_view(store: Store, *, min_articles: int = 1, page_number: int = 1) -> View:
    total, items = store.stories(min_articles=min_articles, limit=PAGE, offset=(page_number - 1) * PAGE)
    data = {"total": total, "page": page_number, "pages": max(1, -(-total // PAGE)), "items": items}
    return View(data, {"items": items, "min_articles": min_articles})


def story_view(store: Store, story_id: int) -> View:
    data = store.story(story_id, thresholds())
    names = sorted({t["technique"] for c in data["columns"] for t in c["techniques"]})
    rates = [
        {
            "technique": name,
            "title": labels.info("technique", name).title,
            "colour": labels.colour(name),
            "cells": [
                next((t["per_1000_words"] for t in c["techniques"] if t["technique"] == name), 0.0)
                for c in data["columns"]
            ],
        }
        for name in names
    ]
    top = max([v for r in rates for v in r["cells"]] + [1.0])
    return View(data, {"s": data, "rates": rates, "top": top})


@page("/stories", "stories")
def stories(request: Request, min_articles: MinArticles = 1, page: PageNumber = 1) -> Response:
    """Stories: articles about one event across outlets, those covered by the most outlets first."""
    return respond(request, "stories.html", stories_view(_store(request), min_articles=min_articles, page_number=page))


@page("/stories/{story_id}", "story")
def story(request: Request, story_id: StoryId) -> Response:
    """One story: its outlets side by side (techniques per 1,000 words, frames, genre, quoted
    speakers, actors, sentences only one outlet has)."""
    return respond(request, "story.html", story_view(_store(request), story_id))


@api_router.get("/stories", summary="Stories: one event across outlets", responses=ERRORS)
def api_stories(
    request: Request, min_articles: MinArticles = 1, limit: Limit = PAGE, offset: Offset = 0
) -> dict[str, Any]:
    """Stories with their label, time span, outlets and article count (most outlets first)."""
    total, items = _store(request).stories(min_articles=min_articles, limit=limit, offset=offset)
    return {"total": total, "items": items}


@api_router.get("/stories/{story_id}", summary="One story, outlets side by side", responses=ERRORS)
def api_story(request: Request, story_id: StoryId) -> dict[str, Any]:
    """Per outlet: articles, technique counts and rates per 1,000 words, own-voice share, frames,
    genres, quoted speakers, actors named and the sentences only that outlet has."""
    return _store(request).story(story_id, thresholds())
