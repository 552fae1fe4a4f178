"""The desk's pages besides the enquiry desk: the report dashboard, the FAQ editor and programme
updates; without the credential they send the browser to the login form at /organiser."""

# No `from __future__ import annotations`: FastAPI reads endpoint annotations at runtime.

from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from sqlalchemy.exc import SQLAlchemyError

from assistant.desk.access import CSRF_FIELD, DeskDep, DeskState, Organiser, page_organiser
from assistant.desk.audit import AuditEntry
from assistant.desk.report_api import First, Last, build_dashboard, plots

router = APIRouter(include_in_schema=False)
AUDIT_ON_PAGE = 20  # the report page's "Who did what"; /organiser/api/audit has more


def desk_page(
    request: Request, state: DeskState, template: str, context: dict[str, Any]
) -> Response:
    """A desk page for the organiser, with the session's CSRF token for its scripts and
    forms; the login form for anyone else."""
    organiser = page_organiser(request, state)
    if organiser is None:
        return RedirectResponse("/organiser", status_code=303)
    assistant = state.require()
    return state.templates.TemplateResponse(
        request,
        template,
        {
            "programme": assistant.programme,
            "page": template,
            "organiser_name": organiser.name,
            "csrf_token": csrf_of(organiser),
            "csrf_field": CSRF_FIELD,
            **context,
        },
        headers={"Cache-Control": "no-store"},
    )


def csrf_of(organiser: Organiser) -> str:
    """The token the page's scripts send back: the session's ("" for a Bearer header)."""
    return organiser.session.csrf if organiser.session else ""


@router.get("/organiser/report", response_class=HTMLResponse)
def report_page(
    request: Request, state: DeskDep, first: First = None, last: Last = None
) -> Response:
    """The dashboard: plots, top topics, grouped questions; a date range and CSV export."""
    if page_organiser(request, state) is None:
        return RedirectResponse("/organiser", status_code=303)
    board = build_dashboard(state, first, last)
    # the plots are drawn by charts.py from numbers and dates alone: no user text inside
    drawn = {k: Markup(v) for k, v in plots(board).items()} if board and board.buckets else {}
    query = urlencode({k: v for k, v in (("first", first), ("last", last)) if v})
    return desk_page(
        request,
        state,
        "organiser_report.html",
        {
            "board": board,
            "plots": drawn,
            "first": first,
            "last": last,
            "range_query": f"?{query}" if query else "",
            "faq_ids": {f"faq:{e.id}" for e in state.require().faq.entries},
            "audit": recent_audit(state),
        },
    )


def recent_audit(state: DeskState) -> list[AuditEntry] | None:
    """The desk's latest doings for the report page, or None when the database is down."""
    try:
        return state.audit.latest(AUDIT_ON_PAGE)
    except SQLAlchemyError:
        return None


@router.get("/organiser/faq", response_class=HTMLResponse)
def faq_page(
    request: Request,
    state: DeskDep,
    question: Annotated[str, Query(max_length=300)] = "",
) -> Response:
    """The FAQ editor, filled in with a question from the report's 'Answer this'."""
    assistant = state.require()
    if page_organiser(request, state) is not None:
        try:
            state.faq.apply(assistant, force=True)
        except SQLAlchemyError:
            pass  # the database is down: the page shows the entries as last read
    return desk_page(
        request,
        state,
        "organiser_faq.html",
        {
            "entries": assistant.faq.entries,
            "information_desk": assistant.faq.information_desk,
            "question": question,
        },
    )


@router.get("/organiser/programme", response_class=HTMLResponse)
def programme_page(request: Request, state: DeskDep) -> Response:
    """Programme updates: check, preview, publish, progress, earlier programmes, roll back."""
    return desk_page(
        request, state, "organiser_programme.html", {"today": date.today().isoformat()}
    )
