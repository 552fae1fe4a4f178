"""Reads programme files: picks each file's format from its content and merges the records."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.config import Budget
from assistant.errors import BudgetError, UnknownFormatError
from assistant.programme import Programme, make_programme
from assistant.sources import abstract_book, csv_export, entries_xml, frab_json, frab_xml
from assistant.sources.problems import ParsedSource, Problem, Severity

Parser = Callable[..., ParsedSource]

CORRECTIONS_FILE = "people.csv"


@dataclass(frozen=True, slots=True)
class LoadedProgramme:
    """A programme with every problem found while reading it."""

    programme: Programme
    problems: tuple[Problem, ...]
    files: tuple[Path, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        """Problems that make the programme unusable."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)


def sniff(text: str) -> str:
    """The format name of a programme text, from its content: json, xml, csv or abstract-book."""
    head = text.lstrip("\ufeff \t\r\n")[:2000]
    if head.startswith(("{", "[")):
        return "json"
    if head.startswith("<"):
        return "xml"
    if abstract_book.looks_like(head):
        return "abstract-book"
    if csv_export.looks_like(head):
        return "csv"
    return ""


def programme_files(paths: Sequence[Path]) -> tuple[Path, ...]:
    """The files named, with folders expanded to the programme files inside them (sorted)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and not p.name.startswith(".") and p.name != CORRECTIONS_FILE
            )
        else:
            files.append(path)
    return tuple(files)


def read_text(path: Path, budget: Budget | None = None) -> str:
    """The file's text, refusing binary files and files that are not UTF-8 by name; with a
    budget, refusing a file past its size or (a CSV) its rows, counted while it is read."""
    try:
        data = _read_within(path, budget) if budget else path.read_bytes()
    except FileNotFoundError:
        raise UnknownFormatError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UnknownFormatError(f"{path}: is a folder with no programme files") from None
    if b"\x00" in data[:8192]:
        raise UnknownFormatError(f"{path}: a binary file, not a programme")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnknownFormatError(
            f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8"
        ) from None


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
        return frab_json.parse(text, filename)
    if kind == "xml":
        # Both are a <schedule> of <day>s: frab's days hold <room>s, EuroPython's hold <entry>s.
        if entries_xml.looks_like(text):
            return entries_xml.parse(text, filename, timezone=timezone)
        return frab_xml.parse(text, filename)
    if kind == "csv" or (not kind and (columns or filename.lower().endswith(".csv"))):
        return csv_export.parse(text, filename, timezone=timezone, columns=columns)
    if kind == "abstract-book":
        return abstract_book.parse(text, filename, timezone=timezone, corrections=corrections)
    raise UnknownFormatError(
        f"{filename}: not a programme format I read "
        "(abstract-book text, frab/pretalx JSON or XML, EuroPython schedule XML, or CSV)"
    )


def load_programme(
    paths: Sequence[Path],
    *,
    timezone: str | None = None,
    columns: Mapping[str, str] | None = None,
    budget: Budget | None = None,
) -> LoadedProgramme:
    """Read every programme file under paths into one Programme, collecting problems; with a
    budget, a file or a programme past one of its caps raises BudgetError naming it."""
    files = programme_files(paths)
    if not files:
        raise UnknownFormatError(f"{', '.join(map(str, paths))}: no programme files found")
    parsed: list[ParsedSource] = []
    for path in files:
        corrections_path = path.parent / CORRECTIONS_FILE
        corrections = (
            corrections_path.read_text("utf-8-sig") if corrections_path.is_file() else None
        )
        parsed.append(
            parse_text(
                read_text(path, budget),
                str(path),
                timezone=timezone,
                columns=columns,
                corrections=corrections,
            )
        )
        if budget is not None:
            _check_sessions(parsed, budget.max_sessions)
    sessions = tuple(s for p in parsed for s in p.sessions)
    problems = [pr for p in parsed for pr in p.problems]
    problems.extend(_duplicate_ids(parsed))
    title = next((p.title for p in parsed if p.title), _title_from_path(files[0]))
    zone = timezone or next((p.timezone for p in parsed if p.timezone), None)
    return LoadedProgramme(make_programme(title, sessions, zone), tuple(problems), files)


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


def _duplicate_ids(parsed: Sequence[ParsedSource]) -> list[Problem]:
    seen: dict[str, str] = {}
    problems: list[Problem] = []
    for source in parsed:
        for session in source.sessions:
            where = session.source
            if session.id in seen and where is not None:
                problems.append(
                    Problem(
                        where.file,
                        where.line,
                        f"session id {session.id!r} already used at {seen[session.id]}",
                    )
                )
            elif where is not None:
                seen[session.id] = f"{where.file}:{where.line}"
    return problems


GENERIC_STEMS = frozenset({"schedule", "program", "programme", "export", "sessions", "agenda"})


def _title_from_path(path: Path) -> str:
    """'europython2014' for europython2014/schedule.xml: a generic file name says less than its folder."""
    stem = path.stem
    if stem.lower() in GENERIC_STEMS or stem.split("_")[0].isdigit():
        return path.resolve().parent.name or stem
    return stem
