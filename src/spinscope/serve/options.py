"""How the server behaves: :class:`ServeOptions`, built by ``spinscope serve`` (or a test)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..analyze.pipeline import DEFAULT_PIPELINE
from ..ingest import MAX_INPUT_BYTES
from ..model import Article
from .auth import is_loopback

#: What the server calls to analyse a list of articles in place (the model pipeline, or a test's stand-in);
#: not an analyzer of the registry (`analyze.pipeline.Analyzer`), which it runs.
AnalyzeCallable = Callable[[list[Article]], object]


@dataclass
class ServeOptions:
    """How the server behaves. ``analyzer`` replaces the model pipeline (tests, plug-ins)."""

    host: str = "127.0.0.1"
    token: str | None = None
    #: Extra names a request's ``Host`` may carry (a reverse proxy's public name).
    allowed_hosts: tuple[str, ...] = ()
    max_upload_bytes: int = MAX_INPUT_BYTES
    max_request_bytes: int = MAX_INPUT_BYTES + 256 * 1024
    pipeline: tuple[str, ...] = DEFAULT_PIPELINE
    analyzer: AnalyzeCallable | None = None
    #: Analyses that run at once (each in a worker thread, off the event loop) ...
    analysis_workers: int = 2
    #: ... and how many more may wait for a worker before the server answers 503 busy.
    analysis_queue: int = 32
    stats_ttl: float = 600.0  # seconds corpus aggregates are cached (0: never, and no page cache)
    #: Seconds a rendered search page is reused (article pages are kept until reanalysed);
    #: writes through this server drop them at once, another process's ingest shows after this.
    page_ttl: float = 2.0
    warm_cache: bool = False  # compute the dashboards' aggregates in the background at start-up

    @property
    def writes_need_token(self) -> bool:
        return bool(self.token) or not is_loopback(self.host)
