"""The organiser desk's routes over the real seed index: credential, enquiries, batch, report."""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import itertools
import time
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi import FastAPI
from fastapi.testclient import TestClient
from organiser_support import (
    DATA,
    TOKEN,
    bearer,
    desk_csrf,
    desk_settings,
    index_copy,
    log_in,
    login_csrf,
    session_cookie,
)

from assistant.desk.access import COOKIE
from assistant.service.app import create_app

ENQUIRY = """Hi there,

I'm coming on Thursday. Please tell me when Laura Pozzobon is speaking.
Also, who chairs the co-production workshop? And is there anything on patient safety research?

Best wishes,
Jo"""
B6_TITLE = "Co-production to build resilient communities"
CSV_UPLOAD = ("enquiries.csv", b"id,enquiry\nE1,When is B6? Who chairs it?\n", "text/csv")

# Every organiser route, with a request it accepts once the credential is right.
ROUTES: list[tuple[str, str, dict[str, Any], int]] = [
    ("GET", "/organiser", {}, 200),
    ("POST", "/organiser/logout", {}, 303),
    ("POST", "/organiser/api/enquiry", {"json": {"text": "When is B6?"}}, 200),
    ("POST", "/organiser/api/batch", {"files": {"file": CSV_UPLOAD}}, 200),
    ("GET", "/organiser/api/report", {}, 200),
    ("GET", "/organiser/api/programme/status", {}, 200),
    ("GET", "/organiser/api/programme/history", {}, 200),
    (
        "POST",
        "/organiser/api/programme",
        {"files": {"file": ("bad_programme.txt", (DATA / "bad_programme.txt").read_bytes())}},
        422,  # past the credential: checked by a worker, and refused for its errors
    ),
    ("POST", "/organiser/api/programme/publish", {"json": {"upload": "nothing"}}, 409),
    ("POST", "/organiser/api/programme/rollback", {"json": {"version": "nothing"}}, 404),
    ("GET", "/organiser/api/faq", {}, 200),
    ("POST", "/organiser/api/faq", {"json": {"question": "Wifi?", "answer": "Yes."}}, 200),
    ("DELETE", "/organiser/api/faq/nothing", {}, 404),
    ("GET", "/organiser/api/report.csv", {}, 200),
    ("GET", "/organiser/api/report/questions.svg", {}, 200),
    ("POST", "/organiser/api/report/done", {"json": {"keys": ["0" * 24]}}, 204),
    ("POST", "/organiser/api/citations", {"json": {"text": "B6", "citations": []}}, 200),
    ("POST", "/organiser/api/programme/cancel", {}, 409),  # past the credential: none runs
]
PAGES = ["/organiser", "/organiser/report", "/organiser/faq", "/organiser/programme"]


def error_of(response: Any) -> dict[str, Any]:
    """The one error shape, checked; returns its body."""
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "message"}
    assert body["error"]["status"] == response.status_code
    return body["error"]


ADDRESSES = itertools.count(1)


@pytest.fixture
def fresh_client(desk_app: FastAPI) -> TestClient:
    """A client with an empty cookie jar, at an address of its own (wrong tokens sent by the
    tests before it count toward no lockout of its)."""
    number = next(ADDRESSES)
    address = f"192.0.2.{number % 250 + 1}" if number < 250 else f"198.18.{number // 250}.1"
    return TestClient(desk_app, follow_redirects=False, client=(address, 50000))


@pytest.mark.parametrize(("method", "path", "request_args", "accepted"), ROUTES)
@pytest.mark.parametrize("credential", ["none", "wrong", "right"])
def test_every_organiser_route_needs_the_organiser_token(
    fresh_client: TestClient,
    method: str,
    path: str,
    request_args: dict[str, Any],
    accepted: int,
    credential: str,
) -> None:
    headers = {"none": {}, "wrong": bearer("not-the-token"), "right": bearer()}[credential]
    response = fresh_client.request(method, path, headers=headers, **request_args)
    if credential == "right":
        assert response.status_code == accepted, response.text
        fresh_client.app.state.service.updater.wait(60)  # type: ignore[attr-defined]
        return
    assert response.status_code == 401
    if path == "/organiser":  # a person in a browser gets the login form
        assert "Log in to the organiser desk" in response.text
        assert response.headers["content-type"].startswith("text/html")
    else:
        assert error_of(response)["message"] == (
            "the organiser desk needs the organiser token: send 'Authorization: Bearer TOKEN' "
            "or log in at /organiser"
        )
        assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize("token", ["none", "wrong", "right"])
