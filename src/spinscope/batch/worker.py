"""One shard's work, run in a worker process: read its items, analyse, write the shard.

Outputs are written atomically (a hidden temporary file renamed into place), so a shard
file either holds the whole shard or does not exist; running a shard twice (a retry
after a killed worker, or a resumed run) rewrites the same file, never duplicates rows.
The pipeline is built once per worker process (``analysis.get_pipeline`` caches it).
"""

from __future__ import annotations

import json
import os
import resource
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq

from ..errors import InputError, SpinscopeError
from ..ingest import ReadOptions, iter_bytes, read_source
from ..model import Article
from ..runner import get_pipeline, run_with_budget
from .arrow import to_table
from .plan import Item, Shard

ARTICLES_DIR = "articles"
ERRORS_DIR = "errors"
ANALYSE_BATCH = 32


@dataclass(frozen=True)
class WorkerOptions:
    analyzers: tuple[str, ...]
    read: ReadOptions
    budget: float | None


def shard_name(index: int) -> str:
    return f"part-{index:06d}"


def write_atomic(path: Path, write: Callable[[Path], object]) -> None:
    """Call ``write(tmp_path)`` then rename the temporary file over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.{os.getpid()}.tmp"
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def read_item(item: Item, options: ReadOptions) -> Iterator[Article | SpinscopeError]:
    """The articles of one item, or errors naming it (its source, or file:line within it)."""
    if item.error is not None:
        yield InputError(item.error, source=item.source)
        return
    if item.path is not None:
        stream = read_source(item.path, options)
    else:
        stream = iter_bytes(item.data or b"", f"item.{item.kind}", options)
    for got in stream:
        if isinstance(got, SpinscopeError):
            if item.path is None or not got.source:
                got.source = item.source
            yield got
            continue
        for article in got[1]:
            if item.path is None:
                article.source = item.source
                article.url = article.url or item.url
            yield article


def run_shard(shard: Shard, out_dir: str, options: WorkerOptions) -> dict[str, float]:
    """Analyse ``shard`` and write ``articles/part-N.parquet`` and ``errors/part-N.jsonl`` under ``out_dir``."""
    started, cpu = time.perf_counter(), time.process_time()
    pipeline = get_pipeline(options.analyzers)
    articles: list[Article] = []
    errors: list[dict[str, str]] = []
    batch: list[Article] = []

    def flush() -> None:
        failed = run_with_budget(pipeline, batch, options.budget)
        for article in batch:
            if id(article) in failed:
                errors.append(_error_row(failed[id(article)], article.source or ""))
            else:
                articles.append(article)
        batch.clear()

    for item in shard.items:
        for got in read_item(item, options.read):
            if isinstance(got, SpinscopeError):
                errors.append(_error_row(got, item.source))
            else:
                batch.append(got)
                if len(batch) >= ANALYSE_BATCH:
                    flush()
    flush()
    out = Path(out_dir)
    name = shard_name(shard.index)
    table = to_table(articles)
    write_atomic(out / ARTICLES_DIR / f"{name}.parquet", lambda tmp: pq.write_table(table, tmp))
    lines = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors)
    write_atomic(out / ERRORS_DIR / f"{name}.jsonl", lambda tmp: tmp.write_text(lines, encoding="utf-8"))
    return {"shard": shard.index, "articles": len(articles), "errors": len(errors),
            "seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu, "pid": os.getpid(),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}


def _error_row(error: SpinscopeError, fallback: str) -> dict[str, str]:
    return {"source": error.source or fallback, "reason": error.message, "code": error.code}
