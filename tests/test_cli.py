"""The command line's check and build: per-file reports, rows left out, --strict."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.cli import main, read_summary
from assistant.sources import load_programme

ROOT = Path(__file__).resolve().parents[1]
GOOD_AND_BAD = (
    "slot,panel,date,time,panel_title,title,presenter\n"
    "A,1,24.09.2024,9:00-10:30 Uhr,Cities,Heat,Ann Lee\n"
    "A,1,24.09.2024,9:00-10:30 Uhr,Cities,Floods,Bo Chan\n"
    "A,2,24.09.2024,at nine,Rivers,Dams,Cy Dee\n"
    "A,3,24.09.2024,9:00-10:30 Uhr,Lakes,Ice,Di Eng\n"
)


def _programme(tmp_path: Path, text: str = GOOD_AND_BAD, name: str = "program.csv") -> Path:
    folder = tmp_path / "dvpw-mini"
    folder.mkdir()
    (folder / name).write_text(text, encoding="utf-8")
    (folder / "README.md").write_text("# not a programme\n", encoding="utf-8")
    return folder


def test_check_reports_each_file_and_the_rows_it_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _programme(tmp_path)
    assert main(["check", str(folder), "--timezone", "Europe/Berlin"]) == 1
    out = capsys.readouterr().out.splitlines()
    csv_file, readme = folder / "program.csv", folder / "README.md"
    assert out[:9] == [
        "programme: dvpw-mini",
        "files: 1",
        "sessions: 2",
        "people: 3",
        "days: 1 (Tuesday 24 September 2024)",
        "rooms: 0",
        "streams: 0",
        "unscheduled: 0",
        "problems: 1 errors, 0 warnings",
    ]
    assert out[9:] == [
        f"{csv_file}: CSV spreadsheet",
        "  sessions 2, parts 3, people 3, rooms 0, days 1, time zone Europe/Berlin",
        "  3 of 4 rows read; 1 left out",
        "  suspicious: no session has a room: 'where is it?' will be answered that the "
        "programme does not say",
        f"{readme}: set aside (a document or schema, not a programme)",
        f"{csv_file}:4: expected a time like 10:30 or 10:30–12:00, got 'at nine'",
    ]


def test_check_names_the_time_zone_a_file_lacks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _programme(tmp_path, GOOD_AND_BAD.replace("at nine", "9:00-10:30 Uhr"))
    assert main(["check", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "time zone none named (wall-clock times; --timezone names one)" in out
    assert "4 of 4 rows read\n" in out


PLUS_ZERO = (
    '{"schedule": {"conference": {"title": "T", "days": [{"date": "2017-08-05", "rooms": '
    '{"Rex": [{"id": 1, "title": "Talk", "date": "2017-08-05T10:00:00+00:00", '
    '"start": "10:00", "duration": "00:45"}]}}]}}}'
)


def test_strict_check_fails_on_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _programme(tmp_path, PLUS_ZERO, "schedule.json")
    assert main(["check", str(folder)]) == 0
    assert main(["check", "--strict", str(folder)]) == 1
    assert "every event date says +00:00" in capsys.readouterr().out


def test_a_strict_build_refuses_a_row_left_out_and_leaves_the_index_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _programme(tmp_path)
    index = tmp_path / "index"
    assert main(["build", "--strict", "--quiet", "--index", str(index), str(folder)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{folder / 'program.csv'}:4: expected a time like 10:30 or 10:30–12:00, got 'at nine'",
        f"not built: 1 problem; the index in {index} is unchanged",
    ]
    assert not index.exists()


def test_a_file_that_yields_no_session_stops_the_build_with_its_first_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = "".join(f"A,{n},24.09.2024,late,P{n},T{n},X\n" for n in range(30))
    folder = _programme(tmp_path, "slot,panel,date,time,panel_title,title,presenter\n" + rows)
    index = tmp_path / "index"
    assert main(["build", "--quiet", "--index", str(index), str(folder)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert (
        err[0]
        == f"{folder / 'program.csv'}:2: expected a time like 10:30 or 10:30–12:00, got 'late'"
    )
    assert err[-2:] == [
        "... and 10 more (programme-assistant check lists them all)",
        f"not built: 30 errors; the index in {index} is unchanged",
    ]
    assert not index.exists()


def test_a_build_leaves_out_a_bad_row_builds_the_rest_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _programme(tmp_path)
    index = tmp_path / "index"
    assert main(["build", "--quiet", "--index", str(index), str(folder)]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        f"{folder / 'program.csv'}:4: expected a time like 10:30 or 10:30–12:00, got 'at nine'"
    ]
    out = captured.out.splitlines()
    assert out[-2].startswith(f"built {index}: 2 sessions, ")
    assert out[-1] == "3 of 4 rows read; 1 left out, listed above"


def test_the_build_summary_counts_what_was_read_and_the_warnings(tmp_path: Path) -> None:
    folder = _programme(tmp_path, PLUS_ZERO, "schedule.json")
    (folder / "program.csv").write_text(GOOD_AND_BAD, encoding="utf-8")
    assert read_summary(load_programme([folder])) == (
        "3 of 4 rows read; 1 of 1 events read; 1 left out, listed above; "
        "1 warning (check lists them)"
    )
