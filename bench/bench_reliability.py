"""Per-technique reliability of the shipped "fast" techniques recipe, measured honestly.

    python bench/bench_reliability.py --data ../shared/data/semeval2023 \\
        --out src/spinscope/resources/models/reliability.json

The shipped model was trained on every English article, so its own scores on them
would be in-sample. Instead the SAME linear recipe (``fit_all``'s techniques head:
TF-IDF LR on sentence units, out-of-fold Platt maps, thresholds and span modes fitted
inside the training part) is retrained on the training part of the ``newest`` protocol
(English ids < 760000000, :func:`spinscope.training.protocols.newest_split`) and scored
on the newer articles: paragraph-level F1 and support per technique (the figure the web
UI shows), plus span F1 with partial-overlap credit. Genre and frames are not refitted
(they do not feed the techniques head). The output is the file the web UI reads
(``serve/reading.py``); the model folder's manifest is rewritten so the loader accepts it.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from spinscope.semeval import SemevalArticle, load_semeval


def fit_linear_techniques(train: list[SemevalArticle], quick: bool = False) -> dict[str, Any]:
    """The techniques head exactly as ``spinscope.training.fit_all`` fits it."""
    from spinscope.catalog import TECHNIQUES
    from spinscope.training.data import technique_units
    from spinscope.training.heads import fit_techniques

    labels = list(TECHNIQUES)
    data = technique_units([a for a in train if a.paragraph_labels is not None], labels)
    return fit_techniques(data.units, data.y, data.groups, labels, folds=2 if quick else 3, quick=quick,
                          unit_spans=data.spans)


def score_head(head: dict[str, Any], version: str, test: list[SemevalArticle]) -> dict[str, Any]:
    """Paragraph- and span-level scores of ``head`` (fast profile) on ``test``."""
    from spinscope.analyze import persuasion
    from spinscope.catalog import TECHNIQUES
    from spinscope.evaluation import predict_articles, score_predictions

    persuasion.set_bundle({"version": version, "techniques": head, "genre": None, "frames": None})
    try:
        preds = predict_articles(test, names=("paragraphs", "techniques"))
    finally:
        persuasion.use_models(None)
    report = score_predictions(test, preds)
    par, spn = report.techniques, report.spans
    if par is None or spn is None:
        raise SystemExit("the scored articles carry no paragraph or span labels")
    n_paragraphs = sum(len(a.paragraph_labels or {}) for a in test)
    techniques = {}
    for label in TECHNIQUES:
        row = par.per_label[label]
        span = spn.per_label.get(label)
        techniques[label] = {"f1": round(row.f1, 4), "precision": round(row.precision, 4),
                             "recall": round(row.recall, 4), "support": int(row.support),
                             "span_f1": round(span.f1, 4) if span else 0.0,
                             "span_support": int(span.support) if span else 0}
    return {"paragraph_micro_f1": round(par.micro.f1, 4), "paragraph_macro_f1": round(par.macro_f1, 4),
            "span_micro_f1": round(spn.micro.f1, 4), "paragraphs": n_paragraphs,
            "no_support": [k for k, v in techniques.items() if not v["support"]], "techniques": techniques}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True, help="SemEval-2023 folder (the English part is used)")
    parser.add_argument("--out", default=None, help="reliability.json to write (default: print only)")
    parser.add_argument("--quick", action="store_true", help="small vocabularies and folds (smoke test only)")
    parser.add_argument("--no-manifest", action="store_true", help="do not rewrite the output folder's manifest")
    args = parser.parse_args()

    from spinscope.training import MODEL_VERSION
    from spinscope.training.protocols import NEWEST_ID, newest_split

    start = time.time()
    train, test = newest_split(load_semeval(args.data).articles)
    train = [a for a in train if a.paragraph_labels is not None]
    test = [a for a in test if a.paragraph_labels is not None]
    print(f"training on {len(train)} English articles (id < {NEWEST_ID}), scoring {len(test)}", file=sys.stderr, flush=True)
    head = fit_linear_techniques(train, quick=args.quick)
    print(f"[{time.time() - start:6.0f}s] fitted; scoring", file=sys.stderr, flush=True)
    scores = score_head(head, MODEL_VERSION, test)
    date = datetime.now(UTC).date().isoformat()
    doc = {
        "protocol": (f"Paragraph-level F1 on the newest-articles holdout: the shipped linear recipe retrained on "
                     f"{len(train)} English articles with id < {NEWEST_ID} (thresholds fitted inside them), "
                     f"scored on the {len(test)} newer ones ({scores['paragraphs']} paragraphs); measured {date}. "
                     f"F1 is 0 (undefined) for the {len(scores['no_support'])} techniques with no English example."),
        "model": f"{MODEL_VERSION} (fast profile, linear techniques head)" + (" QUICK" if args.quick else ""),
        "date": date,
        "command": " ".join(["python", *sys.argv]),
        "machine": f"{platform.machine()} python {platform.python_version()}",
        "seconds": round(time.time() - start, 1),
        "train_articles": len(train),
        "test_articles": len(test),
        **scores,
    }
    text = json.dumps(doc, indent=2, sort_keys=False)
    print(text)
    if args.out:
        out = Path(args.out)
        out.write_text(text + "\n", encoding="utf-8")
        if not args.no_manifest and (out.parent / "manifest.json").is_file():
            from spinscope.analyze.persuasion.manifest import write_manifest

            write_manifest(out.parent)
    return 0


if __name__ == "__main__":
    sys.exit(main())
