"""What the internet may send the public chat: over-long, binary and control text, floods, other
sites. Every reply is either an answer or an error in the one error shape, never a crash."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient

from assistant.search.embedder import QUERY_CACHE_SIZE, Embedder

ALLOWED_ORIGIN = "https://conference.example"
FOREIGN_ORIGIN = "https://evil.example"
PREFLIGHT = {
    "Access-Control-Request-Method": "POST",
    "Access-Control-Request-Headers": "content-type",
}

MakeClient = Callable[..., TestClient]


def error_of(response) -> dict:
    """The one error shape, checked; returns its body."""
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "message"}
    assert body["error"]["status"] == response.status_code
    return body["error"]


def rss_mb() -> float:
    """This process's resident memory now (VmRSS), in MB."""
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024  # type: ignore[union-attr]


# ---------------------------------------------------------------- length


def test_message_of_1001_characters_is_422_saying_the_limit(make_client: MakeClient) -> None:
    client = make_client(rate_limit=0, log_questions=False)
    response = client.post("/api/chat", json={"message": "é" * 1001})
    assert response.status_code == 422
    assert error_of(response)["message"] == (
        "message is too long: 1001 characters, at most 1000 allowed"
    )


def test_message_of_1000_four_byte_characters_is_answered(make_client: MakeClient) -> None:
    client = make_client(rate_limit=0, log_questions=False)
    response = client.post("/api/chat", json={"message": "🎤" * 1000})
    assert response.status_code == 200
    assert response.json()["answer"]


