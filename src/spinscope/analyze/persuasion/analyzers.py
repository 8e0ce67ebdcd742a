"""The ``genre``, ``frames`` and ``techniques`` analyzers.

They load the model bundle shipped in ``spinscope/resources/models`` once per
process (or the folder given to :func:`use_models`), and share one encoder pass:
the document features computed for ``genre`` are reused by ``frames``.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from pathlib import Path
from typing import Any

import numpy as np

from ...model import Article, Genre, Label, TechniqueSpan
from ..language_support import language_support
from . import genre
from .bundle import load_bundle
from .features import DocFeatures, doc_features, make_units
from .marking import mark_spans
from .multilingual import by_techniques_head, head_for_language, multilingual_head
from .predict import predict_frames, predict_genre, predict_techniques
from .spans import label_coefficients
from .tagging import load_tagger_head, paragraph_decisions
from .wordspans import WordModel, has_word_model

_STATE: dict[str, Any] = {"folder": None, "bundle": None, "accurate": None}
PROFILE_ENV = "SPINSCOPE_TECHNIQUES_PROFILE"
_FEATURE_CACHE: OrderedDict[str, tuple[np.ndarray, np.ndarray, str]] = OrderedDict()
_CACHE_SIZE = 2048


def use_models(folder: str | Path | None) -> None:
    """Analyse with the bundle in ``folder`` (None: the shipped models) from now on."""
    _STATE["folder"] = Path(folder) if folder else None
    _STATE["in_memory"] = False
    _STATE["bundle"] = None
    _STATE["accurate"] = None
    _FEATURE_CACHE.clear()


def set_bundle(loaded: dict[str, Any]) -> None:
    """Analyse with an in-memory bundle (cross-validation, tests); the accurate profile only
    with an in-memory head given after it (:func:`set_accurate_head`)."""
    _STATE["bundle"] = loaded
    _STATE["in_memory"] = True
    _STATE["accurate"] = None
    _FEATURE_CACHE.clear()


def set_accurate_head(head: dict[str, Any] | None) -> None:
    """Use an in-memory accurate techniques head (cross-validation)."""
    _STATE["accurate"] = head


def profile() -> str:
    """``accurate`` (the default where the model folder holds the fine-tuned paragraph
    model: its mix with the linear head won on the newest-articles holdout) or ``fast``
    (the linear heads alone), from the ``SPINSCOPE_TECHNIQUES_PROFILE`` environment
    variable; unset, the default."""
    value = os.environ.get(PROFILE_ENV, "").strip().lower()
    if not value:
        return "accurate" if _has_accurate_model() else "fast"
    if value not in ("fast", "accurate"):
        from ...errors import UsageError

        raise UsageError(f"{PROFILE_ENV} must be 'fast' or 'accurate', not {value!r}")
    return value


def _has_accurate_model() -> bool:
    """Whether the accurate profile can run by default: an in-memory bundle (cross-validation)
    only with an in-memory accurate head, a model folder only with the paragraph model."""
    if _STATE.get("in_memory"):
        return _STATE["accurate"] is not None
    from .bundle import SHIPPED_DIR
    from .tagging import TAGGER_JSON

    return (Path(_STATE["folder"] or SHIPPED_DIR) / TAGGER_JSON).is_file()


def accurate_head() -> dict[str, Any]:
    if _STATE["accurate"] is None:
        _STATE["accurate"] = load_tagger_head(_STATE["folder"])
    return _STATE["accurate"]


def bundle() -> dict[str, Any]:
    """The loaded model bundle (loaded on first use)."""
    if _STATE["bundle"] is None:
        _STATE["bundle"] = load_bundle(_STATE["folder"])
    return _STATE["bundle"]


def _paragraph_texts(article: Article) -> list[str]:
    """The paragraphs as the pipeline's splitter declared them (never re-split here)."""
    return [article.text[p.start : p.end] for p in article.paragraphs]


def shared_doc_features(articles: list[Article]) -> DocFeatures:
    """Document features of ``articles``, computed once and cached by content hash."""
    keys = [a.content_hash() for a in articles]
    missing = [i for i, k in enumerate(keys) if k not in _FEATURE_CACHE]
    if missing:
        fresh = doc_features([_paragraph_texts(articles[i]) for i in missing])
        for j, i in enumerate(missing):
            _FEATURE_CACHE[keys[i]] = (fresh.embeddings[j], fresh.style[j], fresh.texts[j])
            if len(_FEATURE_CACHE) > _CACHE_SIZE:
                _FEATURE_CACHE.popitem(last=False)
    rows = [_FEATURE_CACHE[k] for k in keys]
    return DocFeatures([r[2] for r in rows], np.vstack([r[0] for r in rows]), np.vstack([r[1] for r in rows]))


