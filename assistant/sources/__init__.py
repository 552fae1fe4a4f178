"""Reads programme files: picks each file's format from its content and merges the records."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from assistant.config import Budget
from assistant.errors import BudgetError, UnknownFormatError
from assistant.programme import Part, Programme, Session, make_programme
from assistant.sources import (
    abstract_book,
    csv_export,
    entries_xml,
    frab_json,
    frab_xml,
    ical,
    indico,
    pretalx_api,
    sessionize,
    xlsx,
)
from assistant.sources.described import with_chairs_named, with_speakers_described
from assistant.sources.faq_file import is_faq
from assistant.sources.json_lines import keys_of, kind_of, load_json
from assistant.sources.objectives import with_objectives
from assistant.sources.problems import ParsedSource, Problem, Severity
from assistant.sources.running_order import with_running_orders

Parser = Callable[..., ParsedSource]

CORRECTIONS_FILE = "people.csv"
# Files a programme folder may hold beside the programme: they are left aside, not read.
DOCUMENT_STEMS = frozenset(
    "readme provenance license licence copying notice changelog authors".split()
)
SCHEMA_SUFFIXES = frozenset({".xsd", ".dtd"})
JSON_SCHEMA = "JSON Schema"  # the format of a schema document: set aside in a folder, like .xsd
# JSON readers in the order their shapes are tried (frab first: the oldest and most common).
JSON_READERS = (frab_json, sessionize, indico, pretalx_api)
JSON_FORMATS = "a frab/pretalx schedule, Sessionize view/All, an Indico export or pretalx API talks"


@dataclass(frozen=True, slots=True)
class SourceReport:
    """What one file yielded, for the per-file lines of `check` and the build's summary."""

    path: Path
    format: str
    sessions: tuple[Session, ...]
    timezone: str | None
    records: int
    unit: str
    left_out: int


@dataclass(frozen=True, slots=True)
class LoadedProgramme:
    """A programme with every problem found while reading it."""

    programme: Programme
    problems: tuple[Problem, ...]
    files: tuple[Path, ...]
    sources: tuple[SourceReport, ...] = ()
    set_aside: tuple[Path, ...] = ()  # documents and schemas found in a folder, not read

    @property
    def errors(self) -> tuple[Problem, ...]:
        """Problems that make the programme unusable."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def blocking(self) -> tuple[Problem, ...]:
        """Errors that stop a build: a file that cannot be read as a whole or yields no session.

        A record left out (a bad row or event) does not: the rest is built and served."""
        empty = {str(report.path) for report in self.sources if not report.sessions}
        return tuple(p for p in self.errors if not p.left_out or p.file in empty)


def sniff(text: str) -> str:
    """The format name of a programme text, from its content: json, xml, ical, csv or abstract-book."""
    head = text.lstrip("\ufeff \t\r\n")[:2000]
    if head.startswith(("{", "[")):
        return "json"
    if head.startswith("<"):
        return "xml"
    if ical.looks_like(head):
        return "ical"
    if abstract_book.looks_like(head):
        return "abstract-book"
    if csv_export.looks_like(head):
        return "csv"
    return ""


def programme_files(paths: Sequence[Path]) -> tuple[Path, ...]:
    """The files named, with folders expanded to the programme files inside them (sorted)."""
    return tuple(path for path, _ in _expanded(paths) if path not in _set_aside(paths))


def _expanded(paths: Sequence[Path]) -> list[tuple[Path, bool]]:
    """(file, found in a folder?) for every file named or inside a folder named."""
    files: list[tuple[Path, bool]] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                (p, True)
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and not p.name.startswith(".")
                and p.name != CORRECTIONS_FILE
                and not is_faq(p)  # the organisers' FAQ, read by build on its own
            )
        else:
            files.append((path, False))
    return files


def _set_aside(paths: Sequence[Path]) -> tuple[Path, ...]:
    """Files in the folders named that are documents or schemas, not programmes."""
    return tuple(
        path
        for path, in_folder in _expanded(paths)
        if in_folder
        and (path.stem.lower() in DOCUMENT_STEMS or path.suffix.lower() in SCHEMA_SUFFIXES)
    )


def read_text(path: Path) -> str:
    """The file's text, refusing binary files and files that are not UTF-8 by name."""
    return _decoded(_read_bytes(path), path)


def _read_bytes(path: Path, budget: Budget | None = None) -> bytes:
    try:
        return _read_within(path, budget) if budget else path.read_bytes()
    except FileNotFoundError:
        raise UnknownFormatError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UnknownFormatError(f"{path}: is a folder with no programme files") from None


