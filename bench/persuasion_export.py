"""Export a multi-task tagger checkpoint (bench/persuasion_multitask.py) as a model
folder the analyzers load, with the decoding chosen on the inner split
(bench/persuasion_decode.py), and measure what int8 weights cost on the holdout::

    PYTHONPATH=src python bench/persuasion_export.py --data ../shared/data/semeval2023/en \
        --run /tmp/spin/h13/mt --epoch 2 --decode /tmp/spin/h13/decode-e2.json --out /tmp/spin/h13/tagger
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from spinscope.analyze.persuasion.encoder import OnnxTagger
from spinscope.analyze.persuasion.tagging import TAGGER_ONNX, TAGGER_TOKENIZER, DecodeRule, decode_batch
from spinscope.semeval import load_semeval
from spinscope.training import multitask
from spinscope.training.data import technique_units
from spinscope.training.tagger import LABELS, export_onnx, tagged_scores, write_head


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", required=True)
    ap.add_argument("--run", required=True, type=Path)
    ap.add_argument("--epoch", type=int, required=True)
    ap.add_argument("--decode", required=True, type=Path)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--no-compare", action="store_true", help="skip the fp32 vs int8 holdout comparison")
    args = ap.parse_args(argv)
    import torch

    chosen = json.loads(args.decode.read_text())
    model = multitask.build_model(len(LABELS))
    model.load_state_dict(torch.load(args.run / f"epoch{args.epoch}.pt"))
    model.eval()
    rule = DecodeRule(**chosen["rule"])
    cal = {"para_platt": chosen["para_platt"], "para_thresholds": chosen["para_thresholds"]}
    result: dict[str, object] = {"epoch": args.epoch}
    for quantize in ((False, True) if not args.no_compare else (True,)):
        folder = args.out if quantize else args.out.with_name(args.out.name + "-fp32")
        export_onnx(model, folder, quantize=quantize)
        write_head(folder, cal, rule, {"epochs": args.epoch, "source": str(args.run)})
        result[f"onnx_mb_{'int8' if quantize else 'fp32'}"] = round((folder / TAGGER_ONNX).stat().st_size / 1e6, 1)
        if args.no_compare:
            continue
        split = json.loads((args.run / "split.json").read_text())
        by_id = {a.id: a for a in load_semeval(args.data).articles}
        arts = [by_id[i] for i in split["holdout"]]
        data = technique_units(arts, LABELS)
        tagger = OnnxTagger(folder / TAGGER_ONNX, folder / TAGGER_TOKENIZER)
        started = time.time()
        out = tagger.predict(data.units.text)
        seconds = time.time() - started
        tagged = decode_batch(data.units, out.unit, out.token, out.offsets, dict(cal, rule=rule.__dict__))
        result["int8" if quantize else "fp32"] = dict(tagged_scores(arts, tagged), units=len(data.units.text),
                                                      units_per_s=round(len(data.units.text) / seconds, 1))
        print(json.dumps(result, default=float), flush=True)
    print(json.dumps(result, indent=1, default=float))
    return 0


if __name__ == "__main__":
    sys.exit(main())