def test_login_starts_a_server_side_session_only_for_the_right_token(
    fresh_client: TestClient, token: str
) -> None:
    csrf = login_csrf(fresh_client.get("/organiser").text)
    data = {"none": {}, "wrong": {"token": "guess"}, "right": {"token": TOKEN}}[token]
    response = fresh_client.post("/organiser/login", data={**data, "csrf_token": csrf})
    if token != "right":
        assert response.status_code == 401
        assert COOKIE not in response.cookies
        return
    assert response.status_code == 303
    assert response.headers["location"] == "/organiser"
    (set_cookie,) = [
        h for h in response.headers.get_list("set-cookie") if h.startswith(f"{COOKIE}=")
    ]
    session_id = session_cookie(response)
    assert len(session_id) == 43  # 32 random bytes, URL-safe base64
    assert TOKEN not in set_cookie  # the cookie holds a random session id, never the token
    assert "HttpOnly" in set_cookie and "SameSite=strict" in set_cookie
    assert "Max-Age=43200" in set_cookie and "Path=/organiser" in set_cookie
    page = fresh_client.get("/organiser")
    assert page.status_code == 200
    assert "Answer an enquiry" in page.text
    assert page.headers["content-security-policy"].startswith("default-src 'self'")
    assert fresh_client.get("/organiser/api/programme/status").status_code == 200


@pytest.mark.parametrize("path", PAGES[1:])
def test_every_desk_page_sends_a_stranger_to_the_login_form(
    fresh_client: TestClient, path: str
) -> None:
    response = fresh_client.get(path)
    assert (response.status_code, response.headers["location"]) == (303, "/organiser")
    assert fresh_client.get(path, headers=bearer()).status_code == 200


def test_every_login_gets_a_new_random_session(desk_app: FastAPI) -> None:
    ids = {session_cookie(log_in(TestClient(desk_app, follow_redirects=False))) for _ in range(3)}
    assert len(ids) == 3


def test_a_forged_cookie_is_refused(fresh_client: TestClient) -> None:
    # what the cookie held before sessions: an HMAC of a constant, the same on every login
    constant = hmac.new(TOKEN.encode(), b"programme-assistant organiser desk v1", hashlib.sha256)
    for forged in (constant.hexdigest(), "x" * 43, ""):
        fresh_client.cookies.set(COOKIE, forged, path="/organiser")
        assert fresh_client.get("/organiser/api/report").status_code == 401


def test_a_logged_out_cookie_gets_401(desk_app: FastAPI) -> None:
    browser = TestClient(desk_app, follow_redirects=False)
    session_id = session_cookie(log_in(browser))
    csrf = desk_csrf(browser.get("/organiser").text)
    assert browser.post("/organiser/logout", data={"csrf_token": csrf}).status_code == 303
    replay = TestClient(desk_app)  # the cookie copied before the logout, sent again
    replay.cookies.set(COOKIE, session_id, path="/organiser")
    response = replay.get("/organiser/api/report")
    assert response.status_code == 401
    assert error_of(response)["message"].startswith("the organiser desk needs the organiser token")


def test_the_server_ends_a_session_at_its_expiry_whatever_the_cookie_says(
    seed_assistant_for_desk: Any, tmp_path: Path
) -> None:
    settings = desk_settings(tmp_path, tmp_path, organiser_session_hours=1 / 3600)  # 1 s
    app = create_app(settings, seed_assistant_for_desk)
    session_id = session_cookie(log_in(TestClient(app, follow_redirects=False)))
    client = TestClient(app)
    client.cookies.set(COOKIE, session_id, path="/organiser")
    assert client.get("/organiser/api/report").status_code == 200
    time.sleep(1.2)
    assert client.get("/organiser/api/report").status_code == 401


