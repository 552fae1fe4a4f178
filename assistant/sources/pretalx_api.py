"""Reads pretalx REST API talk (submission) objects into Sessions: a page of the API
({count, next, results}), a bare list of talks, talks regrouped by day, minute and room
(as PyConFR's site script writes them), or the schedule widget's data ({talks, rooms, tracks,
speakers}, widgets/schedule.json, where a talk is its own slot). Names may be {en, fr, ...} maps."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, tzinfo
from typing import Any

from assistant.programme import Part, Person, Session, SourceLocation, zone_named
from assistant.sources.frab_common import utc_offset
from assistant.sources.json_lines import LineFinder, objects, parse_json_export, text_of
from assistant.sources.problems import ParsedSource, Problem, Severity, left_out, source_zone
from assistant.sources.taglines import country_named
from assistant.sources.text import names_organisation, one_line, plain_text, room_named

FORMAT = "pretalx API JSON"
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_NOT_IN_PROGRAMME = frozenset({"rejected", "withdrawn", "canceled", "cancelled", "deleted"})
LANGUAGES = ("en",)  # a name in several languages is shown in the first of these it has
ANSWERS_AGREEING = 0.6  # share of a question's answers that must read as one kind of field


def looks_like(data: Any) -> bool:
    """True for talk objects: paged results, a list, or a {day: {minute: {room: talk}}} grid."""
    if isinstance(data, list):
        return _talk_list(data)
    if not isinstance(data, Mapping):
        return False
    if isinstance(data.get("results"), list):
        return _talk_list(data["results"])
    if isinstance(data.get("talks"), list) and isinstance(data.get("rooms"), list):
        return _widget_talks(data["talks"])
    return _is_day_grid(data.get("schedule"))


def _talk_list(items: list[Any]) -> bool:
    talks = objects(items)
    return bool(talks) and all(
        "code" in t and ("slots" in t or "slot" in t or "submission_type" in t) for t in talks
    )


def _widget_talks(items: list[Any]) -> bool:
    """The widget's talks: each with its id and its own start (breaks have no code)."""
    talks = objects(items)
    return bool(talks) and all("id" in t and "start" in t for t in talks)


def parse(text: str, filename: str, *, timezone: str | None = None) -> ParsedSource:
    """Sessions from pretalx API talks; bad input becomes Problems, never raises."""
    return parse_json_export(
        text,
        filename,
        timezone=timezone,
        format_name=FORMAT,
        looks_like=looks_like,
        expected="pretalx API talks (results, a list, or a schedule by day)",
        from_data=from_data,
    )


@dataclass(slots=True)
class _Reading:
    filename: str
    zone: tzinfo | None
    rooms: Mapping[str, str]  # room id -> name, where the file lists its rooms
    speakers: Mapping[str, Person]  # speaker code -> person, where the file lists them
    tracks: Mapping[str, str] = field(default_factory=dict)  # track id -> name (the widget's)
    answer_fields: Mapping[str, str] = field(default_factory=dict)  # see answer_fields
    problems: list[Problem] = field(default_factory=list)
    left_aside: int = 0  # talks whose state keeps them out of the programme


def from_data(data: Any, text: str, filename: str, *, timezone: str | None = None) -> ParsedSource:
    """Sessions from parsed pretalx API talks (text is kept for line numbers)."""
    problems: list[Problem] = []
    top = data if isinstance(data, Mapping) else {}
    # the widget names the event's zone: its times, written with offsets, are shown in it
    named = text_of(top.get("timezone")) if zone_named(text_of(top.get("timezone"))) else None
    zone = source_zone(timezone or named, filename, problems)
    talks = list(_talks(data))
    listed = _speaker_objects(top.get("speakers"))
    fields = answer_fields(
        [*listed, *(s for t in talks for s in objects(_list(t.get("speakers"))))]
    )
    reading = _Reading(
        filename,
        zone,
        _rooms(top.get("rooms")),
        {
            text_of(s.get("code")): _person(s, fields)
            for s in listed
            if text_of(s.get("code")) and text_of(s.get("name"))
        },
        _rooms(top.get("tracks")),
        fields,
    )
    reading.problems.extend(problems)
    lines = LineFinder(text)
    sessions: list[Session] = []
    for talk in talks:
        sessions.extend(_sessions(talk, lines.record_line(talk, ("code", "id")), reading))
    _page_warning(top, filename, reading.problems)
    if reading.left_aside:
        message = f"{reading.left_aside} talks are rejected, withdrawn or cancelled; they are not in the programme"
        reading.problems.append(Problem(filename, 1, message, Severity.WARNING))
    first = next((s.start for s in sessions if s.start), None)
    return ParsedSource(
        tuple(sessions),
        timezone=(timezone or named)
        if zone is not None
        else (utc_offset(first) if first else None),
        problems=tuple(sorted(reading.problems, key=lambda p: p.line)),
        format=FORMAT + (" (schedule widget)" if isinstance(top.get("talks"), list) else ""),
        records=len(talks),
        unit="talks",
    )


