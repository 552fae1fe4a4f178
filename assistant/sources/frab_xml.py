"""Reads frab / pretalx schedule XML (the c3voc schedule.xml) into Sessions."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from assistant.sources.frab_common import EventPerson, RawEvent, parse_flag, parsed_schedule
from assistant.sources.problems import ParsedSource, Problem
from assistant.sources.xml_lines import child_text, read_tree

_EXPECTED = "a frab/pretalx schedule: <schedule> with <day>, <room> and <event> elements"
FORMAT = "frab/pentabarf schedule XML"


def parse(text: str, filename: str, *, timezone: str | None = None) -> ParsedSource:
    """Sessions from a frab/pretalx schedule.xml; bad input becomes Problems, never raises.

    timezone (--timezone) wins over the file's zone and over offsets its wall clock contradicts."""
    tree = read_tree(text, filename)
    if isinstance(tree, Problem):
        return ParsedSource((), problems=(tree,), format=FORMAT)
    root = tree.root
    if root.tag != "schedule":
        message = f"expected {_EXPECTED}, got <{root.tag}>"
        return ParsedSource(
            (), problems=(Problem(filename, tree.line(root), message),), format=FORMAT
        )
    problems: list[Problem] = []
    events: list[RawEvent] = []
    conference = root.find("conference")
    day_change = child_text(conference, "day_change")
    for day in root.findall("day"):
        strangers = sorted({f"<{child.tag}>" for child in day if child.tag != "room"})
        if strangers:
            message = f"expected <room> elements inside <day>, got {', '.join(strangers)}"
            problems.append(Problem(filename, tree.line(day), message))
        for room in day.findall("room"):
            for event in room.findall("event"):
                events.append(_raw_event(event, day, room, tree.line(event), day_change))
    title = child_text(conference, "title") or child_text(conference, "acronym")
    return parsed_schedule(
        title,
        child_text(conference, "time_zone_name"),
        events,
        filename,
        problems,
        timezone=timezone,
        format=FORMAT,
    )


def _raw_event(
    event: ET.Element, day: ET.Element, room: ET.Element, line: int, day_change: str
) -> RawEvent:
    recording = event.find("recording")
    optout = child_text(recording, "optout")
    persons = event.find("persons")
    names = (
        ()
        if persons is None
        else tuple(EventPerson("".join(person.itertext())) for person in persons.findall("person"))
    )
    return RawEvent(
        line=line,
        id=(event.get("id") or event.get("code") or event.get("guid") or "").strip(),
        title=child_text(event, "title"),
        day=(day.get("date") or "").strip(),
        day_start=(day.get("start") or "").strip(),
        day_change=day_change,
        date=child_text(event, "date"),
        start=child_text(event, "start"),
        duration=child_text(event, "duration"),
        end=child_text(event, "end"),
        room=child_text(event, "room") or (room.get("name") or "").strip(),
        subtitle=child_text(event, "subtitle"),
        track=child_text(event, "track"),
        type=child_text(event, "type"),
        language=child_text(event, "language"),
        abstract=child_text(event, "abstract"),
        description=child_text(event, "description"),
        url=child_text(event, "url"),
        do_not_record=parse_flag(optout) if optout else None,
        persons=names,
    )
