"""Analyzers registered by name, run in order over batches of articles.

Like spaCy's components, every analyzer declares what it ``reads`` and ``writes``
(names of :class:`~spinscope.model.Article` fields), and is looked up by name in a
registry, so a pipeline is just a list of names::

    pipeline = Pipeline.from_names(["paragraphs", "genre"])
    pipeline(articles)

Analyzers work on a batch (a list of articles) so that encoders can batch across
articles. They mutate the articles in place and never print.

An analyzer may be registered with a ``prefetch`` helper (``"module:Class"``; one instance per
pipeline, shared by the analyzers naming the same one) that does in a background thread what it
will read: ``load()`` when the pipeline is built, before any analyzer's models load;
``start(articles)`` when a batch begins, so that the work overlaps the analyzers before it; and
``wait()`` when the batch ends. The who-says-what analyzers use it for the spaCy parse.

Contracts are checked: every name in ``reads``/``writes`` must be a field of
:class:`~spinscope.model.Article` (at construction), and with ``check_writes`` (on when
``SPINSCOPE_DEBUG=1``, as in the test suite) an analyzer that changes a field it did not
declare in ``writes`` raises :class:`~spinscope.errors.UsageError` naming it.
"""

from __future__ import annotations

import copy
import dataclasses
import importlib
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from ..errors import UsageError
from ..model import Article


class Analyzer(Protocol):
    name: str
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    version: str

    def __call__(self, articles: list[Article]) -> None: ...


Factory = Callable[[], Analyzer]


@dataclass(frozen=True)
class _Entry:
    target: str  # "module:attribute", imported on first use so start-up stays fast
    description: str
    prefetch: str | None = None  # "module:Class" of a background helper (see the docstring)


class Prefetcher(Protocol):
    def load(self) -> None: ...
    def start(self, articles: list[Article]) -> None: ...
    def wait(self) -> None: ...


_REGISTRY: dict[str, _Entry] = {}
_LOADED: dict[str, Factory] = {}


def register(name: str, target: str, description: str, prefetch: str | None = None) -> None:
    """Register an analyzer factory under ``name`` (``target`` = ``"module:callable"``), with an
    optional background helper (``prefetch`` = ``"module:Class"``)."""
    _REGISTRY[name] = _Entry(target, description, prefetch)
    _LOADED.pop(name, None)


def create(name: str) -> Analyzer:
    """An analyzer by registered name, or a plug-in given as ``"module:callable"``."""
    if name not in _REGISTRY and ":" not in name:
        raise UsageError(f"unknown analyzer {name!r}; known: {', '.join(_REGISTRY)}")
    if name not in _LOADED:
        _LOADED[name] = _load(name, _REGISTRY[name].target if name in _REGISTRY else name)
    return _LOADED[name]()


def _load(name: str, target: str) -> Any:
    module_name, _, attr = target.partition(":")
    try:
        return getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise UsageError(f"cannot load analyzer {name!r}: {exc}") from exc


def prefetchers(names: Iterable[str]) -> list[Prefetcher]:
    """One background helper per distinct ``prefetch`` target of the named analyzers, in order."""
    targets = dict.fromkeys(_REGISTRY[n].prefetch for n in names if n in _REGISTRY and _REGISTRY[n].prefetch)
    return [_load(str(t), str(t))() for t in targets]


# The default pipeline, in the order the analyzers must run (each reads what an
# earlier one wrote).
register("paragraphs", "spinscope.analyze.paragraphs:ParagraphSplitter", "split text into paragraphs (non-empty lines)")
register("genre", "spinscope.analyze.persuasion:GenreAnalyzer", "opinion / reporting / satire")
register("frames", "spinscope.analyze.persuasion:FramesAnalyzer", "the 14 SemEval framing dimensions")
register("techniques", "spinscope.analyze.persuasion:TechniquesAnalyzer", "23 persuasion techniques per paragraph and span")
_PARSE = "spinscope.analyze.attribution.nlp:Prefetch"  # the spaCy parse entities, quotes and dates share
register("entities", "spinscope.analyze.attribution.entities:EntityAnalyzer", "people, organisations, places with merged aliases", _PARSE)
register("quotes", "spinscope.analyze.attribution.quotes:QuoteAnalyzer", "direct, partial and indirect quotes with speakers", _PARSE)
register("dates", "spinscope.analyze.attribution.dates:DateAnalyzer", "time expressions resolved against the publish date", _PARSE)
register("voice", "spinscope.analyze.attribution.voice:VoiceAnalyzer", "author's voice vs quoted source for each technique span")

