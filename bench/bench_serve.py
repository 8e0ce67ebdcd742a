"""Web benchmark: page latency (p50/p95) of ``spinscope serve`` over real HTTP.

Fills a store with synthetic analysed articles (the generator of ``bench_store.py``),
starts the real server (``python -m spinscope serve``) on 127.0.0.1 and times, one
request at a time: the article page (HTML and JSON), search pages (full text and
filters), the dashboard, an outlet profile and compare.

Usage::

    python bench/bench_serve.py --backend sqlite --n 100000
    python bench/bench_serve.py --backend postgresql --n 100000   # starts its own server
    python bench/bench_serve.py --db corpus.db --n 100000          # reuse / top up a SQLite file
"""

from __future__ import annotations

import argparse
import json
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
from tests.test_serve_support import free_port  # noqa: E402

from bench_store import TECHNIQUES, Corpus, summary_ms  # noqa: E402
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


def serve(url: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "spinscope", "serve", "--db", url, "--port", str(port), "--log-level", "warning"],
        cwd=REPO,
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


def run(url: str, args: argparse.Namespace, corpus: Corpus, log: Callable[[str], None]) -> dict[str, Any]:
    fill_s = fill(url, corpus, args.n, args.batch, log)
    proc, base = serve(url)
    if args.settle:
        log(f"letting the server warm its statistics cache for {args.settle} s")
        time.sleep(args.settle)
    try:
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
