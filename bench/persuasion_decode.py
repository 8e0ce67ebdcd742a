"""Experiment: choose calibration, thresholds and span decoding of the multi-task tagger
on the INNER split only (spinscope.training.tagger), then score the newest-articles
holdout once, from what bench/persuasion_multitask.py saved (``--run``)::

    PYTHONPATH=src python bench/persuasion_decode.py --data ../shared/data/semeval2023/en \
        --run /tmp/spin/h13/mt --epoch 2 --out /tmp/spin/h13/decode.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

from spinscope.analyze.persuasion.tagging import DecodeRule, decode_batch
from spinscope.semeval import load_semeval
from spinscope.training import multitask
from spinscope.training.data import technique_units
from spinscope.training.tagger import LABELS, choose_rule, fit_calibration, tagged_scores


def load_probs(path: Path) -> tuple[np.ndarray, list[np.ndarray]]:
    with np.load(path, allow_pickle=False) as z:
        unit, flat, lengths = z["unit"], z["tokens"], z["lengths"]
    cuts = np.concatenate([[0], np.cumsum(lengths)])
    return unit.astype(np.float64), [flat[cuts[i] : cuts[i + 1]].astype(np.float32) for i in range(len(lengths))]


def score(part: tuple[Any, ...], cal: dict[str, Any], rule: DecodeRule) -> dict[str, float]:
    arts, data, enc, unit, tokens = part
    return tagged_scores(arts, decode_batch(data.units, unit, tokens, enc.offsets, dict(cal, rule=rule.__dict__)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", required=True)
    ap.add_argument("--run", required=True, type=Path)
    ap.add_argument("--epoch", type=int, required=True)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    split = json.loads((args.run / "split.json").read_text())
    by_id = {a.id: a for a in load_semeval(args.data).articles}
    tok = multitask.tokenizer()
    parts: dict[str, Any] = {}
    for name in ("inner", "holdout"):
        if not (args.run / f"{name}-epoch{args.epoch}.npz").is_file():
            continue
        arts = [by_id[i] for i in split[name]]
        data = technique_units(arts, LABELS)
        unit, tokens = load_probs(args.run / f"{name}-epoch{args.epoch}.npz")
        parts[name] = (arts, data, multitask.encode_units(tok, data, len(LABELS)), unit, tokens)
    arts, data, enc, unit, tokens = parts["inner"]
    cal = fit_calibration(data, unit)
    rule, f1 = choose_rule(arts, data, enc, unit, tokens, cal)
    result: dict[str, Any] = {"epoch": args.epoch, "rule": rule.__dict__, "inner_span_f1": f1, **cal}
    result["inner"] = score(parts["inner"], cal, rule)
    if "holdout" in parts:
        result["holdout"] = score(parts["holdout"], cal, rule)
        glob = dict(cal, para_thresholds=[cal["global_threshold"]] * len(LABELS))
        result["holdout_global_threshold"] = score(parts["holdout"], glob, rule)
    text = json.dumps(result, indent=1, default=float)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
