"""``spinscope train``: rebuild every shipped persuasion model from a SemEval-layout folder.

Deterministic (fixed seeds, folds by article), CPU-only by design: the heads are
linear models over frozen multilingual sentence embeddings and TF-IDF n-grams, so a
full rebuild takes minutes on two cores and needs no GPU (none is used even when one
is present).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..analyze.persuasion.bundle import save_bundle
from ..analyze.persuasion.features import doc_features
from ..analyze.persuasion.manifest import fingerprint, write_manifest
from ..catalog import FRAMES, TECHNIQUES
from ..errors import DataError
from ..semeval import SemevalArticle, load_semeval
from .data import doc_text, paragraph_texts, technique_units
from .genre import train_genre
from .heads import GENRES, fit_frames, fit_genre, fit_techniques

MODEL_VERSION = "use-tfidf-lr-3"


@dataclass
class TrainOptions:
    """What to train on. ``languages``: for genre and frames (None = every language in
    the folder); ``technique_languages``: for techniques (TF-IDF n-grams are
    language-specific). ``quick`` shrinks vocabularies and folds (tests)."""

    data: Path
    out: Path  # a folder of its own; SHIPPED_DIR only when asked (``spinscope train --install``)
    languages: list[str] | None = None
    technique_languages: list[str] = field(default_factory=lambda: ["en"])
    quick: bool = False
    limit: int | None = None  # at most this many articles per language (tests)
    accurate: bool = False  # also fine-tune MiniLM for the accurate techniques profile (train extra)
    epochs: int = 3
    multilingual: bool = False  # also rebuild the multilingual techniques head into out/multilingual


@dataclass
class TrainReport:
    out: Path
    counts: dict[str, int]
    size_bytes: int


def _limit(articles: list[SemevalArticle], limit: int | None) -> list[SemevalArticle]:
    if limit is None:
        return articles
    by_lang: dict[str, list[SemevalArticle]] = {}
    for a in articles:
        by_lang.setdefault(a.language, []).append(a)
    return [a for group in by_lang.values() for a in group[:limit]]


_DOC_CACHE: dict[str, tuple[np.ndarray, np.ndarray]] = {}


def cached_doc_features(docs: list[list[str]]) -> Any:
    """Document features, encoded once per process (cross-validation refits many times)."""
    import hashlib

    from ..analyze.persuasion.features import DocFeatures

    keys = [hashlib.sha256("\n".join(d).encode("utf-8")).hexdigest() for d in docs]
    todo = [i for i, k in enumerate(keys) if k not in _DOC_CACHE]
    if todo:
        fresh = doc_features([docs[i] for i in todo])
        for j, i in enumerate(todo):
            _DOC_CACHE[keys[i]] = (fresh.embeddings[j], fresh.style[j])
    return DocFeatures(
        ["\n".join(d) for d in docs],
        np.vstack([_DOC_CACHE[k][0] for k in keys]),
        np.vstack([_DOC_CACHE[k][1] for k in keys]),
    )


def fit_all(articles: list[SemevalArticle], technique_articles: list[SemevalArticle], *, quick: bool = False,
            progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Fit the three heads and return the bundle (a plain dict)."""
    say = progress or (lambda _msg: None)
    genre_arts = [a for a in articles if a.genre in GENRES]
    frame_arts = [a for a in articles if a.frames is not None]
    tech_arts = [a for a in technique_articles if a.paragraph_labels is not None]
    if not genre_arts or not frame_arts or not tech_arts:
        raise DataError("need genre, frame and technique labels (subtasks 1, 2 and 3) to train")
    say(f"encoding {len(set(a.id + a.language for a in genre_arts + frame_arts))} articles")
    doc_arts = list({(a.language, a.id): a for a in genre_arts + frame_arts}.values())
    feats = cached_doc_features([paragraph_texts(doc_text(a)) for a in doc_arts])
    where = {(a.language, a.id): i for i, a in enumerate(doc_arts)}

    def take(arts: list[SemevalArticle]) -> Any:
        from ..analyze.persuasion.features import DocFeatures

        idx = np.array([where[(a.language, a.id)] for a in arts])
        return DocFeatures([feats.texts[i] for i in idx], feats.embeddings[idx], feats.style[idx])

    say(f"genre: {len(genre_arts)} articles")
    genre = fit_genre(take(genre_arts), [a.genre or "" for a in genre_arts])
    say(f"frames: {len(frame_arts)} articles")
    frame_labels = list(FRAMES)
    fy = np.array([[int(f in (a.frames or [])) for f in frame_labels] for a in frame_arts], dtype=np.int8)
    frames = fit_frames(take(frame_arts), fy, frame_labels, np.arange(len(frame_arts)), folds=3 if quick else 5,
                        quick=quick)
    say(f"techniques: {len(tech_arts)} articles")
    labels = list(TECHNIQUES)
    data = technique_units(tech_arts, labels)
    techniques = fit_techniques(data.units, data.y, data.groups, labels, folds=2 if quick else 3, quick=quick,
                                unit_spans=data.spans)
    return {"version": MODEL_VERSION, "genre": genre, "frames": frames, "techniques": techniques}


