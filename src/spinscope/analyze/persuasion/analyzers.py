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
from .multilingual import by_techniques_head, head_for_language, multilingual_head
from .predict import predict_frames, predict_genre, predict_techniques
from .spans import label_coefficients, tight_spans_many
from .tagging import decode_batch, load_tagger_head
from .wordspans import WordModel, has_word_model, place_spans, score_units

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
    """Analyse with an in-memory bundle (cross-validation, tests)."""
    _STATE["bundle"] = loaded
    _STATE["in_memory"] = True
    _FEATURE_CACHE.clear()


def set_accurate_head(head: dict[str, Any] | None) -> None:
    """Use an in-memory accurate techniques head (cross-validation)."""
    _STATE["accurate"] = head


def profile() -> str:
    """``fast`` (default: linear heads) or ``accurate`` (fine-tuned MiniLM for techniques),
    from the ``SPINSCOPE_TECHNIQUES_PROFILE`` environment variable."""
    value = os.environ.get(PROFILE_ENV, "fast").strip().lower() or "fast"
    if value not in ("fast", "accurate"):
        from ...errors import UsageError

        raise UsageError(f"{PROFILE_ENV} must be 'fast' or 'accurate', not {value!r}")
    return value


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
    reads = ("text", "paragraphs")
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
                article.genre = genre.decide(self.genre_head, row, doc)
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
    """Techniques per paragraph and the words that carry them: each predicted sentence
    unit is cut to the window of words the technique's linear model weighs most, as
    tightly as the technique's span mode (fitted out-of-fold) says. Articles in a known
    language other than English go to the multilingual head (``multilingual.py``)."""

    name = "techniques"
    reads = ("text", "paragraphs", "language")
    writes = ("paragraphs", "techniques", "language_support")

    def __init__(self, head: dict[str, Any] | None = None) -> None:
        if head is not None:  # one given head for every article (the multilingual one, tests)
            self.head, self.version = head, str(head.get("version", ""))
        elif profile() == "accurate":
            self.head = accurate_head()
            self.version = str(self.head.get("version", "minilm-tagger"))
        else:
            self.head = bundle()["techniques"]
            self.version = bundle()["version"]
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

    def _analyse(self, articles: list[Article]) -> None:
        if not articles:
            return
        units = make_units([(a.text, [(p.id, p.start, p.end) for p in a.paragraphs]) for a in articles])
        if "tagger" in self.head:
            self._tag(articles, units)
            return
        pred = predict_techniques(self.head, units)
        labels = self.head["labels"]
        para_thr, unit_thr = self.head["para_thresholds"], self.head["unit_thresholds"]
        by_para: dict[tuple[int, int], list[int]] = {}
        for i, key in enumerate(zip(units.article, units.paragraph, strict=True)):
            by_para.setdefault(key, []).append(i)
        spans: dict[int, list[TechniqueSpan]] = {i: [] for i in range(len(articles))}
        found: dict[tuple[int, int], list[Label]] = {}
        per_unit: dict[int, list[int]] = {}
        for row, key in enumerate(pred.paragraph_keys):
            probs = pred.paragraph_probs[row]
            chosen = [j for j in np.argsort(-probs) if probs[j] >= para_thr[j]]
            found[key] = [Label(labels[j], float(probs[j])) for j in chosen]
            members = by_para[key]
            for j in chosen:
                scores = pred.unit_probs[members, j]
                keep = {members[int(np.argmax(scores))]} | {m for m, s in zip(members, scores, strict=True) if s >= unit_thr[j]}
                for m in sorted(keep):
                    per_unit.setdefault(m, []).append(j)
        if self.words is not None:  # the word model marks the techniques it covers
            covered = set(self.words.labels)
            per_unit = {m: [j for j in js if j not in covered] for m, js in per_unit.items()}
            per_unit = {m: js for m, js in per_unit.items() if js}
            for m, j, s, e in self._place(units, pred.unit_probs, found, by_para, covered):
                s, e = units.start[m] + s, units.start[m] + e
                a = units.article[m]
                spans[a].append(TechniqueSpan(labels[j], s, e, articles[a].text[s:e], float(pred.unit_probs[m, j])))
        cuts = self._cut([(units.text[m], js) for m, js in per_unit.items()], pred.features, list(per_unit))
        for (m, js), cut in zip(per_unit.items(), cuts, strict=True):
            a, text, base = units.article[m], units.text[m], units.start[m]
            for j in js:
                s, e = cut.get(j, (0, len(text)))
                s, e = base + s, base + e
                spans[a].append(TechniqueSpan(labels[j], s, e, articles[a].text[s:e], float(pred.unit_probs[m, j])))
        for a, article in enumerate(articles):
            article.techniques = sorted(spans[a], key=lambda t: (t.start, t.end, t.label))
            for paragraph in article.paragraphs:
                paragraph.techniques = found.get((a, paragraph.id), [])

    def _tag(self, articles: list[Article], units: Any) -> None:
        """The fine-tuned tagger: paragraph techniques from the unit head, spans from the token head."""
        labels = self.head["labels"]
        out = self.head["tagger"].predict(units.text)
        linear = None
        if self.head.get("mix"):  # mixed with the linear head where the holdout said it helps
            linear = predict_techniques(bundle()["techniques"], units).paragraph_probs
        tagged = decode_batch(units, out.unit, out.token, out.offsets, self.head, linear)
        found: dict[tuple[int, int], list[Label]] = {}
        for row, key in enumerate(tagged.paragraph_keys):
            probs = tagged.paragraph_probs[row]
            found[key] = [Label(labels[j], float(probs[j])) for j in np.argsort(-probs) if tagged.chosen[row, j]]
        spans: dict[int, list[TechniqueSpan]] = {i: [] for i in range(len(articles))}
        for a, j, s, e, score in tagged.spans:
            spans[a].append(TechniqueSpan(labels[j], s, e, articles[a].text[s:e], score))
        for a, article in enumerate(articles):
            article.techniques = sorted(spans[a], key=lambda t: (t.start, t.end, t.label))
            for paragraph in article.paragraphs:
                paragraph.techniques = found.get((a, paragraph.id), [])

    def _place(self, units: Any, unit_probs: np.ndarray, found: dict[tuple[int, int], list[Label]],
               by_para: dict[tuple[int, int], list[int]], covered: set[int]) -> list[tuple[int, int, int, int]]:
        """Spans of the covered techniques from the word model, per chosen paragraph."""
        assert self.words is not None
        index = {name: j for j, name in enumerate(self.head["labels"])}
        chosen: dict[int, list[list[int]]] = {}
        for key, labels in found.items():
            for label in labels:
                if index[label.label] in covered:
                    chosen.setdefault(index[label.label], []).append(by_para[key])
        wanted = sorted({m for groups in chosen.values() for g in groups for m in g})
        words = score_units(self.words, units.text, units.article, wanted)
        return place_spans(self.words, units.text, unit_probs, chosen, words)

    def _cut(self, items: list[tuple[str, list[int]]], features: Any, unit_ids: list[int]
             ) -> list[dict[int, tuple[int, int]]]:
        """Per (unit text, label indices), the offsets in the text of each label's span
        (labels whose mode is the whole unit are left out); ``features``: all units' rows."""
        if self.coef is None:
            return [{} for _ in items]
        modes = self.head["span_modes"]
        tight = [[j for j in js if modes[j][0] != "whole"] for _, js in items]
        todo = [i for i, js in enumerate(tight) if js]
        rows = features[[unit_ids[i] for i in todo]] if features is not None and todo else None
        done = tight_spans_many(self.head, [(items[i][0], tight[i]) for i in todo], self.coef, rows)
        out: list[dict[int, tuple[int, int]]] = [{} for _ in items]
        for i, cut in zip(todo, done, strict=True):
            out[i] = cut
        return out
