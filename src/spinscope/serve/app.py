"""The application factory behind ``spinscope serve``.

>>> app = create_app("corpus.db", ServeOptions(host="127.0.0.1"))  # doctest: +SKIP

One FastAPI app serves server-rendered pages (each also as JSON at ``….json`` or
with ``Accept: application/json``), the JSON API under ``/api/`` and its OpenAPI
schema (``/openapi.json``, browsable offline at ``/docs``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape

from .. import __version__
from ..analyze.pipeline import DEFAULT_PIPELINE
from ..ingest import MAX_INPUT_BYTES
from ..model import Article
from ..store import Store, open_store
from . import catalog
from .cache import CachingStore
from .errors import install as install_errors
from .errors import wants_json
from .security import LimitsMiddleware, check_write, is_loopback
from .views import View, safe_url

STATIC = Path(__file__).parent / "static"


@dataclass
class ServeOptions:
    """How the server behaves. ``analyzer`` replaces the model pipeline (tests, plug-ins)."""

    host: str = "127.0.0.1"
    token: str | None = None
    max_upload_bytes: int = MAX_INPUT_BYTES
    max_request_bytes: int = MAX_INPUT_BYTES + 256 * 1024
    pipeline: tuple[str, ...] = DEFAULT_PIPELINE
    analyzer: Callable[[list[Article]], object] | None = None
    stats_ttl: float = 600.0  # seconds corpus aggregates are cached (0: never)
    warm_cache: bool = False  # compute the dashboards' aggregates in the background at start-up

    @property
    def writes_need_token(self) -> bool:
        return bool(self.token) or not is_loopback(self.host)


def _default_analyzer(names: Sequence[str]) -> Callable[[list[Article]], object]:
    def run(articles: list[Article]) -> object:
        from ..analysis import analyze

        return analyze(articles, names)

    return run


def _templates() -> Jinja2Templates:
    env = Environment(
        loader=PackageLoader("spinscope.serve", "templates"),
        autoescape=select_autoescape(["html", "svg", "xml"], default_for_string=True, default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["version"] = __version__
    env.globals["tinfo"] = lambda label: catalog.info("technique", label)
    env.globals["finfo"] = lambda label: catalog.info("frame", label)
    env.globals["colour"] = catalog.colour
    env.filters["safe_url"] = safe_url
    env.filters["headline"] = _headline
    env.filters["pct"] = lambda v: f"{100 * float(v or 0):.0f}%"
    env.filters["day"] = lambda d: d.date().isoformat() if hasattr(d, "date") else (d or "")
    return Jinja2Templates(env=env)


def supplied_token(request: Request, form_token: str | None = None) -> str | None:
    """The token a request carries: ``Authorization: Bearer``, ``X-Spinscope-Token`` or a form field."""
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return request.headers.get("x-spinscope-token") or form_token or None


def require_write(request: Request, form_token: str | None = None) -> None:
    """Raise unless this request may write to the corpus (see :func:`security.check_write`)."""
    options: ServeOptions = request.app.state.options
    check_write(options.host, options.token, supplied_token(request, form_token))


def respond(request: Request, template: str, view: View, *, status: int = 200) -> Response:
    """The page as HTML, or its JSON document when the client asks for JSON."""
    if wants_json(request):
        return JSONResponse(view.data, status_code=status)
    options: ServeOptions = request.app.state.options
    context = {
        **view.context,
        "data": view.data,
        "page": template.rsplit(".", 1)[0],
        "writes_need_token": options.writes_need_token,
        "json_url": _json_url(request),
    }
    return request.app.state.templates.TemplateResponse(request, template, context, status_code=status)


def _warm(store: CachingStore) -> None:
    """Fill the aggregate cache (dashboard, then outlet profiles) so first visits are fast."""
    from .views import stats

    try:
        stats(store)  # type: ignore[arg-type]
        for outlet in store.outlets()[:50]:
            stats(store, outlet=outlet.name)  # type: ignore[arg-type]
    except Exception:  # a cold cache is only slower
        logging.getLogger("spinscope.serve").exception("warming the statistics cache failed")


def _json_url(request: Request) -> str | None:
    """Where the JSON twin of this page lives (None for form results)."""
    if request.method != "GET":
        return None
    path = request.url.path
    if path == "/docs":
        return "/openapi.json"
    json_path = "/index.json" if path == "/" else f"{path.rstrip('/')}.json"
    return f"{json_path}?{request.url.query}" if request.url.query else json_path


def create_app(
    store_url: str | None = None, options: ServeOptions | None = None, *, store: Store | None = None
) -> FastAPI:
    """Build the web app over the store at ``store_url`` (or an already open ``store``)."""
    from . import api, pages

    options = options or ServeOptions()
    owned = store is None
    the_store = store if store is not None else open_store(store_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if options.warm_cache and isinstance(app.state.store, CachingStore):
            threading.Thread(target=_warm, args=(app.state.store,), name="spinscope-warm", daemon=True).start()
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
    app.state.store = CachingStore(the_store, ttl=options.stats_ttl) if options.stats_ttl > 0 else the_store
    app.state.options = options
    app.state.analyzer = options.analyzer or _default_analyzer(options.pipeline)
    app.state.templates = _templates()
    install_errors(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(LimitsMiddleware, max_bytes=options.max_request_bytes)
    return app


def _headline(article: object) -> str:
    """The title, or for untitled articles (scraped pages often have none) the opening words."""
    title = getattr(article, "title", None) if not isinstance(article, dict) else article.get("title")
    if title:
        return str(title)
    text = getattr(article, "text", None) if not isinstance(article, dict) else article.get("text")
    words = " ".join(str(text or "").split())
    if not words:
        return "Untitled article"
    return words if len(words) <= 80 else words[:80].rsplit(" ", 1)[0] + "…"

