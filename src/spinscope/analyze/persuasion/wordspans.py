"""Technique spans from a word-level model: which words of a sentence carry a technique.

Every word of a sentence unit gets, per technique, a probability of lying inside a
span of that technique from a logistic regression over its own form and its
neighbours (the word, its prefix and suffixes, its shape, the two words on each side,
its place in the sentence, whether it stands inside quotation marks and whether it
repeats elsewhere in the article). Topic words that sit inside spans only by accident
("Washington", "backing") get low probabilities; evaluative words ("humiliating",
"gutlessness") high ones, also when unseen, through their suffixes and neighbours.

A word's score for a technique is the geometric mean of that probability and the
sentence unit's calibrated probability of the technique (the unit head). A technique
chosen for a paragraph is marked on the runs of words whose score reaches the
technique's threshold (gaps of ``gap`` words bridged, snapped to whole words); when
no word reaches it and ``fallback`` is set, on the best-scoring word's run. Thresholds
and the fallback are fitted out-of-fold on the training articles
(:mod:`spinscope.training.wordspans`). Techniques without a word model keep the
linear head's cut (:mod:`.spans`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from .lexicon import head_valence, word_cues
from .wordvectors import WordVectors

WORD = re.compile(r"\w+(?:[’'\-]\w+)*")
QUOTES = "“”\"«»„"
STOP = frozenset(
    ["the", "a", "an", "of", "to", "in", "and", "or", "for", "on", "at", "by", "with", "from", "as", "is", "are", "was", "were", "be", "been", "that", "this", "it", "its", "their", "his", "her", "they", "he", "she", "we", "our", "you", "your", "not", "no", "but", "if", "than", "then", "so", "such", "which", "who", "whom", "what", "when", "where", "while", "has", "have", "had", "will", "would", "can", "could", "should", "may", "might", "do", "does", "did", "there", "these", "those", "them", "into", "over", "after", "before", "about"]
)
def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch in "_'’-"


def snap(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` to whole words, then trim spaces and edge punctuation
    (never to nothing)."""
    start, end = max(0, start), min(len(text), end)
    while start > 0 and _is_word(text[start - 1]) and start < len(text) and _is_word(text[start]):
        start -= 1
    while end < len(text) and end > 0 and _is_word(text[end]) and _is_word(text[end - 1]):
        end += 1
    s, e = start, end
    while s < e and not text[s].isalnum():
        s += 1
    while e > s and not text[e - 1].isalnum() and text[e - 1] not in "!?":
        e -= 1
    return (s, e) if e > s else (start, end)


KEYS = ("tok_features", "tok_coef", "tok_intercept", "tok_labels", "tok_thresholds", "tok_rule")


def has_word_model(head: dict[str, Any]) -> bool:
    return all(k in head for k in KEYS)


def word_offsets(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in WORD.finditer(text)]


def _shape(word: str) -> str:
    if word.isdigit():
        return "d"
    if word.isupper() and len(word) > 1:
        return "X"
    return "Xx" if word[0].isupper() else "x"


def article_counts(texts: list[str]) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """Word and word-pair counts over an article's units (the repetition cue)."""
    words: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for text in texts:
        low = [m.group().lower() for m in WORD.finditer(text)]
        words.update(low)
        pairs.update(zip(low, low[1:], strict=False))
    return words, pairs


def _inside_quotes(text: str, toks: list[tuple[int, int]]) -> list[bool]:
    out, marks, last = [], 0, 0
    for s, _ in toks:
        marks += sum(text[last:s].count(c) for c in QUOTES)
        last = s
        out.append(marks % 2 == 1)
    return out


