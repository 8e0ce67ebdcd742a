"""Experiment: the accurate profile's paragraph model behind a cheap gate, newest-articles
holdout, one run.

Reads a run of ``bench/persuasion_paraft.py`` (the fine-tuned MiniLM's raw scores of the
inner and holdout paragraphs, per epoch, and its split). Fits the linear techniques recipe
(units, thresholds, word-level spans) on the run's fit split only, then calibrates the mix
of both models on the inner split exactly as ``spinscope train --accurate`` does
(:func:`spinscope.training.tagger.calibrate`). Each variant is scored on the holdout through
the techniques analyzer (paragraph micro-F1 and span F1, the project's metrics):

* ``linear``: the fast profile (the linear head's own decisions);
* ``mix``: every paragraph through the fine-tuned model (the accurate profile);
* ``gate G``: only paragraphs where the linear head gives some technique a probability of
  at least G go through the model (``mix.gate``); the share of paragraphs encoded is the
  share of the model's cost that remains;
* ``alone``: the fine-tuned model without the linear head (mix weight 1, its Platt map
  and one threshold fitted on the inner split); every paragraph encoded;
* ``--cut-min``: the linear cut's sentence floor (``cut_min``, :mod:`spinscope.analyze.persuasion.marking`)
  varied for the linear head and the last epoch's mix.

The gate is selected on the inner split (:func:`spinscope.training.tagger.choose_gate`), never
on the holdout; the inner table shows every gate::

    PYTHONPATH=src python bench/persuasion_gate.py --data ../shared/data/semeval2023/en --run /tmp/pft --epoch 2
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np

from results_io import emit
from spinscope.analyze.paragraphs import ParagraphSplitter
from spinscope.analyze.persuasion.analyzers import TechniquesAnalyzer
from spinscope.analyze.persuasion.predict import platt
from spinscope.analyze.persuasion.tagging import paragraph_decisions
from spinscope.catalog import TECHNIQUES
from spinscope.evaluation import score_predictions
from spinscope.semeval import SemevalArticle, load_semeval
from spinscope.training.data import paragraph_units, technique_units
from spinscope.training.heads import CUT_MIN, best_threshold, fit_techniques
from spinscope.training.tagger import GATES, calibrate, linear_paragraph_probs, micro_f1

LABELS = list(TECHNIQUES)


def _key(text: str) -> str:
    return " ".join(text.split())


class ScoreTable:
    """Stands in for the ONNX model: the fine-tuned model's saved raw scores, looked up by
    paragraph text; counts the paragraphs it was asked for."""

    def __init__(self, texts: list[str], raw: np.ndarray) -> None:
        self.rows = {_key(t): r for t, r in zip(texts, raw.astype(np.float64), strict=True)}
        self.asked = 0
        self.missing = 0

    def predict(self, texts: list[str]) -> SimpleNamespace:
        self.asked += len(texts)
        out = np.zeros((len(texts), len(LABELS)))
        for i, t in enumerate(texts):
            row = self.rows.get(_key(t))
            if row is None:
                self.missing += 1
            else:
                out[i] = row
        return SimpleNamespace(unit=out)


def inner_gates(linear: dict[str, Any], cal: dict[str, Any], raw: np.ndarray, inner: list[SemevalArticle]) -> dict[str, Any]:
    """Paragraph micro-F1 and encoded share of each gate on the inner split."""
    data = paragraph_units(inner, LABELS)
    lin = linear_paragraph_probs(linear, inner, data)
    table = ScoreTable(data.units.text, raw)
    head = {**cal, "tagger": table}
    out: dict[str, Any] = {}
    for gate in GATES:
        table.asked = 0
        head["mix"] = {**cal["mix"], "gate": gate}
        _, chosen = paragraph_decisions(head, data.units.text, lin, np.asarray(linear["para_thresholds"]))
        out[str(gate)] = {"f1": round(micro_f1(chosen.astype(float), data.y, 0.5), 4),
                          "encoded": round(table.asked / max(1, len(data.units.text)), 3)}
    return out


def holdout_scores(linear: dict[str, Any], cal: dict[str, Any] | None, table: ScoreTable | None,
                   hold: list[SemevalArticle], gate: float) -> dict[str, Any]:
    articles = [a.to_article() for a in hold]
    ParagraphSplitter()(articles)
    analyzer = TechniquesAnalyzer(linear)
    if cal is not None and table is not None:
        table.asked = 0
        analyzer.tagger = {**cal, "mix": {**cal["mix"], "gate": gate}, "tagger": table}
    analyzer(articles)
    report = score_predictions(hold, articles)
    assert report.techniques is not None and report.spans is not None
    n_para = sum(1 for a in articles for p in a.paragraphs if a.text[p.start:p.end].strip())
    return {"paragraph_f1": round(report.techniques.micro.f1, 4), "span_f1": round(report.spans.micro.f1, 4),
            "span_p": round(report.spans.micro.precision, 4), "span_r": round(report.spans.micro.recall, 4),
            "encoded": round(table.asked / max(1, n_para), 3) if table is not None and cal is not None else 0.0,
            "missing": table.missing if table is not None else 0}


def fit_linear(fit: list[SemevalArticle], cache: Path) -> dict[str, Any]:
    """The linear recipe fitted on ``fit`` (cached in the run folder: an experiment
    artefact, never shipped)."""
    import pickle

    if cache.is_file():
        with cache.open("rb") as f:
            linear: dict[str, Any] = pickle.load(f)  # noqa: S301 - written by this script
        linear.setdefault("cut_min", CUT_MIN)  # a cache fitted before cut_min existed
        return linear
    units = technique_units(fit, LABELS)
    linear = fit_techniques(units.units, units.y, units.groups, LABELS, unit_spans=units.spans)
    with cache.open("wb") as f:
        pickle.dump(linear, f)
    return linear


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", required=True)
    ap.add_argument("--run", required=True, type=Path)
    ap.add_argument("--epoch", type=int, nargs="+", required=True)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--cut-min", type=float, nargs="*", default=[],
                    help="also score the linear head and the last epoch's mix (its inner gate) with these cut_min values")
    args = ap.parse_args(argv)
    split = json.loads((args.run / "split.json").read_text())
    by_id = {a.id: a for a in load_semeval(args.data).articles}
    fit, inner, hold = ([by_id[i] for i in split[k]] for k in ("fit", "inner", "holdout"))
    hold = [a for a in hold if a.spans is not None]
    linear = fit_linear(fit, args.run / "linear.pkl")
    inner_data = paragraph_units(inner, LABELS)
    hold_texts = paragraph_units(hold, LABELS).units.text
    result: dict[str, Any] = {"fit": len(fit), "inner": len(inner), "holdout": len(hold),
                              "linear": holdout_scores(linear, None, None, hold, 0.0)}
    print("linear", result["linear"], flush=True)
    for epoch in args.epoch:
        raw_inner = np.load(args.run / f"inner-epoch{epoch}.npy").astype(np.float64)
        cal = calibrate(raw_inner, linear_paragraph_probs(linear, inner, inner_data), inner_data.y,
                        np.asarray(linear["para_thresholds"]))
        table = ScoreTable(hold_texts, np.load(args.run / f"holdout-epoch{epoch}.npy"))
        row: dict[str, Any] = {"mix": cal["mix"], "inner": inner_gates(linear, cal, raw_inner, inner)}
        for gate in GATES:
            row[f"gate {gate}"] = holdout_scores(linear, cal, table, hold, gate)
            print(f"epoch {epoch} gate {gate}", row[f"gate {gate}"], flush=True)
        alone = {**cal, "mix": {"weight": 1.0, "threshold": best_threshold(
            platt(raw_inner, np.asarray(cal["para_platt"])).ravel(), inner_data.y.ravel())}}
        row["alone"] = {"threshold": alone["mix"]["threshold"], **holdout_scores(linear, alone, table, hold, 0.0)}
        print(f"epoch {epoch} alone", row["alone"], flush=True)
        result[f"epoch {epoch}"] = row
        for cut_min in args.cut_min if epoch == args.epoch[-1] else []:
            varied = {**linear, "cut_min": cut_min}
            result[f"cut_min {cut_min}"] = {"linear": holdout_scores(varied, None, None, hold, 0.0),
                                            "accurate": holdout_scores(varied, cal, table, hold, cal["mix"]["gate"])}
            print(f"cut_min {cut_min}", result[f"cut_min {cut_min}"], flush=True)
    emit(result, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
