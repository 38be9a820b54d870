"""Shared fixtures. Tests that read ../shared (third-party corpora) use
``shared_dir`` and are skipped with a reason when it is absent: a user's clone
has no ../shared; CI has it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "corpora").is_dir():
        pytest.skip(f"needs the third-party corpora in {SHARED} (absent in a user's clone; present in CI)")
    return SHARED


@pytest.fixture(scope="session")
def pipeline():
    from marsad.pipeline import default_pipeline

    return default_pipeline()
