"""A spreadsheet table (CSV or XLSX) read into Sessions: its columns found by their headers (or
--columns), then each row read as a session, or rows that share a session grouped (panels)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, tzinfo

from assistant.programme import Session
from assistant.sources import panels, ref_parts
from assistant.sources.author_lists import family_first
from assistant.sources.dates import day_first, read_clock, read_date, twelve_hour
from assistant.sources.problems import ParsedSource, Problem, source_zone
from assistant.sources.spreadsheet import (
    PEOPLE_FIELDS,
    SYNONYMS,
    Context,
    normalise_header,
    numbered_column,
    presenter_first,
    row_session,
)
from assistant.sources.text import affiliation_after_comma


@dataclass(frozen=True, slots=True)
class Table:
    """A spreadsheet read as text: its header cells and (line, cells) for each non-blank row."""

    filename: str
    header: Sequence[str]
    rows: Sequence[tuple[int, Sequence[str]]]
    format: str
    header_line: int = 1
    day: date | None = None  # the day of rows that give none (a workbook sheet's title row)
    session_format: str = ""  # the format of rows that give none (a sheet named 'Posters')


def read_table(
    table: Table,
    *,
    timezone: str | None = None,
    columns: Mapping[str, str] | None = None,
    title: str = "",
) -> ParsedSource:
    """Sessions from a table's rows; bad rows become left-out Problems, never raises."""
    problems: list[Problem] = []
    zone = source_zone(timezone, table.filename, problems)
    header_problems: list[Problem] = []
    found = _columns(table, columns or {}, header_problems)
    if "title" not in found and "panel_title" not in found:
        names = ", ".join(repr(h.strip()) for h in table.header)
        header_problems.append(
            Problem(
                table.filename,
                table.header_line,
                f"expected a title column (title, talk, ...), got {names}",
            )
        )
    if header_problems:  # without the right columns no row can be read
        return ParsedSource(
            (), title=title, problems=(*problems, *header_problems), format=table.format
        )
    context = _context(table, found, zone)
    rows = [(n, row) for n, row in table.rows if not _is_heading(row, found, len(table.header))]
    if panels.rows_share_sessions(rows, context):
        sessions, row_problems = panels.sessions_of(rows, context)
    elif ref_parts.refs_nest(rows, context):
        sessions, row_problems = ref_parts.sessions_of(rows, context)
    else:
        sessions, row_problems = _row_sessions(rows, context)
    return ParsedSource(
        tuple(sessions),
        title=title,
        timezone=timezone if zone is not None else None,
        problems=(*problems, *row_problems),
        format=table.format,
        records=len(table.rows),
        unit="rows",
    )


def names_titles(table: Table, columns: Mapping[str, str]) -> bool:
    """Whether a column of the table holds titles: a table of sessions, not of rooms."""
    return bool({"title", "panel_title"} & set(_columns(table, columns, [])))


def _is_heading(row: Sequence[str], found: Mapping[str, int], width: int) -> bool:
    """A row whose only cell lies outside the title column heads the rows below it
    ('CONCURRENT SESSIONS 1 (10.30 – 11.45)' across the sheet): no session, and no problem."""
    filled = [i for i, cell in enumerate(row) if cell.strip()]
    titles = {found.get("title"), found.get("panel_title")}
    if width < 3 or len(filled) != 1 or filled[0] in titles:
        return False
    return bool(_WORD.search(row[filled[0]]))  # a word: not a lone time or code ('10:30', 'S12')


_WORD = re.compile(r"[^\W\d_]{3,}")


def _context(table: Table, found: Mapping[str, int], zone: tzinfo | None) -> Context:
    def column(field: str) -> Iterable[str]:
        index = found[field]
        return (row[index] for _, row in table.rows if index < len(row))

    packed = frozenset(
        f for f in PEOPLE_FIELDS if f in found and affiliation_after_comma(column(f))
    )
    return Context(
        filename=table.filename,
        columns=found,
        headers=[normalise_header(h) for h in table.header],
        width=len(table.header),
        zone=zone,
        days_first=day_first(
            column("date") if "date" in found else column("start") if "start" in found else (),
            twelve_hour=twelve_hour(c for f in ("time", "start") if f in found for c in column(f)),
        ),
        packed=packed,
        family_first=frozenset(f for f in PEOPLE_FIELDS if f in found and family_first(column(f))),
        first_presents="speakers" in found and presenter_first(table.header[found["speakers"]]),
        day=table.day,
        session_format=table.session_format,
    )


