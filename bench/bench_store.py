"""Store benchmark: ingest rate, search latency and article-get latency on synthetic articles.

Generates N synthetic articles (pseudo-words, no real text) with techniques, frames,
entities and quotes, then on each backend:

1. ``add`` (the real per-article path, one transaction each) on the first ``--sample``
   articles: rate and per-call p50/p95;
2. ``add_many`` (the bulk path: the same code, ``--batch`` articles per transaction)
   for the rest: rate;
3. ``search``: a mix of full-text and filter queries (page of 20 with total), p50/p95;
4. ``get`` (what the article page loads) and ``history``: p50/p95;
5. the dashboard aggregates once each.

Usage::

    python bench/bench_store.py --backend sqlite --n 100000
    python bench/bench_store.py --backend postgresql --n 100000   # starts its own server
    python bench/bench_store.py --backend postgresql --pg-url postgresql://user@host/db

PostgreSQL is started with its default durability (fsync on); SQLite runs in WAL mode
with ``synchronous=NORMAL`` (the store's settings).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import platform
import random
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "src"))

from spinscope.confidence import thresholds  # noqa: E402
from spinscope.model import Article, Entity, Genre, Label, Mention, Quote, TechniqueSpan  # noqa: E402
from spinscope.store import SearchQuery, Store, open_store  # noqa: E402

TECHNIQUES = [
    "Appeal_to_Authority", "Appeal_to_Fear-Prejudice", "Appeal_to_Hypocrisy", "Appeal_to_Popularity",
    "Appeal_to_Time", "Appeal_to_Values", "Causal_Oversimplification", "Consequential_Oversimplification",
    "Conversation_Killer", "Doubt", "Exaggeration-Minimisation", "False_Dilemma-No_Choice", "Flag_Waving",
    "Guilt_by_Association", "Loaded_Language", "Name_Calling-Labeling", "Obfuscation-Vagueness-Confusion",
    "Questioning_the_Reputation", "Red_Herring", "Repetition", "Slogans", "Straw_Man", "Whataboutism",
]  # fmt: skip
FRAMES = [
    "Economic", "Capacity_and_resources", "Morality", "Fairness_and_equality", "Legality_Constitutionality_and_jurisprudence",
    "Policy_prescription_and_evaluation", "Crime_and_punishment", "Security_and_defense", "Health_and_safety",
    "Quality_of_life", "Cultural_identity", "Public_opinion", "Political", "External_regulation_and_reputation",
]  # fmt: skip
GENRES = ["reporting", "opinion", "satire"]
SYLLABLES = ["ka", "lo", "mi", "ren", "to", "sa", "vel", "dor", "qui", "na", "bre", "ust", "ol", "fen", "ri", "ga"]


class Corpus:
    """A fast deterministic generator of synthetic analysed articles."""

    def __init__(self, seed: int = 7, vocab: int = 5000, actors: int = 800, outlets: int = 25) -> None:
        rng = random.Random(seed)
        words: set[str] = set()
        while len(words) < vocab:
            words.add("".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))))
        self.words = sorted(words)
        # Zipf-like weights so some words are common, most are rare.
        self.weights = [1.0 / (i + 1) for i in range(len(self.words))]
        self.cum = list(_accumulate(self.weights))
        self.actors = [" ".join(w.capitalize() for w in rng.sample(self.words, 2)) for _ in range(actors)]
        self.outlets = [f"Outlet {i:02d}" for i in range(outlets)]
        self.start = datetime(2022, 1, 1, tzinfo=UTC)

    def article(self, i: int) -> Article:
        rng = random.Random(i * 7919 + 13)
        n_words = rng.randint(120, 320)
        body = rng.choices(self.words, cum_weights=self.cum, k=n_words)
        actors = rng.sample(self.actors, rng.randint(1, 4))
        # put actor names into the text so mentions have real offsets
        for k, name in enumerate(actors):
            body.insert(min(len(body), 10 + 40 * k), name)
        title = " ".join(rng.choices(self.words, cum_weights=self.cum, k=6)).capitalize()
        text = f"{title} {i}\n\n" + " ".join(body) + "."
        spans: list[TechniqueSpan] = []
        for _ in range(rng.randint(0, 8)):
            start = rng.randrange(0, len(text) - 30)
            end = start + rng.randint(5, 30)
            voice = "quoted" if rng.random() < 0.3 else "author"
            spans.append(
                TechniqueSpan(rng.choice(TECHNIQUES), start, end, text[start:end], round(rng.random(), 3), voice)
            )
        entities = []
        for name in actors:
            at = text.index(name)
            entities.append(Entity(name, rng.choice(["PERSON", "ORG", "GPE"]), [Mention(at, at + len(name), name)]))
        quotes = []
        for name in actors[: rng.randint(0, 2)]:
            start = rng.randrange(0, len(text) - 60)
            quotes.append(Quote(start, start + 50, text[start : start + 50], "direct", name))
        genre = rng.choices(GENRES, weights=[6, 3, 1])[0]
        return Article(
            text=text,
            title=f"{title} {i}",
            outlet=self.outlets[i % len(self.outlets)],
            published=self.start + timedelta(minutes=rng.randrange(0, 3 * 365 * 24 * 60)),
            language="en",
            genre=Genre(genre, {genre: 0.8}),
            frames=[Label(f, 0.6) for f in rng.sample(FRAMES, rng.randint(1, 3))],
            techniques=spans,
            entities=entities,
            quotes=quotes,
            models={"genre": "bench-1", "frames": "bench-1", "techniques": "bench-1"},
        )

    def articles(self, first: int, last: int) -> Iterator[Article]:
        for i in range(first, last):
            yield self.article(i)


def _accumulate(values: list[float]) -> Iterator[float]:
    total = 0.0
    for v in values:
        total += v
        yield total


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def summary_ms(values: list[float]) -> dict[str, float]:
    ms = [v * 1000 for v in values]
    return {
        "n": len(ms),
        "p50_ms": round(pct(ms, 0.5), 2),
        "p95_ms": round(pct(ms, 0.95), 2),
        "mean_ms": round(statistics.fmean(ms), 2),
    }


def timed(fn: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def _analyze(store: Store) -> None:
    """Refresh planner statistics after the bulk load, as an operator would."""
    from sqlalchemy import text

    if store.dialect == "postgresql":
        with store._engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    else:
        with store._engine.connect() as conn:
            conn.execute(text("ANALYZE"))
            conn.commit()


def queries(corpus: Corpus, rng: random.Random) -> list[tuple[str, SearchQuery]]:
    """The search mix: (kind, query)."""
    common = corpus.words[:50]
    mid = corpus.words[200:1500]
    rare = corpus.words[3000:]
    out: list[tuple[str, SearchQuery]] = []
    for _ in range(25):
        out += [
            ("text: common word", SearchQuery(text=rng.choice(common), limit=20)),
            ("text: mid word", SearchQuery(text=rng.choice(mid), limit=20)),
            ("text: rare word", SearchQuery(text=rng.choice(rare), limit=20)),
            ("text: two words", SearchQuery(text=f"{rng.choice(mid)} {rng.choice(mid)}", limit=20)),
            ("text: prefix", SearchQuery(text=rng.choice(mid)[:4] + "*", limit=20)),
            ("text + outlet", SearchQuery(text=rng.choice(mid), outlet=rng.choice(corpus.outlets), limit=20)),
            ("outlet", SearchQuery(outlet=rng.choice(corpus.outlets), limit=20)),
            ("outlet + technique + month", SearchQuery(
                outlet=rng.choice(corpus.outlets), technique=rng.choice(TECHNIQUES),
                date_from=datetime(2023, 3, 1), date_to=datetime(2023, 3, 31), limit=20)),
            ("technique + voice", SearchQuery(technique=rng.choice(TECHNIQUES), voice="quoted", limit=20)),
            ("frame + genre", SearchQuery(frame=rng.choice(FRAMES), genre="opinion", limit=20)),
            ("entity", SearchQuery(entity=rng.choice(corpus.actors), limit=20)),
            ("newest page 3", SearchQuery(limit=20, offset=40)),
        ]  # fmt: skip
    rng.shuffle(out)
    return out


def run_backend(url: str, args: argparse.Namespace, corpus: Corpus, log: Callable[[str], None]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    t_open = time.perf_counter()
    store = open_store(url)
    result["open_and_migrate_s"] = round(time.perf_counter() - t_open, 3)
    sample = min(args.sample, args.n)

    # 1. the real per-article add path
    per_add: list[float] = []
    t0 = time.perf_counter()
    for article in corpus.articles(0, sample):
        per_add.append(timed(lambda a=article: store.add(a)))
    wall = time.perf_counter() - t0
    result["add"] = {"articles": sample, "per_s": round(sample / wall, 1), **summary_ms(per_add)}
    log(f"add: {result['add']}")

    # 2. the bulk path for the rest
    t0 = time.perf_counter()
    done = sample
    gen_s = 0.0
    while done < args.n:
        g0 = time.perf_counter()
        batch = list(corpus.articles(done, min(args.n, done + args.batch)))
        gen_s += time.perf_counter() - g0
        store.add_many(batch)
        done += len(batch)
        if done % 10000 < args.batch:
            log(f"  bulk {done}/{args.n} ({done / (time.perf_counter() - t0 + 1e-9):.0f}/s incl. generation)")
    wall = time.perf_counter() - t0
    bulk_n = args.n - sample
    if bulk_n:
        result["add_many"] = {
            "articles": bulk_n,
            "batch": args.batch,
            "per_s": round(bulk_n / (wall - gen_s), 1),
            "generation_s": round(gen_s, 1),
        }
        log(f"add_many: {result['add_many']}")
    # re-adding is a skip
    skip: list[float] = [timed(lambda a=a: store.add(a)) for a in corpus.articles(0, min(500, args.n))]
    result["add_skip"] = summary_ms(skip)
    result["count"] = store.count()
    _analyze(store)

    # 3. search
    rng = random.Random(3)
    by_kind: dict[str, list[float]] = {}
    all_times: list[float] = []
    for kind, q in queries(corpus, rng):
        elapsed = timed(lambda q=q: store.search(q))
        by_kind.setdefault(kind, []).append(elapsed)
        all_times.append(elapsed)
    result["search"] = {"all": summary_ms(all_times), **{k: summary_ms(v) for k, v in sorted(by_kind.items())}}
    log(f"search: {result['search']['all']}")

    # 4. article page: get (+ history)
    ids = [store.search(SearchQuery(limit=1, offset=rng.randrange(0, args.n))).items[0].id for _ in range(50)]
    ids += [corpus.article(rng.randrange(0, args.n)).id for _ in range(args.gets - len(ids))]
    result["get"] = summary_ms([timed(lambda i=i: store.get(i)) for i in ids])
    result["get_and_history"] = summary_ms([timed(lambda i=i: (store.get(i), store.history(i))) for i in ids[:200]])
    log(f"get: {result['get']}")

    # 5. dashboards, once each (after one warm-up)
    counting = SearchQuery(thresholds=tuple(sorted(thresholds().items())))
    dash: dict[str, Callable[[], Any]] = {
        "outlets": store.outlets,
        "technique_stats_by_outlet": lambda: store.technique_stats(by="outlet"),
        # as the web UI and API ask: each span counted from its technique's decision threshold
        "technique_stats_by_outlet_thresholds": lambda: store.technique_stats(counting, by="outlet"),
        "technique_stats_by_month_one_outlet": lambda: store.technique_stats(
            SearchQuery(outlet=corpus.outlets[0]), by="month"
        ),
        "technique_stats_by_month_one_outlet_thresholds": lambda: store.technique_stats(
            dataclasses.replace(counting, outlet=corpus.outlets[0]), by="month"
        ),
        "frame_stats_by_outlet": lambda: store.frame_stats(by="outlet"),
        "top_actors": lambda: store.top_actors(limit=20),
        "who_quotes_whom": lambda: store.who_quotes_whom(limit=50),
    }
    result["dashboards_ms"] = {}
    for name, fn in dash.items():
        fn()
        result["dashboards_ms"][name] = round(timed(fn) * 1000, 1)
    log(f"dashboards: {result['dashboards_ms']}")
    store.close()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--n", type=int, default=100_000, help="articles in the corpus (default 100000)")
    parser.add_argument("--sample", type=int, default=2000, help="articles stored with per-article add (default 2000)")
    parser.add_argument("--batch", type=int, default=500, help="articles per add_many transaction (default 500)")
    parser.add_argument("--gets", type=int, default=500, help="article gets to time (default 500)")
    parser.add_argument("--db", help="SQLite file (default: a temporary one)")
    parser.add_argument("--pg-url", help="an empty PostgreSQL database (default: start a throwaway server)")
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args()
    # a plain kill still stops the throwaway PostgreSQL server (finally blocks run)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    def log(message: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    corpus = Corpus()
    g0 = time.perf_counter()
    for _a in corpus.articles(0, 2000):
        pass
    gen_rate = 2000 / (time.perf_counter() - g0)
    log(f"generator: {gen_rate:.0f} articles/s")
    results: dict[str, Any] = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()} {platform.processor() or ''} {_cpus()} CPUs, Python {platform.python_version()}".strip(),
        "n": args.n,
        "generator_per_s": round(gen_rate),
        "command": " ".join(["python", *sys.argv]),
    }
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    with tempfile.TemporaryDirectory(prefix="spinscope-bench-") as tmp:
        for backend in backends:
            log(f"== {backend}")
            if backend == "sqlite":
                path = args.db or str(Path(tmp) / "bench.db")
                results["sqlite"] = run_backend(path, args, corpus, log)
                results["sqlite"]["db_size_mb"] = round(
                    sum(p.stat().st_size for p in Path(path).parent.glob(Path(path).name + "*")) / 1e6, 1
                )
            else:
                results["postgresql"] = _run_pg(args, corpus, log)
    out = json.dumps(results, indent=2)
    print(out)
    if args.json:
        Path(args.json).write_text(out + "\n", encoding="utf-8")
    return 0


def _run_pg(args: argparse.Namespace, corpus: Corpus, log: Callable[[str], None]) -> dict[str, Any]:
    if args.pg_url:
        return run_backend(args.pg_url, args, corpus, log)
    from tests.pg import Server, create_database, find_bin_dir

    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise SystemExit("PostgreSQL binaries not found: install `postgresql` or pass --pg-url")
    server = Server(bin_dir)
    try:
        url = create_database(server.start(durable=True))
        result = run_backend(url, args, corpus, log)
        import psycopg

        with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as conn:
            size = conn.execute("SELECT pg_database_size(current_database())").fetchone()
        result["db_size_mb"] = round(size[0] / 1e6, 1) if size else None
        result["server"] = f"PostgreSQL {bin_dir.parts[-2]} (throwaway, default settings)"
        return result
    finally:
        server.stop()


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 0)


if __name__ == "__main__":
    sys.exit(main())
