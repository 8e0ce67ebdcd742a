"""Shared fixtures. Tests that read ../shared (seeds, SemEval data) skip when it is absent
(a user's clone) and fail in CI, where SPINSCOPE_REQUIRE_SHARED=1."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# Analyzers' declared ``writes`` are enforced under test (see analyze/pipeline.py).
os.environ.setdefault("SPINSCOPE_DEBUG", "1")


def _shared() -> Path | None:
    candidate = Path(os.environ.get("SPINSCOPE_SHARED", REPO.parent / "shared"))
    return candidate if (candidate / "seeds").is_dir() else None


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    path = _shared()
    if path is None:
        if os.environ.get("SPINSCOPE_REQUIRE_SHARED") == "1":
            pytest.fail("../shared is required in CI but absent")
        pytest.skip("../shared (seeds and SemEval data) is absent in this clone")
    return path


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    return shared_dir / "seeds"


@pytest.fixture(scope="session")
def semeval_dir(shared_dir: Path) -> Path:
    return shared_dir / "data" / "semeval2023"