def word_features(text: str, toks: list[tuple[int, int]], counts: tuple[Counter[str], Counter[tuple[str, str]]],
                  valence: dict[str, float] | None = None) -> list[list[str]]:
    """The feature names of every word of ``text`` (``toks``: its word offsets);
    ``valence``: the head's word valences (:mod:`.lexicon`), when it has them."""
    words, pairs = counts
    low = [text[s:e].lower() for s, e in toks]
    n = len(low)
    quoted = _inside_quotes(text, toks)
    cues = word_cues(valence, low) if valence else [[] for _ in low]

    def at(i: int) -> str:
        return low[i] if 0 <= i < n else ("<s>" if i < 0 else "</s>")

    out = []
    for i, (s, e) in enumerate(toks):
        w = low[i]
        f = [f"w={w}", f"s3={w[-3:]}", f"s4={w[-4:]}", f"p3={w[:3]}", f"sh={_shape(text[s:e])}", "bias",
             f"w-1={at(i - 1)}", f"w+1={at(i + 1)}", f"w-2={at(i - 2)}", f"w+2={at(i + 2)}",
             f"s3-1={at(i - 1)[-3:]}", f"s3+1={at(i + 1)[-3:]}", f"pos={min(4, 5 * i // max(1, n))}",
             f"len={min(3, len(w) // 4)}"]
        if i and text[s].isupper():
            f.append("cap")
        if w in STOP:
            f.append("stop")
        elif words.get(w, 0) > 1:
            f.append(f"rep={min(3, words[w])}")
        if quoted[i]:
            f.append("inq")
        if (i + 1 < n and pairs.get((w, low[i + 1]), 0) > 1) or (i and pairs.get((low[i - 1], w), 0) > 1):
            f.append("rep2")
        out.append(f + cues[i])
    return out


def feature_matrix(features: list[list[str]], vocabulary: dict[str, int]) -> sp.csr_matrix:
    """Binary CSR rows (one per word) over ``vocabulary`` (unknown names dropped)."""
    indptr, cols = [0], []
    for names in features:
        cols.extend(sorted({vocabulary[f] for f in names if f in vocabulary}))
        indptr.append(len(cols))
    data = np.ones(len(cols), dtype=np.float32)
    return sp.csr_matrix((data, np.asarray(cols, dtype=np.int32), np.asarray(indptr, dtype=np.int64)),
                         shape=(len(features), len(vocabulary)))


@dataclass
class WordModel:
    """The word-level heads of the techniques head, ready to score."""

    vocabulary: dict[str, int]
    coef: np.ndarray  # (n_features [+ 2 x vector dim], n_word_labels)
    intercept: np.ndarray  # (n_word_labels,)
    labels: list[int]  # technique indices the word model covers
    thresholds: np.ndarray  # per covered technique
    gap: int
    fallback: bool
    vectors: WordVectors | None = None
    valence: dict[str, float] | None = None
    promote: np.ndarray | None = None  # per covered technique; see :func:`promoted`


    @classmethod
    def from_head(cls, head: dict[str, Any]) -> WordModel:
        rule = head["tok_rule"]
        return cls({f: i for i, f in enumerate(head["tok_features"])}, np.asarray(head["tok_coef"], dtype=np.float32),
                   np.asarray(head["tok_intercept"], dtype=np.float32), [int(j) for j in head["tok_labels"]],
                   np.asarray(head["tok_thresholds"], dtype=np.float64), int(rule["gap"]), bool(rule["fallback"]),
                   WordVectors.from_head(head), head_valence(head),
                   np.asarray(head["tok_promote"], dtype=np.float64) if "tok_promote" in head else None)

    def word_probs(self, features: list[list[str]], dense: np.ndarray | None = None) -> np.ndarray:
        """(n_words, n_word_labels) probabilities of lying inside a span; ``dense``: the
        words' vector features (:meth:`WordVectors.context`) when the model has vectors."""
        if not features:
            return np.zeros((0, len(self.labels)))
        n = len(self.vocabulary)
        z = feature_matrix(features, self.vocabulary) @ self.coef[:n] + self.intercept
        if dense is not None and self.coef.shape[0] > n:
            z = z + dense @ self.coef[n:]
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def unit_vectors(vectors: WordVectors | None, text: str, toks: list[tuple[int, int]]) -> np.ndarray | None:
    return None if vectors is None else vectors.context([text[s:e].lower() for s, e in toks])


def word_runs(scores: np.ndarray, threshold: float, gap: int) -> list[tuple[int, int, float]]:
    """Inclusive (first, last) word runs of ``scores >= threshold``, gaps of at most ``gap``
    words bridged, each with its peak score."""
    out: list[tuple[int, int, float]] = []
    for k in map(int, np.flatnonzero(scores >= threshold)):
        if out and k - out[-1][1] - 1 <= gap:
            out[-1] = (out[-1][0], k, max(out[-1][2], float(scores[k])))
        else:
            out.append((k, k, float(scores[k])))
    return out


def best_run(scores: np.ndarray, gap: int) -> tuple[int, int, float]:
    """The run around the best-scoring word (words within 60% of its score)."""
    peak = float(scores.max())
    k = int(scores.argmax())
    return next(r for r in word_runs(scores, peak * 0.6, gap) if r[0] <= k <= r[1])


