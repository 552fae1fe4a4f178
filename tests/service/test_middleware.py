"""The middleware: security headers by kind of response, the rate limiter's window, pure ASGI."""

from __future__ import annotations

import inspect
import socket
import time
from typing import Any

import httpx
from starlette.middleware.base import BaseHTTPMiddleware

from assistant.config import Settings
from assistant.service.app import create_app
from assistant.service.middleware import SlidingWindowLimiter


def test_every_middleware_is_pure_asgi(web_settings: Settings, seed_assistant: Any) -> None:
    limited = web_settings.model_copy(
        update={"rate_limit": 5, "organiser_token": "t0ken", "trusted_hosts": "example.org"}
    )
    classes = [m.cls for m in create_app(limited, seed_assistant).user_middleware]
    assert [getattr(c, "__name__", c) for c in classes] == [
        "RequestLogMiddleware",
        "EmbedOriginMiddleware",
        "CORSMiddleware",
        "TrustedHostMiddleware",
        "SecurityHeadersMiddleware",
        "RateLimitMiddleware",
        "OrganiserGate",
        "BodyLimitMiddleware",
    ]
    for cls in classes:
        assert isinstance(cls, type) and not issubclass(cls, BaseHTTPMiddleware), cls
        assert inspect.iscoroutinefunction(cls.__call__), cls


def test_sliding_window_forgets_old_hits_and_old_clients() -> None:
    now = [0.0]
    limiter = SlidingWindowLimiter(2, window=60, max_keys=2, clock=lambda: now[0])
    assert [limiter.hit("a"), limiter.hit("a")] == [0.0, 0.0]
    now[0] = 10.0
    assert limiter.hit("a") == 50.0  # the first hit leaves the window at 60 s
    now[0] = 60.5
    assert limiter.hit("a") == 0.0
    limiter.hit("b")
    limiter.hit("c")  # a third client: the least recently seen ("a") is forgotten
    assert sorted(limiter._hits) == ["b", "c"]


def test_six_30_mb_chat_bodies_at_once_get_413_and_healthz_stays_quick(live_url: str) -> None:
    host, port = live_url.removeprefix("http://").split(":")
    head = (
        f"POST /api/chat HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {30 * 1024 * 1024}\r\n\r\n"
    ).encode()
    sockets = [socket.create_connection((host, int(port)), timeout=5) for _ in range(6)]
    try:
        for sock in sockets:
            sock.sendall(head + b'{"message": "' + b"x" * 65536)
        started = time.monotonic()
        health = httpx.get(live_url + "/healthz", timeout=5)
        assert health.status_code == 200
        assert time.monotonic() - started < 1.0
        for sock in sockets:
            assert sock.recv(65536).startswith(b"HTTP/1.1 413 ")
    finally:
        for sock in sockets:
            sock.close()
