"""Output formats for analysed articles: JSON, JSON Lines, a terminal rendering, and
the SemEval-2023 Task 3 prediction formats."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from ..errors import UsageError
from ..model import Article
from .jsonout import write_json, write_jsonl
from .semeval import write_semeval
from .text import write_text

FORMATS = ("json", "jsonl", "text", "semeval-st1", "semeval-st2", "semeval-st3")


def write(articles: Iterable[Article], fmt: str, out: TextIO, *, color: bool = False, all_spans: bool = False) -> int:
    """Write ``articles`` to ``out`` in format ``fmt``; returns how many were written.
    ``all_spans``: ``text`` also shows spans under their technique's decision threshold
    (the machine formats always carry every span)."""
    if fmt == "json":
        return write_json(articles, out)
    if fmt == "jsonl":
        return write_jsonl(articles, out)
    if fmt == "text":
        return write_text(articles, out, color=color, all_spans=all_spans)
    if fmt.startswith("semeval-st"):
        return write_semeval(articles, int(fmt[-1]), out)
    raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
