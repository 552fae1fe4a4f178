"""Sessions as iCalendar (.ics) events, in the programme's own time zone."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime, tzinfo
from urllib.parse import quote
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from assistant.answers.answerer import session_path
from assistant.errors import AssistantError
from assistant.programme import Person, Programme, Session, slug, zone_named

PRODID = "-//programme-assistant//EN"
_OFFSET = re.compile(r"^(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})$")


def programme_zone(programme: Programme) -> tzinfo | None:
    """The programme's zone: an IANA zone, a fixed offset, or None for local wall-clock times.

    Calendars carry instants, so the programme's named zone serves them even where a file
    writes its times at another offset."""
    zone = zone_named(programme.timezone)
    if zone is None and (programme.timezone or "").strip():
        raise AssistantError(
            f"programme time zone {programme.timezone!r} is neither an IANA name like "
            "Europe/London nor an offset like +01:00"
        )
    return zone


def to_local(moment: datetime, zone: tzinfo | None) -> datetime:
    """The moment as the programme's wall clock shows it (naive times are already local)."""
    if moment.tzinfo is None:
        return moment if zone is None else moment.replace(tzinfo=zone)
    return moment if zone is None else moment.astimezone(zone)


def _ical_time(moment: datetime, zone: tzinfo | None) -> datetime:
    """A time iCalendar can carry: TZID for IANA zones, UTC for fixed offsets, else floating."""
    local = to_local(moment, zone)
    if local.tzinfo is None or isinstance(local.tzinfo, ZoneInfo):
        return local
    # A fixed offset has no TZID a calendar app understands; UTC is the same instant.
    return local.astimezone(UTC)


def session_event(
    session: Session,
    zone: tzinfo | None,
    page_url: str,
    *,
    uid_scope: str,
    uid_domain: str,
    stamp: datetime,
) -> Event:
    """One VEVENT for a scheduled session; its description lists chairs, parts and speakers."""
    if session.start is None:
        raise AssistantError(f"session {session.id!r} is not yet scheduled")
    event = Event()
    # Stable across rebuilds, so re-importing the calendar updates events instead of duplicating.
    event.add("uid", f"{quote(session.id, safe='')}.{uid_scope}@{uid_domain}")
    event.add("dtstamp", stamp)
    event.add("dtstart", _ical_time(session.start, zone))
    if session.end is not None and session.end > session.start:
        event.add("dtend", _ical_time(session.end, zone))
    # The programme's own code ('B6') is part of the name; an export's internal id ('3177') is not.
    code = session.code
    event.add(
        "summary", f"{code}: {session.title}" if code and code != session.title else session.title
    )
    if session.room:
        event.add("location", session.room)
    event.add("description", _description(session, page_url))
    if page_url:
        event.add("url", page_url)
    categories = [c for c in (session.stream, session.format) if c]
    if categories:
        event.add("categories", categories)
    return event


def _description(session: Session, page_url: str) -> str:
    lines: list[str] = []
    facts = [f for f in (session.format, session.stream, session.room) if f]
    if facts:
        lines.append(" | ".join(facts))
    if session.chairs:
        lines.append("Chair: " + "; ".join(_person(p) for p in session.chairs))
    if session.abstract:
        lines.append(session.abstract)
    for part in session.parts:
        lines.append("")
        if part.title and part.title != session.title:
            lines.append(part.title)
        if part.speakers:
            lines.append("Speakers: " + "; ".join(_person(p) for p in part.speakers))
    if page_url:
        lines.extend(("", page_url))
    return "\n".join(lines).strip()


def _person(person: Person) -> str:
    return f"{person.name} ({person.affiliation})" if person.affiliation else person.name


def calendar_for(
    programme: Programme,
    sessions: Iterable[Session],
    base_url: str,
    *,
    stamp: datetime | None = None,
) -> bytes:
    """An .ics calendar of the scheduled sessions given (unscheduled ones are left out)."""
    zone = programme_zone(programme)
    stamp = stamp or datetime.now(UTC)
    domain = re.sub(r"^[a-z]+://", "", base_url).split("/")[0] or "programme-assistant"
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", programme.title)
    if isinstance(zone, ZoneInfo):
        cal.add("x-wr-timezone", zone.key)
    base = base_url.rstrip("/")
    scope = slug(programme.title) or "programme"
    for session in sessions:
        if session.start is None:
            continue
        page = base + session_path(session.id)
        event = session_event(session, zone, page, uid_scope=scope, uid_domain=domain, stamp=stamp)
        cal.add_component(event)
    # VTIMEZONE blocks for every TZID used, so clients need no zone database of their own.
    cal.add_missing_timezones()
    return cal.to_ical()
