"""Per-technique reliability of the shipped techniques recipes, measured honestly.

    python bench/bench_reliability.py --data ../shared/data/semeval2023 \\
        --out src/spinscope/resources/models/reliability.json [--accurate-run /tmp/pft --epoch 3]

The shipped model was trained on every English article, so its own scores on them
would be in-sample. Instead the SAME linear recipe (``fit_all``'s techniques head:
TF-IDF LR on sentence units, out-of-fold Platt maps, thresholds and span modes fitted
inside the training part) is retrained on the training part of the ``newest`` protocol
(English ids < 760000000, :func:`spinscope.training.protocols.newest_split`) and scored
on the newer articles: paragraph-level F1 and support per technique (the figure the web
UI shows), plus span F1 with partial-overlap credit. With ``--accurate-run`` the accurate
profile (the default) is measured instead, from a ``bench/persuasion_paraft.py`` run (its
fine-tuned model never saw the newer articles; its mix and gate are fitted on its inner split). Genre and frames are not refitted
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

sys.path.insert(0, str(Path(__file__).resolve().parent))  # persuasion_gate (the accurate profile's recipe)

from spinscope.semeval import SemevalArticle, load_semeval  # noqa: E402

SEMEVAL = ""


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
    from spinscope.evaluation import predict_articles, score_predictions

    persuasion.set_bundle({"version": version, "techniques": head, "genre": None, "frames": None})
    try:
        preds = predict_articles(test, names=("paragraphs", "techniques"))
    finally:
        persuasion.use_models(None)
    return scores_of(score_predictions(test, preds), test)


def score_accurate(run: Path, epoch: int, test: list[SemevalArticle]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Scores of the accurate profile's recipe on ``test`` from a ``bench/persuasion_paraft.py``
    run: the paragraph model fine-tuned on the run's fit split, its mix and gate fitted on the
    inner split with a linear head fitted on the fit split (``bench/persuasion_gate.py``);
    also the fitted mix."""
    import numpy as np

    from persuasion_gate import LABELS, ScoreTable, fit_linear
    from spinscope.analyze.paragraphs import ParagraphSplitter
    from spinscope.analyze.persuasion.analyzers import TechniquesAnalyzer
    from spinscope.evaluation import score_predictions
    from spinscope.training.data import paragraph_units
    from spinscope.training.tagger import calibrate, linear_paragraph_probs

    split = json.loads((run / "split.json").read_text())
    by_id = {a.id: a for a in test}
    if set(split["holdout"]) - set(by_id):
        raise SystemExit(f"{run}: its holdout is not the newest-articles validation part")
    everything = {a.id: a for a in load_semeval(SEMEVAL).articles if a.language == "en"}
    fit, inner = [everything[i] for i in split["fit"]], [everything[i] for i in split["inner"]]
    linear = fit_linear(fit, run / "linear.pkl")
    inner_data = paragraph_units(inner, LABELS)
    raw = np.load(run / f"inner-epoch{epoch}.npy").astype(np.float64)
    cal = calibrate(raw, linear_paragraph_probs(linear, inner, inner_data), inner_data.y,
                    np.asarray(linear["para_thresholds"]))
    table = ScoreTable(paragraph_units(test, LABELS).units.text, np.load(run / f"holdout-epoch{epoch}.npy"))
    articles = [a.to_article() for a in test]
    ParagraphSplitter()(articles)
    analyzer = TechniquesAnalyzer(linear)
    analyzer.tagger = {**cal, "tagger": table}
    analyzer(articles)
    return scores_of(score_predictions(test, articles), test), cal["mix"]


def scores_of(report: Any, test: list[SemevalArticle]) -> dict[str, Any]:
    """The per-technique table of a report."""
    from spinscope.catalog import TECHNIQUES

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
    parser.add_argument("--accurate-run", type=Path, default=None,
                        help="measure the accurate profile from this bench/persuasion_paraft.py run instead")
    parser.add_argument("--epoch", type=int, default=3, help="the run's epoch (with --accurate-run)")
    args = parser.parse_args()
    global SEMEVAL
    SEMEVAL = args.data

    from spinscope.training import MODEL_VERSION
    from spinscope.training.protocols import NEWEST_ID, newest_split

    start = time.time()
    train, test = newest_split(load_semeval(args.data).articles)
    train = [a for a in train if a.paragraph_labels is not None]
    test = [a for a in test if a.paragraph_labels is not None]
    print(f"training on {len(train)} English articles (id < {NEWEST_ID}), scoring {len(test)}", file=sys.stderr, flush=True)
    date = datetime.now(UTC).date().isoformat()
    if args.accurate_run:
        scores, mix = score_accurate(args.accurate_run, args.epoch, test)
        recipe = (f"the accurate profile's recipe (all-MiniLM-L6 fine-tuned {args.epoch} epochs on the paragraphs of "
                  f"80% of the {len(train)} English articles with id < {NEWEST_ID}, mixed with the linear head "
                  f"as the other 20% chose: weight {mix['weight']}, threshold {mix['threshold']:.3f}, gate {mix['gate']})")
        model = f"{MODEL_VERSION}+minilm-paragraphs (accurate profile, the default)"
    else:
        head = fit_linear_techniques(train, quick=args.quick)
        print(f"[{time.time() - start:6.0f}s] fitted; scoring", file=sys.stderr, flush=True)
        scores = score_head(head, MODEL_VERSION, test)
        recipe = (f"the shipped linear recipe retrained on {len(train)} English articles with id < {NEWEST_ID} "
                  "(thresholds fitted inside them)")
        model = f"{MODEL_VERSION} (fast profile, linear techniques head)"
    doc = {
        "protocol": (f"Paragraph-level F1 on the newest-articles holdout: {recipe}, "
                     f"scored on the {len(test)} newer ones ({scores['paragraphs']} paragraphs); measured {date}. "
                     f"F1 is 0 (undefined) for the {len(scores['no_support'])} techniques with no English example."),
        "model": model + (" QUICK" if args.quick else ""),
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
