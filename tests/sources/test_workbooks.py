"""Workbooks organisers keep by hand: a sheet a day with title rows above the header and no
date column, section rows, a session's papers on the rows below it under refs that extend its
ref, times typed with dots, a posters sheet and a rooms sheet."""

from __future__ import annotations

import io
from datetime import date, datetime, time
from pathlib import Path

import pytest
from openpyxl import Workbook

from assistant.programme import Part, Person
from assistant.sources import parse_bytes
from assistant.sources.problems import Problem, Severity

HEADER = ["Ref", "Time", "Session / title", "Format", "Presenter(s)", "Co-authors", "Chair", "Room"]
NURSING = (
    Path(__file__).resolve().parents[2]
    / "eval/round25/nursingquality2027/NMQS2027_programme_v12.xlsx"
)


def book(sheets: dict[str, list[list[object]]]) -> bytes:
    """An .xlsx with one sheet per entry, its rows as given (None for an empty cell)."""
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    workbook.remove(first)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def day_sheet(title: str, *rows: list[object]) -> list[list[object]]:
    return [["Forum 2027 – programme"], [title], [], HEADER, *rows]


def test_every_sheet_with_a_programme_header_is_read_and_a_rooms_sheet_is_passed_over() -> None:
    data = book(
        {
            "Day 1": day_sheet("DAY 1 – Thursday 11 March 2027", ["K1", "09.00-09.45", "Keynote"]),
            "Day 2": day_sheet("DAY 2 – Friday 12 March 2027", ["K2", "09.00-09.45", "Close"]),
            "Rooms": [["Room", "Floor", "Capacity"], ["Hall A", "Ground", 400]],
        }
    )
    parsed = parse_bytes(data, "forum.xlsx")
    assert [(s.id, s.start) for s in parsed.sessions] == [
        ("K1", datetime(2027, 3, 11, 9, 0)),
        ("K2", datetime(2027, 3, 12, 9, 0)),
    ]
    assert parsed.format == "XLSX spreadsheet (sheets 'Day 1', 'Day 2')"
    assert parsed.problems == (
        Problem(
            "forum.xlsx",
            1,
            "sheet 'Rooms': passed over, no title column among 'Room', 'Floor', 'Capacity'",
            Severity.WARNING,
        ),
    )


def test_a_date_in_a_title_row_is_the_day_and_an_edit_stamp_is_not() -> None:
    rows = [
        ["WORKING DRAFT v3 – updated 19/02/2027"],
        ["Thursday 11 March 2027 – Belfast"],
        HEADER,
        ["K1", "09.00-09.45", "Keynote"],
    ]
    [keynote] = parse_bytes(book({"Programme": rows}), "forum.xlsx").sessions
    assert (keynote.day, keynote.end) == (date(2027, 3, 11), datetime(2027, 3, 11, 9, 45))


def test_a_sheet_named_for_a_day_takes_its_year_from_the_workbook_s_other_dates() -> None:
    data = book(
        {
            "Thu 11 March": [["NMQS 2027"], HEADER, ["K1", "09.00-09.45", "Keynote"]],
            "Fri 12 March": [["NMQS 2027"], HEADER, ["K2", "09.00-09.45", "Close"]],
        }
    )
    parsed = parse_bytes(data, "forum.xlsx")
    assert [s.day for s in parsed.sessions] == [date(2027, 3, 11), date(2027, 3, 12)]
    assert parsed.problems == ()


def test_a_row_whose_only_cell_is_a_heading_is_a_section_not_a_session_nor_a_problem() -> None:
    rows = day_sheet(
        "Thursday 11 March 2027",
        ["CONCURRENT SESSIONS 1   (10.30 – 11.45)"],
        ["1A", "10.30-11.45", "Maternity safety"],
    )
    parsed = parse_bytes(book({"Thu": rows}), "forum.xlsx")
    assert [s.title for s in parsed.sessions] == ["Maternity safety"]
    assert parsed.problems == ()


def test_a_row_with_only_a_time_is_no_heading_but_a_row_missing_its_title() -> None:
    rows = day_sheet("Thursday 11 March 2027", [None, "10.30-11.45"])
    parsed = parse_bytes(book({"Thu": rows}), "forum.xlsx")
    assert parsed.problems == (
        Problem("forum.xlsx", 5, "expected a title, got an empty cell", left_out=True),
    )


@pytest.mark.parametrize(
    ("first", "second"), [("1A.1", "1A.2"), ("1A-1", "1A-2"), ("1A/a", "1A/b")]
)
def test_rows_whose_ref_extends_a_session_s_ref_are_its_parts(first: str, second: str) -> None:
    rows = day_sheet(
        "Thursday 11 March 2027",
        ["1A", "10.30-11.45", "Maternity safety", "Oral session", None, None, "Dr Ann Lee", "LT2"],
        [first, time(10, 30), "PPH drills", "Oral", "Marjolein Dekker (Amstel MC)", "F. Smit"],
        [second, "10.48", "Listening to women", "Oral", "Rachel Okafor (NCHT)"],
        [None, "11.45-12.45", "Lunch", None, None, None, None, "Hall"],
    )
    parsed = parse_bytes(book({"Thu": rows}), "forum.xlsx")
    session, lunch = parsed.sessions
    assert (session.id, session.title, session.room, session.format) == (
        "1A",
        "Maternity safety",
        "LT2",
        "Oral session",
    )
    assert session.chairs == (Person("Ann Lee", honorific="Dr"),)
    assert session.parts == (
        Part(
            1,
            "PPH drills",
            speakers=(
                Person("Marjolein Dekker", organisation="Amstel MC"),
                Person("F. Smit", role="Co-author"),
            ),
            start=datetime(2027, 3, 11, 10, 30),
            end=datetime(2027, 3, 11, 10, 48),  # until the next paper starts
            source_id=first,
        ),
        Part(
            2,
            "Listening to women",
            speakers=(Person("Rachel Okafor", organisation="NCHT"),),
            start=datetime(2027, 3, 11, 10, 48),
            end=datetime(2027, 3, 11, 11, 45),  # the last one until the session ends
            source_id=second,
        ),
    )
    assert (lunch.title, lunch.start, lunch.room) == (
        "Lunch",
        datetime(2027, 3, 11, 11, 45),
        "Hall",
    )
    assert parsed.problems == ()


