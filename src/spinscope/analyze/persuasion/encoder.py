"""Run time of the fine-tuned techniques tagger: MiniLM with a unit head and a token
head, exported to ONNX and run by onnxruntime (no torch).

The graph takes word-piece ids and an attention mask and returns, per unit, one
probability per technique (``unit``) and, per word piece, one probability per
technique (``token``). Units of many articles are batched together, sorted by
length so batches carry little padding.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ...errors import ModelError

MAX_LEN = 128


def default_threads() -> int:
    """``SPINSCOPE_ORT_THREADS`` or the cores this process may use (at most 8)."""
    if os.environ.get("SPINSCOPE_ORT_THREADS", "").strip().isdigit():
        return max(1, int(os.environ["SPINSCOPE_ORT_THREADS"]))
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return max(1, min(8, cores))


def blas_threads() -> int:
    """BLAS threads of the numpy sentence encoder: ``SPINSCOPE_BLAS_THREADS`` or 1.

    One, because OpenBLAS threads spin while they wait: on 2 cores shared with other work,
    2 threads took 9.6 s wall (3.5 s CPU) for 150 paragraphs where 1 thread took 0.8 s wall
    (0.4 s CPU); the encoder's micro-batches (384 word pieces) are too small to gain from a
    second thread anyway. Use both cores with two processes (``spinscope batch --workers 2``).
    """
    value = os.environ.get("SPINSCOPE_BLAS_THREADS", "").strip()
    return max(1, int(value)) if value.isdigit() else 1


@dataclass
class TaggerOutput:
    unit: np.ndarray  # (n_units, L)
    token: list[np.ndarray]  # per unit (n_pieces, L)
    offsets: list[list[tuple[int, int]]]  # per unit, per piece: character offsets in the unit ((0, 0) for specials)


class OnnxTagger:
    """Unit and token technique probabilities from the ONNX tagger."""

    def __init__(self, onnx_path: str | Path, tokenizer_path: str | Path, threads: int | None = None,
                 max_len: int = MAX_LEN) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        if not Path(onnx_path).is_file() or not Path(tokenizer_path).is_file():
            raise ModelError("techniques tagger missing; run `spinscope train --accurate`", source=str(onnx_path))
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or default_threads()
        options.inter_op_num_threads = 1
        # threads that spin while waiting steal the core from the rest of a shared machine
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        try:
            self.session = ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
            self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        except Exception as exc:  # onnxruntime/tokenizers raise their own types
            raise ModelError(f"cannot load the techniques tagger: {exc}", source=str(onnx_path)) from exc
        self.tokenizer.enable_truncation(max_len)
        self.tokenizer.no_padding()

    def predict(self, texts: list[str], batch_size: int = 32) -> TaggerOutput:
        encodings = self.tokenizer.encode_batch(texts) if texts else []
        n_labels = 0
        unit: np.ndarray | None = None
        token: list[np.ndarray] = [np.zeros((0, 0), np.float32)] * len(texts)
        order = np.argsort([len(e.ids) for e in encodings], kind="stable")
        for i in range(0, len(order), batch_size):
            idx = order[i : i + batch_size]
            width = max(len(encodings[j].ids) for j in idx)
            ids = np.zeros((len(idx), width), dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for r, j in enumerate(idx):
                n = len(encodings[j].ids)
                ids[r, :n], mask[r, :n] = encodings[j].ids, 1
            probs, pieces = self.session.run(None, {"input_ids": ids, "attention_mask": mask})
            if unit is None:
                n_labels = probs.shape[1]
                unit = np.zeros((len(texts), n_labels), dtype=np.float64)
            unit[idx] = probs
            for r, j in enumerate(idx):
                token[j] = pieces[r, : len(encodings[j].ids)]
        offsets = [[(a, b) if not s else (0, 0) for (a, b), s in zip(e.offsets, e.special_tokens_mask, strict=True)]
                   for e in encodings]
        if unit is None:
            unit = np.zeros((0, n_labels))
        return TaggerOutput(unit, token, offsets)
