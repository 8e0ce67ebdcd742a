"""The persuasion model bundle: arrays + JSON, no pickle, every file checked against the manifest."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import numpy as np
import pytest

from spinscope.analyze.persuasion.bundle import BUNDLE_JSON, BUNDLE_NPZ, SHIPPED_DIR, load_bundle
from spinscope.analyze.persuasion.manifest import model_files, sha256, verified, write_manifest
from spinscope.errors import ModelError


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    out = tmp_path / "models"
    shutil.copytree(SHIPPED_DIR, out)
    return out


def test_shipped_folder_holds_no_pickle() -> None:
    names = {p.name for p in SHIPPED_DIR.iterdir()}
    assert not any(n.endswith((".joblib", ".pkl", ".pickle")) for n in names)
    with zipfile.ZipFile(SHIPPED_DIR / BUNDLE_NPZ) as zf:
        for name in zf.namelist():
            with zf.open(name) as member:
                np.lib.format.read_magic(member)
                header = np.lib.format.read_array_header_1_0(member)
                assert header[2] != np.dtype("O"), f"{name} holds Python objects"


def test_manifest_lists_every_model_file_with_its_hash() -> None:
    manifest = json.loads((SHIPPED_DIR / "manifest.json").read_text())
    files = {p.name: sha256(p) for p in model_files(SHIPPED_DIR)}
    assert manifest["files"] == files
    assert {BUNDLE_JSON, BUNDLE_NPZ} <= set(files)
    assert "numpy" in manifest["libraries"] and "scikit-learn" in manifest["libraries"]


def test_bundle_loads_from_a_copy(folder: Path) -> None:
    bundle = load_bundle(folder)
    head = bundle["techniques"]
    from spinscope.analyze.persuasion.lexicon import UNIT_COLUMNS

    # word and char n-grams, four unit cues, and the word valence columns of the English head
    width = len(head["word"].vocabulary_) + len(head["char"].vocabulary_) + 4 + UNIT_COLUMNS
    assert head["coef"].shape == (width, 23)
    assert len(head["valence"]) > 5000
    assert head["word"].transform(["a test sentence"]).shape[1] == len(head["word"].vocabulary_)


@pytest.mark.parametrize("name", [BUNDLE_JSON, BUNDLE_NPZ])
def test_altered_file_is_refused_by_name(folder: Path, name: str) -> None:
    data = bytearray((folder / name).read_bytes())
    data[len(data) // 2] ^= 0x01
    (folder / name).write_bytes(bytes(data))
    with pytest.raises(ModelError) as info:
        load_bundle(folder)
    assert name in str(info.value) or name in (info.value.source or "")
    assert "SHA-256" in str(info.value)


def test_missing_or_unlisted_file_is_refused(folder: Path) -> None:
    (folder / BUNDLE_NPZ).unlink()
    with pytest.raises(ModelError, match="missing"):
        load_bundle(folder)
    other = folder / "extra.json"
    other.write_text("{}")
    with pytest.raises(ModelError, match="not listed"):
        verified(folder, "extra.json")


def test_rewritten_manifest_accepts_new_files(folder: Path) -> None:
    (folder / "extra.json").write_text("{}")
    write_manifest(folder)
    assert verified(folder, "extra.json").name == "extra.json"
    assert load_bundle(folder)["version"]


def test_broken_manifest_is_refused(folder: Path) -> None:
    (folder / "manifest.json").write_text("not json")
    with pytest.raises(ModelError, match="manifest"):
        load_bundle(folder)
