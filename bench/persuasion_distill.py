"""Experiment: a larger fine-tuned encoder as a teacher for the shipped MiniLM-L6 paragraph
model, on the newest-articles holdout.

Reads a ``bench/persuasion_paraft.py`` run made with a larger encoder (``--teacher-dir``: the
encoder's folder, the one that run had in ``SPINSCOPE_MINILM_DIR``; ``--teacher-epoch``:
which saved epoch). The teacher scores the paragraphs of the run's *fit* split only; the
student (all-MiniLM-L6, the shipped recipe) is then fine-tuned on those paragraphs with
soft targets ``alpha x gold + (1 - alpha) x teacher``. Nothing of the inner or holdout
split is seen in training. Per epoch the student's inner and holdout probabilities are
saved into the run folder as epoch ``--tag`` x 10 + epoch, so ``bench/persuasion_gate.py``
scores them beside the teacher's own epochs in one run::

    SPINSCOPE_MINILM_DIR=/path/to/all-mpnet-base-v2 PYTHONPATH=src python bench/persuasion_paraft.py \\
        --data ../shared/data/semeval2023/en --out /tmp/mprun --epochs 3
    PYTHONPATH=src python bench/persuasion_distill.py --data ../shared/data/semeval2023/en \\
        --run /tmp/mprun --teacher-dir /path/to/all-mpnet-base-v2 --teacher-epoch 3 --alpha 0.5 --tag 3
    PYTHONPATH=src python bench/persuasion_gate.py --data ../shared/data/semeval2023/en --run /tmp/mprun --epoch 3 31 32 33
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

from spinscope.catalog import TECHNIQUES
from spinscope.semeval import load_semeval
from spinscope.training import multitask
from spinscope.training.data import UnitData, paragraph_units
from spinscope.training.heads import best_threshold


def teacher_scores(texts_of: dict[str, UnitData], teacher_dir: Path, state: Path, n_labels: int) -> np.ndarray:
    """The teacher's paragraph probabilities for the fit split (its own tokenizer)."""
    import torch

    before = os.environ.get("SPINSCOPE_MINILM_DIR")
    os.environ["SPINSCOPE_MINILM_DIR"] = str(teacher_dir)
    try:
        torch.set_num_threads(2)
        enc = multitask.encode_units(multitask.tokenizer(), texts_of["fit"], n_labels)
        model = multitask.build_model(n_labels)
        model.load_state_dict(torch.load(str(state), map_location="cpu"))
        model.eval()
        probs, _ = multitask.predict(model, enc)
        return probs
    finally:  # the student reads the caller's setting again (the MiniLM folder, or the package)
        if before is None:
            del os.environ["SPINSCOPE_MINILM_DIR"]
        else:
            os.environ["SPINSCOPE_MINILM_DIR"] = before


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", required=True)
    ap.add_argument("--run", required=True, type=Path)
    ap.add_argument("--teacher-dir", required=True, type=Path)
    ap.add_argument("--teacher-epoch", type=int, required=True)
    ap.add_argument("--alpha", type=float, default=0.5, help="weight of the gold labels in the soft target")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--tag", type=int, required=True, help="student epochs are saved as tag*10+epoch")
    args = ap.parse_args(argv)
    say = lambda m: print(time.strftime("%H:%M:%S"), m, flush=True)  # noqa: E731
    labels = list(TECHNIQUES)
    split = json.loads((args.run / "split.json").read_text())
    by_id = {a.id: a for a in load_semeval(args.data).articles if a.language == "en"}
    data = {k: paragraph_units([by_id[i] for i in ids], labels) for k, ids in split.items()}
    cached = args.run / f"teacher-fit-epoch{args.teacher_epoch}.npy"
    if cached.exists():
        soft = np.load(cached)
    else:
        soft = teacher_scores(data, args.teacher_dir, args.run / f"epoch{args.teacher_epoch}.pt", len(labels))
        np.save(cached, soft)
    say(f"teacher on fit: {soft.shape[0]} paragraphs, mean positive rate {float((soft >= 0.5).mean()):.4f}, "
        f"gold {float(data['fit'].y.mean()):.4f}")
    target = args.alpha * data["fit"].y.astype(np.float64) + (1 - args.alpha) * soft.astype(np.float64)
    tok = multitask.tokenizer()
    enc = {k: multitask.encode_units(tok, d, len(labels)) for k, d in data.items()}

    def after(epoch: int, model: object) -> None:
        probs = {}
        for name in ("inner", "holdout"):
            probs[name], _ = multitask.predict(model, enc[name])
            np.save(args.run / f"{name}-epoch{args.tag * 10 + epoch}.npy", probs[name])
        t = best_threshold(probs["inner"].ravel(), data["inner"].y.ravel())
        y, p = data["holdout"].y, probs["holdout"] >= t
        tp = float((p & (y == 1)).sum())
        say(f"student epoch {epoch}: inner threshold {t:.3f}, holdout paragraph micro-F1 "
            f"{2 * tp / max(1.0, p.sum() + y.sum()):.3f}")

    config = multitask.TrainConfig(epochs=args.epochs, token_loss_weight=0.0)
    multitask.train(enc["fit"], target, config, after_epoch=after, say=say)
    return 0


if __name__ == "__main__":
    sys.exit(main())
