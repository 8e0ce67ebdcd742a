"""Where the persuasion bench scripts put their result: printed as indented JSON, and
written to ``--out`` when given (``bench/results/`` keeps the ones BENCHMARKS.md cites)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def emit(result: dict[str, Any], out: Path | None) -> None:
    text = json.dumps(result, indent=1)
    print(text)
    if out:
        out.write_text(text + "\n")
