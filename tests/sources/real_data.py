"""Where the real programmes of ../shared/data are, and reading them (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _shared_data() -> Path:
    """../shared/data beside the clone (as CI has it), or beside a folder further up (a worktree
    nested below the clone's parent)."""
    for folder in ROOT.parents:
        candidate = folder / "shared" / "data"
        if candidate.is_dir():
            return candidate
    return ROOT.parent / "shared" / "data"


SHARED = _shared_data()


def real_path(relative: str) -> Path:
    """The path of a real programme file, skipping the test when it is not here."""
    path = SHARED / relative
    if not path.is_file():
        pytest.skip(f"{path} is not here")
    return path


def read_real(relative: str) -> str:
    """The text of a real programme file, skipping the test when it is not here."""
    return real_path(relative).read_text("utf-8")