def test_a_1_mb_chat_body_gets_413_without_being_parsed(make_client: MakeClient) -> None:
    client = make_client(rate_limit=0, log_questions=False)
    not_json = b"{" + b"x" * 1_000_000  # parsing it would be a 422
    response = client.post(
        "/api/chat", content=not_json, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert error_of(response)["message"] == (
        "the request body is larger than 16384 bytes, the most /api/chat accepts"
    )


def test_a_chat_body_without_a_length_is_cut_off_at_the_limit(make_client: MakeClient) -> None:
    client = make_client(rate_limit=0, log_questions=False)
    sent = []

    def chunks():  # no Content-Length: sent chunked, counted as it arrives
        for _ in range(1000):
            sent.append(1)
            yield b" " * 1024

    response = client.post(
        "/api/chat", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert error_of(response)["message"].startswith("the request body is larger than 16384 bytes")


def test_a_huge_context_gets_413(make_client: MakeClient) -> None:
    client = make_client(rate_limit=0, log_questions=False)
    body = {"message": "when is it?", "context": {"session_ids": ["B6"] * 100_000}}
    assert client.post("/api/chat", json=body).status_code == 413


def test_the_largest_question_with_a_context_still_fits_the_limit(make_client: MakeClient) -> None:
    client = make_client(rate_limit=0, log_questions=False)
    first = client.post("/api/chat", json={"message": "who chairs B6?"}).json()
    # 1,000 characters outside the BMP, each escaped as two \uXXXX (12 bytes), and a context
    body = {"message": "🎤" * 1000, "context": first["context"]}
    assert client.post("/api/chat", json=body).status_code == 200


# ---------------------------------------------------------------- binary and control characters


HOSTILE_MESSAGES = [
    "\x00\x01\x02 who is speaking about patient safety research? \x7f\x9f",
    "who is\u202e speaking\u200b about\ufeff patient safety research?",
    "\u0645\u0646 \u064a\u062a\u062d\u062f\u062b\u061f \u200f patient safety",
    "\x1b[31mwhen is B6?\x1b[0m",
    "\x00" * 50,
    "<script>alert(1)</script> when is B6?",
    "{{ 7*7 }} {% raw %} when is B6?",
    "' OR 1=1; DROP TABLE questions; --",
    "\r\n\t " * 100,
]


@pytest.mark.parametrize("message", HOSTILE_MESSAGES, ids=range(len(HOSTILE_MESSAGES)))
def test_binary_and_control_characters_get_an_answer(
    make_client: MakeClient, message: str, tmp_path: Path
) -> None:
    # the question log is on: storing the text must not fail the chat either
    client = make_client(rate_limit=0, log_questions=True)
    # sent as raw JSON bytes, as a widget or a script would send them
    body = json.dumps({"message": message, "context": None})
    response = client.post("/api/chat", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 200, response.text
    reply = response.json()
    assert reply["answer"].strip()
    assert "<script>" not in reply["answer"]
    assert "49" not in reply["answer"]  # no template evaluated the user's text
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", reply["answer"])


def test_control_characters_do_not_change_the_answer(make_client: MakeClient) -> None:
    client = make_client(rate_limit=0, log_questions=False)
    plain = client.post("/api/chat", json={"message": "when is B6?"}).json()
    noisy = client.post("/api/chat", json={"message": "\x00when\u200b is\x07 B6?\x1b"}).json()
    assert noisy["answer"] == plain["answer"]
    assert noisy["citations"] == plain["citations"]


def test_a_lone_surrogate_is_422_saying_the_text_is_not_unicode(make_client: MakeClient) -> None:
    client = make_client(rate_limit=0, log_questions=True)
    body = json.dumps({"message": "\ud800 when is B6? \udfff"})
    response = client.post("/api/chat", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert error_of(response)["message"] == (
        "message: Input should be a valid string, unable to parse raw data as a unicode string"
    )


@pytest.mark.parametrize(
    "context",
    [
        {"session_ids": ["../../etc/passwd"] * 500},
        {"session_ids": "B6", "person_ids": 7, "question": ["x"]},
        {"question": "x" * 10_000},
        {"nested": {"a": [[[[[[[[[[[]]]]]]]]]]]}},
    ],
    ids=["unknown ids", "wrong types", "huge question", "nested"],
)
def test_forged_context_is_answered_not_crashed(make_client: MakeClient, context: dict) -> None:
    client = make_client(rate_limit=0, log_questions=False)
    response = client.post("/api/chat", json={"message": "when is it?", "context": context})
    assert response.status_code in (200, 422), response.text
    if response.status_code == 422:
        assert error_of(response)["status"] == 422


# ---------------------------------------------------------------- memory


def test_the_query_cache_is_bounded() -> None:
    embedder = Embedder()  # the model is not loaded until it embeds
    info = embedder._query.cache_info()
    assert info.maxsize == QUERY_CACHE_SIZE
    assert QUERY_CACHE_SIZE <= 10_000  # 10,000 x 384 floats = 15 MB at most


@pytest.mark.slow
def test_distinct_long_messages_keep_memory_bounded(
    make_client: MakeClient, hostile_assistant
) -> None:
    """200 distinct 1,000-character questions overflow a 64-entry cache: RSS stays flat."""
    embedder = hostile_assistant.retriever.embedder
    client = make_client(rate_limit=0, log_questions=False)
    words = [f"w{n:04d}" for n in range(5000)]

    def message(n: int) -> str:
        text = " ".join(words[(n * 7 + i * 13) % len(words)] for i in range(200))
        return f"anything on {n} {text}"[:1000]

    original = embedder._query
    from functools import lru_cache

    embedder._query = lru_cache(maxsize=64)(embedder._embed_query_uncached)
    try:
        for n in range(60):  # settle allocator pools before measuring
            assert client.post("/api/chat", json={"message": message(n)}).status_code == 200
        before = rss_mb()
        for n in range(60, 200):
            assert client.post("/api/chat", json={"message": message(n)}).status_code == 200
        grown = rss_mb() - before
        assert embedder._query.cache_info().currsize == 64
    finally:
        embedder._query = original
    assert grown < 40, f"RSS grew {grown:.1f} MB over 140 distinct long questions"


# ---------------------------------------------------------------- rate limiting


def test_rate_limit_from_the_environment_answers_429_with_retry_after(
    make_client: MakeClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSISTANT_RATE_LIMIT", "3")
    client = make_client(log_questions=False)
    statuses = [client.post("/api/chat", json={"message": "hi"}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.post("/api/chat", json={"message": "hi"})
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert error_of(refused)["message"].startswith("too many questions: at most 3 a minute")


def test_rate_limit_counts_each_client_separately(
    make_client: MakeClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSISTANT_RATE_LIMIT", "2")
    first = make_client(client=("198.51.100.1", 1000), log_questions=False)
    for _ in range(2):
        assert first.post("/api/chat", json={"message": "hi"}).status_code == 200
    assert first.post("/api/chat", json={"message": "hi"}).status_code == 429
    # the same app, another address: its own budget
    other = TestClient(first.app, client=("198.51.100.2", 1000))
    assert other.post("/api/chat", json={"message": "hi"}).status_code == 200


def test_rate_limit_zero_turns_limiting_off(
    make_client: MakeClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSISTANT_RATE_LIMIT", "0")
    client = make_client(log_questions=False)
    statuses = {client.post("/api/chat", json={"message": "hi"}).status_code for _ in range(30)}
    assert statuses == {200}


# ---------------------------------------------------------------- CORS


def test_cors_allow_list_from_the_environment(
    make_client: MakeClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSISTANT_CORS_ORIGINS", f"{ALLOWED_ORIGIN}, https://second.example")
    client = make_client(rate_limit=0, log_questions=False)
    for origin in (ALLOWED_ORIGIN, "https://second.example"):
        preflight = client.options("/api/chat", headers={"Origin": origin, **PREFLIGHT})
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == origin
        posted = client.post("/api/chat", json={"message": "hi"}, headers={"Origin": origin})
        assert posted.headers["access-control-allow-origin"] == origin


def test_a_foreign_origin_reads_only_its_refusal(
    make_client: MakeClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSISTANT_CORS_ORIGINS", ALLOWED_ORIGIN)
    client = make_client(rate_limit=0, log_questions=False)
    posted = client.post("/api/chat", json={"message": "hi"}, headers={"Origin": FOREIGN_ORIGIN})
    # a 403 its widget can read (so it does not blame the delegate's network), never an answer
    assert posted.status_code == 403
    assert set(posted.json()) == {"error"}
    assert "ASSISTANT_CORS_ORIGINS" in posted.json()["error"]["message"]
    assert posted.headers["access-control-allow-origin"] == FOREIGN_ORIGIN
    assert "*" not in posted.headers.get("access-control-allow-origin", "")
    # the rest of the API stays closed to it
    sessions = client.get("/api/sessions", headers={"Origin": FOREIGN_ORIGIN})
    assert "access-control-allow-origin" not in sessions.headers


def test_no_origin_is_allowed_when_none_is_configured(
    make_client: MakeClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ASSISTANT_CORS_ORIGINS", raising=False)
    client = make_client(rate_limit=0, log_questions=False, cors_origins="")
    posted = client.post("/api/chat", json={"message": "hi"}, headers={"Origin": ALLOWED_ORIGIN})
    assert posted.status_code == 403
    sessions = client.get("/api/sessions", headers={"Origin": ALLOWED_ORIGIN})
    assert "access-control-allow-origin" not in sessions.headers


# ---------------------------------------------------------------- security headers


def test_every_html_page_sends_csp_nosniff_and_no_framing(make_client: MakeClient) -> None:
    client = make_client(rate_limit=0, log_questions=False)
    # iter_route_contexts walks the routers create_app includes (app.routes holds only them)
    html_paths = [
        str(route.path).replace("{session_id:path}", "B6").replace("{person_id}", "bob-klaber")
        for route in iter_route_contexts(client.app.routes)  # type: ignore[attr-defined]
        if getattr(getattr(route, "response_class", None), "__name__", "") == "HTMLResponse"
    ]
    assert "/" in html_paths
    for path in html_paths:
        response = client.get(path)
        assert response.headers["content-type"].startswith("text/html"), path
        csp = response.headers["content-security-policy"]
        for directive in ("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'"):
            assert directive in csp, (path, csp)
        assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
    api = client.get("/api/sessions")
    assert api.headers["x-content-type-options"] == "nosniff"


# ---------------------------------------------------------------- the Host header


EVIL_HOST = "attacker.example"


@pytest.mark.parametrize("path", ["/", "/sessions/B6", "/sessions/B6.ics", "/calendar.ics?ids=B6"])
def test_the_host_header_is_never_echoed_into_links(make_client: MakeClient, path: str) -> None:
    client = make_client(rate_limit=0, log_questions=False)
    response = client.get(path, headers={"Host": EVIL_HOST})
    assert response.status_code == 200
    assert EVIL_HOST not in response.text


def test_links_are_built_from_the_public_url(make_client: MakeClient) -> None:
    public = "https://programme.example.org"
    client = make_client(rate_limit=0, log_questions=False, public_url=public)
    page = client.get("/sessions/B6", headers={"Host": EVIL_HOST}).text
    assert f'<script src="{public}/static/widget.js" data-endpoint="{public}/api/chat"' in page
    assert f'href="{public}/static/site.css"' in page
    ics = client.get("/sessions/B6.ics", headers={"Host": EVIL_HOST}).text
    assert f"URL:{public}/sessions/B6" in ics
    assert EVIL_HOST not in page + ics


def test_a_host_outside_the_trusted_hosts_gets_400(make_client: MakeClient) -> None:
    client = make_client(
        rate_limit=0, log_questions=False, trusted_hosts="programme.example.org, testserver"
    )
    assert client.get("/healthz").status_code == 200
    assert client.get("/healthz", headers={"Host": "programme.example.org"}).status_code == 200
    refused = client.get("/healthz", headers={"Host": EVIL_HOST})
    assert refused.status_code == 400
    assert refused.text == "Invalid host header"