def test_sessions_are_stored_hashed_shared_by_replicas_and_end_with_the_token(
    seed_assistant_for_desk: Any, tmp_path: Path
) -> None:
    first = create_app(desk_settings(tmp_path, tmp_path), seed_assistant_for_desk)
    second = create_app(desk_settings(tmp_path, tmp_path), seed_assistant_for_desk)
    session_id = session_cookie(log_in(TestClient(first, follow_redirects=False)))
    with first.state.service.sessions.engine.connect() as conn:
        rows = [
            tuple(map(str, row)) for row in conn.execute(sa.text("select * from desk_sessions"))
        ]
    assert len(rows) == 1 and not any(session_id in value for value in rows[0])
    on_second = TestClient(second)
    on_second.cookies.set(COOKIE, session_id, path="/organiser")
    assert on_second.get("/organiser/api/report").status_code == 200
    rotated = desk_settings(tmp_path, tmp_path, organiser_token="a-new-token-after-a-leak")
    on_rotated = TestClient(create_app(rotated, seed_assistant_for_desk))
    on_rotated.cookies.set(COOKIE, session_id, path="/organiser")
    assert on_rotated.get("/organiser/api/report").status_code == 401


def test_the_desk_is_off_without_a_configured_token(
    seed_assistant_for_desk: Any, tmp_path: Path
) -> None:
    settings = desk_settings(tmp_path, tmp_path, organiser_token=None)
    client = TestClient(create_app(settings, seed_assistant_for_desk))
    for path in ("/organiser", "/organiser/api/report"):
        response = client.get(path, headers=bearer())
        assert response.status_code == 404
        assert error_of(response)["message"] == (
            "the organiser desk is off: set ASSISTANT_ORGANISERS or ASSISTANT_ORGANISER_TOKEN to turn it on"
        )


def test_an_enquiry_with_three_questions_gets_three_cited_answers(desk: TestClient) -> None:
    response = desk.post("/organiser/api/enquiry", json={"text": ENQUIRY}, headers=bearer())
    assert response.status_code == 200
    drafts = response.json()["questions"]
    assert [d["question"] for d in drafts] == [
        "Please tell me when Laura Pozzobon is speaking.",
        "Who chairs the co-production workshop?",
        "Is there anything on patient safety research?",
    ]
    assert [d["abstained"] for d in drafts] == [False, False, False]
    assert [[c["session_id"] for c in d["citations"]] for d in drafts] == [["B6"]] * 3
    assert "Thursday 22 May 2025, 13:15–14:30" in drafts[0]["answer"]
    assert "Bob Klaber" in drafts[1]["answer"]
    reply = response.json()["reply"]
    assert reply.startswith(
        "Dear Jo,\n\n> Please tell me when Laura Pozzobon is speaking.\nB6: " + B6_TITLE
    )
    assert reply.endswith(
        "Sessions:\n- " + B6_TITLE + ": http://testserver/sessions/B6\n\n"
        "Best wishes,\nThe programme team"
    )
    assert "B6" not in reply.replace("B6:", "").replace("/B6", "")  # no bare ids
    assert response.headers["cache-control"] == "no-store"


def test_follow_up_questions_in_one_enquiry_follow_the_previous_answer(desk: TestClient) -> None:
    text = "Who chairs the co-production workshop? When is it?"
    drafts = desk.post("/organiser/api/enquiry", json={"text": text}, headers=bearer()).json()
    assert [[c["session_id"] for c in d["citations"]] for d in drafts["questions"]] == [
        ["B6"],
        ["B6"],
    ]
    assert "13:15" in drafts["questions"][1]["answer"]


