"""Reads an iCalendar feed (.ics, e.g. pretalx's or a conference's calendar) into Sessions.

icalendar unfolds lines and unescapes text; a SUMMARY 'Title - Speaker, Speaker' is split on its
last ' - ', or, in a feed that writes 'Title - Name, Organisation & Name, Organisation' (an
organisation may itself hold ' - '), on the first ' - ' after which every entry reads so; a TZID that names an IANA zone is trusted over the file's own VTIMEZONE block.
A UTC or floating time is shown in the calendar's zone (X-WR-TIMEZONE, else the TZID its events
name), and an event with an RRULE is a session each time it repeats."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

import icalendar
from dateutil.rrule import rrulestr

from assistant.programme import Part, Person, Session, SourceLocation, person_id, zone_named
from assistant.sources.described import people_in_description, reads_as_name
from assistant.sources.frab_common import utc_offset
from assistant.sources.problems import ParsedSource, Problem, Severity, left_out, source_zone
from assistant.sources.spreadsheet import format_of
from assistant.sources.text import (
    names_organisation,
    one_line,
    plain_text,
    room_named,
    split_honorific,
    title_language,
)

FORMAT = "iCalendar"
_PRETALX_UID = re.compile(r"pretalx-.+-(?P<code>[A-Z0-9]{4,10})@")
# icalendar raises these (and more of ValueError's kind) on malformed content
_ICAL_ERRORS = (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError)


def looks_like(head: str) -> bool:
    """True for text that opens a calendar (BEGIN:VCALENDAR)."""
    return head.lstrip("\ufeff \t\r\n")[:15].upper() == "BEGIN:VCALENDAR"


@dataclass(slots=True)
class _Reading:
    filename: str
    zone: tzinfo | None  # --timezone, else the calendar's X-WR-TIMEZONE
    pretalx: bool  # PRODID says pretalx: every SUMMARY is 'Title - Speakers'
    problems: list[Problem] = field(default_factory=list)
    zone_names: list[str] = field(default_factory=list)  # TZIDs the events name
    with_organisations: bool = False  # SUMMARYs say 'Title - Name, Organisation & Name, ...'
    # the zone UTC and floating times are shown in where the calendar names none: the TZID
    # most of its events name (Nextcloud, Outlook write a UTC time for some events only)
    local: tzinfo | None = None


def parse(text: str, filename: str, *, timezone: str | None = None) -> ParsedSource:
    """Sessions from an iCalendar text, one per VEVENT; bad input becomes Problems, never raises."""
    problems: list[Problem] = []
    given = source_zone(timezone, filename, problems)
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except _ICAL_ERRORS as exc:
        message = (
            f"expected an iCalendar file (BEGIN:VCALENDAR ... END:VCALENDAR), got {str(exc)[:120]}"
        )
        return ParsedSource((), problems=(*problems, Problem(filename, 1, message)), format=FORMAT)
    lines = _lines(text, "BEGIN:VEVENT")
    named = one_line(str(calendar.get("X-WR-TIMEZONE", "")))
    prodid = str(calendar.get("PRODID", ""))
    reading = _Reading(filename, given or zone_named(named), "pretalx" in prodid.lower(), problems)
    sessions: list[Session] = []
    events = list(_events(calendar))
    reading.local = reading.zone or _events_zone(events)
    reading.with_organisations = _names_with_organisations(
        [one_line(str(e.get("SUMMARY", ""))) for e in events]
    )
    moved = _moved_occurrences(events)
    for index, event in enumerate(events):
        line = lines[index] if index < len(lines) else 1
        session = _session(event, line, reading)
        if session is not None:
            sessions.extend(_occurrences(session, event, moved, reading))
    reading.problems.extend(_vtimezone_warnings(calendar, text, sessions, filename))
    label = (
        timezone if given else next(iter(reading.zone_names), "") or (named if reading.zone else "")
    )
    first = next((s.start for s in sessions if s.start), None)
    return ParsedSource(
        tuple(sessions),
        title=one_line(str(calendar.get("X-WR-CALNAME", ""))),
        timezone=label or (utc_offset(first) if first else None),
        problems=tuple(sorted(reading.problems, key=lambda p: p.line)),
        format=FORMAT + (" (pretalx)" if reading.pretalx else ""),
        records=len(events),
        unit="events",
    )


_MAX_OCCURRENCES = 60  # a rule with no COUNT or UNTIL is read this far, not forever


def _moved_occurrences(events: Sequence[Any]) -> dict[str, set[datetime]]:
    """UID -> the wall-clock starts (RECURRENCE-ID) of occurrences written as events of their
    own (moved or changed): the rule does not repeat those."""
    moved: dict[str, set[datetime]] = {}
    for event in events:
        recurrence = event.get("RECURRENCE-ID")
        if recurrence is not None and isinstance(recurrence.dt, date):
            moved.setdefault(str(event.get("UID", "")).strip(), set()).add(_wall(recurrence.dt))
    return moved


def _occurrences(
    session: Session, event: Any, moved: Mapping[str, set[datetime]], reading: _Reading
) -> list[Session]:
    """The session once for every time its RRULE repeats it ('Registration' each morning), less
    its EXDATEs and the occurrences written as events of their own; an occurrence written so
    is its own session, told apart by its start."""
    uid = str(event.get("UID", "")).strip()
    recurrence = event.get("RECURRENCE-ID")
    if recurrence is not None and isinstance(recurrence.dt, date):
        return [replace(session, id=f"{session.id}@{_wall(recurrence.dt):%Y%m%dT%H%M}")]
    rule = event.get("RRULE")
    first = session.start or (
        datetime.combine(session.day, time()) if session.day is not None else None
    )
    if rule is None or first is None:
        return [session]
    try:
        starts = _rule_starts(rule, _wall(first), first.tzinfo)
    except (*_ICAL_ERRORS, ArithmeticError) as exc:
        problem = f"expected a readable RRULE, got {str(exc)[:120]}; the first time is kept"
        reading.problems.append(
            Problem(
                reading.filename,
                session.source.line if session.source else 1,
                problem,
                Severity.WARNING,
            )
        )
        return [session]
    skipped = moved.get(uid, set()) | _exdates(event)
    length = session.end - session.start if session.end and session.start else None
    found: list[Session] = []
    for wall in starts:
        if wall in skipped:
            continue
        if session.start is None:
            found.append(replace(session, id=_occurrence_id(session, wall, found), day=wall.date()))
            continue
        start = wall.replace(tzinfo=session.start.tzinfo)
        found.append(
            replace(
                session,
                id=_occurrence_id(session, wall, found),
                day=start.date(),
                start=start,
                end=start + length if length else None,
            )
        )
    return found


def _occurrence_id(session: Session, wall: datetime, found: Sequence[Session]) -> str:
    return session.id if not found else f"{session.id}@{wall:%Y%m%dT%H%M}"


def _rule_starts(rule: Any, first: datetime, zone: tzinfo | None) -> list[datetime]:
    """The wall-clock starts an RRULE gives from the first (a UTC UNTIL read in the zone)."""
    fields = {k: v for k, v in rule.items() if k.upper() != "UNTIL"}
    until = next((v[0] for k, v in rule.items() if k.upper() == "UNTIL" and v), None)
    text = icalendar.vRecur(fields).to_ical().decode()
    starts: list[datetime] = []
    for start in rrulestr(text, dtstart=first):
        if len(starts) >= _MAX_OCCURRENCES or (until is not None and start > _bound(until, zone)):
            break
        starts.append(start)
    return starts


def _bound(until: Any, zone: tzinfo | None) -> datetime:
    if not isinstance(until, datetime):
        return datetime.combine(until, time.max)
    return _wall(until.astimezone(zone) if until.tzinfo and zone else until)


def _wall(value: date) -> datetime:
    """A start as a naive wall-clock datetime (a date as its midnight)."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return datetime.combine(value, time())