def _talks(data: Any) -> Iterator[Mapping[str, Any]]:
    """Each talk object once, in the file's order (a grid lists a two-day sprint on each day)."""
    seen: set[str] = set()
    for talk in _all_talks(data):
        code = text_of(talk.get("code")) or text_of(talk.get("id"))
        if code and code in seen:
            continue
        seen.add(code)
        yield talk


def _all_talks(data: Any) -> Iterator[Mapping[str, Any]]:
    if isinstance(data, list):
        yield from objects(data)
        return
    for key in ("results", "talks"):
        if isinstance(data.get(key), list):
            yield from objects(data[key])
            return
    # 'schedule', and beside it any other grid by day: 'sprints', 'masterclasses' (the breaks
    # of 'extra' have no code)
    for grid in (v for v in data.values() if _is_day_grid(v)):
        for minutes in grid.values():
            for rooms in minutes.values() if isinstance(minutes, Mapping) else ():
                for talk in rooms.values() if isinstance(rooms, Mapping) else ():
                    if isinstance(talk, Mapping) and "code" in talk:
                        yield talk


def _is_day_grid(value: Any) -> bool:
    """A {day: {minute: {room: talk}}} grid: a mapping keyed by ISO dates."""
    return isinstance(value, Mapping) and bool(value) and all(_DAY.fullmatch(str(k)) for k in value)


def _sessions(talk: Mapping[str, Any], line: int, reading: _Reading) -> list[Session]:
    """One Session per slot of the talk (a sprint on two days is two sessions); none if unreadable."""
    code = text_of(talk.get("code")) or text_of(talk.get("id"))
    title = one_line(localised(talk.get("title")))
    if not code or not title:
        got = "no code" if not code else "no title"
        reading.problems.append(
            left_out(reading.filename, line, f"expected a talk with a code and a title, got {got}")
        )
        return []
    if text_of(talk.get("state")).lower() in _NOT_IN_PROGRAMME:
        reading.left_aside += 1
        return []
    # the widget's talk is its own slot: start, end and room beside the title
    slots = objects(talk.get("slots")) or objects([talk.get("slot")]) or objects([talk])[:1]
    if "start" not in talk and slots == [talk]:
        slots = []
    abstract = "\n\n".join(
        dict.fromkeys(
            t
            for t in (plain_text(localised(talk.get(k))) for k in ("abstract", "description"))
            if t
        )
    )
    speakers = tuple(p for p in (_speaker(s, reading) for s in _list(talk.get("speakers"))) if p)
    base = Session(
        id=code,
        title=title,
        format=one_line(_name(talk.get("submission_type"))),
        stream=one_line(
            reading.tracks.get(text_of(talk.get("track")), "")
            if isinstance(talk.get("track"), int)
            else _name(talk.get("track"))
        ),
        language=text_of(talk.get("content_locale")),
        keywords=tuple(t for t in (one_line(_name(tag)) for tag in _list(talk.get("tags"))) if t),
        recorded=False if talk.get("do_not_record") is True else None,
        parts=(Part(1, title, abstract=abstract, speakers=speakers),),
        abstract=abstract,
        source=SourceLocation(reading.filename, line),
    )
    if not slots:
        return [base]
    sessions: list[Session] = []
    for number, slot in enumerate(slots, start=1):
        try:
            start, end = (
                _moment(slot.get("start"), reading.zone),
                _moment(slot.get("end"), reading.zone),
            )
        except ValueError:
            shown = text_of(slot.get("start"))
            reading.problems.append(
                left_out(
                    reading.filename,
                    line,
                    f"expected a slot start like 2025-11-01T08:50:00+01:00, got {shown!r}",
                )
            )
            continue
        sessions.append(
            replace(
                base,
                id=code if number == 1 else f"{code}-{number}",
                day=start.date() if start else None,
                start=start,
                end=end if start and end and end > start else None,
                room=room_named(_room(slot.get("room"), reading)),
            )
        )
    return sessions


