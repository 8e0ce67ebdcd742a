"""TF-IDF at analysis time without scikit-learn (start-up: ``import sklearn`` took 1.2-2 s,
more than loading the models it served).

:class:`Tfidf` applies a fitted vectorizer stored in the model bundle (parameters, vocabulary,
idf): the same analyzers as scikit-learn's ``TfidfVectorizer`` (``word`` with a token pattern
and word n-grams, ``char_wb`` with character n-grams inside words), the same counting,
sublinear tf, idf weighting and l2 norm, in the same order of operations, so the matrices
are equal to the last bit (a test compares them). Training still fits with scikit-learn;
:func:`supported` says whether a vectorizer's parameters can be served here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
import scipy.sparse as sp

_WHITE_SPACES = re.compile(r"\s\s+")


def supported(params: dict[str, Any]) -> bool:
    """True when :class:`Tfidf` reproduces a ``TfidfVectorizer`` with these parameters."""
    return (
        params.get("analyzer") in ("word", "char_wb")
        and params.get("norm") in ("l2", None)
        and bool(params.get("use_idf", True))
        and len(params.get("ngram_range", ())) == 2
    )


class Tfidf:
    """A fitted TF-IDF vectorizer: ``transform(texts)`` -> CSR matrix (texts x vocabulary)."""

    def __init__(self, params: dict[str, Any], vocabulary: dict[str, int], idf: np.ndarray) -> None:
        self.analyzer = params["analyzer"]
        self.ngram_range = tuple(params["ngram_range"])
        self.lowercase = bool(params.get("lowercase", True))
        self.sublinear_tf = bool(params.get("sublinear_tf", False))
        self.norm = params.get("norm")
        self.token_pattern = params.get("token_pattern", r"(?u)\b\w\w+\b")
        self.use_idf = bool(params.get("use_idf", True))
        self.smooth_idf = bool(params.get("smooth_idf", True))
        self.vocabulary_ = vocabulary
        self.idf_ = np.asarray(idf, dtype=np.float64)
        self._token = re.compile(self.token_pattern)

    def build_analyzer(self) -> Callable[[str], list[str]]:
        """Text -> the features counted (n-grams), like scikit-learn's."""
        grams = self._char_wb if self.analyzer == "char_wb" else self._words
        if self.lowercase:
            return lambda text: grams(text.lower())
        return grams

    def _words(self, text: str) -> list[str]:
        tokens = self._token.findall(text)
        low, high = self.ngram_range
        if high == 1:
            return tokens
        out = list(tokens) if low == 1 else []
        n_tokens = len(tokens)
        for n in range(max(low, 2), min(high + 1, n_tokens + 1)):
            out.extend(" ".join(tokens[i : i + n]) for i in range(n_tokens - n + 1))
        return out

    def _char_wb(self, text: str) -> list[str]:
        low, high = self.ngram_range
        out: list[str] = []
        for word in _WHITE_SPACES.sub(" ", text).split():
            word = f" {word} "
            size = len(word)
            for n in range(low, high + 1):
                out.append(word[:n])
                if n >= size:  # a short word counts once
                    break
                out.extend(word[i : i + n] for i in range(1, size - n + 1))
        return out

    def transform(self, texts: Iterable[str]) -> sp.csr_matrix:
        analyze, vocabulary = self.build_analyzer(), self.vocabulary_
        indices: list[int] = []
        counts: list[int] = []
        indptr = [0]
        for text in texts:
            counter: dict[int, int] = {}
            for feature in analyze(text):
                col = vocabulary.get(feature)
                if col is not None:
                    counter[col] = counter.get(col, 0) + 1
            for col in sorted(counter):
                indices.append(col)
                counts.append(counter[col])
            indptr.append(len(indices))
        data = np.asarray(counts, dtype=np.float64)
        cols = np.asarray(indices, dtype=np.int32)
        if self.sublinear_tf:
            np.log(data, data)
            data += 1.0
        if self.use_idf:
            data *= self.idf_[cols]
        rows = np.repeat(np.arange(len(indptr) - 1), np.diff(indptr))
        if self.norm == "l2" and len(data):
            # summed one value after another in column order, like scikit-learn's loop
            norms = np.sqrt(np.bincount(rows, weights=data * data, minlength=len(indptr) - 1))
            scale = norms[rows]
            data = np.divide(data, scale, out=data, where=scale != 0.0)
        shape = (len(indptr) - 1, len(vocabulary))
        return sp.csr_matrix((data, cols, np.asarray(indptr, dtype=np.int32)), shape=shape)
