"""Build the fine-tuned paragraph model that ``spinscope train --accurate`` ships.

all-MiniLM-L6-v2 is fine-tuned (:mod:`.multitask`, unit head only) on the paragraphs
of 80% of the training articles, labelled with their paragraph techniques. On the
other 20% (by article, fixed seed), which neither model trained on, the recipe fits
the Platt maps, then chooses the weight of the model against the linear head (trained
on the same 80%) and one threshold for the mix. The model is exported to ONNX (int8
weights when ``quantize``) beside a JSON file of those parameters; at analysis time
:mod:`spinscope.analyze.persuasion.tagging` applies them.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from ..analyze.persuasion.predict import platt, predict_techniques
from ..analyze.persuasion.tagging import TAGGER_JSON, TAGGER_ONNX, TAGGER_TOKENIZER, paragraph_decisions
from ..catalog import TECHNIQUES
from ..semeval import SemevalArticle
from . import multitask
from .data import UnitData, paragraph_units, technique_units
from .heads import best_threshold, fit_platt, fit_techniques

LABELS = list(TECHNIQUES)
TAGGER_VERSION = "minilm-paragraphs-1"
WEIGHTS = (0.0, 0.25, 0.5, 0.75, 1.0)


def inner_split(articles: list[SemevalArticle]) -> tuple[list[SemevalArticle], list[SemevalArticle]]:
    """(fit, inner): 20% of the articles, drawn with a fixed seed, kept for calibration."""
    inner = np.random.default_rng(multitask.SEED).random(len(articles)) < 0.2
    return ([a for a, h in zip(articles, inner, strict=True) if not h],
            [a for a, h in zip(articles, inner, strict=True) if h])


def linear_paragraph_probs(linear: dict[str, Any], articles: list[SemevalArticle], paragraphs: UnitData) -> np.ndarray:
    """The linear head's calibrated probabilities of the paragraphs of ``paragraphs``
    (same order; a paragraph without sentence units gets zeros)."""
    pred = predict_techniques(linear, technique_units(articles, LABELS).units)
    row = {k: i for i, k in enumerate(pred.paragraph_keys)}
    keys = zip(paragraphs.units.article, paragraphs.units.paragraph, strict=True)
    return np.vstack([pred.paragraph_probs[row[k]] if k in row else np.zeros(len(LABELS)) for k in keys])


def micro_f1(probs: np.ndarray, y: np.ndarray, threshold: float) -> float:
    pred = probs >= threshold
    return 2 * float((pred & (y == 1)).sum()) / max(1.0, float(pred.sum() + y.sum()))


def calibrate(raw: np.ndarray, linear: np.ndarray, y: np.ndarray,
              linear_thresholds: np.ndarray | None = None) -> dict[str, Any]:
    """Platt maps of the model's paragraph scores, then the mixing weight and its
    threshold with the best paragraph micro-F1, all on the same inner paragraphs; with
    ``linear_thresholds`` (the linear head's own), also the gate (:func:`choose_gate`)."""
    para_platt = fit_platt(raw, y)
    model = platt(raw, para_platt)
    best: tuple[float, float, float] = (-1.0, 1.0, 0.5)
    for weight in WEIGHTS:
        mixed = weight * model + (1 - weight) * linear
        threshold = best_threshold(mixed.ravel(), y.ravel())
        f1 = micro_f1(mixed, y, threshold)
        if f1 > best[0] + 1e-9:
            best = (f1, weight, threshold)
    out = {"para_platt": para_platt.tolist(), "mix": {"weight": best[1], "threshold": best[2], "inner_f1": best[0]}}
    if linear_thresholds is not None:
        out["mix"].update(choose_gate(raw, linear, y, out, linear_thresholds))
    return out


GATES = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3)
GATE_TOLERANCE = 0.005


def choose_gate(raw: np.ndarray, linear: np.ndarray, y: np.ndarray, calibration: dict[str, Any],
                linear_thresholds: np.ndarray) -> dict[str, float]:
    """The highest gate (:func:`spinscope.analyze.persuasion.tagging.paragraph_decisions`)
    whose paragraph micro-F1 on these inner paragraphs stays within ``GATE_TOLERANCE`` of
    sending every paragraph through the model, with that F1 and the share encoded."""
    table = {"gate": 0.0, "gate_inner_f1": float(calibration["mix"]["inner_f1"]), "gate_encoded": 1.0}
    texts = [str(i) for i in range(len(raw))]

    class Saved:  # the model's inner scores, looked up by row
        def predict(self, rows: list[str]) -> Any:
            from types import SimpleNamespace

            return SimpleNamespace(unit=raw[[int(r) for r in rows]])

    head = {**calibration, "tagger": Saved()}
    full = None
    for gate in GATES:
        head["mix"] = {**calibration["mix"], "gate": gate}
        _, chosen = paragraph_decisions(head, texts, linear, linear_thresholds)
        f1 = micro_f1(chosen.astype(float), y, 0.5)
        full = f1 if full is None else full
        if f1 >= full - GATE_TOLERANCE:
            encoded = float((linear.max(axis=1) >= gate).mean()) if gate > 0 else 1.0
            table = {"gate": gate, "gate_inner_f1": f1, "gate_encoded": encoded}
    return table


