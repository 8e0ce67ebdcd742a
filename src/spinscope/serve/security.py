"""Request hardening before any route runs: the ``Host`` a request names (DNS rebinding),
same-origin writes, the body size limit, ``HEAD`` for every ``GET``, security headers.

Everything shown by the UI is untrusted (article text and metadata come from the
web). Templates autoescape, the JS builds DOM nodes with ``textContent`` only, and a
strict Content-Security-Policy (no inline script, no foreign origins) is a second
line of defence should an escape ever be missed.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from .auth import host_allowed

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


class SecurityMiddleware:
    """Pure ASGI middleware, in this order: refuse a ``Host`` that is not this server (400,
    see :func:`~spinscope.serve.auth.host_allowed`), refuse cross-site writes (an ``Origin``
    that is not this server, 403), refuse bodies over ``max_bytes`` (413); answer ``HEAD``
    like ``GET`` without the body; add the security headers. Refusals use the API error shape."""

    def __init__(
        self, app: ASGIApp, max_bytes: int, served_host: str = "127.0.0.1", allowed_hosts: tuple[str, ...] = ()
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.served_host = served_host
        self.allowed_hosts = allowed_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        refusal = self._refusal(scope["method"], headers)
        if refusal is not None:
            await _send_error(send, *refusal)
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}
        await self._limited(scope, receive, send, head=head)

    def _refusal(self, method: str, headers: dict[str, str]) -> tuple[int, str, str] | None:
        if not host_allowed(headers.get("host"), self.served_host, self.allowed_hosts):
            return 400, "bad_host", "this server does not answer to that Host name (see --allowed-host)"
        if method not in ("GET", "HEAD", "OPTIONS") and not _same_origin(headers):
            return 403, "forbidden", "cross-site writes are refused"
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_bytes:
            return 413, "request_too_large", f"request body over {self.max_bytes} bytes"
        return None

    async def _limited(self, scope: Scope, receive: Receive, send: Send, *, head: bool) -> None:
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
            elif head and message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {**message, "body": b""}
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
