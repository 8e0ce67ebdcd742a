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
from spinscope.training.tagger import LABELS, finish_tagger


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
    raw = np.load(args.run / f"inner-epoch{args.epoch}.npy")
    model = multitask.build_model(len(LABELS))
    model.load_state_dict(torch.load(str(args.run / f"epoch{args.epoch}.pt"), map_location="cpu"))
    model.eval()
    finish_tagger(model, raw, fit, inner, args.out, epochs=args.epoch, say=print)
    return 0


if __name__ == "__main__":
    sys.exit(main())
