"""Experiment: which words carry a technique, from a token-level tagger (issue 13 item 4),
newest-articles holdout, one run.

all-MiniLM-L6 is fine-tuned on the sentence units of the training part with a token head
(one sigmoid per technique on every word piece; a piece is positive inside a gold span of
the technique) beside the unit head (:mod:`spinscope.training.multitask`). A word's
probability is its pieces' maximum. The paragraph decisions are the accurate profile's in
every row (the paragraph model of a ``bench/persuasion_paraft.py`` run mixed with the linear
head, calibrated on the run's inner split); only the words marked inside the chosen
paragraphs differ:

* ``shipped``: the linear head's word model (lexical features, static vectors) and the cut;
* ``tagger``: the tagger's word probabilities in place of the word model / cut, for the
  techniques where they win on the inner split (one threshold each, chosen there);
* ``combined``: the geometric mean of the word model's and the tagger's probabilities,
  the word model's thresholds scaled by the factor the inner split prefers;
* ``decoding``: the shipped word model with its thresholds scaled, the fallback and the
  cut floor (``cut_min``) chosen on the inner split under the accurate decisions;
* ``..., gold paragraphs``: the gold paragraph labels as the decisions (an upper bound of
  what the placement alone can reach).

Nothing is chosen on the holdout::

    PYTHONPATH=src python bench/persuasion_tokens.py --data ../shared/data/semeval2023/en \
        --run /tmp/pft --tagger /tmp/tok --epochs 3
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

import persuasion_gate as gate_bench
from results_io import emit
from spinscope.analyze.paragraphs import ParagraphSplitter
from spinscope.analyze.persuasion import marking
from spinscope.analyze.persuasion.analyzers import TechniquesAnalyzer
from spinscope.analyze.persuasion.features import make_units
from spinscope.analyze.persuasion.wordspans import WordModel, word_offsets
from spinscope.evaluation import SpanScore, score_predictions
from spinscope.semeval import SemevalArticle, load_semeval
from spinscope.training import multitask
from spinscope.training.data import paragraph_units, technique_units
from spinscope.training.tagger import calibrate, linear_paragraph_probs

LABELS = gate_bench.LABELS
THRESHOLDS = (0.02, 0.04, 0.07, 0.1, 0.14, 0.2, 0.28)


def train_tagger(fit: list[SemevalArticle], out: Path, epochs: int, pos_weight: float) -> Any:
    """The token tagger of the last epoch (trained once; later runs read ``out``)."""
    import torch

    model = multitask.build_model(len(LABELS))
    done = out / f"epoch{epochs}.pt"
    if not done.is_file():
        out.mkdir(parents=True, exist_ok=True)
        data = technique_units(fit, LABELS)
        enc = multitask.encode_units(multitask.tokenizer(), data, len(LABELS))
        config = multitask.TrainConfig(epochs=epochs, token_pos_weight=pos_weight, token_loss_weight=1.0)
        multitask.save_state(multitask.train(enc, data.y, config, say=print), done)
    model.load_state_dict(torch.load(str(done), map_location="cpu"))
    return model.eval()


def word_probs(model: Any, texts: list[str]) -> dict[str, np.ndarray]:
    """Per unit text, (n_words, L): the maximum token probability over each word's pieces."""
    import torch

    enc = multitask.tokenizer().encode_batch(texts)
    out: dict[str, np.ndarray] = {}
    with torch.inference_mode():
        for batch in multitask.length_batches([len(e.ids) for e in enc], 64, None):
            ids, mask = multitask._pad([enc[j].ids for j in batch])
            pieces = model(torch.from_numpy(ids), torch.from_numpy(mask))[1].numpy()
            for r, j in enumerate(batch):
                words = np.zeros((len(word_offsets(texts[j])), len(LABELS)), np.float32)
                for w, (s, e) in enumerate(word_offsets(texts[j])):
                    hit = [p for p, (a, b) in enumerate(enc[j].offsets) if b > a and a < e and s < b]
                    if hit:
                        words[w] = pieces[r, hit].max(0)
                out[texts[j]] = words
    return out


