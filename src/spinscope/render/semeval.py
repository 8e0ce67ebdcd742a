"""SemEval-2023 Task 3 prediction files.

- subtask 1: ``id<TAB>genre``
- subtask 2: ``id<TAB>frame,frame,...``
- subtask 3: ``id<TAB>paragraph<TAB>technique,technique,...`` for every non-empty line
  (paragraph = 1-based line number, as in the official templates), labels possibly empty.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from ..errors import UsageError
from ..model import Article, split_paragraphs


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
            paragraphs = article.paragraphs or split_paragraphs(article.text)
            for paragraph in paragraphs:
                labels = ",".join(t.label for t in paragraph.techniques)
                out.write(f"{article.id}\t{paragraph.id}\t{labels}\n")
        count += 1
    return count
