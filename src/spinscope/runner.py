"""The one library function behind ``spinscope analyze``: sources in, analysed articles out.

Failures of single inputs do not stop a batch: every input yields :class:`Outcome`\\ s
holding either its articles or the error that stopped it.

Work is streamed: articles are analysed in batches of ``batch_size`` (an input with many
articles, such as a JSON Lines file, is cut into several outcomes with the same source),
so memory stays flat however many inputs there are. Each article gets a wall-clock
budget (``budget`` seconds, enforced in the main thread with a timer signal): when a
batch overruns, its articles are re-run one by one and the one that exceeds the budget
becomes an error naming its source; the others are unaffected.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

from .analyze.pipeline import DEFAULT_PIPELINE, Pipeline
from .errors import InputError, SpinscopeError
from .ingest import ReadOptions, read_source, read_text
from .model import Article

DEFAULT_BUDGET = 120.0
"""Seconds of analysis allowed per article by default."""


@dataclass
class AnalyzeOptions:
    """What ``analyze`` should do. ``pipeline`` names analyzers (see ``analyze.pipeline``);
    ``budget`` is the wall-clock limit per article in seconds (None: no limit)."""

    pipeline: tuple[str, ...] = DEFAULT_PIPELINE
    read: ReadOptions = field(default_factory=ReadOptions)
    batch_size: int = 32
    budget: float | None = DEFAULT_BUDGET
    worker: bool = False  # the analyzers sharing the parse in a second process (analyze/worker.py)


@dataclass
class Outcome:
    """The result for one input (a file, URL, ``-``): its articles, or the error.
    ``final`` is False on all but the last outcome of an input cut into several."""

    source: str
    articles: list[Article] = field(default_factory=list)
    error: SpinscopeError | None = None
    final: bool = True


@lru_cache(maxsize=8)
def get_pipeline(names: tuple[str, ...] = DEFAULT_PIPELINE, worker: bool = False) -> Pipeline:
    """The pipeline for these analyzer names, built once per process (models load once); with
    ``worker``, the analyzers that share the spaCy parse run in a second process."""
    return Pipeline.from_names(names, worker=worker)


def analyze(articles: list[Article], names: Sequence[str] = DEFAULT_PIPELINE) -> list[Article]:
    """Run the analyzers over ``articles`` in place and return them."""
    return get_pipeline(tuple(names))(articles)


def analyze_text(text: str, *, title: str | None = None, names: Sequence[str] = DEFAULT_PIPELINE) -> Article:
    """Analyse one text given as a string (the web UI's "paste text")."""
    article = read_text(text, source="<text>", title=title)
    analyze([article], names)
    return article


class _BudgetExceeded(Exception):
    pass


@contextmanager
def _deadline(seconds: float | None) -> Iterator[None]:
    """Raise :class:`_BudgetExceeded` after ``seconds`` (main thread only; elsewhere no limit)."""
    usable = seconds is not None and threading.current_thread() is threading.main_thread()
    if not usable or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise _BudgetExceeded

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, float(seconds or 0))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_with_budget(pipeline: Pipeline, batch: list[Article], budget: float | None) -> dict[int, SpinscopeError]:
    """Analyse ``batch`` in place; return ``{id(article): error}`` for articles over budget."""
    try:
        with _deadline(None if budget is None else budget * len(batch)):
            pipeline(batch)
        return {}
    except _BudgetExceeded:
        pass
    failed: dict[int, SpinscopeError] = {}
    for article in batch:  # find the culprit(s); the others are analysed again, alone
        try:
            with _deadline(budget):
                pipeline([article])
        except _BudgetExceeded:
            failed[id(article)] = InputError(
                f"analysis exceeded the budget of {budget:g} s per article", source=article.source
            )
    return failed


def analyze_sources(
    sources: Iterable[str],
    options: AnalyzeOptions | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> Iterator[Outcome]:
    """Read every source, analyse its articles in batches, yield Outcomes in input order.

    ``on_progress(n)`` is called with the number of articles just finished.
    """
    options = options or AnalyzeOptions()
    pipeline = get_pipeline(tuple(options.pipeline), options.worker)
    pending: list[Outcome] = []
    batch: list[Article] = []

    def flush() -> Iterator[Outcome]:
        failed = run_with_budget(pipeline, batch, options.budget) if batch else {}
        if batch and on_progress:
            on_progress(len(batch))
        for outcome in pending:
            yield from _split_failures(outcome, failed)
        pending.clear()
        batch.clear()

    for source in sources:
        for outcome in _read_outcomes(source, options.read, options.batch_size):
            pending.append(outcome)
            batch.extend(outcome.articles)
            if len(batch) >= options.batch_size:
                yield from flush()
    yield from flush()


def _split_failures(outcome: Outcome, failed: dict[int, SpinscopeError]) -> Iterator[Outcome]:
    if not failed or not outcome.articles:
        yield outcome
        return
    good = [a for a in outcome.articles if id(a) not in failed]
    for article in outcome.articles:
        if id(article) in failed:
            yield Outcome(source=article.source or outcome.source, error=failed[id(article)], final=False)
    yield Outcome(source=outcome.source, articles=good, final=outcome.final)


def _read_outcomes(source: str, options: ReadOptions, size: int) -> Iterator[Outcome]:
    """The source's articles in batches of ``size``. The reader is one item ahead, so that it has let
    go of the list it yielded (a 10,000-line JSON Lines file is one item), and the batches are taken
    off that list: an analysed batch is freed once its outcome is written, not at the end of the input."""
    items = read_source(source, options)
    item = next(items, None)
    while item is not None:
        following = next(items, None)
        if isinstance(item, SpinscopeError):
            yield Outcome(source=item.source or source, error=item)
        else:
            yield from _batches(*item, size)
        item = following


def _batches(origin: str, articles: list[Article], size: int) -> Iterator[Outcome]:
    articles.reverse()  # taken from the end
    while True:
        batch = [articles.pop() for _ in range(min(size, len(articles)))]
        yield Outcome(source=origin, articles=batch, final=not articles)
        if not articles:
            return
