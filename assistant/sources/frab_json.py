"""Reads frab / pretalx schedule JSON (the c3voc schema) into Sessions."""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from assistant.sources.frab_common import EventPerson, RawEvent, parse_flag, parsed_schedule
from assistant.sources.problems import ParsedSource, Problem


def parse(text: str, filename: str) -> ParsedSource:
    """Sessions from a frab/pretalx schedule.json; bad input becomes Problems, never raises."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        message = f"expected valid JSON, got {exc.msg.lower()} at column {exc.colno}"
        return ParsedSource((), problems=(Problem(filename, exc.lineno, message),))
    except RecursionError:
        problem = Problem(filename, 1, "expected valid JSON, got nesting too deep to read")
        return ParsedSource((), problems=(problem,))
    except ValueError as exc:  # e.g. an integer too long to convert
        problem = Problem(filename, 1, f"expected valid JSON, got {str(exc).split(':')[0]}")
        return ParsedSource((), problems=(problem,))
    conference, complaint = _conference(data)
    if conference is None:
        message = f"expected a frab/pretalx schedule with schedule.conference.days, got {complaint}"
        return ParsedSource((), problems=(Problem(filename, 1, message),))
    lines = _LineFinder(text)
    problems: list[Problem] = []
    events: list[RawEvent] = []
    for day, room, event in _walk(conference["days"]):
        if not isinstance(event, Mapping):
            line = lines.here()
            problems.append(
                Problem(filename, line, f"expected an event object, got {_kind(event)}")
            )
            continue
        events.append(_raw_event(event, day, room, lines.event_line(event)))
    return parsed_schedule(
        _text(conference.get("title")) or _text(conference.get("acronym")),
        _text(conference.get("time_zone_name")),
        events,
        filename,
        problems,
    )


def _conference(data: Any) -> tuple[Mapping[str, Any] | None, str]:
    """schedule.conference when it has a days list, else a description of what was found."""
    if not isinstance(data, Mapping):
        return None, _kind(data)
    schedule = data.get("schedule")
    if not isinstance(schedule, Mapping):
        return None, f"keys {_keys(data)}"
    conference = schedule.get("conference")
    if not isinstance(conference, Mapping):
        return None, f"schedule keys {_keys(schedule)}"
    if not isinstance(conference.get("days"), list):
        return None, f"schedule.conference keys {_keys(conference)}"
    return conference, ""


def _walk(days: list[Any]) -> Iterator[tuple[Mapping[str, Any], str, Any]]:
    """(day, room name, event) in document order; shapes that are not a schedule are passed over."""
    for day in days:
        if not isinstance(day, Mapping) or not isinstance(day.get("rooms"), Mapping):
            continue
        for room, events in day["rooms"].items():
            if isinstance(events, list):
                for event in events:
                    yield day, str(room), event


def _raw_event(event: Mapping[str, Any], day: Mapping[str, Any], room: str, line: int) -> RawEvent:
    return RawEvent(
        line=line,
        id=_text(event.get("id")) or _text(event.get("code")) or _text(event.get("guid")),
        title=_text(event.get("title")),
        day=_text(day.get("date")),
        day_start=_text(day.get("day_start")),
        date=_text(event.get("date")),
        start=_text(event.get("start")),
        duration=_text(event.get("duration")),
        end=_text(event.get("end")),
        room=_text(event.get("room")) or room.strip(),
        subtitle=_text(event.get("subtitle")),
        track=_text(event.get("track")),
        type=_text(event.get("type")),
        language=_text(event.get("language")),
        abstract=_text(event.get("abstract")),
        description=_text(event.get("description")),
        url=_text(event.get("url")),
        do_not_record=_flag(event.get("do_not_record")),
        persons=_persons(event.get("persons")),
    )


def _persons(value: Any) -> tuple[EventPerson, ...]:
    if not isinstance(value, list):
        return ()
    persons: list[EventPerson] = []
    for person in value:
        if isinstance(person, Mapping):
            name = _text(person.get("public_name")) or _text(person.get("name"))
            name = name or _text(person.get("full_public_name"))
            biography = _text(person.get("biography"))
        else:
            name, biography = _text(person), ""
        if name:
            persons.append(EventPerson(name, biography))
    return tuple(persons)


def _flag(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    return parse_flag(value) if isinstance(value, str) else None


def _text(value: Any) -> str:
    """A JSON scalar as stripped text; null, lists and objects read as empty."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def _kind(value: Any) -> str:
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return "a string" if isinstance(value, str) else repr(value)[:40]


def _keys(mapping: Mapping[str, Any]) -> str:
    return ", ".join(repr(str(k)) for k in list(mapping)[:10]) or "none"


class _LineFinder:
    """Finds each event's line by scanning forward for its id, in document order.

    json.loads keeps no positions; events come out in document order, so each event's
    `"id": N` is the next one after the previous event's."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._newlines = [match.start() for match in re.finditer("\n", text)]
        self._cursor = 0

    def _line(self, position: int) -> int:
        return bisect.bisect_right(self._newlines, position) + 1

    def here(self) -> int:
        """The line reached so far (the last event found)."""
        return self._line(self._cursor)

    def event_line(self, event: Mapping[str, Any]) -> int:
        """The line of the `{` that opens this event (or of its id when that is unclear)."""
        for key in ("id", "guid", "code"):
            value = event.get(key)
            if isinstance(value, bool) or not isinstance(value, int | str) or value == "":
                continue
            literal = re.escape(json.dumps(value, ensure_ascii=False))
            pattern = re.compile(rf'"{key}"\s*:\s*{literal}(?![\w.])')
            match = pattern.search(self._text, self._cursor)
            if match is None:
                continue
            opening = self._text.rfind("{", self._cursor, match.start())
            self._cursor = match.end()
            return self._line(opening if opening >= 0 else match.start())
        return self.here()
