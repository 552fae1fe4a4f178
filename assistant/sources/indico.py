"""Reads Indico's HTTP-API exports into Sessions: the timetable export (results -> event -> day
-> entries, session blocks holding their contributions as parts) and the event export (results
as a list of events with their contributions)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, tzinfo
from typing import Any

from assistant.programme import Part, Person, Session, SourceLocation, zone_named
from assistant.sources.frab_common import utc_offset
from assistant.sources.json_lines import LineFinder, objects, parse_json_export, text_of
from assistant.sources.problems import ParsedSource, Problem, left_out, source_zone
from assistant.sources.spreadsheet import format_of
from assistant.sources.text import one_line, plain_text, room_named

FORMAT = "Indico JSON"
_DAY_KEY = re.compile(r"\d{8}")
# slot titles that only repeat the day ('Monday', 'whole day'): not worth a subtitle
_DAY_WORDS = re.compile(
    r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday|whole day|all day)?", re.I
)


def looks_like(data: Any) -> bool:
    """True for an Indico export: results holding a timetable by day, or a list of events."""
    if not isinstance(data, Mapping):
        return False
    results = data.get("results")
    if isinstance(results, Mapping):
        days = [d for event in results.values() if isinstance(event, Mapping) for d in event]
        return bool(days) and all(_DAY_KEY.fullmatch(str(d)) for d in days)
    events = objects(results)
    return bool(events) and all(
        isinstance(e.get("contributions"), list) or e.get("_type") in ("Conference", "Event")
        for e in events
    )


def parse(text: str, filename: str, *, timezone: str | None = None) -> ParsedSource:
    """Sessions from an Indico export; bad input becomes Problems, never raises."""
    return parse_json_export(
        text,
        filename,
        timezone=timezone,
        format_name=FORMAT,
        looks_like=looks_like,
        expected="an Indico export with results (a timetable or events)",
        from_data=from_data,
    )


@dataclass(slots=True)
class _Reading:
    """What reading one file needs and gathers."""

    filename: str
    lines: LineFinder
    zone: tzinfo | None  # --timezone: times are shown in it
    problems: list[Problem] = field(default_factory=list)
    records: int = 0
    zone_names: list[str] = field(default_factory=list)  # the `tz` the file writes

    def moment(self, value: Any) -> datetime | None:
        """{date, time, tz} (or an ISO string) as an aware datetime; ValueError when not one."""
        if isinstance(value, Mapping):
            day, clock, name = (text_of(value.get(k)) for k in ("date", "time", "tz"))
            if not day:
                return None
            moment = datetime.fromisoformat(f"{day}T{clock or '00:00'}")
            written = zone_named(name)
            if name and written is None:
                raise ValueError(f"unknown time zone {name!r}")
            if written is not None:
                moment = moment.replace(tzinfo=written)
                if name not in self.zone_names:
                    self.zone_names.append(name)
        else:
            text = text_of(value)
            if not text:
                return None
            moment = datetime.fromisoformat(text)
        if self.zone is not None:
            moment = (
                moment.astimezone(self.zone) if moment.tzinfo else moment.replace(tzinfo=self.zone)
            )
        return moment


def from_data(data: Any, text: str, filename: str, *, timezone: str | None = None) -> ParsedSource:
    """Sessions from a parsed Indico export (text is kept for line numbers)."""
    problems: list[Problem] = []
    zone = source_zone(timezone, filename, problems)
    reading = _Reading(filename, LineFinder(text), zone, problems)
    results = data["results"]
    if isinstance(results, Mapping):
        sessions, title = list(_timetable(results, reading)), ""
        kind = "timetable"
    else:
        sessions = list(_event_export(objects(results), reading))
        title = next((one_line(text_of(e.get("title"))) for e in objects(results)), "")
        kind = "event export"
    sessions.sort(key=lambda s: (s.start is None, s.start.timestamp() if s.start else 0))
    written = reading.zone_names[0] if reading.zone_names else None
    first = next((s.start for s in sessions if s.start), None)
    return ParsedSource(
        tuple(sessions),
        title=title,
        timezone=timezone
        if zone is not None
        else written or (utc_offset(first) if first else None),
        problems=tuple(sorted(reading.problems, key=lambda p: p.line)),
        format=f"{FORMAT} ({kind})",
        records=reading.records,
        unit="entries",
    )


def _timetable(results: Mapping[str, Any], reading: _Reading) -> Iterator[Session]:
    """Sessions of a timetable export, days in the file's order (it need not be the calendar's)."""
    for event in results.values():
        if not isinstance(event, Mapping):
            continue
        for day in event.values():
            if not isinstance(day, Mapping):
                continue
            for key, entry in day.items():
                line = reading.lines.key_line(str(key))
                if not isinstance(entry, Mapping):
                    continue
                reading.records += 1
                session = _entry(entry, str(key), line, reading)
                if session is not None:
                    yield session


def _entry(entry: Mapping[str, Any], key: str, line: int, reading: _Reading) -> Session | None:
    """A top-level timetable entry: a session block with parts, a break, or a lone contribution."""
    kind = text_of(entry.get("entryType")) or text_of(entry.get("_type"))
    try:
        start, end = reading.moment(entry.get("startDate")), reading.moment(entry.get("endDate"))
    except ValueError as exc:
        reading.problems.append(left_out(reading.filename, line, _time_message(entry, exc)))
        return None
    title = one_line(text_of(entry.get("title")))
    if not title:
        message = f"expected an entry with a title, got none in {key!r}"
        reading.problems.append(left_out(reading.filename, line, message))
        return None
    poster = entry.get("isPoster") is True
    if kind in ("Session", "LinkedTimeSchEntry"):
        parts = tuple(_parts(entry.get("entries"), poster, reading))
        chairs = tuple(_presenter(c) for c in objects(entry.get("conveners")))
        slot = one_line(text_of(entry.get("slotTitle")))
        code = one_line(text_of(entry.get("sessionCode")))
        named = format_of(title)  # 'Symposium: ...', 'Keynote session'
        form = "Poster session" if poster else named if named != "Talk" else "Session"
    else:
        is_break = "Break" in kind
        parts = () if is_break else (_part(1, entry, None, None),)
        chairs, slot, code = (), "", ""
        # a contribution on its own is a talk unless its title names a format ('Workshop: ...')
        form = "Break" if is_break else format_of(title)
    if kind in ("Session", "LinkedTimeSchEntry") and len(parts) == 1 and not poster:
        # a block holding one contribution ('Workshop' holding 'AudioMoth deployment …') is that
        # contribution, under its own id and title, in the block's place and time
        (part,) = parts
        named_part = format_of(part.title)
        begins = part.start or start
        return Session(
            id=part.source_id or text_of(entry.get("id")) or key,
            title=part.title or title,
            subtitle=title if part.title and part.title != title else "",
            day=begins.date() if begins else None,
            start=begins,
            end=part.end if part.start else end if start and end and end > start else None,
            room=room_named(text_of(entry.get("room"))),
            stream=code if code.lower() not in ("", "no code") else "",
            format=named if named not in ("Talk", "") else named_part,
            group=title,
            chairs=chairs,
            parts=(replace(part, start=None, end=None),),
            abstract=part.abstract or plain_text(text_of(entry.get("description"))),
            source=SourceLocation(reading.filename, line),
        )
    return Session(
        id=text_of(entry.get("id")) or key,
        title=title,
        subtitle=slot if slot != title and not _DAY_WORDS.fullmatch(slot) else "",
        day=start.date() if start else None,
        start=start,
        end=end if start and end and end > start else None,
        room=room_named(text_of(entry.get("room"))),
        stream=code if code.lower() not in ("", "no code") else "",
        format=form,
        chairs=chairs,
        parts=parts,
        abstract=plain_text(text_of(entry.get("description"))),
        source=SourceLocation(reading.filename, line),
    )


def _parts(entries: Any, poster: bool, reading: _Reading) -> Iterator[Part]:
    """A session block's contributions, in time order; a poster's 'slot' is not a time to keep."""
    if not isinstance(entries, Mapping):
        return
    found: list[tuple[datetime | None, Mapping[str, Any], int]] = []
    for key, entry in entries.items():
        line = reading.lines.key_line(str(key))
        if not isinstance(entry, Mapping) or "Break" in text_of(entry.get("entryType")):
            continue  # a coffee break inside a block is not one of its contributions
        try:
            start = reading.moment(entry.get("startDate"))
        except ValueError as exc:
            reading.problems.append(left_out(reading.filename, line, _time_message(entry, exc)))
            continue
        found.append((start, entry, line))
    found.sort(key=lambda f: (f[0] is None, f[0].timestamp() if f[0] else 0))
    for index, (start, entry, _) in enumerate(found, start=1):
        try:
            end = reading.moment(entry.get("endDate"))
        except ValueError:
            end = None
        yield _part(index, entry, None if poster else start, None if poster else end)


def _part(
    index: int, entry: Mapping[str, Any], start: datetime | None, end: datetime | None
) -> Part:
    people = objects(entry.get("presenters")) or objects(entry.get("speakers"))
    return Part(
        index=index,
        title=one_line(text_of(entry.get("title"))),
        abstract=plain_text(text_of(entry.get("description"))),
        speakers=tuple(p for p in map(_presenter, people) if p.name),
        start=start,
        end=end if start and end and end > start else None,
        source_id=text_of(entry.get("id")),
    )


def _presenter(person: Mapping[str, Any]) -> Person:
    """'GRACIANI DIAZ, Ricardo' (family name first, in capitals) -> 'Ricardo Graciani Diaz'."""
    first = text_of(person.get("first_name")) or text_of(person.get("firstName"))
    last = text_of(person.get("last_name")) or text_of(person.get("familyName"))
    name = text_of(person.get("name")) or text_of(person.get("fullName"))
    if not (first or last) and "," in name:
        last, _, first = (p.strip() for p in name.partition(","))
    if first or last:
        name = " ".join(p for p in (first, _family(last)) if p)
    return Person(name=one_line(name), organisation=one_line(text_of(person.get("affiliation"))))


def _family(name: str) -> str:
    """A family name written in capitals, as a reader writes it: 'DE SALVO' -> 'De Salvo',
    'MCNAB' -> 'McNab', 'ÇELİK' -> 'Çelik' (the dotted capital İ lowers to i and a combining
    dot, which would split the word)."""
    if not name.isupper():
        return name
    lowered = name.replace("İ", "I").lower()
    return re.sub(r"[^\W\d_]+", lambda m: _capitalised(m[0]), lowered)


def _capitalised(word: str) -> str:
    if word.startswith("mc") and len(word) > 3:
        return "Mc" + word[2:].capitalize()
    return word.capitalize()


def _time_message(entry: Mapping[str, Any], exc: ValueError) -> str:
    shown = entry.get("startDate")
    return f"expected a start like {{date: 2009-03-23, time: 08:00:00, tz: Europe/Zurich}}, got {shown!r:.80} ({exc})"


def _event_export(events: list[Mapping[str, Any]], reading: _Reading) -> Iterator[Session]:
    """Sessions of an event export: each contribution one session, named in its session's group.

    With detail=sessions the event's contributions are only those in no session; the others
    are inside their session, whose conveners chair them."""
    for event in events:
        blocks: list[tuple[Mapping[str, Any] | None, Mapping[str, Any]]]
        blocks = [(None, c) for c in objects(event.get("contributions"))]
        blocks += [
            (s, c) for s in objects(event.get("sessions")) for c in objects(s.get("contributions"))
        ]
        for block, contribution in blocks:
            line = reading.lines.record_line(contribution, ("id", "db_id", "friendly_id"))
            reading.records += 1
            session = _contribution(contribution, line, reading)
            if session is not None and block is not None:
                session = _in_block(session, block)
            if session is not None:
                yield session


def _in_block(session: Session, block: Mapping[str, Any]) -> Session:
    """A contribution read inside its session: the session's title as its group, its
    conveners as chairs, its room where the contribution names none."""
    inner = block.get("session")
    title = one_line(text_of(inner.get("title")) if isinstance(inner, Mapping) else "") or one_line(
        text_of(block.get("title"))
    )
    conveners = objects(block.get("conveners")) or objects(block.get("sessionConveners"))
    return replace(
        session,
        group=session.group or title,
        room=session.room or room_named(text_of(block.get("room"))),
        chairs=session.chairs or tuple(p for p in map(_presenter, conveners) if p.name),
    )


def _contribution(raw: Mapping[str, Any], line: int, reading: _Reading) -> Session | None:
    try:
        start, end = reading.moment(raw.get("startDate")), reading.moment(raw.get("endDate"))
    except ValueError as exc:
        reading.problems.append(left_out(reading.filename, line, _time_message(raw, exc)))
        return None
    part = _part(1, raw, None, None)
    if not part.title:
        reading.problems.append(
            left_out(reading.filename, line, "expected a contribution title, got none")
        )
        return None
    session = raw.get("session")
    track = raw.get("track")
    return Session(
        id=text_of(raw.get("friendly_id")) or text_of(raw.get("id")) or str(line),
        title=part.title,
        day=start.date() if start else None,
        start=start,
        end=end if start and end and end > start else None,
        room=room_named(text_of(raw.get("room")) or text_of(raw.get("roomFullname"))),
        group=one_line(
            text_of(session.get("title")) if isinstance(session, Mapping) else text_of(session)
        ),
        stream=one_line(
            text_of(track.get("title")) if isinstance(track, Mapping) else text_of(track)
        ),
        format=one_line(
            text_of(raw.get("type"))
            if not isinstance(raw.get("type"), Mapping)
            else text_of(raw["type"].get("name"))
        ),
        url=text_of(raw.get("url")),
        parts=(part,),
        abstract=part.abstract,
        source=SourceLocation(reading.filename, line),
    )