READ_BLOCK = 1 << 20


def _size(count: int) -> str:
    return f"{count // 1_000_000} MB" if count % 1_000_000 == 0 else f"{count:,} bytes"


def _read_within(path: Path, budget: Budget) -> bytes:
    """The file's bytes, read a block at a time, stopping at the first cap passed: a huge file
    is refused in a second, with its file and line, before anything parses it."""
    blocks: list[bytes] = []
    size = lines = 0
    max_rows: int | None = None  # the rows cap holds for CSV, where a line is a session
    with path.open("rb") as stream:
        while block := stream.read(READ_BLOCK):
            if not blocks:
                head = block[:8192].decode("utf-8", "ignore")
                kind = sniff(head)
                if kind == "csv" or (not kind and path.suffix.lower() == ".csv"):
                    max_rows = budget.max_rows
            size += len(block)
            if size > budget.max_bytes:
                within = budget.max_bytes - (size - len(block))  # the bytes allowed of this block
                raise BudgetError(
                    str(path),
                    lines + block[:within].count(b"\n") + 1,
                    f"larger than {_size(budget.max_bytes)}, the cap set by {Budget.BYTES_SETTING}",
                )
            if max_rows is not None and lines + block.count(b"\n") >= max_rows:
                # the line past the cap is refused, whether or not the file ends there
                ends_within = block.rstrip(b"\r\n").count(b"\n")
                if lines + ends_within >= max_rows:
                    raise BudgetError(
                        str(path),
                        max_rows + 1,
                        f"more than {max_rows:,} rows, the cap set by {Budget.ROWS_SETTING}",
                    )
            lines += block.count(b"\n")
            blocks.append(block)
    return b"".join(blocks)


def _check_sessions(parsed: Sequence[ParsedSource], cap: int) -> None:
    """BudgetError at the first session past the cap, counting every file read so far."""
    sessions = [s for p in parsed for s in p.sessions]
    if len(sessions) > cap:
        where = sessions[cap].source
        raise BudgetError(
            where.file if where else "programme",
            where.line if where else 1,
            f"more than {cap:,} sessions, the cap set by {Budget.SESSIONS_SETTING}",
        )


def _decoded(data: bytes, path: Path) -> str:
    if b"\x00" in data[:8192]:
        raise UnknownFormatError(f"{path}: a binary file, not a programme")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnknownFormatError(
            f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8"
        ) from None


def parse_text(
    text: str,
    filename: str,
    *,
    timezone: str | None = None,
    columns: Mapping[str, str] | None = None,
    corrections: str | None = None,
) -> ParsedSource:
    """Parse one programme text whose format is sniffed from its content."""
    kind = sniff(text)
    if kind == "json":
        return parse_json(text, filename, timezone=timezone)
    if kind == "xml":
        # Both are a <schedule> of <day>s: frab's days hold <room>s, EuroPython's hold <entry>s.
        if entries_xml.looks_like(text):
            return entries_xml.parse(text, filename, timezone=timezone)
        return frab_xml.parse(text, filename, timezone=timezone)
    if kind == "ical":
        return ical.parse(text, filename, timezone=timezone)
    if kind == "csv" or (not kind and (columns or filename.lower().endswith(".csv"))):
        return csv_export.parse(text, filename, timezone=timezone, columns=columns)
    if kind == "abstract-book":
        return abstract_book.parse(text, filename, timezone=timezone, corrections=corrections)
    raise UnknownFormatError(
        f"{filename}: not a programme format I read (abstract-book text, frab/pretalx JSON or "
        "XML, EuroPython schedule XML, Sessionize, Indico or pretalx API JSON, iCalendar, "
        "CSV or XLSX)"
    )


def parse_json(text: str, filename: str, *, timezone: str | None = None) -> ParsedSource:
    """Parse JSON once and hand it to the reader whose shape it has."""
    data = load_json(text, filename)
    if isinstance(data, Problem):
        return ParsedSource((), problems=(data,), format="JSON")
    for reader in JSON_READERS:
        if reader.looks_like(data):
            return reader.from_data(data, text, filename, timezone=timezone)
    if (
        isinstance(data, Mapping)
        and "$schema" in data
        and {"properties", "definitions", "$defs"} & set(data)
    ):
        message = f"expected a programme, got a JSON Schema ({data.get('$schema')!s:.60})"
        return ParsedSource((), problems=(Problem(filename, 1, message),), format=JSON_SCHEMA)
    message = f"expected {JSON_FORMATS}, got {_shape(data)}"
    return ParsedSource((), problems=(Problem(filename, 1, message),), format="JSON")


