"""The organiser desk's page and login; `router` carries them and the desk's API, every route
behind ASSISTANT_ORGANISER_TOKEN, and `desk_off_router` answers 404 when no token is set."""

# No `from __future__ import annotations`: FastAPI reads endpoint annotations at runtime.

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from assistant.desk import api, pages
from assistant.desk.access import (
    COOKIE,
    COOKIE_MAX_AGE,
    GUARDED,
    DeskDep,
    authorised,
    cookie_value,
    token_matches,
)

router = APIRouter()


def login_page(request: Request, templates: Jinja2Templates, message: str = "") -> Response:
    """The login form, answered with 401 and never cached."""
    return templates.TemplateResponse(
        request,
        "organiser_login.html",
        {"message": message},
        status_code=401,
        headers={"Cache-Control": "no-store"},
    )


@router.api_route(
    "/organiser", methods=["GET", "HEAD"], response_class=HTMLResponse, include_in_schema=False
)
def desk(request: Request, state: DeskDep) -> Response:
    """The desk page; without the credential, the login form (with 401)."""
    if not authorised(request, state.settings.organiser_token):
        return login_page(request, state.templates)
    assistant = state.require()
    return state.templates.TemplateResponse(
        request,
        "organiser.html",
        {
            "programme": assistant.programme,
            "logging": state.questions is not None,
            "page": "organiser.html",
        },
        headers={"Cache-Control": "no-store"},
    )


@router.post("/organiser/login", include_in_schema=False)
async def login(request: Request, state: DeskDep) -> Response:
    """Trade the token for an HttpOnly, SameSite=Strict cookie holding its HMAC."""
    token = state.settings.organiser_token
    form = await request.form()
    given = form.get("token")
    if not isinstance(given, str) or not token or not token_matches(given, token):
        return login_page(request, state.templates, "That token is not right.")
    response = RedirectResponse("/organiser", status_code=303)
    response.set_cookie(
        COOKIE,
        cookie_value(token),
        max_age=COOKIE_MAX_AGE,
        path="/organiser",
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    return response


@router.post("/organiser/logout", dependencies=GUARDED, include_in_schema=False)
def logout() -> Response:
    """Forget the desk's cookie."""
    response = RedirectResponse("/organiser", status_code=303)
    response.delete_cookie(COOKIE, path="/organiser", httponly=True, samesite="strict")
    return response


router.include_router(api.router)
router.include_router(pages.router)

desk_off_router = APIRouter(include_in_schema=False)


@desk_off_router.api_route("/organiser{rest:path}", methods=["GET", "HEAD", "POST"])
def desk_off(rest: str) -> None:
    """Every /organiser path when no token is configured: 404, the desk is off."""
    raise HTTPException(
        404, "the organiser desk is off: set ASSISTANT_ORGANISER_TOKEN to turn it on"
    )
