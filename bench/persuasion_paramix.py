"""Experiment: the paragraph-level fine-tuned MiniLM (bench/persuasion_paraft.py) alone and
mixed with the linear head, newest-articles holdout.

Platt maps, thresholds and the mixing weight are chosen on the inner 20% of the training
articles; the linear head is trained on the fine-tuning's fit split only, so its inner
scores are out-of-sample too. The holdout is scored once per candidate::

    PYTHONPATH=src python bench/persuasion_paramix.py --data ../shared/data/semeval2023/en --run /tmp/pft --epoch 3
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

from spinscope.analyze.persuasion.predict import platt, predict_techniques
from spinscope.catalog import TECHNIQUES
from spinscope.semeval import load_semeval
from spinscope.training.data import paragraph_units, technique_units
from spinscope.training.heads import best_threshold, fit_platt, fit_techniques

LABELS = list(TECHNIQUES)
MIN_POSITIVES = 12


def micro(probs: np.ndarray, y: np.ndarray, thresholds: np.ndarray | float) -> float:
    pred = probs >= thresholds
    tp = float((pred & (y == 1)).sum())
    return 2 * tp / max(1.0, pred.sum() + y.sum())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", required=True)
    ap.add_argument("--run", required=True, type=Path)
    ap.add_argument("--epoch", type=int, nargs="+", required=True)
    args = ap.parse_args(argv)
    split = json.loads((args.run / "split.json").read_text())
    by_id = {a.id: a for a in load_semeval(args.data).articles}
    fit = [by_id[i] for i in split["fit"]]
    fit_data = technique_units(fit, LABELS)
    linear = fit_techniques(fit_data.units, fit_data.y, fit_data.groups, LABELS)
    parts: dict[str, Any] = {}
    for name in ("inner", "holdout"):
        arts = [by_id[i] for i in split[name]]
        para = paragraph_units(arts, LABELS)
        lin = predict_techniques(linear, technique_units(arts, LABELS).units)
        row = {k: i for i, k in enumerate(lin.paragraph_keys)}
        keys = list(zip(para.units.article, para.units.paragraph, strict=True))
        lin_p = np.vstack([lin.paragraph_probs[row[k]] if k in row else np.zeros(len(LABELS)) for k in keys])
        parts[name] = {"y": para.y, "lin": lin_p}
    inner, hold = parts["inner"], parts["holdout"]
    lin_thr = np.asarray(linear["para_thresholds"])
    result: dict[str, Any] = {"linear alone (its own OOF thresholds)": micro(hold["lin"], hold["y"], lin_thr)}
    for epoch in args.epoch:
        raw = {n: np.load(args.run / f"{n}-epoch{epoch}.npy").astype(np.float64) for n in ("inner", "holdout")}
        cal = fit_platt(raw["inner"], inner["y"])
        p_in, p_ho = platt(raw["inner"], cal), platt(raw["holdout"], cal)
        glob = best_threshold(p_in.ravel(), inner["y"].ravel())
        per = np.array([best_threshold(p_in[:, j], inner["y"][:, j]) if inner["y"][:, j].sum() >= MIN_POSITIVES else glob
                        for j in range(len(LABELS))])
        out: dict[str, Any] = {"tagger, global threshold": micro(p_ho, hold["y"], glob),
                               "tagger, per-technique thresholds": micro(p_ho, hold["y"], per)}
        for w in (0.25, 0.5, 0.75):
            mix_in, mix_ho = w * p_in + (1 - w) * inner["lin"], w * p_ho + (1 - w) * hold["lin"]
            t = best_threshold(mix_in.ravel(), inner["y"].ravel())
            out[f"mix w={w}"] = {"threshold": t, "inner": micro(mix_in, inner["y"], t), "holdout": micro(mix_ho, hold["y"], t)}
        result[f"epoch {epoch}"] = out
    print(json.dumps(result, indent=1, default=float))
    return 0


if __name__ == "__main__":
    sys.exit(main())