def trim_run(text: str, toks: list[tuple[int, int]], run: tuple[int, int, float]) -> tuple[int, int, float] | None:
    """The run without function words at its edges; None when nothing else is left
    (a span is never only "of" or "and the")."""
    first, last, peak = run
    while first <= last and text[toks[first][0] : toks[first][1]].lower() in STOP:
        first += 1
    while last >= first and text[toks[last][0] : toks[last][1]].lower() in STOP:
        last -= 1
    return (first, last, peak) if first <= last else None


def to_offsets(text: str, toks: list[tuple[int, int]], run: tuple[int, int, float]) -> tuple[int, int]:
    return snap(text, toks[run[0]][0], toks[run[1]][1])


def score_units(model: WordModel, texts: list[str], articles: list[int], wanted: list[int]) -> dict[int, tuple[list[tuple[int, int]], np.ndarray]]:
    """Word offsets and probabilities of the units ``wanted`` (indices into ``texts``);
    ``articles``: the article of every unit (repetition is counted per article)."""
    members: dict[int, list[int]] = {}
    for i, a in enumerate(articles):
        members.setdefault(a, []).append(i)
    counts = {a: article_counts([texts[i] for i in members[a]]) for a in {articles[i] for i in wanted}}
    toks = {m: word_offsets(texts[m]) for m in wanted}
    feats = [word_features(texts[m], toks[m], counts[articles[m]], model.valence) for m in wanted]
    dense = [unit_vectors(model.vectors, texts[m], toks[m]) for m in wanted]
    stacked = np.vstack([d for d in dense if d is not None]) if model.vectors is not None and wanted else None
    flat = model.word_probs([f for fs in feats for f in fs], stacked)
    out, at = {}, 0
    for m in wanted:
        out[m] = (toks[m], flat[at : at + len(toks[m])])
        at += len(toks[m])
    return out


def place_spans(model: WordModel, texts: list[str], unit_probs: np.ndarray, chosen: dict[int, list[list[int]]],
                words: dict[int, tuple[list[tuple[int, int]], np.ndarray]]) -> list[tuple[int, int, int, int]]:
    """Spans ``(unit, label, start, end)`` (offsets into the unit's text) of the chosen
    techniques. ``chosen``: label index -> groups of units (one group per paragraph that
    uses the technique; only labels the word model covers); ``words``: every such
    unit's word offsets and probabilities (:func:`score_units`)."""
    column = {j: c for c, j in enumerate(model.labels)}
    out: list[tuple[int, int, int, int]] = []
    for j, groups in chosen.items():
        c = column[j]
        for group in groups:
            scored = [(m, np.sqrt(max(float(unit_probs[m, j]), 0.0) * words[m][1][:, c])) for m in group if len(words[m][0])]
            found = [(m, run) for m, sc in scored for run in word_runs(sc, model.thresholds[c], model.gap)]
            if not found and model.fallback and scored:
                best, sc = max(scored, key=lambda ms: float(ms[1].max()))
                found = [(best, best_run(sc, model.gap))]
            for m, run in found:
                kept = trim_run(texts[m], words[m][0], run)
                if kept is not None:
                    start, end = to_offsets(texts[m], words[m][0], kept)
                    out.append((m, j, start, end))
    return out


def promoted(model: WordModel, unit_probs: np.ndarray, groups: dict[int, list[list[int]]],
             words: dict[int, tuple[list[tuple[int, int]], np.ndarray]], bars: np.ndarray | None = None
             ) -> dict[int, list[list[int]]]:
    """The groups (paragraphs) the paragraph decision did not choose for a technique but
    whose words carry it plainly: a word's score (as in :func:`place_spans`) reaches the
    technique's promotion bar (``bars``, default ``model.promote``; ``inf``: never).
    ``groups``: label index -> the unchosen paragraphs' units."""
    bars = model.promote if bars is None else bars
    column = {j: c for c, j in enumerate(model.labels)}
    out: dict[int, list[list[int]]] = {}
    if bars is None:
        return out
    for j, candidates in groups.items():
        bar = float(bars[column[j]])
        if not np.isfinite(bar):
            continue
        for group in candidates:
            if any(len(words[m][0]) and float(np.sqrt(max(float(unit_probs[m, j]), 0.0) * words[m][1][:, column[j]]).max()) >= bar
                   for m in group):
                out.setdefault(j, []).append(group)
    return out
