"""The JSON API under `/api/` (documented at `/openapi.json` and `/docs`).

Every error has the shape `{"error": {"code", "message", "source"}}`.
Writes (`save`, ingest, fetching a URL) need the server's token when it was started
with `--token` or on a non-loopback address.
"""

from __future__ import annotations

import os
import tempfile
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import FileResponse, Response
from pydantic import BaseModel, Field
from starlette.background import BackgroundTask

from .._version import __version__
from ..errors import EmptyInputError, SpinscopeError
from ..store import StatsBy, Store
from . import labels, service, views
from .auth import require_write
from .options import ServeOptions
from .params import AnalysisId, Filters, Paged

router = APIRouter(prefix="/api", tags=["api"])

ERROR_SCHEMA = {
    "description": "Error",
    "content": {
        "application/json": {
            "example": {"error": {"code": "not_found", "message": "no article with id 'x'", "source": None}}
        }
    },
}
ERRORS: dict[int | str, dict[str, Any]] = {400: ERROR_SCHEMA, 404: ERROR_SCHEMA, 422: ERROR_SCHEMA}


def _store(request: Request) -> Store:
    return request.app.state.store


class AnalyzeRequest(BaseModel):
    """Text (or a URL) to analyse; `save` also stores the result in the corpus."""

    text: str | None = Field(None, description="The article text (the title may be its first line).")
    title: str | None = Field(None, description="Title, prepended to the text as its first line.")
    url: str | None = Field(
        None, description="Fetch and analyse this http(s) URL instead of text (needs write access)."
    )
    outlet: str | None = Field(None, description="Outlet name to record with the article.")
    save: bool = Field(False, description="Store the analysed article in the corpus (needs write access).")


By = Annotated[
    StatsBy,
    Query(description="Group rows by outlet, month (YYYY-MM), day (YYYY-MM-DD) or language (the article's ISO code)."),
]


@router.get("/health", summary="Server status and corpus size")
def health(request: Request) -> dict[str, Any]:
    options: ServeOptions = request.app.state.options
    return {
        "status": "ok",
        "version": __version__,
        "articles": _store(request).count(),
        "writes_need_token": options.writes_need_token,
    }


@router.post(
    "/analyze",
    summary="Analyse a text or URL (optionally save it)",
    responses={**ERRORS, 401: ERROR_SCHEMA, 413: ERROR_SCHEMA},
)
async def analyze(request: Request, body: AnalyzeRequest) -> dict[str, Any]:
    """Run the analysis pipeline (in a worker thread; 503 `busy` when too many wait);
    return `{"articles": [...], "saved": [...]}`."""
    options: ServeOptions = request.app.state.options
    if body.save or body.url:
        require_write(request)
    sub = service.Submission(text=body.text, title=body.title, url=body.url, outlet=body.outlet)
    store = _store(request) if body.save else None
    outcome = await request.app.state.gate.run(
        lambda: service.run(sub, request.app.state.analyzer, max_bytes=options.max_upload_bytes, store=store)
    )
    return {"articles": [a.to_dict() for a in outcome.articles], "saved": views.jsonable(outcome.saved)}


@router.post(
    "/ingest",
    summary="Upload files (or a URL) into the corpus",
    responses={**ERRORS, 401: ERROR_SCHEMA, 413: ERROR_SCHEMA},
)
async def ingest(
    request: Request,
    files: Annotated[list[UploadFile] | None, File(description="Text, HTML, feed or JSONL files.")] = None,
    url: Annotated[str, Form(description="An http(s) URL to fetch instead of files.")] = "",
    outlet: Annotated[str, Form(description="Outlet to record with every article.")] = "",
) -> dict[str, Any]:
    """Read, analyse and store; a summary of stored / skipped / failed per input."""
    require_write(request)
    options: ServeOptions = request.app.state.options
    subs = [
        service.Submission(
            upload=await f.read(options.max_upload_bytes + 1), filename=f.filename, outlet=outlet or None
        )
        for f in files or []
    ]
    if url:
        subs.append(service.Submission(url=url, outlet=outlet or None))
    if not subs:
        raise EmptyInputError("send one or more files, or a url")
    store, analyzer = _store(request), request.app.state.analyzer
    results: list[dict[str, Any]] = []
    for sub in subs:
        try:
            outcome = await request.app.state.gate.run(
                lambda sub=sub: service.run(sub, analyzer, max_bytes=options.max_upload_bytes, store=store)
            )
            results.extend({"source": sub.name, **views.jsonable(r), "error": None} for r in outcome.saved)
        except SpinscopeError as exc:
            results.append({"source": sub.name, "article_id": None, "status": "failed", "error": exc.to_dict()})
    summary = {s: sum(1 for r in results if r["status"] == s) for s in ("stored", "skipped", "reanalysed", "failed")}
    return {**summary, "results": results}