def _moment(value: Any, zone: tzinfo | None) -> datetime | None:
    text = text_of(value)
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    if zone is not None:
        moment = moment.astimezone(zone) if moment.tzinfo else moment.replace(tzinfo=zone)
    return moment


def localised(value: Any) -> str:
    """A string, or the best-fitting name in an {en: ..., fr: ...} map."""
    if isinstance(value, Mapping):
        for language in LANGUAGES:
            if text_of(value.get(language)):
                return text_of(value[language])
        return next((text_of(v) for v in value.values() if text_of(v)), "")
    return text_of(value)


def _name(value: Any) -> str:
    """A type, track or tag: a string, an i18n map, or an object with a name (or tag)."""
    if isinstance(value, Mapping) and ("name" in value or "tag" in value):
        return localised(value.get("name") or value.get("tag"))
    return localised(value)


def room_name(value: Any) -> str:
    """A room's name; every language's, joined by ' / ', where they differ ('Hall 2 / Saal 2':
    a German delegate asks for Saal 2)."""
    if not isinstance(value, Mapping):
        return one_line(text_of(value))
    first = one_line(localised(value))
    others = [one_line(text_of(v)) for v in value.values() if one_line(text_of(v))]
    return " / ".join(dict.fromkeys([first, *others])) if first else ""


def _room(value: Any, reading: _Reading) -> str:
    if isinstance(value, Mapping):  # {id, name: {en, ...}}, or (the older talks API) {en, ...}
        return room_name(value.get("name") if "name" in value else value)
    return reading.rooms.get(
        text_of(value), "" if isinstance(value, int) else one_line(text_of(value))
    )


def _speaker(value: Any, reading: _Reading) -> Person | None:
    if isinstance(value, Mapping):
        known = reading.speakers.get(text_of(value.get("code")))
        if not one_line(text_of(value.get("name"))):
            return known
        return _person(value, reading.answer_fields)
    return reading.speakers.get(text_of(value))


def _person(speaker: Mapping[str, Any], fields: Mapping[str, str]) -> Person:
    """A speaker object as a Person, with the organisation and country their answers give."""
    answered = {
        fields[q]: one_line(text_of(a.get("answer")))
        for a in objects(_list(speaker.get("answers")))
        if (q := text_of(a.get("question"))) in fields
    }
    return Person(
        name=one_line(text_of(speaker.get("name"))),
        biography=plain_text(localised(speaker.get("biography"))),
        organisation=answered.get("organisation", ""),
        country=answered.get("country", ""),
    )


def answer_fields(speakers: list[Mapping[str, Any]]) -> dict[str, str]:
    """Which of the speakers' free-text answers ('answers': [{question: 12, answer: …}]) give
    their country or organisation. The export names the questions only by number, so their
    answers tell: most are countries, or most name an organisation or are said in the
    speaker's own biography ('… directs the Cape Peninsula Simulation Centre')."""
    votes: dict[str, list[str]] = {}
    for speaker in speakers:
        biography = plain_text(localised(speaker.get("biography")))
        for answer in objects(_list(speaker.get("answers"))):
            question, said = (
                text_of(answer.get("question")),
                one_line(text_of(answer.get("answer"))),
            )
            if not question or not said or answer.get("options"):  # options: a choice asked
                continue
            if country_named(said):
                kind = "country"
            elif names_organisation(said) or (len(said.split()) <= 8 and said in biography):
                kind = "organisation"
            else:
                kind = ""
            votes.setdefault(question, []).append(kind)
    fields: dict[str, str] = {}
    for question, kinds in votes.items():
        top = max(set(kinds), key=kinds.count)
        if top and kinds.count(top) >= ANSWERS_AGREEING * len(kinds):
            fields[question] = top
    return fields


def _rooms(value: Any) -> dict[str, str]:
    rooms = objects(list(value.values()) if isinstance(value, Mapping) else value)
    return {text_of(r.get("id")): room_name(r.get("name")) for r in rooms if text_of(r.get("id"))}


def _speaker_objects(value: Any) -> list[Mapping[str, Any]]:
    """The file's speaker list (a list, or a map by code)."""
    return objects(list(value.values()) if isinstance(value, Mapping) else value)


def _page_warning(top: Mapping[str, Any], filename: str, problems: list[Problem]) -> None:
    """A paged API response that is not the last page holds only part of the programme."""
    following = text_of(top.get("next"))
    if following:
        count = text_of(top.get("count"))
        message = f"this is one page of the API's {count or 'several'} talks; the next page ({following:.80}) is not in the file"
        problems.append(Problem(filename, 1, message, Severity.WARNING))


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
