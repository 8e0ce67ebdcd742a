"""The catalog of techniques, frames and genres."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.catalog import FRAMES, GENRES, TECHNIQUES, describe


def test_catalog_sizes_and_fields() -> None:
    assert len(TECHNIQUES) == 23
    assert len(FRAMES) == 14
    assert set(GENRES) == {"opinion", "reporting", "satire"}
    for name, info in TECHNIQUES.items():
        assert info.name == name
        assert info.title and info.definition.endswith(".") and info.example
        assert len(info.definition) < 160, name
    assert describe("Doubt") == TECHNIQUES["Doubt"].definition
    assert describe("Economic") == FRAMES["Economic"].description
    assert describe("nope") == ""


@pytest.mark.shared
def test_catalog_matches_semeval_label_files(semeval_dir: Path) -> None:
    techniques = (semeval_dir / "techniques_subtask3.txt").read_text(encoding="utf-8").split()
    frames = (semeval_dir / "frames_subtask2.txt").read_text(encoding="utf-8").split()
    assert list(TECHNIQUES) == techniques
    assert list(FRAMES) == frames
