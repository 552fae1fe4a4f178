"""What parsers report besides records: problems tied to a file and line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from enum import StrEnum

from assistant.programme import Session, zone_named


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

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class ParsedSource:
    """What one source file yielded: its sessions, a title if it names one, and problems."""

    sessions: tuple[Session, ...]
    title: str = ""
    timezone: str | None = None
    problems: tuple[Problem, ...] = ()


def source_zone(name: str | None, filename: str, problems: list[Problem]) -> tzinfo | None:
    """The --timezone given to a source that names none; an unknown name is a problem at line 1."""
    zone = zone_named(name)
    if name and zone is None:
        problems.append(
            Problem(filename, 1, f"expected a time zone like Europe/London, got {name!r}")
        )
    return zone