def _exdates(event: Any) -> set[datetime]:
    prop = event.get("EXDATE")
    lists = prop if isinstance(prop, list) else [prop] if prop is not None else []
    return {
        _wall(d.dt) for item in lists for d in getattr(item, "dts", ()) if isinstance(d.dt, date)
    }


def _events(calendar: Any) -> Iterator[Any]:
    try:
        yield from calendar.walk("VEVENT")
    except _ICAL_ERRORS:
        return


def _lines(text: str, marker: str) -> list[int]:
    """The line of each line that is exactly marker, in order."""
    return [
        number
        for number, line in enumerate(text.split("\n"), start=1)
        if line.strip().upper() == marker
    ]


def _session(event: Any, line: int, reading: _Reading) -> Session | None:
    """One VEVENT as a Session; an unreadable one is a left-out Problem."""
    try:
        start = _moment(event.get("DTSTART"), reading)
        end = _moment(event.get("DTEND"), reading)
        if end is None and start is not None and event.get("DURATION") is not None:
            end = start + event.decoded("DURATION")
        summary = str(event.get("SUMMARY", ""))
        description = str(event.get("DESCRIPTION", ""))
        uid = str(event.get("UID", "")).strip()
        room = one_line(str(event.get("LOCATION", "")))
        url = str(event.get("URL", "")).strip()
        categories = _categories(event.get("CATEGORIES"))
    except _ICAL_ERRORS as exc:
        reading.problems.append(
            left_out(reading.filename, line, f"expected a readable VEVENT, got {str(exc)[:120]}")
        )
        return None
    description, described, chairs = people_in_description(description)
    description, track = _track_line(description)
    title, speakers, summary_chairs = _people_in_summary(one_line(summary), reading)
    if described or chairs:
        # the description names them: the summary's tail is people only when it names them too
        # ('Mechanical keyboards – Ayşe Öztürk' over 'Ayşe Öztürk (Labor 33, Wien)')
        if not _among(speakers + summary_chairs, described + chairs):
            title = one_line(summary)
        speakers = described
    else:
        chairs = summary_chairs
    if not title:
        reading.problems.append(
            left_out(reading.filename, line, "expected a SUMMARY (the event's title), got none")
        )
        return None
    all_day = isinstance(start, date) and not isinstance(start, datetime)
    abstract = plain_text(description)
    return Session(
        id=_id(uid) or f"event-{line}",
        title=title,
        day=start if all_day else (start.date() if isinstance(start, datetime) else None),
        start=None if all_day else start,
        end=end
        if isinstance(start, datetime) and isinstance(end, datetime) and end > start
        else None,
        room=room_of(room),
        format=_format_named(title, categories),
        stream=track or _stream_of(categories),
        keywords=tuple(categories) if len(categories) > 1 else (),
        language=title_language(title),
        url=url,
        chairs=chairs,
        parts=(Part(1, title, abstract=abstract, speakers=speakers),),
        abstract=abstract,
        source=SourceLocation(reading.filename, line),
    )


