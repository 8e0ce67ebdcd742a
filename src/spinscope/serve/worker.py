"""Analyses run off the event loop, a few at a time.

An analysis takes seconds of CPU. Run on the event loop it would stall every other
request; run in the server's shared thread pool, a burst of them would take every
thread and pages would wait. :class:`AnalysisGate` runs each in a worker thread of its
own, at most ``workers`` at once; up to ``queue`` more wait (without holding a thread),
and past that the server answers 503 ``busy`` at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import anyio
import anyio.to_thread

from ..errors import BusyError

T = TypeVar("T")


class AnalysisGate:
    """A concurrency limit for analyses (one per app)."""

    def __init__(self, workers: int = 2, queue: int = 32) -> None:
        self.workers = max(1, workers)
        self.queue = max(0, queue)
        self.admitted = 0  # running or waiting
        self._limiter: anyio.CapacityLimiter | None = None

    async def run(self, work: Callable[[], T]) -> T:
        """``work()`` in a worker thread once one is free; :class:`BusyError` when too many wait."""
        if self.admitted >= self.workers + self.queue:
            raise BusyError(f"{self.admitted} analyses are running or waiting: try again shortly")
        if self._limiter is None:  # made on the event loop that uses it
            self._limiter = anyio.CapacityLimiter(self.workers)
        self.admitted += 1
        try:
            return await anyio.to_thread.run_sync(work, limiter=self._limiter)
        finally:
            self.admitted -= 1
