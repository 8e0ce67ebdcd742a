"""Scoring the "who says what" analyzers against the hand-made gold set.

The gold files (``spinscope/resources/gold/*.json``, described in the README there)
hold only offsets and labels; the texts are read from the shared data folder. Used by
``bench/bench_who.py`` and ``tests/test_who_gold.py``.

Matching rules:

- entity mentions: exact span; "linked" also needs the same canonical name (compared
  with :func:`~spinscope.analyze.attribution.nlp.name_key`); predicted EVENT entities are not
  scored (the gold set does not annotate events);
- quotes: one statement counts once: a ``partial`` quotation lying inside another quote
  of the same speaker (a fragment in marks inside reported speech) is folded into it, on
  both sides (see :func:`statements`); then one-to-one, a pair matches when the character
  Jaccard overlap is >= 0.5; speaker attribution counts matched pairs whose speakers
  agree (both None agrees: an unnamed source and no source are both None);
- dates: one-to-one on overlapping spans; the value counts when ``value`` and
  ``interval`` are both equal.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

from ...errors import DataError
from ...model import Article
from .nlp import name_key

SCORED_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP"})
LAYERS = ("entities", "quotes", "dates")
SEED_SKIP = ("News ID:", "Publish Date", "By:", "* Comment")


def seed_body(path: Path) -> str:
    """The body of a seed file, as the gold offsets index it (header and comment dropped)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return "\n".join(line for line in lines if not line.startswith(SEED_SKIP)).strip("\n")


def gold_files() -> list[Path]:
    folder = resources.files("spinscope") / "resources" / "gold"
    return sorted(Path(str(p)) for p in folder.iterdir() if str(p).endswith(".json"))


@dataclass
class GoldArticle:
    gold: dict[str, Any]
    text: str

    @property
    def id(self) -> str:
        return str(self.gold["id"])

    @property
    def split(self) -> str:
        """``tune`` (looked at while writing the rules) or ``heldout`` (annotated after)."""
        return str(self.gold.get("split", "tune"))

    @property
    def layers(self) -> tuple[str, ...]:
        """The annotated layers: all three, or those named in ``layers`` (the later tune
        articles annotate quotes only)."""
        return tuple(self.gold.get("layers", LAYERS))

    @property
    def part(self) -> str:
        """The split, with the quotes-only tune articles apart (``tune-quotes``), so the
        first 22 tune articles keep a comparable figure."""
        return f"{self.split}-quotes" if "layers" in self.gold else self.split

    def article(self) -> Article:
        published = datetime.fromisoformat(self.gold["published"]) if self.gold.get("published") else None
        return Article(text=self.text, id=self.id, published=published)


def load_gold(shared: Path) -> list[GoldArticle]:
    """Every gold article with its text from ``shared`` (the folder holding seeds/ and data/)."""
    out = []
    for path in gold_files():
        gold = json.loads(path.read_text(encoding="utf-8"))
        source = gold["source"]
        if source.startswith("seeds/"):
            text = seed_body(shared / source)
        else:
            text = (shared / "data" / source).read_text(encoding="utf-8")
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if digest != gold["sha256"]:
            raise DataError(f"the text of {source} changed since it was annotated", source=str(path))
        out.append(GoldArticle(gold, text))
    return out


@dataclass
class Tally:
    """Running counts for one measure (matched, predicted, gold) with precision, recall and F1;
    evaluation.PRF is the finished score of the persuasion metrics."""

    tp: float = 0.0
    n_pred: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, tp: float, n_pred: int, n_gold: int) -> None:
        self.tp += tp
        self.n_pred += n_pred
        self.n_gold += n_gold

    def to_dict(self) -> dict[str, float]:
        return {
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "tp": self.tp,
            "pred": self.n_pred,
            "gold": self.n_gold,
        }


