"""GET /docs: Swagger UI from vendored, pinned files (web/static/docs) under the pages' CSP,
never a CDN's script on the origin the organiser desk shares (ASSISTANT_API_DOCS=0: off)."""

# No `from __future__ import annotations`: FastAPI reads endpoint annotations at runtime.

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from assistant.service.deps import StateDep, page_base

router = APIRouter(include_in_schema=False)


@router.api_route("/docs", methods=["GET", "HEAD"], response_class=HTMLResponse)
def docs(request: Request, state: StateDep) -> Response:
    """The API's interactive documentation, over /openapi.json."""
    openapi_url = page_base(request, state.settings) + (request.app.openapi_url or "")
    return state.templates.TemplateResponse(request, "docs.html", {"openapi_url": openapi_url})
