"""The one library function behind ``spinscope analyze``: sources in, analysed articles out.

Failures of single inputs do not stop a batch: every input yields an
:class:`Outcome` holding either its articles or the error that stopped it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .analyze.pipeline import DEFAULT_PIPELINE, Pipeline
from .errors import SpinscopeError
from .ingest import ReadOptions, read_source, read_text
from .model import Article


@dataclass
class AnalyzeOptions:
    """What ``analyze`` should do. ``pipeline`` names analyzers (see ``analyze.pipeline``)."""

    pipeline: tuple[str, ...] = DEFAULT_PIPELINE
    read: ReadOptions = field(default_factory=ReadOptions)
    batch_size: int = 32


@dataclass
class Outcome:
    """The result for one input (a file, URL, ``-``): its articles, or the error."""

    source: str
    articles: list[Article] = field(default_factory=list)
    error: SpinscopeError | None = None


@lru_cache(maxsize=8)
def get_pipeline(names: tuple[str, ...] = DEFAULT_PIPELINE) -> Pipeline:
    """The pipeline for these analyzer names, built once per process (models load once)."""
    return Pipeline.from_names(names)


def analyze(articles: list[Article], names: Sequence[str] = DEFAULT_PIPELINE) -> list[Article]:
    """Run the analyzers over ``articles`` in place and return them."""
    return get_pipeline(tuple(names))(articles)


def analyze_text(text: str, *, title: str | None = None, names: Sequence[str] = DEFAULT_PIPELINE) -> Article:
    """Analyse one text given as a string (the web UI's "paste text")."""
    article = read_text(text, source="<text>", title=title)
    analyze([article], names)
    return article


def analyze_sources(
    sources: Iterable[str],
    options: AnalyzeOptions | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> Iterator[Outcome]:
    """Read every source, analyse its articles in batches, yield one Outcome per input.

    ``on_progress(n)`` is called with the number of articles just finished.
    """
    options = options or AnalyzeOptions()
    pipeline = get_pipeline(tuple(options.pipeline))
    pending: list[Outcome] = []
    batch: list[Article] = []

    def flush() -> Iterator[Outcome]:
        if batch:
            pipeline(batch)
            if on_progress:
                on_progress(len(batch))
        yield from pending
        pending.clear()
        batch.clear()

    for source in sources:
        for outcome in _read_outcomes(source, options.read):
            pending.append(outcome)
            batch.extend(outcome.articles)
            if len(batch) >= options.batch_size:
                yield from flush()
    yield from flush()


def _read_outcomes(source: str, options: ReadOptions) -> Iterator[Outcome]:
    for item in read_source(source, options):
        if isinstance(item, SpinscopeError):
            yield Outcome(source=item.source or source, error=item)
        else:
            origin, articles = item
            yield Outcome(source=origin, articles=articles)