def _shape(data: Any) -> str:
    return f"keys {keys_of(data)}" if isinstance(data, Mapping) else kind_of(data)


def parse_bytes(
    data: bytes,
    filename: str,
    *,
    timezone: str | None = None,
    columns: Mapping[str, str] | None = None,
    corrections: str | None = None,
) -> ParsedSource:
    """Parse one programme file's bytes: a spreadsheet workbook, or text of any format; the
    learning objectives and the chair an abstract writes out are read in every format alike."""
    if xlsx.looks_like(data):
        parsed = xlsx.parse(data, filename, timezone=timezone, columns=columns)
    else:
        text = _decoded(data, Path(filename))
        parsed = parse_text(
            text, filename, timezone=timezone, columns=columns, corrections=corrections
        )
    return with_speakers_described(with_chairs_named(with_objectives(with_running_orders(parsed))))


def load_programme(
    paths: Sequence[Path],
    *,
    timezone: str | None = None,
    columns: Mapping[str, str] | None = None,
    budget: Budget | None = None,
) -> LoadedProgramme:
    """Read every programme file under paths into one Programme, collecting problems; with a
    budget, a file or a programme past one of its caps raises BudgetError naming it."""
    in_folders = {path for path, in_folder in _expanded(paths) if in_folder}
    set_aside = list(_set_aside(paths))
    files: list[Path] = []
    read: list[ParsedSource] = []
    for path in programme_files(paths):
        source = _parse_file(path, timezone, columns, budget)
        if path in in_folders and source.format == JSON_SCHEMA:
            set_aside.append(path)
        else:
            files.append(path)
            read.append(source)
            if budget is not None:
                _check_sessions(read, budget.max_sessions)
    if not files:
        raise UnknownFormatError(f"{', '.join(map(str, paths))}: no programme files found")
    parsed, repeats = _without_repeats(_carried_over(read), files)
    sessions = tuple(s for p in parsed for s in p.sessions)
    problems = [pr for p in parsed for pr in p.problems]
    problems.extend(repeats)
    problems.extend(_empty_files(read, files))
    title = next(
        (
            p.title
            for path, p in zip(files, parsed, strict=True)
            if p.title and not (p.title == path.stem and path.stem.lower() in GENERIC_STEMS)
        ),
        _title_from_path(files[0]),
    )
    zone = timezone or next((p.timezone for p in parsed if p.timezone), None)
    reports = tuple(
        SourceReport(
            path,
            p.format,
            p.sessions,
            p.timezone,
            p.records,
            p.unit,
            sum(1 for pr in problems if pr.left_out and pr.file == str(path)),
        )
        for path, p in zip(files, read, strict=True)
    )
    return LoadedProgramme(
        make_programme(title, sessions, zone),
        tuple(problems),
        tuple(files),
        reports,
        tuple(sorted(set_aside)),
    )


def _parse_file(
    path: Path,
    timezone: str | None,
    columns: Mapping[str, str] | None,
    budget: Budget | None = None,
) -> ParsedSource:
    corrections_path = path.parent / CORRECTIONS_FILE
    corrections = corrections_path.read_text("utf-8-sig") if corrections_path.is_file() else None
    return parse_bytes(
        _read_bytes(path, budget),
        str(path),
        timezone=timezone,
        columns=columns,
        corrections=corrections,
    )


