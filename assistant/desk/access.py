"""Who may use the organiser desk (the token, as a Bearer header or the desk's cookie) and what
its routes read from the app that mounts them."""

# No `from __future__ import annotations`: FastAPI reads dependency annotations at runtime.

import hashlib
import hmac
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Protocol

from fastapi import Depends, Request, Response
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from assistant.config import Settings
from assistant.desk.faq_store import FaqDesk
from assistant.desk.question_log import QuestionLog
from assistant.desk.report import ReportStore
from assistant.desk.updates import ProgrammeUpdater

if TYPE_CHECKING:
    from assistant.answers.engine import Assistant

COOKIE = "organiser"
COOKIE_MESSAGE = b"programme-assistant organiser desk v1"
COOKIE_MAX_AGE = 12 * 3600
LOGIN_ATTEMPTS_PER_MINUTE = 10  # per client: guessing the token stays slow


class DeskState(Protocol):
    """What the desk needs of the app's one state object (the service's, at app.state.service)."""

    settings: Settings
    questions: QuestionLog | None
    updater: ProgrammeUpdater
    templates: Jinja2Templates
    faq: FaqDesk
    report: ReportStore | None  # None when the question log is off

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


def cookie_value(token: str) -> str:
    """What the desk's cookie holds: an HMAC keyed by the token, never the token itself."""
    return hmac.new(token.encode(), COOKIE_MESSAGE, hashlib.sha256).hexdigest()


def token_matches(given: str, token: str) -> bool:
    """The given token is the organiser token (compared in constant time)."""
    return hmac.compare_digest(given.strip().encode(), token.encode())


def authorised(request: Request, token: str | None) -> bool:
    """The request carries the organiser credential: a Bearer header or the desk's cookie."""
    if not token:
        return False  # no token set: the desk is off for everyone
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and given:
        return token_matches(given, token)
    cookie = request.cookies.get(COOKIE, "")
    return bool(cookie) and hmac.compare_digest(cookie.encode(), cookie_value(token).encode())


def require_organiser(request: Request, state: DeskDep) -> None:
    """401 with how to authenticate unless the request carries the organiser credential."""
    if not authorised(request, state.settings.organiser_token):
        raise HTTPException(
            401,
            "the organiser desk needs the organiser token: send 'Authorization: Bearer TOKEN' "
            "or log in at /organiser",
            headers={"WWW-Authenticate": "Bearer"},
        )


def no_store(response: Response) -> None:
    """Organiser data is not for shared caches."""
    response.headers["Cache-Control"] = "no-store"


GUARDED = [Depends(require_organiser), Depends(no_store)]
