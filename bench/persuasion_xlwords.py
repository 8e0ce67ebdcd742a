"""Experiment (issue 13, session 9): the word-level span model trained also on the other five
languages' span words, newest-articles holdout. Not shipped (BENCHMARKS "Persuasion, eighth round").

Reads a run of ``bench/persuasion_paraft.py`` (its split and the fine-tuned paragraph model's saved
scores). Fits today's linear techniques recipe on the run's fit split once and keeps what the word
model's fit receives (out-of-fold unit probabilities and paragraph decisions, the cut's span F1);
then fits the word model twice on the same inputs: ``base`` (the shipped recipe, English words
only) and ``xl`` (plus every word of the fr/ge/it/po/ru span-labelled articles as training rows,
in every fold; decoding, thresholds, the keep rule and promotion still chosen out-of-fold on the
English rows only). Both are scored on the holdout with the fast decisions and with the accurate
ones (the paragraph model's saved scores, the mix calibrated on the inner split)::

    PYTHONPATH=src python bench/persuasion_xlwords.py --data ../shared/data/semeval2023 --run /tmp/pft \\
        --labels Flag_Waving Slogans Loaded_Language Exaggeration-Minimisation Name_Calling-Labeling Doubt \\
        Appeal_to_Fear-Prejudice --out xlwords.json
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from joblib import Parallel, delayed
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

import persuasion_gate as pg
import spinscope.training.heads as heads
import spinscope.training.wordspans as ws
from results_io import emit
from spinscope.analyze.persuasion.wordspans import WordModel, feature_matrix, word_offsets
from spinscope.analyze.persuasion.wordvectors import WordVectors
from spinscope.semeval import load_semeval
from spinscope.training.data import UnitData, paragraph_units, technique_units
from spinscope.training.tagger import calibrate, linear_paragraph_probs

LABELS = pg.LABELS


def capture_word_inputs(fit: list[Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the linear head without a word model, the arguments its word-model fit received)."""
    captured: dict[str, Any] = {}

    def grab(units: Any, unit_spans: Any, groups: Any, unit_cal: Any, chosen: Any, cut_f1: Any, folds: int = 3,
             **kw: Any) -> dict[str, Any]:
        captured.update(units=units, unit_spans=unit_spans, groups=groups, unit_cal=unit_cal, chosen=chosen,
                        cut_f1=cut_f1, folds=folds, valence=kw.get("valence"))
        return {}

    real, heads.fit_word_spans = heads.fit_word_spans, grab  # type: ignore[assignment]
    try:
        d = technique_units(fit, LABELS)
        linear = heads.fit_techniques(d.units, d.y, d.groups, LABELS, unit_spans=d.spans)
    finally:
        heads.fit_word_spans = real
    return linear, captured


def fit_heads(x: Any, gold: np.ndarray, labels: list[int]) -> tuple[np.ndarray, np.ndarray]:
    def one(j: int) -> tuple[np.ndarray, float]:
        y = gold[:, j].astype(np.int8)
        if y.min() == y.max():
            return np.zeros(x.shape[1], np.float32), (10.0 if y[0] else -10.0)
        clf = LogisticRegression(solver="liblinear", C=ws.C, max_iter=500, random_state=ws.SEED).fit(x, y)
        return clf.coef_[0].astype(np.float32), float(clf.intercept_[0])

    fitted = Parallel(n_jobs=2)(delayed(one)(j) for j in labels)
    return np.column_stack([a for a, _ in fitted]), np.array([b for _, b in fitted], np.float32)


