"""The organiser desk's gate, pure ASGI: every request under /organiser is checked before its
body is read (another site's state change, a lockout, the credential, the CSRF token), so an
unauthenticated upload is refused without a byte of it spooled to disk."""

import anyio
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Receive, Scope, Send

from assistant.desk.access import DESK_PATH, DeskState, admit, client_address
from assistant.service.errors import error_response


class OrganiserGate:
    """Answers 401, 403 or 429 itself, or passes the request on with whom it admitted."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if path != DESK_PATH and not path.startswith(DESK_PATH + "/"):
            await self.app(scope, receive, send)
            return
        state: DeskState = scope["app"].state.service
        headers = Headers(scope=scope)
        try:
            # in a worker thread: a session cookie is looked up in the database
            organiser = await anyio.to_thread.run_sync(
                admit,
                state,
                scope["method"],
                path,
                headers,
                cookie_parser(headers.get("cookie", "")),
                client_address(scope.get("client")),
            )
        except HTTPException as exc:
            detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
            response = error_response(exc.status_code, detail, dict(exc.headers or {}))
            await response(scope, receive, send)
            return
        if organiser is not None:
            scope.setdefault("state", {})["organiser"] = organiser
        await self.app(scope, receive, send)
