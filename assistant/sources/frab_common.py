"""The frab/pretalx event -> Session mapping shared by the JSON and XML readers."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from assistant.programme import Part, Person, Session, SourceLocation, zone_named
from assistant.sources.problems import ParsedSource, Problem, Severity, left_out
from assistant.sources.text import plain_text, public_name_and_affiliation, room_named

_DURATION = re.compile(r"(\d{1,3}):([0-5]\d)(?::([0-5]\d))?")
# frab's default day change: an event before 04:00 is listed under the previous day
DAY_CHANGE = time(4, 0)


@dataclass(frozen=True, slots=True)
class RawEvent:
    """One event's fields as text, read from JSON or XML, before any interpretation.

    Both readers fill this record so that one function turns events into Sessions."""

    line: int
    id: str
    title: str
    day: str = ""
    day_start: str = ""
    day_change: str = ""  # the conference's 'HH:MM' day change, for events without a date
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


@dataclass(slots=True)
class Zoning:
    """The conference's zone (--timezone, else the file's time_zone_name), and the events whose
    written offsets disagreed with it, so that one warning can say what was done about them."""

    zone: tzinfo | None
    name: str = ""
    given: bool = False  # the zone is --timezone's, which overrides what the file writes
    relocalised: list[tuple[int, str]] = field(default_factory=list)  # (line, offset written)
    kept: list[tuple[int, str]] = field(default_factory=list)  # (line, offset written)

    def read(
        self, text: str, *, start: str = "", line: int = 0, local: bool | None = None
    ) -> datetime:
        """An ISO date-time in the conference's zone.

        When the written offset disagrees with the zone and the wall clock is the event's local
        `start`, the offset is taken for a mistake and the wall clock is read in the zone: always
        for --timezone, and for the file's own zone when the offset is pentabarf's '+00:00'.
        Otherwise --timezone converts the instant, and a file's zone leaves the offsets as
        written (local=True or False decides for an end as for its start)."""
        value = datetime.fromisoformat(text.strip())
        zone = self.zone
        if zone is None:
            return value
        if value.tzinfo is None:
            return value.replace(tzinfo=zone)
        in_zone = value.replace(tzinfo=zone)
        if in_zone.utcoffset() == value.utcoffset():
            return value
        if local is None:
            written = start.strip()
            same_clock = written in ("", f"{value:%H:%M}", f"{value.hour}:{value:%M}")
            local = same_clock and (self.given or not value.utcoffset())
            if line:
                (self.relocalised if local else self.kept).append((line, utc_offset(value) or ""))
        if local:
            return in_zone
        return value.astimezone(zone) if self.given else value


def _start(event: RawEvent, day: date | None, zoning: Zoning) -> datetime | None:
    """The event's start: its `date`, or (older frab) its day plus its `start` time."""
    if event.date:
        return zoning.read(event.date, start=event.start, line=event.line)
    if not event.start or day is None:
        return None
    clock = time.fromisoformat(event.start.strip())
    start = datetime.combine(day, clock)
    if event.day_start:
        day_start = zoning.read(event.day_start)
        start = start.replace(tzinfo=day_start.tzinfo)
        # after midnight the event is still listed under the previous day
        if start < day_start:
            start += timedelta(days=1)
        return start
    change = time.fromisoformat(event.day_change.strip()) if event.day_change else DAY_CHANGE
    if clock < change:
        start += timedelta(days=1)  # listed under its night's day, not the date it falls on
    return start.replace(tzinfo=zoning.zone) if zoning.zone is not None else start


def _end(event: RawEvent, start: datetime | None, zoning: Zoning, local: bool) -> datetime | None:
    """The event's end: its `end`, else start plus `duration`; ValueError when unreadable."""
    if event.end:
        try:
            return zoning.read(event.end, local=local)
        except ValueError:
            raise ValueError(
                f"expected an end like 2019-12-27T12:00:00+01:00, got {event.end!r}"
            ) from None
    if not event.duration:
        return None
    duration = parse_duration(event.duration)
    if duration is None:
        raise ValueError(f"expected a duration like 01:00, got {event.duration!r}")
    try:
        return start + duration if start is not None else None
    except OverflowError:
        return None


