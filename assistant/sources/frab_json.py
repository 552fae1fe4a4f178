"""Reads frab / pretalx schedule JSON (the c3voc schema) into Sessions."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from assistant.sources.frab_common import EventPerson, RawEvent, parse_flag, parsed_schedule
from assistant.sources.json_lines import LineFinder, keys_of, kind_of, load_json, text_of
from assistant.sources.problems import ParsedSource, Problem, left_out

FORMAT = "frab/pretalx schedule JSON"


def parse(text: str, filename: str, *, timezone: str | None = None) -> ParsedSource:
    """Sessions from a frab/pretalx schedule.json; bad input becomes Problems, never raises."""
    data = load_json(text, filename)
    if isinstance(data, Problem):
        return ParsedSource((), problems=(data,), format=FORMAT)
    return from_data(data, text, filename, timezone=timezone)


def looks_like(data: Any) -> bool:
    """True for JSON shaped like a frab/pretalx schedule (schedule.conference)."""
    schedule = data.get("schedule") if isinstance(data, Mapping) else None
    return isinstance(schedule, Mapping) and "conference" in schedule


def from_data(data: Any, text: str, filename: str, *, timezone: str | None = None) -> ParsedSource:
    """Sessions from an already parsed schedule.json (text is kept for line numbers)."""
    conference, complaint = _conference(data)
    if conference is None:
        message = f"expected a frab/pretalx schedule with schedule.conference.days, got {complaint}"
        return ParsedSource((), problems=(Problem(filename, 1, message),), format=FORMAT)
    lines = LineFinder(text)
    problems: list[Problem] = []
    events: list[RawEvent] = []
    day_change = text_of(conference.get("day_change"))
    for day, room, event in _walk(conference["days"]):
        if not isinstance(event, Mapping):
            line = lines.here()
            problems.append(
                left_out(filename, line, f"expected an event object, got {kind_of(event)}")
            )
            continue
        line = lines.record_line(event, ("id", "guid", "code"))
        events.append(_raw_event(event, day, room, line, day_change))
    version = text_of(data["schedule"].get("version"))
    return parsed_schedule(
        text_of(conference.get("title")) or text_of(conference.get("acronym")),
        text_of(conference.get("time_zone_name")),
        events,
        filename,
        problems,
        timezone=timezone,
        format=FORMAT + (f" (version {version})" if 0 < len(version) <= 16 else ""),
    )


def _conference(data: Any) -> tuple[Mapping[str, Any] | None, str]:
    """schedule.conference when it has a days list, else a description of what was found."""
    if not isinstance(data, Mapping):
        return None, kind_of(data)
    schedule = data.get("schedule")
    if not isinstance(schedule, Mapping):
        return None, f"keys {keys_of(data)}"
    conference = schedule.get("conference")
    if not isinstance(conference, Mapping):
        return None, f"schedule keys {keys_of(schedule)}"
    if not isinstance(conference.get("days"), list):
        return None, f"schedule.conference keys {keys_of(conference)}"
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


def _raw_event(
    event: Mapping[str, Any], day: Mapping[str, Any], room: str, line: int, day_change: str
) -> RawEvent:
    return RawEvent(
        line=line,
        day_change=day_change,
        id=text_of(event.get("id")) or text_of(event.get("code")) or text_of(event.get("guid")),
        title=text_of(event.get("title")),
        day=text_of(day.get("date")),
        day_start=text_of(day.get("day_start")),
        date=text_of(event.get("date")),
        start=text_of(event.get("start")),
        duration=text_of(event.get("duration")),
        end=text_of(event.get("end")),
        room=text_of(event.get("room")) or room.strip(),
        subtitle=text_of(event.get("subtitle")),
        track=text_of(event.get("track")),
        type=text_of(event.get("type")),
        language=text_of(event.get("language")),
        abstract=text_of(event.get("abstract")),
        description=text_of(event.get("description")),
        url=text_of(event.get("url")),
        do_not_record=_flag(event.get("do_not_record")),
        persons=_persons(event.get("persons")),
    )


def _persons(value: Any) -> tuple[EventPerson, ...]:
    if not isinstance(value, list):
        return ()
    persons: list[EventPerson] = []
    for person in value:
        if isinstance(person, Mapping):
            name = text_of(person.get("public_name")) or text_of(person.get("name"))
            name = name or text_of(person.get("full_public_name"))
            biography = text_of(person.get("biography"))
        else:
            name, biography = text_of(person), ""
        if name:
            persons.append(EventPerson(name, biography))
    return tuple(persons)


def _flag(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    return parse_flag(value) if isinstance(value, str) else None
