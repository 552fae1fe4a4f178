"""Sessions as iCalendar files: one session, or several chosen by id."""

# No `from __future__ import annotations`: FastAPI reads endpoint annotations at runtime.

from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from assistant.errors import NotFoundError
from assistant.programme import Programme, slug
from assistant.service.calendar import calendar_for
from assistant.service.deps import ProgrammeDep, StateDep, calendar_base
from assistant.service.lookup import find_session
from assistant.service.schemas import ERROR_RESPONSES
from assistant.service.state import ServiceState

MAX_CALENDAR_IDS = 200
ICS_RESPONSES = {200: {"content": {"text/calendar": {}}}, **ERROR_RESPONSES}

router = APIRouter(tags=["calendar"])


def ics_response(body: bytes, filename: str, disposition: str = "attachment") -> Response:
    """A calendar file, offered as a download (or, for a feed, shown inline)."""
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'{disposition}; filename="{filename}"'},
    )


def titled(programme: Programme, state: ServiceState) -> Programme:
    """The programme under the conference's name (--title), which calendars show."""
    title = state.settings.title
    return replace(programme, title=title) if title else programme


@router.get("/sessions/{session_id:path}.ics", response_class=Response, responses=ICS_RESPONSES)
def session_ics(session_id: str, programme: ProgrammeDep, state: StateDep) -> Response:
    """One session as an iCalendar file."""
    session = find_session(programme, session_id)
    if session.start is None:
        raise NotFoundError(f"session {session.id!r} is not yet scheduled, so has no calendar")
    body = calendar_for(titled(programme, state), [session], calendar_base(state.settings))
    return ics_response(body, f"{slug(session.id) or 'session'}.ics")


@router.get("/calendar.ics", response_class=Response, responses=ICS_RESPONSES)
def several_ics(
    programme: ProgrammeDep,
    state: StateDep,
    ids: Annotated[str, Query(max_length=4000, description="Session ids, comma-separated: B6,A1")],
) -> Response:
    """Several sessions as one iCalendar file (unscheduled ones are left out)."""
    wanted = list(dict.fromkeys(i.strip() for i in ids.split(",") if i.strip()))
    if not wanted:
        raise HTTPException(422, "ids: give at least one session id, e.g. ids=B6,A1")
    if len(wanted) > MAX_CALENDAR_IDS:
        raise HTTPException(422, f"ids: at most {MAX_CALENDAR_IDS} sessions at once")
    sessions, unknown = [], []
    for session_id in wanted:
        try:
            sessions.append(find_session(programme, session_id))
        except NotFoundError:
            unknown.append(repr(session_id))
    if unknown:
        raise NotFoundError(f"no session {', '.join(unknown)}")
    sessions = list({s.id: s for s in sessions}.values())  # "B6,b6" is one session
    if all(s.start is None for s in sessions):
        raise NotFoundError("none of these sessions is scheduled yet, so none has a calendar")
    body = calendar_for(titled(programme, state), sessions, calendar_base(state.settings))
    return ics_response(body, "sessions.ics")


@router.get("/programme.ics", response_class=Response, responses=ICS_RESPONSES)
def programme_ics(programme: ProgrammeDep, state: StateDep) -> Response:
    """The whole programme as one iCalendar feed, for a calendar app to subscribe to."""
    body = calendar_for(titled(programme, state), programme.sessions, calendar_base(state.settings))
    return ics_response(
        body, f"{slug(titled(programme, state).title) or 'programme'}.ics", "inline"
    )


# Calendar apps and link checkers ask with HEAD before fetching.
router.add_api_route(
    "/sessions/{session_id:path}.ics", session_ics, methods=["HEAD"], include_in_schema=False
)
router.add_api_route("/calendar.ics", several_ics, methods=["HEAD"], include_in_schema=False)
router.add_api_route("/programme.ics", programme_ics, methods=["HEAD"], include_in_schema=False)
