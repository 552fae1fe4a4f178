"""The frab/pretalx event -> Session mapping shared by the JSON and XML readers."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from assistant.programme import Part, Person, Session, SourceLocation, zone_named
from assistant.sources.problems import ParsedSource, Problem
from assistant.sources.text import name_and_affiliation, plain_text

_DURATION = re.compile(r"(\d{1,3}):([0-5]\d)(?::([0-5]\d))?")


@dataclass(frozen=True, slots=True)
class RawEvent:
    """One event's fields as text, read from JSON or XML, before any interpretation.

    Both readers fill this record so that one function turns events into Sessions."""

    line: int
    id: str
    title: str
    day: str = ""
    day_start: str = ""
    date: str = ""
    start: str = ""
    duration: str = ""
    end: str = ""
    room: str = ""
    subtitle: str = ""
    track: str = ""
    type: str = ""
    language: str = ""
    abstract: str = ""
    description: str = ""
    url: str = ""
    do_not_record: bool | None = None
    persons: tuple[EventPerson, ...] = ()


@dataclass(frozen=True, slots=True)
class EventPerson:
    """A speaker as an event lists them: a public name, and a biography where the export has one."""

    name: str
    biography: str = ""


def parse_duration(text: str) -> timedelta | None:
    """'01:00' or '1:00:00' -> timedelta; None when the text is not a duration."""
    match = _DURATION.fullmatch(text.strip())
    if match is None:
        return None
    hours, minutes, seconds = (int(g or 0) for g in match.groups())
    return timedelta(hours=hours, minutes=minutes, seconds=seconds)


def parse_flag(text: str) -> bool | None:
    """'true'/'false' (any case, or 1/0) -> bool; anything else -> None."""
    value = text.strip().lower()
    if value in {"true", "1", "yes"}:
        return True
    if value in {"false", "0", "no"}:
        return False
    return None


def _datetime(text: str, default_zone: tzinfo | None) -> datetime:
    value = datetime.fromisoformat(text.strip())
    if value.tzinfo is None and default_zone is not None:
        value = value.replace(tzinfo=default_zone)
    return value


def _start(event: RawEvent, day: date | None, default_zone: tzinfo | None) -> datetime | None:
    """The event's start: its `date`, or (older frab) its day plus its `start` time."""
    if event.date:
        return _datetime(event.date, default_zone)
    if not event.start or day is None:
        return None
    start = datetime.combine(day, time.fromisoformat(event.start.strip()))
    if event.day_start:
        day_start = _datetime(event.day_start, default_zone)
        start = start.replace(tzinfo=day_start.tzinfo)
        # after midnight the event is still listed under the previous day
        if start < day_start:
            start += timedelta(days=1)
    elif default_zone is not None:
        start = start.replace(tzinfo=default_zone)
    return start


def to_session(event: RawEvent, filename: str, default_zone: tzinfo | None) -> Session | Problem:
    """A Session for one event, or the Problem that makes it unreadable."""
    where = SourceLocation(filename, event.line)
    try:
        day = date.fromisoformat(event.day.strip()) if event.day.strip() else None
    except ValueError:
        return Problem(
            filename, event.line, f"expected a day date like 2019-12-27, got {event.day!r}"
        )
    try:
        start = _start(event, day, default_zone)
    except (ValueError, OverflowError):
        shown = event.date or event.start
        return Problem(
            filename, event.line, f"expected a date like 2019-12-27T11:00:00+01:00, got {shown!r}"
        )
    end: datetime | None = None
    if event.end:
        try:
            end = _datetime(event.end, default_zone)
        except ValueError:
            return Problem(
                filename,
                event.line,
                f"expected an end like 2019-12-27T12:00:00+01:00, got {event.end!r}",
            )
    elif event.duration:
        duration = parse_duration(event.duration)
        if duration is None:
            return Problem(
                filename, event.line, f"expected a duration like 01:00, got {event.duration!r}"
            )
        try:
            end = start + duration if start is not None else None
        except OverflowError:
            end = None
    if start is not None and end is not None and (start.tzinfo is None) != (end.tzinfo is None):
        end = None
    if day is None and start is not None:
        day = start.date()
    abstract = _abstract(event.abstract, event.description)
    speakers = tuple(
        # 'Chloé Berthélémy (EDRi)': frab public names often carry the organisation in brackets
        Person(name=name, organisation=organisation, biography=plain_text(person.biography))
        for person in event.persons
        if person.name.split()
        for name, organisation in [name_and_affiliation(" ".join(person.name.split()))]
    )
    return Session(
        id=event.id,
        title=event.title,
        subtitle=event.subtitle,
        day=day,
        start=start,
        end=end,
        room=event.room,
        stream=event.track,
        format=event.type,
        language=event.language,
        recorded=None if event.do_not_record is None else not event.do_not_record,
        url=event.url,
        parts=(Part(1, event.title, abstract=abstract, speakers=speakers),),
        abstract=abstract,
        source=where,
    )


def _abstract(abstract: str, description: str) -> str:
    """Abstract then description as plain paragraphs; a description repeating it is kept once."""
    texts = [plain_text(abstract), plain_text(description)]
    return "\n\n".join(dict.fromkeys(t for t in texts if t))


def utc_offset(moment: datetime) -> str | None:
    """'+01:00' for an aware datetime; None for a naive one."""
    offset = moment.utcoffset()
    if offset is None:
        return None
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def parsed_schedule(
    title: str,
    zone_name: str,
    events: Iterable[RawEvent],
    filename: str,
    problems: Iterable[Problem] = (),
) -> ParsedSource:
    """The ParsedSource for a schedule's events: sessions in document order, then problems."""
    default_zone = zone_named(zone_name)
    found = list(problems)
    if zone_name and default_zone is None:
        found.append(
            Problem(filename, 1, f"expected a time zone like Europe/Berlin, got {zone_name!r}")
        )
    sessions: list[Session] = []
    for event in events:
        result = to_session(event, filename, default_zone)
        if isinstance(result, Problem):
            found.append(result)
        else:
            sessions.append(result)
    timezone = zone_name if default_zone is not None else None
    if timezone is None:
        timezone = next((utc_offset(s.start) for s in sessions if s.start is not None), None)
    return ParsedSource(
        sessions=tuple(sessions),
        title=title,
        timezone=timezone,
        problems=tuple(sorted(found, key=lambda p: p.line)),
    )