def to_session(event: RawEvent, filename: str, zoning: Zoning) -> Session | Problem:
    """A Session for one event, or the (left-out) Problem that makes it unreadable."""
    where = SourceLocation(filename, event.line)
    try:
        day = date.fromisoformat(event.day.strip()) if event.day.strip() else None
    except ValueError:
        return left_out(
            filename, event.line, f"expected a day date like 2019-12-27, got {event.day!r}"
        )
    relocalised = len(zoning.relocalised)
    try:
        start = _start(event, day, zoning)
    except (ValueError, OverflowError):
        shown = event.date or event.start
        return left_out(
            filename, event.line, f"expected a date like 2019-12-27T11:00:00+01:00, got {shown!r}"
        )
    try:
        end = _end(event, start, zoning, len(zoning.relocalised) > relocalised)
    except (ValueError, OverflowError) as exc:
        return left_out(filename, event.line, str(exc))
    if start is not None and end is not None and (start.tzinfo is None) != (end.tzinfo is None):
        end = None
    if day is None and start is not None:
        day = start.date()
    abstract = _abstract(event.abstract, event.description)
    speakers = tuple(
        # 'Chloé Berthélémy (EDRi)': frab public names often carry the organisation in brackets
        Person(name=name, organisation=organisation, biography=plain_text(person.biography))
        for person in event.persons
        if _line(person.name)
        for name, organisation in [public_name_and_affiliation(_line(person.name))]
    )
    title = _line(event.title)
    return Session(
        id=event.id,
        title=title,
        subtitle=_line(event.subtitle),
        day=day,
        start=start,
        end=end,
        room=room_named(event.room),
        stream=_track(event.track),
        format=_line(event.type),
        language=_line(event.language),
        recorded=None if event.do_not_record is None else not event.do_not_record,
        url=event.url,
        parts=(Part(1, title, abstract=abstract, speakers=speakers),),
        abstract=abstract,
        source=where,
    )


def _line(text: str) -> str:
    """One line of text with its entities decoded: old frab escapes '&amp;' in titles and tracks."""
    return " ".join(html.unescape(text).split())


def _abstract(abstract: str, description: str) -> str:
    """Abstract then description as plain paragraphs; a description repeating it is kept once."""
    texts = [plain_text(_unwrapped(abstract)), plain_text(_unwrapped(description))]
    return "\n\n".join(dict.fromkeys(t for t in texts if t))


def _unwrapped(text: str) -> str:
    """Old frab's '&quot;&lt;p&gt;Text&lt;/p&gt;&quot;': escaped HTML, wrapped in quotes."""
    if not text.startswith("&quot;") and "&lt;" not in text:
        return text
    text = html.unescape(text)
    if len(text) >= 2 and text.startswith('"') and text.endswith('"'):
        text = text[1:-1]
    return text


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
    *,
    timezone: str | None = None,
    format: str = "",
) -> ParsedSource:
    """The ParsedSource for a schedule's events: sessions in document order, then problems.

    timezone (--timezone) wins over the zone the file names; times the file writes without an
    offset are wall-clock times in it."""
    found = list(problems)
    records = sum(1 for p in found if p.left_out)  # records that were not even events
    named = zone_named(zone_name)
    if zone_name and named is None:
        found.append(
            Problem(filename, 1, f"expected a time zone like Europe/Berlin, got {zone_name!r}")
        )
    given = zone_named(timezone)
    if timezone and given is None:
        found.append(
            Problem(filename, 1, f"expected a time zone like Europe/Berlin, got {timezone!r}")
        )
    zone_label = (timezone if given is not None else "") or (zone_name if named else "")
    zoning = Zoning(given or named, zone_label, given is not None)
    sessions: list[Session] = []
    for event in events:
        records += 1
        result = to_session(event, filename, zoning)
        if isinstance(result, Problem):
            found.append(result)
        else:
            sessions.append(result)
    found.extend(_zone_warnings(zoning, sessions, filename))
    zone = zone_label or next((utc_offset(s.start) for s in sessions if s.start), None)
    return ParsedSource(
        sessions=tuple(sessions),
        title=html.unescape(title),
        timezone=zone,
        problems=tuple(sorted(found, key=lambda p: p.line)),
        format=format,
        records=records,
        unit="events",
    )


def _zone_warnings(zoning: Zoning, sessions: list[Session], filename: str) -> list[Problem]:
    """A warning when written offsets and the conference's zone disagree, or when every offset
    says +00:00 and no zone is named (pentabarf writes local times so)."""
    if zoning.relocalised:
        line, offset = zoning.relocalised[0]
        count = len(zoning.relocalised)
        message = (
            f"the event dates say {offset}, which is not {zoning.name}'s offset; "
            f"{count} event{'s' if count != 1 else ''} read as {zoning.name} wall-clock times"
        )
        return [Problem(filename, line, message, Severity.WARNING)]
    if zoning.kept:
        line, offset = zoning.kept[0]
        message = (
            f"the event dates say {offset}, which is not {zoning.name}'s offset (the file's "
            "time_zone_name); the dates are kept as written: give --timezone to read them "
            "as wall-clock times in another zone"
        )
        return [Problem(filename, line, message, Severity.WARNING)]
    aware = [s for s in sessions if s.start is not None and s.start.tzinfo is not None]
    if zoning.zone is None and aware and all(not s.start.utcoffset() for s in aware if s.start):
        first = aware[0].source.line if aware[0].source else 1
        message = (
            "every event date says +00:00 and the file names no time zone; "
            "if they are local times, give the conference's zone with --timezone"
        )
        return [Problem(filename, first, message, Severity.WARNING)]
    return []


# pentabarf's and frab's word for an event in no track ('No Track'), and the cells for nothing
_NO_TRACK = re.compile(r"no[ _-]?track|none|n/?a|-+", re.IGNORECASE)


def _track(value: str) -> str:
    """The event's track; '' for the placeholder of none ('No Track')."""
    track = _line(value)
    return "" if _NO_TRACK.fullmatch(track) else track
