"""One JSON line and the metrics per request (pure ASGI), and `Connection: close` while draining.

The line holds the route template, method, status, milliseconds and, for chat, whether the reply
came from the cache and abstained; never the client's address, and the question's text only
when question logging is on (ASSISTANT_LOG_QUESTIONS)."""

from __future__ import annotations

import json
import logging
import os
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

if TYPE_CHECKING:
    from assistant.service.state import ServiceState

access_log = logging.getLogger("assistant.requests")

CHAT_FIELDS = ("cache_hit", "abstained", "message")  # what the chat route leaves in request.state


def route_of(scope: Scope, status: int) -> str:
    """The matched route's template ('/api/sessions/{session_id}'), never a raw path a client
    made up; a 429 comes before routing, from a rate limit on one of a few fixed paths."""
    path = getattr(scope.get("route"), "path", None)
    if isinstance(path, str):
        return path
    return str(scope["path"]) if status == 429 else "unmatched"


class RequestLogMiddleware:
    """Outermost: times every HTTP request, counts it, and writes its line to assistant.requests."""

    def __init__(self, app: ASGIApp, state: ServiceState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # if the app fails before it starts a response

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                if self.state.draining:  # a kept-alive client reconnects, to another replica
                    MutableHeaders(scope=message)["connection"] = "close"
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            self.record(scope, status, time.perf_counter() - started)

    def record(self, scope: Scope, status: int, seconds: float) -> None:
        route = route_of(scope, status)
        metrics = self.state.metrics
        metrics.requests.labels(route, scope["method"], str(status)).inc()
        metrics.latency.labels(route).observe(seconds)
        if access_log.isEnabledFor(logging.INFO):
            access_log.info(json.dumps(log_line(scope, route, status, seconds), ensure_ascii=False))


def log_line(scope: Scope, route: str, status: int, seconds: float) -> dict[str, Any]:
    """The request's JSON log record."""
    line: dict[str, Any] = {
        "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
        "pid": os.getpid(),
        "method": scope["method"],
        "route": route,
        "status": status,
        "ms": round(seconds * 1000, 2),
    }
    noted = scope.get("state") or {}
    for field in CHAT_FIELDS:
        if field in noted:
            line[field] = noted[field]
    return line
