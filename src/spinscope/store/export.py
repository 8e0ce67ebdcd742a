"""Export: one notebook-ready row per article (CSV, Parquet) or full article dicts (JSONL)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import Connection, select

from ..errors import StoreError, UsageError
from . import schema as s
from .counts import frame_lists, technique_counts
from .query import ANALYSES, ARTICLES, matching, rows_by_pk
from .types import SearchQuery

FORMATS = ("csv", "jsonl", "parquet")
CHUNK = 500
#: Columns of the CSV/Parquet table before the per-technique counts.
BASE_COLUMNS = (
    "id",
    "title",
    "outlet",
    "published",
    "author",
    "url",
    "language",
    "source",
    "genre",
    "genre_score",
    "frames",
    "n_techniques",
    "n_entities",
    "n_quotes",
    "analysed_at",
    "models",
    "text",
)
TECHNIQUE_PREFIX = "technique:"


def technique_labels(conn: Connection) -> list[str]:
    """Every technique label present in the latest analyses (the per-technique columns)."""
    t = s.techniques
    stmt = select(t.c.label).distinct().select_from(t.join(ARTICLES, ARTICLES.c.latest_analysis_id == t.c.analysis_id))
    return sorted(conn.execute(stmt).scalars())


@contextmanager
def _binary(out: BinaryIO | str | Path) -> Iterator[BinaryIO]:
    if isinstance(out, str | Path):
        try:
            with open(out, "wb") as handle:
                yield handle
        except OSError as exc:
            raise StoreError(f"cannot write {out}: {exc}") from exc
    else:
        yield out


def export(conn: Connection, q: SearchQuery, fmt: str, out: BinaryIO | str | Path) -> int:
    """Write every article matching ``q``; return the number of rows."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    keys = [
        (r.pk, r.latest_analysis_id)
        for r in conn.execute(matching(q, conn.dialect.name, [ARTICLES.c.pk, ARTICLES.c.latest_analysis_id]))
    ]
    with _binary(out) as handle:
        if fmt == "jsonl":
            return _jsonl(conn, keys, handle)
        labels = technique_labels(conn)
        columns = [*BASE_COLUMNS, *(TECHNIQUE_PREFIX + label for label in labels)]
        if fmt == "csv":
            return _csv(conn, keys, labels, columns, handle)
        return _parquet(conn, keys, labels, columns, handle)


def _chunks(keys: list[tuple[int, int]]) -> Iterator[list[tuple[int, int]]]:
    for i in range(0, len(keys), CHUNK):
        yield keys[i : i + CHUNK]


def _jsonl(conn: Connection, keys: list[tuple[int, int]], handle: BinaryIO) -> int:
    n = 0
    for chunk in _chunks(keys):
        ids = [k[1] for k in chunk]
        data = dict(conn.execute(select(ANALYSES.c.id, ANALYSES.c.data).where(ANALYSES.c.id.in_(ids))).all())
        handle.write(b"".join(data[i].encode("utf-8") + b"\n" for i in ids))
        n += len(chunk)
    return n


def rows(conn: Connection, keys: list[tuple[int, int]], labels: list[str]) -> Iterator[dict[str, Any]]:
    """The table rows for ``keys``, in order, chunk by chunk."""
    for chunk in _chunks(keys):
        pks = [k[0] for k in chunk]
        analysis_ids = [k[1] for k in chunk]
        meta = rows_by_pk(
            conn,
            pks,
            *(ARTICLES.c.author, ARTICLES.c.url, ARTICLES.c.source, ARTICLES.c.text),
            *(ANALYSES.c.genre_score, ANALYSES.c.n_techniques, ANALYSES.c.created_at, ANALYSES.c.models_key),
        )
        frames = frame_lists(conn, analysis_ids)
        counts = technique_counts(conn, analysis_ids)
        n_entities = _count_by(conn, s.entities, analysis_ids)
        n_quotes = _count_by(conn, s.quotes, analysis_ids)
        for pk, analysis_id in chunk:
            r = meta[pk]
            per = counts.get(analysis_id, {})
            row: dict[str, Any] = {
                "id": r.id,
                "title": r.title,
                "outlet": r.outlet,
                "published": r.published,
                "author": r.author,
                "url": r.url,
                "language": r.language,
                "source": r.source,
                "genre": r.genre,
                "genre_score": r.genre_score,
                "frames": ";".join(frames.get(analysis_id, [])),
                "n_techniques": r.n_techniques,
                "n_entities": n_entities.get(analysis_id, 0),
                "n_quotes": n_quotes.get(analysis_id, 0),
                "analysed_at": r.created_at,
                "models": r.models_key,
                "text": r.text,
            }
            for label in labels:
                row[TECHNIQUE_PREFIX + label] = per.get(label, 0)
            yield row


def _count_by(conn: Connection, table: Any, analysis_ids: list[int]) -> dict[int, int]:
    from sqlalchemy import func

    stmt = (
        select(table.c.analysis_id, func.count())
        .where(table.c.analysis_id.in_(analysis_ids))
        .group_by(table.c.analysis_id)
    )
    return {a: int(n) for a, n in conn.execute(stmt)}


def _csv(conn: Connection, keys: list[tuple[int, int]], labels: list[str], columns: list[str], handle: BinaryIO) -> int:
    text = io.TextIOWrapper(handle, encoding="utf-8", newline="", write_through=True)
    try:
        writer = csv.DictWriter(text, fieldnames=columns)
        writer.writeheader()
        n = 0
        for row in rows(conn, keys, labels):
            for key in ("published", "analysed_at"):
                row[key] = row[key].isoformat() if row[key] else None
            writer.writerow(row)
            n += 1
        text.flush()
        return n
    finally:
        text.detach()


def _parquet(
    conn: Connection, keys: list[tuple[int, int]], labels: list[str], columns: list[str], handle: BinaryIO
) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    fields = {
        "genre_score": pa.float64(),
        "n_techniques": pa.int32(),
        "n_entities": pa.int32(),
        "n_quotes": pa.int32(),
        "published": pa.timestamp("us", tz="UTC"),
        "analysed_at": pa.timestamp("us", tz="UTC"),
    }
    schema = pa.schema(
        [pa.field(c, fields.get(c, pa.int32() if c.startswith(TECHNIQUE_PREFIX) else pa.string())) for c in columns]
    )
    n = 0
    with pq.ParquetWriter(handle, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows(conn, keys, labels):
            batch.append(row)
            if len(batch) >= CHUNK:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n
