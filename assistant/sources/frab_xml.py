"""Reads frab / pretalx schedule XML (the c3voc schedule.xml) into Sessions."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from assistant.sources.frab_common import EventPerson, RawEvent, parse_flag, parsed_schedule
from assistant.sources.problems import ParsedSource, Problem
from assistant.sources.xml_lines import child_text, read_tree

_EXPECTED = "a frab/pretalx schedule: <schedule> with <day>, <room> and <event> elements"


def parse(text: str, filename: str) -> ParsedSource:
    """Sessions from a frab/pretalx schedule.xml; bad input becomes Problems, never raises."""
    tree = read_tree(text, filename)
    if isinstance(tree, Problem):
        return ParsedSource((), problems=(tree,))
    root = tree.root
    if root.tag != "schedule":
        message = f"expected {_EXPECTED}, got <{root.tag}>"
        return ParsedSource((), problems=(Problem(filename, tree.line(root), message),))
    problems: list[Problem] = []
    events: list[RawEvent] = []
    for day in root.findall("day"):
        strangers = sorted({f"<{child.tag}>" for child in day if child.tag != "room"})
        if strangers:
            message = f"expected <room> elements inside <day>, got {', '.join(strangers)}"
            problems.append(Problem(filename, tree.line(day), message))
        for room in day.findall("room"):
            for event in room.findall("event"):
                events.append(_raw_event(event, day, room, tree.line(event)))
    conference = root.find("conference")
    title = child_text(conference, "title") or child_text(conference, "acronym")
    return parsed_schedule(
        title, child_text(conference, "time_zone_name"), events, filename, problems
    )


def _raw_event(event: ET.Element, day: ET.Element, room: ET.Element, line: int) -> RawEvent:
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
