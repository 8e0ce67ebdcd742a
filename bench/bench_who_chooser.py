"""Experiment: a learned speaker chooser over the rules' candidates (issue 11, session 9).

Trains only on the tune gold (tune + tune-quotes), picks regularisation and the margin
by leave-articles-out CV there, and lists what it changes on unannotated articles (to be
judged by reading). CHOOSER_SOFTMAX=1: one softmax over each quote's candidates
(conditional logit); otherwise a per-candidate logistic regression (scikit-learn).

    python bench/bench_who_chooser.py cv                       # CV table on the tune gold
    python bench/bench_who_chooser.py fit OUT.json C MARGIN    # fit on all tune gold, write weights
    python bench/bench_who_chooser.py unannotated W.json 76-335   # the speakers it changes there, in context
    python bench/bench_who_chooser.py gold W.json              # every gold part, rules vs chooser, aggregates only
    python bench/bench_who_chooser.py ceiling                  # gold among the candidates where the rule is wrong

The unannotated articles are the English SemEval training articles with quotation marks,
sorted by (length, id), ranks LO-HI (the order of the gold selection rule).
"""

from __future__ import annotations

import copy
import json
import os
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_who_chooser_features import FEATURES, article_candidates  # noqa: E402
from spinscope.analyze.attribution.entities import EntityAnalyzer  # noqa: E402
from spinscope.analyze.attribution.gold import WhoScores, _pairs, load_gold, score_article, statements  # noqa: E402
from spinscope.analyze.attribution.nlp import name_key, parse  # noqa: E402
from spinscope.analyze.attribution.quotes import QuoteAnalyzer  # noqa: E402
from spinscope.model import Article  # noqa: E402

SHARED = Path(os.environ.get("SPINSCOPE_SHARED", "/work/shared"))


def analysed(articles: list[Article]) -> list:
    EntityAnalyzer()(articles)
    QuoteAnalyzer()(articles)
    docs = parse([a.text for a in articles])
    return [article_candidates(a, d) for a, d in zip(articles, docs, strict=True)]


def labels(article: Article, gold: dict) -> list[str | None]:
    """Per quote of ``article.quotes``: the gold speaker key of its matched statement ("" = none), or None."""
    pi = statements([(q.start, q.end, q.kind, q.speaker) for q in article.quotes])
    gi = statements([(q["start"], q["end"], q["kind"], q["speaker"]) for q in gold["quotes"]])
    pairs = _pairs([(article.quotes[i].start, article.quotes[i].end) for i in pi],
                   [(gold["quotes"][j]["start"], gold["quotes"][j]["end"]) for j in gi], 0.5)
    out: list[str | None] = [None] * len(article.quotes)
    for i, j in pairs:
        sp = gold["quotes"][gi[j]]["speaker"]
        out[pi[i]] = name_key(sp) if sp else ""
    return out


def tune_data():
    gold = [g for g in load_gold(SHARED) if g.split == "tune"]
    arts = [g.article() for g in gold]
    cands = analysed(arts)
    return gold, arts, cands


SOFTMAX = os.environ.get("CHOOSER_SOFTMAX") == "1"


def rows(cands, labs):
    X, y = [], []
    for qi, cs in enumerate(cands):
        if labs[qi] is None:
            continue
        if SOFTMAX:  # one group per quote
            X.append([c.vector() for c in cs])
            y.append([int(c.key == labs[qi]) for c in cs])
            continue
        for c in cs:
            X.append(c.vector())
            y.append(int(c.key == labs[qi]))
    return X, y


def choose(cs, w, b, margin):
    """The candidate to report: the model's best when it beats the rule's by ``margin``."""
    scores = [float(np.dot(w, c.vector()) + b) for c in cs]
    rule = next(i for i, c in enumerate(cs) if c.x.get("rule"))
    best = int(np.argmax(scores))
    return cs[best] if best != rule and scores[best] - scores[rule] > margin else cs[rule]


