"""Run time of the "accurate" techniques profile: the fine-tuned MiniLM as int8 ONNX.

Needs only onnxruntime, tokenizers and numpy (no torch). The graph takes token ids
and an attention mask and returns one probability per technique.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ...errors import ModelError

MAX_LEN = 128


class OnnxTagger:
    """Sentence-unit technique probabilities from the int8 ONNX model."""

    def __init__(self, onnx_path: str | Path, tokenizer_path: str | Path, threads: int | None = None) -> None:
        import os

        import onnxruntime as ort
        from tokenizers import Tokenizer

        if not Path(onnx_path).is_file() or not Path(tokenizer_path).is_file():
            raise ModelError("accurate techniques model missing; run `spinscope train --accurate`", source=str(onnx_path))
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or int(os.environ.get("SPINSCOPE_ORT_THREADS", "2"))
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self.tokenizer.enable_truncation(MAX_LEN)
        self.tokenizer.enable_padding()

    def predict(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        n_out = self.session.get_outputs()[0].shape[-1]
        out = np.zeros((len(texts), n_out if isinstance(n_out, int) else 23), dtype=np.float64)
        order = np.argsort([len(t) for t in texts])
        for i in range(0, len(order), batch_size):
            idx = order[i : i + batch_size]
            enc = self.tokenizer.encode_batch([texts[j] for j in idx])
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            (probs,) = self.session.run(None, {"input_ids": ids, "attention_mask": mask})
            out[idx] = probs
        return out
