"""JSON read for parsers that report `FILE:LINE` problems: loading, scalars as text, record lines."""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from assistant.sources.problems import ParsedSource, Problem


def load_json(text: str, filename: str) -> Any | Problem:
    """The parsed JSON, or the Problem saying where the text stops being JSON."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        message = f"expected valid JSON, got {exc.msg.lower()} at column {exc.colno}"
        return Problem(filename, exc.lineno, message)
    except RecursionError:
        return Problem(filename, 1, "expected valid JSON, got nesting too deep to read")
    except ValueError as exc:  # e.g. an integer too long to convert
        return Problem(filename, 1, f"expected valid JSON, got {str(exc).split(':')[0]}")


class FromData(Protocol):
    """A parser's reading of already-parsed JSON (the text is kept for line numbers)."""

    def __call__(
        self, data: Any, text: str, filename: str, *, timezone: str | None = None
    ) -> ParsedSource: ...


def parse_json_export(
    text: str,
    filename: str,
    *,
    timezone: str | None,
    format_name: str,
    looks_like: Callable[[Any], bool],
    expected: str,
    from_data: FromData,
) -> ParsedSource:
    """The shared first steps of a JSON export parser: invalid JSON and a shape that is not the
    export each become one Problem at FILE:LINE; anything else is read by from_data."""
    data = load_json(text, filename)
    if isinstance(data, Problem):
        return ParsedSource((), problems=(data,), format=format_name)
    if not looks_like(data):
        problem = Problem(filename, 1, f"expected {expected}, got another shape")
        return ParsedSource((), problems=(problem,), format=format_name)
    return from_data(data, text, filename, timezone=timezone)


def text_of(value: Any) -> str:
    """A JSON scalar as stripped text; null, booleans, lists and objects read as empty."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def kind_of(value: Any) -> str:
    """What a JSON value is, for 'expected ..., got ...' messages."""
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return "a string" if isinstance(value, str) else repr(value)[:40]


def keys_of(mapping: Mapping[str, Any]) -> str:
    """The first keys of an object, quoted, for messages."""
    return ", ".join(repr(str(k)) for k in list(mapping)[:10]) or "none"


def objects(value: Any) -> list[Mapping[str, Any]]:
    """The objects in a JSON list (anything else in it, or a non-list, is passed over)."""
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


class LineFinder:
    """Finds each record's line by scanning forward for its id, in document order.

    json.loads keeps no positions; records come out in document order, so each record's
    `"id": N` is the next one after the previous record's."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._newlines = [match.start() for match in re.finditer("\n", text)]
        self._cursor = 0

    def _line(self, position: int) -> int:
        return bisect.bisect_right(self._newlines, position) + 1

    def here(self) -> int:
        """The line reached so far (the last record found)."""
        return self._line(self._cursor)

    def record_line(self, record: Mapping[str, Any], keys: tuple[str, ...] = ("id",)) -> int:
        """The line of the `{` that opens this record, found by the first of keys it has."""
        for key in keys:
            value = record.get(key)
            if isinstance(value, bool) or not isinstance(value, int | str) or value == "":
                continue
            literal = re.escape(json.dumps(value, ensure_ascii=False))
            pattern = re.compile(rf'"{re.escape(key)}"\s*:\s*{literal}(?![\w.])')
            match = pattern.search(self._text, self._cursor)
            if match is None:
                # a file written with ensure_ascii spells 'é' as '\u00e9'
                literal = re.escape(json.dumps(value))
                pattern = re.compile(rf'"{re.escape(key)}"\s*:\s*{literal}(?![\w.])')
                match = pattern.search(self._text, self._cursor)
            if match is None:
                continue
            opening = self._text.rfind("{", self._cursor, match.start())
            self._cursor = match.end()
            return self._line(opening if opening >= 0 else match.start())
        return self.here()

    def key_line(self, key: str) -> int:
        """The line of the next `"key": {` (a record stored under its id as an object key)."""
        pattern = re.compile(rf"{re.escape(json.dumps(key))}\s*:\s*\{{")
        match = pattern.search(self._text, self._cursor)
        if match is None:
            return self.here()
        self._cursor = match.end()
        return self._line(match.start())
