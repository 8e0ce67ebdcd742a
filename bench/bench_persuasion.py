"""Benchmark the persuasion models: 5-fold CV with baselines, reliability, speed, memory.

    python bench/bench_persuasion.py cv --data ../shared/data/semeval2023 --out bench/results/persuasion_cv.json
    python bench/bench_persuasion.py speed --data ../shared/data/semeval2023/en --n 200

    python bench/bench_persuasion.py spans --data ../shared/data/semeval2023/en --folds 1,2 --out bench/results/persuasion_spans.json

``spans`` compares sentence-unit spans with tightened spans (techniques head only,
same outer folds as ``cv``: 5 folds by article, seed 13; ``--folds`` picks which).
``cv`` trains in every fold (minutes); ``speed`` times the shipped models on
English articles (run it in its own process so peak RSS means something).
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from spinscope.evaluation import EvalReport
from spinscope.semeval import load_semeval


def _summary(report: EvalReport) -> dict[str, float]:
    out: dict[str, float] = {}
    if report.genre:
        out["genre_macro_f1"] = report.genre.macro_f1
    if report.frames:
        out["frames_micro_f1"] = report.frames.micro.f1
    if report.techniques:
        out["techniques_micro_f1"] = report.techniques.micro.f1
        out["techniques_macro_f1"] = report.techniques.macro_f1
    if report.spans:
        out["span_f1"] = report.spans.micro.f1
    return out


def _mean_std(rows: list[dict[str, float]]) -> dict[str, list[float]]:
    keys = sorted({k for r in rows for k in r})
    return {k: [float(np.mean([r[k] for r in rows if k in r])), float(np.std([r[k] for r in rows if k in r]))] for k in keys}


def _per_label(reports: list[EvalReport], task: str) -> dict[str, float]:
    per: dict[str, list[float]] = {}
    for r in reports:
        score = getattr(r, task)
        if score is not None:
            for name, v in score.per_label.items():
                per.setdefault(name, []).append(v.f1)
    return {k: float(np.mean(v)) for k, v in per.items()}


def cmd_cv(args: argparse.Namespace) -> int:
    from spinscope.training.crossval import cross_validate

    start = time.time()
    data = load_semeval(args.data)
    result = cross_validate(data.articles, folds=args.folds, quick=args.quick,
                            progress=lambda m: print(f"[{time.time() - start:6.0f}s] {m}", file=sys.stderr, flush=True))
    out: dict[str, Any] = {
        "command": " ".join(sys.argv),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} {platform.processor() or ''} python {platform.python_version()}",
        "seconds": round(time.time() - start, 1),
        "model": _mean_std([_summary(f.model) for f in result.folds]),
        "majority": _mean_std([_summary(f.majority) for f in result.folds]),
        "tfidf_linear": _mean_std([_summary(f.tfidf) for f in result.folds]),
        "per_label_techniques": _per_label([f.model for f in result.folds], "techniques"),
        "per_label_spans": _per_label([f.model for f in result.folds], "spans"),
        "per_label_frames": _per_label([f.model for f in result.folds], "frames"),
        "per_label_genre": _per_label([f.model for f in result.folds], "genre"),
    }
    for name in ("technique", "frame", "genre"):
        rel = getattr(result, f"{name}_reliability")
        if rel is not None:
            out[f"{name}_reliability"] = {"ece": rel.ece, "bins": rel.bins}
    text = json.dumps(out, indent=2)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


def cmd_spans(args: argparse.Namespace) -> int:
    """Old (whole sentence units) vs new (tightened) spans on the outer CV folds, from the
    same trained techniques head, so paragraph predictions are identical by construction
    (checked) and only the span offsets differ."""
    from sklearn.model_selection import KFold

    from spinscope.analyze import persuasion
    from spinscope.catalog import TECHNIQUES
    from spinscope.evaluation import multilabel_scores, span_scores
    from spinscope.training.data import technique_units
    from spinscope.training.heads import SEED, fit_techniques

    start = time.time()
    target = [a for a in load_semeval(args.data).articles if a.language == "en"]
    wanted = [int(k) for k in args.folds.split(",")] if args.folds else list(range(1, 6))
    labels = list(TECHNIQUES)
    rows = []
    for k, (train_idx, test_idx) in enumerate(KFold(5, shuffle=True, random_state=SEED).split(target), start=1):
        if k not in wanted:
            continue
        train = [target[i] for i in train_idx if target[i].paragraph_labels is not None]
        test = [target[i] for i in test_idx]
        data = technique_units(train, labels)
        head = fit_techniques(data.units, data.y, data.groups, labels, unit_spans=data.spans)
        old_head = {key: v for key, v in head.items() if key != "span_modes"}
        reports = {}
        paragraph_preds = []
        for name, h in (("old", old_head), ("new", head)):
            persuasion.set_bundle({"version": name, "techniques": h, "genre": None, "frames": None})
            analyzer = persuasion.TechniquesAnalyzer()
            preds = []
            for i in range(0, len(test), 32):
                batch = [a.to_article() for a in test[i : i + 32]]
                analyzer(batch)
                preds.extend(batch)
            g_par, p_par = {}, {}
            for gold, pred in zip(test, preds, strict=True):
                by_id = {p.id: p for p in pred.paragraphs}
                for pid, labs in (gold.paragraph_labels or {}).items():
                    g_par[(gold.id, pid)] = labs
                    p_par[(gold.id, pid)] = [t.label for t in by_id[pid].techniques] if pid in by_id else []
            paragraph_preds.append(p_par)
            g_spans = {a.id: [(s.label, s.start, s.end) for s in a.spans] for a in test if a.spans is not None}
            p_spans = {p.id: [(t.label, t.start, t.end) for t in p.techniques] for p in preds}
            reports[name] = (multilabel_scores(g_par, p_par, labels), span_scores(g_spans, p_spans),
                             float(np.mean([t.end - t.start for p in preds for t in p.techniques])))
        persuasion.use_models(None)
        assert paragraph_preds[0] == paragraph_preds[1], "paragraph predictions must not change"
        row = {
            "fold": k,
            "span_modes": {labels[j]: list(m) for j, m in enumerate(head["span_modes"])},
        }
        for name, (par, spn, mean_len) in reports.items():
            row[name] = {"paragraph_micro_f1": par.micro.f1, "span_f1": spn.micro.f1,
                         "span_precision": spn.micro.precision, "span_recall": spn.micro.recall,
                         "mean_span_chars": mean_len,
                         "per_label_span_f1": {n: v.f1 for n, v in spn.per_label.items()}}
        rows.append(row)
        print(f"[{time.time() - start:6.0f}s] fold {k}: span F1 {row['old']['span_f1']:.3f} -> {row['new']['span_f1']:.3f}, "
              f"paragraph micro-F1 {row['old']['paragraph_micro_f1']:.3f} / {row['new']['paragraph_micro_f1']:.3f}",
              file=sys.stderr, flush=True)
    out = {
        "command": " ".join(sys.argv),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} {platform.processor() or ''} python {platform.python_version()}",
        "seconds": round(time.time() - start, 1),
        "folds": rows,
        "mean": {name: {m: float(np.mean([r[name][m] for r in rows])) for m in ("paragraph_micro_f1", "span_f1")}
                 for name in ("old", "new")},
    }
    text = json.dumps(out, indent=2)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


def cmd_speed(args: argparse.Namespace) -> int:
    from spinscope.analyze.pipeline import Pipeline

    data = load_semeval(args.data)
    articles = [a.to_article() for a in data.articles[: args.n]]
    for a in articles:
        a.paragraphs = []
    t0 = time.time()
    pipeline = Pipeline.from_names(["paragraphs", "genre", "frames", "techniques"])
    load_s = time.time() - t0
    pipeline([a.__class__(text=a.text, id=a.id) for a in articles[:4]])  # warm-up
    t0 = time.time()
    for i in range(0, len(articles), args.batch):
        pipeline(articles[i : i + args.batch])
    seconds = time.time() - t0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "command": " ".join(sys.argv),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "articles": len(articles),
        "paragraphs": sum(len(a.paragraphs) for a in articles),
        "load_seconds": round(load_s, 2),
        "seconds": round(seconds, 2),
        "articles_per_second": round(len(articles) / seconds, 2),
        "peak_rss_mb": round(rss_mb, 1),
    }
    print(json.dumps(result, indent=2))
    return 0


def cmd_genre_shift(args: argparse.Namespace) -> int:
    """Leave-one-language-out genre scores: how the genre head fares on a genre mix it
    was not trained on, with and without the other languages and balanced weights."""
    from spinscope.analyze.persuasion.features import DocFeatures
    from spinscope.analyze.persuasion.predict import predict_genre
    from spinscope.evaluation import genre_scores
    from spinscope.training import cached_doc_features
    from spinscope.training.data import doc_text, paragraph_texts
    from spinscope.training.heads import GENRES, fit_genre

    data = [a for a in load_semeval(args.data).articles if a.genre in GENRES]
    feats = cached_doc_features([paragraph_texts(doc_text(a)) for a in data])

    def take(idx: list[int]) -> DocFeatures:
        return DocFeatures([feats.texts[i] for i in idx], feats.embeddings[idx], feats.style[idx])

    rows = {}
    for lang in sorted({a.language for a in data}):
        test = [i for i, a in enumerate(data) if a.language == lang]
        variants = {
            "all other languages, balanced": [i for i, a in enumerate(data) if a.language != lang],
            "English only, balanced": [i for i, a in enumerate(data) if a.language == "en"] if lang != "en" else [],
        }
        gold = {data[i].id: data[i].genre or "" for i in test}
        row = {"articles": len(test), "reporting_share": sum(1 for i in test if data[i].genre == "reporting") / len(test)}
        for name, train in variants.items():
            if not train:
                continue
            head = fit_genre(take(train), [data[i].genre or "" for i in train])
            probs = predict_genre(head, take(test))
            pred = {data[i].id: GENRES[int(np.argmax(p))] for i, p in zip(test, probs, strict=True)}
            row[name] = genre_scores(gold, pred).macro_f1
        rows[lang] = row
    print(json.dumps({"command": " ".join(sys.argv), "date": datetime.now(UTC).isoformat(timespec="seconds"),
                      "leave_one_language_out": rows}, indent=2))
    return 0


def cmd_protocol(args: argparse.Namespace) -> int:
    """One model-selection protocol by name (newest, lolo, cv), the shipped models beside
    the retrained recipe where the protocol allows (newest)."""
    from spinscope.semeval import load_semeval
    from spinscope.training.protocols import run_protocol

    compare = {"shipped-fast": (None, "fast"), "shipped-accurate": (None, "accurate")} if args.name == "newest" else {}
    result = run_protocol(args.name, load_semeval(args.data).articles, compare, quick=args.quick,
                          progress=lambda m: print(m, file=sys.stderr, flush=True))
    rows = {part: {name: {"articles": r.n_articles,
                          "genre": r.genre.macro_f1 if r.genre else None,
                          "frames": r.frames.micro.f1 if r.frames else None,
                          "techniques": r.techniques.micro.f1 if r.techniques else None,
                          "spans": r.spans.micro.f1 if r.spans else None} for name, r in reports.items()}
            for part, reports in result.parts.items()}
    text = json.dumps({"command": " ".join(sys.argv), "date": datetime.now(UTC).isoformat(timespec="seconds"),
                       "protocol": args.name, "parts": rows}, indent=2)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    cv = sub.add_parser("cv")
    cv.add_argument("--data", required=True)
    cv.add_argument("--folds", type=int, default=5)
    cv.add_argument("--quick", action="store_true")
    cv.add_argument("--out", default=None)
    speed = sub.add_parser("speed")
    speed.add_argument("--data", required=True)
    speed.add_argument("--n", type=int, default=200)
    speed.add_argument("--batch", type=int, default=32)
    spans = sub.add_parser("spans")
    spans.add_argument("--data", required=True)
    spans.add_argument("--folds", default=None, help="comma-separated outer folds (1-5) to run; default all")
    spans.add_argument("--out", default=None)
    shift = sub.add_parser("genre-shift")
    shift.add_argument("--data", required=True)
    protocol = sub.add_parser("protocol", help="run one model-selection protocol by name")
    protocol.add_argument("name", choices=("newest", "lolo", "cv"))
    protocol.add_argument("--data", required=True)
    protocol.add_argument("--quick", action="store_true")
    protocol.add_argument("--out", default=None)
    args = parser.parse_args()
    commands = {"cv": cmd_cv, "spans": cmd_spans, "speed": cmd_speed, "genre-shift": cmd_genre_shift, "protocol": cmd_protocol}
    return commands[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
