"""Static word vectors for the word-level span model: what a word means, so a model
that saw "cowardly" can score "gutless".

Each word is cut into the word pieces of all-MiniLM-L6-v2's vocabulary (a WordPiece
tokenizer rebuilt from the stored piece list, no download) and its vector is the mean
of its pieces' rows in the model's input embedding table, reduced by PCA to a few
dimensions at training time (:mod:`spinscope.training.wordspans`). The table ships in
the techniques head as arrays (``tok_table``) with the piece list (``tok_pieces``).
"""

from __future__ import annotations

from typing import Any

import numpy as np

CACHE_WORDS = 100_000  # the most word vectors kept between calls


class WordVectors:
    """Word -> vector from a word-piece table (``pieces``: the vocabulary, in row order)."""

    def __init__(self, pieces: list[str], table: np.ndarray, scale: float = 1.0) -> None:
        from tokenizers import Tokenizer, models, normalizers, pre_tokenizers

        self.table = np.asarray(table, dtype=np.float32)
        self.scale = scale
        self.dim = self.table.shape[1]
        tok = Tokenizer(models.WordPiece({p: i for i, p in enumerate(pieces)}, unk_token="[UNK]"))
        tok.normalizer = normalizers.BertNormalizer(lowercase=True)
        tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
        self.tokenizer = tok
        self._cache: dict[str, np.ndarray] = {}

    @classmethod
    def from_head(cls, head: dict[str, Any]) -> WordVectors | None:
        if "tok_table" not in head or "tok_pieces" not in head:
            return None
        return cls(list(head["tok_pieces"]), head["tok_table"], float(head.get("tok_vector_scale", 1.0)))

    def vectors(self, words: list[str]) -> np.ndarray:
        """(n, dim) vectors of ``words`` (zeros for a word with no known piece)."""
        if not words:
            return np.zeros((0, self.dim), np.float32)
        known = {w: self._cache[w] for w in dict.fromkeys(words) if w in self._cache}
        missing = [w for w in dict.fromkeys(words) if w not in known]
        if missing:
            if len(self._cache) + len(missing) > CACHE_WORDS:  # bounded memory in a long run
                self._cache.clear()
            for word, enc in zip(missing, self.tokenizer.encode_batch(missing, add_special_tokens=False), strict=True):
                ids = [i for i in enc.ids if i < len(self.table)]
                known[word] = self.table[ids].mean(0) * self.scale if ids else np.zeros(self.dim, np.float32)
            self._cache.update((w, known[w]) for w in missing)
        return np.vstack([known[w] for w in words])

    def context(self, words: list[str]) -> np.ndarray:
        """(n, 2 * dim): each word's vector, then the mean of its two neighbours' (zeros
        beyond the edges)."""
        own = self.vectors(words)
        pad = np.zeros((1, self.dim), np.float32)
        if not len(own):
            return np.zeros((0, 2 * self.dim), np.float32)
        around = (np.vstack([pad, own[:-1]]) + np.vstack([own[1:], pad])) / 2
        return np.hstack([own, around])