def test_an_empty_or_huge_enquiry_is_refused_with_the_field_named(desk: TestClient) -> None:
    response = desk.post("/organiser/api/enquiry", json={"text": "x" * 20_001}, headers=bearer())
    assert response.status_code == 422
    assert error_of(response)["message"] == (
        "text is too long: 20001 characters, at most 20000 allowed"
    )


def test_a_csv_of_enquiries_comes_back_as_a_csv_of_cited_answers(desk: TestClient) -> None:
    upload = (
        b"id,enquiry\n"
        b'E1,"Hi, when is Laura Pozzobon speaking? Also, who chairs B6?\nThanks, Jo"\n'
        b"E2,is there anything on sepsis?\n"
    )
    response = desk.post(
        "/organiser/api/batch", files={"file": ("in.csv", upload, "text/csv")}, headers=bearer()
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == 'attachment; filename="answers.csv"'
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["id"], r["abstained"], r["citations"]) for r in rows] == [
        ("E1", "false", "B6"),
        ("E2", "true", "B6"),
    ]
    assert rows[0]["answer"].startswith("> When is Laura Pozzobon speaking?\nB6: ")
    assert rows[1]["answer"].startswith("I couldn't find anything on sepsis in the programme.")
    assert rows[1]["sources"] == f"'- {B6_TITLE}: http://testserver/sessions/B6"


def test_a_csv_without_an_enquiry_column_is_refused_naming_the_file(desk: TestClient) -> None:
    files = {"file": ("mail.csv", b"from,body\njo,hello\n", "text/csv")}
    response = desk.post("/organiser/api/batch", files=files, headers=bearer())
    assert response.status_code == 422
    assert error_of(response)["message"] == (
        "mail.csv:1: expected a column named 'enquiry' or 'question', found: from, body"
    )


def test_chat_questions_are_logged_and_paraphrases_of_a_missing_topic_group_first(
    seed_assistant_for_desk: Any, tmp_path: Path
) -> None:
    settings = desk_settings(tmp_path, tmp_path)
    with TestClient(create_app(settings, seed_assistant_for_desk)) as client:
        for message in (
            "who chairs B6?",
            "is there anything on sepsis?",
            "any sessions about sepsis?",
            "where can I learn about sepsis",
            "who chairs B6?",
        ):
            assert client.post("/api/chat", json={"message": message}).status_code == 200
        report = client.get("/organiser/api/report", headers=bearer()).json()
    assert report["logging"] is True
    assert [(g["question"], g["count"], g["abstained"]) for g in report["groups"]] == [
        ("is there anything on sepsis?", 3, True),
        ("who chairs B6?", 2, False),
    ]
    assert report["groups"][1]["cited_ids"] == ["B6"]


def test_with_logging_off_nothing_is_stored(seed_assistant_for_desk: Any, tmp_path: Path) -> None:
    settings = desk_settings(tmp_path, tmp_path, log_questions=False)
    with TestClient(create_app(settings, seed_assistant_for_desk)) as client:
        assert client.post("/api/chat", json={"message": "who chairs B6?"}).status_code == 200
        report = client.get("/organiser/api/report", headers=bearer()).json()
    assert report == {"logging": False, "groups": []}
    assert not (tmp_path / "questions.db").exists()


def test_chat_still_answers_when_the_log_database_is_unreachable(
    seed_assistant_for_desk: Any, tmp_path: Path
) -> None:
    url = "postgresql://nobody:nothing@127.0.0.1:9/none?connect_timeout=1"
    settings = desk_settings(tmp_path, tmp_path, database_url=url)
    with TestClient(create_app(settings, seed_assistant_for_desk)) as client:
        response = client.post("/api/chat", json={"message": "who chairs B6?"})
    assert response.status_code == 200
    assert response.json()["citations"][0]["session_id"] == "B6"