def apply(article: Article, cands, w, b, margin) -> list[tuple]:
    """Change the speakers of ``article`` in place; return the changes."""
    changes = []
    for q, cs in zip(article.quotes, cands, strict=True):
        c = choose(cs, w, b, margin)
        if c.x.get("rule"):
            continue
        changes.append((q, q.speaker, c.name))
        q.speaker, q.speaker_kind = c.name, ("named" if c.name else None)
        q.speaker_start, q.speaker_end = c.span if c.span else (None, None)
        q.speaker_text = article.text[c.span[0]:c.span[1]] if c.span else None
    return changes


def fit_softmax(groups, labels_, C):
    """Conditional logit: one softmax over each quote's candidates, L2 penalty 1/(2C)."""
    from scipy.optimize import minimize

    mats = [(np.array(X), int(np.argmax(y))) for X, y in zip(groups, labels_, strict=True) if sum(y) == 1]

    def loss(w):
        total, grad = 0.5 * w @ w / C, w / C
        for X, k in mats:
            s = X @ w
            s -= s.max()
            p = np.exp(s) / np.exp(s).sum()
            total -= np.log(p[k] + 1e-12)
            grad = grad + X.T @ p - X[k]
        return total, grad

    w = minimize(loss, np.zeros(len(FEATURES)), jac=True, method="L-BFGS-B").x
    return w, 0.0


def fit(X, y, C):
    if SOFTMAX:
        return fit_softmax(X, y, C)
    from sklearn.linear_model import LogisticRegression

    m = LogisticRegression(C=C, max_iter=2000)
    m.fit(np.array(X), np.array(y))
    return m.coef_[0], float(m.intercept_[0])


def cv(gold, arts, cands, Cs, margins, folds=10):
    labs = [labels(a, g.gold) for g, a in zip(gold, arts, strict=True)]
    n = len(arts)
    fold_of = [i % folds for i in range(n)]
    base = WhoScores()
    for g, a in zip(gold, arts, strict=True):
        score_article(a, g.gold, base)
    print(f"rules: speakers F1 {base.speakers.f1:.3f} ({base.speakers.tp:.0f}/{base.speakers.n_gold}, pred {base.speakers.n_pred})")
    covered = sum(
        1 for L, cs in zip(labs, cands, strict=True) for lab, c in zip(L, cs, strict=True)
        if lab is not None and any(x.key == lab for x in c)
    )
    matched = sum(1 for L in labs for lab in L if lab is not None)
    print(f"matched quotes {matched}, gold speaker among candidates {covered}")
    for C in Cs:
        models = []
        for f in range(folds):
            X, y = [], []
            for i in range(n):
                if fold_of[i] != f:
                    a, b_ = rows(cands[i], labs[i])
                    X += a
                    y += b_
            models.append(fit(X, y, C))
        for margin in margins:
            sc = WhoScores()
            better = worse = other = 0
            for i in range(n):
                w, b = models[fold_of[i]]
                art = copy.deepcopy(arts[i])
                ch = apply(art, cands[i], w, b, margin)
                byid = {id(q): k for k, q in enumerate(art.quotes)}
                for q, old, new in ch:
                    lab = labs[i][byid[id(q)]]
                    if lab is None:
                        other += 1
                    elif name_key(new or "") == lab:
                        better += 1
                    elif name_key(old or "") == lab:
                        worse += 1
                    else:
                        other += 1
                score_article(art, gold[i].gold, sc)
            s = sc.speakers
            print(f"C={C:<6} margin={margin:<5} F1 {s.f1:.3f} ({s.tp:.0f}/{s.n_gold}, pred {s.n_pred})  changes: right {better}, wrong {worse}, other {other}")


def gold_before_after(weights: Path) -> None:
    """Every gold part, the rules before and the chooser after, in one run: aggregate figures and
    the number of speakers changed per part only (no held-out quote is listed)."""
    W = json.loads(weights.read_text())
    w, b, margin = np.array(W["weights"]), W["bias"], W["margin"]
    gold = load_gold(SHARED)
    arts = [g.article() for g in gold]
    cands = analysed(arts)
    before: dict[str, WhoScores] = {}
    after: dict[str, WhoScores] = {}
    changed: dict[str, int] = {}
    for g, a, cs in zip(gold, arts, cands, strict=True):
        score_article(a, g.gold, before.setdefault(g.part, WhoScores()))
        changed[g.part] = changed.get(g.part, 0) + len(apply(a, cs, w, b, margin))
        score_article(a, g.gold, after.setdefault(g.part, WhoScores()))
    for part in before:
        x, y = before[part].speakers, after[part].speakers
        print(f"{part:<12} speakers before P {x.precision:.3f} R {x.recall:.3f} F1 {x.f1:.3f} ({x.tp:.0f}/{x.n_gold}, pred {x.n_pred})"
              f"  after P {y.precision:.3f} R {y.recall:.3f} F1 {y.f1:.3f} ({y.tp:.0f}/{y.n_gold}, pred {y.n_pred})  speakers changed {changed[part]}")


