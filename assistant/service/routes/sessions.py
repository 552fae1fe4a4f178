"""The programme as JSON: sessions and people, filtered, one by one."""

# No `from __future__ import annotations`: FastAPI reads endpoint annotations at runtime.

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query

from assistant.answers.vocabulary import fold
from assistant.programme import written_zone
from assistant.service.deps import ProgrammeDep
from assistant.service.lookup import find_person, find_session, in_order, matches
from assistant.service.schemas import (
    ERROR_RESPONSES,
    ParticipantDetail,
    ParticipantSummary,
    SessionDetail,
    SessionSummary,
)
from assistant.service.serialisers import (
    participant_detail,
    participant_summary,
    session_detail,
    session_summary,
)

router = APIRouter(tags=["programme"], responses=ERROR_RESPONSES)


@router.get("/api/sessions", response_model=list[SessionSummary])
def list_sessions(
    programme: ProgrammeDep,
    day: Annotated[date | None, Query(description="Only this day, YYYY-MM-DD.")] = None,
    stream: Annotated[str | None, Query(description="Only this stream (any case).")] = None,
    room: Annotated[str | None, Query(description="Only this room (any case).")] = None,
    format: Annotated[str | None, Query(description="Only this format: Workshop.")] = None,
    q: Annotated[
        str | None,
        Query(max_length=200, description="Words that must all occur in title, text, people."),
    ] = None,
) -> list[dict[str, Any]]:
    """Session summaries in time order, unscheduled last."""
    zone = written_zone(programme)
    words = fold(q).split() if q else []
    wanted = {"stream": stream, "room": room, "format": format}
    found = []
    for session in in_order(programme.sessions, zone):
        summary = session_summary(session, zone)
        if day is not None and summary["day"] != day:
            continue
        if any(v is not None and fold(summary[k]) != fold(v) for k, v in wanted.items()):
            continue
        if words and not matches(session, words):
            continue
        found.append(summary)
    return found


@router.get("/api/sessions/{session_id:path}", response_model=SessionDetail)
def get_session(session_id: str, programme: ProgrammeDep) -> dict[str, Any]:
    """One session with its parts, chairs and speakers."""
    return session_detail(find_session(programme, session_id), written_zone(programme))


@router.get("/api/people", response_model=list[ParticipantSummary])
def list_people(
    programme: ProgrammeDep,
    q: Annotated[
        str | None, Query(max_length=200, description="Words in name or organisation.")
    ] = None,
) -> list[dict[str, Any]]:
    """Everyone who chairs or speaks, with the sessions they appear in."""
    words = fold(q).split() if q else []
    people = []
    for participant in programme.people:
        person = participant.person
        text = fold(f"{person.name} {person.organisation} {person.country}")
        if all(w in text for w in words):
            people.append(participant_summary(participant))
    return people


@router.get("/api/people/{person_id}", response_model=ParticipantDetail)
def get_person(person_id: str, programme: ProgrammeDep) -> dict[str, Any]:
    """One person with every appearance (sessions, capacity, part)."""
    return participant_detail(find_person(programme, person_id), programme)