def test_a_malformed_programme_is_refused_with_file_and_line_and_nothing_changes(
    desk_app: FastAPI, desk: TestClient
) -> None:
    files = {"file": ("bad_programme.txt", (DATA / "bad_programme.txt").read_bytes())}
    response = desk.post("/organiser/api/programme", files=files, headers=bearer())
    assert response.status_code == 422
    assert error_of(response)["message"].splitlines() == [
        "bad_programme.txt: 3 errors; the programme was not changed",
        "bad_programme.txt:2: expected a date and time like 'Thursday 22 May 2025 | 13:15-14:30',"
        " got 'Thursday 22 May 2025 | 14h00-15:00'",
        "bad_programme.txt:9: no such date: 32 May 2025 in 'Thursday 32 May 2025 | 15:30-16:30'",
        "bad_programme.txt:1: none of the 2 sessions has a date and a time: delegates could not "
        "ask when anything is; give the file date and time (or start) columns",
    ]
    assert desk.get("/readyz").json()["sessions"] == 1


def test_a_binary_upload_is_refused_by_its_own_name(desk_app: FastAPI, desk: TestClient) -> None:
    files = {"file": ("../../etc/slides.pdf", b"%PDF-1.4\x00\x01binary")}
    response = desk.post("/organiser/api/programme", files=files, headers=bearer())
    assert response.status_code == 422
    assert error_of(response)["message"] == "slides.pdf: a binary file, not a programme"
    status = desk_app.state.service.updater.status.to_json()
    assert (status["state"], status["file"]) == ("failed", "slides.pdf")


def test_a_second_update_while_one_runs_is_refused(desk_app: FastAPI, desk: TestClient) -> None:
    files = {"file": ("new_programme.txt", (DATA / "new_programme.txt").read_bytes())}
    checked = desk.post("/organiser/api/programme", files=files, headers=bearer()).json()
    watcher = desk_app.state.service.updater.watcher
    with watcher.lock:  # as while a build runs
        response = desk.post(
            "/organiser/api/programme/publish", json={"upload": checked["upload"]}, headers=bearer()
        )
    assert response.status_code == 409
    assert error_of(response)["message"] == (
        "a programme update is already running; wait for it to finish"
    )


def test_an_uploaded_programme_is_checked_previewed_then_built_and_swapped_in(
    seed_index: Path, seed_assistant_for_desk: Any, tmp_path: Path
) -> None:
    index_dir = index_copy(seed_index, tmp_path)
    app = create_app(desk_settings(index_dir, tmp_path), seed_assistant_for_desk)
    with TestClient(app) as client:
        files = {"file": ("new_programme.txt", (DATA / "new_programme.txt").read_bytes())}
        response = client.post("/organiser/api/programme", files=files, headers=bearer())
        assert response.status_code == 200
        checked = response.json()
        assert (checked["state"], checked["title"], checked["sessions"]) == (
            "checked",
            "new_programme",
            2,
        )
        assert checked["preview"]["counts"] == {
            "added": 2,
            "removed": 1,
            "changed": 0,
            "unchanged": 0,
        }
        assert client.get("/readyz").json()["sessions"] == 1  # nothing changed yet
        published = client.post(
            "/organiser/api/programme/publish", json={"upload": checked["upload"]}, headers=bearer()
        )
        assert published.status_code == 202
        assert published.json()["state"] == "building"
        status = app.state.service.updater.wait(60).to_json()
        assert status == {
            "state": "swapped",
            "progress": 1.0,
            "message": "now answering from new_programme: 2 sessions",
            "sessions": 2,
            "file": "new_programme.txt",
            "problems": [],
            "title": "new_programme",
        }
        reply = client.post("/api/chat", json={"message": "is there anything on sepsis?"}).json()
        again = client.post(
            "/organiser/api/programme/publish", json={"upload": checked["upload"]}, headers=bearer()
        )
    assert reply["abstained"] is False
    assert [c["session_id"] for c in reply["citations"]] == ["S1"]
    assert (index_dir / "manifest.json").read_text().count('"session_count": 2') == 1
    assert again.status_code == 409  # an upload is published once
    assert error_of(again)["message"] == (
        "that upload is not waiting to be published: check the file again"
    )


