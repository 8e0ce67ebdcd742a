"""The fine-tuned paragraph model of the ``accurate`` techniques profile.

all-MiniLM-L6-v2 fine-tuned on whole paragraphs (one sigmoid per technique over the
mean-pooled encoder output), exported to int8 ONNX and run by onnxruntime
(:mod:`.encoder`). A paragraph's probability of each technique is the model's score
through a Platt map, averaged with the linear head's calibrated paragraph
probability (``mix.weight`` for the model, the rest for the linear head) and compared
with ``mix.threshold``. The Platt maps, the weight and the threshold were chosen on
an inner 20% of the training articles the model never trained on
(:mod:`spinscope.training.tagger`). Spans are marked by the linear head's word model
inside the paragraphs this decision chose (:mod:`.wordspans`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from ...errors import ModelError

TAGGER_JSON = "techniques-tagger.json"
TAGGER_ONNX = "techniques-tagger.onnx"
TAGGER_TOKENIZER = "techniques-tagger-tokenizer.json"
REQUIRED = {"labels", "para_platt", "mix", "units"}


def paragraph_decisions(head: dict[str, Any], texts: list[str], linear_probs: np.ndarray,
                        linear_thresholds: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(probabilities, chosen) of the paragraphs ``texts``, given the linear head's
    calibrated probabilities of the same paragraphs (same order).

    With a ``mix.gate`` above 0, only paragraphs where the linear head gives some technique
    at least that probability go through the fine-tuned model; the others keep the linear
    head's probabilities and its own decision (``linear_thresholds``)."""
    from .predict import platt

    if not texts:
        return linear_probs, np.zeros(linear_probs.shape, dtype=bool)
    mix = head["mix"]
    gate = float(mix.get("gate", 0.0))
    probs = np.array(linear_probs, dtype=np.float64)
    chosen = np.zeros(probs.shape, dtype=bool)
    if gate > 0:
        if linear_thresholds is None:
            raise ValueError("a gated paragraph model needs the linear head's thresholds")
        chosen = probs >= linear_thresholds
    run = np.flatnonzero(probs.max(axis=1) >= gate) if gate > 0 else np.arange(len(texts))
    if len(run):
        model = platt(head["tagger"].predict([texts[i] for i in run]).unit, np.asarray(head["para_platt"]))
        weight = float(mix["weight"])
        probs[run] = weight * model + (1 - weight) * probs[run]
        chosen[run] = probs[run] >= float(mix["threshold"])
    return probs, chosen


def load_tagger_head(folder: str | Path | None = None) -> dict[str, Any]:
    """The fine-tuned paragraph model (ONNX + calibration) from ``folder`` (default: the
    shipped models), each file checked against the manifest."""
    from .bundle import SHIPPED_DIR, read_json
    from .encoder import OnnxTagger
    from .manifest import verified

    path = Path(folder) if folder else SHIPPED_DIR
    if not (path / TAGGER_JSON).is_file():
        raise ModelError("no fine-tuned techniques model in the model folder; run `spinscope train --accurate`",
                         source=str(path / TAGGER_JSON))
    head = read_json(verified(path, TAGGER_JSON))
    if not isinstance(head, dict) or not set(head) >= REQUIRED or head["units"] != "paragraph":
        raise ModelError("fine-tuned techniques model parameters incomplete or of an older kind",
                         source=str(path / TAGGER_JSON))
    head["tagger"] = OnnxTagger(verified(path, TAGGER_ONNX), verified(path, TAGGER_TOKENIZER))
    return head
