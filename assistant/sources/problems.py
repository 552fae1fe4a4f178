"""What parsers report besides records: problems tied to a file and line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from enum import StrEnum

from assistant.programme import Part, Session, zone_named


class Severity(StrEnum):
    """Errors make a programme unusable; warnings are for an organiser to review."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong (or doubtful) in a source file, as `FILE:LINE: message`."""

    file: str
    line: int
    message: str
    severity: Severity = Severity.ERROR
    # the record (row, event, talk) at this line was left out; the rest of the file was read
    left_out: bool = False

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class ParsedSource:
    """What one source file yielded: its sessions, a title if it names one, and problems.

    records counts what the file holds (rows, events, talks), read or left out, so a build can
    say '1,244 of 1,247 rows read'; format names the format the content was read as."""

    sessions: tuple[Session, ...]
    title: str = ""
    timezone: str | None = None
    problems: tuple[Problem, ...] = ()
    format: str = ""
    records: int = 0
    unit: str = "records"
    # parts a file opens with, before any session: the rest of the previous file's last session
    # (an abstract book cut into files mid-session); an error (carried_problem) unless one
    # takes them
    carried: tuple[Part, ...] = ()
    carried_problem: Problem | None = None

    @property
    def left_out(self) -> int:
        """How many records were left out as unreadable (each has one left-out problem)."""
        return sum(1 for p in self.problems if p.left_out)


def left_out(file: str, line: int, message: str) -> Problem:
    """The error for a record that cannot be read and is left out of the programme."""
    return Problem(file, line, message, Severity.ERROR, left_out=True)


def source_zone(name: str | None, filename: str, problems: list[Problem]) -> tzinfo | None:
    """The --timezone given to a source that names none; an unknown name is a problem at line 1."""
    zone = zone_named(name)
    if name and zone is None:
        problems.append(
            Problem(filename, 1, f"expected a time zone like Europe/London, got {name!r}")
        )
    return zone
