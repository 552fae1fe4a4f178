"""The HTML pages: the programme by day and a page per session, each embedding the widget."""

# No `from __future__ import annotations`: FastAPI reads endpoint annotations at runtime.

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from assistant.answers.answerer import day_name
from assistant.programme import written_zone
from assistant.service.deps import ProgrammeDep, StateDep, page_base
from assistant.service.lookup import find_session, in_order
from assistant.service.serialisers import session_summary

# Pages answer HEAD too: link checkers ask before fetching.
router = APIRouter(include_in_schema=False)
PAGE_METHODS = ["GET", "HEAD"]


def widget_tag(request: Request) -> dict[str, str]:
    """The widget's one script tag: where it loads from and which endpoint it asks (from
    ASSISTANT_PUBLIC_URL, never the Host header)."""
    base = page_base(request, request.app.state.service.settings)
    return {
        "src": base + "/static/widget.js",
        "endpoint": base + "/api/chat",
        "title": "Ask the programme",
    }


@router.api_route("/", methods=PAGE_METHODS, response_class=HTMLResponse)
def home(request: Request, programme: ProgrammeDep, state: StateDep) -> Response:
    """The demo page: the programme by day, with the widget embedded by one script tag."""
    zone = written_zone(programme)
    days: dict[date, list[dict[str, Any]]] = {}
    unscheduled = []
    for session in in_order(programme.sessions, zone):
        summary = session_summary(session, zone)
        if summary["scheduled"]:
            days.setdefault(summary["day"], []).append(summary)
        else:
            unscheduled.append(summary)
    return state.templates.TemplateResponse(
        request,
        "index.html",
        {
            "programme": programme,
            "days": [(day_name(d), items) for d, items in days.items()],
            "unscheduled": unscheduled,
            "widget": widget_tag(request),
        },
    )


@router.api_route("/sessions/{session_id:path}", methods=PAGE_METHODS, response_class=HTMLResponse)
def session_page(
    session_id: str, request: Request, programme: ProgrammeDep, state: StateDep
) -> Response:
    """A session's page: what a citation links to."""
    session = find_session(programme, session_id)
    zone = written_zone(programme)
    return state.templates.TemplateResponse(
        request,
        "session.html",
        {
            "programme": programme,
            "session": session,
            "summary": session_summary(session, zone),
            "widget": widget_tag(request),
        },
    )
