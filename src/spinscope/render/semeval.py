"""SemEval-2023 Task 3 prediction files.

- subtask 1: ``id<TAB>genre``
- subtask 2: ``id<TAB>frame,frame,...``
- subtask 3: ``id<TAB>line<TAB>technique,technique,...`` for EVERY non-empty line of
  the input file (line = 1-based line number, as in the official templates), labels
  possibly empty -- including lines the plain-text reader set aside as header or
  trailing boilerplate ("Related Articles:", "Permanent web link..."), which an
  official scorer expects too.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from ..errors import UsageError
from ..model import Article

MAX_RAW_BYTES = 50_000_000


def _raw_lines(article: Article) -> list[str] | None:
    """The lines of the file the article was read from (None when it did not come from
    a readable local text file)."""
    if not article.source:
        return None
    path = Path(article.source)
    try:
        if not path.is_file() or path.stat().st_size > MAX_RAW_BYTES:
            return None
        raw = path.read_bytes().decode("utf-8-sig", errors="replace")
    except (OSError, ValueError):
        return None
    return raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def st3_rows(article: Article) -> list[tuple[int, list[str]]]:
    """(line number, technique labels) for every non-empty line of the article's input.

    The article's paragraphs are matched to the raw file's non-empty lines in order by
    their text, so lines the reader dropped get a row with no labels; without a raw
    file the article's own paragraphs are the rows."""
    labelled = [(article.text[p.start : p.end].strip(), [t.label for t in p.techniques]) for p in article.paragraphs]
    lines = _raw_lines(article)
    if lines is None:
        return [(p.id, labels) for p, (_, labels) in zip(article.paragraphs, labelled, strict=True)]
    rows: list[tuple[int, list[str]]] = []
    k = 0
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text:
            continue
        match = next((i for i in range(k, len(labelled)) if labelled[i][0] == text), None)
        if match is not None:
            rows.append((number, labelled[match][1]))
            k = match + 1
        else:
            rows.append((number, []))
    return rows


def write_semeval(articles: Iterable[Article], subtask: int, out: TextIO) -> int:
    if subtask not in (1, 2, 3):
        raise UsageError(f"SemEval-2023 Task 3 has subtasks 1, 2 and 3, not {subtask}")
    count = 0
    for article in articles:
        if subtask == 1:
            out.write(f"{article.id}\t{article.genre.label or ''}\n")
        elif subtask == 2:
            out.write(f"{article.id}\t{','.join(f.label for f in article.frames)}\n")
        else:
            for number, labels in st3_rows(article):
                out.write(f"{article.id}\t{number}\t{','.join(labels)}\n")
        count += 1
    return count
