"""The run's bookkeeping under ``--out``: its settings, the manifest of finished shards,
and the merged errors file.

``batch.json`` holds the settings that fix the shard plan (inputs, shard size,
analyzers); a resumed run must have the same ones. ``manifest.jsonl`` gets one line per
finished shard, appended and flushed to disk after the shard's files are in place; a
torn last line (a kill in the middle of the append) is ignored. A shard counts as done
when it is in the manifest and its Parquet file exists.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ..errors import UsageError
from .worker import ARTICLES_DIR, ERRORS_DIR, shard_name, write_atomic

SETTINGS = "batch.json"
MANIFEST = "manifest.jsonl"
ERRORS = "errors.jsonl"


def prepare(out: Path, settings: dict[str, Any], resume: bool) -> dict[int, dict[str, Any]]:
    """Check ``out`` for this run; return the finished shards (empty unless resuming)."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / SETTINGS
    if path.exists():
        if not resume:
            raise UsageError(f"{out} already holds a batch run; add --resume to continue it or choose another --out")
        previous = json.loads(path.read_text(encoding="utf-8"))
        if previous != settings:
            changed = sorted(k for k in settings if previous.get(k) != settings[k])
            raise UsageError(f"cannot resume {out}: the run was started with other {', '.join(changed)}")
        return finished(out)
    elif any(out.iterdir()):
        raise UsageError(f"{out} is not empty and holds no batch run; choose an empty or new --out")
    text = json.dumps(settings, indent=2)
    write_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return {}


def finished(out: Path) -> dict[int, dict[str, Any]]:
    """Shard index -> its manifest record, for shards whose Parquet file is in place."""
    done: dict[int, dict[str, Any]] = {}
    path = out / MANIFEST
    if not path.exists():
        return done
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue  # a torn last line
        index = int(record["shard"])
        if (out / ARTICLES_DIR / f"{shard_name(index)}.parquet").exists():
            done[index] = record
    return done


def record(out: Path, result: dict[str, Any]) -> None:
    """Append a finished shard to the manifest, on disk before returning."""
    with (out / MANIFEST).open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(result) + "\n")
        fh.flush()
        os.fsync(fh.fileno())


def merge_errors(out: Path) -> int:
    """Rewrite ``errors.jsonl`` from the shards' error files; return the number of errors."""
    parts = sorted((out / ERRORS_DIR).glob("part-*.jsonl")) if (out / ERRORS_DIR).is_dir() else []
    lines = [line for p in parts for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    text = "".join(line + "\n" for line in lines)
    write_atomic(out / ERRORS, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return len(lines)


def write_shard_failure(out: Path, index: int, source: str, reason: str) -> None:
    """The errors file of a shard that failed as a whole (it stays out of the manifest)."""
    line = json.dumps({"source": source, "reason": reason, "code": "shard_failed"}) + "\n"
    write_atomic(out / ERRORS_DIR / f"{shard_name(index)}.jsonl", lambda tmp: tmp.write_text(line, encoding="utf-8"))
