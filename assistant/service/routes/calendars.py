"""Sessions as iCalendar files: one session, or several chosen by id."""

# No `from __future__ import annotations`: FastAPI reads endpoint annotations at runtime.

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from assistant.errors import NotFoundError
from assistant.programme import slug
from assistant.service.calendar import calendar_for
from assistant.service.deps import ProgrammeDep, StateDep, calendar_base
from assistant.service.lookup import find_session
from assistant.service.schemas import ERROR_RESPONSES

MAX_CALENDAR_IDS = 200
ICS_RESPONSES = {200: {"content": {"text/calendar": {}}}, **ERROR_RESPONSES}

router = APIRouter(tags=["calendar"])


def ics_response(body: bytes, filename: str) -> Response:
    """A calendar file, offered as a download."""
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get("/sessions/{session_id:path}.ics", response_class=Response, responses=ICS_RESPONSES)
def session_ics(session_id: str, programme: ProgrammeDep, state: StateDep) -> Response:
    """One session as an iCalendar file."""
    session = find_session(programme, session_id)
    if session.start is None:
        raise NotFoundError(f"session {session.id!r} is not yet scheduled, so has no calendar")
    body = calendar_for(programme, [session], calendar_base(state.settings))
    return ics_response(body, f"{slug(session.id) or 'session'}.ics")


@router.get("/calendar.ics", response_class=Response, responses=ICS_RESPONSES)
def several_ics(
    state: StateDep,
    programme: ProgrammeDep,
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
    return ics_response(
        calendar_for(programme, sessions, calendar_base(state.settings)), "sessions.ics"
    )


# Calendar apps and link checkers ask with HEAD before fetching.
router.add_api_route(
    "/sessions/{session_id:path}.ics", session_ics, methods=["HEAD"], include_in_schema=False
)
router.add_api_route("/calendar.ics", several_ics, methods=["HEAD"], include_in_schema=False)
