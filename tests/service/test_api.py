"""The HTTP app over the real seed index: chat, programme API, pages, calendars, errors."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar

from assistant.config import Settings
from assistant.service.app import create_app

QUESTION = "who is speaking about patient safety research?"
B6_TITLE = "Co-production to build resilient communities"
ALLOWED_ORIGIN = "https://conference.example"  # as tests/web/conftest.py allows
PART_ONE = (
    "Co-production is key to achieving a better community. Can reaching, teaching and "
    "engaging families really be as easy as ABC?"
)
PART_TWO = (
    "Engage to elevate: designing research with patients and care partners to improve our "
    "understanding of safety"
)


def error_of(response) -> dict:
    """The one error shape, checked; returns its body."""
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "message"}
    assert body["error"]["status"] == response.status_code
    return body["error"]


# ---------------------------------------------------------------- chat


def test_chat_answers_from_the_programme_with_citations(client: TestClient) -> None:
    response = client.post("/api/chat", json={"message": QUESTION, "context": None})
    assert response.status_code == 200
    reply = response.json()
    assert set(reply) == {"answer", "abstained", "citations", "context", "suggestions", "lang"}
    assert reply["abstained"] is False
    assert "Laura Pozzobon" in reply["answer"]
    assert "Melissa Sheldrick" in reply["answer"]
    first = reply["citations"][0]
    assert set(first) == {"session_id", "title", "part", "url", "snippet"}
    assert (first["session_id"], first["title"], first["url"]) == ("B6", B6_TITLE, "/sessions/B6")
    assert isinstance(reply["context"], dict)


def test_chat_follows_up_with_the_context_sent_back(client: TestClient) -> None:
    first = client.post("/api/chat", json={"message": QUESTION}).json()
    follow = client.post("/api/chat", json={"message": "when is it?", "context": first["context"]})
    assert follow.status_code == 200
    assert "13:15" in follow.json()["answer"]


def test_over_long_message_is_422_naming_the_limit(client: TestClient) -> None:
    response = client.post("/api/chat", json={"message": "x" * 1001})
    assert response.status_code == 422
    assert error_of(response)["message"] == (
        "message is too long: 1001 characters, at most 1000 allowed"
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"context": None}, "message is required"),
        (
            {"message": "hi", "context": ["not", "an", "object"]},
            "context: Input should be a valid dictionary",
        ),
        ({"message": ""}, "message: String should have at least 1 character"),
    ],
)
def test_bad_chat_requests_are_422_in_the_error_shape(
    client: TestClient, body: dict, message: str
) -> None:
    response = client.post("/api/chat", json=body)
    assert response.status_code == 422
    assert error_of(response)["message"] == message


def test_chat_body_that_is_not_json_is_422(client: TestClient) -> None:
    response = client.post(
        "/api/chat", content="message=hi", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422
    assert error_of(response)["message"].startswith("the request body is not valid JSON")


# ---------------------------------------------------------------- programme API

B6_SUMMARY = {
    "id": "B6",
    "code": "B6",
    "title": B6_TITLE,
    "subtitle": "",
    "scheduled": True,
    "day": "2025-05-22",
    "start": "2025-05-22T13:15:00",
    "end": "2025-05-22T14:30:00",
    "start_time": "13:15",
    "end_time": "14:30",
    "when": "Thursday 22 May 2025, 13:15–14:30",
    "room": "",
    "stream": "People",
    "format": "Workshop",
    "url": "/sessions/B6",
    "ics": "/sessions/B6.ics",
}


def test_sessions_list_summaries(client: TestClient) -> None:
    response = client.get("/api/sessions")
    assert response.status_code == 200
    assert response.json() == [B6_SUMMARY]


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("day=2025-05-22", ["B6"]),
        ("day=2025-05-23", []),
        ("stream=people", ["B6"]),
        ("stream=Policy", []),
        ("format=Workshop", ["B6"]),
        ("room=Main%20hall", []),
        ("q=pozzobon", ["B6"]),
        ("q=ISMP", ["B6"]),
        ("q=patient%20safety", ["B6"]),
        ("q=quantum", []),
    ],
)
def test_sessions_filters(client: TestClient, query: str, ids: list[str]) -> None:
    response = client.get(f"/api/sessions?{query}")
    assert response.status_code == 200
    assert [s["id"] for s in response.json()] == ids


def test_sessions_bad_day_is_422(client: TestClient) -> None:
    response = client.get("/api/sessions?day=22/05/2025")
    assert response.status_code == 422
    assert error_of(response)["message"].startswith("day: ")


def test_session_detail_has_parts_chairs_and_speakers(client: TestClient) -> None:
    response = client.get("/api/sessions/B6")
    assert response.status_code == 200
    session = response.json()
    assert {k: session[k] for k in B6_SUMMARY} == B6_SUMMARY
    assert [(c["name"], c["organisation"], c["country"]) for c in session["chairs"]] == [
        ("Bob Klaber", "Imperial College Healthcare NHS Trust", "England")
    ]
    assert [p["title"] for p in session["parts"]] == [PART_ONE, PART_TWO]
    assert [(s["name"], s["organisation"]) for s in session["parts"][1]["speakers"]] == [
        ("Laura Pozzobon", "University Health Network"),
        ("Melissa Sheldrick", "Institute for Safe Medication Practices (ISMP)"),
    ]
    assert session["parts"][1]["objectives"][0] == (
        "Explain current literature about patient and care partner engagement in patient safety."
    )


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/api/sessions/XYZ", "no session 'XYZ'"),
        ("/sessions/XYZ", "no session 'XYZ'"),
        ("/sessions/XYZ.ics", "no session 'XYZ'"),
        ("/api/people/nobody-here", "no person 'nobody-here'"),
        ("/calendar.ics?ids=B6,XYZ", "no session 'XYZ'"),
        ("/no/such/page", "no page at /no/such/page"),
    ],
)
def test_unknown_things_are_404_in_the_error_shape(
    client: TestClient, path: str, message: str
) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert error_of(response)["message"] == message


def test_session_ids_are_found_case_insensitively(client: TestClient) -> None:
    assert client.get("/api/sessions/b6").json()["id"] == "B6"


def test_people_list_each_person_once_with_their_sessions(client: TestClient) -> None:
    people = {p["id"]: p for p in client.get("/api/people").json()}
    assert sorted(people) == [
        "akudo-okereafor",
        "bob-klaber",
        "laura-pozzobon",
        "lucy-robin",
        "melissa-sheldrick",
    ]
    laura = people["laura-pozzobon"]
    assert (laura["name"], laura["organisation"], laura["country"], laura["session_ids"]) == (
        "Laura Pozzobon",
        "University Health Network",
        "Canada",
        ["B6"],
    )
    assert [p["id"] for p in client.get("/api/people?q=canada").json()] == [
        "laura-pozzobon",
        "melissa-sheldrick",
    ]


def test_person_detail_lists_appearances(client: TestClient) -> None:
    response = client.get("/api/people/laura-pozzobon")
    assert response.status_code == 200
    assert response.json()["appearances"] == [
        {
            "session_id": "B6",
            "session_title": B6_TITLE,
            "capacity": "speaker",
            "part_index": 2,
            "part_title": PART_TWO,
            "url": "/sessions/B6",
        }
    ]
    chair = client.get("/api/people/bob-klaber").json()["appearances"][0]
    assert (chair["capacity"], chair["part_index"]) == ("chair", None)


# ---------------------------------------------------------------- pages


def test_session_page_shows_the_programme_fields(client: TestClient) -> None:
    response = client.get("/sessions/B6")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    for text in (
        f'<span class="code">B6</span> {B6_TITLE}</h1>',
        "Thursday 22 May 2025, 13:15–14:30",
        "13:15",
        "People",
        "Workshop",
        '<a href="/people/bob-klaber">Bob Klaber</a>',
        "Imperial College Healthcare NHS Trust",
        PART_ONE,
        PART_TWO,
        '<a href="/people/laura-pozzobon">Laura Pozzobon</a>, '
        '<span class="organisation">University Health Network</span>; '
        '<span class="country">Canada</span>',
        "Institute for Safe Medication Practices (ISMP)",
        "Apply the lessons from the methods of the two presented studies",
        'href="/sessions/B6.ics"',
    ):
        assert text in page, text


def test_home_lists_the_programme_by_day_with_the_widget_tag(client: TestClient) -> None:
    page = client.get("/").text
    assert '<h2 id="day-1">Thursday 22 May 2025</h2>' in page
    assert '<a href="/sessions/B6"><span class="code">B6</span> ' + B6_TITLE in page
    assert '<time datetime="2025-05-22T13:15:00">13:15</time>' in page
    scripts = re.findall(r"<script[^>]*>", page)
    assert scripts == [
        '<script src="/static/site.js" defer>',
        '<script src="/static/widget.js" '
        'data-endpoint="/api/chat" data-title="Ask the programme" defer>',
    ]


@pytest.mark.parametrize("path", ["/", "/sessions/B6"])
def test_pages_have_no_inline_script_and_send_security_headers(
    client: TestClient, path: str
) -> None:
    response = client.get(path)
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    # every script is external: nothing for 'unsafe-inline' to allow
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", response.text) == []


def test_widget_files_are_served(client: TestClient) -> None:
    js = client.get("/static/widget.js")
    assert js.status_code == 200
    assert "javascript" in js.headers["content-type"]
    assert ".innerHTML" not in js.text
    # one script tag on other sites: keep it small (~10 KB gzipped, its words in two languages
    # and the agenda in chat)
    assert len(js.content) < 36_000 and len(gzip.compress(js.content)) < 11_000
    assert client.get("/static/widget.css").status_code == 200


# ---------------------------------------------------------------- calendars


def test_session_ics_is_an_event_at_the_programme_time(client: TestClient) -> None:
    response = client.get("/sessions/B6.ics")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert "DTSTART:20250522T131500" in response.text  # the seed names no zone: floating time
    assert "DTEND:20250522T143000" in response.text
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["SUMMARY"]) == f"B6: {B6_TITLE}"
    assert str(event["URL"]) == "http://127.0.0.1:8000/sessions/B6"  # --host and --port


def test_calendar_of_several_ids(client: TestClient) -> None:
    response = client.get("/calendar.ics?ids=B6,b6")
    assert response.status_code == 200
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [f"B6: {B6_TITLE}"]


def test_calendar_without_ids_is_422(client: TestClient) -> None:
    response = client.get("/calendar.ics?ids=,")
    assert response.status_code == 422
    assert error_of(response)["message"] == "ids: give at least one session id, e.g. ids=B6,A1"
    assert error_of(client.get("/calendar.ics"))["message"] == "ids is required"


# ---------------------------------------------------------------- operations


def test_health_and_readiness(client: TestClient, seed_index: Path) -> None:
    manifest = json.loads((seed_index / "manifest.json").read_text())
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {
        "status": "ready",
        "sessions": 1,
        "people": 5,
        "programme": "forum",
        "index_version": manifest["index_version"],
    }
    assert len(manifest["index_version"]) == 16


def test_the_index_is_loaded_from_settings_at_start(seed_index: Path) -> None:
    with TestClient(create_app(Settings(index_dir=seed_index, rate_limit=0))) as started:
        assert started.get("/readyz").json()["sessions"] == 1
        reply = started.post("/api/chat", json={"message": QUESTION}).json()
        assert reply["citations"][0]["session_id"] == "B6"


def test_missing_index_is_not_ready_and_chat_is_503(tmp_path: Path) -> None:
    settings = Settings(index_dir=tmp_path / "missing", rate_limit=0)
    with TestClient(create_app(settings)) as missing:
        assert missing.get("/healthz").status_code == 200
        ready = missing.get("/readyz")
        assert ready.status_code == 503
        body = ready.json()
        assert set(body) == {"status", "error"}
        assert body["status"] == "unavailable"
        assert body["error"]["message"].startswith("the programme index is not loaded: ")
        assert str(tmp_path / "missing") in body["error"]["message"]
        chat = missing.post("/api/chat", json={"message": QUESTION})
        assert chat.status_code == 503
        assert error_of(chat)["message"] == body["error"]["message"]


def test_openapi_documents_every_route(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/chat",
        "/api/sessions",
        "/api/sessions/{session_id}",
        "/api/people",
        "/api/people/{person_id}",
        "/sessions/{session_id}.ics",
        "/calendar.ics",
        "/healthz",
        "/readyz",
    ):
        assert path in paths, path
    docs = client.get("/docs")
    assert docs.status_code == 200
    # Swagger UI from vendored files, started by a file: the pages' CSP holds (test_docs.py)
    assert docs.headers["content-security-policy"].startswith("default-src 'self'")


def test_wrong_method_is_405_in_the_error_shape(client: TestClient) -> None:
    response = client.get("/api/chat")
    assert response.status_code == 405
    assert error_of(response)["message"] == "GET is not allowed on /api/chat"


def test_crash_is_500_in_the_error_shape(web_settings: Settings, seed_assistant) -> None:
    app = create_app(web_settings, seed_assistant)

    def boom() -> None:
        raise RuntimeError("secret detail")

    app.add_api_route("/boom", boom)
    with TestClient(app, raise_server_exceptions=False) as crashing:
        response = crashing.get("/boom")
    assert response.status_code == 500
    assert error_of(response)["message"] == "internal error: the assistant failed on this request"


# ---------------------------------------------------------------- CORS and rate limiting


def test_cors_allows_only_the_listed_origins(client: TestClient) -> None:
    preflight = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }
    allowed = client.options("/api/chat", headers={"Origin": ALLOWED_ORIGIN, **preflight})
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == ALLOWED_ORIGIN
    other = client.get("/api/sessions", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers
    sessions = client.get("/api/sessions", headers={"Origin": ALLOWED_ORIGIN})
    assert sessions.headers["access-control-allow-origin"] == ALLOWED_ORIGIN


def test_rate_limit_answers_429_with_retry_after(seed_index: Path, seed_assistant) -> None:
    settings = Settings(index_dir=seed_index, rate_limit=2, cors_origins=ALLOWED_ORIGIN)
    with TestClient(create_app(settings, seed_assistant)) as limited:
        headers = {"Origin": ALLOWED_ORIGIN}
        for _ in range(2):
            assert (
                limited.post("/api/chat", json={"message": "hello"}, headers=headers).status_code
                == 200
            )
        refused = limited.post("/api/chat", json={"message": "hello"}, headers=headers)
        assert refused.status_code == 429
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        assert error_of(refused)["message"].startswith("too many questions: at most 2 a minute")
        # the widget on another site can read why
        assert refused.headers["access-control-allow-origin"] == ALLOWED_ORIGIN
        assert limited.get("/api/sessions").status_code == 200  # only chat is limited


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/", "text/html"),
        ("/sessions/B6", "text/html"),
        ("/sessions/B6.ics", "text/calendar"),
        ("/calendar.ics?ids=B6", "text/calendar"),
    ],
)
def test_pages_and_calendars_answer_head(client: TestClient, path: str, kind: str) -> None:
    response = client.head(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(kind)
