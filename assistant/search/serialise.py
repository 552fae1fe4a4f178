"""Programme <-> JSON, an exact round trip (dates ISO, tuples as lists, enums as values); pure."""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from collections.abc import Sequence
from datetime import date, datetime, tzinfo
from enum import Enum
from functools import cache
from typing import Any, TypeVar, Union
from zoneinfo import ZoneInfo

import orjson

from assistant.programme import Programme, with_people

FORMAT = "programme-assistant/programme@1"

T = TypeVar("T")

# `2025-05-22T13:15:00+01:00[Europe/London]`: the offset keeps the instant, the bracketed
# zone (RFC 9557) keeps DST-aware arithmetic when the source gave a named zone.
_ZONED = re.compile(r"^(?P<iso>.+)\[(?P<zone>[A-Za-z0-9_+\-/]+)\]$")


class SerialiseError(ValueError):
    """A stored programme does not have the shape of the records (a corrupt or foreign file)."""


def encode(value: Any) -> bytes:
    """A record (or any value inside one) as JSON bytes; SerialiseError for what JSON cannot hold."""
    try:
        return orjson.dumps(value, default=_encode_time, option=orjson.OPT_PASSTHROUGH_DATETIME)
    except orjson.JSONEncodeError as exc:
        raise SerialiseError(str(exc.__cause__ or exc)) from None


def _encode_time(value: Any) -> str:
    if isinstance(value, datetime):
        zone = value.tzinfo
        text = value.isoformat()
        return f"{text}[{zone.key}]" if isinstance(zone, ZoneInfo) else text
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot store a {type(value).__name__}: {value!r:.80}")


def programme_json(programme: Programme, encoded_sessions: Sequence[bytes] | None = None) -> bytes:
    """The programme as JSON bytes, tagged with a format name.

    encoded_sessions are the sessions' own encodings, when the caller has them already (a
    build fingerprints each session by its encoding), so they are not encoded twice. People
    are left out: they are gathered from the sessions again on reading, so they cannot differ."""
    if encoded_sessions is None:
        encoded_sessions = [encode(session) for session in programme.sessions]
    members = [b'"format":' + encode(FORMAT)]
    for name in _field_names(Programme):
        if name == "sessions":
            members.append(b'"sessions":[' + b",".join(encoded_sessions) + b"]")
        elif name != "people":
            members.append(encode(name) + b":" + encode(getattr(programme, name)))
    return b"{" + b",".join(members) + b"}"


def programme_from_json(data: bytes | str) -> Programme:
    """The Programme that programme_json wrote; SerialiseError if data is not one."""
    try:
        parsed = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise SerialiseError(str(exc)) from None
    return programme_from_dict(parsed)


def programme_from_dict(data: Any) -> Programme:
    """The Programme a parsed programme_json describes; SerialiseError if it is not one."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        found = data.get("format") if isinstance(data, dict) else type(data).__name__
        raise SerialiseError(f"expected a programme in format {FORMAT!r}, found {found!r}")
    body = {k: v for k, v in data.items() if k not in ("format", "people")}
    return with_people(from_json(Programme, body))


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    """The fields a record is made from (not those it works out itself, like a programme's days)."""
    return tuple(f.name for f in dataclasses.fields(kind) if f.init)


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
    return typing.cast(T, from_json(type(value), orjson.loads(encode(value))))
