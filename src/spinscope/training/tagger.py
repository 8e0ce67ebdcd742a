"""Build the fine-tuned techniques tagger that ``spinscope train --accurate`` ships.

The encoder is fine-tuned (:mod:`.multitask`) on 80% of the training articles; the
paragraph Platt maps, the paragraph thresholds (per technique where the inner split
holds at least ``MIN_POSITIVES`` positive paragraphs, one global threshold otherwise)
and the span decoding rule are fitted on the other 20% (by article, fixed seed), so
nothing a report scores is used to choose them. The model is exported to ONNX
(int8 weights when ``quantize``) beside a JSON file of those parameters.
"""

from __future__ import annotations

import itertools
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from ..analyze.persuasion.predict import platt, pool_paragraphs
from ..analyze.persuasion.tagging import (
    TAGGER_JSON,
    TAGGER_ONNX,
    TAGGER_TOKENIZER,
    DecodeRule,
    TaggedBatch,
    decode_batch,
)
from ..catalog import TECHNIQUES
from ..evaluation import multilabel_scores, span_scores
from ..semeval import SemevalArticle
from . import multitask
from .data import UnitData, technique_units
from .heads import best_threshold, fit_platt

LABELS = list(TECHNIQUES)
MIN_POSITIVES = 12
TAGGER_VERSION = "minilm-tagger-1"
RULE_GRID: dict[str, tuple[float | int | bool, ...]] = {
    "threshold": (0.1, 0.2, 0.3, 0.4, 0.5, 0.6), "gap": (0, 1, 3), "min_chars": (3, 8), "fallback": (True, False),
    "best_only": (True, False),
}


def inner_split(articles: list[SemevalArticle]) -> tuple[list[SemevalArticle], list[SemevalArticle]]:
    """(fit, inner): 20% of the articles, drawn with a fixed seed, kept for calibration."""
    inner = np.random.default_rng(multitask.SEED).random(len(articles)) < 0.2
    return ([a for a, h in zip(articles, inner, strict=True) if not h],
            [a for a, h in zip(articles, inner, strict=True) if h])


def paragraph_gold(data: UnitData, keys: list[tuple[int, int]]) -> np.ndarray:
    row = {k: i for i, k in enumerate(keys)}
    y = np.zeros((len(keys), data.y.shape[1]), dtype=np.int8)
    for i, key in enumerate(zip(data.units.article, data.units.paragraph, strict=True)):
        y[row[key]] |= data.y[i]
    return y


def fit_calibration(data: UnitData, unit: np.ndarray) -> dict[str, Any]:
    """Paragraph Platt maps and thresholds from the inner split's unit scores."""
    keys, pooled = pool_paragraphs(data.units, unit)
    para_y = paragraph_gold(data, keys)
    para_platt = fit_platt(pooled, para_y)
    p = platt(pooled, para_platt)
    glob = best_threshold(p.ravel(), para_y.ravel())
    thresholds = [best_threshold(p[:, j], para_y[:, j]) if para_y[:, j].sum() >= MIN_POSITIVES else glob
                  for j in range(para_y.shape[1])]
    return {"para_platt": para_platt.tolist(), "para_thresholds": thresholds, "global_threshold": glob}


def tagged_scores(arts: list[SemevalArticle], tagged: TaggedBatch) -> dict[str, float]:
    """Paragraph micro-F1 and span F1 (partial overlap, label must match) of a batch."""
    gold_p = {(a.id, pid): labels for a in arts for pid, labels in (a.paragraph_labels or {}).items()}
    pred_p = {(arts[a].id, pid): [LABELS[j] for j in np.flatnonzero(tagged.chosen[r])]
              for r, (a, pid) in enumerate(tagged.paragraph_keys)}
    par = multilabel_scores(gold_p, pred_p, LABELS)
    spans: dict[str, list[Any]] = {a.id: [] for a in arts}
    for a, j, s, e, _ in tagged.spans:
        spans[arts[a].id].append((LABELS[j], s, e))
    sp = span_scores({a.id: [(s.label, s.start, s.end) for s in a.spans or []] for a in arts}, spans)
    return {"paragraph_f1": par.micro.f1, "paragraph_p": par.micro.precision, "paragraph_r": par.micro.recall,
            "span_f1": sp.micro.f1, "span_p": sp.micro.precision, "span_r": sp.micro.recall}


def choose_rule(arts: list[SemevalArticle], data: UnitData, enc: multitask.Encoded, unit: np.ndarray,
                tokens: list[np.ndarray], cal: dict[str, Any]) -> tuple[DecodeRule, float]:
    """The decoding rule with the best span F1 on the inner split."""
    best: tuple[float, DecodeRule] = (-1.0, DecodeRule())
    for thr, gap, min_chars, fallback, best_only in itertools.product(*RULE_GRID.values()):
        rule = DecodeRule(float(thr), int(gap), int(min_chars), bool(fallback), bool(best_only))
        head = dict(cal, rule=rule.__dict__)
        f1 = tagged_scores(arts, decode_batch(data.units, unit, tokens, enc.offsets, head))["span_f1"]
        if f1 > best[0] + 1e-9:
            best = (f1, rule)
    return best[1], best[0]


def export_onnx(model: Any, out_dir: Path, *, quantize: bool = True) -> Path:
    """Export the tagger (dynamo exporter) to ``TAGGER_ONNX``, int8 weights when ``quantize``."""
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


def write_head(out_dir: Path, cal: dict[str, Any], rule: DecodeRule, extra: dict[str, Any]) -> Path:
    head = {"version": TAGGER_VERSION, "labels": LABELS, "para_platt": cal["para_platt"],
            "para_thresholds": [float(t) for t in cal["para_thresholds"]], "rule": rule.__dict__, **extra}
    target = out_dir / TAGGER_JSON
    target.write_text(json.dumps(head, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return target


def fit_tagger_head(articles: list[SemevalArticle], out_dir: Path, *, epochs: int = 2,
                    say: Callable[[str], None] = lambda _m: None) -> list[Path]:
    """Fine-tune on the fit split, calibrate and choose decoding on the inner split,
    export; returns the files written."""
    fit, inner = inner_split(articles)
    tok = multitask.tokenizer()
    fit_data, inner_data = technique_units(fit, LABELS), technique_units(inner, LABELS)
    fit_enc, inner_enc = multitask.encode_units(tok, fit_data, len(LABELS)), multitask.encode_units(tok, inner_data, len(LABELS))
    model = multitask.train(fit_enc, fit_data.y, multitask.TrainConfig(epochs=epochs), say=say)
    unit, tokens = multitask.predict(model, inner_enc)
    cal = fit_calibration(inner_data, unit)
    rule, f1 = choose_rule(inner, inner_data, inner_enc, unit, tokens, cal)
    say(f"decoding rule {rule} (inner span F1 {f1:.3f})")
    onnx_file = export_onnx(model, out_dir)
    head = write_head(out_dir, cal, rule, {"epochs": epochs, "fit_articles": len(fit), "inner_articles": len(inner)})
    return [onnx_file, out_dir / TAGGER_TOKENIZER, head]
