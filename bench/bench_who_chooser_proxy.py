"""Proxy for held-out-like rule errors (issue 11, session 9 experiment): the speaker chooser of
``bench_who_chooser.py`` trained and cross-validated on the outputs of OLDER rules on the 40
tune-quotes articles, rules written before those articles were annotated (commit e6c1da2, the
parent of 15c2a36), so the rule is wrong there about as often as on the held-out part.

    mkdir /tmp/old && git archive e6c1da2 | tar -x -C /tmp/old
    PYTHONPATH=/tmp/old/src python bench/bench_who_chooser_proxy.py dump /tmp/old_tq.json   # older rules
    CHOOSER_SOFTMAX=1 python bench/bench_who_chooser_proxy.py cv /tmp/old_tq.json          # this tree
    CHOOSER_SOFTMAX=1 python bench/bench_who_chooser_proxy.py fit /tmp/old_tq.json W.json 3 0.5   # then
    CHOOSER_SOFTMAX=1 python bench/bench_who_chooser.py unannotated W.json 76-335          # on today's rules

(The gold files and the features module are read from this tree in both steps.)
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_who_chooser_features import Candidate, article_candidates  # noqa: E402
from spinscope.model import Article, Quote  # noqa: E402

GOLD = Path(__file__).resolve().parent.parent / "src" / "spinscope" / "resources" / "gold"
SHARED = Path("/work/shared")


def tune_quotes_articles() -> list[Article]:
    out = []
    for path in sorted(GOLD.glob("*.json")):
        g = json.loads(path.read_text(encoding="utf-8"))
        if g.get("split", "tune") != "tune" or "layers" not in g:
            continue  # the tune-quotes part only
        text = (SHARED / "data" / g["source"]).read_text(encoding="utf-8")
        assert hashlib.sha256(text.encode()).hexdigest() == g["sha256"]
        out.append(Article(text=text, id=str(g["id"])))
    return out


def dump(out: Path) -> None:
    """Run with the older tree first on PYTHONPATH: its quotes and the candidates, as JSON."""
    from spinscope.analyze.attribution.entities import EntityAnalyzer
    from spinscope.analyze.attribution.nlp import parse
    from spinscope.analyze.attribution.quotes import QuoteAnalyzer

    arts = tune_quotes_articles()
    EntityAnalyzer()(arts)
    QuoteAnalyzer()(arts)
    docs = parse([a.text for a in arts])
    res = {}
    for a, d in zip(arts, docs, strict=True):
        res[a.id] = [
            {"q": [q.start, q.end, q.kind, q.speaker, q.speaker_start, q.speaker_end, q.speaker_text, q.speaker_kind, q.cue],
             "c": [[c.key, c.name, c.etype, c.span, c.x] for c in cs]}
            for q, cs in zip(a.quotes, article_candidates(a, d), strict=True)
        ]
    out.write_text(json.dumps(res), encoding="utf-8")


def load(path: Path):
    """The gold tune-quotes articles with the saved quotes and candidates."""
    import bench_who_chooser as chooser
    from spinscope.analyze.attribution.gold import load_gold

    saved = json.loads(path.read_text(encoding="utf-8"))
    gold = [g for g in load_gold(chooser.SHARED) if g.part == "tune-quotes"]
    arts, cands = [], []
    for g in gold:
        a = g.article()
        a.quotes = []
        cs = []
        for item in saved[g.id]:
            s, e, kind, sp, ss, se, st, sk, cue = item["q"]
            a.quotes.append(Quote(start=s, end=e, text=a.text[s:e], kind=kind, speaker=sp, speaker_start=ss,
                                  speaker_end=se, cue=cue, speaker_kind=sk, speaker_text=st))
            cs.append([Candidate(k, n, t, tuple(span) if span else None, x) for k, n, t, span, x in item["c"]])
        arts.append(a)
        cands.append(cs)
    return gold, arts, cands


def cv(path: Path) -> None:
    import bench_who_chooser as chooser

    chooser.cv(*load(path), [0.1, 0.3, 1.0, 3.0], [0.0, 0.5, 1.0])


def fit(path: Path, out: Path, C: float, margin: float) -> None:
    """Fit on all the saved older-rule outputs; write the weights as bench_who_chooser.py reads them."""
    import bench_who_chooser as chooser
    from bench_who_chooser_features import FEATURES

    X, y = [], []
    for g, a, cs in zip(*load(path), strict=True):
        rows = chooser.rows(cs, chooser.labels(a, g.gold))
        X += rows[0]
        y += rows[1]
    w, b = chooser.fit(X, y, C)
    out.write_text(json.dumps({"features": list(FEATURES), "weights": [float(v) for v in w], "bias": b, "margin": margin}))


if __name__ == "__main__":
    if sys.argv[1] == "fit":
        fit(Path(sys.argv[2]), Path(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]))
    else:
        {"dump": dump, "cv": cv}[sys.argv[1]](Path(sys.argv[2]))
