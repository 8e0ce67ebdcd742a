"""The genre head at run time: opinion / reporting / satire, with a confidence flag.

Inputs: the hand-made features of :mod:`.genre_features` (and the older style
features of :mod:`.text`), standardised, beside the frozen multilingual USE
embedding of the article's first paragraphs. A multinomial logistic regression
trained with balanced class weights on the six languages gives scores; at
inference they are multiplied by an explicit *news-stream prior* raised to a
``prior_strength`` (0 = none) and renormalised, because a real feed holds far more
reporting than the training set (88% opinion).

Standardised features are clipped to ``[-clip, clip]`` (0 = no clipping), so one
extreme rate in a short or unusual text cannot carry the label on its own.

Two kinds of head (``mode``). ``multinomial``: one regression over the three
genres. ``two-stage``: a binary reporting-vs-opinion regression (column 1 of
``coef``; column 0 unused) and a separate satire-vs-rest regression (column 2); the
scores are ``(1 - s)(1 - r), (1 - s) r, s`` with the prior moving only the
opinion/reporting split, so the satire score is the satire head's own probability.

Satire needs real evidence: it is the label only when its score reaches
``satire_min`` (a two-stage head's bar is fitted inside its training data) and the
body has at least ``satire_min_words`` words (a short text is never called satire);
otherwise the best of the other genres is the label, and the note says satire was
considered.

The low-confidence rule: the label is marked ``confident: false`` with a ``note``
when the text is shorter than ``min_words`` words, the two best scores are less
than ``min_margin`` apart, or satire scored above the other genres but under its
bar. The flag never changes the label; it tells a reader the label is a guess.

Stored as ``genre.json`` (labels, feature names, prior, rule, training facts) and
``genre.npz`` (``mean``, ``scale``, ``coef``, ``intercept``), loaded with
``allow_pickle=False`` after the manifest's SHA-256 check. No pickle.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ...errors import ModelError
from ...model import Genre
from .genre_byline import outlet_genre
from .genre_features import FEATURE_NAMES, genre_features, sentence_embeddings, word_count
from .manifest import verified
from .text import STYLE_NAMES, style_features

GENRE_JSON = "genre.json"
GENRE_NPZ = "genre.npz"
ALL_FEATURES = FEATURE_NAMES + tuple(f"style.{n}" for n in STYLE_NAMES)
_ARRAYS = ("mean", "scale", "coef", "intercept")
EMBEDDINGS = ("paragraphs", "sentences")  # the shared doc embedding, or :func:`sentence_embeddings`
MODES = ("multinomial", "two-stage")


@dataclass
class GenreHead:
    """A trained genre head (arrays + parameters); see the module docstring."""

    labels: tuple[str, ...]
    features: tuple[str, ...]  # names from ALL_FEATURES, in input order
    mean: np.ndarray
    scale: np.ndarray
    emb_weight: float
    coef: np.ndarray  # (len(features) + emb_dim if emb_weight else len(features), len(labels))
    intercept: np.ndarray
    prior: np.ndarray  # news-stream prior, one per label
    prior_strength: float = 1.0
    min_words: int = 120
    min_margin: float = 0.15
    clip: float = 0.0  # standardised features clipped to [-clip, clip]; 0 = none
    satire_min: float = 0.0  # satire is the label only when its score reaches this bar
    embedding: str = "paragraphs"  # one of EMBEDDINGS
    mode: str = "multinomial"  # one of MODES
    satire_min_words: int = 0  # satire is never the label of a body shorter than this
    info: dict[str, Any] = field(default_factory=dict)
    emb_dim: int = 512  # the embedding's width (USE: 512; the bench's e5 variants: 384 or 896)

    def __post_init__(self) -> None:
        n_in = len(self.features) + (self.emb_dim if self.emb_weight else 0)
        problems = [
            unknown for unknown in self.features if unknown not in ALL_FEATURES
        ]
        if problems:
            raise ModelError(f"genre head uses unknown features: {', '.join(problems)}")
        if self.mode not in MODES or (self.mode == "two-stage" and self.labels != ("opinion", "reporting", "satire")):
            raise ModelError(f"genre head: mode {self.mode!r} needs one of {', '.join(MODES)} (two-stage: opinion, reporting, satire)")
        if self.embedding not in EMBEDDINGS:
            raise ModelError(f"genre head: unknown embedding {self.embedding!r}; one of {', '.join(EMBEDDINGS)}")
        shapes = {
            "mean": (self.mean.shape, (len(self.features),)),
            "scale": (self.scale.shape, (len(self.features),)),
            "coef": (self.coef.shape, (n_in, len(self.labels))),
            "intercept": (self.intercept.shape, (len(self.labels),)),
            "prior": (self.prior.shape, (len(self.labels),)),
        }
        for name, (got, want) in shapes.items():
            if got != want:
                raise ModelError(f"genre head: {name} has shape {got}, expected {want}")
        if not np.all(np.isfinite(self.coef)) or np.any(self.scale <= 0) or np.any(self.prior <= 0):
            raise ModelError("genre head: non-finite weights, a non-positive scale or prior")


def feature_matrix(names: tuple[str, ...], docs: list[list[str]]) -> np.ndarray:
    """The named features (see :data:`ALL_FEATURES`) of articles given as paragraph lists."""
    if not docs:
        return np.zeros((0, len(names)), np.float32)
    full = np.vstack([np.concatenate([genre_features(d), style_features(d)]) for d in docs])
    index = {n: i for i, n in enumerate(ALL_FEATURES)}
    return full[:, [index[n] for n in names]]


def design(head: GenreHead, features: np.ndarray, embeddings: np.ndarray) -> np.ndarray:
    """The model input: standardised features, then the weighted embedding."""
    scaled = (features - head.mean) / head.scale
    parts = [np.clip(scaled, -head.clip, head.clip) if head.clip > 0 else scaled]
    if head.emb_weight:
        parts.append(embeddings * head.emb_weight)
    return np.hstack(parts)


def raw_proba(head: GenreHead, x: np.ndarray) -> np.ndarray:
    """Scores before the prior: the softmax of a multinomial head; for a two-stage
    head ``(1 - s)(1 - r), (1 - s) r, s`` from its two sigmoids."""
    z = np.asarray(x @ head.coef, dtype=np.float64) + head.intercept
    if head.mode == "two-stage":
        r, s = 1.0 / (1.0 + np.exp(-z[:, 1])), 1.0 / (1.0 + np.exp(-z[:, 2]))
        return np.stack([(1 - s) * (1 - r), (1 - s) * r, s], axis=1)
    z -= z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def apply_prior(probs: np.ndarray, prior: np.ndarray, strength: float) -> np.ndarray:
    """``probs * prior ** strength``, renormalised per row."""
    adjusted = probs * np.power(prior, strength) + 1e-12
    return adjusted / adjusted.sum(axis=1, keepdims=True)


def head_scores(head: GenreHead, x: np.ndarray) -> np.ndarray:
    """The head's final scores of design rows ``x``: the prior applied to every genre
    (multinomial) or to the opinion/reporting split only (two-stage)."""
    raw = raw_proba(head, x)
    if head.mode != "two-stage":
        return apply_prior(raw, head.prior, head.prior_strength)
    split = apply_prior(raw[:, :2] + 1e-12, head.prior[:2], head.prior_strength)
    return np.hstack([split * (1 - raw[:, 2:]), raw[:, 2:]])


def predict_proba(head: GenreHead, docs: list[list[str]], embeddings: np.ndarray) -> np.ndarray:
    """Prior-adjusted genre scores, columns in ``head.labels`` order. ``embeddings``: the
    shared document embeddings, used when the head reads ``paragraphs``; a ``sentences``
    head computes its own (:func:`.genre_features.sentence_embeddings`)."""
    if not docs:
        return np.zeros((0, len(head.labels)))
    if head.emb_weight and head.embedding == "sentences":
        embeddings = sentence_embeddings(docs)
    return head_scores(head, design(head, feature_matrix(head.features, docs), embeddings))


def choose(labels: tuple[str, ...], probs: np.ndarray, satire_min: float,
           words: np.ndarray | None = None, min_words: int = 0) -> np.ndarray:
    """Label indices of score rows: the best score, except that satire needs
    ``satire_min`` and (when ``words`` are given) a body of ``min_words`` words; a
    two-stage head's satire score needs no plurality, only its bar."""
    probs = np.asarray(probs)
    pred = probs.argmax(axis=1)
    if "satire" not in labels or len(pred) == 0 or (satire_min <= 0 and min_words <= 0):
        return pred
    sat = labels.index("satire")
    others = probs.copy()
    others[:, sat] = -np.inf
    allowed = probs[:, sat] >= satire_min if satire_min > 0 else pred == sat
    if words is not None and min_words > 0:
        allowed &= np.asarray(words) >= min_words
    return np.where(allowed, sat, others.argmax(axis=1))


