"""Reads Sessionize API JSON (view/All, view/Sessions' groups, or view/GridSmart's days of
rooms) into Sessions.

view/All cross-references by id: a session's speakers, category items and room resolve through
the top-level speakers, categories and rooms. Times are local wall-clock times without an
offset, so --timezone gives them their zone."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from assistant.programme import Part, Person, Session, SourceLocation
from assistant.sources.described import people_in_description
from assistant.sources.json_lines import LineFinder, objects, parse_json_export, text_of
from assistant.sources.problems import ParsedSource, Problem, left_out, source_zone
from assistant.sources.taglines import tagline_parts
from assistant.sources.text import one_line, people_list, plain_text, room_named

FORMAT = "Sessionize JSON"
_CAPACITY = re.compile(r"\s*\(\d+\)$")  # 'Presidents Suite 1 (150)': the room's seats
# Which session field a category group fills, by words in the group's title.
_GROUP_FIELDS = (
    ("format", re.compile(r"\b(type|format|length|duration)\b", re.I)),
    ("level", re.compile(r"\b(level|audience|experience|difficulty)\b", re.I)),
    ("stream", re.compile(r"\b(track|stream|topic|theme|category)\b", re.I)),
    ("language", re.compile(r"\blanguage\b", re.I)),
)


def looks_like(data: Any) -> bool:
    """True for view/All ({sessions, speakers, rooms, ...}), view/Sessions ([{groupName,
    sessions}]) or view/GridSmart ([{date, rooms: [{name, sessions}], timeSlots}])."""
    if isinstance(data, Mapping):
        return isinstance(data.get("sessions"), list) and (
            isinstance(data.get("speakers"), list) or isinstance(data.get("rooms"), list)
        )
    groups = objects(data)
    return bool(groups) and all(
        (isinstance(g.get("sessions"), list) and "groupName" in g) or _grid_day(g) for g in groups
    )


def _grid_day(day: Mapping[str, Any]) -> bool:
    """A day of view/GridSmart: its rooms, each with its sessions, and its time slots."""
    return isinstance(day.get("rooms"), list) and "timeSlots" in day


def parse(text: str, filename: str, *, timezone: str | None = None) -> ParsedSource:
    """Sessions from a Sessionize JSON file; bad input becomes Problems, never raises."""
    return parse_json_export(
        text,
        filename,
        timezone=timezone,
        format_name=FORMAT,
        looks_like=looks_like,
        expected="Sessionize JSON with sessions, speakers and rooms",
        from_data=from_data,
    )


@dataclass(frozen=True, slots=True)
class _Lookups:
    """view/All's tables by id: speakers, category items (with their group's title), rooms."""

    speakers: Mapping[str, Person]
    items: Mapping[str, tuple[str, str]]  # item id -> (group title, item name)
    rooms: Mapping[str, str]
    questions: Mapping[str, str]  # question id -> its text ('Session chair(s)', 'Country')


def from_data(data: Any, text: str, filename: str, *, timezone: str | None = None) -> ParsedSource:
    """Sessions from parsed Sessionize JSON (text is kept for line numbers)."""
    problems: list[Problem] = []
    zone = source_zone(timezone, filename, problems)
    lookups = _lookups(data if isinstance(data, Mapping) else {})
    lines = LineFinder(text)
    sessions: list[Session] = []
    records = 0
    for raw in _sessions(data):
        records += 1
        result = _session(raw, lines.record_line(raw), filename, lookups, zone)
        if isinstance(result, Problem):
            problems.append(result)
        else:
            sessions.append(result)
    return ParsedSource(
        tuple(sessions),
        timezone=timezone if zone is not None else None,
        problems=tuple(problems),
        format=FORMAT + f" ({_view(data)})",
        records=records,
        unit="sessions",
    )


def _view(data: Any) -> str:
    if isinstance(data, Mapping):
        return "view/All"
    return "view/GridSmart" if any(_grid_day(d) for d in objects(data)) else "view/Sessions"


def _sessions(data: Any) -> Iterator[Mapping[str, Any]]:
    """Each session once: view/GridSmart lists them under their rooms (and again by time slot)."""
    if isinstance(data, Mapping):
        yield from objects(data.get("sessions"))
        return
    seen: set[tuple[str, str]] = set()
    for group in objects(data):
        lists = [r.get("sessions") for r in objects(group.get("rooms"))] if _grid_day(group) else []
        for raw in (s for found in lists or [group.get("sessions")] for s in objects(found)):
            key = (text_of(raw.get("id")), text_of(raw.get("startsAt")))
            if key not in seen:
                seen.add(key)
                yield raw


def _lookups(data: Mapping[str, Any]) -> _Lookups:
    questions = {
        text_of(q.get("id")): one_line(text_of(q.get("question")))
        for q in objects(data.get("questions"))
    }
    # a speaker category ('Country', 'Company') answers as a question does
    questions |= {
        text_of(
            item.get("id")
        ): f"{text_of(group.get('title'))}\n{one_line(text_of(item.get('name')))}"
        for group in objects(data.get("categories"))
        if text_of(group.get("type")).lower() == "speaker"
        for item in objects(group.get("items"))
    }
    speakers = {
        text_of(s.get("id")): _person(s, questions)
        for s in objects(data.get("speakers"))
        if s.get("id")
    }
    items = {
        text_of(item.get("id")): (text_of(group.get("title")), one_line(text_of(item.get("name"))))
        for group in objects(data.get("categories"))
        if text_of(group.get("type")).lower() in ("", "session")
        for item in objects(group.get("items"))
    }
    rooms = {
        text_of(r.get("id")): _room(text_of(r.get("name"))) for r in objects(data.get("rooms"))
    }
    return _Lookups(speakers, items, rooms, questions)


# Custom questions organisers add to Sessionize, read by what they ask
_CHAIR_QUESTION = re.compile(r"\bchair|\bmoderat|\bconven", re.IGNORECASE)
_OBJECTIVES_QUESTION = re.compile(r"objective|outcome|take-?aways", re.IGNORECASE)
_ORGANISATION_QUESTION = re.compile(
    r"organi[sz]ation|company|employer|affiliation|institution|hospital|university",
    re.IGNORECASE,
)
_COUNTRY_QUESTION = re.compile(r"\bcountry\b", re.IGNORECASE)


def _answers(raw: Mapping[str, Any], questions: Mapping[str, str]) -> list[tuple[str, str]]:
    """(question, answer) of a session's or speaker's questionAnswers."""
    found = []
    for answer in objects(raw.get("questionAnswers")):
        question = questions.get(text_of(answer.get("questionId"))) or text_of(
            answer.get("question")
        )
        value = text_of(answer.get("answerValue")) or text_of(answer.get("answer"))
        if question and value:
            found.append((question, value))
    return found


def _person(speaker: Mapping[str, Any], questions: Mapping[str, str]) -> Person:
    name = text_of(speaker.get("fullName")) or text_of(speaker.get("name"))
    if not name:
        name = " ".join(
            p for p in (text_of(speaker.get("firstName")), text_of(speaker.get("lastName"))) if p
        )
    answers = _answers(speaker, questions) + [
        tuple(questions[i].split("\n", 1))  # type: ignore[misc]
        for i in map(text_of, _list(speaker.get("categoryItems")))
        if "\n" in questions.get(i, "")
    ]
    role, organisation, country = tagline_parts(one_line(text_of(speaker.get("tagLine"))))
    asked = next((one_line(a) for q, a in answers if _ORGANISATION_QUESTION.search(q)), "")
    return Person(
        name=one_line(name),
        role=role if not asked else one_line(text_of(speaker.get("tagLine"))),
        organisation=asked or organisation,
        country=next((one_line(a) for q, a in answers if _COUNTRY_QUESTION.search(q)), country),
        biography=plain_text(text_of(speaker.get("bio"))),
    )


def _room(name: str) -> str:
    return room_named(_CAPACITY.sub("", one_line(name)))


def _session(
    raw: Mapping[str, Any],
    line: int,
    filename: str,
    lookups: _Lookups,
    zone: tzinfo | None,
) -> Session | Problem:
    """One Sessionize session as a Session, or the left-out Problem that makes it unreadable."""
    session_id, title = text_of(raw.get("id")), one_line(text_of(raw.get("title")))
    if not session_id or not title:
        got = "no id" if not session_id else "no title"
        return left_out(filename, line, f"expected a session with an id and a title, got {got}")
    try:
        start = _moment(raw.get("startsAt"), zone)
        end = _moment(raw.get("endsAt"), zone)
    except ValueError:
        shown = text_of(raw.get("startsAt")) or text_of(raw.get("endsAt"))
        return left_out(filename, line, f"expected a time like 2026-10-03T09:10:00, got {shown!r}")
    fields = _categories(raw, lookups)
    description, named, chaired = people_in_description(text_of(raw.get("description")))
    abstract = plain_text(description)
    answers = _answers(raw, lookups.questions)
    chairs = tuple(
        p for q, a in answers if _CHAIR_QUESTION.search(q) for p in people_list(a, role="Chair")
    ) or _as_listed(chaired, lookups)
    listed = [p for p in (_speaker(s, lookups) for s in _list(raw.get("speakers"))) if p]
    speakers = _without(tuple(listed) or _as_listed(named, lookups), chairs)
    service = raw.get("isServiceSession") is True
    objectives = tuple(
        one_line(plain_text(line)).strip(" -•*")
        for q, a in answers
        if _OBJECTIVES_QUESTION.search(q)
        for line in a.splitlines()
        if plain_text(line).strip(" -•*")
    )
    return Session(
        id=session_id,
        title=title,
        day=start.date() if start else None,
        start=start,
        end=end if start is not None and end is not None and end > start else None,
        room=lookups.rooms.get(text_of(raw.get("roomId"))) or _room(text_of(raw.get("room"))),
        stream=", ".join(fields.get("stream", ())),
        format=", ".join(fields.get("format", ())) or ("Service" if service else ""),
        content_filters=tuple(fields.get("level", ())),
        keywords=tuple(fields.get("other", ())),
        language=", ".join(fields.get("language", ())),
        recorded=True if text_of(raw.get("recordingUrl")) else None,
        url=text_of(raw.get("liveUrl")),
        chairs=chairs,
        objectives=objectives,
        parts=(Part(1, title, abstract=abstract, speakers=speakers),),
        abstract=abstract,
        source=SourceLocation(filename, line),
    )


def _as_listed(people: tuple[Person, ...], lookups: _Lookups) -> tuple[Person, ...]:
    """People a description names, as the speaker list gives them (with their tagline)."""
    known = {p.id: p for p in lookups.speakers.values()}
    return tuple(known.get(p.id, p) for p in people)


def _without(speakers: tuple[Person, ...], chairs: tuple[Person, ...]) -> tuple[Person, ...]:
    """The speakers less the chairs: a panel lists its chair among its speakers, and its
    description says who chairs ('Chair: Helena Sørensen')."""
    chairing = {p.id for p in chairs}
    return tuple(p for p in speakers if p.id not in chairing)


def _moment(value: Any, zone: tzinfo | None) -> datetime | None:
    text = text_of(value)
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None and zone is not None:
        moment = moment.replace(tzinfo=zone)
    return moment


def _speaker(value: Any, lookups: _Lookups) -> Person | None:
    if isinstance(value, Mapping):  # view/Sessions embeds {id, name}
        known = lookups.speakers.get(text_of(value.get("id")))
        return known or (_person(value, lookups.questions) if text_of(value.get("name")) else None)
    return lookups.speakers.get(text_of(value))


def _categories(raw: Mapping[str, Any], lookups: _Lookups) -> dict[str, list[str]]:
    """Category items by the field their group fills: stream, format, level, language, other."""
    pairs = [
        lookups.items[i]
        for i in map(text_of, _list(raw.get("categoryItems")))
        if i in lookups.items
    ]
    for group in objects(raw.get("categories")):  # view/Sessions embeds its categories
        pairs.extend(
            (text_of(group.get("name")), one_line(text_of(item.get("name"))))
            for item in objects(group.get("categoryItems"))
        )
    fields: dict[str, list[str]] = {}
    for group_title, name in pairs:
        if not name:
            continue
        field = next((f for f, pattern in _GROUP_FIELDS if pattern.search(group_title)), "other")
        if name not in fields.setdefault(field, []):
            fields[field].append(name)
    return fields


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
