"""Reads an XLSX workbook (Excel, LibreOffice, an abstract tool's export) through the same
column mapping as CSV: the first sheet with a header row is a table of rows (table.read_table)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime, time
from pathlib import PurePath
from typing import Any

from assistant.sources.problems import ParsedSource, Problem
from assistant.sources.spreadsheet import KNOWN_HEADERS, normalise_header
from assistant.sources.table import Table, read_table

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
    """Sessions from an XLSX workbook's first sheet with a header row; never raises."""
    title = PurePath(filename).stem
    sheet = _sheet_rows(data, filename)
    if isinstance(sheet, Problem):
        return ParsedSource((), title=title, problems=(sheet,), format=FORMAT)
    name, (header_line, header), body = sheet
    table = Table(filename, header, body, f"{FORMAT} (sheet {name!r})", header_line=header_line)
    return read_table(table, timezone=timezone, columns=columns, title=title)


Row = tuple[int, list[str]]  # (row number, cells as text)


def _sheet_rows(data: bytes, filename: str) -> tuple[str, Row, list[Row]] | Problem:
    """(sheet name, header row, the non-blank rows below it), or the Problem."""
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
        for sheet in workbook.worksheets:
            rows = _rows(sheet)
            # a title or a note may sit above the header
            for index, (line, cells) in enumerate(rows[:10]):
                if _has_header(cells):
                    width = len(cells)
                    body = [(n, c + [""] * (width - len(c))) for n, c in rows[index + 1 :]]
                    return str(sheet.title), (line, cells), body
    except Exception as exc:  # cells are read lazily, through the same XML layer
        return Problem(
            filename, 1, f"expected readable sheets, got malformed content ({type(exc).__name__})"
        )
    finally:
        workbook.close()
    return Problem(
        filename, 1, "expected a sheet whose first row names columns (title, date, ...), got none"
    )


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
