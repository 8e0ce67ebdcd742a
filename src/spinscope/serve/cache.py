"""A read-through cache for the store's corpus-wide aggregates.

Dashboards, outlet pages and the search form's outlet list all ask the store for
aggregates over the whole corpus, which cost time proportional to its size. The web
app wraps its store in :class:`CachingStore`: aggregate results are kept for ``ttl``
seconds and dropped as soon as the number of stored articles changes (another
process ingesting) or this app writes. Everything else goes straight to the store.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from ..model import Article
from ..store import AddResult, Store

CACHED = ("outlets", "technique_stats", "frame_stats", "top_actors", "who_quotes_whom")
MAX_ENTRIES = 512


class CachingStore:
    """Wraps a :class:`~spinscope.store.Store`; caches the aggregate methods."""

    def __init__(self, store: Store, ttl: float = 60.0) -> None:
        self.store = store
        self.ttl = ttl
        self._lock = threading.Lock()
        self._entries: dict[tuple[Any, ...], tuple[float, int, Any]] = {}

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self.store, name)
        if name in CACHED:
            return self._cached(name, attr)
        return attr

    def _cached(self, name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            key = (name, args, tuple(sorted(kwargs.items())))
            count = self.store.count()
            now = time.monotonic()
            with self._lock:
                hit = self._entries.get(key)
            if hit is not None and hit[0] > now and hit[1] == count:
                return hit[2]
            value = method(*args, **kwargs)
            with self._lock:
                if len(self._entries) >= MAX_ENTRIES:
                    self._entries.clear()
                self._entries[key] = (now + self.ttl, count, value)
            return value

        return call

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def add(self, article: Article, *, outlet: str | None = None) -> AddResult:
        try:
            return self.store.add(article, outlet=outlet)
        finally:
            self.clear()

    def add_many(self, articles: Any, *, outlet: str | None = None) -> list[AddResult]:
        try:
            return self.store.add_many(articles, outlet=outlet)
        finally:
            self.clear()
