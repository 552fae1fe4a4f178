"""Reads a CSV exported from an abstract-management spreadsheet: the rows go to spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from pathlib import PurePath

from assistant.sources.problems import ParsedSource, Problem
from assistant.sources.spreadsheet import KNOWN_HEADERS, SYNONYMS, format_of, normalise_header
from assistant.sources.table import Table, read_table

__all__ = ["SYNONYMS", "format_of", "looks_like", "normalise_header", "parse", "sniff_delimiter"]

FORMAT = "CSV spreadsheet"


HEADER_WITHIN = 10  # a title or a note may sit above the header, as in a workbook


def looks_like(head: str) -> bool:
    """True when a line among the first few is a CSV header with several columns, one known."""
    return header_index(head) is not None


def header_index(text: str) -> int | None:
    """The index of the header line among the first lines ('Programme 2027,,,' may sit above
    it), or None when none names a known column."""
    lines = text.lstrip("\ufeff").split("\n", HEADER_WITHIN)[:HEADER_WITHIN]
    return next((i for i, line in enumerate(lines) if _is_header(line.rstrip("\r"))), None)


def _is_header(line: str) -> bool:
    headers = _header_cells(line)
    return len(headers) >= 2 and any(normalise_header(h) in KNOWN_HEADERS for h in headers)


def _header_cells(line: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=sniff_delimiter(line)), [])
    except csv.Error:
        return []


def sniff_delimiter(header_line: str) -> str:
    """The header line's delimiter among comma, semicolon and tab; ',' when unsure."""
    try:
        # the sniffer is quadratic in the line's length: a header's first 4 KB says enough
        delimiter = csv.Sniffer().sniff(header_line[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ""
    if delimiter not in {",", ";", "\t"}:
        counts = {d: header_line.count(d) for d in (",", ";", "\t")}
        delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    return delimiter


def parse(
    text: str,
    filename: str,
    *,
    timezone: str | None = None,
    columns: Mapping[str, str] | None = None,
) -> ParsedSource:
    """Sessions from a spreadsheet CSV; bad rows become left-out Problems, never raises."""
    title = PurePath(filename).stem
    text = text.lstrip("\ufeff")
    skipped = header_index(text) or 0
    first_line = text.split("\n", skipped + 1)[skipped].rstrip("\r")
    if not first_line.strip():
        problem = Problem(filename, 1, "expected a CSV header line, got an empty line")
        return ParsedSource((), title=title, problems=(problem,), format=FORMAT)
    problems: list[Problem] = []
    rows = _rows(text, sniff_delimiter(first_line), filename, problems)
    header = next((row for row in rows if row[0] > skipped), None)
    if header is None:
        return ParsedSource((), title=title, problems=tuple(problems), format=FORMAT)
    table = Table(filename, header[1], list(rows), FORMAT, header_line=header[0])
    parsed = read_table(table, timezone=timezone, columns=columns, title=title)
    if not problems:
        return parsed
    return ParsedSource(
        parsed.sessions,
        parsed.title,
        parsed.timezone,
        (*parsed.problems, *problems),
        parsed.format,
        parsed.records,
        parsed.unit,
    )


def _rows(
    text: str, delimiter: str, filename: str, problems: list[Problem]
) -> Iterator[tuple[int, list[str]]]:
    """(line the row starts on, cells) for each non-blank row; a quoted cell may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.append(Problem(filename, line, f"expected a CSV row, got {exc}"))
            return
        if any(cell.strip() for cell in row):
            yield line, row
