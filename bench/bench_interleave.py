"""Two ways of running the default pipeline, timed in ONE process with their batches interleaved.

    python bench/bench_interleave.py --data ../shared/data/semeval2023/en/train-articles-subtask-1 \\
        --limit 64 --batch 8

``two``: the analyzers sharing the parse in a second process (``Pipeline.from_names(worker=True)``,
as ``spinscope analyze`` runs on 2 cores); ``one``: the same pipeline in one process (the parse in a
background thread). Both are built first (the second process before anything else loads), warmed
up on a text written here, then the batches of the newest English articles alternate A B B A A B ...
so that both meet the same drift of a shared machine's load; the parse cache is cleared before each
batch (a text is parsed once per configuration). Prints wall seconds and CPU seconds (this process
and the second one) per 6,000 characters for each, their ratio, and the load average; with
``--check`` also whether both wrote the same JSON for every article.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from bench_analyze import _files  # noqa: E402

WARM = "The minister said on Monday that the plan had failed.\n\n" + "Critics called it \"a disaster\", officials said.\n" * 5


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    total = own.ru_utime + own.ru_stime
    for child in multiprocessing.active_children():
        with open(f"/proc/{child.pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=64)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--check", action="store_true", help="compare the two configurations' JSON")
    args = parser.parse_args()
    from spinscope.analyze.attribution import nlp
    from spinscope.analyze.pipeline import DEFAULT_PIPELINE, Pipeline
    from spinscope.ingest import read
    from spinscope.model import Article

    pipelines = {"two": Pipeline.from_names(DEFAULT_PIPELINE, worker=True), "one": Pipeline.from_names(DEFAULT_PIPELINE)}
    for pipeline in pipelines.values():
        pipeline([Article(text=WARM)])
    files = _files(args.data, args.limit)
    batches = [files[i : i + args.batch] for i in range(0, len(files), args.batch)]
    wall = dict.fromkeys(pipelines, 0.0)
    cpu = dict.fromkeys(pipelines, 0.0)
    chars = dict.fromkeys(pipelines, 0)
    out: dict[str, list[str]] = {k: [] for k in pipelines}
    loads = [os.getloadavg()[0]]
    for i, batch in enumerate(batches):
        order = ("two", "one") if i % 2 == 0 else ("one", "two")
        for key in order:
            articles = [a for f in batch for a in read(f)]
            nlp.clear_cache()
            w, c = time.perf_counter(), _cpu()
            pipelines[key](articles)
            wall[key] += time.perf_counter() - w
            cpu[key] += _cpu() - c
            chars[key] += sum(len(a.text) for a in articles)
            out[key] += [json.dumps(a.to_dict(), ensure_ascii=False) for a in articles]
        loads.append(os.getloadavg()[0])
    print(f"{len(files)} articles in batches of {args.batch}, load {min(loads):.1f}-{max(loads):.1f}\n")
    print("| configuration | wall s per 6,000 characters | CPU s per 6,000 characters | articles/s |\n|---|---|---|---|")
    for key in pipelines:
        scale = 6000 / chars[key]
        print(f"| {key} | {wall[key] * scale:.3f} | {cpu[key] * scale:.3f} | {len(out[key]) / wall[key]:.2f} |")
    print(f"\nwall one / two: {wall['one'] / wall['two']:.2f}x")
    if args.check:
        same = sum(a == b for a, b in zip(out["one"], out["two"], strict=True))
        print(f"same JSON: {same} of {len(out['one'])} articles")


if __name__ == "__main__":
    main()
