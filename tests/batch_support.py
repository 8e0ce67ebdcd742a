"""Plug-in analyzers the batch tests load by ``module:callable`` in Ray workers (support
module, not a test file)."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from spinscope.model import Article


class Slow:
    """Takes ``SLOW_SECONDS`` per article (5 s on one that says ``sleep-long``); kills its own worker process (once) on an
    article whose text says ``crash-once`` while ``CRASH_MARK`` names a file not yet there."""

    name = "slow"
    reads = ("text",)
    writes = ()
    version = "t-1"

    def __call__(self, articles: list[Article]) -> None:
        mark = os.environ.get("CRASH_MARK")
        for article in articles:
            if mark and "crash-once" in article.text and not Path(mark).exists():
                Path(mark).write_text(str(os.getpid()), encoding="utf-8")
                os.kill(os.getpid(), signal.SIGKILL)
            time.sleep(5 if "sleep-long" in article.text else float(os.environ.get("SLOW_SECONDS", "0.3")))
