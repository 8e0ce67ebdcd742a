"""The official-style metrics, implemented here (no scorer script needed).

* genre (subtask 1): macro-F1 over the labels seen in gold or predictions;
* frames (subtask 2): micro-F1 over (article, frame);
* techniques per paragraph (subtask 3): micro- and macro-F1 over (article, paragraph, technique);
* technique spans: precision/recall/F1 with partial-overlap credit: a predicted span
  earns the share of its characters covered by gold spans of the same label in the
  same article (at most 1), a gold span the share covered by predictions;
* per-label precision/recall/F1 for all of them, and a reliability table (ECE).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import numpy as np

if TYPE_CHECKING:
    from .model import Article
    from .semeval import SemevalArticle

K = TypeVar("K", bound=Hashable)


@dataclass
class PRF:
    precision: float
    recall: float
    f1: float
    support: int = 0  # gold items (or gold spans)

    def to_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "support": self.support}


def prf(tp: float, n_pred: float, n_gold: float, support: int | None = None) -> PRF:
    """Precision, recall and F1 from true positives and the two totals (0 when undefined)."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return PRF(p, r, f, int(n_gold if support is None else support))


@dataclass
class GenreScore:
    macro_f1: float
    accuracy: float
    per_label: dict[str, PRF] = field(default_factory=dict)


def genre_scores(gold: Mapping[str, str], pred: Mapping[str, str | None]) -> GenreScore:
    """Macro-F1 over every label that occurs in gold or predictions; an article of
    ``gold`` missing from ``pred`` counts as a wrong prediction."""
    items = [(g, pred.get(k)) for k, g in gold.items()]
    labels = sorted({g for g, _ in items} | {p for _, p in items if p is not None})
    per = {}
    for label in labels:
        tp = sum(1 for g, p in items if g == label and p == label)
        per[label] = prf(tp, sum(1 for _, p in items if p == label), sum(1 for g, _ in items if g == label))
    macro = float(np.mean([s.f1 for s in per.values()])) if per else 0.0
    acc = sum(1 for g, p in items if g == p) / len(items) if items else 0.0
    return GenreScore(macro, acc, per)


@dataclass
class MultiLabelScore:
    micro: PRF
    macro_f1: float
    per_label: dict[str, PRF] = field(default_factory=dict)


def multilabel_scores(
    gold: Mapping[K, Iterable[str]],
    pred: Mapping[K, Iterable[str]],
    labels: Sequence[str] | None = None,
) -> MultiLabelScore:
    """Micro-F1 over (key, label) pairs and macro-F1 over ``labels`` (default: every label
    in gold or predictions). Keys are articles (frames) or (article, paragraph) (techniques);
    only keys of ``gold`` are scored, and a key missing from ``pred`` predicts nothing."""
    gold_sets = {k: set(v) for k, v in gold.items()}
    pred_sets = {k: set(pred.get(k, ())) for k in gold_sets}
    names = list(labels) if labels is not None else sorted(set().union(*gold_sets.values(), *pred_sets.values()))
    tp_all = sum(len(gold_sets[k] & pred_sets[k]) for k in gold_sets)
    n_pred = sum(len(v) for v in pred_sets.values())
    n_gold = sum(len(v) for v in gold_sets.values())
    per = {}
    for name in names:
        tp = sum(1 for k in gold_sets if name in gold_sets[k] and name in pred_sets[k])
        per[name] = prf(tp, sum(1 for v in pred_sets.values() if name in v), sum(1 for v in gold_sets.values() if name in v))
    macro = float(np.mean([s.f1 for s in per.values()])) if per else 0.0
    return MultiLabelScore(prf(tp_all, n_pred, n_gold), macro, per)


Span = tuple[str, int, int]  # (label, start, end), end exclusive


def _coverage(span: Span, others: Sequence[Span]) -> float:
    """Share of ``span``'s characters covered by same-label ``others`` (overlaps merged)."""
    label, start, end = span
    if end <= start:
        return 0.0
    covered = np.zeros(end - start, dtype=bool)
    for o_label, o_start, o_end in others:
        if o_label == label and o_start < end and start < o_end:
            covered[max(o_start, start) - start : min(o_end, end) - start] = True
    return float(covered.mean())


@dataclass
class SpanScore:
    micro: PRF
    per_label: dict[str, PRF] = field(default_factory=dict)


def span_scores(gold: Mapping[str, Sequence[Span]], pred: Mapping[str, Sequence[Span]]) -> SpanScore:
    """Span F1 with partial-overlap credit, over the articles of ``gold``."""
    p_credit: dict[str, float] = {}
    r_credit: dict[str, float] = {}
    n_pred: dict[str, int] = {}
    n_gold: dict[str, int] = {}
    for article, gold_spans in gold.items():
        pred_spans = list(pred.get(article, ()))
        for span in pred_spans:
            p_credit[span[0]] = p_credit.get(span[0], 0.0) + _coverage(span, gold_spans)
            n_pred[span[0]] = n_pred.get(span[0], 0) + 1
        for span in gold_spans:
            r_credit[span[0]] = r_credit.get(span[0], 0.0) + _coverage(span, pred_spans)
            n_gold[span[0]] = n_gold.get(span[0], 0) + 1
    per = {}
    for label in sorted(set(n_pred) | set(n_gold)):
        p = p_credit.get(label, 0.0) / n_pred[label] if n_pred.get(label) else 0.0
        r = r_credit.get(label, 0.0) / n_gold[label] if n_gold.get(label) else 0.0
        per[label] = PRF(p, r, 2 * p * r / (p + r) if p + r else 0.0, n_gold.get(label, 0))
    tp_p, tp_r = sum(p_credit.values()), sum(r_credit.values())
    total_p, total_g = sum(n_pred.values()), sum(n_gold.values())
    p = tp_p / total_p if total_p else 0.0
    r = tp_r / total_g if total_g else 0.0
    return SpanScore(PRF(p, r, 2 * p * r / (p + r) if p + r else 0.0, total_g), per)


