"""Experiment: the multi-task MiniLM techniques model on the newest-articles holdout.

Trains on the English articles with id < 760000000 minus an inner 20% (by article,
seed 13) that is kept for fitting thresholds, Platt maps and span decoding; after
every epoch it saves the unit and token probabilities of the inner split and of the
holdout (``--out``/epoch-N.npz) and the weights (``--out``/epoch-N.pt), so decoding
can be chosen afterwards on the inner split only (bench/persuasion_decode.py)::

    PYTHONPATH=src nice python bench/persuasion_multitask.py --data ../shared/data/semeval2023/en \
        --out /tmp/spin/h13/mt --epochs 3

``--all`` trains on every article (the shipped recipe) with the same inner 20%.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from spinscope.catalog import TECHNIQUES
from spinscope.semeval import SemevalArticle, load_semeval
from spinscope.training import multitask
from spinscope.training.data import technique_units

NEWEST = 760_000_000


def splits(articles: list[SemevalArticle], use_all: bool) -> dict[str, list[SemevalArticle]]:
    """fit / inner (20% of the training part, by article) / holdout (ids >= 760000000)."""
    labelled = [a for a in articles if a.spans is not None or a.paragraph_labels is not None]
    train = [a for a in labelled if use_all or int(a.id) < NEWEST]
    hold = [a for a in labelled if int(a.id) >= NEWEST]
    inner = np.random.default_rng(multitask.SEED).random(len(train)) < 0.2
    return {
        "fit": [a for a, h in zip(train, inner, strict=True) if not h],
        "inner": [a for a, h in zip(train, inner, strict=True) if h],
        "holdout": hold,
    }


def save_probs(path: Path, unit: np.ndarray, tokens: list[np.ndarray]) -> None:
    lengths = np.array([len(t) for t in tokens], dtype=np.int32)
    flat = np.concatenate(tokens) if tokens else np.zeros((0, unit.shape[1]), np.float16)
    np.savez_compressed(path, unit=unit, tokens=flat, lengths=lengths)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--all", action="store_true", help="train on every article (shipped recipe)")
    ap.add_argument("--limit", type=int, default=0, help="only the first N fit articles (timing)")
    ap.add_argument("--token-pos-weight", type=float, default=5.0)
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    labels = list(TECHNIQUES)
    parts = splits(load_semeval(args.data).articles, args.all)
    if args.limit:
        parts["fit"] = parts["fit"][: args.limit]
    tok = multitask.tokenizer()
    data = {k: technique_units(v, labels) for k, v in parts.items()}
    enc = {k: multitask.encode_units(tok, d, len(labels)) for k, d in data.items()}
    meta = {k: [a.id for a in v] for k, v in parts.items()}
    (out / "split.json").write_text(json.dumps(meta) + "\n")
    say = lambda m: print(time.strftime("%H:%M:%S"), m, flush=True)  # noqa: E731
    say("units: " + ", ".join(f"{k} {len(d.units.text)}" for k, d in data.items()))

    def after(epoch: int, model: object) -> None:
        started = time.time()
        for name in ("inner", "holdout"):
            if name == "holdout" and (args.all or epoch < args.epochs - 1):
                continue  # the holdout is scored on the last two epochs only (CPU time)
            unit, tokens = multitask.predict(model, enc[name])
            save_probs(out / f"{name}-epoch{epoch}.npz", unit, tokens)
        multitask.save_state(model, out / f"epoch{epoch}.pt")
        say(f"epoch {epoch}: predictions saved ({time.time() - started:.0f} s)")

    config = multitask.TrainConfig(epochs=args.epochs, token_pos_weight=args.token_pos_weight)
    multitask.train(enc["fit"], data["fit"].y, config, after_epoch=after, say=say)
    return 0


if __name__ == "__main__":
    sys.exit(main())
