"""The application factory behind ``spinscope serve``: it only wires the parts together.

>>> app = create_app("corpus.db", ServeOptions(host="127.0.0.1"))  # doctest: +SKIP

One FastAPI app serves server-rendered pages (:mod:`.pages`; each also as JSON at
``….json`` or with ``Accept: application/json``), the JSON API under ``/api/``
(:mod:`.api`) and its OpenAPI schema (``/openapi.json``, browsable offline at ``/docs``).
Requests pass :mod:`.security` first (``Host``, origin, size, headers); errors take one
shape (:mod:`.handlers`); analyses run in worker threads (:mod:`.worker`).
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from .._version import __version__
from ..model import Article
from ..store import Store, open_store
from . import actors, api, pages, stories, workbench
from .cache import CachingStore
from .handlers import install as install_handlers
from .options import AnalyzeCallable, ServeOptions
from .pagecache import MAX_BYTES, PageCache
from .render import templates
from .security import SecurityMiddleware
from .worker import AnalysisGate

STATIC = Path(__file__).parent / "static"


def _default_analyzer(names: Sequence[str]) -> AnalyzeCallable:
    def run(articles: list[Article]) -> object:
        from ..runner import analyze  # the models load on the first analysis, not at start-up

        return analyze(articles, names)

    return run


def create_app(
    store_url: str | None = None, options: ServeOptions | None = None, *, store: Store | None = None
) -> FastAPI:
    """Build the web app over the store at ``store_url`` (or an already open ``store``)."""
    options = options or ServeOptions()
    owned = store is None
    the_store = store if store is not None else open_store(store_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if options.warm_cache and isinstance(app.state.store, CachingStore):
            threading.Thread(target=app.state.store.warm, name="spinscope-warm", daemon=True).start()
        yield
        if owned:
            the_store.close()

    app = FastAPI(
        title="spinscope",
        version=__version__,
        description="See how news articles persuade: the corpus, its statistics and on-demand analysis. "
        'Errors always have the shape {"error": {"code", "message", "source"}}.',
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    caching = options.stats_ttl > 0
    app.state.pages = PageCache(ttl=options.page_ttl if caching else 0.0, max_bytes=MAX_BYTES if caching else 0)
    app.state.store = (
        CachingStore(the_store, ttl=options.stats_ttl, on_write=app.state.pages.clear) if caching else the_store
    )
    app.state.options = options
    app.state.analyzer = options.analyzer or _default_analyzer(options.pipeline)
    app.state.gate = AnalysisGate(options.analysis_workers, options.analysis_queue)
    app.state.templates = templates()
    install_handlers(app)
    app.include_router(api.router)
    app.include_router(stories.api_router)
    app.include_router(actors.api_router)
    app.include_router(workbench.router)  # before pages: /dashboard/data/..., /spans, /analyze/results/...
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(
        SecurityMiddleware,
        max_bytes=options.max_request_bytes,
        served_host=options.host,
        allowed_hosts=options.allowed_hosts,
    )
    return app
