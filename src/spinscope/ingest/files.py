"""Files and folders: a walk that reports what it does not read, and a read that never blocks.

A folder walk yields the article files below it in a stable order and an
:class:`InputError` for each entry it will not read: special files (FIFOs, sockets,
devices), links that lead outside the folder given, folders it cannot list. Links that
stay inside the folder are followed once (no loops). Hidden entries are skipped.

A file is opened non-blocking and checked to be a regular file before a byte is read,
so a FIFO or a device never hangs or floods a run, and at most ``limit + 1`` bytes are
read.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from .decode import check_size

ARTICLE_SUFFIXES = frozenset({".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".xml", ".rss", ".atom", ".jsonl", ".ndjson", ""})
"""Files a directory walk reads; other regular files (images, archives...) in a folder are skipped."""

_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _special(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "a special file")


def walk(directory: Path) -> Iterator[Path | InputError]:
    """Article files below ``directory`` and an error for each entry not read (see module doc)."""
    root = directory.resolve()
    yield from _walk(directory, root, {root})


def _walk(folder: Path, root: Path, seen: set[Path]) -> Iterator[Path | InputError]:
    try:
        with os.scandir(folder) as listing:
            entries = sorted((e for e in listing if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as exc:
        yield InputError(f"cannot list the folder: {exc.strerror or exc}", source=str(folder))
        return
    for entry in entries:
        path = Path(entry.path)
        try:
            if entry.is_symlink() and not path.resolve().is_relative_to(root):
                yield InputError("a link leading outside the folder given; not followed", source=str(path))
                continue
            mode = path.stat().st_mode
        except (OSError, RuntimeError) as exc:  # broken link, link loop, vanished entry
            yield InputError(f"cannot read: {getattr(exc, 'strerror', None) or exc}", source=str(path))
            continue
        if stat.S_ISDIR(mode):
            real = path.resolve()
            if real not in seen:
                seen.add(real)
                yield from _walk(path, root, seen)
        elif not stat.S_ISREG(mode):
            yield InputError(f"not a regular file ({_special(mode)}); skipped", source=str(path))
        elif path.suffix.lower() in ARTICLE_SUFFIXES:
            yield path


def read_file(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or an InputError saying why not."""
    source = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError as exc:
        raise InputError("no such file or directory", source=source) from exc
    except PermissionError as exc:
        raise InputError("permission denied", source=source) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=source) from exc
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError("is a directory", source=source)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"not a regular file ({_special(info.st_mode)}); not read", source=source)
        check_size(info.st_size, limit, source)
        try:
            return fh.read(limit + 1)
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", source=source) from exc