def ceiling() -> None:
    """Per gold part, aggregates only: matched statements, the rule right, the gold speaker among the
    candidates where the rule is wrong, and the speaker F1 of a chooser that always picks it."""
    gold = load_gold(SHARED)
    arts = [g.article() for g in gold]
    cands = analysed(arts)
    tally: dict[str, list[int]] = {}
    for g, a, cs in zip(gold, arts, cands, strict=True):
        t = tally.setdefault(g.part, [0, 0, 0, 0, 0])
        sc = WhoScores()
        score_article(a, g.gold, sc)
        t[3] += sc.speakers.n_pred
        t[4] += sc.speakers.n_gold
        for lab, c in zip(labels(a, g.gold), cs, strict=True):
            if lab is None:
                continue
            rule = next(x for x in c if x.x.get("rule"))
            t[0] += 1
            t[1] += rule.key == lab
            t[2] += rule.key != lab and any(x.key == lab for x in c)
    for part, (m, r, cov, pred, ngold) in tally.items():
        print(f"{part:<12} matched {m}, rule right {r}, gold among the candidates where the rule is wrong {cov} of {m - r};"
              f" rule F1 {2 * r / (pred + ngold):.3f}, oracle chooser F1 {2 * (r + cov) / (pred + ngold):.3f}")


def unannotated(weights: Path, ranks: str) -> None:
    W = json.loads(weights.read_text())
    w, b, margin = np.array(W["weights"]), W["bias"], W["margin"]
    lo, hi = map(int, ranks.split("-"))
    folder = SHARED / "data" / "semeval2023" / "en" / "train-articles-subtask-1"
    found = []
    for path in folder.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        if '"' in text or "\u201c" in text:
            found.append((len(text), path.stem, text))
    found.sort(key=lambda x: (x[0], x[1]))
    arts = [Article(id=aid, text=t) for _, aid, t in found[lo - 1 : hi]]
    cands = analysed(arts)
    print(f"articles {len(arts)}, quotes {sum(len(a.quotes) for a in arts)}")
    for a, cs in zip(arts, cands, strict=True):
        for q, old, new in apply(a, cs, w, b, margin):
            context = a.text[max(0, q.start - 300) : q.end].replace("\n", " | ")
            print(f"{a.id} {q.kind} {old!r} -> {new!r}\n    {context!r}")


def main() -> None:
    what = sys.argv[1]
    if what == "unannotated":
        unannotated(Path(sys.argv[2]), sys.argv[3])
        return
    if what == "ceiling":
        ceiling()
        return
    if what == "gold":
        gold_before_after(Path(sys.argv[2]))
        return
    gold, arts, cands = tune_data()
    if what == "cv":
        cv(gold, arts, cands, [0.03, 0.1, 0.3, 1.0, 3.0], [0.0, 0.5, 1.0, 2.0])
    elif what == "fit":
        C, margin = float(sys.argv[3]), float(sys.argv[4])
        labs = [labels(a, g.gold) for g, a in zip(gold, arts, strict=True)]
        X, y = [], []
        for cs, L in zip(cands, labs, strict=True):
            a, b_ = rows(cs, L)
            X += a
            y += b_
        w, b = fit(X, y, C)
        Path(sys.argv[2]).write_text(json.dumps({"features": list(FEATURES), "weights": [round(float(v), 6) for v in w],
                                                  "bias": round(b, 6), "margin": margin, "C": C}, indent=1))
        for f, v in sorted(zip(FEATURES, w, strict=True), key=lambda x: -abs(x[1])):
            print(f"{f:<22}{v:+.3f}")


if __name__ == "__main__":
    main()