def test_a_ref_that_only_starts_like_another_is_a_session_of_its_own() -> None:
    rows = day_sheet(
        "Thursday 11 March 2027",
        ["W1", "10.30-12.00", "Human factors workshop"],
        ["W1R", "14.00-15.30", "Human factors workshop (repeat)"],
        ["W12", "14.00-15.30", "Writing workshop"],
    )
    parsed = parse_bytes(book({"Thu": rows}), "forum.xlsx")
    assert [(s.id, len(s.parts)) for s in parsed.sessions] == [("W1", 1), ("W1R", 1), ("W12", 1)]


def test_a_presenter_s_organisation_ending_with_a_country_gives_the_country() -> None:
    rows = day_sheet(
        "Thursday 11 March 2027",
        ["KN1", "09.15-10.00", "Night shift", "Keynote", "Prof. Ingrid Solberg (Fjordland "
         "University College, Norway)", None, None, "TBC"],
    )  # fmt: skip
    [keynote] = parse_bytes(book({"Thu": rows}), "forum.xlsx").sessions
    assert keynote.speakers == (
        Person(
            "Ingrid Solberg",
            honorific="Prof.",
            organisation="Fjordland University College",
            country="Norway",
        ),
    )
    assert keynote.room == ""  # a room to be confirmed is no room yet


def test_a_posters_sheet_reads_its_posters_on_the_day_its_title_row_gives() -> None:
    posters = [
        ["POSTERS – on display Thu 11 March 08.00 to Fri 12 March 14.00, Exhibition Hall"],
        [],
        ["Board", "Title", "Authors (presenter first)", "Organisation", "Country", "Theme"],
        ["P01", "Sharps injuries", "Ellie Grant, J. Mwale", "Severn University", "UK", "Workforce"],
    ]
    data = book(
        {
            "Thu 11 March": day_sheet("DAY 1 – Thursday 11 March 2027", ["K1", "9.00", "Keynote"]),
            "Posters": posters,
        }
    )
    parsed = parse_bytes(data, "forum.xlsx")
    poster = parsed.sessions[1]
    assert (poster.id, poster.day, poster.start, poster.format, poster.stream) == (
        "P01",
        date(2027, 3, 11),
        None,
        "Poster",
        "Workforce",
    )
    assert poster.parts[0].speakers == (
        Person("Ellie Grant", organisation="Severn University", country="UK"),
        Person("J. Mwale", role="Co-author"),
    )
    assert parsed.problems == ()


def test_each_sheet_s_problems_name_the_sheet_and_its_row() -> None:
    data = book(
        {
            "Thu": day_sheet("Thursday 11 March 2027", ["K1", "9.00", "Keynote"]),
            "Fri": day_sheet("Friday 12 March 2027", ["K2", "whenever", "Close"]),
        }
    )
    parsed = parse_bytes(data, "forum.xlsx")
    assert parsed.problems == (
        Problem(
            "forum.xlsx",
            5,
            "sheet 'Fri': expected a time like 10:30 or 10:30–12:00, got 'whenever'",
            left_out=True,
        ),
    )


def test_a_ref_used_on_two_sheets_is_numbered_again_on_the_second() -> None:
    data = book(
        {
            "Thu": day_sheet("Thursday 11 March 2027", ["1A", "9.00", "Falls"]),
            "Fri": day_sheet("Friday 12 March 2027", ["1A", "9.00", "Sepsis"]),
        }
    )
    parsed = parse_bytes(data, "forum.xlsx")
    assert [(s.id, s.title) for s in parsed.sessions] == [("1A", "Falls"), ("1A-2", "Sepsis")]


def test_the_nursing_organisers_workbook_reads_both_days_the_papers_and_the_posters() -> None:
    parsed = parse_bytes(NURSING.read_bytes(), NURSING.name)
    assert [p for p in parsed.problems if p.severity == Severity.ERROR] == []
    days = {s.day for s in parsed.sessions}
    assert days == {date(2027, 3, 11), date(2027, 3, 12)}
    by_id = {s.id: s for s in parsed.sessions}
    deterioration = by_id["1A"]
    assert (deterioration.room, deterioration.chairs[0].name) == (
        "Lecture Theatre 1",
        "Fiona McAllister",
    )
    assert [p.source_id for p in deterioration.parts] == ["1A.1", "1A.2", "1A.3", "1A.4"]
    sepsis = deterioration.parts[1]
    assert (sepsis.start, sepsis.speakers[0]) == (
        datetime(2027, 3, 11, 10, 48),
        Person("Tomás Herrera", organisation="Hospital de Santa Luzia", country="Portugal"),
    )
    assert by_id["3A"].parts[1].start == datetime(2027, 3, 12, 10, 13)  # typed '10.13'
    assert "1A.1" not in by_id and "W1R" in by_id
    posters = [s for s in parsed.sessions if s.format == "Poster"]
    assert [s.id for s in posters] == [f"P{n:02}" for n in range(1, 13)]
    assert {s.day for s in posters} == {date(2027, 3, 11)}
    assert by_id["3C"].room == ""  # 'TBC'
