"""The middleware: security headers by kind of response, the rate limiter's window, pure ASGI."""

from __future__ import annotations

import inspect
from typing import Any

from fastapi.testclient import TestClient
from starlette.middleware.base import BaseHTTPMiddleware

from assistant.config import Settings
from assistant.service.app import create_app
from assistant.service.middleware import PAGE_CSP, SlidingWindowLimiter


def test_api_docs_keep_no_csp_so_swagger_ui_can_load(client: TestClient) -> None:
    docs = client.get("/docs")
    assert docs.headers["content-type"].startswith("text/html")
    assert "content-security-policy" not in docs.headers
    assert "x-frame-options" not in docs.headers
    assert docs.headers["x-content-type-options"] == "nosniff"
    assert client.get("/").headers["content-security-policy"] == PAGE_CSP


def test_every_middleware_is_pure_asgi(web_settings: Settings, seed_assistant: Any) -> None:
    limited = web_settings.model_copy(update={"rate_limit": 5, "organiser_token": "t0ken"})
    classes = [m.cls for m in create_app(limited, seed_assistant).user_middleware]
    assert [getattr(c, "__name__", c) for c in classes] == [
        "EmbedOriginMiddleware",
        "CORSMiddleware",
        "RateLimitMiddleware",
        "RateLimitMiddleware",
        "SecurityHeadersMiddleware",
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
