"""What a programme file can hide from its parser, found before it goes live: CSV columns that
are not read, dates and times that cannot be, a quote never closed, sessions without a time,
none scheduled at all, or all at one time."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from assistant.errors import AssistantError
from assistant.sources import LoadedProgramme, read_text, sniff
from assistant.sources.csv_export import header_index, normalise_header, sniff_delimiter
from assistant.sources.dates import read_clock, read_date
from assistant.sources.problems import Problem, Severity
from assistant.sources.spreadsheet import KNOWN_HEADERS
from assistant.sources.table import columns_by_content, columns_by_name

WARNING = Severity.WARNING
# What an unread header most likely meant.
HINTS = {
    "when": "'start' (a date and time), or 'date' and 'time'", "datetime": "'start'",
    "date time": "'start'", "date and time": "'start'", "schedule": "'start'",
    "day and time": "'start'", "who": "'speakers'", "presented by": "'speakers'",
    "by": "'speakers'", "names": "'speakers'", "where": "'room'", "what": "'title'",
    "name": "'title'", "description": "'abstract'", "text": "'abstract'", "tag": "'keywords'",
    "category": "'stream'",
}  # fmt: skip
# Words of a cell that tries to give a time, in any way.
TIME_LIKE = re.compile(
    r"\d{1,2}[:.h]\d{2}|\b\d{1,2}\s*[ap]\.?m\b|\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?"
    r"|sun)(?:day)?\b|\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|june?|july?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b|\btoday\b"
    r"|\btomorrow\b|\bnext (?:week|day|mon|tue|wed|thu|fri|sat|sun)|\bmorning\b|\bafternoon\b"
    r"|\bevening\b|\bnoon\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
    re.IGNORECASE,
)
SHOWN = 10  # unreadable cells listed per column
SAME_START_AT_LEAST = 5


def vet(
    loaded: LoadedProgramme,
    texts: Mapping[str, str] | None = None,
    columns: Mapping[str, str] | None = None,
) -> tuple[Problem, ...]:
    """Problems the parsers do not report; texts (file name -> text) default to the files."""
    if texts is None:
        texts = {}
        for path in loaded.files:
            try:
                texts[str(path)] = read_text(Path(path))
            except (AssistantError, OSError):
                continue  # a spreadsheet or another binary format: only its schedule is vetted
    problems: list[Problem] = []
    for name, text in texts.items():
        if sniff(text) == "csv" or (not sniff(text) and name.lower().endswith(".csv")):
            problems.extend(vet_csv(text, name, columns or {}))
    first = next(iter(texts), "programme")
    problems.extend(vet_schedule(loaded, first))
    return tuple(problems)


def vet_csv(text: str, filename: str, columns: Mapping[str, str]) -> list[Problem]:
    """A CSV's unread columns (with their unreadable dates and times) and unclosed quotes."""
    text = text.lstrip("\ufeff")
    skipped = header_index(text) or 0  # a title line above the header is not a column
    header_line = text.split("\n", skipped + 1)[skipped].rstrip("\r")
    delimiter = sniff_delimiter(header_line)
    problems = quote_problems(text, delimiter, filename)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))[skipped:]
    except csv.Error:
        return problems  # the parser reports it
    if not rows:
        return problems
    normalised = [normalise_header(h) for h in rows[0]]
    given = {
        f: normalised.index(normalise_header(h))
        for f, h in columns.items()
        if normalise_header(h) in normalised
    }
    found = columns_by_content(
        list(_numbered(rows, skipped + 1)), columns_by_name(normalised, given)
    )
    read = set(found.values())
    # with the times read, another column of times beside them ('Last Updated') dates nothing
    timed = bool({"start", "time"} & set(found))
    for index, header in enumerate(rows[0]):
        name = normalised[index]
        if not name or index in read or name in KNOWN_HEADERS:  # 'Day' beside 'Date' is read
            continue
        cells = [
            (line, row[index].strip())
            for line, row in _numbered(rows, skipped + 1)
            if index < len(row)
        ]
        problems.extend(_unread_column(header.strip(), name, [] if timed else cells, filename))
    return problems


