"""Embedding that explains itself: a site not in ASSISTANT_CORS_ORIGINS that asks the chat API
gets a 403 naming the setting (readable by its widget) and the server logs it.

Plain CORS would refuse the browser's preflight, which a widget cannot tell from a dropped
network, so it would blame the delegate's connection. Here the preflight is allowed and the
question itself refused, with Access-Control-Allow-Origin set on the refusal only: a disallowed
site reads why, never an answer."""

import logging
import time
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from assistant.service.errors import error_response

log = logging.getLogger(__name__)

SETTING = "ASSISTANT_CORS_ORIGINS"
LOG_EVERY_SECONDS = 300.0  # one log line per refused site per five minutes, not one per question
MAX_REMEMBERED = 1000


def host_of(value: str) -> str:
    """The host name of an origin or a Host header, lower-cased, without port."""
    text = value if "//" in value else "//" + value
    try:
        return (urlsplit(text).hostname or "").lower()
    except ValueError:
        return ""


class EmbedOriginMiddleware:
    """403 (with the setting's name) for chat requests from origins not allowed to embed."""

    def __init__(self, app: ASGIApp, allowed: Iterable[str], paths: Iterable[str]) -> None:
        self.app = app
        self.allowed = frozenset(o.rstrip("/").lower() for o in allowed)
        self.paths = frozenset(paths)
        self.logged: dict[str, float] = {}

    def refused(self, headers: Headers) -> str:
        """The origin to refuse, or '' when the request is same-site, allowed or not a browser's."""
        origin = headers.get("origin", "")
        if not origin or origin.rstrip("/").lower() in self.allowed or "*" in self.allowed:
            return ""
        # The site's own pages: the browser says so, or the origin names the host asked
        # (scheme and port aside, as a proxy may rewrite them).
        if headers.get("sec-fetch-site") == "same-origin":
            return ""
        asked = {host_of(headers.get(name, "")) for name in ("host", "x-forwarded-host")}
        return "" if host_of(origin) in asked - {""} else origin

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] not in self.paths:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        origin = self.refused(headers)
        if not origin:
            await self.app(scope, receive, send)
            return
        cors = {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}
        if scope["method"] == "OPTIONS":  # let the question come, to refuse it readably
            cors["Access-Control-Allow-Methods"] = "POST"
            cors["Access-Control-Allow-Headers"] = "Content-Type"
            cors["Access-Control-Max-Age"] = "600"
            response: Response = Response(status_code=204, headers=cors)
        else:
            self.note(origin)
            response = error_response(
                403,
                f"this site ({origin}) is not allowed to use the assistant: "
                f"the server's {SETTING} setting does not list it",
                cors,
            )
        await response(scope, receive, send)

    def note(self, origin: str) -> None:
        """Log a refused origin, at most once per LOG_EVERY_SECONDS each."""
        now = time.monotonic()
        if now - self.logged.get(origin, -LOG_EVERY_SECONDS) < LOG_EVERY_SECONDS:
            return
        if len(self.logged) >= MAX_REMEMBERED:
            self.logged.clear()
        self.logged[origin] = now
        log.warning(
            "refused a chat request from %s: add it to %s to let that site embed the widget",
            origin,
            SETTING,
        )
