"""Reads a CSV exported from an abstract-management spreadsheet into Sessions."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from pathlib import PurePath

from assistant.programme import Part, Session, SourceLocation
from assistant.sources.dates import day_first, read_clock, read_date
from assistant.sources.problems import ParsedSource, Problem, source_zone
from assistant.sources.text import is_not_given, people_list, plain_text

# Our field -> the headers (normalised: lower case, single spaces) that mean it, best first.
SYNONYMS: Mapping[str, tuple[str, ...]] = {
    "id": (
        "id", "code", "ref", "reference", "submission id", "abstract id", "paper id",
        "session id", "session code", "session number", "session no", "talk id", "event id",
        "presentation id", "item id", "#", "no", "number",
    ),
    "title": (
        "title", "talk", "name of talk", "talk title", "presentation title", "paper title",
        "event title", "item title", "presentation", "event",
    ),
    "group": ("session", "block", "slot name", "session name", "session title"),
    "date": ("date", "day", "session date", "event date"),
    "time": ("time", "slot", "time slot", "timeslot", "times"),
    "start": ("start", "start time", "starts", "begin", "begins", "from", "starts at", "time start"),
    "end": ("end", "end time", "ends", "finish", "until", "ends at", "time end", "to"),
    "room": ("room", "location", "venue", "hall", "place", "stage"),
    "stream": ("track", "stream", "theme", "strand", "topic area"),
    "format": ("type", "format", "session type", "presentation type", "session format", "kind"),
    "abstract": ("abstract", "content", "description", "summary", "details", "blurb"),
    "keywords": ("keywords", "keyword", "tags", "topics"),
    "speakers": (
        "speakers", "speaker", "presenters", "presenter", "authors", "author", "speaker(s)",
        "presenter(s)", "speaker names", "faculty", "panelists", "panellists",
    ),
    "co_authors": ("co authors", "coauthors", "co author", "coauthor"),
    "chairs": (
        "chair", "chairs", "moderator", "moderators", "chair(s)", "session chair",
        "chairperson", "chairpersons",
    ),
    "language": ("language", "lang"),
    "recorded": ("video recording", "recorded", "recording", "video"),
}  # fmt: skip
_KNOWN_HEADERS = frozenset(h for headers in SYNONYMS.values() for h in headers)

_UNSCHEDULED = frozenset({"", "tbd", "tba", "na", "n/a", "-", "?"})
_CLOCK = r"\d{1,2}(?:[:.h]\d{2}|(?=\s*[ap]\.?m))(?:\s*[ap]\.?m\.?)?"
_TIME_RANGE = re.compile(rf"({_CLOCK})(?:\s*(?:[-–—]|to)\s*({_CLOCK}))?", re.IGNORECASE)
_YES = frozenset({"✅", "✔", "✔️", "yes", "y", "true", "1", "x"})
_NO = frozenset({"❌", "✖", "no", "n", "false", "0"})

# (pattern in the session name, format); first match wins, so the specific comes first.
_FORMATS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bvirtual lightning\b", re.I), "Virtual lightning talk"),
    (re.compile(r"\bvirtual\b", re.I), "Virtual talk"),
    (re.compile(r"\blightning\b", re.I), "Lightning talk"),
    (re.compile(r"\bposters?\b", re.I), "Poster"),
    (re.compile(r"\bkeynotes?\b", re.I), "Keynote"),
    (re.compile(r"\btutorials?\b", re.I), "Tutorial"),
    (re.compile(r"\bworkshops?\b", re.I), "Workshop"),
    (re.compile(r"\bpanels?\b", re.I), "Panel"),
)


def normalise_header(header: str) -> str:
    """'Co-Authors ' -> 'co authors': how headers are compared."""
    return " ".join(re.sub(r"[-_]+", " ", header.strip().strip('"').lower()).split())


def looks_like(head: str) -> bool:
    """True when the first line is a CSV header with several columns, one of them known."""
    first = head.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    headers = _header_cells(first)
    return len(headers) >= 2 and any(normalise_header(h) in _KNOWN_HEADERS for h in headers)


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


@dataclass(frozen=True, slots=True)
class _Context:
    """What every row needs: the file, the column of each field, the time zone."""

    filename: str
    columns: Mapping[str, int]
    width: int
    zone: tzinfo | None
    days_first: bool  # numeric dates read 18/03/2027, not 3/18/2027 (dates.day_first)

    def cell(self, row: Sequence[str], field: str) -> str:
        index = self.columns.get(field)
        return row[index].strip() if index is not None and index < len(row) else ""


def parse(
    text: str,
    filename: str,
    *,
    timezone: str | None = None,
    columns: Mapping[str, str] | None = None,
) -> ParsedSource:
    """Sessions from a spreadsheet CSV, one per row; bad rows become Problems, never raises."""
    title = PurePath(filename).stem
    text = text.lstrip("\ufeff")
    first_line = text.split("\n", 1)[0].rstrip("\r")
    if not first_line.strip():
        problem = Problem(filename, 1, "expected a CSV header line, got an empty line")
        return ParsedSource((), title=title, problems=(problem,))
    problems: list[Problem] = []
    zone = source_zone(timezone, filename, problems)
    rows = _rows(text, sniff_delimiter(first_line), filename, problems)
    header = next(rows, None)
    if header is None:
        return ParsedSource((), title=title, problems=tuple(problems))
    header_problems: list[Problem] = []
    found = _columns(header[1], columns or {}, filename, header_problems)
    if "title" not in found:
        names = ", ".join(repr(h.strip()) for h in header[1])
        header_problems.append(
            Problem(filename, 1, f"expected a title column (title, talk, ...), got {names}")
        )
    if header_problems:  # without the right columns no row can be read
        return ParsedSource((), title=title, problems=(*problems, *header_problems))
    body = list(rows)
    dates = (
        (row[found["date"]] for _, row in body if found["date"] < len(row))
        if "date" in found
        else ()
    )
    context = _Context(filename, found, len(header[1]), zone, day_first(dates))
    sessions: list[Session] = []
    for number, (line, row) in enumerate(body, start=1):
        result = _session(row, line, number, context)
        if isinstance(result, Session):
            sessions.append(result)
        elif result is not None:
            problems.append(result)
    return ParsedSource(
        tuple(sessions),
        title=title,
        timezone=timezone if zone is not None else None,
        problems=tuple(problems),
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


def _columns(
    headers: Sequence[str], mapping: Mapping[str, str], filename: str, problems: list[Problem]
) -> dict[str, int]:
    """Our field -> column index: the mapping given first, then known headers and synonyms."""
    normalised = [normalise_header(h) for h in headers]
    found: dict[str, int] = {}
    for field, header in mapping.items():
        if field not in SYNONYMS:
            known = ", ".join(SYNONYMS)
            problems.append(
                Problem(filename, 1, f"expected a column field among {known}, got {field!r}")
            )
        elif normalise_header(header) not in normalised:
            names = ", ".join(repr(h.strip()) for h in headers)
            problems.append(
                Problem(filename, 1, f"expected a column {header!r} for {field}, got {names}")
            )
        else:
            found[field] = normalised.index(normalise_header(header))
    taken = set(found.values())
    for field, synonyms in SYNONYMS.items():
        if field in found:
            continue
        for synonym in synonyms:
            if synonym in normalised and normalised.index(synonym) not in taken:
                found[field] = normalised.index(synonym)
                taken.add(found[field])
                break
    return found


def _session(row: list[str], line: int, number: int, context: _Context) -> Session | Problem | None:
    """The Session for one row, or the Problem that makes it unreadable."""
    filename = context.filename
    if len(row) != context.width:
        return Problem(
            filename, line, f"expected {context.width} fields like the header, got {len(row)}"
        )
    title = context.cell(row, "title")
    if not title:
        return Problem(filename, line, "expected a title, got an empty cell")
    day_text = context.cell(row, "date")
    try:
        given = not is_not_given(day_text)
        day = read_date(day_text, days_first=context.days_first) if given else None
    except ValueError:
        message = f"expected a date like 2025-08-09 or 18/03/2025, got {day_text!r}"
        return Problem(filename, line, message)
    try:
        start, end, keep_day = _times(row, day, context)
    except (ValueError, OverflowError) as exc:
        return Problem(filename, line, str(exc))
    if not keep_day:
        day = None  # unscheduled rows carry a placeholder date, not a real day
    elif day is None and start is not None:
        day = start.date()  # a start column holding a full date and time
    group = context.cell(row, "group")
    speakers = people_list(context.cell(row, "speakers"))
    named = {p.id for p in speakers}
    co_authors = tuple(
        p
        for p in people_list(context.cell(row, "co_authors"), role="Co-author")
        if p.id not in named
    )
    abstract = (
        ""
        if is_not_given(context.cell(row, "abstract"))
        else plain_text(context.cell(row, "abstract"))
    )
    room = context.cell(row, "room")
    return Session(
        id=context.cell(row, "id") or str(number),
        title=title,
        day=day,
        start=start,
        end=end,
        room="" if room.lower() in _UNSCHEDULED else room,
        stream=context.cell(row, "stream"),
        group=group,
        format=context.cell(row, "format") or format_of(group),
        keywords=_keywords(context.cell(row, "keywords")),
        language=context.cell(row, "language"),
        recorded=_recorded(context.cell(row, "recorded")),
        chairs=people_list(context.cell(row, "chairs")),
        parts=(Part(1, title, abstract=abstract, speakers=speakers + co_authors),),
        abstract=abstract,
        source=SourceLocation(filename, line),
    )


def _times(
    row: list[str], day: date | None, context: _Context
) -> tuple[datetime | None, datetime | None, bool]:
    """(start, end, keep the day?) from a time range column or separate start and end columns.

    A row whose time is TBD is unscheduled and its date a placeholder; a file with no time
    columns at all keeps its dates."""
    has_time_columns = any(f in context.columns for f in ("time", "start", "end"))
    start_text, end_text = context.cell(row, "start"), context.cell(row, "end")
    if start_text.lower() in _UNSCHEDULED:
        start_text, end_text = _range(context.cell(row, "time"))
    elif end_text.lower() in _UNSCHEDULED:
        end_text = ""
    if not start_text:
        return None, None, not has_time_columns
    start = _moment(start_text, day, context.zone)
    end = _moment(end_text, start.date(), context.zone) if end_text else None
    if end is not None and (end.tzinfo is None) != (start.tzinfo is None):
        raise ValueError(
            "expected start and end both with or both without a UTC offset, "
            f"got {start_text!r} and {end_text!r}"
        )
    if end is not None and end <= start:
        end += timedelta(days=1)  # a block that runs past midnight
    return start, end, True


def _range(cell: str) -> tuple[str, str]:
    """'10:30–12:00' -> ('10:30', '12:00'), '2pm to 3pm' -> ('2pm', '3pm'); 'TBD' -> ('', '')."""
    if cell.lower() in _UNSCHEDULED:
        return "", ""
    match = _TIME_RANGE.fullmatch(cell)
    if match is None:
        raise ValueError(f"expected a time like 10:30 or 10:30–12:00, got {cell!r}")
    return match[1], match[2] or ""


def _moment(text: str, day: date | None, zone: tzinfo | None) -> datetime:
    """A time ('10:30') on the row's day, or a full date and time, in the zone if one is given."""
    clock = read_clock(text)
    try:
        if clock is not None:
            if day is None:
                raise ValueError(f"expected a date for the time {text!r}, got no date")
            moment = datetime.combine(day, clock)
        else:
            moment = datetime.fromisoformat(text)
    except ValueError as exc:
        if str(exc).startswith("expected"):
            raise
        raise ValueError(f"expected a time like 10:30, got {text!r}") from None
    if zone is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment


def format_of(group: str) -> str:
    """The format a session name implies: 'Keynote #1' -> 'Keynote', 'Shiny' -> 'Talk'."""
    if not group:
        return ""
    return next((name for pattern, name in _FORMATS if pattern.search(group)), "Talk")


def _keywords(cell: str) -> tuple[str, ...]:
    words = (" ".join(word.split()) for word in re.split(r"[,;]", cell))
    return tuple(dict.fromkeys(word for word in words if not is_not_given(word)))


def _recorded(cell: str) -> bool | None:
    value = cell.strip().lower()
    if value in _YES:
        return True
    if value in _NO:
        return False
    return None
