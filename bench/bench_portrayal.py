"""Actor portrayal: accuracy of the target rule (analyze/portrayal.py) on hand-annotated spans,
the current rule (span_targets: inside, else grammatically attached, else nobody) beside the
earlier one (nearest_in_clause: inside, else the nearest actor in the clause) in the same run.

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

from spinscope.analyze.attribution.portrayal import nearest_in_clause, span_targets  # noqa: E402
from spinscope.model import Article, TechniqueSpan  # noqa: E402
from spinscope.runner import analyze  # noqa: E402

SAMPLE = REPO / "tests" / "data" / "portrayal_sample.tsv"  # looked at while writing the rule
HELDOUT = REPO / "tests" / "data" / "portrayal_heldout.tsv"  # annotated after it, never used to change it


def load(shared: Path, sample: Path) -> tuple[dict[str, Article], list[tuple[str, TechniqueSpan, str]]]:
    lines = [x for x in sample.read_text(encoding="utf-8").splitlines() if x and not x.startswith("#")][1:]
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


RULES = {"attached": span_targets, "nearest": nearest_in_clause}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()
    print(f"# {platform.node()}, {datetime.now():%Y-%m-%d}")
    for name, sample in (("sample (rule written on it)", SAMPLE), ("held out", HELDOUT)):
        score(name, *load(args.shared, sample))


def score(name: str, articles: dict[str, Article], spans: list[tuple[str, TechniqueSpan, str]]) -> None:
    tally = {rule: {"actor": [0, 0], "none": [0, 0]} for rule in RULES}  # right, total
    print(f"\n## {name}\n")
    print("| article | technique | span | annotated | attached (now) | right | nearest (before) | right |")
    print("|---|---|---|---|---|---|---|---|")
    for aid, span, gold in spans:
        cells = []
        for rule, fn in RULES.items():
            predicted = fn(articles[aid], span)
            ok = right(predicted, gold)
            part = tally[rule]["none" if gold == "-" else "actor"]
            part[0] += ok
            part[1] += 1
            cells += [", ".join(predicted) or "-", "yes" if ok else "no"]
        print(f"| {aid} | {span.label} | {span.start}-{span.end} | {gold} | " + " | ".join(cells) + " |")
    print()
    for rule, t in tally.items():
        n_right = t["actor"][0] + t["none"][0]
        n = t["actor"][1] + t["none"][1]
        print(
            f"{name}, {rule}: {n_right}/{n} = {n_right / n:.2f}; spans with an annotated actor "
            f"{t['actor'][0]}/{t['actor'][1]}, spans targeting no actor {t['none'][0]}/{t['none'][1]}"
        )


if __name__ == "__main__":
    main()
