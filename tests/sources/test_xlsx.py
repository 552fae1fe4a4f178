"""XLSX workbooks, read through the CSV column mapping: the real DVPW 2024 rows saved as a
workbook read as the CSV does; typed cells; damaged files."""

from __future__ import annotations

import csv
import dataclasses
import io
import zipfile
from datetime import date, datetime, time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from real_data import read_real

from assistant.programme import Person, Session
from assistant.sources import csv_export, load_programme, parse_bytes, xlsx
from assistant.sources.problems import ParsedSource, Problem


def workbook_bytes(rows: list[list[object]], *, title_row: str = "") -> bytes:
    """An .xlsx holding rows on its first sheet (after a title row, when given)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Programme"
    if title_row:
        sheet.append([title_row])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _without_source(sessions: tuple[Session, ...]) -> list[Session]:
    return [dataclasses.replace(s, source=None) for s in sessions]


def test_the_dvpw_programme_as_a_workbook_reads_as_its_csv() -> None:
    text = read_real("dvpw2024/program.csv")
    rows: list[list[object]] = [list(row) for row in csv.reader(io.StringIO(text))]
    from_csv = csv_export.parse(text, "program.csv", timezone="Europe/Berlin")
    from_xlsx = xlsx.parse(workbook_bytes(rows), "program.xlsx", timezone="Europe/Berlin")
    assert from_xlsx.problems == ()
    assert (from_xlsx.records, from_xlsx.format) == (1247, "XLSX spreadsheet (sheet 'Programme')")
    assert _without_source(from_xlsx.sessions) == _without_source(from_csv.sessions)
    panel = next(s for s in from_xlsx.sessions if s.id == "Di-D-01")
    assert panel.source is not None and (panel.source.file, panel.source.line) == (
        "program.xlsx",
        2,
    )


def test_typed_cells_read_as_text_and_a_title_row_above_the_header_is_passed_over() -> None:
    rows: list[list[object]] = [
        ["id", "title", "date", "start", "end", "room", "speakers"],
        [7, "Opening", date(2025, 6, 3), time(9, 0), time(9, 30), "Hall 1", "Ann Lee (Uni Wien)"],
        [8.0, "Posters", datetime(2025, 6, 3, 0, 0), time(10, 0), None, None, None],
        [9, "Late", "2025-06-03", "whenever", None, None, None],
    ]
    parsed = parse_bytes(workbook_bytes(rows, title_row="Tiny Conf 2025"), "tiny.xlsx")
    opening, posters = parsed.sessions
    assert (opening.id, opening.start, opening.end, opening.room) == (
        "7",
        datetime(2025, 6, 3, 9, 0),
        datetime(2025, 6, 3, 9, 30),
        "Hall 1",
    )
    assert opening.speakers == (Person("Ann Lee", organisation="Uni Wien"),)
    assert (posters.id, posters.start, posters.end) == ("8", datetime(2025, 6, 3, 10, 0), None)
    assert opening.source is not None and opening.source.line == 3  # the sheet's own row number
    assert parsed.problems == (
        Problem("tiny.xlsx", 5, "expected a time like 10:30, got 'whenever'", left_out=True),
    )


def test_a_workbook_in_a_folder_is_loaded_like_any_programme_file(tmp_path: Path) -> None:
    (tmp_path / "programme.xlsx").write_bytes(
        workbook_bytes([["title", "date", "time"], ["Opening", "24.09.2024", "9:00-10:30 Uhr"]])
    )
    loaded = load_programme([tmp_path], timezone="Europe/Berlin")
    assert [s.title for s in loaded.programme.sessions] == ["Opening"]
    assert loaded.programme.sessions[0].start is not None
    assert loaded.programme.sessions[0].start.isoformat() == "2024-09-24T09:00:00+02:00"


def _zip(names: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in names.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK\x03\x04 not really a zip", "expected an XLSX workbook, got a damaged zip file"),
        (
            _zip({"a.txt": b"hello"}),
            "expected an XLSX workbook, got a zip file without xl/workbook.xml",
        ),
        (_zip({"xl/workbook.xml": b"<nonsense"}), "expected an XLSX workbook, got "),
        (
            workbook_bytes([["alpha", "beta"], ["1", "2"]]),
            "expected a sheet whose first row names columns",
        ),
    ],
)
def test_a_damaged_or_foreign_workbook_is_one_problem_at_line_one(
    data: bytes, message: str
) -> None:
    parsed = xlsx.parse(data, "bad.xlsx")
    [problem] = parsed.problems
    assert (parsed.sessions, problem.file, problem.line) == ((), "bad.xlsx", 1)
    assert problem.message.startswith(message)


# a sheet cannot hold control characters (openpyxl refuses to write them)
sheet_text = st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=10)
cells = st.none() | st.integers() | st.floats(allow_nan=False) | sheet_text | st.dates()


@settings(max_examples=50, deadline=None)
@given(st.lists(st.lists(cells, max_size=6), max_size=5))
def test_arbitrary_cells_under_a_real_header_never_raise(rows: list[list[object]]) -> None:
    header: list[object] = ["id", "panel", "date", "time", "title", "presenter", "chairs"]
    parsed = xlsx.parse(workbook_bytes([header, *rows]), "f.xlsx", timezone="Europe/Berlin")
    assert isinstance(parsed, ParsedSource)
    assert all(p.file == "f.xlsx" and p.line >= 1 for p in parsed.problems)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_after_a_zip_signature_never_raise(data: bytes) -> None:
    parsed = xlsx.parse(b"PK\x03\x04" + data, "f.xlsx")
    assert isinstance(parsed, ParsedSource) and parsed.problems


def test_a_per_paper_export_groups_papers_into_their_sessions_with_presenters_and_countries() -> (
    None
):
    # the shape ConfTool and Oxford Abstracts export: a row per paper, the session's id beside
    # the paper's, the presenting author with affiliation and country in columns of their own
    header = ["Session ID", "Session Title", "Date", "Start", "End", "Room", "Chair(s)"]
    header += ["Paper ID", "Paper Title", "Presenting Author", "Affiliation", "Country"]
    day, start, end = date(2027, 5, 11), time(10, 30), time(12, 0)
    rows: list[list[object]] = [
        header,
        ["S02", "Medication safety", day, start, end, "Room A", "Tom Reid", "P014", "Smart pumps"]
        + ["Prof. Sara Jones", "Karolinska University Hospital", "Sweden"],
        ["S02", "Medication safety", day, start, end, "Room A", "Tom Reid", "P015"]
        + ["Deprescribing in care homes", "José Álvarez", "Hospital Clínic", "Spain"],
        ["W1", "Human factors workshop", day, time(14, 0), time(15, 30), None, "Tom Reid"]
        + ["P100", "Human factors workshop", "Ravi Patel", "NHS England", "UK"],
    ]
    parsed = parse_bytes(workbook_bytes(rows), "conftool.xlsx")
    assert parsed.problems == ()
    medication, workshop = parsed.sessions
    assert (medication.id, medication.title, workshop.id) == ("S02", "Medication safety", "W1")
    assert [p.title for p in medication.parts] == ["Smart pumps", "Deprescribing in care homes"]
    assert medication.chairs == (Person("Tom Reid"),)
    jones, alvarez = medication.parts[0].speakers[0], medication.parts[1].speakers[0]
    assert (jones.name, jones.honorific, jones.country) == ("Sara Jones", "Prof.", "Sweden")
    assert (alvarez.organisation, alvarez.country) == ("Hospital Clínic", "Spain")


def test_a_submission_system_export_names_presenters_with_their_numbered_organisations() -> None:
    header = ["session_ID", "session_title", "session_start", "session_end", "session_room"]
    header += ["session_chair(s)", "paper_ID", "paper_title", "presenting_author", "authors"]
    header += ["organisations", "country"]
    start, end = datetime(2027, 5, 11, 10, 30), datetime(2027, 5, 11, 12, 0)
    session = ["A1", "Medication safety", start, end, "Lomond Suite", "Menon, Rajiv (NHS Lothian)"]
    rows: list[list[object]] = [
        header,
        session
        + [1012, "Smart pumps", "Lars Øvergaard", "Øvergaard, Lars (1); Berntsen, Kari (1)"]
        + ["1: Oslo University Hospital, Norway", "Norway"],
        session
        + [1013, "Deprescribing", "Dr Małgorzata Wójcik", "Wójcik, Małgorzata (1); Ahmed, Sana (2)"]
        + ["1: Karolinska University Hospital, Sweden; 2: Uppsala University, Sweden", "Sweden"],
    ]
    parsed = parse_bytes(workbook_bytes(rows), "conftool.xlsx")
    assert parsed.problems == ()
    (medication,) = parsed.sessions
    assert medication.chairs == (Person("Rajiv Menon", organisation="NHS Lothian"),)
    pumps, deprescribing = medication.parts
    presenter, co_author = pumps.speakers
    assert (presenter.name, presenter.organisation, presenter.country) == (
        "Lars Øvergaard",
        "Oslo University Hospital",
        "Norway",
    )
    assert (co_author.name, co_author.role) == ("Kari Berntsen", "Co-author")
    wojcik = deprescribing.speakers[0]
    assert (wojcik.honorific, wojcik.name, wojcik.organisation) == (
        "Dr",
        "Małgorzata Wójcik",
        "Karolinska University Hospital",
    )
    ahmed = deprescribing.speakers[-1]  # numbered 2: an organisation of her own
    assert (ahmed.name, ahmed.organisation, ahmed.country) == (
        "Sana Ahmed",
        "Uppsala University",
        "Sweden",
    )
