"""A programme's caps: a file's size and a CSV's rows counted while it is read, sessions once
parsed, chunks before anything is embedded; each refusal names its file, line and setting."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from assistant.config import Budget, Settings
from assistant.errors import BudgetError
from assistant.search.store import build_index
from assistant.sources import load_programme

DATA = Path(__file__).resolve().parents[1] / "data"
FORUM = DATA / "forum" / "programme.txt"


def million_row_csv(folder: Path, rows: int = 1_000_000) -> Path:
    """The probe's file: 48 bytes a row, a session each, under the 50 MB upload limit."""
    path = folder / "big.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("id,title,date,start,end,room\n")
        out.writelines(f"T{n},Talk {n},2025-05-21,09:00,10:15,Hall {n % 9}\n" for n in range(rows))
    return path


def test_the_default_caps_are_the_settings_defaults_sized_for_20000_sessions() -> None:
    budget = Settings().budget
    assert budget == Budget()
    assert (budget.max_bytes, budget.max_rows, budget.max_sessions, budget.max_chunks) == (
        50_000_000,
        100_000,
        25_000,
        500_000,
    )


def test_a_million_row_csv_is_refused_within_seconds_naming_the_cap(tmp_path: Path) -> None:
    path = million_row_csv(tmp_path)
    assert path.stat().st_size < 50_000_000
    started = time.monotonic()
    with pytest.raises(BudgetError) as refused:
        load_programme([path], budget=Budget())
    assert time.monotonic() - started < 3
    assert str(refused.value) == (
        f"{path}:100001: more than 100,000 rows, the cap set by ASSISTANT_MAX_PROGRAMME_ROWS"
    )


@pytest.mark.parametrize(("rows", "refused"), [(3, False), (4, True)])
def test_a_csv_of_exactly_the_row_cap_is_read(tmp_path: Path, rows: int, refused: bool) -> None:
    path = million_row_csv(tmp_path, rows - 1)  # the header is a row
    if refused:
        with pytest.raises(BudgetError, match=r"big\.csv:4: more than 3 rows"):
            load_programme([path], budget=Budget(max_rows=3))
    else:
        assert len(load_programme([path], budget=Budget(max_rows=3)).programme.sessions) == 2


def test_rows_are_a_csv_cap_a_pretty_printed_schedule_is_held_by_its_size() -> None:
    schedule = DATA / "frab" / "tiny.schedule.json"
    loaded = load_programme([schedule], budget=Budget(max_rows=10))
    assert loaded.programme.sessions


def test_a_file_past_the_size_cap_is_refused_at_the_line_it_passes_it() -> None:
    with pytest.raises(BudgetError) as refused:
        load_programme([FORUM], budget=Budget(max_bytes=1000))
    line = FORUM.read_bytes()[:1000].count(b"\n") + 1
    assert str(refused.value) == (
        f"{FORUM}:{line}: larger than 1,000 bytes, the cap set by ASSISTANT_MAX_PROGRAMME_MB"
    )


def test_sessions_past_the_cap_are_refused_at_the_first_one_over() -> None:
    sessions = load_programme([FORUM]).programme.sessions
    third = sessions[2].source
    assert third is not None
    with pytest.raises(BudgetError) as refused:
        load_programme([FORUM], budget=Budget(max_sessions=2))
    assert str(refused.value) == (
        f"{FORUM}:{third.line}: more than 2 sessions, the cap set by ASSISTANT_MAX_SESSIONS"
    )


def test_chunks_past_the_cap_are_refused_before_anything_is_embedded(
    tmp_path: Path, embedder: Any
) -> None:
    loaded = load_programme([FORUM])
    index_dir = tmp_path / "index"
    with pytest.raises(BudgetError) as refused:
        build_index(loaded, index_dir, embedder, progress=False, max_chunks=5)
    message = str(refused.value)
    assert message.startswith(f"{FORUM}:")
    assert message.endswith("the cap set by ASSISTANT_MAX_CHUNKS")
    assert ": more than 5 chunks by session " in message
    assert not index_dir.exists()