class GenreAnalyzer:
    """Opinion / reporting / satire with a probability for each."""

    name = "genre"
    reads = ("text", "paragraphs", "author", "url")  # an outlet's own label wins (genre_byline.py)
    writes = ("genre",)

    def __init__(self) -> None:
        folder = _STATE["folder"] or genre.shipped_dir()
        # the genre head of analyze/persuasion/genre.py (with the low-confidence flag) when the folder has one
        in_memory = _STATE.get("in_memory", False)  # set_bundle(): cross-validation, tests
        self.genre_head = genre.load_head(folder) if not in_memory and genre.has_head(folder) else None
        self.head = bundle()["genre"]
        self.version = f"{bundle()['version']}+genre-2" if self.genre_head else bundle()["version"]

    def __call__(self, articles: list[Article]) -> None:
        if not articles:
            return
        if self.genre_head is not None:
            docs = [_paragraph_texts(a) for a in articles]
            scores = genre.predict_proba(self.genre_head, docs, shared_doc_features(articles).embeddings)
            for article, row, doc in zip(articles, scores, docs, strict=True):
                article.genre = genre.decide(self.genre_head, row, doc, author=article.author, url=article.url)
            return
        probs = predict_genre(self.head, shared_doc_features(articles))
        labels = self.head["labels"]
        for article, row in zip(articles, probs, strict=True):
            article.genre = Genre(label=labels[int(np.argmax(row))], scores={n: float(p) for n, p in zip(labels, row, strict=True)})


class FramesAnalyzer:
    """The frames an article uses, each with a calibrated probability."""

    name = "frames"
    reads = ("text", "paragraphs")
    writes = ("frames",)

    def __init__(self) -> None:
        self.head = bundle()["frames"]
        self.version = bundle()["version"]

    def __call__(self, articles: list[Article]) -> None:
        if not articles:
            return
        probs = predict_frames(self.head, shared_doc_features(articles))
        labels, threshold = self.head["labels"], self.head["threshold"]
        for article, row in zip(articles, probs, strict=True):
            chosen = [Label(labels[j], float(row[j])) for j in np.argsort(-row) if row[j] >= threshold]
            if not chosen:  # every article uses at least one frame
                j = int(np.argmax(row))
                chosen = [Label(labels[j], float(row[j]))]
            article.frames = chosen


class TechniquesAnalyzer:
    """Techniques per paragraph and the words that carry them (:mod:`.marking`). The
    paragraph decision is the linear head's, or, in the ``accurate`` profile, its mix
    with the fine-tuned paragraph model (:mod:`.tagging`). Articles in a known language
    other than English go to the multilingual head (``multilingual.py``)."""

    name = "techniques"
    reads = ("text", "paragraphs", "language")
    writes = ("paragraphs", "techniques", "language_support")

    def __init__(self, head: dict[str, Any] | None = None) -> None:
        self.tagger: dict[str, Any] | None = None
        if head is not None:  # one given head for every article (the multilingual one, tests)
            self.head, self.version = head, str(head.get("version", ""))
        else:
            self.head, self.version = bundle()["techniques"], bundle()["version"]
            if profile() == "accurate":
                self.tagger = accurate_head()
                self.version += "+" + str(self.tagger.get("version", "minilm-paragraphs"))
        tight = "span_modes" in self.head and "coef" in self.head
        self.coef = label_coefficients(self.head) if tight else None
        self.words = WordModel.from_head(self.head) if has_word_model(self.head) else None
        self.routed = head is None
        if self.routed:
            self.version += "+" + str(multilingual_head()["version"])

    def __call__(self, articles: list[Article]) -> None:
        for article in articles:
            article.language_support = language_support(article.language, article.text)
        for code, group in by_techniques_head(articles) if self.routed else [(None, articles)]:
            if code is None:
                self._analyse(group)
            else:
                TechniquesAnalyzer(head_for_language(multilingual_head(), code))._analyse(group)

    def _decisions(self, articles: list[Article], pred: Any) -> tuple[np.ndarray, np.ndarray]:
        """(probabilities, chosen) per paragraph of ``pred.paragraph_keys``."""
        if self.tagger is None:
            return pred.paragraph_probs, pred.paragraph_probs >= np.asarray(self.head["para_thresholds"])
        spans = {(a, p.id): (p.start, p.end) for a, article in enumerate(articles) for p in article.paragraphs}
        texts = [articles[a].text[slice(*spans[(a, pid)])] for a, pid in pred.paragraph_keys]
        return paragraph_decisions(self.tagger, texts, pred.paragraph_probs, np.asarray(self.head["para_thresholds"]))

    def _analyse(self, articles: list[Article]) -> None:
        if not articles:
            return
        units = make_units([(a.text, [(p.id, p.start, p.end) for p in a.paragraphs]) for a in articles])
        pred = predict_techniques(self.head, units)
        probs, chosen = self._decisions(articles, pred)
        labels = self.head["labels"]
        marked, chosen = mark_spans(self.head, self.coef, self.words, pred, chosen)
        found = {key: [Label(labels[j], float(probs[row, j])) for j in np.argsort(-probs[row]) if chosen[row, j]]
                 for row, key in enumerate(pred.paragraph_keys)}
        spans: dict[int, list[TechniqueSpan]] = {i: [] for i in range(len(articles))}
        for a, j, s, e, score in marked:
            spans[a].append(TechniqueSpan(labels[j], s, e, articles[a].text[s:e], score))
        for a, article in enumerate(articles):
            article.techniques = sorted(spans[a], key=lambda t: (t.start, t.end, t.label))
            for paragraph in article.paragraphs:
                paragraph.techniques = found.get((a, paragraph.id), [])
