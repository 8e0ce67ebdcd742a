"""``spinscope batch``: analyse an archive on a Ray cluster into Parquet shards.

The driver (this module) cuts the inputs into numbered shards (:mod:`.plan`), hands them
to Ray tasks (:mod:`.worker`: each worker process builds the pipeline once and writes
its shard atomically), records every finished shard in a manifest (:mod:`.manifest`),
stores the shard's articles with ``--db``, and reports progress. Without an address it
starts a local Ray cluster of ``workers`` CPUs; with one it joins that cluster. Killed
at any point (driver or worker), the run resumes with ``resume=True`` and the output
holds every article exactly once. The output is one dataset::

    pandas.read_parquet("OUT/articles")

:func:`read_articles` turns the rows back into :class:`~spinscope.model.Article`.
"""

from __future__ import annotations

import logging
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow.parquet as pq

from ..analyze.pipeline import DEFAULT_PIPELINE
from ..errors import UsageError
from ..ingest import ReadOptions
from ..model import Article
from ..runner import DEFAULT_BUDGET
from . import manifest
from .arrow import row_to_article
from .plan import Shard, count_items, iter_shards
from .worker import ARTICLES_DIR, WorkerOptions, run_shard, shard_name

if TYPE_CHECKING:
    import pyarrow.dataset as ds

LOCAL_START_ATTEMPTS = 3

__all__ = ["BatchOptions", "BatchProgress", "BatchSummary", "dataset", "read_articles", "run_batch"]


@dataclass
class BatchOptions:
    """What ``batch`` should do (see the CLI's help for each option)."""

    out: str
    workers: int | None = None  # local: CPUs of the cluster started; joined: in-flight shards / 2
    address: str | None = None  # None: start a local cluster; "auto" or HOST:PORT or ray://HOST:PORT
    shard_size: int = 200
    db: str | None = None
    resume: bool = False
    analyzers: tuple[str, ...] = DEFAULT_PIPELINE
    read: ReadOptions = field(default_factory=ReadOptions)
    budget: float | None = DEFAULT_BUDGET
    task_retries: int = 3


@dataclass
class BatchProgress:
    items_done: int
    items_total: int
    articles: int
    errors: int
    elapsed: float
    rate: float  # articles per second in this run
    eta: float | None  # seconds


@dataclass
class BatchSummary:
    articles: int = 0
    errors: int = 0
    shards: int = 0
    shards_resumed: int = 0
    shards_failed: int = 0
    stored: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    workers: int = 0
    out: str = ""


def read_articles(out: str | Path) -> Iterator[Article]:
    """Every article of a batch output, shard by shard."""
    for fragment in sorted(Path(out, ARTICLES_DIR).glob("part-*.parquet")):
        for row in pq.read_table(fragment).to_pylist():
            yield row_to_article(row)


WORKER_SETTINGS = ("SPINSCOPE_TECHNIQUES_PROFILE", "SPINSCOPE_PARSE_THREAD", "SPINSCOPE_SPACY_PROCESSES",
                   "SPINSCOPE_BLAS_THREADS", "SPINSCOPE_ORT_THREADS")
"""Environment variables that change how an article is analysed, passed from the driver to every worker."""


def worker_env(environ: Mapping[str, str]) -> dict[str, str]:
    """The :data:`WORKER_SETTINGS` set in ``environ`` (Ray's ``runtime_env`` ``env_vars``)."""
    return {k: environ[k] for k in WORKER_SETTINGS if k in environ}


def _init_ray(options: BatchOptions) -> tuple[Any, bool]:
    try:
        import ray
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise UsageError("spinscope batch needs Ray: pip install 'spinscope[batch]'") from exc
    if ray.is_initialized():
        return ray, False
    quiet: dict[str, Any] = {"log_to_driver": False, "logging_level": logging.ERROR, "configure_logging": True}
    env = worker_env(os.environ)
    if env:  # the driver's analysis settings reach the workers, on a remote cluster too
        quiet["runtime_env"] = {"env_vars": env}
    for attempt in range(1, LOCAL_START_ATTEMPTS + 1):
        try:
            if options.address:
                ray.init(address=options.address, **quiet)
            else:
                ray.init(address="local", num_cpus=options.workers or 1, include_dashboard=False,
                         object_store_memory=200 * 1024**2, **quiet)
            return ray, True
        except Exception as exc:  # Ray raises plain Exception/ConnectionError subclasses here
            # a local node gets 30 s to start (fixed in Ray); a loaded machine may need another go
            if options.address or attempt == LOCAL_START_ATTEMPTS:
                where = options.address or "a local Ray cluster"
                raise UsageError(f"cannot start or join {where}: {str(exc).strip() or type(exc).__name__}") from exc
            ray.shutdown()
    raise AssertionError("unreachable")


