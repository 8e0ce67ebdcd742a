"""The corpus alias table: pairwise precision and recall of the automatic links on hand-labelled
name pairs.

The pairs (tests/data/alias_pairs.tsv: two names, same actor or not, a note) were picked from
the names the entities analyzer finds in the SemEval-2023 English training articles: every
pair a broad net catches (a one-word name and a longer name ending in a similar word, an
acronym and a name with those initials, two names sharing their last word, two names alike
letter by letter), labelled by hand reading the articles where the names occur — "same" when
both names mean the same actor wherever the corpus uses them. A bare surname two people in
the corpus share is labelled with the person it means in the corpus; when it means both, the
pair is "not same".

The bench analyses every English training article with the shipped ``entities`` analyzer,
stores them one by one in a fresh SQLite store (the incremental path the store takes on
ingest), and predicts a pair "same" when both names are linked to one actor. A name the
analyzer never produced is predicted "not same" (a recall loss, counted). It also checks that
linking everything again from scratch (``Store.actors.rebuild``) changes nothing.

    python bench/bench_aliases.py [--shared ../shared] [--cache FILE.json]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from spinscope.model import Article, Entity  # noqa: E402
from spinscope.store import Store, open_store  # noqa: E402
from spinscope.store.aliases import key  # noqa: E402

PAIRS = REPO / "tests" / "data" / "alias_pairs.tsv"


def load_pairs() -> list[tuple[str, str, int, str]]:
    rows = [line.split("\t") for line in PAIRS.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return [(a, b, int(same), note) for a, b, same, note in rows[1:]]


def analysed(shared: Path, cache: Path | None) -> list[dict]:
    """Per English training article: its id and entities (canonical, type, aliases)."""
    if cache is not None and cache.exists():
        return json.loads(cache.read_text(encoding="utf-8"))
    from spinscope.runner import analyze

    folder = shared / "data" / "semeval2023" / "en" / "train-articles-subtask-1"
    articles = [Article(id=f.stem.removeprefix("article"), text=f.read_text(encoding="utf-8")) for f in sorted(folder.glob("article*.txt"))]
    for i in range(0, len(articles), 40):
        analyze(articles[i : i + 40], ["entities"])
    out = [
        {"id": a.id, "entities": [{"canonical": e.canonical, "type": e.type, "aliases": e.aliases} for e in a.entities]}
        for a in articles
    ]
    if cache is not None:
        cache.write_text(json.dumps(out), encoding="utf-8")
    return out


def store_all(docs: list[dict], *, store: Store | None = None, table: bool = True) -> tuple[Store | None, float]:
    """Store every article one by one (CPU seconds); ``table=False`` skips the alias table."""
    from spinscope.store import actors

    register = actors.register
    if not table:
        actors.register = lambda *args, **kwargs: None  # type: ignore[assignment]
    try:
        with tempfile.TemporaryDirectory() as tmp:
            target = store or open_store(Path(tmp) / "plain.db")
            started = time.process_time()
            for d in docs:
                entities = [Entity(e["canonical"], e["type"], [], aliases=list(e["aliases"])) for e in d["entities"]]
                target.add(Article(id=d["id"], text=f"article {d['id']}", outlet="SemEval", entities=entities, models={"entities": "bench"}))
            spent = time.process_time() - started
            if store is None:
                target.close()
    finally:
        actors.register = register
    return store, spent


def score(pairs: list[tuple[str, str, int, str]], heads: dict[str, str]) -> dict[str, float]:
    tp = fp = fn = tn = 0
    for a, b, same, _ in pairs:
        ha, hb = heads.get(key(a)), heads.get(key(b))
        predicted = ha is not None and ha == hb
        tp += predicted and same
        fp += predicted and not same
        fn += same and not predicted
        tn += not same and not predicted
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "tn": tn, "precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--cache", type=Path, default=None, help="keep the analyzer's entities in this JSON file")
    args = parser.parse_args()
    pairs = load_pairs()
    started = time.perf_counter()
    docs = analysed(args.shared, args.cache)
    analysed_s = time.perf_counter() - started
    without_s = store_all(docs, table=False)[1]
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "aliases.db") as store:
        stored_s = store_all(docs, store=store)[1]
        names = sorted({key(n) for a, b, _, _ in pairs for n in (a, b)})
        heads = store.actors.heads(names)
        found = {n for n in names if n in heads}
        relinked = store.actors.rebuild()
        counts = store.actors.count()
        rules = Counter(n["rule"] for a in store.top_actors(limit=500) for n in store.actors.describe(a["canonical"])["names"])
    result = score(pairs, heads)
    kinds = Counter(note.split(":")[0] for _, _, same, note in pairs if same)
    print(f"# {datetime.now():%Y-%m-%d} · {platform.machine()} · {platform.python_version()} · {len(docs)} articles")
    print(f"pairs: {len(pairs)} ({sum(p[2] for p in pairs)} same: {dict(kinds)}), names found by the analyzer: {len(found)}/{len(names)}")
    print(f"store: {counts['n_names']} names -> {counts['n_actors']} actors; a full rebuild then changes {relinked} links")
    print(f"rules among the names of the 500 most named actors: {dict(rules)}")
    print(
        f"precision {result['precision']:.3f}  recall {result['recall']:.3f}  F1 {result['f1']:.3f}  "
        f"(tp {result['tp']}, fp {result['fp']}, fn {result['fn']}, tn {result['tn']})"
    )
    for a, b, same, note in pairs:
        predicted = heads.get(key(a)) is not None and heads.get(key(a)) == heads.get(key(b))
        if predicted != bool(same):
            print(f"  {'FP' if predicted else 'FN'}: {a!r} ~ {b!r} ({note}); heads {heads.get(key(a))!r} / {heads.get(key(b))!r}")
    print(
        f"analysis {analysed_s:.1f} s; storing the {len(docs)} articles one by one: {1000 * stored_s / len(docs):.1f} ms "
        f"CPU per article with the alias table, {1000 * without_s / len(docs):.1f} ms without it (same run)"
    )


if __name__ == "__main__":
    main()
