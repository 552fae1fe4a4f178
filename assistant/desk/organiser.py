"""The organiser desk's page and login; `router` carries them and the desk's API, every route
behind ASSISTANT_ORGANISER_TOKEN, and `desk_off_router` answers 404 when no token is set."""

# No `from __future__ import annotations`: FastAPI reads endpoint annotations at runtime.

import hmac
import secrets

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException

from assistant.desk import api, pages
from assistant.desk.access import (
    COOKIE,
    CSRF_FIELD,
    DESK_PATH,
    GUARDED,
    LOGIN_COOKIE,
    DeskDep,
    DeskState,
    OrganiserDep,
    authenticate,
    client_address,
    token_holder,
)
from assistant.errors import AssistantError

router = APIRouter()
LOGIN_FORM_SECONDS = 3600  # a login form left open longer is refused (403) and shown again


def _cookie(response: Response, request: Request, name: str, value: str, seconds: int) -> None:
    """An HttpOnly, SameSite=Strict cookie for the desk's paths only."""
    response.set_cookie(
        name,
        value,
        max_age=seconds,
        path=DESK_PATH,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )


def login_page(
    request: Request, state: DeskState, message: str = "", status_code: int = 401
) -> Response:
    """The login form, never cached, with a fresh CSRF token in it and in a cookie."""
    csrf = secrets.token_urlsafe(24)
    response = state.templates.TemplateResponse(
        request,
        "organiser_login.html",
        {"message": message, "login_csrf": csrf, "csrf_field": CSRF_FIELD},
        status_code=status_code,
        headers={"Cache-Control": "no-store"},
    )
    _cookie(response, request, LOGIN_COOKIE, csrf, LOGIN_FORM_SECONDS)
    return response


@router.api_route(
    DESK_PATH, methods=["GET", "HEAD"], response_class=HTMLResponse, include_in_schema=False
)
def desk(request: Request, state: DeskDep) -> Response:
    """The desk page, with the session's CSRF token for its scripts and forms; without the
    credential, the login form (with 401)."""
    try:
        organiser = authenticate(
            state,
            request.headers.get("authorization", ""),
            request.cookies.get(COOKIE, ""),
            client_address(request.scope.get("client")),
        )
    except HTTPException as exc:
        if exc.status_code != 401:
            raise
        return login_page(request, state)
    assistant = state.require()
    return state.templates.TemplateResponse(
        request,
        "organiser.html",
        {
            "programme": assistant.programme,
            "logging": state.questions is not None,
            "page": "organiser.html",
            "organiser_name": organiser.name,
            "csrf_token": organiser.session.csrf if organiser.session else "",
            "csrf_field": CSRF_FIELD,
        },
        headers={"Cache-Control": "no-store"},
    )


@router.post("/organiser/login", include_in_schema=False)
async def login(request: Request, state: DeskDep) -> Response:
    """Trade the token for a server-side session: a random id in an HttpOnly, SameSite=Strict
    cookie. Wrong tokens count toward the client's lockout (the gate refuses while it lasts)."""
    tokens = state.settings.organiser_credentials
    form = await request.form()
    given, csrf = form.get("token"), form.get(CSRF_FIELD)
    expected = request.cookies.get(LOGIN_COOKIE, "")
    if not (isinstance(csrf, str) and expected and hmac.compare_digest(csrf, expected)):
        return login_page(request, state, "The login form had expired: log in again.", 403)
    client = client_address(request.scope.get("client"))
    holder = token_holder(given, tokens) if isinstance(given, str) else None
    if holder is None:
        state.lockout.failed(client)
        return login_page(request, state, "That token is not right.")
    state.lockout.succeeded(client)
    try:
        session = await anyio.to_thread.run_sync(state.sessions.create, holder, tokens[holder])
    except (SQLAlchemyError, AssistantError) as exc:
        raise HTTPException(
            503, f"the organiser sessions are not available: {exc.args[0]}"
        ) from None
    response = RedirectResponse(DESK_PATH, status_code=303)
    seconds = int(state.settings.organiser_session_hours * 3600)
    _cookie(response, request, COOKIE, session.id, seconds)
    response.delete_cookie(LOGIN_COOKIE, path=DESK_PATH, httponly=True, samesite="strict")
    return response


@router.post("/organiser/logout", dependencies=GUARDED, include_in_schema=False)
async def logout(request: Request, state: DeskDep, organiser: OrganiserDep) -> Response:
    """End the session on the server (its cookie is refused from now on) and forget the cookie."""
    if organiser.session is not None:
        form = await request.form()
        csrf = form.get(CSRF_FIELD)
        if not organiser.csrf_ok(csrf if isinstance(csrf, str) else None):
            raise HTTPException(
                403, f"the desk's CSRF token is missing or wrong: reload {DESK_PATH}"
            )
        await anyio.to_thread.run_sync(state.sessions.revoke, organiser.session.id)
    response = RedirectResponse(DESK_PATH, status_code=303)
    response.delete_cookie(COOKIE, path=DESK_PATH, httponly=True, samesite="strict")
    return response


router.include_router(api.router)
router.include_router(pages.router)

desk_off_router = APIRouter(include_in_schema=False)


@desk_off_router.api_route("/organiser{rest:path}", methods=["GET", "HEAD", "POST"])
def desk_off(rest: str) -> None:
    """Every /organiser path when no token is configured: 404, the desk is off."""
    raise HTTPException(
        404,
        "the organiser desk is off: set ASSISTANT_ORGANISERS or ASSISTANT_ORGANISER_TOKEN to turn it on",
    )
