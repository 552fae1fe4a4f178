"""Programme records as the JSON the schemas describe, with times as the programme writes them."""

from datetime import datetime, tzinfo
from typing import Any

from assistant.answers.answerer import day_name, session_path
from assistant.programme import Participant, Person, Programme, Session
from assistant.service.browse import lang_attribute
from assistant.service.calendar import to_local


def clock_label(moment: datetime | None) -> str:
    """A time as the programme writes it: '13:15'."""
    return f"{moment:%H:%M}" if moment is not None else ""


def when_label(session: Session, zone: tzinfo | None) -> str:
    """Day and time span, e.g. 'Thursday 22 May 2025, 13:15–14:30', or 'Not yet scheduled'."""
    if session.start is None:
        return (
            f"{day_name(session.day)}, time not yet scheduled"
            if session.day
            else ("Not yet scheduled")
        )
    start = to_local(session.start, zone)
    text = f"{day_name(start.date())}, {clock_label(start)}"
    if session.end is None:
        return text
    end = to_local(session.end, zone)
    if end.date() != start.date():
        return f"{text} – {day_name(end.date())}, {clock_label(end)}"
    return f"{text}–{clock_label(end)}"


def person_json(person: Person) -> dict[str, Any]:
    """The fields every person in the API shows."""
    return {
        "id": person.id,
        "name": person.name,
        "honorific": person.honorific,
        "role": person.role,
        "organisation": person.organisation,
        "country": person.country,
        "affiliation": person.affiliation,
    }


def session_summary(session: Session, zone: tzinfo | None) -> dict[str, Any]:
    """The fields a list of sessions shows."""
    start = to_local(session.start, zone) if session.start else None
    end = to_local(session.end, zone) if session.end else None
    path = session_path(session.id)
    return {
        "id": session.id,
        "code": session.code,
        "title": session.title,
        "subtitle": session.subtitle,
        "scheduled": start is not None,
        "day": start.date() if start else session.day,
        "start": start,
        "end": end,
        "start_time": clock_label(start),
        "end_time": clock_label(end),
        "when": when_label(session, zone),
        "room": session.room,
        "stream": session.stream,
        "format": session.format,
        "url": path,
        "ics": path + ".ics" if start else None,
    }


def session_detail(session: Session, zone: tzinfo | None) -> dict[str, Any]:
    """Every field of a session, with its parts and people."""
    return {
        **session_summary(session, zone),
        "group": session.group,
        "content_filters": list(session.content_filters),
        "keywords": list(session.keywords),
        "language": session.language,
        "recorded": session.recorded,
        "source_url": session.url,
        "abstract": session.abstract,
        "objectives": list(session.objectives),
        "chairs": [person_json(p) for p in session.chairs],
        "parts": [
            {
                "index": part.index,
                "title": part.title,
                "abstract": part.abstract,
                "objectives": list(part.objectives),
                "speakers": [person_json(p) for p in part.speakers],
            }
            for part in session.parts
        ],
        "speakers": [person_json(p) for p in session.speakers],
    }


def participant_summary(participant: Participant) -> dict[str, Any]:
    """A person with the ids of the sessions they appear in."""
    return {
        **person_json(participant.person),
        "id": participant.id,
        "session_ids": list(participant.session_ids),
    }


def participant_detail(participant: Participant, programme: Programme) -> dict[str, Any]:
    """A person with every session they appear in."""
    appearances = []
    for appearance in participant.appearances:
        session = programme.session(appearance.session_id)
        part = None
        if session is not None and appearance.part_index is not None:
            part = next((p for p in session.parts if p.index == appearance.part_index), None)
        appearances.append(
            {
                "session_id": appearance.session_id,
                "session_title": session.title if session else "",
                "capacity": appearance.capacity.value,
                "part_index": appearance.part_index,
                "part_title": part.title if part else "",
                "url": session_path(appearance.session_id),
            }
        )
    return {**person_json(participant.person), "id": participant.id, "appearances": appearances}


def wall_clock(moment: datetime | None) -> str:
    """A time as the programme's wall clock shows it, to the minute: '2019-12-27T10:00'."""
    return f"{moment:%Y-%m-%dT%H:%M}" if moment is not None else ""


def compact_session(session: Session, zone: tzinfo | None) -> dict[str, Any]:
    """What a device needs to find, list and star a session offline; no abstracts."""
    start = to_local(session.start, zone) if session.start else None
    end = to_local(session.end, zone) if session.end and session.start else None
    if start is not None and end is not None and end <= start:
        end = None
    compact: dict[str, Any] = {
        "id": session.id,
        "title": session.title,
        "start": wall_clock(start),
        "end": wall_clock(end),
        "day": day_name(start.date()) if start else "Not yet scheduled",
        "when": when_label(session, zone),
        "room": session.room,
        "speakers": [p.name for p in session.speakers],
        "url": session_path(session.id),
    }
    if session.code and session.code != session.title:
        compact["code"] = session.code
    lang = lang_attribute(session.title, session.language)
    if lang:
        compact["lang"] = lang
    if len(session.parts) > 1:  # so a part's citation can link to its place on the page
        compact["parts"] = [[part.index, part.title] for part in session.parts]
    return compact