class _Driver:
    """Submits shards, collects results, keeps the manifest and the counts."""

    def __init__(self, ray: Any, options: BatchOptions, out: Path, total: int,
                 on_progress: Callable[[BatchProgress], None] | None) -> None:
        self.ray, self.options, self.out, self.total = ray, options, out, total
        self.on_progress = on_progress
        self.remote = ray.remote(num_cpus=1, max_retries=options.task_retries)(run_shard)
        self.worker_options = WorkerOptions(options.analyzers, options.read, options.budget)
        self.in_flight: dict[Any, Shard] = {}
        self.summary = BatchSummary(out=str(out))
        self.items_done = 0
        self.new_articles = 0
        self.started = time.perf_counter()
        self.store = None
        if options.db is not None:
            from ..store import open_store

            self.store = open_store(options.db)

    def submit(self, shard: Shard) -> None:
        self.in_flight[self.remote.remote(shard, str(self.out), self.worker_options)] = shard

    def collect_one(self) -> None:
        ready, _ = self.ray.wait(list(self.in_flight), num_returns=1)
        shard = self.in_flight.pop(ready[0])
        try:
            result = self.ray.get(ready[0])
        except self.ray.exceptions.RayError as exc:
            first = shard.items[0].source if shard.items else "?"
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            manifest.write_shard_failure(self.out, shard.index, f"shard {shard.index} (from {first})", reason)
            self.summary.shards_failed += 1
            self.summary.errors += 1
        else:
            self._finish(shard, result)
        self.items_done += len(shard.items)
        self._progress()

    def _finish(self, shard: Shard, result: dict[str, Any]) -> None:
        if self.store is not None:
            articles = [row_to_article(r) for r in
                        pq.read_table(self.out / ARTICLES_DIR / f"{shard_name(shard.index)}.parquet").to_pylist()]
            for status in self.store.add_many(articles):
                self.summary.stored[status.status] += 1
        manifest.record(self.out, {**result, "items": len(shard.items)})
        self.summary.shards += 1
        self.summary.articles += int(result["articles"])
        self.summary.errors += int(result["errors"])
        self.new_articles += int(result["articles"])

    def resumed(self, shard: Shard, record: dict[str, Any]) -> None:
        self.summary.shards_resumed += 1
        self.summary.articles += int(record.get("articles", 0))
        self.summary.errors += int(record.get("errors", 0))
        self.items_done += len(shard.items)

    def _progress(self) -> None:
        if self.on_progress is None:
            return
        elapsed = time.perf_counter() - self.started
        rate = self.new_articles / elapsed if elapsed > 0 else 0.0
        per_item = elapsed / max(self.items_done, 1)
        eta = per_item * (self.total - self.items_done) if self.items_done else None
        self.on_progress(BatchProgress(self.items_done, self.total, self.summary.articles, self.summary.errors,
                                       elapsed, rate, eta))


def _settings(inputs: list[str], options: BatchOptions) -> dict[str, Any]:
    return {"inputs": [str(Path(i).resolve()) for i in inputs], "shard_size": options.shard_size,
            "analyzers": list(options.analyzers)}


def run_batch(inputs: list[str], options: BatchOptions,
              on_progress: Callable[[BatchProgress], None] | None = None) -> BatchSummary:
    """Analyse every item of ``inputs`` into Parquet shards under ``options.out`` (see module doc)."""
    if options.shard_size < 1:
        raise UsageError("--shard-size must be at least 1")
    missing = [i for i in inputs if not Path(i).exists()]
    if missing:
        raise UsageError(f"no such input: {', '.join(missing)}")
    settings = _settings(inputs, options)
    out = Path(options.out)
    done = manifest.prepare(out, settings, options.resume)
    paths = settings["inputs"]
    ray, started_here = _init_ray(options)
    driver = _Driver(ray, options, out, count_items(paths), on_progress)
    try:
        driver.summary.workers = int(ray.cluster_resources().get("CPU", 1))
        limit = 2 * (options.workers or driver.summary.workers)
        for shard in iter_shards(paths, options.shard_size):
            if shard.index in done:
                driver.resumed(shard, done[shard.index])
                continue
            while len(driver.in_flight) >= limit:
                driver.collect_one()
            driver.submit(shard)
        while driver.in_flight:
            driver.collect_one()
        manifest.merge_errors(out)
    finally:
        if driver.store is not None:
            driver.store.close()
        if started_here:
            ray.shutdown()
    driver.summary.seconds = time.perf_counter() - driver.started
    return driver.summary


def dataset(out: str | Path) -> ds.Dataset:
    """The batch output as one pyarrow dataset (``.to_table()``, ``.to_pandas()``)."""
    import pyarrow.dataset as ds

    return ds.dataset(Path(out, ARTICLES_DIR), format="parquet")
