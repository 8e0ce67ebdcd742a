"""Export a paragraph model trained by bench/persuasion_paraft.py as the shipped
``accurate`` techniques model: calibration and the mix with the linear head (trained on
the same fit split) chosen on the run's inner split, int8 ONNX, head JSON::

    PYTHONPATH=src python bench/persuasion_paraexport.py --data ../shared/data/semeval2023/en \
        --run /tmp/pft-all --epoch 2 --out src/spinscope/resources/models

(then regenerate the manifest: ``spinscope.analyze.persuasion.manifest.write_manifest``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from spinscope.semeval import load_semeval
from spinscope.training import multitask
from spinscope.training.data import paragraph_units, technique_units
from spinscope.training.heads import fit_techniques
from spinscope.training.tagger import LABELS, calibrate, export_onnx, linear_paragraph_probs, write_head


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", required=True)
    ap.add_argument("--run", required=True, type=Path)
    ap.add_argument("--epoch", type=int, required=True)
    ap.add_argument("--out", required=True, type=Path)
    args = ap.parse_args(argv)
    import torch

    split = json.loads((args.run / "split.json").read_text())
    by_id = {a.id: a for a in load_semeval(args.data).articles if a.language == "en"}
    fit, inner = [by_id[i] for i in split["fit"]], [by_id[i] for i in split["inner"]]
    units = technique_units(fit, LABELS)
    linear = fit_techniques(units.units, units.y, units.groups, LABELS)
    inner_data = paragraph_units(inner, LABELS)
    raw = np.load(args.run / f"inner-epoch{args.epoch}.npy").astype(np.float64)
    calibration = calibrate(raw, linear_paragraph_probs(linear, inner, inner_data), inner_data.y)
    print(json.dumps(calibration["mix"]))
    model = multitask.build_model(len(LABELS))
    model.load_state_dict(torch.load(str(args.run / f"epoch{args.epoch}.pt"), map_location="cpu"))
    model.eval()
    export_onnx(model, args.out)
    write_head(args.out, calibration, {"epochs": args.epoch, "fit_articles": len(fit), "inner_articles": len(inner)})
    return 0


if __name__ == "__main__":
    sys.exit(main())
