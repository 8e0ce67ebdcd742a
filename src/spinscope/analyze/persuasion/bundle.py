"""The persuasion model bundle: arrays (``persuasion.npz``) plus JSON
(``persuasion.json``), no pickle. Checked against ``manifest.json`` before loading.

Three heads:

* genre: multinomial logistic regression on the mean multilingual USE embedding of
  the article's first paragraphs plus language-light style features (standardised);
* frames: one-vs-rest logistic regression on TF-IDF words plus the same embedding,
  one global threshold and per-label Platt maps fitted out-of-fold;
* techniques: one-vs-rest logistic regression over sentence units (TF-IDF word and
  character n-grams plus a repetition cue); per-label thresholds, Platt maps and
  span modes fitted out-of-fold.

A TF-IDF vectorizer is stored as its parameters and vocabulary (JSON, terms in column
order) and its idf (array); a linear head as ``coef`` (features, labels) and
``intercept`` arrays.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from ...errors import ModelError
from .manifest import verified

BUNDLE_JSON = "persuasion.json"
BUNDLE_NPZ = "persuasion.npz"
SHIPPED_DIR = Path(__file__).resolve().parent.parent.parent / "resources" / "models"
HEADS = ("genre", "frames", "techniques")
_VECTORIZER_PARAMS = ("analyzer", "ngram_range", "lowercase", "sublinear_tf", "norm", "token_pattern", "use_idf", "smooth_idf")


def _is_vectorizer(value: Any) -> bool:
    return hasattr(value, "vocabulary_") and hasattr(value, "idf_")


def _vectorizer_spec(vec: Any) -> tuple[dict[str, Any], np.ndarray]:
    params = {k: getattr(vec, k) for k in _VECTORIZER_PARAMS}
    params["ngram_range"] = list(params["ngram_range"])
    terms = [""] * len(vec.vocabulary_)
    for term, col in vec.vocabulary_.items():
        terms[col] = term
    return {"params": params, "vocabulary": terms}, np.asarray(vec.idf_, dtype=np.float64)


def _vectorizer(spec: dict[str, Any], idf: np.ndarray) -> Any:
    from .tfidf import Tfidf, supported

    if supported(spec["params"]):  # no scikit-learn import at analysis time (start-up)
        return Tfidf(spec["params"], {t: i for i, t in enumerate(spec["vocabulary"])}, idf)
    from sklearn.feature_extraction.text import TfidfVectorizer

    params = dict(spec["params"])
    params["ngram_range"] = tuple(params["ngram_range"])
    vec = TfidfVectorizer(vocabulary={t: i for i, t in enumerate(spec["vocabulary"])}, **params)
    vec.idf_ = idf
    return vec


def to_arrays(bundle: dict[str, Any]) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """Split a bundle into a JSON-able document and named arrays."""
    doc: dict[str, Any] = {"version": bundle["version"]}
    arrays: dict[str, np.ndarray] = {}
    for name in HEADS:
        part: dict[str, Any] = {}
        for key, value in bundle[name].items():
            if isinstance(value, np.ndarray):
                arrays[f"{name}.{key}"] = value
            elif _is_vectorizer(value):
                part[key], arrays[f"{name}.{key}.idf"] = _vectorizer_spec(value)
                part[key]["vectorizer"] = True
            else:
                part[key] = value
        doc[name] = part
    return doc, arrays


def from_arrays(doc: dict[str, Any], arrays: dict[str, np.ndarray]) -> dict[str, Any]:
    bundle: dict[str, Any] = {"version": doc["version"]}
    for name in HEADS:
        head: dict[str, Any] = {}
        for key, value in doc[name].items():
            if isinstance(value, dict) and value.get("vectorizer"):
                head[key] = _vectorizer(value, arrays[f"{name}.{key}.idf"])
            elif key == "span_modes":
                head[key] = [tuple(m) for m in value]
            else:
                head[key] = value
        prefix = f"{name}."
        for key, arr in arrays.items():
            if key.startswith(prefix) and not key.endswith(".idf"):
                head[key[len(prefix):]] = arr
        bundle[name] = head
    return bundle


def save_bundle(bundle: dict[str, Any], folder: str | Path) -> list[Path]:
    """Write ``persuasion.json`` and ``persuasion.npz`` into ``folder``; byte-identical
    for the same bundle (sorted keys, no timestamps)."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    doc, arrays = to_arrays(bundle)
    (out / BUNDLE_JSON).write_text(json.dumps(doc, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    import io
    import zipfile

    # np.savez_compressed stamps the time into the zip; write the .npy members ourselves
    with zipfile.ZipFile(out / BUNDLE_NPZ, "w", zipfile.ZIP_DEFLATED) as zf:
        for key in sorted(arrays):
            buf = io.BytesIO()
            np.save(buf, arrays[key], allow_pickle=False)
            info = zipfile.ZipInfo(key + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, buf.getvalue())
    return [out / BUNDLE_JSON, out / BUNDLE_NPZ]


def read_json(file: Path) -> Any:
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"unreadable model file: {exc}", source=str(file)) from exc


def read_npz(file: Path) -> dict[str, np.ndarray]:
    try:
        with np.load(file, allow_pickle=False) as data:
            return {k: data[k] for k in data.files}
    except (OSError, ValueError) as exc:
        raise ModelError(f"unreadable model arrays: {exc}", source=str(file)) from exc


def load_bundle(folder: str | Path | None = None) -> dict[str, Any]:
    """Load the model bundle from ``folder`` (default: the models shipped in the package),
    after checking each file against the manifest."""
    path = Path(folder) if folder else SHIPPED_DIR
    if not (path / BUNDLE_JSON).is_file():
        raise ModelError("no persuasion model bundle; run `spinscope train`", source=str(path / BUNDLE_JSON))
    doc = read_json(verified(path, BUNDLE_JSON))
    arrays = read_npz(verified(path, BUNDLE_NPZ))
    if not isinstance(doc, dict) or not set(HEADS) <= set(doc):
        raise ModelError("model bundle lacks genre/frames/techniques heads", source=str(path / BUNDLE_JSON))
    try:
        return from_arrays(doc, arrays)
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"inconsistent model bundle: {exc}", source=str(path / BUNDLE_JSON)) from exc
