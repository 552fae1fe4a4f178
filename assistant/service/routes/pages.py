"""The HTML pages: the programme (search, day tabs, filters, now and next), a page per session
and per speaker, the delegate's agenda; and what lets them work offline."""

# No `from __future__ import annotations`: FastAPI reads endpoint annotations at runtime.

from datetime import tzinfo
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response

from assistant.answers.answerer import day_name
from assistant.answers.vocabulary import fold
from assistant.programme import Programme, Session, written_zone
from assistant.service.browse import (
    ALL_DAYS,
    Selection,
    chosen_day,
    filters_for,
    lang_attribute,
    language_name,
    now_and_next,
    short_day,
)
from assistant.service.deps import ProgrammeDep, StateDep, page_base
from assistant.service.lookup import find_person, find_session, in_order
from assistant.service.serialisers import compact_session, session_summary, wall_clock
from assistant.service.state import WEB_DIR, ServiceState

# Pages answer HEAD too: link checkers ask before fetching.
router = APIRouter(include_in_schema=False)
PAGE_METHODS = ["GET", "HEAD"]
Words = Annotated[str, Query(max_length=200)]
Value = Annotated[str, Query(max_length=200)]


def widget_tag(request: Request) -> dict[str, str]:
    """The widget's one script tag: where it loads from and which endpoint it asks (from
    ASSISTANT_PUBLIC_URL, never the Host header)."""
    base = page_base(request, request.app.state.service.settings)
    return {
        "src": base + "/static/widget.js",
        "endpoint": base + "/api/chat",
        "title": "Ask the programme",
    }


def conference_title(state: ServiceState, programme: Programme) -> str:
    """The conference's name: --title (ASSISTANT_TITLE) when given, else the programme's own."""
    return state.settings.title or programme.title


def render(
    request: Request, state: ServiceState, programme: Programme, name: str, **values: Any
) -> Response:
    """A page from web/templates with what every page shows: the title and the widget."""
    context = {"title": conference_title(state, programme), "widget": widget_tag(request)}
    return state.templates.TemplateResponse(request, name, {**context, **values})


def listed(session: Session, zone: tzinfo | None) -> dict[str, Any]:
    """A session as a list shows it: time, title (with its language), place, speakers."""
    return {
        **session_summary(session, zone),
        "lang": lang_attribute(session.title, session.language),
        "language": language_name(session.language),
        "speakers": [(p.name, p.id) for p in session.speakers],
    }


def by_day(sessions: list[Session], zone: tzinfo | None) -> list[tuple[str, list[dict[str, Any]]]]:
    """Sessions in time order under their day's name; unscheduled ones last."""
    days: dict[str, list[dict[str, Any]]] = {}
    for session in in_order(sessions, zone):
        item = listed(session, zone)
        label = day_name(item["day"]) if item["scheduled"] else "Not yet scheduled"
        days.setdefault(label, []).append(item)
    return list(days.items())


@router.api_route("/", methods=PAGE_METHODS, response_class=HTMLResponse)
def home(
    request: Request,
    programme: ProgrammeDep,
    state: StateDep,
    q: Words = "",
    day: Value = "",
    track: Value = "",
    room: Value = "",
    format: Value = "",
    lang: Value = "",
) -> Response:
    """The programme: now and next, a search box, day tabs and filters over the sessions."""
    zone = written_zone(programme)
    moment = state.now(state.require())
    values = {"track": track, "room": room, "format": format, "lang": lang}
    searching = bool(q.strip() or any(values.values()))
    shown_day = chosen_day(day, programme.days, moment.date(), searching)
    selection = Selection(tuple(fold(q).split()), shown_day, values)
    found = [s for s in programme.sessions if selection.keeps(s, zone)]
    kept = {k: v for k, v in {"q": q, **values}.items() if v}
    tabs = [(short_day(d), day_name(d), d.isoformat()) for d in programme.days]
    current = now_and_next(programme.sessions, zone, moment)
    return render(
        request,
        state,
        programme,
        "index.html",
        groups=by_day(found, zone),
        found=len(found),
        total=len(programme.sessions),
        q=q,
        kept=kept,
        tabs=tabs if len(tabs) > 1 else [],
        day=shown_day,
        all_days=ALL_DAYS,
        filters=filters_for(programme.sessions, values),
        filtered=searching,
        now=[listed(s, zone) for s in in_order(current.now, zone)],
        next=[listed(s, zone) for s in in_order(current.next, zone)],
        next_start=current.next_start,
        clock=moment,
    )


