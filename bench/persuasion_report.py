"""Format bench/results/persuasion_cv.json as the Markdown tables of BENCHMARKS.md.

    python bench/persuasion_report.py bench/results/persuasion_cv.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROWS = [
    ("genre_macro_f1", "genre macro-F1"),
    ("frames_micro_f1", "frames micro-F1"),
    ("techniques_micro_f1", "techniques micro-F1 (paragraph)"),
    ("techniques_macro_f1", "techniques macro-F1 (paragraph)"),
    ("span_f1", "technique spans F1 (partial overlap)"),
]


def _cell(values: list[float] | None) -> str:
    return f"{values[0]:.3f} ± {values[1]:.3f}" if values else "n/a"


def render(result: dict) -> str:
    lines = ["| metric | majority | TF-IDF + linear | spinscope |", "|---|---|---|---|"]
    for key, title in ROWS:
        lines.append(
            f"| {title} | {_cell(result['majority'].get(key))} | {_cell(result['tfidf_linear'].get(key))} | "
            f"**{_cell(result['model'].get(key))}** |"
        )
    lines += ["", "Per-label F1 (paragraph techniques / spans), mean over folds:", "",
              "| technique | paragraph F1 | span F1 |", "|---|---|---|"]
    spans = result.get("per_label_spans", {})
    for name, f1 in sorted(result["per_label_techniques"].items(), key=lambda kv: -kv[1]):
        lines.append(f"| {name} | {f1:.3f} | {spans.get(name, 0.0):.3f} |")
    for name in ("technique", "frame", "genre"):
        rel = result.get(f"{name}_reliability")
        if not rel:
            continue
        lines += ["", f"Reliability, {name} scores (ECE {rel['ece']:.3f}):", "",
                  "| score bin | items | mean score | observed rate |", "|---|---|---|---|"]
        for lo, hi, count, mean, rate in rel["bins"]:
            lines.append(f"| {lo:.1f}-{hi:.1f} | {count} | {mean:.3f} | {rate:.3f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(render(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))))
