"""A read-through cache for the store's corpus-wide aggregates.

Dashboards, outlet pages and the search form's outlet list all ask the store for
aggregates over the whole corpus, which cost time proportional to its size (seconds
on 100,000 articles). The web app wraps its store in :class:`CachingStore`:

- aggregate results are kept for ``ttl`` seconds and count as out of date as soon
  as the number of stored articles changes (another process ingesting);
- an out-of-date result is still served once while a background thread recomputes
  it (stale-while-revalidate), so only the very first request for a key waits;
- a write through this app (:meth:`add`, :meth:`add_many`) drops everything.

Everything else goes straight to the store.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..model import Article
from ..store import AddResult, SearchQuery, Store
from .params import counting

log = logging.getLogger("spinscope.serve")

CACHED = ("outlets", "technique_stats", "frame_stats", "article_stats", "top_actors", "who_quotes_whom")
MAX_ENTRIES = 512
COUNT_EVERY = 0.5  # seconds

Key = tuple[Any, ...]


@dataclass
class _Entry:
    expires: float
    count: int
    value: Any


class CachingStore:
    """Wraps a :class:`~spinscope.store.Store`; caches the aggregate methods."""

    def __init__(self, store: Store, ttl: float = 60.0, on_write: Callable[[], None] | None = None) -> None:
        self.store = store
        self.ttl = ttl
        self.on_write = on_write  # also told when this app writes (the page cache)
        self._lock = threading.Lock()
        self._entries: dict[Key, _Entry] = {}
        self._refreshing: set[Key] = set()
        self._last_count, self._counted_at = 0, -COUNT_EVERY

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self.store, name)
        if name in CACHED:
            return self._cached(name, attr)
        return attr

    def _cached(self, name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            key = (name, args, tuple(sorted(kwargs.items())))
            count = self._count()
            with self._lock:
                hit = self._entries.get(key)
            if hit is None:
                return self._compute(key, method, args, kwargs, count)
            if hit.expires <= time.monotonic() or hit.count != count:
                self._refresh_later(key, method, args, kwargs, count)
            return hit.value

        return call

    def _count(self) -> int:
        """The number of articles, asked of the store at most every ``COUNT_EVERY`` seconds
        (every cached call checks it; a burst of page views should not each count)."""
        now = time.monotonic()
        with self._lock:
            if now - self._counted_at < COUNT_EVERY:
                return self._last_count
        count = self.store.count()
        with self._lock:
            self._last_count, self._counted_at = count, now
        return count

    def _compute(self, key: Key, method: Callable[..., Any], args: tuple, kwargs: dict, count: int) -> Any:
        value = method(*args, **kwargs)
        with self._lock:
            if len(self._entries) >= MAX_ENTRIES:
                self._entries.clear()
            self._entries[key] = _Entry(time.monotonic() + self.ttl, count, value)
        return value

    def _refresh_later(self, key: Key, method: Callable[..., Any], args: tuple, kwargs: dict, count: int) -> None:
        with self._lock:
            if key in self._refreshing:
                return
            self._refreshing.add(key)

        def work() -> None:
            try:
                self._compute(key, method, args, kwargs, count)
            except Exception:  # the next request computes it in the foreground
                log.exception("refreshing %s failed", key[0])
                with self._lock:
                    self._entries.pop(key, None)
            finally:
                with self._lock:
                    self._refreshing.discard(key)

        threading.Thread(target=work, name=f"spinscope-cache-{key[0]}", daemon=True).start()

    def wait_idle(self, timeout: float = 30.0) -> None:
        """Wait until no background refresh runs (tests, benchmarks)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if not self._refreshing:
                    return
            time.sleep(0.01)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._counted_at = -COUNT_EVERY
        if self.on_write is not None:
            self.on_write()

    def add(self, article: Article, *, outlet: str | None = None) -> AddResult:
        try:
            return self.store.add(article, outlet=outlet)
        finally:
            self.clear()

    def warm(self, outlets: int = 50) -> None:
        """Fill the cache with the dashboard's aggregates, then the busiest outlets' profiles,
        so that first visits are fast (run in a background thread at start-up)."""
        from .dashboard import numbers

        try:
            numbers(self, counting(), "month", "count")  # type: ignore[arg-type]
            for outlet in self.outlets()[:outlets]:
                numbers(self, counting(SearchQuery(outlet=outlet.name)), "month", "count")  # type: ignore[arg-type]
        except Exception:  # a cold cache is only slower
            log.exception("warming the statistics cache failed")

    def add_many(self, articles: Iterable[Article], *, outlet: str | None = None) -> list[AddResult]:
        try:
            return self.store.add_many(articles, outlet=outlet)
        finally:
            self.clear()