_TRACK_LINE = re.compile(r"^\s*(?:track|stream|thema|thème|theme)\s*:\s*(.+?)\s*$", re.IGNORECASE)


def _track_line(description: str) -> tuple[str, str]:
    """The description without a 'Track: Security' line, and that track (Google Calendar and
    Whova feeds write it there, having no field for it)."""
    lines = description.splitlines()
    found = next((m for m in map(_TRACK_LINE.match, lines) if m), None)
    if found is None:
        return description, ""
    return "\n".join(line for line in lines if line != found.string).strip(), one_line(found[1])


def _format_named(title: str, categories: Sequence[str]) -> str:
    """The format a title's prefix or a category names ('Workshop: …', CATEGORIES:Keynote,
    CATEGORIES:Talk,Security); '' when none does (a feed has no format field)."""
    for text in (title.partition(":")[0] if ":" in title else "", *categories):
        named = format_of(text)
        if named not in ("", "Talk"):
            return named
    return "Talk" if any(_is_format(c) for c in categories) else ""


_PLAIN_FORMATS = frozenset({"talk", "talks", "presentation", "lecture", "vortrag"})


def _is_format(category: str) -> bool:
    """'Talk', 'Workshop', 'Lightning': a category that names a format, not a topic."""
    return category.lower() in _PLAIN_FORMATS or format_of(category) not in ("", "Talk")


def _stream_of(categories: Sequence[str]) -> str:
    """The stream the categories name: the one category, or the one that is not a format
    ('Talk,Security' -> 'Security')."""
    if len(categories) == 1:
        return categories[0]
    topics = [c for c in categories if not _is_format(c)]
    return topics[0] if len(topics) == 1 else ""