@router.get("/articles", summary="Search / list articles", responses=ERRORS)
def articles(request: Request, query: Paged) -> dict[str, Any]:
    """Full-text query `q` plus filters (ANDed); newest first, or by relevance with `q`."""
    return views.jsonable(_store(request).search(query))


@router.get("/articles/{article_id}", summary="One article with its analysis", responses=ERRORS)
def article(request: Request, article_id: str, analysis_id: AnalysisId = None) -> dict[str, Any]:
    """The article (text, metadata, every span) as in `spinscope analyze --format json`."""
    return _store(request).get(article_id, analysis_id=analysis_id).to_dict()


@router.get("/articles/{article_id}/history", summary="Every analysis of an article", responses=ERRORS)
def history(request: Request, article_id: str) -> list[dict[str, Any]]:
    return views.jsonable(_store(request).history(article_id))


@router.get("/compare", summary="Two articles side by side", responses=ERRORS)
def compare(request: Request, a: str, b: str) -> dict[str, Any]:
    """Techniques, voices, frames, actors and quoted speakers of articles `a` and `b`."""
    store = _store(request)
    return views.compare_view(store.get(a), store.get(b)).data


@router.get("/outlets", summary="Outlets in the corpus")
def outlets(request: Request) -> list[dict[str, Any]]:
    return views.jsonable(_store(request).outlets())


@router.get("/outlets/{name:path}", summary="An outlet's profile and statistics", responses=ERRORS)
def outlet(request: Request, name: str) -> dict[str, Any]:
    return views.outlet_view(_store(request), name).data


@router.get("/stats/techniques", summary="Technique spans per outlet, month, day or language", responses=ERRORS)
def technique_stats(request: Request, query: Filters, by: By = "outlet") -> list[dict[str, Any]]:
    """Rows `{outlet|month|day|language, technique, count, n_articles}` over the matching
    articles (the dashboard's technique charts); with `voice`, only spans in that voice are counted."""
    return views.jsonable(_store(request).technique_stats(query, by=by))


@router.get("/stats/frames", summary="Articles per frame per outlet, month, day or language", responses=ERRORS)
def frame_stats(request: Request, query: Filters, by: By = "outlet") -> list[dict[str, Any]]:
    """Rows `{outlet|month|day|language, frame, count}` over the matching articles (the dashboard's frame charts)."""
    return views.jsonable(_store(request).frame_stats(query, by=by))


@router.get("/stats/actors", summary="Most mentioned actors", responses=ERRORS)
def actors(request: Request, query: Filters, limit: Annotated[int, Query(ge=1, le=500)] = 20) -> list[dict[str, Any]]:
    """Rows `{canonical, type, n_articles, n_mentions}` over the matching articles."""
    return views.jsonable(_store(request).top_actors(query, limit=limit))


@router.get("/stats/quotes", summary="Who quotes whom: quoted speakers per outlet", responses=ERRORS)
def quotes(request: Request, query: Filters, limit: Annotated[int, Query(ge=1, le=1000)] = 50) -> list[dict[str, Any]]:
    """Rows `{outlet, speaker, n_quotes, n_articles}` over the matching articles."""
    return views.jsonable(_store(request).who_quotes_whom(query, limit=limit))


@router.get("/techniques", summary="Technique definitions")
def techniques() -> list[dict[str, Any]]:
    return [{**i.to_dict(), "colour": labels.colour(k)} for k, i in labels.techniques().items()]


MEDIA = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson", "parquet": "application/vnd.apache.parquet"}


@router.get(
    "/export",
    summary="Export matching articles as CSV, JSONL or Parquet",
    responses={**ERRORS, 200: {"content": {m: {} for m in MEDIA.values()}}},
)
def export(
    request: Request,
    query: Filters,
    format: Annotated[Literal["csv", "jsonl", "parquet"], Query(description="File format.")] = "jsonl",
) -> Response:
    """Every article matching the filters (not paginated), as a file download."""
    fd, path = tempfile.mkstemp(suffix=f".{format}", prefix="spinscope-export-")
    os.close(fd)
    try:
        rows = _store(request).export(query, format, path)
    except BaseException:
        os.unlink(path)
        raise
    return FileResponse(
        path,
        media_type=MEDIA[format],
        filename=f"spinscope-export.{format}",
        headers={"X-Spinscope-Rows": str(rows)},
        background=BackgroundTask(os.unlink, path),
    )
