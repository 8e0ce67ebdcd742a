"""Tighter technique spans from the linear heads.

A predicted (unit, technique) is narrowed to the words that carry it: every
word and character n-gram feature of the unit contributes coef x value to the
technique's linear score; each contribution is shared among the whitespace tokens
that hold the feature, and a window of tokens is chosen by the technique's span
mode (fitted out-of-fold at training time): the whole unit, the shortest window
holding a share of the unit's positive contribution, or the best window of k words.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

SPAN_MODES: tuple[tuple[str, float], ...] = (
    ("whole", 0.0),
    ("share", 0.5), ("share", 0.7), ("share", 0.9),
    ("words", 1), ("words", 2), ("words", 3), ("words", 4), ("words", 6), ("words", 9), ("words", 14),
    ("clause", 0.0), ("clause", 0.5), ("clause", 0.7), ("clause", 0.9),
)
_CLAUSE_END = re.compile(r"[,;:()\[\]–—]$|^[–—-]+$")
_WS_TOKEN = re.compile(r"\S+")
_EDGE_PUNCT = re.compile(r"^\W+|\W+$", re.UNICODE)


def label_coefficients(head: dict[str, Any]) -> np.ndarray:
    """(n_word + n_char features, L) coefficients of the linear heads (0 for constants)."""
    n = len(head["word"].vocabulary_) + len(head["char"].vocabulary_)
    out = np.zeros((n, len(head["labels"])), dtype=np.float32)
    out[:] = head["coef"][:n]
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


def clauses(text: str, tokens: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Inclusive token ranges of the unit's clauses: a clause ends at a token ending in a
    comma, semicolon, colon, bracket or dash, or standing alone as a dash."""
    out: list[tuple[int, int]] = []
    first = 0
    for t, (s, e) in enumerate(tokens):
        if _CLAUSE_END.search(text[s:e]) or t == len(tokens) - 1:
            out.append((first, t))
            first = t + 1
    return out


def choose_window(contrib: np.ndarray, mode: tuple[str, float], bounds: list[tuple[int, int]] | None = None) -> tuple[int, int]:
    """Inclusive token window ``(i, k)`` for one span mode; ``clause`` modes pick the
    clause (``bounds``) with the most positive contribution, then its whole (value 0) or
    the shortest window holding that share of it."""
    n = len(contrib)
    kind, value = mode
    if kind == "clause":
        parts = bounds or [(0, n - 1)]
        a, b = max(parts, key=lambda r: float(np.maximum(contrib[r[0] : r[1] + 1], 0).sum()))
        if value <= 0:
            return a, b
        i, k = choose_window(contrib[a : b + 1], ("share", value))
        return a + i, a + k
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
    bounds = clauses(text, tokens) if tokens else []
    out: dict[int, list[tuple[int, int]]] = {}
    for j in labels:
        contrib = feats.contributions(coef[:, j])
        chosen = modes if modes is not None else [tuple(head.get("span_modes", [("whole", 0.0)] * (j + 1))[j])]
        out[j] = [window_offsets(text, tokens, choose_window(contrib, m, bounds)) for m in chosen]
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