class Words:
    """Stands in for :func:`marking.score_units`: each covered technique's word
    probabilities from the tagger, the word model, or their geometric mean."""

    def __init__(self, lexical: WordModel, tagged: dict[str, np.ndarray]) -> None:
        self.lexical, self.tagged = lexical, tagged
        self.from_tagger: set[int] = set()
        self.combine = False
        self.original = marking.score_units

    def __call__(self, model: WordModel, texts: list[str], articles: list[int], wanted: list[int]) -> dict[int, Any]:
        lex = self.original(self.lexical, texts, articles, wanted)
        out = {}
        for m in wanted:
            cols = []
            for j in model.labels:
                own = lex[m][1][:, self.lexical.labels.index(j)] if j in self.lexical.labels else None
                tag = self.tagged[texts[m]][:, j]
                cols.append(np.sqrt(own * tag) if self.combine and own is not None else tag if own is None or j in self.from_tagger else own)
            out[m] = (lex[m][0], np.column_stack(cols) if cols else np.zeros((len(lex[m][0]), 0)))
        return out

    def model(self, from_tagger: dict[int, float], scale: float = 1.0, fallback: bool = False) -> WordModel:
        lex = self.lexical
        labels = sorted(set(lex.labels) | set(from_tagger))
        thr = np.array([from_tagger[j] if j in from_tagger else lex.thresholds[lex.labels.index(j)] * scale for j in labels])
        bars = None if lex.promote is None else np.array(
            [np.inf if j in from_tagger else lex.promote[lex.labels.index(j)] for j in labels])
        self.from_tagger = set(from_tagger)
        return WordModel({}, np.zeros((0, len(labels))), np.zeros(len(labels)), labels, thr, lex.gap, fallback, promote=bars)


class GoldParagraphs(TechniquesAnalyzer):
    """The techniques analyzer with the gold paragraph labels as its decisions: what the
    word placement alone can reach."""

    gold: dict[str, np.ndarray] = {}

    def _decisions(self, articles: list[Any], pred: Any) -> tuple[np.ndarray, np.ndarray]:
        bounds = {(a, p.id): (p.start, p.end) for a, art in enumerate(articles) for p in art.paragraphs}
        texts = [articles[a].text[slice(*bounds[(a, pid)])] for a, pid in pred.paragraph_keys]
        empty = np.zeros(len(LABELS))
        return pred.paragraph_probs, np.array([self.gold.get(gate_bench._key(t), empty) for t in texts], dtype=bool)


def analyse(golds: list[SemevalArticle], head: dict[str, Any], words: WordModel, tagger: dict[str, Any] | None) -> SpanScore:
    articles = [a.to_article() for a in golds]
    ParagraphSplitter()(articles)
    analyzer = TechniquesAnalyzer(head) if tagger is not None else GoldParagraphs(head)
    analyzer.words, analyzer.tagger = words, tagger
    analyzer(articles)
    spans = score_predictions(golds, articles).spans
    assert spans is not None
    return spans


def summary(s: SpanScore) -> dict[str, Any]:
    return {"f1": round(s.micro.f1, 4), "p": round(s.micro.precision, 4), "r": round(s.micro.recall, 4),
            "per_technique_f1": {k: round(v.f1, 3) for k, v in s.per_label.items() if v.support >= 50}}


def unit_texts(golds: list[SemevalArticle]) -> list[str]:
    articles = [a.to_article() for a in golds]
    ParagraphSplitter()(articles)
    return make_units([(a.text, [(p.id, p.start, p.end) for p in a.paragraphs]) for a in articles]).text


