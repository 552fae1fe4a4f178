"""The assistant's errors: one base class, each subclass says when it fires."""

from __future__ import annotations


class AssistantError(Exception):
    """Base of every error the assistant reports to a person instead of a traceback."""


class ProgrammeError(AssistantError):
    """A programme file cannot be parsed; carries the file and line to fix."""

    def __init__(self, file: str, line: int, message: str) -> None:
        super().__init__(f"{file}:{line}: {message}")
        self.file = file
        self.line = line
        self.message = message


class BudgetError(ProgrammeError):
    """A programme is larger than one of its caps (rows, size, sessions, chunks); the message
    names the cap and the setting that raises it."""


class UnknownFormatError(AssistantError):
    """A file is not a programme format the assistant reads (or is binary)."""


class IndexFolderError(AssistantError):
    """An index folder is missing, partial, or was built for another model."""


class NotFoundError(AssistantError):
    """A session or person asked for by id does not exist."""
