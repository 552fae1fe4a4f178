"""Pure ASGI middleware: security headers, per-client rate limits and CORS, and their order.

Not BaseHTTPMiddleware: it runs every request in an extra task and pipes each body through a
stream, a cost on every chat request."""

import math
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.config import Settings
from assistant.desk.access import LOGIN_ATTEMPTS_PER_MINUTE
from assistant.service.errors import error_response
from assistant.service.shared_limits import Limiter, rate_limiter

# Pages get a strict policy: the widget's config comes from data- attributes, never inline JS.
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# Swagger UI and ReDoc load their own inline script and CDN assets, so they keep no CSP.
DOCS_PATHS = ("/docs", "/redoc")


class SecurityHeadersMiddleware:
    """nosniff and a referrer policy everywhere; CSP and no framing on HTML pages."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_docs = scope["path"].startswith(DOCS_PATHS)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
                if headers.get("content-type", "").startswith("text/html") and not is_docs:
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


def add_middleware(app: FastAPI, settings: Settings) -> None:
    """Install the middleware; each added wraps the ones before, so CORS ends up outermost."""
    app.add_middleware(SecurityHeadersMiddleware)
    if settings.rate_limit > 0:
        app.add_middleware(
            RateLimitMiddleware,
            limiter=rate_limiter(settings, settings.rate_limit, "chat"),
            paths=("/api/chat",),
        )
        if settings.organiser_token:
            app.add_middleware(
                RateLimitMiddleware,
                limiter=rate_limiter(settings, LOGIN_ATTEMPTS_PER_MINUTE, "login"),
                paths=("/organiser/login",),
                noun="login attempts",
            )
    # Outermost: 429s and errors carry CORS headers the widget can read.
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origin_list,
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type"],
        max_age=600,
    )