def _numbered(rows: Sequence[list[str]], header: int = 1) -> Iterable[tuple[int, list[str]]]:
    """(line, row) of the data rows below the header's line, counting a row per line (as a
    spreadsheet shows them)."""
    return ((number, row) for number, row in enumerate(rows[1:], start=header + 1) if any(row))


def _unread_column(
    header: str, name: str, cells: list[tuple[int, str]], filename: str
) -> list[Problem]:
    hint = HINTS.get(name)
    rename = (
        f"rename it {hint}"
        if hint
        else "rename it to a field's name (title, date, time, start, room, speakers ...)"
    )
    filled = [(line, cell) for line, cell in cells if cell]
    timely = [(line, cell) for line, cell in filled if TIME_LIKE.search(cell)]
    if len(timely) * 2 <= len(filled):  # most of its cells try to say when
        timely = []
    if not timely and "start" not in (hint or ""):
        return [Problem(filename, 1, f"column {header!r} is not read: {rename}", WARNING)]
    problems = [
        Problem(
            filename,
            1,
            f"column {header!r} is not read, so no session gets its dates or times: {rename}",
            WARNING,
        )
    ]
    unreadable = [(line, cell) for line, cell in timely if not _readable_moment(cell)]
    for line, cell in unreadable[:SHOWN]:
        message = (
            f"expected a date or time like 2025-05-22 13:15 in column {header!r}, got {cell!r}"
        )
        problems.append(Problem(filename, line, message, WARNING))
    if len(unreadable) > SHOWN:
        more = len(unreadable) - SHOWN
        problems.append(
            Problem(filename, 1, f"... and {more} more cells of {header!r} like these", WARNING)
        )
    return problems


def _readable_moment(cell: str) -> bool:
    """A cell a date, a time, or a date and a time could be read from."""
    for text in (cell, *cell.replace("T", " ").split(" ", 1)):
        if read_clock(text) is not None:
            return True
        try:
            read_date(text)
            return True
        except ValueError:
            continue
    return False


def quote_problems(text: str, delimiter: str, filename: str) -> list[Problem]:
    """A quote opened at the start of a cell and never closed: the csv reader takes the rest
    of the file as that one cell, rows and all, and says nothing."""
    line, opened, in_quotes, field_start = 1, 0, False, True
    i = 0
    while i < len(text):
        char = text[i]
        if in_quotes and char == '"':
            if text[i + 1 : i + 2] == '"':  # an escaped quote inside the cell
                i += 2
                continue
            in_quotes = False
        elif char == '"' and field_start:
            in_quotes, opened = True, line
        if char == "\n":
            line += 1
        field_start = not in_quotes and char in (delimiter, "\n", "\r")
        i += 1
    if not in_quotes:
        return []
    swallowed = line - opened - (1 if text.endswith("\n") else 0)
    rest = f" and the {swallowed} line{'s' if swallowed != 1 else ''} after it" if swallowed else ""
    return [
        Problem(
            filename,
            opened,
            f"a quote opened here is never closed: the rest of this line{rest} became one cell",
        )
    ]


def vet_schedule(loaded: LoadedProgramme, filename: str) -> list[Problem]:
    """No session scheduled (an error), sessions without a time, all sessions at one time."""
    sessions = loaded.programme.sessions
    if not sessions:
        return []
    timed = [s for s in sessions if s.start is not None]
    if not timed:
        return [
            Problem(
                filename,
                1,
                f"none of the {len(sessions)} sessions has a date and a time: delegates could "
                "not ask when anything is; give the file date and time (or start) columns",
            )
        ]
    problems = []
    untimed = [s for s in sessions if s.start is None]
    if untimed:
        ids = ", ".join(s.id for s in untimed[:SHOWN]) + (" ..." if len(untimed) > SHOWN else "")
        message = f"{len(untimed)} of {len(sessions)} sessions have no time ({ids})"
        problems.append(Problem(filename, 1, message, WARNING))
    starts = Counter(s.start for s in timed)
    moment, count = starts.most_common(1)[0]
    if len(starts) == 1 and count >= SAME_START_AT_LEAST and moment is not None:
        message = (
            f"all {count} scheduled sessions start at the same moment "
            f"({moment.strftime('%A %d %B %Y, %H:%M')}): were the times read?"
        )
        problems.append(Problem(filename, 1, message, WARNING))
    return problems
