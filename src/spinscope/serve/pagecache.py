"""A cache of rendered pages, bounded by bytes.

Rendering a page costs far more than checking whether it changed. An article page
depends only on the article's latest analysis, so it is kept until that changes (its
``version``); listing pages (search) are kept for ``ttl`` seconds and dropped at once
when this server writes. The least recently used pages go first once the cache holds
``max_bytes`` of page bodies.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from fastapi import Request
from fastapi.responses import Response

from .render import wants_json

MAX_BYTES = 64 * 1024 * 1024
#: Pages larger than this are never cached (one page may not push out hundreds).
MAX_PAGE_BYTES = 2 * 1024 * 1024


@dataclass
class _Page:
    version: Hashable
    expires: float
    body: bytes
    status: int
    media_type: str | None
    headers: list[tuple[str, str]]


class PageCache:
    """Rendered responses by request (path, query, JSON or HTML) and version."""

    def __init__(self, max_bytes: int = MAX_BYTES, ttl: float = 2.0) -> None:
        self.max_bytes = max_bytes
        self.ttl = ttl
        self.bytes = 0
        self.hits = self.misses = 0
        self._pages: OrderedDict[Hashable, _Page] = OrderedDict()
        self._lock = threading.Lock()

    def respond(
        self, request: Request, make: Callable[[], Response], *, version: Hashable = None, ttl: float | None = None
    ) -> Response:
        """The cached response to ``request`` if it is still valid, else ``make()`` (cached when 200)."""
        key = (request.url.path, request.url.query, wants_json(request))
        now = time.monotonic()
        with self._lock:
            page = self._pages.get(key)
            if page is not None and page.version == version and page.expires > now:
                self._pages.move_to_end(key)
                self.hits += 1
                return Response(page.body, page.status, media_type=page.media_type, headers=dict(page.headers))
            self.misses += 1
        response = make()
        if response.status_code == 200 and len(response.body) <= MAX_PAGE_BYTES:
            headers = [
                (k, v) for k, v in response.headers.items() if k.lower() not in ("content-length", "content-type")
            ]
            fresh = _Page(
                version,
                now + (self.ttl if ttl is None else ttl),
                bytes(response.body),
                200,
                response.media_type,
                headers,
            )
            self._put(key, fresh)
        return response

    def _put(self, key: Hashable, page: _Page) -> None:
        with self._lock:
            old = self._pages.pop(key, None)
            if old is not None:
                self.bytes -= len(old.body)
            self._pages[key] = page
            self.bytes += len(page.body)
            while self.bytes > self.max_bytes and self._pages:
                _, dropped = self._pages.popitem(last=False)
                self.bytes -= len(dropped.body)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self.bytes = 0
