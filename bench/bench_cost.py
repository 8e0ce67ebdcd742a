"""Cost model check: time of the attribution analyzers (entities, quotes, dates) as texts grow.

For each generated text family (ordinary news prose, a wall of quotation marks, one
line of apostrophes, one long sentence full of "said", many names, many dates) and
each size, the text is parsed once by spaCy (``who_nlp.parse``; its time is shown apart)
and each analyzer's own work is timed on the parsed document. Doubling the size should
double the time (ratio ~2); a ratio near 4 is quadratic. Times are CPU seconds of
this process (``time.process_time``), so other work on a shared machine does not
inflate them.

``--old REV`` also times the analyzers as they were at git revision REV (loaded from
``git show``) on the same parsed documents, in the same run, and checks that old and
new give the same entities/quotes/dates on the ordinary texts.

    python bench/bench_cost.py                       # sizes 10k..160k characters
    python bench/bench_cost.py --sizes 20000,320000 --old 7d95e09
    python bench/bench_cost.py --family quote_wall --sizes 12000
"""

from __future__ import annotations

import argparse
import importlib.util
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from spinscope.analyze.attribution import dates, entities, quotes
from spinscope.analyze.attribution.nlp import parse

REPO = Path(__file__).resolve().parent.parent
NAMES = ["John Smith", "Maria Lopez", "the Health Ministry", "Ahmed Karimi", "the United Nations", "Li Wei", "Anna Novak"]
VERBS = ["said", "told reporters", "added", "warned", "claimed", "insisted"]


def _news(rng: random.Random) -> str:
    who, verb = rng.choice(NAMES), rng.choice(VERBS)
    forms = [
        f"\u201cWe will not accept this plan,\u201d {who} {verb} on Monday.",
        f"{who} {verb} that the talks, according to officials, would resume in March 2021.",
        f'He said the "so-called reform" was a disaster, and {who} agreed last week.',
        f"The report, published on 3 November 2021 by {who}, found no evidence of fraud.",
        f"\u201cIt is a shame,\u201d she {verb}. \u201cThey lied to us three years ago.\u201d",
    ]
    return " ".join(rng.choice(forms) for _ in range(3)) + "\n\n"


FAMILIES: dict[str, Callable[[random.Random], str]] = {
    "news": _news,
    "quote_wall": lambda rng: '"',
    "quoted_words": lambda rng: f'"{rng.choice(["yes", "no", "maybe"])}" ',
    "apostrophes": lambda rng: rng.choice(["it's ", "'tis ", "the boys' ", "'word' ", "don't "]),
    "said_sentence": lambda rng: f"{rng.choice(NAMES)} {rng.choice(VERBS)} that ",
    "names": lambda rng: f"{rng.choice(NAMES)} and {rng.choice(['Mr', 'Ms', 'Dr'])} {rng.choice(['Brown', 'Green', 'Black', 'White'])} ({rng.choice(['UN', 'WHO', 'EU', 'NATO'])}), ",
    "dates": lambda rng: rng.choice(["on Monday ", "in 2014, ", "last week ", "3 May 2021 ", "two years ago ", "the 1990s "]),
}


def make_text(family: str, size: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    parts: list[str] = []
    length = 0
    while length < size:
        piece = FAMILIES[family](rng)
        parts.append(piece)
        length += len(piece)
    return "".join(parts)[:size]


def load_old(rev: str) -> dict[str, ModuleType]:
    """The analyzer modules at ``rev``, importable beside the current ones."""
    folder = Path(tempfile.mkdtemp(prefix="spinscope-old-"))
    out: dict[str, ModuleType] = {}
    for name in ("entities", "quotes", "dates"):
        source = subprocess.run(
            ["git", "show", f"{rev}:src/spinscope/analyze/attribution/{name}.py"], cwd=REPO, check=True, capture_output=True, text=True
        ).stdout
        source = re.sub(r"^from \.(\w+) import", r"from spinscope.analyze.attribution.\1 import", source, flags=re.M)
        source = source.replace("from ...model import", "from spinscope.model import")
        path = folder / f"old_{name}.py"
        path.write_text(source)
        spec = importlib.util.spec_from_file_location(f"old_{name}", path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        out[name] = module
    return out


def run_analyzers(mods: dict[str, ModuleType], doc: Any, text: str) -> tuple[dict[str, float], tuple[Any, ...]]:
    """CPU seconds of each analyzer (the machine is shared: CPU time, not wall time)."""
    times: dict[str, float] = {}
    t = time.process_time()
    ents = mods["entities"].extract_entities(doc)
    times["entities"] = time.process_time() - t
    t = time.process_time()
    qs = mods["quotes"].extract_quotes(doc, ents)
    times["quotes"] = time.process_time() - t
    t = time.process_time()
    ds = mods["dates"].extract_dates(doc, None)
    times["dates"] = time.process_time() - t
    return times, (ents, qs, ds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,20000,40000,80000,160000", help="comma-separated text lengths")
    parser.add_argument("--family", action="append", choices=sorted(FAMILIES), help="text families (default: all)")
    parser.add_argument("--old", metavar="REV", help="also time the analyzers at this git revision")
    parser.add_argument("--skip-old-over", type=float, default=60.0, help="stop timing old code of a family after a run this slow (s)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    current = {"entities": entities, "quotes": quotes, "dates": dates}
    old = load_old(args.old) if args.old else None
    print(f"# {platform.node()} {platform.processor() or platform.machine()} python {platform.python_version()} "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print("family        size(chars)  parse(s)  entities(s)  quotes(s)  dates(s)" + ("  old: entities  quotes  dates  same" if old else ""))
    for family in args.family or list(FAMILIES):
        old_slow = False
        for size in sizes:
            text = make_text(family, size)
            t = time.process_time()
            (doc,) = parse([text])
            parse_s = time.process_time() - t
            new_t, new_out = run_analyzers(current, doc, text)
            row = f"{family:13s} {size:11d}  {parse_s:8.2f}  {new_t['entities']:11.3f}  {new_t['quotes']:9.3f}  {new_t['dates']:8.3f}"
            if old is not None and not old_slow:
                old_t, old_out = run_analyzers(old, doc, text)
                same = [a.to_dict() for a in new_out[0]] == [a.to_dict() for a in old_out[0]] and all(
                    [x.to_dict() for x in n] == [x.to_dict() for x in o] for n, o in zip(new_out[1:], old_out[1:], strict=True)
                )
                row += f"  {old_t['entities']:13.3f}  {old_t['quotes']:6.3f}  {old_t['dates']:5.3f}  {'yes' if same else 'NO'}"
                old_slow = sum(old_t.values()) > args.skip_old_over
            print(row, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
