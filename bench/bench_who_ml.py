"""Benchmark of "who says what" beyond English: entities, quotes and dates per language.

Scores the entities, quotes and dates analyzers (the path ``spinscope analyze`` takes for
an article whose language is fr, de/ge, it, pl/po or ru) on the hand-made gold set in
src/spinscope/resources/gold/languages (4 SemEval articles per language: 3 the rules were
tuned on, 1 held out), with the matching rules of the English gold set
(spinscope.analyze.attribution.gold). Rows: each language (its 4 articles), then the tune
part, the held-out part and all 20.

    python bench/bench_who_ml.py                   # the table, per language and all
    python bench/bench_who_ml.py --language po     # one language (SemEval code)
    python bench/bench_who_ml.py --json out.json   # also write the numbers as JSON
    python bench/bench_who_ml.py --as-english      # the English analyzers on the same articles (the baseline)
    python bench/bench_who_ml.py --long 80         # also time long texts: each German gold article x80,
                                                   # and 8000 sentences with a quotation, a cue and "laut X"

SPINSCOPE_SHARED (default ../shared) points at the folder with data/.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

from spinscope.analyze.attribution.gold import WhoScores, score_article
from spinscope.analyze.attribution.lang_gold import gold_article, load_language_gold
from spinscope.analyze.pipeline import Pipeline
from spinscope.model import Article

REPO = Path(__file__).resolve().parent.parent
LANGUAGES = ("fr", "ge", "it", "po", "ru")
COLUMNS = ("mentions", "linked", "quotes", "speakers", "dates", "date_values")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--language", choices=LANGUAGES, action="append", help="only these languages (repeatable)")
    parser.add_argument("--json", type=Path, help="write the numbers to this file")
    parser.add_argument("--as-english", action="store_true", help="analyse every article as English (the baseline)")
    parser.add_argument("--long", type=int, default=0, help="also time texts made of N repeats (see above)")
    args = parser.parse_args(argv)
    shared = Path(os.environ.get("SPINSCOPE_SHARED", REPO.parent / "shared"))
    gold = load_language_gold(shared, tuple(args.language or ()))
    pipeline = Pipeline.from_names(["entities", "quotes", "dates"])
    articles = [gold_article(g) for g in gold]
    if args.as_english:
        for article in articles:
            article.language = None
    pipeline(articles[:1])  # load the models outside the timing
    start = time.perf_counter()
    pipeline(articles)
    elapsed = time.perf_counter() - start
    scores: dict[str, WhoScores] = {"all": WhoScores()}
    counts: dict[str, int] = {"all": len(gold)}
    methods: dict[str, set[str]] = {}
    for g, article in zip(gold, articles, strict=True):
        lang = str(g.gold["language"])
        for name in ("all", lang, g.split):
            score_article(article, g.gold, scores.setdefault(name, WhoScores()))
            counts[name] = counts.get(name, 0) + (name != "all")
        methods.setdefault(lang, set()).update(e.method or "spacy-en" for e in article.entities)
    result = {
        "articles": counts,
        "scores": {name: sc.to_dict() for name, sc in scores.items()},
        "entity_methods": {k: sorted(v) for k, v in methods.items()},
        "articles_per_s": round(len(articles) / elapsed, 1) if elapsed else None,
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    }
    print(f"{'':<6}{'n':>3}  " + "".join(f"{c + ' F1':>16}" for c in COLUMNS) + "  entities by")
    for name in (*sorted(k for k in scores if k not in ("all", "tune", "heldout")), "tune", "heldout", "all"):
        if name not in scores:
            continue
        row = scores[name].to_dict()
        cells = "".join(f"{row[c]['f1']:>8.3f} ({int(row[c]['tp']):>2}/{row[c]['gold']:>3})" for c in COLUMNS)
        print(f"{name:<6}{counts[name]:>3}  {cells}  {', '.join(sorted(methods.get(name, ())))}")
    print(f"articles_per_s: {result['articles_per_s']}  machine: {result['machine']}")
    if args.long:
        result["long"] = time_long(args.long)
        print("long texts:", result["long"])
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


def time_long(repeats: int) -> dict[str, dict[str, float]]:
    """CPU seconds per analyzer on long texts (German: every noun capitalised, the rules' hardest case)."""
    de = load_language_gold(Path(os.environ.get("SPINSCOPE_SHARED", REPO.parent / "shared")), ("ge",))
    line = "„Das ist gut“, sagte Anna Berg, dass es Regen gibt. Laut Peter Krause, es war so. "
    texts = {"ge gold x N": "\n\n".join(g.text for g in de) * repeats, "adversarial x 100N": line * (100 * repeats)}
    out = {}
    for name, text in texts.items():
        article = Article(text=text, language="de")
        timings = {"chars": float(len(text))}
        for analyzer in Pipeline.from_names(["entities", "quotes", "dates"]).analyzers:
            start = time.process_time()  # CPU seconds: wall time on a shared machine varies 2-5x
            analyzer([article])
            timings[analyzer.name] = round(time.process_time() - start, 2)
        out[name] = timings
    return out


if __name__ == "__main__":
    sys.exit(main())
