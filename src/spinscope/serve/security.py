"""Request hardening: body size limit, security headers, write tokens, same-origin writes.

Everything shown by the UI is untrusted (article text and metadata come from the
web). Templates autoescape, the JS builds DOM nodes with ``textContent`` only, and a
strict Content-Security-Policy (no inline script, no foreign origins) is a second
line of defence should an escape ever be missed.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from ..errors import SpinscopeError

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]


class AuthError(SpinscopeError):
    """A write endpoint was called without the right token (HTTP 401)."""

    code = "unauthorized"


class ForbiddenError(SpinscopeError):
    """The request is not allowed at all (writes disabled, cross-site write) (HTTP 403)."""

    code = "forbidden"


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host in ("localhost", ""):
        return host == "localhost"
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_write(host: str, token: str | None, supplied: str | None) -> None:
    """Raise unless a write may go ahead.

    With a token configured every write must carry it. Without one, writes are open
    on a loopback address and refused on any other (an exposed server with no token).
    """
    if token:
        if not supplied or not hmac.compare_digest(supplied.encode(), token.encode()):
            raise AuthError("this endpoint writes to the corpus: send the server's token (Authorization: Bearer TOKEN)")
        return
    if not is_loopback(host):
        raise ForbiddenError("writes are disabled on a non-loopback address; restart `spinscope serve` with --token")


def _json_error(status: int, code: str, message: str) -> tuple[dict[str, Any], bytes]:
    body = json.dumps({"error": {"code": code, "message": message, "source": None}}).encode()
    start = {
        "type": "http.response.start",
        "status": status,
        "headers": [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            *SECURITY_HEADERS,
        ],
    }
    return start, body


class _TooLarge(Exception):
    pass


class LimitsMiddleware:
    """Pure ASGI middleware: refuse bodies over ``max_bytes`` (413, the API error shape),
    refuse cross-site writes (an ``Origin`` that is not this server), add security headers."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if scope["method"] not in ("GET", "HEAD", "OPTIONS") and not _same_origin(headers):
            await _send_error(send, 403, "forbidden", "cross-site writes are refused")
            return
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_bytes:
            await _send_error(send, 413, "request_too_large", f"request body over {self.max_bytes} bytes")
            return
        state = {"received": 0, "exceeded": False, "started": False, "replaced": False}

        async def limited_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                state["received"] += len(message.get("body", b""))
                if state["received"] > self.max_bytes:
                    state["exceeded"] = True
                    raise _TooLarge
            return message

        async def guarded_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                state["started"] = True
                if state["exceeded"]:
                    state["replaced"] = True
                    await _send_error(send, 413, "request_too_large", f"request body over {self.max_bytes} bytes")
                    return
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            elif state["replaced"]:
                return
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except _TooLarge:
            if not state["started"]:
                await _send_error(send, 413, "request_too_large", f"request body over {self.max_bytes} bytes")


async def _send_error(send: Send, status: int, code: str, message: str) -> None:
    start, body = _json_error(status, code, message)
    await send(start)
    await send({"type": "http.response.body", "body": body})


def _same_origin(headers: dict[str, str]) -> bool:
    """A browser write from another site carries its ``Origin``; non-browser clients send none."""
    origin = headers.get("origin")
    if origin is None:
        return headers.get("sec-fetch-site", "same-origin") in ("same-origin", "none")
    if origin == "null":  # privacy modes and sandboxes: trust only the browser's own verdict
        return headers.get("sec-fetch-site") == "same-origin"
    host = headers.get("host", "")
    return origin.split("://", 1)[-1].rstrip("/") == host
