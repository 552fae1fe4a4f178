"""Who may use the organiser desk: the token as a Bearer header, or a server-side session that
logging in with it starts; wrong tokens counted toward lockouts; requests from other sites
refused; and what the desk's routes read from the app that mounts them."""

# No `from __future__ import annotations`: FastAPI reads dependency annotations at runtime.

import hmac
import logging
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Protocol
from urllib.parse import urlsplit

from fastapi import Depends, Request, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException

from assistant.config import Settings
from assistant.desk.audit import AuditLog
from assistant.desk.faq_store import FaqDesk
from assistant.desk.lockout import FailureLockout
from assistant.desk.question_log import QuestionLog
from assistant.desk.report import ReportStore
from assistant.desk.sessions import DeskSession, SessionStore
from assistant.desk.updates import ProgrammeUpdater
from assistant.errors import AssistantError

if TYPE_CHECKING:
    from assistant.answers.engine import Assistant

log = logging.getLogger(__name__)

DESK_PATH = "/organiser"
LOGIN_PATH = "/organiser/login"
LOGOUT_PATH = "/organiser/logout"
# the desk's other pages: without the credential they send the browser to the login form
PAGE_PATHS = frozenset(f"{DESK_PATH}/{page}" for page in ("report", "faq", "programme"))
COOKIE = "organiser"  # the session's id
LOGIN_COOKIE = "organiser_login"  # the login form's CSRF token, sent back in the form too
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
NEEDS_TOKEN = (
    "the organiser desk needs the organiser token: send 'Authorization: Bearer TOKEN' "
    "or log in at /organiser"
)


class DeskState(Protocol):
    """What the desk needs of the app's one state object (the service's, at app.state.service)."""

    settings: Settings
    questions: QuestionLog | None
    updater: ProgrammeUpdater
    templates: Jinja2Templates
    faq: FaqDesk
    report: ReportStore | None  # None when the question log is off
    sessions: SessionStore
    lockout: FailureLockout
    audit: AuditLog

    def require(self) -> "Assistant":
        """The assistant serving chat at this moment, or 503."""
        ...

    def now(self, assistant: "Assistant") -> datetime:
        """The clock questions are answered at."""
        ...


async def desk_state(request: Request) -> DeskState:
    """The app's state object (async: a lookup is not worth a worker thread)."""
    state: DeskState = request.app.state.service
    return state


DeskDep = Annotated[DeskState, Depends(desk_state)]


@dataclass(frozen=True, slots=True)
class Organiser:
    """Whom a request was let in as: the Bearer token's holder, or a logged-in session's."""

    name: str
    session: DeskSession | None = None

    def csrf_ok(self, given: str | None) -> bool:
        """A state change carries the session's CSRF token (a Bearer header needs none: no
        browser sends it by itself)."""
        if self.session is None:
            return True
        if not given:
            return False
        return hmac.compare_digest(given.encode(), self.session.csrf.encode())


def token_holder(given: str, tokens: Mapping[str, str]) -> str | None:
    """Whose token was given, or None. Every token is compared, in constant time, so how long
    it takes does not tell which one (or whether any) was close."""
    offered = given.strip().encode()
    holder = None
    for name, token in tokens.items():
        if hmac.compare_digest(offered, token.encode()) and holder is None:
            holder = name
    return holder


def too_many(wait: float) -> HTTPException:
    """429 for a locked-out client, saying when it may try again."""
    seconds = max(1, math.ceil(wait))
    return HTTPException(
        429,
        f"too many wrong organiser tokens from this address or for this desk: "
        f"try again in {seconds} s",
        headers={"Retry-After": str(seconds)},
    )


def authenticate(state: DeskState, authorization: str, cookie: str, client: str) -> Organiser:
    """The organiser behind a request's credential, else HTTPException: 401 without one, 429
    while locked out. Blocking: a session is looked up in the database."""
    tokens = state.settings.organiser_credentials
    unauthorised = HTTPException(401, NEEDS_TOKEN, headers={"WWW-Authenticate": "Bearer"})
    if not tokens:
        raise unauthorised  # no token set: the desk is off for everyone
    scheme, _, given = authorization.partition(" ")
    if scheme.lower() == "bearer" and given.strip():
        wait = state.lockout.locked_for(client)
        if wait > 0:
            raise too_many(wait)
        holder = token_holder(given, tokens)
        if holder is not None:
            state.lockout.succeeded(client)
            return Organiser(holder)
        state.lockout.failed(client)
        raise unauthorised
    if cookie:
        try:
            session = state.sessions.find(cookie, tokens)
        except (SQLAlchemyError, AssistantError) as exc:
            raise HTTPException(
                503, f"the organiser sessions are not available: {exc.args[0]}"
            ) from None
        if session is not None:
            return Organiser(session.who, session)
    raise unauthorised