def room_of(location: str) -> str:
    """The room of a LOCATION that also gives the venue's address ('Terraza Atarazanas, Plaza
    Juan Antonio Benlliure 2, 46011 València'): the part before the address."""
    parts = [p.strip() for p in location.split(",")]
    if len(parts) >= 3 and any(re.search(r"\d", p) for p in parts[1:]):
        return parts[0]
    return room_named(location)


def _moment(prop: Any, reading: _Reading) -> Any:
    """DTSTART/DTEND as a datetime in its TZID's IANA zone (or the calendar's), or a date."""
    if prop is None:
        return None
    value = prop.dt
    if not isinstance(value, datetime):
        return value if isinstance(value, date) else None
    tzid = str(prop.params.get("TZID", "")).strip()
    iana = zone_named(tzid) if tzid else None
    if iana is not None:
        value = value.replace(tzinfo=iana)  # the wall clock as written, in the real zone
        if tzid not in reading.zone_names:
            reading.zone_names.append(tzid)
    if reading.zone is not None:
        value = (
            value.astimezone(reading.zone) if value.tzinfo else value.replace(tzinfo=reading.zone)
        )
    elif reading.local is not None and iana is None:
        # a UTC ('...Z') or floating time among events that name the calendar's zone
        value = (
            value.astimezone(reading.local) if value.tzinfo else value.replace(tzinfo=reading.local)
        )
    return value


def _events_zone(events: Sequence[Any]) -> tzinfo | None:
    """The IANA zone most events' DTSTART names by TZID, or None."""
    named = Counter(
        str(prop.params.get("TZID", "")).strip()
        for event in events
        if (prop := event.get("DTSTART")) is not None and hasattr(prop, "params")
    )
    named.pop("", None)
    return next((z for name, _ in named.most_common() if (z := zone_named(name))), None)


# What parts a title from its speakers: ' - ', or an en or em dash ('Title – Name')
_DASH = re.compile(r" [-–—] ")
# 'Moderated by A, Org; B, Org': the first entry chairs the panel
_MODERATED = re.compile(r"^(?:moderated|chaired|hosted) by\s+", re.IGNORECASE)


def _entries(tail: str) -> list[str]:
    """The people a SUMMARY's tail lists: 'A, Org & B, Org' or 'A, Org; B, Org'; an '&' that no
    'Name,' follows belongs to an organisation ('Open Science & Data Summit')."""
    return [e.strip() for e in re.split(r"\s*;\s*|\s+&\s+(?=[^,;&]{2,60},)", tail) if e.strip()]


def _names_with_organisations(summaries: Sequence[str]) -> bool:
    """Whether the feed writes its speakers 'Name, Organisation', told by the feed as a whole:
    most entries after a ' - ' have one comma, and a third of those name an organisation after
    it ('University', 'Institute'); a list of names ('Ann Lee, Bob Roe, Cy Poe') has more."""
    entries = [
        _MODERATED.sub("", e)
        for s in summaries
        if _DASH.search(s)
        for e in _entries(_DASH.split(s, maxsplit=1)[1])
    ]
    with_comma = [e for e in entries if "," in e]
    if not with_comma or len(with_comma) * 2 < len(entries):
        return False
    if sum(e.count(",") > 1 for e in with_comma) * 10 > len(with_comma):
        return False
    return sum(names_organisation(e.split(",", 1)[1]) for e in with_comma) * 3 >= len(with_comma)


def _people_in_summary(
    summary: str, reading: _Reading
) -> tuple[str, tuple[Person, ...], tuple[Person, ...]]:
    """The title, its speakers and its chairs, as the feed writes people into SUMMARY."""
    if reading.with_organisations:
        found = _title_and_affiliated(summary)
        if found is not None:
            return found
    title, speakers = _title_and_speakers(summary, reading.pretalx)
    return title, speakers, ()


