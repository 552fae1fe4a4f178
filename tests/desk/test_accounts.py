"""People, not one shared token: each organiser is let in by their own token under their own
name, a login remembers whose it is, and what they do lands in the audit log under that name."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from organiser_support import TOKEN, bearer, desk_settings, log_in, postgres_url
from pydantic import ValidationError

from assistant.config import Settings
from assistant.desk.audit import AuditLog, audit_table
from assistant.service.app import create_app

ALICE = "alice-token-0123456789"
BOB = "bob-token-9876543210ab"
PEOPLE = f"alice:{ALICE}, bob:{BOB}"
COFFEE = {"question": "Where can I get coffee?", "answer": "At the bar in the foyer, all day."}


@pytest.fixture
def people(seed_assistant_for_desk: Any, tmp_path: Path) -> Iterator[TestClient]:
    """A desk with two people's tokens beside the shared one."""
    settings = desk_settings(tmp_path, tmp_path, organisers=PEOPLE)
    with TestClient(create_app(settings, seed_assistant_for_desk)) as client:
        yield client


def signed_in_as(page: str) -> str:
    start = page.index("Signed in as <strong>") + len("Signed in as <strong>")
    return page[start : page.index("</strong>", start)]


def test_each_person_is_let_in_under_their_own_name_and_a_wrong_token_is_refused(
    people: TestClient,
) -> None:
    for token, name in ((ALICE, "alice"), (BOB, "bob"), (TOKEN, "organiser")):
        page = people.get("/organiser/report", headers=bearer(token))
        assert page.status_code == 200, page.text
        assert signed_in_as(page.text) == name
    wrong = people.get("/organiser/api/report", headers=bearer("alice-token-0123456788"))
    assert wrong.status_code == 401


def test_a_login_session_keeps_the_persons_name(people: TestClient) -> None:
    people.cookies.clear()
    response = log_in(people, BOB)
    assert response.status_code == 200  # followed to the desk
    assert signed_in_as(response.text) == "bob"
    assert signed_in_as(people.get("/organiser/faq").text) == "bob"


def test_an_faq_edit_is_audited_under_the_persons_name(people: TestClient) -> None:
    assert people.post("/organiser/api/faq", json=COFFEE, headers=bearer(ALICE)).status_code == 200
    edited = {**COFFEE, "id": "coffee", "answer": "At the bar, 8:00 to 18:00."}
    assert people.post("/organiser/api/faq", json=edited, headers=bearer(BOB)).status_code == 200
    assert people.delete("/organiser/api/faq/coffee", headers=bearer(ALICE)).status_code == 200
    entries = people.get("/organiser/api/audit", headers=bearer(BOB)).json()["entries"]
    assert [(e["who"], e["action"]) for e in entries] == [
        ("alice", "FAQ entry deleted"),
        ("bob", "FAQ entry edited"),
        ("alice", "FAQ entry created"),
    ]
    assert entries[2]["detail"] == "coffee: Where can I get coffee?"
    assert people.get("/organiser/api/audit").status_code == 401
    page = people.get("/organiser/report", headers=bearer(ALICE)).text
    assert "<td>bob</td><td>FAQ entry edited</td>" in page


@pytest.mark.parametrize(
    ("organisers", "complaint"),
    [
        ("alice", "is not NAME:TOKEN"),
        ("al ice:alice-token-0123456789", "is not NAME:TOKEN"),
        (f"{'a' * 41}:alice-token-0123456789", "is not NAME:TOKEN"),
        ("alice:short", "alice's token is shorter than 16 characters"),
        (f"alice:{ALICE},alice:{BOB}", "alice is named twice"),
    ],
)
def test_a_malformed_organisers_setting_is_a_clear_error(
    organisers: str, complaint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSISTANT_ORGANISERS", organisers)
    with pytest.raises(ValidationError, match="ASSISTANT_ORGANISERS") as raised:
        Settings()
    assert complaint in str(raised.value)


def test_the_organisers_setting_alone_turns_the_desk_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_ORGANISERS", PEOPLE)
    settings = Settings(organiser_token=None)
    assert settings.desk_on
    assert settings.organiser_credentials == {"alice": ALICE, "bob": BOB}


@pytest.fixture(params=["sqlite", "postgresql"])
def audit_log(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[AuditLog]:
    """An empty audit log on each backend; PostgreSQL is the server .ci/pg-up.sh starts."""
    if request.param == "sqlite":
        log = AuditLog(f"sqlite:///{tmp_path / 'questions.db'}")
    else:
        url = postgres_url()
        if url is None:
            pytest.skip("no PostgreSQL: set TEST_DATABASE_URL (.ci/run starts one, .ci/pg-up.sh)")
        log = AuditLog(url.replace("postgresql+psycopg://", "postgresql://"))
        with log.engine.begin() as conn:
            conn.execute(audit_table.delete())
    yield log
    log.close()


def test_the_audit_log_keeps_the_newest_first_with_utc_times(audit_log: AuditLog) -> None:
    upload = uuid.uuid4().hex
    audit_log.record("alice", "programme checked", f"programme.csv, upload {upload}")
    audit_log.record("bob", "programme published", f"programme.csv, upload {upload}")
    latest = audit_log.latest(10)
    assert [(e.who, e.action) for e in latest] == [
        ("bob", "programme published"),
        ("alice", "programme checked"),
    ]
    assert all(
        e.at.utcoffset() is not None and e.at.utcoffset().total_seconds() == 0 for e in latest
    )
    assert len(audit_log.latest(1)) == 1