def fit_words(c: dict[str, Any], only: list[str], extra: UnitData | None) -> tuple[dict[str, Any], dict[str, float]]:
    """The ``tok_*`` keys, as :func:`spinscope.training.wordspans.fit_word_spans` fits them,
    with ``extra``'s words as more training rows in every fold."""
    units, unit_spans, chosen, cut_f1 = c["units"], c["unit_spans"], c["chosen"], c["cut_f1"]
    n_labels = chosen.shape[1]
    table = ws.minilm_vectors()
    vectors = WordVectors(table["tok_pieces"], table["tok_table"], table["tok_vector_scale"]) if table else None
    feats, gold, owner, dense = ws.unit_words(units, unit_spans, n_labels, vectors, c["valence"])
    n_own = len(feats)
    if extra is not None:
        more, more_gold, _, more_dense = ws.unit_words(extra.units, extra.spans, n_labels, vectors, c["valence"])
        feats, gold = feats + more, np.vstack([gold, more_gold])
        dense = None if dense is None or more_dense is None else np.vstack([dense, more_dense])
    counts = Counter(f for names in feats for f in names)
    vocab = sorted(f for f, k in counts.items() if k >= ws.MIN_FEATURE_COUNT)
    x = feature_matrix(feats, {f: i for i, f in enumerate(vocab)})
    if dense is not None:
        x = sp.hstack([x, sp.csr_matrix(dense.astype(np.float32))], format="csr")
    labels = [j for j in range(n_labels) if gold[:n_own, j].sum() >= ws.MIN_WORDS and (not only or LABELS[j] in only)]
    groups = np.asarray(c["groups"])[owner]
    probs = np.zeros((n_own, len(labels)))
    rest = np.arange(n_own, x.shape[0])
    for train, test in GroupKFold(n_splits=c["folds"], shuffle=True, random_state=ws.SEED).split(np.zeros(n_own), groups=groups):
        coef, b = fit_heads(x[np.r_[train, rest]], gold[np.r_[train, rest]], labels)
        probs[test] = 1.0 / (1.0 + np.exp(-np.clip(x[test] @ coef + b, -30, 30)))
    words: dict[int, Any] = {}
    starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]]) if len(owner) else np.zeros(0, np.int64)
    for s0, e0 in zip(starts, np.r_[starts[1:], len(owner)], strict=True):
        words[int(owner[s0])] = (word_offsets(units.text[int(owner[s0])]), probs[s0:e0])
    for m in range(len(units.text)):
        words.setdefault(m, ([], np.zeros((0, len(labels)))))
    thresholds, gap, fallback, f1, per_label = ws.choose_decoding(units, unit_spans, c["unit_cal"], chosen, labels, words)
    keep = [k for k, j in enumerate(labels) if per_label[j] >= ws._bar(cut_f1.get(j, 0.0))]
    kept_labels, thresholds = [labels[k] for k in keep], thresholds[keep]
    model = WordModel({}, np.zeros((0, len(kept_labels))), np.zeros(len(kept_labels)), kept_labels, thresholds, gap, fallback)
    promote = ws.choose_promotion(units, unit_spans, c["unit_cal"], chosen, model,
                                  {m: (t, p[:, keep]) for m, (t, p) in words.items()})
    coef, intercept = fit_heads(x, gold, kept_labels)
    tok = {"tok_features": vocab, "tok_coef": coef, "tok_intercept": intercept, "tok_labels": kept_labels,
           "tok_thresholds": thresholds, "tok_rule": {"gap": gap, "fallback": fallback, "oof_span_f1": f1},
           "tok_promote": promote, **(table or {})}
    oof = {"all": round(f1, 4), **{LABELS[j]: round(per_label[j], 4) for j in labels}}
    return tok, oof


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="the semeval2023 folder (all six languages)")
    ap.add_argument("--run", required=True, type=Path, help="a bench/persuasion_paraft.py run (split.json, *-epoch3.npy)")
    ap.add_argument("--epoch", type=int, default=3)
    ap.add_argument("--labels", nargs="*", default=[], help="fit the word model for these techniques only (time)")
    ap.add_argument("--other-limit", type=int, help="only the first N other-language articles (a quick check)")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    started = time.perf_counter()
    split = json.loads((args.run / "split.json").read_text())
    articles = load_semeval(args.data).articles
    by_id = {a.id: a for a in articles if a.language == "en"}
    fit, inner, hold = ([by_id[i] for i in split[k]] for k in ("fit", "inner", "holdout"))
    hold = [a for a in hold if a.spans is not None]
    other = [a for a in articles if a.language != "en" and a.spans is not None][: args.other_limit]
    others = technique_units(other, LABELS)
    base_linear, captured = capture_word_inputs(fit)
    raw_inner = np.load(args.run / f"inner-epoch{args.epoch}.npy").astype(np.float64)
    inner_data = paragraph_units(inner, LABELS)
    hold_texts = paragraph_units(hold, LABELS).units.text
    result: dict[str, Any] = {"fit": len(fit), "holdout": len(hold), "other_language_units": len(others.units.text)}
    for name, extra in (("base", None), ("xl", others)):
        tok, oof = fit_words(captured, args.labels, extra)
        linear = {**{k: v for k, v in base_linear.items() if not k.startswith("tok_")}, **tok}
        cal = calibrate(raw_inner, linear_paragraph_probs(linear, inner, inner_data), inner_data.y,
                        np.asarray(linear["para_thresholds"]))
        table = pg.ScoreTable(hold_texts, np.load(args.run / f"holdout-epoch{args.epoch}.npy"))
        result[name] = {"oof_span_f1": oof, "covered": [LABELS[j] for j in tok["tok_labels"]],
                        "fast": pg.holdout_scores(linear, None, None, hold, 0.0),
                        "accurate": pg.holdout_scores(linear, cal, table, hold, cal["mix"]["gate"])}
        print(name, json.dumps(result[name]), flush=True)
    result["seconds"] = round(time.perf_counter() - started)
    emit(result, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
