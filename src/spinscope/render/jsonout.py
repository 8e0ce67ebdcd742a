"""JSON array and JSON Lines, streamed one article at a time."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from ..model import Article


def write_json(articles: Iterable[Article], out: TextIO) -> int:
    count = 0
    out.write("[")
    for article in articles:
        out.write(",\n" if count else "\n")
        out.write(json.dumps(article.to_dict(), ensure_ascii=False, indent=2))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def write_jsonl(articles: Iterable[Article], out: TextIO) -> int:
    count = 0
    for article in articles:
        out.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
        count += 1
    return count
