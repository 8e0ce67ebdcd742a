"""Exception handlers: the one error shape of the web API, ``{"error": {"code", "message", "source"}}``.

Every failure — a :class:`~spinscope.errors.SpinscopeError` from the library, an
HTTP error raised by FastAPI/Starlette (404, 405, 413), a request that fails
validation (422) or an unexpected exception (500) — leaves the server in this shape.
Browsers asking for HTML get the same information as an HTML page.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import InputError, InputTooLargeError, SpinscopeError
from .render import wants_json

log = logging.getLogger("spinscope.serve")

STATUS_BY_CODE = {
    "not_found": 404,
    "usage_error": 400,
    "unauthorized": 401,
    "forbidden": 403,
    "input_too_large": 413,
    "fetch_failed": 502,
    "model_error": 503,
    "store_error": 500,
    "busy": 503,
}
CODE_BY_STATUS = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "request_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    429: "too_many_requests",
    500: "internal_error",
    503: "busy",
}


def status_for(exc: SpinscopeError) -> int:
    if exc.code in STATUS_BY_CODE:
        return STATUS_BY_CODE[exc.code]
    if isinstance(exc, InputTooLargeError):
        return 413
    if isinstance(exc, InputError):
        return 400
    return 500


def error_body(code: str, message: str, source: str | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "source": source}}


def error_response(request: Request, status: int, code: str, message: str, source: str | None = None) -> Response:
    body = error_body(code, message, source)
    if wants_json(request):
        return JSONResponse(body, status_code=status)
    templates = request.app.state.templates
    return templates.TemplateResponse(
        request, "error.html", {"status": status, "error": body["error"], "page": "error"}, status_code=status
    )


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("body", "query", "path"))
        parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else str(err.get("msg", "invalid")))
    return "; ".join(parts) or "invalid request"


def install(app: FastAPI) -> None:
    """Register the handlers that put every error into the one shape."""

    @app.exception_handler(SpinscopeError)
    async def _spinscope(request: Request, exc: SpinscopeError) -> Response:
        status = status_for(exc)
        if status >= 500:
            log.error("request failed: %s", exc)
        return error_response(request, status, exc.code, exc.message, exc.source)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        code = CODE_BY_STATUS.get(exc.status_code, "http_error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        return error_response(request, exc.status_code, code, message)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, 422, "invalid_request", _validation_message(exc))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return error_response(request, 500, "internal_error", "internal server error")