@dataclass
class WhoScores:
    mentions: Tally = field(default_factory=Tally)
    linked: Tally = field(default_factory=Tally)
    quotes: Tally = field(default_factory=Tally)
    quotes_exact: Tally = field(default_factory=Tally)
    speakers: Tally = field(default_factory=Tally)
    dates: Tally = field(default_factory=Tally)
    date_values: Tally = field(default_factory=Tally)

    def to_dict(self) -> dict[str, dict[str, float]]:
        return {name: getattr(self, name).to_dict() for name in self.__dataclass_fields__}


def _jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return inter / (max(a[1], b[1]) - min(a[0], b[0]))


def _pairs(pred: list[tuple[int, int]], gold: list[tuple[int, int]], threshold: float) -> list[tuple[int, int]]:
    """One-to-one matches, best overlap first."""
    cands = sorted(
        ((_jaccard(p, g), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold)),
        reverse=True,
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for score, i, j in cands:
        if score < threshold or score == 0.0:
            break
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j))
    return out


def _same_speaker(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return name_key(a) == name_key(b)


def statements(quotes: list[tuple[int, int, str, str | None]]) -> list[int]:
    """Positions of the quotes that are statements of their own, given ``(start, end,
    kind, speaker)``: a ``partial`` quote inside another quote with the same speaker is a
    fragment of that statement, not a second one."""
    kept = []
    for i, (s, e, kind, speaker) in enumerate(quotes):
        inside = kind == "partial" and any(
            j != i and hs <= s and e <= he and (hs, he) != (s, e) and _same_speaker(speaker, hsp)
            for j, (hs, he, _k, hsp) in enumerate(quotes)
        )
        if not inside:
            kept.append(i)
    return kept


def score_article(article: Article, gold: dict[str, Any], scores: WhoScores) -> None:
    """Add one analysed article's counts to ``scores`` (only the layers the gold file
    annotates: ``layers``, all three by default)."""
    layers = gold.get("layers", LAYERS)
    if "entities" in layers:
        _score_entities(article, gold, scores)
    if "quotes" in layers:
        _score_quotes(article, gold, scores)
    if "dates" in layers:
        _score_dates(article, gold, scores)


def _score_entities(article: Article, gold: dict[str, Any], scores: WhoScores) -> None:
    pred_m = {
        (m.start, m.end): name_key(e.canonical)
        for e in article.entities
        if e.type in SCORED_TYPES
        for m in e.mentions
    }
    gold_m = {(m[0], m[1]): name_key(e["canonical"]) for e in gold["entities"] for m in e["mentions"]}
    hits = set(pred_m) & set(gold_m)
    scores.mentions.add(len(hits), len(pred_m), len(gold_m))
    scores.linked.add(sum(1 for s in hits if pred_m[s] == gold_m[s]), len(pred_m), len(gold_m))


def _score_quotes(article: Article, gold: dict[str, Any], scores: WhoScores) -> None:
    pred_q = [article.quotes[i] for i in statements([(q.start, q.end, q.kind, q.speaker) for q in article.quotes])]
    gold_q = [gold["quotes"][i] for i in statements([(q["start"], q["end"], q["kind"], q["speaker"]) for q in gold["quotes"]])]
    pq = [(q.start, q.end) for q in pred_q]
    gq = [(q["start"], q["end"]) for q in gold_q]
    pairs = _pairs(pq, gq, 0.5)
    scores.quotes.add(len(pairs), len(pq), len(gq))
    scores.quotes_exact.add(len(set(pq) & set(gq)), len(pq), len(gq))
    right = sum(1 for i, j in pairs if _same_speaker(pred_q[i].speaker, gold_q[j]["speaker"]))
    scores.speakers.add(right, len(pq), len(gq))


def _score_dates(article: Article, gold: dict[str, Any], scores: WhoScores) -> None:
    pd = [(d.start, d.end) for d in article.dates]
    gd = [(d["start"], d["end"]) for d in gold["dates"]]
    dpairs = _pairs(pd, gd, 1e-9)
    scores.dates.add(len(dpairs), len(pd), len(gd))
    good = 0
    for i, j in dpairs:
        p, g = article.dates[i], gold["dates"][j]
        if p.value == g["value"] and (p.interval or None) == (g["interval"] or None):
            good += 1
    scores.date_values.add(good, len(pd), len(gd))
