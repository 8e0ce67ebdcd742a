"""Benchmark of the "who says what" analyzers (entities, quotes, dates, voice).

Scores them on the hand-made gold set (src/spinscope/resources/gold, 35 SemEval English
training articles chosen by a fixed rule + the two seeds) and times them in articles/s.

    python bench/bench_who.py                    # scores + speed on the gold articles
    python bench/bench_who.py --speed 200        # speed on the first 200 SemEval en articles too
    python bench/bench_who.py --json out.json    # also write the numbers as JSON
    python bench/bench_who.py --errors           # list the misses, for error analysis

Scores are given for the "tune" part (the 20 + 2 articles looked at while writing the rules),
"tune-quotes" (320 later tune articles, quotes and speakers only, ranks 36-55 annotated in
session 4, ranks 56-65 in session 5, ranks 66-75 in session 6, 86-105 in session 11,
106-145 in session 12, 146-185 in session 13, 186-225 in session 14, 226-305 in session 15
and 306-365 in session 16, to study speaker errors
without touching the held-out part), the
"heldout" part (15 more articles by the same selection rule, annotated after the rules were
written and never used to change them), "heldout-quotes" (10 more, ranks 76-85, quotes and
speakers only, annotated in session 11), "heldout-all" (the 25 together: issue 11's speaker
figure from session 11 on) and all together. A quotation inside the same
speaker's reported speech counts as part of that statement, not as a second quote.

SPINSCOPE_SHARED (default ../shared) points at the folder with seeds/ and data/.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

from spinscope.analyze.attribution.dates import DateAnalyzer
from spinscope.analyze.attribution.entities import EntityAnalyzer
from spinscope.analyze.attribution.gold import WhoScores, load_gold, score_article
from spinscope.analyze.attribution.nlp import clear_cache, get_nlp
from spinscope.analyze.attribution.quotes import QuoteAnalyzer
from spinscope.analyze.attribution.voice import VoiceAnalyzer
from spinscope.model import Article

REPO = Path(__file__).resolve().parent.parent


def analyse(articles: list[Article]) -> None:
    for analyzer in (EntityAnalyzer(), QuoteAnalyzer(), DateAnalyzer(), VoiceAnalyzer()):
        analyzer(articles)


def timed(articles: list[Article]) -> tuple[float, float]:
    """(articles per wall-clock second, articles per CPU second of this process), cold parse."""
    clear_cache()
    start, cpu = time.perf_counter(), time.process_time()
    for i in range(0, len(articles), 32):
        analyse(articles[i : i + 32])
    return len(articles) / (time.perf_counter() - start), len(articles) / (time.process_time() - cpu)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--speed", type=int, default=0, help="also time N SemEval English articles")
    parser.add_argument("--json", type=Path, help="write the numbers to this file")
    parser.add_argument("--errors", action="store_true", help="print misses per article")
    parser.add_argument("--split", choices=("tune", "tune-quotes", "heldout", "heldout-quotes"), help="with --errors: only this part of the gold set")
    args = parser.parse_args(argv)
    shared = Path(os.environ.get("SPINSCOPE_SHARED", REPO.parent / "shared"))
    gold = load_gold(shared)
    get_nlp()  # load time is not part of the throughput
    articles = [g.article() for g in gold]
    rate_gold, cpu_gold = timed(articles)
    by_split: dict[str, WhoScores] = {"all": WhoScores()}
    counts: dict[str, int] = {"all": len(gold)}
    for g, article in zip(gold, articles, strict=True):
        score_article(article, g.gold, by_split["all"])
        parts = (g.part, "heldout-all") if g.split == "heldout" else (g.part,)
        for part in parts:
            score_article(article, g.gold, by_split.setdefault(part, WhoScores()))
            counts[part] = counts.get(part, 0) + 1
        if args.errors and (args.split in (None, g.part)):
            print_errors(article, g.gold)
    result: dict[str, object] = {
        "articles": counts,
        "scores": {name: sc.to_dict() for name, sc in by_split.items()},
        "articles_per_s_gold": round(rate_gold, 1),
        "articles_per_cpu_s_gold": round(cpu_gold, 1),
        "load_average": round(os.getloadavg()[0], 1),
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    }
    if args.speed:
        folder = shared / "data" / "semeval2023" / "en" / "train-articles-subtask-1"
        files = sorted(folder.glob("*.txt"))[: args.speed]
        texts = [Article(text=f.read_text(encoding="utf-8"), id=f.stem) for f in files]
        rate, cpu = timed(texts)
        result["articles_per_s_semeval"] = round(rate, 1)
        result["articles_per_cpu_s_semeval"] = round(cpu, 1)
        result["semeval_articles_timed"] = len(texts)
        result["mean_chars"] = round(sum(len(a.text) for a in texts) / max(1, len(texts)))
    for split in ("tune", "tune-quotes", "heldout", "heldout-quotes", "heldout-all", "all"):
        if split not in by_split:
            continue
        print(f"gold set, {split}: {counts[split]} articles")
        print(f"{'':<22}{'P':>7}{'R':>7}{'F1':>7}{'pred':>7}{'gold':>7}")
        for name, prf in by_split[split].to_dict().items():
            print(f"{name:<22}{prf['precision']:>7.3f}{prf['recall']:>7.3f}{prf['f1']:>7.3f}{prf['pred']:>7}{prf['gold']:>7}")
    keys = ("articles_per_s_gold", "articles_per_cpu_s_gold", "articles_per_s_semeval", "articles_per_cpu_s_semeval")
    for key in (*keys, "semeval_articles_timed", "mean_chars", "load_average", "machine"):
        if key in result:
            print(f"{key}: {result[key]}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


def print_errors(article: Article, gold: dict) -> None:
    text = article.text
    print(f"=== {article.id}")
    gold_m = {(m[0], m[1]): e["canonical"] for e in gold["entities"] for m in e["mentions"]}
    pred_m = {(m.start, m.end): e.canonical for e in article.entities for m in e.mentions}
    for span in sorted(set(gold_m) - set(pred_m)):
        print(f"  missed mention {text[span[0]:span[1]]!r} ({gold_m[span]})")
    for span in sorted(set(pred_m) - set(gold_m)):
        print(f"  extra mention  {text[span[0]:span[1]]!r} ({pred_m[span]})")
    for span in sorted(set(pred_m) & set(gold_m)):
        if pred_m[span] != gold_m[span]:
            print(f"  canonical      {text[span[0]:span[1]]!r}: {pred_m[span]!r} vs gold {gold_m[span]!r}")
    for q in gold["quotes"]:
        print(f"  gold quote  {q['kind']:<8} {q['speaker']!s:<24} {text[q['start']:q['end']][:70]!r}")
    for q in article.quotes:
        print(f"  pred quote  {q.kind:<8} {q.speaker!s:<24} {q.text[:70]!r}")
    gd = {(d["start"], d["end"]): (d["value"], d["interval"]) for d in gold["dates"]}
    pdt = {(d.start, d.end): (d.value, d.interval) for d in article.dates}
    for span in sorted(set(gd) | set(pdt)):
        if gd.get(span) != pdt.get(span):
            print(f"  date {text[span[0]:span[1]]!r}: pred {pdt.get(span)} gold {gd.get(span)}")


if __name__ == "__main__":
    sys.exit(main())