DEFAULT_PIPELINE: tuple[str, ...] = (
    "paragraphs", "genre", "frames", "techniques", "entities", "quotes", "dates", "voice",
)


ARTICLE_FIELDS = frozenset(f.name for f in dataclasses.fields(Article))
_BOOKKEEPING = frozenset({"models"})  # written by the pipeline itself


def debug_mode() -> bool:
    """True when ``SPINSCOPE_DEBUG=1``: analyzers' ``writes`` are enforced."""
    return os.environ.get("SPINSCOPE_DEBUG") == "1"


class Pipeline:
    """An ordered list of analyzers; checks at construction that every field an
    analyzer reads is written by an earlier one (or is input metadata) and that
    every declared field exists on :class:`Article`."""

    INPUT_FIELDS = frozenset({"text", "title", "published", "author", "outlet", "url", "language"})

    def __init__(
        self, analyzers: Sequence[Analyzer], *, check_writes: bool | None = None,
        prefetch: Sequence[Prefetcher] = (),
    ) -> None:
        written = set(self.INPUT_FIELDS)
        for analyzer in analyzers:
            unknown = [f for f in (*analyzer.reads, *analyzer.writes) if f not in ARTICLE_FIELDS]
            if unknown:
                raise UsageError(f"analyzer {analyzer.name!r} declares {', '.join(unknown)}, not fields of Article")
            missing = [f for f in analyzer.reads if f not in written]
            if missing:
                raise UsageError(
                    f"analyzer {analyzer.name!r} reads {', '.join(missing)}, which no earlier analyzer writes"
                )
            written.update(analyzer.writes)
        self.analyzers = list(analyzers)
        self.check_writes = debug_mode() if check_writes is None else check_writes
        self.prefetch = list(prefetch)

    @classmethod
    def from_names(cls, names: Iterable[str] = DEFAULT_PIPELINE, *, worker: bool = False) -> Pipeline:
        """The named analyzers; their background helpers start loading first, so that (spaCy's
        load) overlaps the other analyzers' model loading. With ``worker``, the analyzers that share
        the parse run in a second process (:mod:`.worker`), started before anything loads here."""
        from . import worker as second

        names = list(names)
        moved = second.split(names, [n for n in names if n in _REGISTRY and _REGISTRY[n].prefetch == _PARSE]) if worker else ()
        child = second.Worker(moved, cls.from_names) if moved else None
        helpers = prefetchers([n for n in names if n not in moved])
        for helper in helpers:
            helper.load()
        analyzers = [create(n) for n in names]
        if child is None:
            return cls(analyzers, prefetch=helpers)
        stand_ins = [second.Remote(a, child) if a.name in moved else a for a in analyzers]
        return cls(stand_ins, prefetch=[child, *helpers])

    @property
    def names(self) -> list[str]:
        return [a.name for a in self.analyzers]

    def __call__(self, articles: list[Article]) -> list[Article]:
        try:
            for helper in self.prefetch:
                helper.start(articles)
            for analyzer in self.analyzers:
                before = _snapshot(articles, analyzer) if self.check_writes else None
                analyzer(articles)
                if before is not None:
                    _check_writes(articles, analyzer, before)
                for article in articles:
                    article.models[analyzer.name] = analyzer.version
        finally:
            self.wait()
        return articles

    def wait(self) -> None:
        """Wait for the background helpers' work in flight (none is left after a call)."""
        for helper in self.prefetch:
            helper.wait()


def _snapshot(articles: list[Article], analyzer: Analyzer) -> list[dict[str, Any]]:
    kept = ARTICLE_FIELDS - set(analyzer.writes) - _BOOKKEEPING
    return [{f: copy.deepcopy(getattr(a, f)) for f in kept} for a in articles]


def _check_writes(articles: list[Article], analyzer: Analyzer, before: list[dict[str, Any]]) -> None:
    for article, fields in zip(articles, before, strict=True):
        changed = sorted(f for f, value in fields.items() if getattr(article, f) != value)
        if changed:
            raise UsageError(
                f"analyzer {analyzer.name!r} wrote {', '.join(changed)}, which it does not declare in writes"
            )