def _row_sessions(
    rows: Sequence[tuple[int, Sequence[str]]], context: Context
) -> tuple[list[Session], list[Problem]]:
    """One Session per row."""
    sessions: list[Session] = []
    problems: list[Problem] = []
    for number, (line, row) in enumerate(rows, start=1):
        result = row_session(row, line, number, context)
        if isinstance(result, Session):
            sessions.append(result)
        else:
            problems.append(result)
    return sessions, problems


def _columns(table: Table, mapping: Mapping[str, str], problems: list[Problem]) -> dict[str, int]:
    """Our field -> column index: the mapping given first, then known headers and synonyms."""
    headers, line = table.header, table.header_line
    normalised = [normalise_header(h) for h in headers]
    found: dict[str, int] = {}
    for field, header in mapping.items():
        if field not in SYNONYMS:
            known = ", ".join(SYNONYMS)
            problems.append(
                Problem(
                    table.filename, line, f"expected a column field among {known}, got {field!r}"
                )
            )
        elif normalise_header(header) not in normalised:
            names = ", ".join(repr(h.strip()) for h in headers)
            problems.append(
                Problem(
                    table.filename, line, f"expected a column {header!r} for {field}, got {names}"
                )
            )
        else:
            found[field] = normalised.index(normalise_header(header))
    by_name = columns_by_name(normalised, found)
    return by_name if mapping else columns_by_content(table.rows, by_name)


def columns_by_content(
    rows: Sequence[tuple[int, Sequence[str]]], found: Mapping[str, int]
) -> dict[str, int]:
    """The title, date and clock columns told by what their cells hold, where no header named
    them ('Talk name', 'Wann', 'Um'): most cells of a date column read as dates, of a clock
    column as times of day (the first the start, the next the end); a title column's cells are
    short texts, nearly all different. Nothing is guessed where a header named the field, nor
    from fewer than three rows, nor where the organiser mapped the columns themselves."""
    found = dict(found)
    width = max((len(row) for _, row in rows), default=0)
    spare = [i for i in range(width) if i not in found.values()]

    def cells(i: int) -> list[str]:
        return [row[i].strip() for _, row in rows if i < len(row) and row[i].strip()]

    if "date" not in found:
        dated = [i for i in spare if _mostly(cells(i), _is_date)]
        if dated:
            found["date"] = dated[0]
            spare.remove(dated[0])
    if not {"time", "start", "end"} & set(found):
        # clock columns in order: the first the start, the next the end
        clocks = [i for i in spare if _mostly(cells(i), lambda c: read_clock(c) is not None)]
        for field, i in zip(("start", "end"), clocks, strict=False):
            found[field] = i
            spare.remove(i)
    if not {"title", "panel_title", "group"} & set(found):
        titled = [i for i in spare if _titles(cells(i), len(rows))]
        if titled:
            found["title"] = titled[0]
    return found


def _is_date(cell: str) -> bool:
    try:
        read_date(cell)
    except ValueError:
        return False
    return True


def _mostly(cells: list[str], test: Callable[[str], bool]) -> bool:
    """Four cells in five, of at least three (one row tells nothing about a column)."""
    return len(cells) >= 3 and sum(map(test, cells)) * 5 >= len(cells) * 4


def _titles(cells: list[str], rows: int) -> bool:
    """Short texts (two to twenty words), nearly all different, in most rows."""
    if len(cells) < 3 or len(cells) * 10 < rows * 7 or len(set(cells)) * 10 < len(cells) * 9:
        return False
    sizes = [len(c.split()) for c in cells]
    return 2 <= sum(sizes) / len(sizes) <= 20 and not _mostly(cells, _is_date)