def _title_and_affiliated(
    summary: str,
) -> tuple[str, tuple[Person, ...], tuple[Person, ...]] | None:
    """'Panel: X - Moderated by A, Org; B, Org' -> 'Panel: X', (B of Org,), (A of Org,): split at
    the first ' - ' after which every entry is a name, a comma and an organisation."""
    for match in _DASH.finditer(summary):
        title, tail = summary[: match.start()].strip(), summary[match.end() :]
        moderated = bool(_MODERATED.match(tail))
        people = []
        for entry in _entries(_MODERATED.sub("", tail)):
            name, _, organisation = (" ".join(p.split()) for p in entry.partition(","))
            if not reads_as_name(name):
                break
            people.append(Person(name=name, organisation=organisation))
        else:
            if title and people:
                if moderated:
                    return title, tuple(people[1:]), (people[0],)
                return title, tuple(people), ()
    return None


def _title_and_speakers(summary: str, pretalx: bool) -> tuple[str, tuple[Person, ...]]:
    """'Zero or Hero? - Assessing Pygame Zero - Amanda J Hogan' -> the title, and the speakers
    after the last ' - ' when they read as names (always, in a pretalx feed)."""
    summary = summary.strip()
    if summary.endswith((" -", " –", " —")):  # 'PyCon Fair - ': an event nobody is listed for
        return summary[:-2].rstrip(), ()
    dashes = list(_DASH.finditer(summary))
    if not dashes or not summary[: dashes[-1].start()].strip():
        return summary, ()
    title, tail = summary[: dashes[-1].start()], summary[dashes[-1].end() :]
    names = [" ".join(n.split()) for n in re.split(r",|\s&\s|\band\b", tail) if n.strip()]
    people = [split_honorific(n) for n in names]  # 'Dr. Martin Eder'
    if not names or not (pretalx or all(reads_as_name(n) for _, n in people)):
        return summary, ()
    return title.strip(), tuple(Person(name=n, honorific=h) for h, n in people)


def _among(named: Sequence[Person], described: Sequence[Person]) -> bool:
    """Whether every person the summary names is one the description names (as it spells them)."""
    spelled = {person_id(p.name) for p in described}
    return bool(named) and all(person_id(p.name) in spelled for p in named)


def _id(uid: str) -> str:
    """pretalx's 'pretalx-pyconau-2023-EJWEMK@pretalx.com' -> 'EJWEMK'; any other UID as it is."""
    match = _PRETALX_UID.match(uid)
    return match["code"] if match else uid


def _categories(prop: Any) -> list[str]:
    props = prop if isinstance(prop, list) else [prop] if prop is not None else []
    names: list[str] = []
    for item in props:
        values = getattr(item, "cats", None)
        for value in values if values is not None else str(item).split(","):
            name = one_line(str(value))
            if name and name not in names:
                names.append(name)
    return names


def _vtimezone_warnings(
    calendar: Any, text: str, sessions: Sequence[Session], filename: str
) -> list[Problem]:
    """A warning when the file's VTIMEZONE gives an IANA zone another offset (it was not used)."""
    first = next((s.start for s in sessions if s.start is not None), None)
    if first is None:
        return []
    lines = _lines(text, "BEGIN:VTIMEZONE")
    problems: list[Problem] = []
    try:
        blocks = list(calendar.walk("VTIMEZONE"))
    except _ICAL_ERRORS:
        return []
    for index, block in enumerate(blocks):
        tzid = str(block.get("TZID", "")).strip()
        iana = zone_named(tzid)
        try:
            own = _own_zone(block)
            wall = first.replace(tzinfo=None)
            own_offset, iana_offset = own.utcoffset(wall), iana.utcoffset(wall) if iana else None
        except (*_ICAL_ERRORS, ArithmeticError):
            continue
        if iana_offset is not None and own_offset is not None and own_offset != iana_offset:
            problems.append(
                Problem(
                    filename,
                    lines[index] if index < len(lines) else 1,
                    f"the VTIMEZONE for {tzid} gives {_offset(own_offset)} on {first:%Y-%m-%d}, "
                    f"the IANA zone {_offset(iana_offset)}; times are read in the IANA zone",
                    Severity.WARNING,
                )
            )
    return problems


def _own_zone(block: Any) -> tzinfo:
    """The zone a VTIMEZONE block itself describes, not the IANA zone its TZID names."""
    try:
        return block.to_tz(lookup_tzid=False)  # icalendar 6+ looks the TZID up by default
    except TypeError:
        return block.to_tz()


def _offset(delta: timedelta) -> str:
    minutes = int(delta.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