def confidence_note(scores: dict[str, float], n_words: int, min_words: int, min_margin: float,
                    satire_min: float = 0.0, satire_min_words: int = 0) -> str | None:
    """Why a genre label is not confident (None when it is): a short text, the two
    best scores closer than ``min_margin``, satire scoring best but under its bar, or
    satire over its bar in a text too short to call satire."""
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    reasons = []
    sat = scores.get("satire", 0.0)
    if ranked and ranked[0][0] == "satire" and sat < satire_min:
        reasons.append(f"satire scored {sat:.2f}, under the {satire_min:.2f} that satire needs")
    elif sat >= max(satire_min, 0.5) and n_words < satire_min_words:
        reasons.append(f"satire scored {sat:.2f}, but a text under {satire_min_words} words is never called satire")
    if n_words < min_words:
        reasons.append(f"short text ({n_words} words, under {min_words})")
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < min_margin:
        (a, pa), (b, pb) = ranked[0], ranked[1]
        reasons.append(f"close call ({a} {pa:.2f} vs {b} {pb:.2f})")
    if not reasons:
        return None
    return "low confidence: " + "; ".join(reasons) + "; treat the genre as a guess"


def decide(head: GenreHead, row: np.ndarray, paragraphs: list[str], *, author: str | None = None,
           url: str | None = None) -> Genre:
    """The :class:`Genre` of one article from its score row, with the confidence flag;
    an outlet's own label in ``author`` or ``url`` (:func:`.genre_byline.outlet_genre`)
    is the label, confident, with a note naming it (the scores stay the model's)."""
    scores = {name: float(p) for name, p in zip(head.labels, row, strict=True)}
    n_words = word_count(paragraphs)
    label = head.labels[int(choose(head.labels, row[None, :], head.satire_min, np.array([n_words]), head.satire_min_words)[0])]
    outlet = outlet_genre(author, url)
    if outlet is not None and outlet[0] in head.labels:
        text_alone = "" if outlet[0] == label else f"; the text alone read {label} ({scores[label]:.2f})"
        return Genre(label=outlet[0], scores=scores, confident=True, note=f"the outlet's own label: {outlet[1]}{text_alone}")
    note = confidence_note(scores, n_words, head.min_words, head.min_margin, head.satire_min, head.satire_min_words)
    return Genre(label=label, scores=scores, confident=note is None, note=note)


