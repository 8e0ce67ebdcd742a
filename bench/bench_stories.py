"""Stories: pairwise precision and recall of the incremental story matcher on hand-labelled pairs.

The pairs (tests/data/story_pairs.tsv, ids only) come from the SemEval-2023 English
training articles and the invented examples (examples/story-veldra-fire.jsonl). Every
English training article plus the examples is clustered in one pass, in id order (the
SemEval articles are undated, so the time window never excludes them; the examples are
dated), exactly as the store assigns them (``store.story_match.cluster``): the other
~400 articles are distractors. A labelled pair is predicted "same story" when both
articles end up in one story.

Printed: pairwise precision / recall / F1 at the shipped threshold, for the full rule
(embedding + shared actors) and for the embedding alone, plus a threshold sweep (a
sensitivity check: the shipped threshold was set before this measurement, and pairs
are too few to fit one on them).

    python bench/bench_stories.py [--shared ../shared] [--no-actors] [--distractors N]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from spinscope.analyze.persuasion.features import embed  # noqa: E402
from spinscope.model import Article  # noqa: E402
from spinscope.store.stories import lead_text  # noqa: E402
from spinscope.store.story_match import THRESHOLD, StoryInput, cluster, title_words  # noqa: E402

PAIRS = REPO / "tests" / "data" / "story_pairs.tsv"
EXAMPLES = REPO / "examples" / "story-veldra-fire.jsonl"


def load_pairs() -> list[tuple[str, str, int]]:
    rows = [line.split("\t") for line in PAIRS.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return [(a, b, int(same)) for a, b, same, *_ in rows[1:]]


def load_articles(shared: Path, labelled: set[str], distractors: int | None) -> list[Article]:
    """The labelled articles and every other English training article (or the first
    ``distractors`` of them by id), in id order, then the examples."""
    out = []
    folder = shared / "data" / "semeval2023" / "en" / "train-articles-subtask-1"
    paths = sorted(folder.glob("article*.txt"), key=lambda p: int(p.stem[7:]))
    if distractors is not None:
        others = [p for p in paths if "en:" + p.stem[7:] not in labelled][:distractors]
        paths = [p for p in paths if "en:" + p.stem[7:] in labelled or p in others]
    for path in paths:
        text = path.read_text(encoding="utf-8")
        title = text.split("\n", 1)[0].strip() or None
        out.append(Article(text=text, id="en:" + path.stem[7:], title=title, language="en"))
    for line in EXAMPLES.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        published = datetime.fromisoformat(row["published"]).replace(tzinfo=None)
        text = f"{row['title']}\n\n{row['text']}"
        out.append(Article(text=text, id="ex:" + row["id"], title=row["title"], published=published))
    return out


def with_actors(articles: list[Article]) -> list[Article]:
    from spinscope.runner import analyze

    return analyze(articles, ["paragraphs", "entities"])


def inputs(articles: list[Article], vectors, actors: bool) -> list[StoryInput]:
    items = []
    for i, article in enumerate(articles):
        ents = sorted(article.entities, key=lambda e: (-len(e.mentions), e.canonical.casefold())) if actors else []
        items.append(
            StoryInput(
                article_pk=i,
                vector=vectors[i],
                published=article.published,
                actors={e.canonical.casefold(): e.canonical for e in ents},
                words=title_words(article.title),
            )
        )
    return items


def score(assigned: dict[int, int], index: dict[str, int], pairs: list[tuple[str, str, int]]) -> dict[str, float]:
    tp = fp = fn = 0
    for a, b, same in pairs:
        together = assigned[index[a]] == assigned[index[b]]
        tp += together and same
        fp += together and not same
        fn += (not together) and same
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp, "fp": fp, "fn": fn}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--no-actors", action="store_true", help="skip the entity analyzer (embedding only)")
    parser.add_argument("--distractors", type=int, help="unlabelled articles to add (default: all)")
    args = parser.parse_args()
    pairs = load_pairs()
    started = time.perf_counter()
    articles = load_articles(args.shared, {x for a, b, _ in pairs for x in (a, b)}, args.distractors)
    if not args.no_actors:
        articles = with_actors(articles)
    index = {a.id: i for i, a in enumerate(articles)}
    missing = {x for a, b, _ in pairs for x in (a, b)} - set(index)
    if missing:
        raise SystemExit(f"labelled ids not found: {sorted(missing)[:5]}")
    vectors = embed([lead_text(a.title, a.text) for a in articles])
    prepared = time.perf_counter() - started
    n_pos = sum(s for *_, s in pairs)
    print(f"# {len(articles)} articles clustered, {len(pairs)} labelled pairs ({n_pos} same story)")
    print(
        f"# {platform.node()} {platform.processor() or platform.machine()}, {datetime.now():%Y-%m-%d}, "
        f"prepare {prepared:.0f}s"
    )
    variants = [("embedding + actors", True)] if not args.no_actors else []
    variants.append(("embedding only", False))
    print("| rule | threshold | precision | recall | F1 | TP | FP | FN | stories |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, actors in variants:
        items = inputs(articles, vectors, actors)
        for threshold in sorted({THRESHOLD, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8}):
            t0 = time.perf_counter()
            assigned = cluster(items, threshold)
            took = time.perf_counter() - t0
            m = score(assigned, index, pairs)
            mark = " (shipped)" if threshold == THRESHOLD else ""
            print(
                f"| {name} | {threshold:.2f}{mark} | {m['precision']:.2f} | {m['recall']:.2f} | {m['f1']:.2f} | "
                f"{m['tp']} | {m['fp']} | {m['fn']} | {len(set(assigned.values()))} ({took:.2f}s) |"
            )


if __name__ == "__main__":
    main()