@dataclass
class Reliability:
    """Expected calibration error and its table (bins of predicted probability)."""

    ece: float
    bins: list[tuple[float, float, int, float, float]]  # (low, high, count, mean score, positive rate)


def reliability(scores: np.ndarray, outcomes: np.ndarray, n_bins: int = 10) -> Reliability:
    """ECE = sum over equal-width bins of (bin share) * |mean score - observed rate|."""
    scores = np.asarray(scores, dtype=float).ravel()
    outcomes = np.asarray(outcomes, dtype=float).ravel()
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    rows = []
    ece = 0.0
    for i in range(n_bins):
        lo, hi = edges[i], edges[i + 1]
        mask = (scores >= lo) & ((scores < hi) if i < n_bins - 1 else (scores <= hi))
        count = int(mask.sum())
        if count:
            mean_s, rate = float(scores[mask].mean()), float(outcomes[mask].mean())
            ece += count / len(scores) * abs(mean_s - rate)
            rows.append((float(lo), float(hi), count, mean_s, rate))
    return Reliability(float(ece), rows)


# --- scoring models on a labelled folder -------------------------------------


@dataclass
class EvalReport:
    """Every score of one evaluation run (``None`` where the folder has no such labels)."""

    n_articles: int
    genre: GenreScore | None = None
    frames: MultiLabelScore | None = None
    techniques: MultiLabelScore | None = None
    spans: SpanScore | None = None
    technique_reliability: Reliability | None = None
    frame_reliability: Reliability | None = None


SCORED_ANALYZERS = ("paragraphs", "genre", "frames", "techniques")


def predict_articles(articles: Sequence[SemevalArticle], batch_size: int = 32,
                     names: Sequence[str] = SCORED_ANALYZERS) -> list[Article]:
    """Run the registered analyzers ``names`` (default: paragraphs, genre, frames and
    techniques; built through the pipeline registry, current models) over SemEval articles."""
    from .analyze.pipeline import Pipeline

    pipeline = Pipeline.from_names(tuple(names))
    out: list[Article] = []
    for i in range(0, len(articles), batch_size):
        batch = [a.to_article() for a in articles[i : i + batch_size]]
        pipeline(batch)
        out.extend(batch)
    return out


def score_predictions(golds: Sequence[SemevalArticle], preds: Sequence[Article]) -> EvalReport:
    """Compare analysed :class:`~spinscope.model.Article` objects with the gold labels of
    the matching :class:`~spinscope.semeval.SemevalArticle` objects (same order)."""
    from .catalog import FRAMES, TECHNIQUES

    report = EvalReport(n_articles=len(golds))
    g_genre = {a.id: a.genre for a in golds if a.genre}
    if g_genre:
        report.genre = genre_scores(g_genre, {p.id: p.genre.label for p in preds})
    g_frames = {a.id: a.frames for a in golds if a.frames is not None}
    if g_frames:
        report.frames = multilabel_scores(g_frames, {p.id: [f.label for f in p.frames] for p in preds}, list(FRAMES))
    g_par: dict[tuple[str, int], list[str]] = {}
    p_par: dict[tuple[str, int], list[str]] = {}
    names = list(TECHNIQUES)
    for gold, pred in zip(golds, preds, strict=True):
        if gold.paragraph_labels is None:
            continue
        by_id = {p.id: p for p in pred.paragraphs}
        for pid, labels in gold.paragraph_labels.items():
            g_par[(gold.id, pid)] = labels
            para = by_id.get(pid)
            p_par[(gold.id, pid)] = [t.label for t in para.techniques] if para else []
    if g_par:
        report.techniques = multilabel_scores(g_par, p_par, names)
    g_spans = {a.id: [(s.label, s.start, s.end) for s in a.spans] for a in golds if a.spans is not None}
    if g_spans:
        report.spans = span_scores(g_spans, {p.id: [(t.label, t.start, t.end) for t in p.techniques] for p in preds})
    return report


def evaluate_folder(data: str | Path, models: str | Path | None = None, languages: list[str] | None = None,
                    batch_size: int = 32) -> EvalReport:
    """``spinscope evaluate``: analyse every article of a labelled SemEval-layout folder
    with the shipped models (or the bundle folder ``models``) and score the predictions."""
    from .analyze import persuasion
    from .semeval import load_semeval

    loaded = load_semeval(Path(data), languages)
    articles = [a for a in loaded.articles if languages is None or a.language in languages]
    persuasion.use_models(Path(models) if models else None)
    try:
        predicted = predict_articles(articles, batch_size)
    finally:
        if models:
            persuasion.use_models(None)
    return score_predictions(articles, predicted)
