"""The real useR! 2025 spreadsheet rewritten as other tools write spreadsheets (columns renamed
and reordered, 12-hour clocks, a date and time in one cell, a row per presenter, semicolons,
XLSX...): each variant, made here at test time, must read as the same sessions, times, rooms
and people as the original."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import datetime

import openpyxl
import pytest
from real_data import read_real

from assistant.sources import parse_bytes
from assistant.sources.problems import ParsedSource

Rows = list[list[str]]
Variant = Callable[[list[str], Rows], tuple[list[str], Rows]]
_RANGE = re.compile(r"(\d{1,2}:\d{2})\s*[–-]\s*(\d{1,2}:\d{2})")


def _records(parsed: ParsedSource) -> dict[str, tuple[object, ...]]:
    """What a delegate asks of each session: when, where, who (by title)."""
    return {
        s.title: (
            s.start,
            s.end,
            s.room,
            tuple(sorted((p.name, p.organisation) for p in s.speakers)),
        )
        for s in parsed.sessions
    }


def _csv(header: list[str], rows: Rows, delimiter: str = ",", bom: bool = False) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows([header, *rows])
    return (("\ufeff" if bom else "") + out.getvalue()).encode()


def _xlsx(header: list[str], rows: Rows) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (header, *rows):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _twelve_hour(clock: str) -> str:
    hour, minute = map(int, clock.split(":"))
    return f"{(hour - 1) % 12 + 1}:{minute:02d} {'AM' if hour < 12 else 'PM'}"


def _with_start_and_end(
    header: list[str], rows: Rows, write: Callable[[str, str], str]
) -> tuple[list[str], Rows]:
    """The date and time-range columns as 'Start' and 'End' cells written by write(date, clock)."""
    date, time = header.index("date"), header.index("time")
    kept = [i for i in range(len(header)) if i not in (date, time)]
    out = []
    for row in rows:
        match = _RANGE.fullmatch(row[time].strip())
        times = [write(row[date], c) for c in match.groups()] if match else ["TBD", ""]
        out.append([row[i] for i in kept] + times)
    return [header[i] for i in kept] + ["Start", "End"], out


def _renamed(header: list[str], rows: Rows) -> tuple[list[str], Rows]:
    names = {
        "id": "Session ID", "session": "Session Name", "room": "Location", "title": "Session Title",
        "content": "Description", "keywords": "Tags", "speakers": "Speakers",
        "co_authors": "Co-Authors", "video_recording": "Recorded",
    }  # fmt: skip
    order = sorted(range(len(header)), key=lambda i: (header[i] != "title", -i))
    return [names.get(header[i], header[i]) for i in order], [[r[i] for i in order] for r in rows]


def _row_per_presenter(header: list[str], rows: Rows) -> tuple[list[str], Rows]:
    speakers = header.index("speakers")
    out = []
    for row in rows:
        for person in [p for p in row[speakers].split(";") if p.strip()] or [""]:
            out.append([*row[:speakers], person.strip(), *row[speakers + 1 :]])
    return header, out


def _with_date_column(header: list[str], rows: Rows) -> tuple[list[str], Rows]:
    """The 'date' column kept, the time range as 'Start Time' and 'End Time' in 12-hour clocks."""
    time = header.index("time")
    out = []
    for row in rows:
        match = _RANGE.fullmatch(row[time].strip())
        times = [_twelve_hour(c) for c in match.groups()] if match else ["TBD", "TBD"]
        out.append([*row[:time], *row[time + 1 :], *times])
    return [*header[:time], *header[time + 1 :], "Start Time", "End Time"], out


def _iso(header: list[str], rows: Rows) -> tuple[list[str], Rows]:
    return _with_start_and_end(header, rows, lambda day, clock: f"{day}T{clock}")


def _us(header: list[str], rows: Rows) -> tuple[list[str], Rows]:
    return _with_start_and_end(
        header,
        rows,
        lambda day, clock: f"{datetime.fromisoformat(day):%m/%d/%Y} {_twelve_hour(clock)}",
    )


def _extra_columns(header: list[str], rows: Rows) -> tuple[list[str], Rows]:
    return [*header, "Capacity", "Notes"], [[*row, "120", ""] for row in rows]


VARIANTS: dict[str, Variant] = {
    "renamed and reordered columns": _renamed,
    "start and end time columns in 12-hour clocks": _with_date_column,
    "ISO date and time in one cell": _iso,
    "US date and 12-hour clock in one cell": _us,
    "a row per presenter": _row_per_presenter,
    "extra columns of our own": _extra_columns,
}


@pytest.fixture(scope="module")
def original() -> tuple[list[str], Rows, dict[str, tuple[object, ...]]]:
    text = read_real("user2025/program.csv")
    header, *rows = list(csv.reader(io.StringIO(text)))
    return header, rows, _records(parse_bytes(text.encode(), "program.csv"))


@pytest.mark.parametrize("name", list(VARIANTS))
def test_a_rewritten_spreadsheet_reads_as_the_original(
    name: str, original: tuple[list[str], Rows, dict[str, tuple[object, ...]]]
) -> None:
    header, rows, expected = original
    variant_header, variant_rows = VARIANTS[name](header, rows)
    parsed = parse_bytes(_csv(variant_header, variant_rows), "program.csv")
    assert [p for p in parsed.problems if p.left_out] == []
    assert _records(parsed) == expected


@pytest.mark.parametrize(
    "write",
    [
        lambda h, r: _csv(h, r, ";", bom=True),
        lambda h, r: _csv(h, r, "\t"),
        _xlsx,
    ],
    ids=["semicolons with a BOM", "tabs", "XLSX"],
)
def test_the_spreadsheet_saved_other_ways_reads_as_the_original(
    write: Callable[[list[str], Rows], bytes],
    original: tuple[list[str], Rows, dict[str, tuple[object, ...]]],
) -> None:
    header, rows, expected = original
    name = "program.xlsx" if write is _xlsx else "program.csv"
    assert _records(parse_bytes(write(header, rows), name)) == expected
