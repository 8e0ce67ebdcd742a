"""Turning a :class:`~spinscope.serve.views.View` into a response: the HTML page from its
Jinja template, or its JSON document when the client asks for JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape

from .._version import __version__
from ..analyze.language_support import html_lang, support_message
from . import labels
from .snippets import marks
from .views import View, safe_url

if TYPE_CHECKING:
    from .options import ServeOptions

HEADLINE_CHARS = 80


def templates() -> Jinja2Templates:
    """The page templates (autoescaped: every string shown comes from untrusted articles)."""
    env = Environment(
        loader=PackageLoader("spinscope.serve", "templates"),
        autoescape=select_autoescape(["html", "svg", "xml"], default_for_string=True, default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["version"] = __version__
    env.globals["tinfo"] = lambda label: labels.info("technique", label)
    env.globals["finfo"] = lambda label: labels.info("frame", label)
    env.globals["colour"] = labels.colour
    env.globals["support_message"] = support_message
    env.filters["html_lang"] = html_lang
    env.filters["safe_url"] = safe_url
    env.filters["headline"] = headline
    env.filters["marks"] = marks
    env.filters["pct"] = lambda v: f"{100 * float(v or 0):.0f}%"
    env.filters["day"] = lambda d: d.date().isoformat() if hasattr(d, "date") else (d or "")
    return Jinja2Templates(env=env)


def wants_json(request: Request) -> bool:
    """JSON for ``/api/…``, ``….json`` and clients that ask for it and not for HTML."""
    path = request.url.path
    if path.startswith("/api/") or path.endswith(".json") or path == "/openapi.json":
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


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
        "json_url": json_url(request),
    }
    return request.app.state.templates.TemplateResponse(request, template, context, status_code=status)


def json_url(request: Request) -> str | None:
    """Where the JSON twin of this page lives (None for form results)."""
    if request.method not in ("GET", "HEAD"):
        return None
    path = request.url.path
    if path == "/docs":
        return "/openapi.json"
    json_path = "/index.json" if path == "/" else f"{path.rstrip('/')}.json"
    return f"{json_path}?{request.url.query}" if request.url.query else json_path


def headline(article: object) -> str:
    """The title, or for untitled articles (scraped pages often have none) the opening words:
    of the text (an article) or of the body (a search hit's ``lead``), the same words everywhere."""
    get = article.get if isinstance(article, dict) else lambda key: getattr(article, key, None)
    title = get("title")
    if title:
        return str(title)
    text = get("text") or get("lead")
    words = " ".join(str(text or "").split())
    if not words:
        return "Untitled article"
    return words if len(words) <= HEADLINE_CHARS else words[:HEADLINE_CHARS].rsplit(" ", 1)[0] + "…"
