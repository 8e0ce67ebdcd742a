"""Text helpers shared by the persuasion models at training and analysis time.

Everything here is pure Python (no model): sentence units with exact character
offsets, the article snippet the document encoder sees, hand-made features that
tell reporting from opinion in any language, and a repetition cue.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np

# A sentence ends at . ! ? (or …) possibly followed by closing quotes/brackets, then
# whitespace; a very long sentence is also cut at ; or : so units stay clause-sized.
_SENT_END = re.compile(r"[.!?…]+[\"'”’)\]»]*(?=\s+)")
_CLAUSE_END = re.compile(r"[;:](?=\s+)")
_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Lt|St|Jr|Sr|Inc|Ltd|Co|vs|etc|No|U\.S|U\.K|e\.g|i\.e)|\b[A-Z])\.$")
MAX_UNIT_CHARS = 400
_WORD = re.compile(r"\w+", re.UNICODE)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` into trimmed sentence units; returns absolute offsets.

    The units cover every non-space character of the range, so a paragraph's label
    set is the union of its units' labels.
    """
    end = len(text) if end is None else end
    segment = text[start:end]
    cuts: list[int] = []
    for match in _SENT_END.finditer(segment):
        head = segment[: match.start() + 1]
        if _ABBREV.search(head):
            continue
        cuts.append(match.end())
    bounds: list[tuple[int, int]] = []
    prev = 0
    for cut in [*cuts, len(segment)]:
        if cut > prev:
            bounds.append((prev, cut))
            prev = cut
    units: list[tuple[int, int]] = []
    for s, e in bounds:
        pieces = [(s, e)]
        if e - s > MAX_UNIT_CHARS:
            pieces = []
            p = s
            for m in _CLAUSE_END.finditer(segment, s, e):
                if m.end() - p >= 60:
                    pieces.append((p, m.end()))
                    p = m.end()
            pieces.append((p, e))
        for ps, pe in pieces:
            a, b = _trim(text, start + ps, start + pe)
            if b > a:
                units.append((a, b))
    return units


def doc_snippet(paragraph_texts: list[str], max_paragraphs: int = 12, max_chars: int = 600) -> list[str]:
    """The paragraphs the document encoder sees: the first ``max_paragraphs``, each cut."""
    return [p[:max_chars] for p in paragraph_texts[:max_paragraphs]] or [""]


_QUOTES = "\"“”«»„"
STYLE_NAMES = (
    "log_paragraphs",
    "log_chars_per_paragraph",
    "quote_chars_ratio",
    "quoted_paragraph_ratio",
    "digit_ratio",
    "question_per_paragraph",
    "exclaim_per_paragraph",
    "first_person_ratio",
    "second_person_ratio",
    "said_ratio",
    "title_question",
)
_FIRST = {"i", "me", "my", "we", "our", "us", "je", "nous", "ich", "wir", "io", "noi", "ja", "я", "мы"}
_SECOND = {"you", "your", "vous", "tu", "du", "ihr", "sie", "voi", "ty", "wy", "ты", "вы"}
_SAID = {"said", "says", "told", "according", "stated", "reported", "announced", "dit", "selon", "sagte", "laut",
         "ha detto", "secondo", "powiedział", "według", "сказал", "заявил", "сообщил", "по словам"}


def style_features(paragraph_texts: list[str]) -> np.ndarray:
    """Language-light features separating reporting (quotes, numbers, attribution)
    from opinion (first/second person, questions, exclamations)."""
    paras = [p for p in paragraph_texts if p.strip()] or [""]
    body = paras[1:] or paras
    joined = "\n".join(body)
    n_chars = max(1, len(joined))
    words = [w.lower() for w in _WORD.findall(joined)]
    n_words = max(1, len(words))
    counts = Counter(words)
    quote_chars = 0
    inside = False
    for ch in joined:
        if ch in _QUOTES:
            inside = not inside
        elif inside:
            quote_chars += 1
    said = sum(counts[w] for w in _SAID if " " not in w) + sum(joined.lower().count(w) for w in _SAID if " " in w)
    feats = [
        np.log1p(len(body)),
        np.log1p(n_chars / len(body)),
        quote_chars / n_chars,
        sum(1 for p in body if any(q in p for q in _QUOTES)) / len(body),
        sum(ch.isdigit() for ch in joined) / n_chars,
        joined.count("?") / len(body),
        joined.count("!") / len(body),
        sum(counts[w] for w in _FIRST) / n_words * 100,
        sum(counts[w] for w in _SECOND) / n_words * 100,
        said / n_words * 100,
        float("?" in paras[0]),
    ]
    return np.asarray(feats, dtype=np.float32)


def _ngrams(text: str, n: int = 3) -> set[tuple[str, ...]]:
    words = [w.lower() for w in _WORD.findall(text)]
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def repetition_scores(unit_texts: list[str], unit_paragraph: list[int]) -> np.ndarray:
    """For each unit, the share of its word 3-grams that also occur in *other*
    paragraphs of the article (Repetition needs article context)."""
    grams = [_ngrams(t) for t in unit_texts]
    by_para: dict[int, Counter[tuple[str, ...]]] = {}
    for g, p in zip(grams, unit_paragraph, strict=True):
        by_para.setdefault(p, Counter()).update(g)
    total: Counter[tuple[str, ...]] = Counter()
    for c in by_para.values():
        total.update(c)
    out = np.zeros(len(unit_texts), dtype=np.float32)
    for i, (g, p) in enumerate(zip(grams, unit_paragraph, strict=True)):
        if g:
            own = by_para[p]
            out[i] = sum(1 for x in g if total[x] - own[x] > 0) / len(g)
    return out
