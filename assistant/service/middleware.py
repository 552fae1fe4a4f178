"""Pure ASGI middleware: body-size limits, the organiser gate (gate.py), per-client rate limits,
security headers, trusted hosts and CORS, and their order.

Not BaseHTTPMiddleware: it runs every request in an extra task and pipes each body through a
stream, a cost on every chat request."""

import math
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.config import Settings
from assistant.desk.access import LOGIN_PATH, LOGOUT_PATH
from assistant.desk.api import MAX_CSV_BYTES, MAX_ENQUIRY_CHARS
from assistant.service.errors import error_response
from assistant.service.gate import OrganiserGate
from assistant.service.shared_limits import Limiter, rate_limiter

DEFAULT_BODY_BYTES = 16_384  # every route not named in body_limits(): none reads a body
DESK_API_BODY_BYTES = 1_000_000  # an organiser API route not named there (authenticated first)
MULTIPART_SLACK = 64_000  # a multipart upload's boundaries and other fields

# Pages get a strict policy: the widget's config comes from data- attributes, never inline JS.
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)


class SecurityHeadersMiddleware:
    """nosniff and a referrer policy everywhere; CSP and no framing on HTML pages."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
                if headers.get("content-type", "").startswith("text/html"):
                    headers.setdefault("Content-Security-Policy", PAGE_CSP)
                    headers.setdefault("X-Frame-Options", "DENY")
            await send(message)

        await self.app(scope, receive, send_with_headers)


class SlidingWindowLimiter:
    """At most `limit` hits per `window` seconds per key, remembering at most `max_keys` keys."""

    def __init__(
        self,
        limit: int,
        window: float = 60.0,
        max_keys: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.window = window
        self.max_keys = max_keys
        self.clock = clock
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()

    def hit(self, key: str) -> float:
        """Record a hit; 0 when allowed, else the seconds until the next hit would be."""
        now = self.clock()
        hits = self._hits.get(key)
        if hits is None:
            hits = self._hits[key] = deque()
            if len(self._hits) > self.max_keys:
                self._hits.popitem(last=False)  # forget the least recently seen client
        else:
            self._hits.move_to_end(key)
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        if len(hits) >= self.limit:
            return hits[0] + self.window - now
        hits.append(now)
        return 0.0


class RateLimitMiddleware:
    """429 (in the error shape, with Retry-After) when a client POSTs too often to a path."""

    def __init__(
        self,
        app: ASGIApp,
        limiter: Limiter,
        paths: Iterable[str],
        noun: str = "questions",
    ) -> None:
        self.app = app
        self.limiter = limiter
        self.paths = frozenset(paths)
        self.noun = noun

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST" and scope["path"] in self.paths:
            client = scope.get("client")
            wait = self.limiter.hit(client[0] if client else "unknown")
            if wait > 0:
                seconds = max(1, math.ceil(wait))
                response = error_response(
                    429,
                    f"too many {self.noun}: at most {self.limiter.limit} a minute; "
                    f"try again in {seconds} s",
                    {"Retry-After": str(seconds)},
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


class BodyTooLarge(HTTPException):
    """A request body outgrew its route's limit while it was being received."""


class BodyLimitMiddleware:
    """413 for a body over its route's limit: at once from Content-Length, else as soon as the
    bytes received pass it, so nothing larger is ever parsed, buffered or spooled."""

    def __init__(
        self, app: ASGIApp, limits: dict[str, int], prefixes: dict[str, int], default: int
    ) -> None:
        self.app = app
        self.limits = limits
        self.prefixes = prefixes
        self.default = default

    def limit_for(self, path: str) -> int:
        """The most bytes a body sent to this path may have."""
        if path in self.limits:
            return self.limits[path]
        return next((n for p, n in self.prefixes.items() if path.startswith(p)), self.default)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        limit = self.limit_for(path)
        too_large = f"the request body is larger than {limit} bytes, the most {path} accepts"
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            await error_response(413, too_large)(scope, receive, send)
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(413, too_large)
            return message

        async def send_started(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, send_started)
        except BodyTooLarge:
            # FastAPI turns it into the 413 when it reads the body; a route reading the
            # stream itself lets it out here
            if started:
                raise
            await error_response(413, too_large)(scope, receive, send)


def body_limits(settings: Settings) -> dict[str, int]:
    """The routes that take a body larger than DEFAULT_BODY_BYTES, and how large."""
    return {
        "/api/chat": settings.max_chat_bytes,
        LOGIN_PATH: 4096,
        LOGOUT_PATH: 4096,
        "/organiser/api/enquiry": MAX_ENQUIRY_CHARS * 12 + 1024,  # every character \uXXXX-escaped
        "/organiser/api/batch": MAX_CSV_BYTES + MULTIPART_SLACK,
        "/organiser/api/programme": settings.max_programme_mb * 1_000_000 + MULTIPART_SLACK,
    }


def add_middleware(app: FastAPI, settings: Settings) -> None:
    """Install the middleware; each added wraps the ones before, so CORS ends up outermost.

    From the outside in: CORS, trusted hosts, security headers, the chat rate limit, the
    organiser gate (the credential before any body), body limits."""
    app.add_middleware(
        BodyLimitMiddleware,
        limits=body_limits(settings),
        prefixes={"/organiser/api/": DESK_API_BODY_BYTES},
        default=DEFAULT_BODY_BYTES,
    )
    if settings.desk_on:
        app.add_middleware(OrganiserGate)
    if settings.rate_limit > 0:
        app.add_middleware(
            RateLimitMiddleware,
            limiter=rate_limiter(settings, settings.rate_limit, "chat"),
            paths=("/api/chat",),
        )
    app.add_middleware(SecurityHeadersMiddleware)
    if settings.trusted_host_list:
        app.add_middleware(
            TrustedHostMiddleware, allowed_hosts=settings.trusted_host_list, www_redirect=False
        )
    # Outermost: 429s and errors carry CORS headers the widget can read.
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origin_list,
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type"],
        max_age=600,
    )