def client_address(request_client: tuple[str, int] | None) -> str:
    """The key lockouts count by: the client's address (as uvicorn's proxy settings give it)."""
    return request_client[0] if request_client else "unknown"


def admit(
    state: DeskState,
    method: str,
    path: str,
    headers: Mapping[str, str],
    cookies: Mapping[str, str],
    client: str,
) -> Organiser | None:
    """Let a request to the desk through before its body is read, or raise HTTPException: 403
    when another site sent a state change, 429 while locked out, 401 without the credential,
    403 without the session's CSRF token. None for the page and the login form, which take
    no credential. Blocking: a session is looked up in the database."""
    unsafe = method not in SAFE_METHODS
    if unsafe:
        reason = cross_site(headers, state.settings.public_url)
        if reason:
            raise HTTPException(
                403, f"refused a {method} to {path} sent from another site ({reason})"
            )
    if path in (DESK_PATH, DESK_PATH + "/") or (path in PAGE_PATHS and not unsafe):
        return None  # the pages check the credential themselves (pages.py)
    if path == LOGIN_PATH:
        wait = state.lockout.locked_for(client) if unsafe else 0.0
        if wait > 0:
            raise too_many(wait)
        return None
    organiser = authenticate(
        state, headers.get("authorization", ""), cookies.get(COOKIE, ""), client
    )
    # the logout form sends its token in the body; the logout route checks it there
    if unsafe and path != LOGOUT_PATH and not organiser.csrf_ok(headers.get(CSRF_HEADER.lower())):
        raise HTTPException(
            403, f"the desk's CSRF token is missing or wrong: reload {DESK_PATH} and try again"
        )
    return organiser


def require_organiser(request: Request, state: DeskDep) -> Organiser:
    """The organiser the gate let in (service/gate.py), or the gate's check made here."""
    known = request.scope.get("state", {}).get("organiser")
    if isinstance(known, Organiser):
        return known
    organiser = admit(
        state,
        request.method,
        request.url.path,
        request.headers,
        request.cookies,
        client_address(request.scope.get("client")),
    )
    if organiser is None:  # a route under GUARDED is never the page or the login form
        raise HTTPException(401, NEEDS_TOKEN, headers={"WWW-Authenticate": "Bearer"})
    return organiser


def page_organiser(request: Request, state: DeskState) -> Organiser | None:
    """Whom a desk page is for, or None without the credential (the page then sends the
    browser to the login form); 429 while locked out. Blocking: a session is looked up."""
    known = request.scope.get("state", {}).get("organiser")
    if isinstance(known, Organiser):
        return known
    try:
        return authenticate(
            state,
            request.headers.get("authorization", ""),
            request.cookies.get(COOKIE, ""),
            client_address(request.scope.get("client")),
        )
    except HTTPException as exc:
        if exc.status_code == 401:
            return None
        raise


def cross_site(headers: Mapping[str, str], public_url: str) -> str:
    """Why a state-changing request looks sent by another site's page ("" when it does not):
    Sec-Fetch-Site other than same-origin, or an Origin that is not this server's."""
    site = headers.get("sec-fetch-site", "")
    if site and site not in ("same-origin", "none"):
        return f"Sec-Fetch-Site is {site}"
    origin = headers.get("origin")
    if origin is None:
        return ""  # not sent by a browser (curl, a script), or an old one: SameSite still holds
    own = {headers.get("host", "")}
    if public_url:
        own.add(urlsplit(public_url).netloc)
    netloc = urlsplit(origin).netloc if origin != "null" else ""
    if not netloc or netloc not in own:
        return f"Origin is {origin}"
    return ""


def audit(state: DeskState, organiser: Organiser, action: str, detail: str = "") -> None:
    """Note in the audit log what an organiser just did. A database error is logged, not
    raised: the action itself is done, and a 503 would invite doing it twice."""
    try:
        state.audit.record(organiser.name, action, detail)
    except (SQLAlchemyError, AssistantError):
        log.exception("the audit log missed: %s %s %s", organiser.name, action, detail)


def no_store(response: Response) -> None:
    """Organiser data is not for shared caches."""
    response.headers["Cache-Control"] = "no-store"


OrganiserDep = Annotated[Organiser, Depends(require_organiser)]
GUARDED = [Depends(require_organiser), Depends(no_store)]