def recalibrate(folder: Path, articles: list[SemevalArticle], say: Callable[[str], None] = lambda _m: None) -> Path:
    """Refit the mix of an exported paragraph model (``folder``) with the linear recipe as it
    is now: the linear head is refitted on the model's fit split, the Platt maps, weight,
    threshold and gate on its inner split (the same seeded split as at fine-tuning time)."""
    from ..analyze.persuasion.tagging import load_tagger_head

    labelled = [a for a in articles if a.language == "en" and a.paragraph_labels is not None]
    fit, inner = inner_split(labelled)
    head = load_tagger_head(folder)
    if (head.get("fit_articles"), head.get("inner_articles")) != (len(fit), len(inner)):
        raise ValueError(f"the model in {folder} was fitted on another split ({head.get('fit_articles')} + "
                         f"{head.get('inner_articles')} articles, here {len(fit)} + {len(inner)})")
    inner_data = paragraph_units(inner, LABELS)
    raw = head["tagger"].predict(inner_data.units.text).unit
    say(f"refitting the linear recipe on {len(fit)} articles")
    units = technique_units(fit, LABELS)
    linear = fit_techniques(units.units, units.y, units.groups, LABELS)
    calibration = calibrate(raw, linear_paragraph_probs(linear, inner, inner_data), inner_data.y,
                            np.asarray(linear["para_thresholds"]))
    say(f"mix: {calibration['mix']}")
    keep = {k: v for k, v in head.items() if k not in ("tagger", "para_platt", "mix", "version", "units", "labels")}
    return write_head(folder, calibration, keep)


def export_onnx(model: Any, out_dir: Path, *, quantize: bool = True) -> Path:
    """Export the model (dynamo exporter) to ``TAGGER_ONNX``, int8 weights when ``quantize``."""
    import onnx
    import torch

    out_dir.mkdir(parents=True, exist_ok=True)
    work = out_dir / "tagger-export"
    work.mkdir(exist_ok=True)
    ids = torch.ones((2, 16), dtype=torch.int64)
    mask = torch.ones((2, 16), dtype=torch.int64)
    batch, seq = torch.export.Dim("batch"), torch.export.Dim("seq", max=512)
    torch.onnx.export(model, (ids, mask), str(work / "fp32.onnx"), dynamo=True, input_names=["input_ids", "attention_mask"],
                      output_names=["unit", "token"],
                      dynamic_shapes={"input_ids": {0: batch, 1: seq}, "attention_mask": {0: batch, 1: seq}})
    graph = onnx.load(str(work / "fp32.onnx"))  # pulls in external weights
    del graph.graph.value_info[:]  # the exporter's shape annotations trip the quantiser
    target = out_dir / TAGGER_ONNX
    if quantize:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        onnx.save(graph, str(work / "clean.onnx"))
        quantize_dynamic(str(work / "clean.onnx"), str(target), weight_type=QuantType.QInt8)
    else:
        onnx.save(graph, str(target))
    shutil.rmtree(work)
    shutil.copy(multitask.minilm_path() / "tokenizer.json", out_dir / TAGGER_TOKENIZER)
    return target


def write_head(out_dir: Path, calibration: dict[str, Any], extra: dict[str, Any]) -> Path:
    head = {"version": TAGGER_VERSION, "units": "paragraph", "labels": LABELS, **calibration, **extra}
    target = out_dir / TAGGER_JSON
    target.write_text(json.dumps(head, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return target


def fit_tagger_head(articles: list[SemevalArticle], out_dir: Path, *, epochs: int = 2, quick: bool = False,
                    say: Callable[[str], None] = lambda _m: None) -> list[Path]:
    """Fine-tune on the fit split's paragraphs, calibrate and mix on the inner split,
    export; returns the files written."""
    fit, inner = inner_split(articles)
    tok = multitask.tokenizer()
    fit_data, inner_data = paragraph_units(fit, LABELS), paragraph_units(inner, LABELS)
    config = multitask.TrainConfig(epochs=epochs, token_loss_weight=0.0)
    model = multitask.train(multitask.encode_units(tok, fit_data, len(LABELS)), fit_data.y, config, say=say)
    raw, _ = multitask.predict(model, multitask.encode_units(tok, inner_data, len(LABELS)))
    return finish_tagger(model, raw, fit, inner, out_dir, epochs=epochs, quick=quick, say=say)


def finish_tagger(model: Any, raw_inner: np.ndarray, fit: list[SemevalArticle], inner: list[SemevalArticle],
                  out_dir: Path, *, epochs: int, quick: bool = False,
                  say: Callable[[str], None] = lambda _m: None) -> list[Path]:
    """Calibrate a fine-tuned model (``raw_inner``: its scores of the inner paragraphs)
    and its mix with a linear head trained on ``fit``, export; returns the files written."""
    inner_data = paragraph_units(inner, LABELS)
    units = technique_units(fit, LABELS)
    linear = fit_techniques(units.units, units.y, units.groups, LABELS, folds=2 if quick else 3, quick=quick)
    calibration = calibrate(raw_inner.astype(np.float64), linear_paragraph_probs(linear, inner, inner_data),
                            inner_data.y, np.asarray(linear["para_thresholds"]))
    say(f"mix with the linear head: {calibration['mix']}")
    onnx_file = export_onnx(model, out_dir)
    head = write_head(out_dir, calibration, {"epochs": epochs, "fit_articles": len(fit), "inner_articles": len(inner)})
    return [onnx_file, out_dir / TAGGER_TOKENIZER, head]