def _without_repeats(
    parsed: Sequence[ParsedSource], files: Sequence[Path]
) -> tuple[list[ParsedSource], list[Problem]]:
    """Each file's sessions with ids already used left out.

    A session that repeats an earlier one (same id, title and start: the same schedule as JSON
    and as XML) is read once, with one warning per file, or, when it lists more parts (a
    session continued in the next file), with them; one that the same file lists again
    under its id and title at another time (a workshop in two slots) is another run of it, its
    id marked with that start; a different session under a used id is an error at its line."""
    seen: dict[str, tuple[Session, str]] = {}
    continued: dict[str, tuple[Session, str]] = {}
    kept: list[ParsedSource] = []
    problems: list[Problem] = []
    for path, source in zip(files, parsed, strict=True):
        sessions: list[Session] = []
        repeated: dict[str, int] = {}
        for session in source.sessions:
            earlier = seen.get(session.id)
            where = session.source
            if earlier is None:
                seen[session.id] = (session, f"{where.file}:{where.line}" if where else str(path))
                sessions.append(session)
            elif (earlier[0].title, earlier[0].start) == (session.title, session.start):
                if (more := _continued(earlier[0], session)) is not None:
                    seen[session.id] = continued[session.id] = (more, earlier[1])
                    continue  # a session continued in another file: its further parts
                first_file = earlier[0].source.file if earlier[0].source else str(path)
                repeated[first_file] = repeated.get(first_file, 0) + 1
            elif (run := _another_run(earlier[0], session, seen)) is not None:
                seen[run.id] = (run, f"{where.file}:{where.line}" if where else str(path))
                sessions.append(run)
            else:
                line = where.line if where else 1
                message = f"session id {session.id!r} already used at {earlier[1]}; left out"
                problems.append(Problem(str(path), line, message, left_out=True))
        for first_file, count in repeated.items():
            message = (
                f"{count} session{'s' if count != 1 else ''} repeat {first_file} "
                "(same ids, titles and times); each is read once"
            )
            problems.append(Problem(str(path), 1, message, Severity.WARNING))
        kept.append(_replace_sessions(source, sessions))
    if continued:
        kept = [
            _replace_sessions(k, [continued.get(s.id, (s, ""))[0] for s in k.sessions])
            for k in kept
        ]
    return kept, problems


def _carried_over(read: Sequence[ParsedSource]) -> list[ParsedSource]:
    """Each file's opening parts (ParsedSource.carried) given to the last session of the file
    before that has sessions, and their error dropped; kept as an error when none has."""
    sources = list(read)
    taker: int | None = None  # the last file so far that has sessions
    for number, source in enumerate(sources):
        if source.carried and taker is not None:
            *others, last = sources[taker].sessions
            with_them = _with_parts(last, source.carried)
            sources[taker] = _replace_sessions(sources[taker], [*others, with_them])
            unerred = tuple(p for p in source.problems if p is not source.carried_problem)
            sources[number] = replace(source, problems=unerred, carried=(), carried_problem=None)
        if source.sessions:
            taker = number
    return sources


def _with_parts(session: Session, parts: Sequence[Part]) -> Session:
    """The session with more parts after its own, numbered on from its last."""
    start = max((p.index for p in session.parts), default=0)
    added = tuple(replace(p, index=start + n) for n, p in enumerate(parts, start=1))
    return replace(session, parts=session.parts + added)


def _continued(earlier: Session, session: Session) -> Session | None:
    """The earlier session with the parts a later listing of it adds ('C2' again at the top of
    the next file, with its PART THREE); None when it adds none (the same schedule twice)."""
    titles = {p.title for p in earlier.parts}
    more = [p for p in session.parts if p.title and p.title not in titles]
    return _with_parts(earlier, more) if more else None


def _another_run(earlier: Session, session: Session, seen: Mapping[str, object]) -> Session | None:
    """The session as another run of the earlier one it shares an id and title with, from the
    same file, at another start ('83@20260917T1030'); None when it is not one."""
    same_file = earlier.source and session.source and earlier.source.file == session.source.file
    if not same_file or earlier.title != session.title or session.start is None:
        return None
    run_id = f"{session.id}@{session.start:%Y%m%dT%H%M}"
    return None if run_id in seen else replace(session, id=run_id)


def _replace_sessions(source: ParsedSource, sessions: list[Session]) -> ParsedSource:
    if len(sessions) == len(source.sessions) and all(
        a is b for a, b in zip(sessions, source.sessions, strict=True)
    ):
        return source
    return ParsedSource(
        tuple(sessions),
        source.title,
        source.timezone,
        source.problems,
        source.format,
        source.records,
        source.unit,
    )


def _empty_files(parsed: Sequence[ParsedSource], files: Sequence[Path]) -> list[Problem]:
    """An error for each file that yields no session and says nothing else is wrong."""
    return [
        Problem(str(path), 1, f"expected sessions, got none ({source.format or 'empty'})")
        for path, source in zip(files, parsed, strict=True)
        if not source.sessions and not source.problems
    ]


GENERIC_STEMS = frozenset(
    "schedule program programme export sessions agenda timetable sessionize calendar".split()
)


def _title_from_path(path: Path) -> str:
    """'europython2014' for europython2014/schedule.xml: a generic file name says less than its folder."""
    stem = path.stem
    if stem.lower() in GENERIC_STEMS or stem.split("_")[0].isdigit():
        return path.resolve().parent.name or stem
    return stem
