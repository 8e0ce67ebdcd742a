"""Turn SemEval articles into model inputs: paragraph texts, sentence units, label matrices."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..analyze.persuasion.features import Units, make_units
from ..model import split_paragraphs
from ..semeval import SemevalArticle


def paragraph_texts(text: str) -> list[str]:
    """The article's non-empty lines (title first), as the document models see them."""
    return [text[p.start : p.end] for p in split_paragraphs(text)]


def doc_text(article: SemevalArticle) -> str:
    """The text genre and frames were labelled on (the subtask-1/2 file when it differs)."""
    return article.doc_text or article.text


def paragraph_spans(text: str) -> list[tuple[int, int, int]]:
    return [(p.id, p.start, p.end) for p in split_paragraphs(text)]


@dataclass
class UnitData:
    """Sentence units of labelled articles, with unit and paragraph gold labels."""

    units: Units
    y: np.ndarray  # (n_units, L) 0/1
    groups: np.ndarray  # article index of each unit (for folds by article)
    spans: list[list[tuple[int, int, int]]] = field(default_factory=list)  # per unit: (label, start, end) gold spans overlapping it


def technique_units(articles: list[SemevalArticle], labels: list[str]) -> UnitData:
    """Cut every paragraph into sentence units and label each unit with the techniques
    whose gold spans overlap it (falling back to the paragraph's labels when an article
    has paragraph labels but no span file)."""
    index = {name: i for i, name in enumerate(labels)}
    units = make_units([(a.text, paragraph_spans(a.text)) for a in articles])
    y = np.zeros((len(units.text), len(labels)), dtype=np.int8)
    spans: list[list[tuple[int, int, int]]] = [[] for _ in units.text]
    for i, (a, pid, s, e) in enumerate(zip(units.article, units.paragraph, units.start, units.end, strict=True)):
        art = articles[a]
        if art.spans is not None:
            for span in art.spans:
                if span.start < e and s < span.end and span.label in index:
                    y[i, index[span.label]] = 1
                    spans[i].append((index[span.label], span.start, span.end))
        elif art.paragraph_labels:
            for name in art.paragraph_labels.get(pid, []):
                if name in index:
                    y[i, index[name]] = 1
    return UnitData(units, y, np.asarray(units.article, dtype=np.int64), spans)


def paragraph_units(articles: list[SemevalArticle], labels: list[str]) -> UnitData:
    """One unit per paragraph (non-empty line) of every article with paragraph labels,
    labelled with the paragraph's techniques (gold spans kept for the token targets)."""
    index = {name: i for i, name in enumerate(labels)}
    units = Units()
    rows: list[list[int]] = []
    spans: list[list[tuple[int, int, int]]] = []
    for a, art in enumerate(articles):
        for pid, start, end in paragraph_spans(art.text):
            units.article.append(a)
            units.paragraph.append(pid)
            units.start.append(start)
            units.end.append(end)
            units.text.append(art.text[start:end])
            rows.append([index[n] for n in (art.paragraph_labels or {}).get(pid, []) if n in index])
            spans.append([(index[s.label], s.start, s.end) for s in art.spans or []
                          if s.label in index and s.start < end and start < s.end])
    y = np.zeros((len(rows), len(labels)), dtype=np.int8)
    for i, row in enumerate(rows):
        y[i, row] = 1
    units.repetition = np.zeros(len(rows), np.float32)
    return UnitData(units, y, np.asarray(units.article, dtype=np.int64), spans)