class FakeClock:
    """A monotonic clock a test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def locking_app(seed_assistant: Any, tmp_path: Path) -> tuple[FastAPI, FakeClock]:
    app = create_app(desk_settings(tmp_path, tmp_path, rate_limit=120), seed_assistant)
    clock = FakeClock()
    app.state.service.lockout.clock = clock
    return app, clock


def test_the_eleventh_wrong_bearer_token_gets_429_and_the_right_one_works_after_the_window(
    seed_assistant_for_desk: Any, tmp_path: Path
) -> None:
    app, clock = locking_app(seed_assistant_for_desk, tmp_path)
    guesser = TestClient(app, client=("198.51.100.9", 1000))
    codes = [
        guesser.get("/organiser/api/report", headers=bearer(f"guess-{n}")).status_code
        for n in range(11)
    ]
    assert codes == [401] * 10 + [429]
    locked = guesser.get("/organiser/api/report", headers=bearer())
    assert locked.status_code == 429  # the right token from a locked address waits too
    assert locked.headers["retry-after"] == "60"
    assert error_of(locked)["message"] == (
        "too many wrong organiser tokens from this address or for this desk: try again in 60 s"
    )
    other = TestClient(app, client=("198.51.100.10", 1000))
    assert other.get("/organiser/api/report", headers=bearer()).status_code == 200
    clock.now += 61
    assert guesser.get("/organiser/api/report", headers=bearer()).status_code == 200


def test_a_second_lockout_lasts_twice_as_long(seed_assistant_for_desk: Any, tmp_path: Path) -> None:
    app, clock = locking_app(seed_assistant_for_desk, tmp_path)
    guesser = TestClient(app, client=("198.51.100.9", 1000))
    for _ in range(10):
        guesser.get("/organiser/api/report", headers=bearer("guess"))
    clock.now += 61
    for _ in range(10):
        guesser.get("/organiser/api/report", headers=bearer("guess"))
    assert guesser.get("/organiser/api/report", headers=bearer()).headers["retry-after"] == "120"


def test_the_login_form_locks_out_after_ten_wrong_tokens_not_ten_attempts(
    seed_assistant_for_desk: Any, tmp_path: Path
) -> None:
    app, clock = locking_app(seed_assistant_for_desk, tmp_path)

    def browser() -> TestClient:  # a fresh browser each time, all at one address
        return TestClient(app, follow_redirects=False)

    assert [log_in(browser()).status_code for _ in range(15)] == [303] * 15
    codes = [log_in(browser(), "guess").status_code for _ in range(11)]
    assert codes == [401] * 10 + [429]
    refused = log_in(browser())
    assert refused.status_code == 429
    assert error_of(refused)["message"].startswith("too many wrong organiser tokens")
    clock.now += 61
    assert log_in(browser()).status_code == 303


def test_a_logged_in_session_is_not_locked_out_by_guesses_from_its_address(
    seed_assistant_for_desk: Any, tmp_path: Path
) -> None:
    app, _ = locking_app(seed_assistant_for_desk, tmp_path)
    organiser = TestClient(app, follow_redirects=False)
    log_in(organiser)
    for _ in range(11):  # someone else behind the venue's one address
        TestClient(app).get("/organiser/api/report", headers=bearer("guess"))
    assert organiser.get("/organiser/api/report").status_code == 200


# ---------------------------------------------------------------- forgery

EVIL = {"Origin": "http://evil.testserver:8080", "Sec-Fetch-Site": "same-site"}
UNSAFE_ROUTES: list[tuple[str, dict[str, Any]]] = [
    ("/organiser/api/enquiry", {"json": {"text": "When is B6?"}}),
    ("/organiser/api/batch", {"files": {"file": CSV_UPLOAD}}),
    (
        "/organiser/api/programme",
        {"files": {"file": ("new_programme.txt", (DATA / "new_programme.txt").read_bytes())}},
    ),
    ("/organiser/logout", {"data": {"csrf_token": "x"}}),
    ("/organiser/login", {"data": {"token": TOKEN, "csrf_token": "x"}}),
]


@pytest.mark.parametrize(("path", "request_args"), UNSAFE_ROUTES, ids=lambda v: str(v)[:30])
@pytest.mark.parametrize(
    "headers",
    [EVIL, {"Origin": EVIL["Origin"]}, {"Sec-Fetch-Site": "cross-site"}, {"Origin": "null"}],
    ids=["both", "origin", "sec-fetch-site", "null-origin"],
)
def test_a_post_from_another_origin_carrying_the_cookie_gets_403(
    desk_app: FastAPI, path: str, request_args: dict[str, Any], headers: dict[str, str]
) -> None:
    browser = TestClient(desk_app, follow_redirects=False)
    log_in(browser)
    before = desk_app.state.service.updater.status
    response = browser.post(path, headers=headers, **request_args)
    assert response.status_code == 403
    assert error_of(response)["message"].startswith(
        f"refused a POST to {path} sent from another site"
    )
    assert desk_app.state.service.updater.status == before
    assert browser.get("/organiser/api/report").status_code == 200  # still logged in


def test_a_cookie_post_needs_the_sessions_csrf_token(desk_app: FastAPI) -> None:
    browser = TestClient(desk_app, follow_redirects=False)
    log_in(browser)
    same_origin = {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}
    body = {"text": "When is B6?"}
    missing = browser.post("/organiser/api/enquiry", json=body, headers=same_origin)
    assert missing.status_code == 403
    assert error_of(missing)["message"] == (
        "the desk's CSRF token is missing or wrong: reload /organiser and try again"
    )
    wrong = {**same_origin, "X-CSRF-Token": "0" * 64}
    assert browser.post("/organiser/api/enquiry", json=body, headers=wrong).status_code == 403
    right = {**same_origin, "X-CSRF-Token": desk_csrf(browser.get("/organiser").text)}
    assert browser.post("/organiser/api/enquiry", json=body, headers=right).status_code == 200


def test_the_logout_and_login_forms_need_their_csrf_fields(desk_app: FastAPI) -> None:
    browser = TestClient(desk_app, follow_redirects=False)
    log_in(browser)
    assert browser.post("/organiser/logout", data={"csrf_token": "forged"}).status_code == 403
    assert browser.get("/organiser/api/report").status_code == 200  # not logged out
    stranger = TestClient(desk_app, follow_redirects=False)
    refused = stranger.post("/organiser/login", data={"token": TOKEN, "csrf_token": "forged"})
    assert refused.status_code == 403
    assert "The login form had expired: log in again." in refused.text
    assert COOKIE not in refused.cookies


def test_a_two_sentence_question_is_answered_as_one(desk: TestClient) -> None:
    text = (
        "Hello, my colleague would like something about co-production with parents. "
        "Anything suitable?\n\nMany thanks,\nPriya"
    )
    body = desk.post("/organiser/api/enquiry", json={"text": text}, headers=bearer()).json()
    assert [(d["question"], d["asked"]) for d in body["questions"]] == [
        (
            "My colleague would like something about co-production with parents. Anything "
            "suitable?",
            "Is there anything about co-production with parents?",
        )
    ]
    assert [c["session_id"] for c in body["questions"][0]["citations"]] == ["B6"]
    assert body["greeting"] == "Dear Priya,"


@pytest.mark.parametrize(
    ("edited", "cited"),
    [
        ("B6: Co-production to build resilient communities is at 13:15.", ["B6"]),
        ("Laura Pozzobon speaks at 13:15.", ["B6"]),  # a person of the cited session
        ("It is at 13:15 on Thursday.", []),  # names nothing any more
        ("See Co-production to build resilient communities.", ["B6"]),  # named anew
    ],
)
def test_an_edited_answer_cites_what_it_names(
    desk: TestClient, edited: str, cited: list[str]
) -> None:
    first = [{"session_id": "B6", "title": B6_TITLE, "url": "/sessions/B6"}]
    start = [] if edited.startswith("See") else first
    response = desk.post(
        "/organiser/api/citations", json={"text": edited, "citations": start}, headers=bearer()
    )
    assert [c["session_id"] for c in response.json()["citations"]] == cited