def data_fingerprint(articles: list[SemevalArticle]) -> str:
    """SHA-256 of the training articles' texts and labels (order-independent)."""
    def payload(a: SemevalArticle) -> str:
        spans = [(s.label, s.start, s.end) for s in a.spans or []]
        return json.dumps([a.text, a.doc_text, a.genre, a.frames, a.paragraph_labels, spans], sort_keys=True, default=str)

    return fingerprint((a.language, a.id, payload(a)) for a in articles)


def train_models(options: TrainOptions, progress: Callable[[str], None] | None = None) -> TrainReport:
    """Load the folder, fit every head, write ``persuasion.json`` + ``persuasion.npz``
    (and, with ``accurate``, the fine-tuned tagger) + ``manifest.json`` into ``options.out``."""
    data = load_semeval(options.data)
    langs = options.languages
    articles = [a for a in data.articles if langs is None or a.language in langs]
    articles = _limit(articles, options.limit)
    tech = [a for a in data.articles if a.language in options.technique_languages]
    tech = _limit(tech, options.limit)
    bundle = fit_all(articles, tech, quick=options.quick, progress=progress)
    out = Path(options.out)
    files = save_bundle(bundle, out)
    train_genre(articles, out, embed=lambda docs: cached_doc_features(docs).embeddings)
    files += [out / "genre.json", out / "genre.npz"]
    counts = {
        "genre_articles": sum(1 for a in articles if a.genre in GENRES),
        "frame_articles": sum(1 for a in articles if a.frames is not None),
        "technique_articles": sum(1 for a in tech if a.paragraph_labels is not None),
    }
    manifest: dict[str, Any] = {
        "version": MODEL_VERSION,
        "languages": sorted({a.language for a in articles}),
        "technique_languages": sorted(options.technique_languages),
        "quick": options.quick,
        "counts": counts,
        "training_data": data_fingerprint(list({(a.language, a.id): a for a in articles + tech}.values())),
    }
    if options.accurate:
        from .tagger import fit_tagger_head

        labelled = [a for a in tech if a.paragraph_labels is not None]
        files += fit_tagger_head(labelled, out, epochs=options.epochs, quick=options.quick,
                                 say=progress or (lambda _m: None))
        manifest["tagger"] = {"model": "all-MiniLM-L6-v2 fine-tuned on paragraphs, int8 ONNX",
                              "epochs": options.epochs, "articles": len(labelled)}
    if options.multilingual:
        from .multilingual import train_multilingual

        files += train_multilingual(articles, out / "multilingual", quick=options.quick)
    write_manifest(out, manifest)
    return TrainReport(out=out, counts=counts, size_bytes=sum(p.stat().st_size for p in files))
