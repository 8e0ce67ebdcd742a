"""Experiment: does averaging the tagger's and the linear model's paragraph scores help?

The linear techniques head is trained on the tagger's FIT split only (so its inner
scores are out-of-sample too); the mixing weight and the global threshold are chosen
on the inner split; the holdout is scored once, next to each model alone.::

    PYTHONPATH=src python bench/persuasion_ensemble.py --data ../shared/data/semeval2023/en \
        --run /tmp/spin/h13/mt --epoch 2 --decode /tmp/spin/h13/decode-e2.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

from spinscope.analyze.persuasion.predict import platt, pool_paragraphs, predict_techniques
from spinscope.analyze.persuasion.tagging import TaggedBatch, decode_batch
from spinscope.semeval import load_semeval
from spinscope.training import multitask
from spinscope.training.data import technique_units
from spinscope.training.heads import best_threshold, fit_techniques
from spinscope.training.tagger import LABELS, paragraph_gold, tagged_scores

sys.path.insert(0, str(Path(__file__).resolve().parent))
from persuasion_decode import load_probs  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", required=True)
    ap.add_argument("--run", required=True, type=Path)
    ap.add_argument("--epoch", type=int, required=True)
    ap.add_argument("--decode", required=True, type=Path)
    ap.add_argument("--out", type=Path, help="write the chosen mix (weight, threshold) here")
    args = ap.parse_args(argv)
    chosen = json.loads(args.decode.read_text())
    split = json.loads((args.run / "split.json").read_text())
    by_id = {a.id: a for a in load_semeval(args.data).articles}
    fit = [by_id[i] for i in split["fit"]]
    fit_data = technique_units(fit, LABELS)
    linear = fit_techniques(fit_data.units, fit_data.y, fit_data.groups, LABELS, unit_spans=fit_data.spans)
    tok = multitask.tokenizer()
    parts: dict[str, Any] = {}
    for name in ("inner", "holdout"):
        arts = [by_id[i] for i in split[name]]
        data = technique_units(arts, LABELS)
        unit, tokens = load_probs(args.run / f"{name}-epoch{args.epoch}.npz")
        keys, pooled = pool_paragraphs(data.units, unit)
        tag_p = platt(pooled, np.asarray(chosen["para_platt"]))
        lin = predict_techniques(linear, data.units)
        assert lin.paragraph_keys == keys
        parts[name] = dict(arts=arts, data=data, enc=multitask.encode_units(tok, data, len(LABELS)), unit=unit,
                           tokens=tokens, keys=keys, tag=tag_p, lin=lin.paragraph_probs, y=paragraph_gold(data, keys))

    def score(part: dict[str, Any], probs: np.ndarray, threshold: float) -> float:
        mixed = TaggedBatch(part["keys"], probs, probs >= threshold, [])
        return tagged_scores(part["arts"], mixed)["paragraph_f1"]

    result: dict[str, Any] = {}
    inner = parts["inner"]
    for w in (0.0, 0.25, 0.5, 0.75, 1.0):
        p = w * inner["tag"] + (1 - w) * inner["lin"]
        t = best_threshold(p.ravel(), inner["y"].ravel())
        hold = parts["holdout"]
        result[f"w={w}"] = {"threshold": t, "inner": score(inner, p, t),
                            "holdout": score(hold, w * hold["tag"] + (1 - w) * hold["lin"], t)}
        print(json.dumps({f"w={w}": result[f"w={w}"]}), flush=True)
    best = max(result, key=lambda k: result[k]["inner"])
    mix = {"weight": float(best.split("=")[1]), "threshold": result[best]["threshold"]}
    head = {"para_platt": chosen["para_platt"], "para_thresholds": chosen["para_thresholds"], "rule": chosen["rule"], "mix": mix}
    for name in ("inner", "holdout"):
        part = parts[name]
        tagged = decode_batch(part["data"].units, part["unit"], part["tokens"], part["enc"].offsets, head, part["lin"])
        result[f"chosen {name}"] = dict(tagged_scores(part["arts"], tagged), **mix)
    print(json.dumps(result, indent=1, default=float))
    if args.out:
        args.out.write_text(json.dumps({"mix": mix, "result": result}, indent=1, default=float) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