# --- storage -----------------------------------------------------------------


def save_head(head: GenreHead, folder: str | Path) -> list[Path]:
    """Write ``genre.json`` and ``genre.npz`` into ``folder`` (the manifest is the caller's)."""
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    meta = {
        "labels": list(head.labels), "features": list(head.features), "emb_weight": head.emb_weight,
        "prior": [float(p) for p in head.prior], "prior_strength": head.prior_strength,
        "min_words": head.min_words, "min_margin": head.min_margin, "clip": head.clip,
        "satire_min": head.satire_min, "embedding": head.embedding, "mode": head.mode,
        "satire_min_words": head.satire_min_words, "info": head.info,
        **({"emb_dim": head.emb_dim} if head.emb_dim != 512 else {}),  # USE's width is the default
    }
    (path / GENRE_JSON).write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    arrays: dict[str, Any] = {name: np.asarray(getattr(head, name), np.float64) for name in _ARRAYS}
    with open(path / GENRE_NPZ, "wb") as fh:
        np.savez(fh, **arrays)
    return [path / GENRE_JSON, path / GENRE_NPZ]


def _read_json(file: Path) -> dict[str, Any]:
    try:
        meta = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"unreadable genre parameters: {exc}", source=str(file)) from exc
    need = {"labels", "features", "emb_weight", "prior", "prior_strength", "min_words", "min_margin"}
    if not isinstance(meta, dict) or not need <= set(meta):
        raise ModelError(f"genre parameters lack {sorted(need - set(meta or {}))}", source=str(file))
    return meta


def _read_arrays(file: Path) -> dict[str, np.ndarray]:
    try:
        with np.load(file, allow_pickle=False) as npz:
            arrays = {name: np.asarray(npz[name], np.float64) for name in _ARRAYS}
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as exc:  # not an npz, object arrays, a missing array
        raise ModelError(f"unreadable genre arrays: {exc}", source=str(file)) from exc
    return arrays


def load_head(folder: str | Path, *, check_manifest: bool = True) -> GenreHead:
    """The genre head in ``folder``; ModelError naming the file when it is missing,
    fails the manifest's SHA-256 check, or is malformed."""
    path = Path(folder)
    json_file = verified(path, GENRE_JSON) if check_manifest else path / GENRE_JSON
    npz_file = verified(path, GENRE_NPZ) if check_manifest else path / GENRE_NPZ
    for file in (json_file, npz_file):
        if not file.is_file():
            raise ModelError("model file missing", source=str(file))
    meta = _read_json(json_file)
    arrays: dict[str, Any] = _read_arrays(npz_file)  # coef, intercept, mean, scale
    try:
        return GenreHead(
            labels=tuple(str(x) for x in meta["labels"]), features=tuple(str(x) for x in meta["features"]),
            emb_weight=float(meta["emb_weight"]), prior=np.asarray(meta["prior"], np.float64),
            prior_strength=float(meta["prior_strength"]), min_words=int(meta["min_words"]),
            min_margin=float(meta["min_margin"]), clip=float(meta.get("clip", 0.0)),
            satire_min=float(meta.get("satire_min", 0.0)), embedding=str(meta.get("embedding", "paragraphs")),
            mode=str(meta.get("mode", "multinomial")), satire_min_words=int(meta.get("satire_min_words", 0)),
            info=dict(meta.get("info") or {}), emb_dim=int(meta.get("emb_dim", 512)), **arrays,
        )
    except ModelError as exc:
        raise ModelError(str(exc), source=str(npz_file)) from exc
    except (TypeError, ValueError) as exc:
        raise ModelError(f"malformed genre parameters: {exc}", source=str(json_file)) from exc


def shipped_dir() -> Path:
    """The folder of the models shipped in the package."""
    return Path(__file__).resolve().parent.parent.parent / "resources" / "models"


def has_head(folder: str | Path) -> bool:
    path = Path(folder)
    return (path / GENRE_JSON).is_file() and (path / GENRE_NPZ).is_file()