@router.api_route("/sessions/{session_id:path}", methods=PAGE_METHODS, response_class=HTMLResponse)
def session_page(
    session_id: str, request: Request, programme: ProgrammeDep, state: StateDep
) -> Response:
    """A session's page: what a citation links to. Speakers first, the abstract once."""
    session = find_session(programme, session_id)
    zone = written_zone(programme)
    abstract_lang = lang_attribute(session.abstract, session.language)
    parts = [
        {
            "part": part,
            "lang": lang_attribute(part.title, session.language),
            "abstract_lang": lang_attribute(part.abstract, session.language) or abstract_lang,
            # a single-part event (frab) repeats the session's title and abstract in its part
            "abstract": "" if part.abstract == session.abstract else part.abstract,
        }
        for part in session.parts
    ]
    return render(
        request,
        state,
        programme,
        "session.html",
        session=session,
        summary=listed(session, zone),
        parts=parts,
        title_lang=lang_attribute(session.title, session.language),
        subtitle_lang=lang_attribute(session.subtitle, session.language),
        abstract_lang=abstract_lang,
        language=language_name(session.language),
    )


@router.api_route("/people", methods=PAGE_METHODS, response_class=HTMLResponse)
def people_page(request: Request, programme: ProgrammeDep, state: StateDep) -> Response:
    """Everyone who speaks or chairs, A to Z, each linked to their page."""
    people = sorted(programme.people, key=lambda p: fold(p.person.name))
    return render(request, state, programme, "people.html", people=people)


@router.api_route("/people/{person_id}", methods=PAGE_METHODS, response_class=HTMLResponse)
def person_page(
    person_id: str, request: Request, programme: ProgrammeDep, state: StateDep
) -> Response:
    """A speaker's page: who they are and every session they appear in."""
    participant = find_person(programme, person_id)
    zone = written_zone(programme)
    sessions = [s for s in (programme.session(i) for i in participant.session_ids) if s]
    person = participant.person
    return render(
        request,
        state,
        programme,
        "person.html",
        person=person,
        biography_lang=lang_attribute(person.biography),
        groups=by_day(sessions, zone),
    )


@router.api_route("/agenda", methods=PAGE_METHODS, response_class=HTMLResponse)
def agenda_page(request: Request, programme: ProgrammeDep, state: StateDep) -> Response:
    """My agenda: the sessions starred on this device, drawn by site.js (no login, no server
    state), with a calendar of them to download or subscribe to."""
    return render(request, state, programme, "agenda.html")


@router.api_route("/programme.json", methods=PAGE_METHODS)
def programme_json(programme: ProgrammeDep, state: StateDep) -> Response:
    """The compact programme a device keeps for offline lookups and the agenda: no abstracts.

    `now` is the server's programme-local clock, so a device can tell now and next by it."""
    zone = written_zone(programme)
    body = {
        "title": conference_title(state, programme),
        "now": wall_clock(state.now(state.require())),
        "sessions": [compact_session(s, zone) for s in in_order(programme.sessions, zone)],
    }
    return JSONResponse(body, headers={"Cache-Control": "no-cache"})


@router.api_route("/sw.js", methods=PAGE_METHODS)
def service_worker() -> Response:
    """The service worker, served from the root so that it may cache every page."""
    return FileResponse(
        WEB_DIR / "static" / "sw.js",
        media_type="text/javascript",
        headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"},
    )
