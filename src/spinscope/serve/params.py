"""Request parameters shared by the pages and the API, as FastAPI dependencies.

:func:`search_query` turns the filter parameters of any request into the one filter
type, :class:`~spinscope.store.SearchQuery`, which checks them once (voice, dates,
lengths): the search page, the API's search, statistics and export all take it.
Every number has bounds, so no value reaches the database unchecked.
"""

from __future__ import annotations

import dataclasses
from typing import Annotated

from fastapi import Depends, Query

from ..catalog import VOICES
from ..confidence import thresholds
from ..store import SearchQuery
from ..store.types import MAX_OFFSET

PAGE_SIZE = 20
MAX_PAGE_SIZE = 200
MAX_PAGE = MAX_OFFSET // MAX_PAGE_SIZE
#: Largest id a database row can have (a signed 64-bit integer).
MAX_ID = 2**63 - 1


def search_query(
    q: Annotated[
        str | None, Query(description='Full-text query: words are ANDed, "a phrase", prefix*, -excluded.')
    ] = None,
    outlet: Annotated[str | None, Query(description="Outlet name (exact).")] = None,
    date_from: Annotated[
        str | None, Query(description="Published on or after this date (YYYY-MM-DD or an ISO datetime).")
    ] = None,
    date_to: Annotated[
        str | None, Query(description="Published on or before this date (YYYY-MM-DD or an ISO datetime).")
    ] = None,
    language: Annotated[str | None, Query(description="Language code, e.g. en.")] = None,
    genre: Annotated[str | None, Query(description="opinion, reporting or satire.")] = None,
    frame: Annotated[str | None, Query(description="A frame label, e.g. Economic.")] = None,
    technique: Annotated[
        str | None, Query(description="Has at least one span of this technique, e.g. Loaded_Language.")
    ] = None,
    entity: Annotated[str | None, Query(description="Mentions this actor (canonical name or alias, case-insensitive).")] = None,
    voice: Annotated[
        str | None,
        Query(description=f"One of {', '.join(VOICES)}: the outlet's own voice, or inside quotes / reported speech."),
    ] = None,
    min_score: Annotated[
        str | None,
        Query(description="Minimum confidence (0-1) of the technique spans counted and filtered on, on top of each technique's decision threshold."),
    ] = None,
) -> SearchQuery:
    """The filters of a request (blank ones ignored) as a :class:`SearchQuery`; a bad value is a 400."""
    params = {
        "q": q,
        "outlet": outlet,
        "date_from": date_from,
        "date_to": date_to,
        "language": language,
        "genre": genre,
        "frame": frame,
        "technique": technique,
        "entity": entity,
        "voice": voice,
        "min_score": min_score,
    }
    return counting(SearchQuery.from_strings(params, limit=PAGE_SIZE))


def counting(query: SearchQuery | None = None) -> SearchQuery:
    """``query`` (default: no filter) counting a technique span from its technique's calibrated
    decision threshold, as the article view shows it (:func:`spinscope.confidence.shown`):
    every count, statistic and span list of the web UI and the API goes through it."""
    return dataclasses.replace(query or SearchQuery(), thresholds=tuple(sorted(thresholds().items())))


Filters = Annotated[SearchQuery, Depends(search_query)]


def paged(
    query: Filters,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description=f"Page size (1-{MAX_PAGE_SIZE}).")] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Skip this many matches.")] = 0,
) -> SearchQuery:
    """The filters plus a page given as ``limit``/``offset`` (the API)."""
    return dataclasses.replace(query, limit=limit, offset=offset)


Paged = Annotated[SearchQuery, Depends(paged)]
PageNumber = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page number, from 1.")]
AnalysisId = Annotated[int | None, Query(ge=1, le=MAX_ID, description="An older analysis of the article.")]
