"""GET /faq: the organisers' answers on the venue and the event, each entry at its anchor
(what an FAQ citation's url, /faq#ID, links to)."""

# No `from __future__ import annotations`: FastAPI reads endpoint annotations at runtime.

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from assistant.service.deps import StateDep
from assistant.service.routes.pages import PAGE_METHODS, conference_title, widget_tag

router = APIRouter(include_in_schema=False)


@router.api_route("/faq", methods=PAGE_METHODS, response_class=HTMLResponse)
def faq_page(request: Request, state: StateDep) -> Response:
    """Every FAQ entry: the programme's faq.md with the desk's entries on top."""
    assistant = state.require()
    return state.templates.TemplateResponse(
        request,
        "faq.html",
        {
            "title": conference_title(state, assistant.programme),
            "programme": assistant.programme,
            "entries": assistant.faq.entries,
            "information_desk": assistant.faq.information_desk,
            "widget": widget_tag(request),
        },
    )
