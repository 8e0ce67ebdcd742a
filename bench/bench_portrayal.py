"""Actor portrayal: accuracy of the target rule (analyze/portrayal.py) on hand-annotated spans.

The spans are SemEval-2023 gold technique spans (English training data) whose target we
annotated (tests/data/portrayal_sample.tsv, ids and offsets only). The entities come from
the shipped entity analyzer; the spans carry no speaker here (gold spans have none), so the
"never the speaker" part of the rule is not exercised. A span counts as right when the rule
names no actor for "-", or names an actor whose name is one of the annotated names or ends with it ("Donald Trump" for "Trump").

    python bench/bench_portrayal.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import platform
import sys
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from spinscope.analyze.attribution.portrayal import span_targets  # noqa: E402
from spinscope.model import Article, TechniqueSpan  # noqa: E402
from spinscope.runner import analyze  # noqa: E402

SAMPLE = REPO / "tests" / "data" / "portrayal_sample.tsv"


def load(shared: Path) -> tuple[dict[str, Article], list[tuple[str, TechniqueSpan, str]]]:
    lines = [x for x in SAMPLE.read_text(encoding="utf-8").splitlines() if x and not x.startswith("#")][1:]
    rows = [x.split("\t") for x in lines]
    folder = shared / "data" / "semeval2023" / "en" / "train-articles-subtask-1"
    ids = sorted({r[0] for r in rows})
    texts = [Article(text=(folder / f"article{i}.txt").read_text(encoding="utf-8"), id=i) for i in ids]
    articles = {a.id: a for a in analyze(texts, ["paragraphs", "entities"])}
    spans = []
    for aid, label, start, end, target in rows:
        s, e = int(start), int(end)
        spans.append((aid, TechniqueSpan(label, s, e, articles[aid].text[s:e], 1.0), target))
    return articles, spans


def right(predicted: list[str], gold: str) -> bool:
    if gold == "-":
        return not predicted
    names = [g.casefold() for g in gold.split("|")]
    return any(p.casefold() == g or p.casefold().endswith(" " + g) for p in predicted for g in names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()
    articles, spans = load(args.shared)
    n_right = 0
    with_actor = [0, 0]  # right, total among spans annotated with an actor
    print(f"# {platform.node()}, {datetime.now():%Y-%m-%d}")
    print("| article | technique | span | annotated | rule | right |")
    print("|---|---|---|---|---|---|")
    for aid, span, gold in spans:
        predicted = span_targets(articles[aid], span)
        ok = right(predicted, gold)
        n_right += ok
        if gold != "-":
            with_actor[0] += ok
            with_actor[1] += 1
        print(
            f"| {aid} | {span.label} | {span.start}-{span.end} | {gold} | {', '.join(predicted) or '-'} | {'yes' if ok else 'no'} |"
        )
    print(
        f"\naccuracy {n_right}/{len(spans)} = {n_right / len(spans):.2f}; "
        f"spans with an annotated actor: {with_actor[0]}/{with_actor[1]}"
    )


if __name__ == "__main__":
    main()
