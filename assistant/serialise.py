"""Programme <-> JSON-able dict, an exact round trip (dates ISO, tuples as lists, enums as values); pure."""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from datetime import date, datetime, tzinfo
from enum import Enum
from functools import cache
from typing import Any, TypeVar, Union
from zoneinfo import ZoneInfo

from assistant.programme import Programme

FORMAT = "programme-assistant/programme@1"

T = TypeVar("T")

# `2025-05-22T13:15:00+01:00[Europe/London]`: the offset keeps the instant, the bracketed
# zone (RFC 9557) keeps DST-aware arithmetic when the source gave a named zone.
_ZONED = re.compile(r"^(?P<iso>.+)\[(?P<zone>[A-Za-z0-9_+\-/]+)\]$")


class SerialiseError(ValueError):
    """A stored programme does not have the shape of the records (a corrupt or foreign file)."""


def programme_to_dict(programme: Programme) -> dict[str, Any]:
    """The programme as plain JSON values, tagged with a format name."""
    data = to_json(programme)
    assert isinstance(data, dict)
    return {"format": FORMAT, **data}


def programme_from_dict(data: Any) -> Programme:
    """The Programme a dict from programme_to_dict describes; SerialiseError if it is not one."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        found = data.get("format") if isinstance(data, dict) else type(data).__name__
        raise SerialiseError(f"expected a programme in format {FORMAT!r}, found {found!r}")
    body = {k: v for k, v in data.items() if k != "format"}
    return from_json(Programme, body)


def to_json(value: Any) -> Any:
    """A record (or any value inside one) as JSON values."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or kind is float or value is None:
        return value  # the common case first: this runs a million times for 20,000 sessions
    if kind is tuple or kind is list:
        return [to_json(v) for v in value]
    names = _field_names(kind)
    if names is not None:
        return {name: to_json(getattr(value, name)) for name in names}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        zone = value.tzinfo
        text = value.isoformat()
        return f"{text}[{zone.key}]" if isinstance(zone, ZoneInfo) else text
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str | int | float):
        return value
    raise SerialiseError(f"cannot store a {kind.__name__}: {value!r}")


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def _field_names(kind: type) -> tuple[str, ...] | None:
    if kind not in _FIELD_NAMES:
        is_record = dataclasses.is_dataclass(kind)
        _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(kind)) if is_record else None
    return _FIELD_NAMES[kind]


def from_json(kind: Any, data: Any) -> Any:
    """The value of type `kind` (a record class or a field's annotation) that data describes."""
    origin = typing.get_origin(kind)
    if origin in (Union, types.UnionType):
        options = typing.get_args(kind)
        if data is None and type(None) in options:
            return None
        errors = []
        for option in options:
            if option is type(None):
                continue
            try:
                return from_json(option, data)
            except (SerialiseError, TypeError, ValueError) as exc:
                errors.append(str(exc))
        raise SerialiseError("; ".join(errors))
    if origin is tuple:
        args = typing.get_args(kind)
        _expect(data, list, kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(from_json(args[0], v) for v in data)
        return tuple(from_json(a, v) for a, v in zip(args, data, strict=True))
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        _expect(data, dict, kind)
        hints = _hints(kind)
        values = {}
        for f in dataclasses.fields(kind):
            if f.name in data:
                values[f.name] = from_json(hints[f.name], data[f.name])
        try:
            return kind(**values)
        except TypeError as exc:
            raise SerialiseError(f"{kind.__name__}: {exc}") from None
    if kind is datetime:
        _expect(data, str, kind)
        return _parse_datetime(data)
    if kind is date:
        _expect(data, str, kind)
        return date.fromisoformat(data)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(data)
    if kind is float:
        if isinstance(data, int | float) and not isinstance(data, bool):
            return float(data)
        raise SerialiseError(f"expected a number, got {data!r}")
    if kind in (str, int, bool):
        # bool is an int in Python: check it exactly so 1 never reads as True
        if type(data) is not kind:
            raise SerialiseError(f"expected {kind.__name__}, got {data!r}")
        return data
    if kind is Any:
        return data
    raise SerialiseError(f"cannot read a {kind!r}")


def _parse_datetime(text: str) -> datetime:
    match = _ZONED.match(text)
    if match is None:
        return datetime.fromisoformat(text)
    moment = datetime.fromisoformat(match["iso"])
    zone: tzinfo = ZoneInfo(match["zone"])
    local = moment.replace(tzinfo=zone)
    # the same wall-clock time and offset in the named zone (a fold picks the right one)
    if local.utcoffset() != moment.utcoffset():
        local = local.replace(fold=1 - local.fold)
    return local


def _expect(data: Any, kind: type, target: Any) -> None:
    if not isinstance(data, kind):
        name = getattr(target, "__name__", str(target))
        raise SerialiseError(f"expected a {kind.__name__} for {name}, got {data!r:.80}")


@cache
def _hints(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind)


def round_trip(value: T) -> T:
    """The value after storing and reading it back (for tests and checks)."""
    return typing.cast(T, from_json(type(value), to_json(value)))
