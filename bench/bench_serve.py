"""Web benchmark: page latency (p50/p95) of ``spinscope serve`` over real HTTP.

Fills a store with synthetic analysed articles (the generator of ``bench_store.py``),
starts the real server (``python -m spinscope serve``) on 127.0.0.1 and times, one
request at a time: the article page (HTML and JSON), search pages (full text and
filters), the dashboard, an outlet profile and compare.

With ``--clients N`` it measures under load instead: N concurrent clients (asyncio)
request article and search pages for ``--duration`` seconds while another process
ingests (stores new articles one transaction each), and reports p50/p95/p99 and errors
per page kind; the same run times the one-at-a-time baseline first, so the ratio holds
on a noisy machine.

Usage::

    python bench/bench_serve.py --n 1000 --clients 100 --duration 30        # the load test
    python bench/bench_serve.py --backend sqlite --n 100000
    python bench/bench_serve.py --backend postgresql --n 100000   # starts its own server
    python bench/bench_serve.py --db corpus.db --n 100000          # reuse / top up a SQLite file
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

import httpx  # noqa: E402
from tests.serve_support import free_port  # noqa: E402

from bench_store import TECHNIQUES, Corpus, pct, summary_ms  # noqa: E402
from spinscope.store import open_store  # noqa: E402


def fill(url: str, corpus: Corpus, n: int, batch: int, log: Callable[[str], None]) -> float:
    """Make the store hold articles 0..n-1; return seconds spent."""
    t0 = time.perf_counter()
    with open_store(url) as store:
        have = store.count()
        for first in range(have, n, batch):
            store.add_many(corpus.articles(first, min(n, first + batch)))
            if (first // batch) % 20 == 0:
                log(f"  stored {min(n, first + batch)}/{n}")
    return time.perf_counter() - t0


def serve(url: str, src: str | None = None) -> tuple[subprocess.Popen[bytes], str]:
    """``spinscope serve`` in a subprocess (from ``src``, another checkout's ``src/``, when given)."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": src} if src else None
    proc = subprocess.Popen(
        [sys.executable, "-m", "spinscope", "serve", "--db", url, "--port", str(port), "--log-level", "warning"],
        cwd=src or REPO,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                return proc, base
        except httpx.TransportError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("server did not start")


def measure(base: str, corpus: Corpus, n: int, requests: int, log: Callable[[str], None]) -> dict[str, Any]:
    rng = random.Random(5)
    ids = [corpus.article(rng.randrange(n)).id for _ in range(requests)]
    words = corpus.words[:200]
    kinds: dict[str, Callable[[int], str]] = {
        "article_page": lambda i: f"/articles/{ids[i]}",
        "article_json": lambda i: f"/api/articles/{ids[i]}",
        "search_text": lambda i: f"/search?q={rng.choice(words)}",
        "search_filters": lambda i: (
            f"/search?outlet={corpus.outlets[i % len(corpus.outlets)]}&technique={rng.choice(TECHNIQUES)}"
        ),
        "api_search": lambda i: f"/api/articles?q={rng.choice(words)}&limit=20",
        "outlet_page": lambda i: f"/outlets/{corpus.outlets[i % len(corpus.outlets)]}",
        "compare": lambda i: f"/compare?a={ids[i]}&b={ids[-1 - i]}",
        "dashboard": lambda i: "/dashboard",
    }
    out: dict[str, Any] = {}
    with httpx.Client(base_url=base, timeout=120) as http:
        for kind, path in kinds.items():
            count = requests if kind not in ("dashboard", "outlet_page") else max(5, requests // 20)
            t0 = time.perf_counter()
            http.get(path(0))  # the first request (cold caches, aggregates computed)
            first_ms = round(1000 * (time.perf_counter() - t0), 1)
            times = []
            for i in range(count):
                t0 = time.perf_counter()
                r = http.get(path(i))
                times.append(time.perf_counter() - t0)
                if r.status_code != 200:
                    raise SystemExit(f"{kind}: {path(i)} -> {r.status_code} {r.text[:200]}")
            out[kind] = {"requests": count, "first_ms": first_ms, **summary_ms(times)}
            log(f"{kind}: {out[kind]}")
    return out


WRITER = """
import sys, time
sys.path[:0] = sys.argv[3:]
from bench_store import Corpus
from spinscope.store import open_store
corpus, first = Corpus(), int(sys.argv[2])
with open_store(sys.argv[1]) as store:
    i = first
    while True:  # until killed: one article per transaction, like `spinscope ingest`
        store.add(corpus.article(i))
        i += 1
        print(i - first, flush=True)
"""


def _load_kinds(corpus: Corpus, n: int, hot: int = 0) -> dict[str, Callable[[random.Random], str]]:
    """Page kinds of the load test; with ``hot``, clients pick among only that many articles,
    words and filter pairs (popular pages), else among all articles and 200 words."""
    words = corpus.words[: hot or 200]
    ids = [corpus.article(i).id for i in range(hot)] if hot else None
    pairs = [(o, t) for o in corpus.outlets for t in TECHNIQUES]
    pairs = random.Random(3).sample(pairs, hot) if hot else pairs

    def article(rng: random.Random) -> str:
        return f"/articles/{rng.choice(ids) if ids else corpus.article(rng.randrange(n)).id}"

    def filters(rng: random.Random) -> str:
        outlet, technique = rng.choice(pairs)
        return f"/search?outlet={outlet}&technique={technique}"

    return {
        "article_page": article,
        "search_text": lambda rng: f"/search?q={rng.choice(words)}",
        "search_filters": filters,
    }


async def _clients(base: str, kinds: dict[str, Callable[[random.Random], str]], clients: int, duration: float):
    import asyncio

    times: dict[str, list[float]] = {k: [] for k in kinds}
    errors: dict[str, int] = dict.fromkeys(kinds, 0)
    problems: dict[str, int] = {}
    stop = time.monotonic() + duration
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client(i: int, http: httpx.AsyncClient) -> None:
        rng = random.Random(i)
        names = list(kinds)
        while time.monotonic() < stop:
            kind = rng.choice(names)
            t0 = time.perf_counter()
            try:
                status = (await http.get(kinds[kind](rng))).status_code
                problem = None if status == 200 else f"HTTP {status}"
            except httpx.HTTPError as exc:
                problem = type(exc).__name__
            times[kind].append(time.perf_counter() - t0)
            if problem:
                errors[kind] += 1
                problems[problem] = problems.get(problem, 0) + 1

    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as http:
        await asyncio.gather(*(client(i, http) for i in range(clients)))
    return times, errors, problems


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load(
    url: str, base: str, pid: int, corpus: Corpus, args: argparse.Namespace, log: Callable[[str], None]
) -> dict[str, Any]:
    """Latency of article and search pages under ``args.clients`` concurrent clients and a writer."""
    import asyncio

    kinds = _load_kinds(corpus, args.n, args.hot)
    rng = random.Random(1)
    cpu0 = cpu_seconds(pid)
    with httpx.Client(base_url=base, timeout=60) as http:  # one at a time: the baseline of this run
        single: dict[str, Any] = {
            k: summary_ms([_timed_get(http, make(rng)) for _ in range(30)]) for k, make in kinds.items()
        }
    single["server_cpu_ms_per_request"] = round(1000 * (cpu_seconds(pid) - cpu0) / (30 * len(kinds)), 2)
    log(f"one client: {single}")
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, url, str(args.n + 10_000_000), str(REPO / "bench"), str(REPO / "src")],
        stdout=subprocess.PIPE,
        text=True,
    )
    cpu0 = cpu_seconds(pid)
    try:
        times, errors, problems = asyncio.run(_clients(base, kinds, args.clients, args.duration))
    finally:
        writer.kill()
        out, _ = writer.communicate()
    written = int(out.split()[-1]) if out.split() else 0
    served = sum(len(v) for v in times.values())
    cpu_ms = round(1000 * (cpu_seconds(pid) - cpu0) / max(1, served), 2)
    loaded = {
        k: {**summary_ms(v), "p99_ms": round(pct([t * 1000 for t in v], 0.99), 2), "errors": errors[k]}
        for k, v in times.items()
    }
    log(
        f"{args.clients} clients + writer ({written} articles written, {served} requests, "
        f"{cpu_ms} ms server CPU each): {loaded} errors: {problems}"
    )
    return {
        "clients": args.clients,
        "hot": args.hot,
        "duration_s": args.duration,
        "written_during": written,
        "requests": served,
        "server_cpu_ms_per_request": cpu_ms,
        "one_client": single,
        "loaded": loaded,
        "errors": problems,
    }


def _timed_get(http: httpx.Client, path: str) -> float:
    t0 = time.perf_counter()
    r = http.get(path)
    if r.status_code != 200:
        raise SystemExit(f"{path} -> {r.status_code} {r.text[:200]}")
    return time.perf_counter() - t0


def run(url: str, args: argparse.Namespace, corpus: Corpus, log: Callable[[str], None]) -> dict[str, Any]:
    fill_s = fill(url, corpus, args.n, args.batch, log)
    proc, base = serve(url, args.server_src)
    if args.settle:
        log(f"letting the server warm its statistics cache for {args.settle} s")
        time.sleep(args.settle)
    try:
        if args.clients:
            return {"fill_s": round(fill_s, 1), "load": load(url, base, proc.pid, corpus, args, log)}
        return {"fill_s": round(fill_s, 1), "pages": measure(base, corpus, args.n, args.requests, log)}
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="sqlite")
    parser.add_argument("--n", type=int, default=100_000, help="articles in the corpus (default 100000)")
    parser.add_argument("--batch", type=int, default=1000, help="articles per add_many transaction")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per page kind (default 200)")
    parser.add_argument("--db", help="SQLite file to fill or reuse (default: a temporary one)")
    parser.add_argument("--pg-url", help="a PostgreSQL database (default: start a throwaway server)")
    parser.add_argument("--settle", type=float, default=0, help="seconds to wait after start-up (cache warm-up)")
    parser.add_argument("--clients", type=int, default=0, help="concurrent clients: measure under load (with a writer)")
    parser.add_argument("--server-src", help="run the server from this src/ folder (an older version, to compare)")
    parser.add_argument("--hot", type=int, default=0, help="load test: clients pick among only this many pages")
    parser.add_argument("--duration", type=float, default=30, help="seconds of load (default 30)")
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args()

    def log(message: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    corpus = Corpus()
    results: dict[str, Any] = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()} Python {platform.python_version()}",
        "n": args.n,
        "command": " ".join(["python", *sys.argv]),
    }
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    with tempfile.TemporaryDirectory(prefix="spinscope-bench-serve-") as tmp:
        for backend in backends:
            log(f"== {backend}")
            if backend == "sqlite":
                results["sqlite"] = run(args.db or str(Path(tmp) / "bench.db"), args, corpus, log)
            elif args.pg_url:
                results["postgresql"] = run(args.pg_url, args, corpus, log)
            else:
                from tests.pg import Server, create_database, find_bin_dir

                bin_dir = find_bin_dir()
                if bin_dir is None:
                    raise SystemExit("PostgreSQL binaries not found: install `postgresql` or pass --pg-url")
                server = Server(bin_dir)
                try:
                    results["postgresql"] = run(create_database(server.start(durable=True)), args, corpus, log)
                finally:
                    server.stop()
    text = json.dumps(results, indent=2)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
