"""The analyzers that share the spaCy parse (``entities``, ``quotes``, ``dates``) in a second process.

Threads cannot use two cores for the start-up (imports and model loading hold the GIL: spaCy's
load in a background thread stretched the persuasion models' load as much as it overlapped it) and
only partly for the analysis. So a pipeline built with ``worker=True`` starts one child process
(forked when the parent runs a single thread, else spawned) that loads spaCy and the who-says-what
rules while the parent loads the persuasion models, then analyses each batch's copy of the input
while the parent runs ``genre``, ``frames`` and ``techniques`` on the same batch; the parent reads
back the fields those analyzers write (``entities``, ``quotes``, ``dates``) before ``voice`` needs
them. The articles sent are the batch as it arrives (text and metadata: all these analyzers read);
one pickle per batch each way.

The parent's pipeline holds a :class:`Remote` stand-in per moved analyzer, with the real analyzer's
name, ``reads``, ``writes`` and ``version``: contracts, ``article.models`` and the output are the
same as in one process. An error raised in the child is raised again in the parent. A batch left
unfinished (the per-article budget ran out) gets the child killed; the next batch starts a fresh one.
A child that dies on its own turns the moved analyzers back into in-process ones for the rest of the
run (same output, one core).

``SPINSCOPE_ANALYZER_PROCESS``: ``1`` on, ``0`` off, unset: on when the process may use 2 cores or more
(:func:`wanted`; ``spinscope analyze`` asks it; the library's ``analyze`` stays in one process).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any

from ..errors import ModelError
from ..model import Article
from .cores import usable_cores as usable_cores  # re-exported (tests, callers of wanted())

SETTING = "SPINSCOPE_ANALYZER_PROCESS"
HEAVY = frozenset({"genre", "frames", "techniques"})
"""Analyzers worth overlapping with the parse: without one of them a second process only adds its start."""


def wanted() -> bool:
    """Whether ``spinscope analyze`` moves the parse's analyzers to a second process."""
    value = os.environ.get(SETTING, "").strip().lower()
    if value in ("0", "off", "no", "false"):
        return False
    if value in ("1", "on", "yes", "true"):
        return True
    return usable_cores() >= 2


def split(names: Sequence[str], movable: Sequence[str]) -> tuple[str, ...]:
    """The names to run in the child: the ``movable`` ones, when the rest holds a heavy analyzer."""
    moved = tuple(n for n in names if n in movable)
    return moved if moved and HEAVY.intersection(names) else ()


class Worker:
    """The child process and its pipe: :meth:`start` sends a batch, :meth:`results` waits for
    the fields its analyzers wrote (once per batch), :meth:`wait` ends the batch (a child left busy is killed)."""

    def __init__(self, names: Sequence[str], build: Callable[[list[str]], Any], method: str | None = None) -> None:
        self.names, self.build, self.method = tuple(names), build, method
        self.broken = False
        self._proc: Any = None
        self._conn: Any = None
        self._batch: list[Article] | None = None
        self._results: list[dict[str, Any]] | None = None
        self.spawn()
        from .persuasion import encoder  # after the fork: the child needs none of it

        encoder.reserve_cores(1)  # the child's core: onnxruntime here takes the others

    def spawn(self) -> None:
        single = sys.platform.startswith("linux") and threading.active_count() == 1
        context: Any = multiprocessing.get_context(self.method or ("fork" if single else "spawn"))
        here, there = context.Pipe()
        self._proc = context.Process(target=serve, args=(there, self.build, self.names, os.getpid()), daemon=True,
                                     name="spinscope-analyzers")
        self._proc.start()
        there.close()
        self._conn = here

    def load(self) -> None:
        """The child started loading in the constructor (a pipeline helper's first step)."""

    def start(self, articles: list[Article]) -> None:
        """A batch begins: send it to the child."""
        if self.broken:
            return
        if self._proc is None:
            self.spawn()
        try:
            self._conn.send([_bare(a) for a in articles])
        except (OSError, ValueError):
            self._fail()
            return
        self._batch, self._results = articles, None

    def results(self, articles: list[Article]) -> list[dict[str, Any]] | None:
        """The moved fields of ``articles`` (the batch submitted), or None: run them here."""
        if self._batch is not articles:
            return None
        if self._results is None:
            try:
                kind, payload = self._conn.recv()
            except (EOFError, OSError):
                self._fail()
                return None
            self._batch = None if kind == "error" else articles
            if kind == "error":
                raise payload
            self._results = payload
        return self._results

    def wait(self) -> None:
        """End of a batch: a child still working on it is killed (restarted on the next submit)."""
        if self._batch is not None and self._results is None:
            self.close()
        self._batch, self._results = None, None

    def close(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.join(5)
            self._conn.close()
        self._proc = self._conn = None

    def _fail(self) -> None:
        self.close()
        self.broken = True
        self._batch = None


def _bare(article: Article) -> Article:
    """The batch as read (what the moved analyzers read), without anything analysed so far."""
    return Article(text=article.text, id=article.id, title=article.title, published=article.published,
                   author=article.author, outlet=article.outlet, url=article.url, language=article.language,
                   source=article.source)


class Remote:
    """Stands in for an analyzer run by the :class:`Worker`; runs it here when the child cannot."""

    def __init__(self, inner: Any, worker: Worker) -> None:
        self.inner, self.worker = inner, worker
        self.name, self.reads, self.writes, self.version = inner.name, inner.reads, inner.writes, inner.version

    def __call__(self, articles: list[Article]) -> None:
        rows = self.worker.results(articles)
        if rows is None:
            self.inner(articles)
            return
        for article, row in zip(articles, rows, strict=True):
            for field in self.writes:
                setattr(article, field, row[field])


WARM_UP = "The minister said on Monday that the plan had failed. \u201cWe will go on,\u201d she added."


def _die_with(parent: int) -> None:
    """Ask Linux to kill this process when its parent dies (a parent killed by a signal never gets
    to close the pipe while this one is busy with a batch)."""
    with contextlib.suppress(Exception):  # not Linux: the closed pipe ends the child after its batch
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before that
        os._exit(0)


def serve(conn: Any, build: Callable[[list[str]], Any], names: tuple[str, ...], parent: int) -> None:
    """The child: build the analyzers (``build``: ``Pipeline.from_names``), warm them up, then answer
    batches until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the parent, which ends the child
    _die_with(parent)
    failure: BaseException | None = None
    try:
        pipeline = build(list(names))
        fields = [f for a in pipeline.analyzers for f in a.writes]
        pipeline([Article(text=WARM_UP)])
    except Exception as exc:  # raised in the parent with the first batch
        failure = exc
    while True:
        try:
            batch = conn.recv()
        except (EOFError, OSError):
            return
        try:
            if failure is not None:
                raise failure
            pipeline(batch)
            reply: tuple[str, Any] = ("ok", [{f: getattr(a, f) for f in fields} for a in batch])
        except Exception as exc:
            reply = ("error", _portable(exc))
        finally:
            forget()
        conn.send(reply)


def forget() -> None:
    """Drop the batch's parsed documents: here nothing reads them again (the parent's cache, shared
    with a web server's repeated texts, is kept), and 2 M characters of them held ~300 MB."""
    from .attribution import nlp

    nlp.clear_cache()


def _portable(exc: Exception) -> Exception:
    """``exc`` if it survives a pickle, else a :class:`ModelError` with its text."""
    try:
        copy = pickle.loads(pickle.dumps(exc))
    except Exception:
        return ModelError(f"{type(exc).__name__}: {exc}")
    return copy if isinstance(copy, Exception) else ModelError(str(exc))
