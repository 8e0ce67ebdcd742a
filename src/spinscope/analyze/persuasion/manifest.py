"""The model folder's manifest: every shipped file with its SHA-256, the training
data's fingerprint and the library versions it was built with.

A file whose hash differs from the manifest (or that the manifest does not list) is
refused with a :class:`~spinscope.errors.ModelError` naming the file, before any of
it is parsed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

from ...errors import ModelError

MANIFEST_NAME = "manifest.json"
MODEL_SUFFIXES = (".npz", ".json", ".onnx")
LIBRARIES = ("numpy", "scikit-learn", "onnxruntime", "tokenizers", "torch", "transformers")


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def library_versions(names: Iterable[str] = LIBRARIES) -> dict[str, str]:
    """Installed versions of ``names`` (those not installed are left out)."""
    out = {}
    for name in names:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return out


def model_files(folder: Path) -> list[Path]:
    """Every model file of ``folder`` (``*.npz``, ``*.json``, ``*.onnx``) but the manifest."""
    return sorted(p for p in folder.iterdir() if p.suffix in MODEL_SUFFIXES and p.name != MANIFEST_NAME and p.is_file())


def write_manifest(folder: str | Path, info: dict[str, Any] | None = None) -> Path:
    """(Re)write ``folder/manifest.json``: ``info`` (kept from the current manifest when
    None) plus the hash of every model file in the folder and the library versions."""
    path = Path(folder)
    old = read_manifest(path) if (path / MANIFEST_NAME).is_file() else {}
    data = dict(old if info is None else info)
    data["files"] = {p.name: sha256(p) for p in model_files(path)}
    data["libraries"] = library_versions()
    target = path / MANIFEST_NAME
    target.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return target


def read_manifest(folder: Path) -> dict[str, Any]:
    file = folder / MANIFEST_NAME
    if not file.is_file():
        raise ModelError("model folder has no manifest.json; run `spinscope train`", source=str(file))
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"unreadable manifest: {exc}", source=str(file)) from exc
    if not isinstance(data, dict) or not isinstance(data.get("files", {}), dict):
        raise ModelError("manifest.json is not an object with a 'files' table", source=str(file))
    return data


def verified(folder: Path, name: str) -> Path:
    """``folder/name`` once its SHA-256 matches the manifest; ModelError naming the file otherwise."""
    file = folder / name
    expected = read_manifest(folder).get("files", {}).get(name)
    if not file.is_file():
        raise ModelError("model file missing", source=str(file))
    if expected is None:
        raise ModelError("model file not listed in manifest.json", source=str(file))
    if sha256(file) != expected:
        raise ModelError("model file does not match its SHA-256 in manifest.json (corrupt or altered)", source=str(file))
    return file


def fingerprint(items: Iterable[tuple[str, str, str]]) -> str:
    """SHA-256 over (language, id, text + labels) of the training articles, in sorted order."""
    digest = hashlib.sha256()
    for lang, ident, payload in sorted(items):
        digest.update(f"{lang}\0{ident}\0".encode())
        digest.update(hashlib.sha256(payload.encode("utf-8")).digest())
    return digest.hexdigest()
