"""Reads an XLSX workbook (Excel, LibreOffice, an abstract tool's export, an organiser's own)
through the same column mapping as CSV: each sheet with a programme header is a table of rows
(table.read_table), the day and format its rows leave out given by its title rows and name."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from pathlib import PurePath
from typing import Any

from assistant.programme import Session
from assistant.sources.problems import ParsedSource, Problem, Severity
from assistant.sources.sheet_titles import sheet_day, sheet_format, workbook_year
from assistant.sources.spreadsheet import KNOWN_HEADERS, normalise_header
from assistant.sources.table import Table, names_titles, read_table

FORMAT = "XLSX spreadsheet"
ZIP_MAGIC = b"PK\x03\x04"
MAX_ROWS = 100_000  # a programme has thousands of rows at most; a larger sheet is not one
MAX_UNPACKED = 200 * 1024 * 1024  # bytes a workbook may unpack to (a zip bomb unpacks to more)


def looks_like(data: bytes) -> bool:
    """True for a zip archive, which is what an XLSX workbook is (parse says if it is not one)."""
    return data.startswith(ZIP_MAGIC)


def parse(
    data: bytes,
    filename: str,
    *,
    timezone: str | None = None,
    columns: Mapping[str, str] | None = None,
) -> ParsedSource:
    """Sessions from every sheet of an XLSX workbook that is a programme table; never raises."""
    title = PurePath(filename).stem
    sheets = _sheets(data, filename)
    if isinstance(sheets, Problem):
        return ParsedSource((), title=title, problems=(sheets,), format=FORMAT)
    year = workbook_year(line for s in sheets.tables for line in (s.name, *s.titles))
    tables = [
        Table(
            filename,
            sheet.header,
            sheet.body,
            f"{FORMAT} (sheet {sheet.name!r})",
            header_line=sheet.header_line,
            day=sheet_day(sheet.name, sheet.titles, year),
            session_format=sheet_format(sheet.name),
        )
        for sheet in sheets.tables
    ]
    # a sheet of rooms or contacts beside the programme's sheets is no programme table
    programme = [t for t in tables if names_titles(t, columns or {})] or tables[:1]
    read = [read_table(t, timezone=timezone, columns=columns, title=title) for t in programme]
    if len(tables) == 1 and sheets.count == 1:
        return read[0]
    passed_over = [t for t in tables if t not in programme]
    return _merged(read, passed_over, title)


def _merged(read: list[ParsedSource], passed_over: list[Table], title: str) -> ParsedSource:
    """One source from the sheets read: each problem names its sheet, an id an earlier sheet
    used is numbered again, and each sheet passed over is a warning."""
    problems = [
        replace(p, message=f"{_sheet_of(source.format)}: {p.message}")
        for source in read
        for p in source.problems
    ]
    problems += [
        Problem(
            table.filename,
            table.header_line,
            f"{_sheet_of(table.format)}: passed over, no title column among "
            + ", ".join(repr(h) for h in table.header if h),
            Severity.WARNING,
        )
        for table in passed_over
    ]
    names = ", ".join(_sheet_of(source.format).removeprefix("sheet ") for source in read)
    return ParsedSource(
        tuple(unique_ids(s for source in read for s in source.sessions)),
        title=title,
        timezone=read[0].timezone,
        problems=tuple(problems),
        format=f"{FORMAT} (sheet{'s' if len(read) > 1 else ''} {names})",
        records=sum(source.records for source in read),
        unit="rows",
    )


def _sheet_of(table_format: str) -> str:
    """The sheet a table's format names ("sheet 'Fri 12 March'")."""
    return table_format.removeprefix(FORMAT).strip(" ()")


def unique_ids(sessions: Iterable[Session]) -> Iterator[Session]:
    """The sessions, an id used before numbered again ('1A' on a second day's sheet: '1A-2')."""
    taken: set[str] = set()
    for session in sessions:
        found, number = session.id, 1
        while found in taken:
            number += 1
            found = f"{session.id}-{number}"
        taken.add(found)
        yield session if found == session.id else replace(session, id=found)


Row = tuple[int, list[str]]  # (row number, cells as text)


@dataclass(frozen=True, slots=True)
class _Sheet:
    """A sheet with a header row: the title lines above it, the header and the rows below."""

    name: str
    titles: tuple[str, ...]
    header_line: int
    header: list[str]
    body: list[Row]


@dataclass(frozen=True, slots=True)
class _Sheets:
    tables: list[_Sheet]
    count: int  # sheets in the workbook, with a header or without


def _sheets(data: bytes, filename: str) -> _Sheets | Problem:
    """The workbook's sheets that have a header row, or the Problem."""
    import openpyxl  # imported here: only workbooks need it, and it is slow to import
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        return Problem(filename, 1, f"expected an XLSX workbook, got a damaged zip file ({exc})")
    if "xl/workbook.xml" not in names:
        return Problem(
            filename, 1, "expected an XLSX workbook, got a zip file without xl/workbook.xml"
        )
    if unpacked > MAX_UNPACKED:
        return Problem(
            filename,
            1,
            f"expected a workbook of at most {MAX_UNPACKED // 2**20} MB unpacked, got {unpacked // 2**20} MB",
        )
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (
        InvalidFileException,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        TypeError,
        OSError,
        EOFError,
    ) as exc:
        return Problem(
            filename,
            1,
            f"expected an XLSX workbook, got one openpyxl cannot read ({str(exc)[:120]})",
        )
    except Exception as exc:  # openpyxl's XML layer raises its parsers' own kinds of error
        return Problem(
            filename, 1, f"expected an XLSX workbook, got malformed content ({type(exc).__name__})"
        )
    try:
        tables = [t for t in map(_sheet, workbook.worksheets) if t is not None]
        count = len(workbook.worksheets)
    except Exception as exc:  # cells are read lazily, through the same XML layer
        return Problem(
            filename, 1, f"expected readable sheets, got malformed content ({type(exc).__name__})"
        )
    finally:
        workbook.close()
    if not tables:
        return Problem(
            filename,
            1,
            "expected a sheet whose first row names columns (title, date, ...), got none",
        )
    return _Sheets(tables, count)


def _sheet(sheet: Any) -> _Sheet | None:
    """The sheet's header row (a title or a note may sit above it) and the rows below it."""
    rows = _rows(sheet)
    for index, (line, cells) in enumerate(rows[:10]):
        if _has_header(cells):
            width = len(cells)
            body = [(n, c + [""] * (width - len(c))) for n, c in rows[index + 1 :]]
            titles = tuple(" ".join(c for c in above if c) for _, above in rows[:index])
            return _Sheet(str(sheet.title), titles, line, cells, body)
    return None


def _rows(sheet: Any) -> list[Row]:
    rows: list[Row] = []
    for number, values in enumerate(_values(sheet), start=1):
        if number > MAX_ROWS:
            break
        cells = [cell_text(v) for v in values]
        while cells and not cells[-1]:
            cells.pop()  # a sheet's used range often runs past the last filled column
        if any(cells):
            rows.append((number, cells))
    return rows


def _values(sheet: Any) -> Iterator[Sequence[Any]]:
    yield from sheet.iter_rows(values_only=True)


def _has_header(cells: Sequence[str]) -> bool:
    return len([c for c in cells if c]) >= 2 and any(
        normalise_header(c) in KNOWN_HEADERS for c in cells
    )


def cell_text(value: Any) -> str:
    """A cell as the text a CSV export would hold: dates ISO, whole numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
