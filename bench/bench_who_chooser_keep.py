"""Experiment (issue 11, session 9): a learned keep/drop of the rules' statements instead of a
speaker chooser. A logistic regression on 17 statement features estimates P(the statement is
right, speaker included); statements under ``t`` are dropped. 10-fold leave-articles-out CV on the
tune gold only.

    python bench/bench_who_chooser_keep.py
"""

from __future__ import annotations

import copy
import math
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_who_chooser as chooser  # noqa: E402
from spinscope.analyze.attribution.gold import WhoScores, _pairs, _same_speaker, score_article, statements  # noqa: E402

PRONOUNS = {"he", "she", "they", "it", "him", "her", "them", "who", "i", "we"}
FEATURES = ("direct", "partial", "indirect", "nocue", "nospeaker", "unnamed", "pronoun", "person", "org", "loglen",
            "words4", "fragments", "headline", "position", "question", "speaker_near", "title_case")


def features(article, q, headline_end: int, types: dict[str, str]) -> list[float]:
    t = q.text
    words = t.split()
    x = dict.fromkeys(FEATURES, 0.0)
    if q.kind in ("direct", "partial", "indirect"):
        x[q.kind] = 1.0
    x["nocue"] = float(q.cue is None)
    x["nospeaker"] = float(q.speaker is None and q.speaker_kind != "unnamed")
    x["unnamed"] = float(q.speaker_kind == "unnamed")
    x["pronoun"] = float((q.speaker_text or "").strip().lower() in PRONOUNS)
    x["person"] = float(types.get(q.speaker or "") == "PERSON")
    x["org"] = float(types.get(q.speaker or "") in ("ORG", "GPE", "NORP"))
    x["loglen"] = math.log1p(len(t)) / 6
    x["words4"] = float(len(words) <= 4)
    x["fragments"] = float(bool(q.fragments))
    x["headline"] = float(q.start < headline_end)
    x["position"] = q.start / max(1, len(article.text))
    x["question"] = float(t.rstrip().endswith("?"))
    x["speaker_near"] = float(q.speaker_start is not None and abs(q.speaker_start - q.start) < 300)
    x["title_case"] = float(len(words) >= 2 and sum(1 for v in words if v[:1].isupper()) / len(words) > 0.7)
    return [x[f] for f in FEATURES]


def statement_rows(article, gold: dict) -> list[tuple[int, list[float], int]]:
    """(quote position, features, right) for each predicted statement."""
    pi = statements([(q.start, q.end, q.kind, q.speaker) for q in article.quotes])
    gq = gold["quotes"]
    gi = statements([(q["start"], q["end"], q["kind"], q["speaker"]) for q in gq])
    pairs = dict(_pairs([(article.quotes[i].start, article.quotes[i].end) for i in pi],
                        [(gq[j]["start"], gq[j]["end"]) for j in gi], 0.5))
    types = {e.canonical: e.type for e in article.entities}
    headline_end = max(0, article.text.find("\n"))
    out = []
    for k, i in enumerate(pi):
        q = article.quotes[i]
        right = k in pairs and _same_speaker(q.speaker, gq[gi[pairs[k]]]["speaker"])
        out.append((i, features(article, q, headline_end, types), int(right)))
    return out


def main() -> None:
    gold, arts, _ = chooser.tune_data()
    data = [statement_rows(a, g.gold) for g, a in zip(gold, arts, strict=True)]
    n, folds = len(arts), 10
    print(f"statements {sum(len(r) for r in data)}, right {sum(y for r in data for _, _, y in r)}")
    for C in (0.1, 0.3, 1.0, 3.0):
        probs: list[list[float]] = [[] for _ in range(n)]
        for f in range(folds):
            X = [x for i in range(n) if i % folds != f for _, x, _ in data[i]]
            y = [v for i in range(n) if i % folds != f for _, _, v in data[i]]
            w, b = chooser.fit(X, y, C)
            for i in range(f, n, folds):
                probs[i] = [1 / (1 + math.exp(-(float(np.dot(w, x)) + b))) for _, x, _ in data[i]]
        for t in (0.2, 0.3, 0.4, 0.5):
            sc, dropped, dropped_right = WhoScores(), 0, 0
            for i in range(n):
                art = copy.deepcopy(arts[i])
                drop = {data[i][k][0] for k, p in enumerate(probs[i]) if p < t}
                dropped += len(drop)
                dropped_right += sum(data[i][k][2] for k, p in enumerate(probs[i]) if p < t)
                art.quotes = [q for j, q in enumerate(art.quotes) if j not in drop]
                score_article(art, gold[i].gold, sc)
            s = sc.speakers
            print(f"C={C} t={t}: F1 {s.f1:.3f} ({s.tp:.0f}/{s.n_gold}, pred {s.n_pred}), dropped {dropped}, of them right {dropped_right}")


if __name__ == "__main__":
    main()