def columns_by_name(normalised: list[str], given: Mapping[str, int]) -> dict[str, int]:
    """Our field -> column index for the headers (normalised) the given mapping leaves: known
    headers and synonyms, then a header's last word; the vetting reads the same columns."""
    found = dict(given)
    taken = set(found.values())
    for field, synonyms in SYNONYMS.items():
        if field in found:
            continue
        for synonym in synonyms:
            if synonym in normalised and normalised.index(synonym) not in taken:
                found[field] = normalised.index(synonym)
                taken.add(found[field])
                break
    for index, header in enumerate(normalised):
        key = numbered_column(header)
        if key and index not in taken and key not in found:
            found[key] = index
            taken.add(index)
    _by_note_or_alternative(normalised, found, taken)
    _by_last_word(normalised, found, taken)
    _session_beside_paper_ids(normalised, found, taken)
    if not {"title", "panel_title", "group"} & set(found):
        # Sched and others call the title 'Name': only where nothing else is the title
        spare = next((h for h in TITLE_FALLBACKS if h in normalised), None)
        if spare is not None and normalised.index(spare) not in taken:
            found["title"] = normalised.index(spare)
            taken.add(found["title"])
    if "title" not in found and "panel_title" not in found and "group" in found:
        # 'Session title' names the panel where papers have titles of their own; alone, it is
        # the title of each session
        found["title"] = found.pop("group")
    return found


TITLE_FALLBACKS = ("name", "event name", "subject", "heading")
SESSION_IDS = ("session id", "session code", "session number", "session no", "session ref")
PAPER_IDS = (
    "paper id", "submission id", "abstract id", "presentation id", "talk id",
    "contribution id", "item id", "paper number", "abstract number", "submission number",
)  # fmt: skip


def _session_beside_paper_ids(
    normalised: list[str], found: dict[str, int], taken: set[int]
) -> None:
    """An export with one row per paper (ConfTool, Oxford Abstracts) gives each row its paper's
    id and its session's: the session's id groups the rows, as a panel column would."""
    if "panel" in found or "id" not in found:
        return
    session = next((normalised.index(h) for h in SESSION_IDS if h in normalised), None)
    paper = next((normalised.index(h) for h in PAPER_IDS if h in normalised), None)
    if session is None or paper is None:
        return
    taken.update((session, paper))
    found["panel"], found["id"] = session, paper


def _by_note_or_alternative(normalised: list[str], found: dict[str, int], taken: set[int]) -> None:
    """Headers no synonym names whole, read without their note or by the first of their
    alternatives that names a field: 'Authors (presenter first)' the speakers, 'Abstract /
    learning outcomes' the abstract, 'Session / title' the session's name."""
    for index, header in enumerate(normalised):
        plain = " ".join(re.sub(r"\([^)]*\)", " ", header).split())
        if index in taken or (plain == header and "/" not in header):
            continue
        candidates = [plain, plain.replace(" / ", "/"), *(a.strip() for a in plain.split("/"))]
        field = next(
            (
                f
                for candidate in candidates
                for f, synonyms in SYNONYMS.items()
                if f not in found and candidate in synonyms
            ),
            "",
        )
        if field:
            found[field] = index
            taken.add(index)


# fields whose two-word names end longer headers: 'Session Start Time', 'Speaker Last Name'
_TWO_WORD_TAILS = ("start", "end", "first_name", "last_name")


def _by_last_word(normalised: list[str], found: dict[str, int], taken: set[int]) -> None:
    """Headers no synonym names, read by their last words: 'Session start time' is the start
    (not a time range), 'Session description' the abstract, 'Talk room' the room, where that
    field has no column yet."""
    for index, header in enumerate(normalised):
        words = header.split()
        if index in taken or len(words) < 2:
            continue
        tails = [(" ".join(words[-2:]), _TWO_WORD_TAILS), (words[-1], tuple(SYNONYMS))]
        for tail, fields in tails:
            field = next(
                (
                    f
                    for f in fields
                    if f not in found and tail in SYNONYMS[f] and tail not in ("no", "#")
                ),
                "",
            )
            if field:
                found[field] = index
                taken.add(index)
                break
