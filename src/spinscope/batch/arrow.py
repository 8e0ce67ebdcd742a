"""The Parquet layout of ``spinscope batch``: one row per article, the fields of the
JSON contract (:meth:`Article.to_dict`), nested spans as lists of structs.

The schema is explicit so that every shard has the same one (a shard whose articles
have no quotes still types ``quotes`` as a list of quote structs) and the shards read
as one dataset with pyarrow, pandas or DuckDB. ``genre.scores`` and ``models`` are maps.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from ..model import Article

_str = pa.string()
_int = pa.int64()
_float = pa.float64()
_label = pa.struct([("label", _str), ("score", _float)])

SCHEMA = pa.schema(
    [
        ("schema", _int),
        ("id", _str),
        ("title", _str),
        ("published", _str),
        ("author", _str),
        ("outlet", _str),
        ("url", _str),
        ("language", _str),
        ("language_support", _str),
        ("source", _str),
        ("text", _str),
        ("genre", pa.struct([("label", _str), ("scores", pa.map_(_str, _float)), ("confident", pa.bool_()),
                             ("note", _str)])),
        ("frames", pa.list_(_label)),
        ("paragraphs", pa.list_(pa.struct([("id", _int), ("start", _int), ("end", _int), ("techniques", pa.list_(_label))]))),
        ("techniques", pa.list_(pa.struct([
            ("label", _str), ("start", _int), ("end", _int), ("text", _str), ("score", _float),
            ("voice", _str), ("speaker", _str),
        ]))),
        ("entities", pa.list_(pa.struct([
            ("canonical", _str), ("type", _str), ("aliases", pa.list_(_str)),
            ("mentions", pa.list_(pa.struct([("start", _int), ("end", _int), ("text", _str)]))),
            ("method", _str),
        ]))),
        ("quotes", pa.list_(pa.struct([
            ("start", _int), ("end", _int), ("text", _str), ("kind", _str), ("speaker", _str),
            ("speaker_start", _int), ("speaker_end", _int), ("cue", _str),
            ("speaker_kind", _str), ("speaker_text", _str), ("fragments", pa.list_(pa.list_(_int))),
        ]))),
        ("dates", pa.list_(pa.struct([
            ("start", _int), ("end", _int), ("text", _str), ("value", _str), ("interval", pa.list_(_str)),
        ]))),
        ("models", pa.map_(_str, _str)),
    ]
)


def to_table(articles: list[Article]) -> pa.Table:
    """Articles as a table with :data:`SCHEMA`."""
    return pa.Table.from_pylist([a.to_dict() for a in articles], schema=SCHEMA)


def row_to_article(row: dict[str, Any]) -> Article:
    """An article from a row read back with ``Table.to_pylist()`` (maps come back as pairs)."""
    data = dict(row)
    genre = dict(data.get("genre") or {})
    genre["scores"] = _as_dict(genre.get("scores"))
    if genre.get("confident") is None:  # no label: the contract has no flag
        genre.pop("confident", None)
    data["genre"] = genre
    data["models"] = _as_dict(data.get("models"))
    return Article.from_dict(data)


def _as_dict(value: Any) -> dict[str, Any]:
    if not value:
        return {}
    return dict(value) if isinstance(value, list) else dict(value.items())
