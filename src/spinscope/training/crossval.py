"""Cross-validation of the persuasion models against two baselines, in one run.

Folds are over English articles (fixed seed). In every fold the model is trained on
the other English folds plus every article of the other languages (for genre and
frames), with its own inner out-of-fold thresholds and calibration, and scored on
the held-out English fold with :mod:`spinscope.evaluation`. The baselines see the
same English training folds:

* majority: the most frequent genre; the frames present in at least half of the
  training articles; the most frequent technique on every paragraph;
* TF-IDF + linear: word 1-2-gram TF-IDF with logistic regression per paragraph
  (techniques) or article (genre, frames), fixed threshold 0.3 for multi-label.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold

from ..catalog import FRAMES, TECHNIQUES
from ..evaluation import (
    EvalReport,
    Reliability,
    genre_scores,
    multilabel_scores,
    predict_articles,
    reliability,
    score_predictions,
)
from ..semeval import SemevalArticle
from . import fit_all
from .data import doc_text, paragraph_texts
from .heads import SEED

BASELINE_THRESHOLD = 0.3


@dataclass
class FoldResult:
    model: EvalReport
    majority: EvalReport
    tfidf: EvalReport


@dataclass
class CVResult:
    folds: list[FoldResult] = field(default_factory=list)
    technique_reliability: Reliability | None = None
    frame_reliability: Reliability | None = None
    genre_reliability: Reliability | None = None


def _ovr_tfidf(train_texts: list[str], train_y: np.ndarray, test_texts: list[str]) -> np.ndarray:
    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True).fit(train_texts)
    xtr, xte = vec.transform(train_texts), vec.transform(test_texts)
    out = np.zeros((len(test_texts), train_y.shape[1]))
    for j in range(train_y.shape[1]):
        if 0 < train_y[:, j].sum() < len(train_y):
            out[:, j] = LogisticRegression(solver="liblinear", random_state=SEED).fit(xtr, train_y[:, j]).predict_proba(xte)[:, 1]
    return out


def _baselines(train: list[SemevalArticle], test: list[SemevalArticle]) -> tuple[EvalReport, EvalReport]:
    frames, techniques = list(FRAMES), list(TECHNIQUES)
    n = len(test)
    majority = EvalReport(n_articles=n)
    tfidf = EvalReport(n_articles=n)
    # genre
    g_train = [a for a in train if a.genre]
    g_test = {a.id: a.genre for a in test if a.genre is not None}
    top = max(set(a.genre for a in g_train), key=lambda g: sum(1 for a in g_train if a.genre == g))
    majority.genre = genre_scores(g_test, {k: top for k in g_test})
    names = sorted({a.genre or "" for a in g_train})
    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True).fit([doc_text(a) for a in g_train])
    clf = LogisticRegression(max_iter=1000, random_state=SEED).fit(
        vec.transform([doc_text(a) for a in g_train]), [names.index(a.genre or "") for a in g_train]
    )
    test_g = [a for a in test if a.genre]
    pred = clf.predict(vec.transform([doc_text(a) for a in test_g]))
    tfidf.genre = genre_scores(g_test, {a.id: names[int(p)] for a, p in zip(test_g, pred, strict=True)})
    # frames
    f_train = [a for a in train if a.frames is not None]
    f_test = [a for a in test if a.frames is not None]
    fy = np.array([[int(f in (a.frames or [])) for f in frames] for a in f_train])
    common = [f for j, f in enumerate(frames) if fy[:, j].mean() >= 0.5]
    gold_f = {a.id: a.frames or [] for a in f_test}
    majority.frames = multilabel_scores(gold_f, {a.id: common for a in f_test}, frames)
    probs = _ovr_tfidf([doc_text(a) for a in f_train], fy, [doc_text(a) for a in f_test])
    tfidf.frames = multilabel_scores(
        gold_f, {a.id: [f for j, f in enumerate(frames) if probs[i, j] >= BASELINE_THRESHOLD] for i, a in enumerate(f_test)},
        frames,
    )
    # techniques per paragraph
    def paragraphs(arts: list[SemevalArticle]) -> tuple[list[tuple[str, int]], list[str], list[list[str]]]:
        keys, texts, labels = [], [], []
        for a in arts:
            lines = a.text.split("\n")
            for pid, labs in (a.paragraph_labels or {}).items():
                keys.append((a.id, pid))
                texts.append(lines[pid - 1] if pid - 1 < len(lines) else "")
                labels.append(labs)
        return keys, texts, labels

    _, tr_texts, tr_labels = paragraphs(train)
    te_keys, te_texts, te_labels = paragraphs(test)
    ty = np.array([[int(t in labs) for t in techniques] for labs in tr_labels])
    gold_t = dict(zip(te_keys, te_labels, strict=True))
    most = techniques[int(np.argmax(ty.sum(axis=0)))]
    majority.techniques = multilabel_scores(gold_t, {k: [most] for k in te_keys}, techniques)
    tprobs = _ovr_tfidf(tr_texts, ty, te_texts)
    tfidf.techniques = multilabel_scores(
        gold_t,
        {k: [t for j, t in enumerate(techniques) if tprobs[i, j] >= BASELINE_THRESHOLD] for i, k in enumerate(te_keys)},
        techniques,
    )
    return majority, tfidf


def cross_validate(data: list[SemevalArticle], *, folds: int = 5, language: str = "en", quick: bool = False,
                   progress: Callable[[str], None] | None = None) -> CVResult:
    """K-fold CV over ``language`` articles; other languages always train genre/frames."""
    from ..analyze import persuasion

    say = progress or (lambda _m: None)
    target = [a for a in data if a.language == language]
    others = [a for a in data if a.language != language]
    result = CVResult()
    t_scores: list[np.ndarray] = []
    t_out: list[np.ndarray] = []
    f_scores: list[np.ndarray] = []
    f_out: list[np.ndarray] = []
    g_conf: list[float] = []
    g_ok: list[float] = []
    techniques, frames = list(TECHNIQUES), list(FRAMES)
    for k, (train_idx, test_idx) in enumerate(KFold(folds, shuffle=True, random_state=SEED).split(target)):
        train = [target[i] for i in train_idx]
        test = [target[i] for i in test_idx]
        say(f"fold {k + 1}/{folds}: training on {len(train)} + {len(others)} articles")
        bundle: dict[str, Any] = fit_all(train + others, train, quick=quick)
        persuasion.set_bundle(bundle)
        predicted = predict_articles(test)
        model = score_predictions(test, predicted)
        majority, tfidf = _baselines(train, test)
        result.folds.append(FoldResult(model, majority, tfidf))
        for gold, pred in zip(test, predicted, strict=True):
            if gold.genre:
                g_conf.append(max(pred.genre.scores.values()))
                g_ok.append(float(pred.genre.label == gold.genre))
            if gold.frames is not None:
                frame_scores = _frame_scores(bundle, gold)
                f_scores.append(frame_scores)
                f_out.append(np.array([int(f in gold.frames) for f in frames]))
            if gold.paragraph_labels is not None:
                para_scores = _paragraph_scores(bundle, gold)
                for pid, labs in gold.paragraph_labels.items():
                    if pid in para_scores:
                        t_scores.append(para_scores[pid])
                        t_out.append(np.array([int(t in labs) for t in techniques]))
        persuasion.use_models(None)
    result.technique_reliability = reliability(np.vstack(t_scores), np.vstack(t_out)) if t_scores else None
    result.frame_reliability = reliability(np.vstack(f_scores), np.vstack(f_out)) if f_scores else None
    result.genre_reliability = reliability(np.array(g_conf), np.array(g_ok)) if g_conf else None
    return result


def _frame_scores(bundle: dict[str, Any], gold: SemevalArticle) -> np.ndarray:
    from ..analyze.persuasion.features import doc_features
    from ..analyze.persuasion.predict import predict_frames

    return predict_frames(bundle["frames"], doc_features([paragraph_texts(doc_text(gold))]))[0]


def _paragraph_scores(bundle: dict[str, Any], gold: SemevalArticle) -> dict[int, np.ndarray]:
    from ..analyze.persuasion.features import make_units
    from ..analyze.persuasion.predict import predict_techniques
    from .data import paragraph_spans

    pred = predict_techniques(bundle["techniques"], make_units([(gold.text, paragraph_spans(gold.text))]))
    return {pid: pred.paragraph_probs[i] for i, (_, pid) in enumerate(pred.paragraph_keys)}
