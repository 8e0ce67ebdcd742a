"""The shipped per-technique reliability table (``resources/models/reliability.json``,
written by ``bench/bench_reliability.py``): measured, complete, listed in the manifest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spinscope import catalog
from spinscope.analyze.persuasion.manifest import sha256, verified

MODELS = Path(catalog.__file__).resolve().parent / "resources" / "models"
FILE = MODELS / "reliability.json"


@pytest.fixture(scope="module")
def doc() -> dict:
    assert FILE.is_file(), "reliability.json missing: run bench/bench_reliability.py"
    return json.loads(FILE.read_text(encoding="utf-8"))


def test_describes_its_protocol_and_model(doc: dict) -> None:
    assert "760000000" in doc["protocol"] and doc["date"] in doc["protocol"]
    assert doc["model"].startswith("use-tfidf-lr") and "QUICK" not in doc["model"]
    assert doc["train_articles"] > 0 and doc["test_articles"] > 0


def test_covers_every_technique_with_bounded_scores(doc: dict) -> None:
    techniques = doc["techniques"]
    assert set(techniques) == set(catalog.TECHNIQUES)
    for label, row in techniques.items():
        for key in ("f1", "precision", "recall", "span_f1"):
            assert isinstance(row[key], float | int) and 0.0 <= row[key] <= 1.0, (label, key)
        assert type(row["support"]) is int and row["support"] >= 0, label
        assert type(row["span_support"]) is int and row["span_support"] >= 0, label
    assert sum(r["support"] for r in techniques.values()) > 0
    assert 0.0 <= doc["paragraph_micro_f1"] <= 1.0


def test_manifest_lists_it_with_its_hash() -> None:
    manifest = json.loads((MODELS / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["files"]["reliability.json"] == sha256(FILE)
    assert verified(MODELS, "reliability.json") == FILE
