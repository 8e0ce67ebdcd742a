"""Experiment (not shipped): fine-tune all-MiniLM-L6 on sentence units for techniques.

Same outer folds as ``bench_persuasion.py cv`` (KFold(5, shuffle, seed 13) over the
English articles). In each fold the encoder is fine-tuned on 80% of the training
articles; Platt maps and per-label thresholds are fitted on the other 20% (never on
the scored fold); the held-out fold is scored with spinscope.evaluation. Needs torch
and transformers (the ``train`` extra); meant for a GPU machine::

    PYTHONPATH=src python bench/persuasion_finetune.py --data DIR/en --model MINILM_DIR --out result.json
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import torch
from sklearn.model_selection import KFold
from torch import nn
from transformers import AutoModel, AutoTokenizer

from spinscope.analyze.persuasion.features import Units
from spinscope.analyze.persuasion.predict import platt, pool_paragraphs
from spinscope.catalog import TECHNIQUES
from spinscope.evaluation import multilabel_scores, span_scores
from spinscope.semeval import load_semeval
from spinscope.training.data import technique_units
from spinscope.training.heads import SEED, best_threshold, fit_platt


class Tagger(nn.Module):
    """MiniLM encoder, mean pooling, one linear layer over the 23 techniques."""

    def __init__(self, path: str, n_labels: int) -> None:
        super().__init__()
        self.encoder = AutoModel.from_pretrained(path, dtype=torch.float32)
        self.dropout = nn.Dropout(0.1)
        self.head = nn.Linear(self.encoder.config.hidden_size, n_labels)

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        hidden = self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
        pooled = (hidden * mask.unsqueeze(-1)).sum(1) / mask.sum(1, keepdim=True).clamp(min=1)
        return self.head(self.dropout(pooled))


def _batches(tok: AutoTokenizer, texts: list[str], idx: np.ndarray, size: int, max_len: int, device: str):  # type: ignore[no-untyped-def]
    for i in range(0, len(idx), size):
        chunk = idx[i : i + size]
        enc = tok([texts[j] for j in chunk], truncation=True, max_length=max_len, padding=True, return_tensors="pt")
        yield chunk, enc["input_ids"].to(device), enc["attention_mask"].to(device)


def fine_tune(path: str, texts: list[str], y: np.ndarray, epochs: int, device: str, max_len: int = 128) -> Tagger:
    torch.manual_seed(SEED)
    tok = AutoTokenizer.from_pretrained(path)
    model = Tagger(path, y.shape[1]).to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=5e-5, weight_decay=0.01)
    steps = epochs * ((len(texts) + 31) // 32)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=5e-5, total_steps=steps, pct_start=0.1)
    pos = y.sum(0)
    pos_weight = torch.tensor(np.clip((len(y) - pos) / np.maximum(pos, 1), 1, 30) ** 0.5, dtype=torch.float32, device=device)
    loss_fn = nn.BCEWithLogitsLoss(pos_weight=pos_weight)
    target = torch.tensor(y, dtype=torch.float32)
    rng = np.random.default_rng(SEED)
    model.train()
    for _ in range(epochs):
        for chunk, ids, mask in _batches(tok, texts, rng.permutation(len(texts)), 32, max_len, device):
            with torch.autocast(device_type="cuda", dtype=torch.bfloat16, enabled=device == "cuda"):
                logits = model(ids, mask)
            loss = loss_fn(logits.float(), target[chunk].to(device))
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
    model.eval()
    model.tokenizer = tok  # type: ignore[assignment]
    return model


@torch.no_grad()
def predict(model: Tagger, texts: list[str], device: str, max_len: int = 128) -> np.ndarray:
    out = np.zeros((len(texts), model.head.out_features))
    order = np.argsort([len(t) for t in texts])
    for chunk, ids, mask in _batches(model.tokenizer, texts, order, 256, max_len, device):  # type: ignore[arg-type]
        with torch.autocast(device_type="cuda", dtype=torch.bfloat16, enabled=device == "cuda"):
            out[chunk] = torch.sigmoid(model(ids, mask).float()).cpu().numpy()
    return out


def _paragraph_y(units: Units, y: np.ndarray) -> tuple[list[tuple[int, int]], np.ndarray]:
    keys, _ = pool_paragraphs(units, np.zeros_like(y, dtype=float))
    row = {k: i for i, k in enumerate(keys)}
    py = np.zeros((len(keys), y.shape[1]), dtype=np.int8)
    for i, key in enumerate(zip(units.article, units.paragraph, strict=True)):
        py[row[key]] |= y[i]
    return keys, py



def _outer_folds(args: argparse.Namespace, start: float):
    """(fold index, train articles, test articles) of the 5 outer folds, until the time budget is spent."""
    everything = load_semeval(args.data).articles
    for k, (train_idx, test_idx) in enumerate(KFold(5, shuffle=True, random_state=SEED).split(everything)):
        if time.time() - start > args.budget:
            return
        train = [everything[i] for i in train_idx if everything[i].paragraph_labels is not None]
        test = [everything[i] for i in test_idx if everything[i].paragraph_labels is not None]
        yield k, train, test

def int8_cv(args: argparse.Namespace) -> int:
    """CV of exactly what ``spinscope train --accurate`` ships, through TechniquesAnalyzer."""
    import os
    import tempfile

    from spinscope.analyze import persuasion
    from spinscope.evaluation import score_predictions
    from spinscope.training.finetune import fit_accurate

    os.environ[persuasion.PROFILE_ENV] = "accurate"
    start = time.time()
    labels = list(TECHNIQUES)
    folds = []
    for k, train, test in _outer_folds(args, start):
        with tempfile.TemporaryDirectory() as tmp:
            head = fit_accurate(train, labels, Path(tmp), epochs=args.epochs)
            from spinscope.analyze.persuasion.encoder import OnnxTagger

            head["tagger"] = OnnxTagger(Path(tmp) / head["onnx"], Path(tmp) / head["tokenizer"])
            persuasion.set_accurate_head(head)
            analyzer = persuasion.TechniquesAnalyzer()
            predicted = [a.to_article() for a in test]
            analyzer(predicted)
        report = score_predictions(test, predicted)
        assert report.techniques and report.spans
        folds.append({"fold": k + 1, "micro_f1": report.techniques.micro.f1, "precision": report.techniques.micro.precision,
                      "recall": report.techniques.micro.recall, "macro_f1": report.techniques.macro_f1,
                      "span_f1": report.spans.micro.f1, "seconds": round(time.time() - start, 1)})
        print(json.dumps(folds[-1]), file=sys.stderr, flush=True)
    result = {"recipe": "training.finetune.fit_accurate, int8 ONNX, TechniquesAnalyzer", "folds": folds,
              "mean": {key: float(np.mean([f[key] for f in folds])) for key in ("micro_f1", "macro_f1", "span_f1")} if folds else {},
              "seconds": round(time.time() - start, 1)}
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--budget", type=float, default=480.0, help="stop starting folds after this many seconds")
    parser.add_argument("--int8", action="store_true", help="score the shipped recipe: training.finetune + int8 ONNX")
    args = parser.parse_args()
    if args.int8:
        return int8_cv(args)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    start = time.time()
    labels = list(TECHNIQUES)
    folds = []
    for k, train, test in _outer_folds(args, start):
        rng = np.random.default_rng(SEED + k)
        val_mask = rng.random(len(train)) < 0.2
        fit_arts = [a for a, v in zip(train, val_mask, strict=True) if not v]
        val_arts = [a for a, v in zip(train, val_mask, strict=True) if v]
        fit_data = technique_units(fit_arts, labels)
        val_data = technique_units(val_arts, labels)
        test_data = technique_units(test, labels)
        model = fine_tune(args.model, fit_data.units.text, fit_data.y, args.epochs, device)
        val_raw = predict(model, val_data.units.text, device)
        keys, val_pool = pool_paragraphs(val_data.units, val_raw)
        _, val_py = _paragraph_y(val_data.units, val_data.y)
        para_platt, unit_platt = fit_platt(val_pool, val_py), fit_platt(val_raw, val_data.y)
        para_cal, unit_cal = platt(val_pool, para_platt), platt(val_raw, unit_platt)
        para_thr = np.array([best_threshold(para_cal[:, j], val_py[:, j]) for j in range(len(labels))])
        unit_thr = np.array([best_threshold(unit_cal[:, j], val_data.y[:, j]) for j in range(len(labels))])
        raw = predict(model, test_data.units.text, device)
        keys, pooled = pool_paragraphs(test_data.units, raw)
        probs, uprobs = platt(pooled, para_platt), platt(raw, unit_platt)
        members: dict[tuple[int, int], list[int]] = {}
        for i, key in enumerate(zip(test_data.units.article, test_data.units.paragraph, strict=True)):
            members.setdefault(key, []).append(i)
        pred_par, pred_spans = {}, {a.id: [] for a in test}
        for r, (a, pid) in enumerate(keys):
            chosen = [j for j in range(len(labels)) if probs[r, j] >= para_thr[j]]
            pred_par[(test[a].id, pid)] = [labels[j] for j in chosen]
            for j in chosen:
                m = members[(a, pid)]
                keep = {m[int(np.argmax(uprobs[m, j]))]} | {i for i in m if uprobs[i, j] >= unit_thr[j]}
                pred_spans[test[a].id] += [(labels[j], test_data.units.start[i], test_data.units.end[i]) for i in keep]
        gold_par = {(a.id, pid): labs for a in test for pid, labs in (a.paragraph_labels or {}).items()}
        gold_spans = {a.id: [(s.label, s.start, s.end) for s in (a.spans or [])] for a in test}
        t = multilabel_scores(gold_par, pred_par, labels)
        s = span_scores(gold_spans, pred_spans)
        folds.append({"fold": k + 1, "micro_f1": t.micro.f1, "precision": t.micro.precision, "recall": t.micro.recall,
                      "macro_f1": t.macro_f1, "span_f1": s.micro.f1, "seconds": round(time.time() - start, 1)})
        print(json.dumps(folds[-1]), file=sys.stderr, flush=True)
    result = {
        "device": torch.cuda.get_device_name(0) if device == "cuda" else "cpu",
        "epochs": args.epochs,
        "folds": folds,
        "mean": {key: float(np.mean([f[key] for f in folds])) for key in ("micro_f1", "macro_f1", "span_f1")} if folds else {},
        "seconds": round(time.time() - start, 1),
    }
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
