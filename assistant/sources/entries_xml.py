"""Reads the EuroPython 2014 schedule XML (`<schedule><day><entry>`) into Sessions."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, tzinfo

from assistant.programme import Part, Person, Session, SourceLocation
from assistant.sources.problems import ParsedSource, Problem, left_out, source_zone
from assistant.sources.text import plain_text, room_named
from assistant.sources.xml_lines import LinedTree, child_text, read_tree, start_tags

_EXPECTED = "an entries schedule: <schedule> with <day> and <entry> elements"
FORMAT = "EuroPython schedule XML"
_START = re.compile(r"(\d{1,2}):?(\d{2})")
_MINUTES = re.compile(r"\d{1,4}")
# Entries without a category are the organisers' own slots (breaks, lightning talks, sprints);
# their ids are numbered apart from the talks' ids, and EuroPython 2014 reuses 56 of them.
SLOT_PREFIX = "slot-"


def looks_like(root_or_text: ET.Element | str) -> bool:
    """True for a <schedule> whose days hold <entry> elements (frab's hold <room>)."""
    if isinstance(root_or_text, ET.Element):
        tags = _shallow_tags(root_or_text)
    else:
        tags = start_tags(root_or_text)
    in_day = False
    for depth, tag in tags:
        if depth == 0 and tag != "schedule":
            return False
        if depth == 1:
            if tag == "conference":
                return False
            in_day = tag == "day"
        elif depth == 2 and in_day:
            return tag == "entry"
    return False


def _shallow_tags(root: ET.Element) -> Iterator[tuple[int, str]]:
    """(depth, tag) of the root, its children and grandchildren, in document order."""
    yield 0, str(root.tag)
    for child in root:
        yield 1, str(child.tag)
        for grandchild in child:
            yield 2, str(grandchild.tag)


def parse(text: str, filename: str, *, timezone: str | None = None) -> ParsedSource:
    """Sessions of an entries schedule.xml; bad input becomes Problems, never raises.

    The format names no time zone: times are local wall-clock times unless timezone names one."""
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
    default_zone = source_zone(timezone, filename, problems)
    sessions: list[Session] = []
    records = 0
    for day_element in root.findall("day"):
        day = _day(day_element, tree, filename, problems)
        strangers = sorted({f"<{child.tag}>" for child in day_element if child.tag != "entry"})
        if strangers:
            message = f"expected <entry> elements inside <day>, got {', '.join(strangers)}"
            problems.append(Problem(filename, tree.line(day_element), message))
        for entry in day_element.findall("entry"):
            records += 1
            session = _session(entry, day, default_zone, tree, filename, problems)
            if session is not None:
                sessions.append(session)
    return ParsedSource(
        sessions=tuple(sessions),
        title=(root.get("title") or "").strip() or child_text(root, "title"),
        timezone=timezone if default_zone is not None else None,
        problems=tuple(sorted(problems, key=lambda p: p.line)),
        format=FORMAT,
        records=records,
        unit="entries",
    )


def _day(
    element: ET.Element, tree: LinedTree, filename: str, problems: list[Problem]
) -> date | None:
    """The day's date; a missing or bad one is reported once and leaves its entries unscheduled."""
    text = (element.get("date") or "").strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        message = f"expected <day date=...> with a date like 2014-07-21, got {text!r}"
        problems.append(Problem(filename, tree.line(element), message))
        return None


def _session(
    entry: ET.Element,
    day: date | None,
    default_zone: tzinfo | None,
    tree: LinedTree,
    filename: str,
    problems: list[Problem],
) -> Session | None:
    """The entry as a Session (None without an id); a bad time leaves it unscheduled."""
    line = tree.line(entry)
    entry_id = (entry.get("id") or "").strip()
    if not entry_id:
        problems.append(left_out(filename, line, "expected <entry id=...>, got no id"))
        return None
    category = _words(child_text(entry, "category"))
    title = _words(child_text(entry, "title"))
    start = _start(entry, day, default_zone, tree, filename, problems)
    end = _end(entry, start, tree, filename, problems)
    audience = _words(child_text(entry, "audience"))
    topics = entry.find("topics")
    keywords = (
        ()
        if topics is None
        else tuple(dict.fromkeys(t for t in (_words("".join(e.itertext())) for e in topics) if t))
    )
    speakers = entry.find("speakers")
    people = tuple(
        Person(name=name, biography=plain_text(child_text(speaker, "description")))
        for speaker in (() if speakers is None else speakers.findall("speaker"))
        if (name := _words(child_text(speaker, "name")))
    )
    abstract = _abstract(child_text(entry, "abstract"), child_text(entry, "description"))
    return Session(
        id=entry_id if category else SLOT_PREFIX + entry_id,
        title=title,
        day=day,
        start=start,
        end=end,
        room=room_named(child_text(entry, "room")),
        format=category,
        stream=keywords[0] if len(keywords) == 1 else "",  # a talk's one topic is its track
        content_filters=(audience,) if audience else (),
        keywords=keywords,
        parts=(Part(1, title, abstract=abstract, speakers=people),),
        abstract=abstract,
        source=SourceLocation(filename, line),
    )


def _start(
    entry: ET.Element,
    day: date | None,
    default_zone: tzinfo | None,
    tree: LinedTree,
    filename: str,
    problems: list[Problem],
) -> datetime | None:
    """The day plus the entry's 'HHMM' start; None (and a Problem) when it is not a time."""
    element = entry.find("start")
    text = child_text(entry, "start")
    if not text or day is None:
        return None
    match = _START.fullmatch(text)
    hour, minute = (int(g) for g in match.groups()) if match else (-1, -1)
    if not (0 <= hour < 24 and 0 <= minute < 60):
        message = f"expected a start time like 1100 (HHMM), got {text!r}"
        problems.append(Problem(filename, tree.line(element, tree.line(entry)), message))
        return None
    return datetime.combine(day, time(hour, minute), tzinfo=default_zone)


def _end(
    entry: ET.Element,
    start: datetime | None,
    tree: LinedTree,
    filename: str,
    problems: list[Problem],
) -> datetime | None:
    """Start plus the entry's duration in minutes; None (and a Problem) when it is not one."""
    element = entry.find("duration")
    text = child_text(entry, "duration")
    if not text:
        return None
    if not _MINUTES.fullmatch(text):
        message = f"expected a duration in minutes like 45, got {text!r}"
        problems.append(Problem(filename, tree.line(element, tree.line(entry)), message))
        return None
    if start is None:
        return None
    try:
        return start + timedelta(minutes=int(text))
    except OverflowError:  # a duration running past the year 9999
        return None


def _abstract(abstract: str, description: str) -> str:
    """Abstract then description as plain paragraphs; a description repeating it is kept alone."""
    short, long = plain_text(abstract), plain_text(description)
    if short and short in long:
        return long
    return "\n\n".join(text for text in (short, long) if text)


def _words(text: str) -> str:
    return " ".join(text.split())
