"""Inputs to shards: what ``spinscope batch`` reads, cut into numbered shards.

An input is a folder (its article files, recursively, plus the ``.jsonl.gz``/``.warc``
archives below it), a file (any format ``analyze`` reads: HTML, feeds, text), a JSON
Lines file (``.jsonl``/``.ndjson``, also gzipped: one item per line), or a WARC file
(``.warc``, ``.warc.gz``: one item per HTML response record). Items are grouped in
order into shards of ``shard_size``; the plan is deterministic, so a resumed run numbers
the shards exactly as the first run did. An input that cannot be read (or an archive
that breaks off) becomes an error item, reported in the errors file of its shard.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..ingest.files import walk

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_ARCHIVES = (".jsonl.gz", ".ndjson.gz", *WARC_SUFFIXES)


@dataclass(frozen=True)
class Item:
    """One unit of work: a file read by ``path``, or bytes cut out of a bigger input
    (``data``, read as ``kind`` "jsonl" or "html"), or an ``error`` found while planning."""

    source: str
    path: str | None = None
    data: bytes | None = None
    kind: str = ""
    url: str | None = None
    error: str | None = None


@dataclass
class Shard:
    index: int
    items: list[Item] = field(default_factory=list)


def _has(name: str, suffixes: tuple[str, ...]) -> bool:
    low = name.lower()
    return any(low.endswith(s) for s in suffixes)


def iter_items(inputs: list[str]) -> Iterator[Item]:
    """Every item of every input, in a stable order."""
    for source in inputs:
        path = Path(source)
        if path.is_dir():
            yield from _folder(path)
        else:
            yield from _file(path)


def _folder(folder: Path) -> Iterator[Item]:
    for entry in walk(folder):
        if isinstance(entry, InputError):
            yield Item(source=entry.source or str(folder), error=entry.message)
        else:
            yield from _file(entry)
    archives = (p for p in folder.rglob("*") if _has(p.name, _ARCHIVES) and p.is_file())
    for archive in sorted(archives):
        if not any(part.startswith(".") for part in archive.relative_to(folder).parts):
            yield from _file(archive)


def _file(path: Path) -> Iterator[Item]:
    name = str(path)
    if _has(name, JSONL_SUFFIXES):
        yield from _guard(name, _jsonl(path))
    elif _has(name, WARC_SUFFIXES):
        yield from _guard(name, _warc(path))
    else:
        yield Item(source=name, path=name)


def _guard(source: str, items: Iterator[Item]) -> Iterator[Item]:
    """Items of an archive until it breaks; then one error item naming it and the reason."""
    try:
        yield from items
    except FileNotFoundError:
        yield Item(source=source, error="no such file or directory")
    except PermissionError:
        yield Item(source=source, error="permission denied")
    except (OSError, EOFError, zlib.error, ValueError) as exc:
        yield Item(source=source, error=f"unreadable archive: {exc or type(exc).__name__}")
    except Exception as exc:  # noqa: BLE001 - a third-party parser's own errors (warcio)
        yield Item(source=source, error=f"unreadable archive: {type(exc).__name__}: {exc}")


def _jsonl(path: Path) -> Iterator[Item]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as fh:
        for number, line in enumerate(fh, start=1):
            if line.strip():
                yield Item(source=f"{path}:{number}", data=line, kind="jsonl")


def _warc(path: Path) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator

    with path.open("rb") as fh:
        records = ArchiveIterator(fh)
        for record in records:
            if record.format != "warc" and ".warc" in path.name.lower():
                raise ValueError(f"not a WARC record at offset {records.get_record_offset()}")
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = (record.http_headers.get_header("Content-Type") or "").lower()
            if "html" not in content_type or record.http_headers.get_statuscode() != "200":
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            where = uri or f"offset {records.get_record_offset()}"
            yield Item(source=f"{path}#{where}", data=record.content_stream().read(), kind="html", url=uri)


def iter_shards(inputs: list[str], shard_size: int) -> Iterator[Shard]:
    """Consecutive shards of at most ``shard_size`` items, numbered from 0."""
    shard = Shard(0)
    for item in iter_items(inputs):
        shard.items.append(item)
        if len(shard.items) >= shard_size:
            yield shard
            shard = Shard(shard.index + 1)
    if shard.items:
        yield shard


def count_items(inputs: list[str]) -> int:
    """How many items the plan has (a first pass, for the progress total and ETA)."""
    return sum(1 for _ in iter_items(inputs))
