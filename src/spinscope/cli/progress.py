"""A progress bar on stderr (rich), shared by the commands that process many inputs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn


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