def choose(words: Words, run: Any, linear: dict[str, Any]) -> dict[str, Any]:
    """Every variant's setting, chosen on the inner split."""
    base = run(words.model({}), linear).per_label
    best: dict[str, tuple[float, float]] = {}
    everything = set(range(len(LABELS)))
    for t in THRESHOLDS:
        for label, prf in run(words.model(dict.fromkeys(everything, t)), linear).per_label.items():
            if prf.f1 > best.get(label, (0.0, t))[0]:
                best[label] = (prf.f1, t)
    tagger = {LABELS.index(k): t for k, (f, t) in best.items() if f > (base[k].f1 if k in base else 0.0) + 0.01}
    words.combine = True
    scale = max((0.7, 0.85, 1.0, 1.2, 1.4), key=lambda s: run(words.model({}, s), linear).micro.f1)
    words.combine = False
    decoding = max(((s, f, c) for s in (0.6, 0.8, 1.0, 1.25) for f in (False, True) for c in (0.0, 0.5, 1.0)),
                   key=lambda k: run(words.model({}, k[0], k[1]), {**linear, "cut_min": k[2]}).micro.f1)
    return {"tagger": tagger, "combined_scale": scale, "decoding": decoding}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", required=True)
    ap.add_argument("--run", required=True, type=Path, help="a bench/persuasion_paraft.py run (split, scores)")
    ap.add_argument("--paragraph-epoch", type=int, default=3)
    ap.add_argument("--tagger", required=True, type=Path, help="folder of the token tagger (trained when empty)")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--pos-weight", type=float, default=2.0)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    split = json.loads((args.run / "split.json").read_text())
    by_id = {a.id: a for a in load_semeval(args.data).articles}
    fit, inner, hold = ([by_id[i] for i in split[k] if by_id[i].spans is not None] for k in ("fit", "inner", "holdout"))
    linear = gate_bench.fit_linear(fit, args.run / "linear.pkl")
    tagger_model = train_tagger(fit, args.tagger, args.epochs, args.pos_weight)
    words = Words(WordModel.from_head(linear), word_probs(tagger_model, sorted(set(unit_texts(inner)) | set(unit_texts(hold)))))
    marking.score_units = words  # the experiment's word scores
    inner_data = paragraph_units(inner, LABELS)
    raw = np.load(args.run / f"inner-epoch{args.paragraph_epoch}.npy").astype(np.float64)
    cal = calibrate(raw, linear_paragraph_probs(linear, inner, inner_data), inner_data.y, np.asarray(linear["para_thresholds"]))
    tables = {"inner": gate_bench.ScoreTable(inner_data.units.text, raw),
              "holdout": gate_bench.ScoreTable(paragraph_units(hold, LABELS).units.text,
                                               np.load(args.run / f"holdout-epoch{args.paragraph_epoch}.npy"))}

    def on(part: str) -> Any:
        golds = inner if part == "inner" else hold
        return lambda w, head: analyse(golds, head, w, {**cal, "tagger": tables[part]})

    chosen = choose(words, on("inner"), linear)
    hold_run = on("holdout")
    result: dict[str, Any] = {"fit": len(fit), "inner": len(inner), "holdout": len(hold), "mix": cal["mix"],
                              "chosen": {**chosen, "tagger": {LABELS[j]: t for j, t in chosen["tagger"].items()}},
                              "shipped": summary(hold_run(words.model({}), linear)),
                              "tagger": summary(hold_run(words.model(chosen["tagger"]), linear))}
    words.combine = True
    result["combined"] = summary(hold_run(words.model({}, chosen["combined_scale"]), linear))
    words.combine = False
    s, f, c = chosen["decoding"]
    result["decoding"] = summary(hold_run(words.model({}, s, f), {**linear, "cut_min": c}))
    hold_data = paragraph_units(hold, LABELS)
    GoldParagraphs.gold = {gate_bench._key(t): y for t, y in zip(hold_data.units.text, hold_data.y, strict=True)}
    for name, model in (("shipped", words.model({})), ("tagger", words.model(chosen["tagger"]))):
        result[f"{name}, gold paragraphs"] = summary(analyse(hold, linear, model, None))
    emit(result, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
