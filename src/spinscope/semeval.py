"""Read a folder in the SemEval-2023 Task 3 layout (articles, genre, frames, technique labels).

A *language folder* holds ``<split>-articles-subtask-{1,2,3}/article<ID>.txt``,
``<split>-labels-subtask-{1,2,3}.txt`` and, optionally,
``<split>-labels-subtask-3-spans/article<ID>-labels-subtask-3.txt`` (``split`` is
``train``, ``dev`` or ``test``). A *root folder* holds several language folders
(``en``, ``fr``, ``ge``, ``it``, ``po``, ``ru``). :func:`load_semeval` accepts either.

Paragraph ids are 1-based line numbers of the subtask-3 article file and span
offsets index that file, so the text kept for an article is the subtask-3 file
when there is one (the subtask-1/2 file otherwise).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DataError
from .model import Article, split_paragraphs

_ARTICLE_RE = re.compile(r"article(.+)\.txt$")


@dataclass
class GoldSpan:
    """A labelled technique span: character offsets into the subtask-3 article file."""

    label: str
    start: int
    end: int


@dataclass
class SemevalArticle:
    """One article with whatever gold labels the folder holds (``None`` = not labelled)."""

    id: str
    language: str
    text: str
    genre: str | None = None
    frames: list[str] | None = None
    paragraph_labels: dict[int, list[str]] | None = None
    spans: list[GoldSpan] | None = None
    doc_text: str | None = None  # the subtask-1/2 file when it differs from ``text``

    def to_article(self) -> Article:
        """A fresh :class:`Article` (paragraphs split, no predictions) for analysis."""
        article = Article(text=self.text, id=self.id, language=self.language, source=f"semeval:{self.language}")
        article.paragraphs = split_paragraphs(self.text)
        return article


@dataclass
class SemevalData:
    """Articles of one or more languages, by language, in a stable order."""

    articles: list[SemevalArticle] = field(default_factory=list)

    def language(self, lang: str) -> list[SemevalArticle]:
        return [a for a in self.articles if a.language == lang]

    @property
    def languages(self) -> list[str]:
        return sorted({a.language for a in self.articles})


def _read(path: Path) -> str:
    # newline="" keeps "\r" characters so offsets stay exact
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def _find(folder: Path, pattern: str) -> Path | None:
    hits = sorted(folder.glob(pattern))
    return hits[0] if hits else None


def _articles_in(folder: Path | None) -> dict[str, Path]:
    if folder is None or not folder.is_dir():
        return {}
    found: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        match = _ARTICLE_RE.match(path.name)
        if match:
            found[match.group(1)] = path
    return found


def _label_lines(path: Path | None) -> list[list[str]]:
    if path is None or not path.is_file():
        return []
    rows = []
    for line in _read(path).splitlines():
        if line.strip():
            rows.append(line.rstrip("\r").split("\t"))
    return rows


def _split_labels(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def is_language_folder(folder: Path) -> bool:
    """True when ``folder`` directly holds ``*-articles-subtask-*`` folders."""
    return any(p.is_dir() for p in folder.glob("*-articles-subtask-*"))


def load_language(folder: Path, language: str | None = None) -> list[SemevalArticle]:
    """Load one language folder. ``language`` defaults to the folder's name."""
    folder = Path(folder)
    lang = language or folder.name
    if not is_language_folder(folder):
        raise DataError("no *-articles-subtask-N folder here; not a SemEval language folder", source=str(folder))
    files = {n: _articles_in(_find(folder, f"*-articles-subtask-{n}")) for n in (1, 2, 3)}
    genres = {row[0]: row[1].strip() for row in _label_lines(_find(folder, "*-labels-subtask-1.txt")) if len(row) >= 2}
    frames_rows = _label_lines(_find(folder, "*-labels-subtask-2.txt"))
    frames = {row[0]: _split_labels(row[1]) if len(row) > 1 else [] for row in frames_rows}
    st3_path = _find(folder, "*-labels-subtask-3.txt")
    paragraph_rows = _label_lines(st3_path)
    paragraphs: dict[str, dict[int, list[str]]] = {}
    for row in paragraph_rows:
        if len(row) < 2 or not row[1].strip().isdigit():
            continue
        paragraphs.setdefault(row[0], {})[int(row[1])] = _split_labels(row[2]) if len(row) > 2 else []
    span_dir = _find(folder, "*-labels-subtask-3-spans")
    ids = sorted(set(files[1]) | set(files[2]) | set(files[3]), key=lambda s: (len(s), s))
    out: list[SemevalArticle] = []
    for article_id in ids:
        st3 = files[3].get(article_id)
        doc = files[1].get(article_id) or files[2].get(article_id)
        text_path = st3 or doc
        assert text_path is not None
        text = _read(text_path)
        doc_text = _read(doc) if (st3 is not None and doc is not None) else None
        item = SemevalArticle(
            id=article_id,
            language=lang,
            text=text,
            genre=genres.get(article_id),
            frames=frames.get(article_id) if frames_rows else None,
            doc_text=doc_text if doc_text is not None and doc_text != text else None,
        )
        if st3 is not None and st3_path is not None:
            labelled = paragraphs.get(article_id, {})
            item.paragraph_labels = {p.id: labelled.get(p.id, []) for p in split_paragraphs(text)}
        if span_dir is not None and st3 is not None:
            span_file = span_dir / f"article{article_id}-labels-subtask-3.txt"
            spans = []
            for row in _label_lines(span_file):
                if len(row) >= 4 and row[2].strip().isdigit():
                    spans.append(GoldSpan(row[1].strip(), int(row[2]), int(row[3])))
            item.spans = spans
        out.append(item)
    return out


def load_semeval(folder: str | Path, languages: list[str] | None = None) -> SemevalData:
    """Load a language folder or a root of language folders (optionally only ``languages``)."""
    root = Path(folder)
    if not root.is_dir():
        raise DataError("not a folder", source=str(root))
    if is_language_folder(root):
        # a single language folder is taken whatever its name and ``languages``
        return SemevalData(load_language(root))
    subdirs = [p for p in sorted(root.iterdir()) if p.is_dir() and is_language_folder(p)]
    if languages:
        subdirs = [p for p in subdirs if p.name in languages]
    if not subdirs:
        raise DataError("no SemEval language folder found (expected en/, fr/, ... with *-articles-subtask-N/)", source=str(root))
    data = SemevalData()
    for sub in subdirs:
        data.articles.extend(load_language(sub))
    return data
