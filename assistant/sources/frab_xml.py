"""Reads frab / pretalx schedule XML (the c3voc schedule.xml) into Sessions."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.parsers import expat

from assistant.sources.frab_common import RawEvent, parse_flag, parsed_schedule
from assistant.sources.problems import ParsedSource, Problem

_EXPECTED = "a frab/pretalx schedule: <schedule> with <day>, <room> and <event> elements"


def parse(text: str, filename: str) -> ParsedSource:
    """Sessions from a frab/pretalx schedule.xml; bad input becomes Problems, never raises."""
    try:
        root, lines = _tree(text)
    except expat.ExpatError as exc:
        reason = expat.ErrorString(exc.code)
        message = f"expected well-formed XML, got {reason} at column {exc.offset + 1}"
        return ParsedSource((), problems=(Problem(filename, exc.lineno, message),))
    if root.tag != "schedule":
        message = f"expected {_EXPECTED}, got <{root.tag}>"
        return ParsedSource((), problems=(Problem(filename, lines.get(root, 1), message),))
    problems: list[Problem] = []
    events: list[RawEvent] = []
    for day in root.findall("day"):
        strangers = sorted({f"<{child.tag}>" for child in day if child.tag != "room"})
        if strangers:
            message = f"expected <room> elements inside <day>, got {', '.join(strangers)}"
            problems.append(Problem(filename, lines.get(day, 1), message))
        for room in day.findall("room"):
            for event in room.findall("event"):
                events.append(_raw_event(event, day, room, lines.get(event, 1)))
    conference = root.find("conference")
    title = _text(conference, "title") or _text(conference, "acronym")
    return parsed_schedule(title, _text(conference, "time_zone_name"), events, filename, problems)


def _tree(text: str) -> tuple[ET.Element, dict[ET.Element, int]]:
    """The element tree and the line each element starts on (ElementTree keeps no lines)."""
    builder = ET.TreeBuilder()
    lines: dict[ET.Element, int] = {}
    parser = expat.ParserCreate()
    parser.buffer_text = True

    def start(tag: str, attributes: dict[str, str]) -> None:
        lines[builder.start(tag, attributes)] = parser.CurrentLineNumber

    parser.StartElementHandler = start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    parser.Parse(text, True)
    return builder.close(), lines


def _raw_event(event: ET.Element, day: ET.Element, room: ET.Element, line: int) -> RawEvent:
    recording = event.find("recording")
    optout = _text(recording, "optout")
    persons = event.find("persons")
    names = (
        ()
        if persons is None
        else tuple("".join(person.itertext()) for person in persons.findall("person"))
    )
    return RawEvent(
        line=line,
        id=(event.get("id") or event.get("code") or event.get("guid") or "").strip(),
        title=_text(event, "title"),
        day=(day.get("date") or "").strip(),
        day_start=(day.get("start") or "").strip(),
        date=_text(event, "date"),
        start=_text(event, "start"),
        duration=_text(event, "duration"),
        end=_text(event, "end"),
        room=_text(event, "room") or (room.get("name") or "").strip(),
        subtitle=_text(event, "subtitle"),
        track=_text(event, "track"),
        type=_text(event, "type"),
        language=_text(event, "language"),
        abstract=_text(event, "abstract"),
        description=_text(event, "description"),
        url=_text(event, "url"),
        do_not_record=parse_flag(optout) if optout else None,
        persons=names,
    )


def _text(element: ET.Element | None, tag: str) -> str:
    """The stripped text of element's first <tag> child ('' when absent)."""
    if element is None:
        return ""
    child = element.find(tag)
    return "" if child is None else "".join(child.itertext()).strip()
