"""What the commands write on stderr: a progress bar (rich) for many inputs, and the one
format of an error line."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from ..errors import SpinscopeError


def print_error(error: SpinscopeError | str) -> None:
    """The one way the CLI reports an error on stderr: ``spinscope: error: SOURCE: MESSAGE``
    (the source, when there is one, names the input: a file, ``file:line``, a URL)."""
    print(f"spinscope: error: {error}", file=sys.stderr)


@contextmanager
def progress_bar(total: int, label: str, *, enabled: bool) -> Iterator[Callable[[], None]]:
    """Yields ``advance()``; draws nothing when not ``enabled``."""
    if not enabled:
        yield lambda: None
        return
    progress = Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    with progress:
        task = progress.add_task(label, total=total)
        yield lambda: progress.advance(task)
