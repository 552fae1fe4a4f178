"""One JSON line per request: route template, status, time, cache hit and abstention; never the
client's address, and the question's text only when question logging is on."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from assistant.answers.engine import Assistant
from assistant.config import Settings
from assistant.service.app import create_app

QUESTION = "is there anything on sepsis?"


def request_lines(caplog: pytest.LogCaptureFixture) -> list[dict[str, Any]]:
    return [json.loads(r.getMessage()) for r in caplog.records if r.name == "assistant.requests"]


@pytest.mark.parametrize("log_questions", [False, True])
def test_the_json_log_line_has_no_address_and_text_only_when_questions_are_logged(
    seed_index: Path, seed_assistant: Assistant, tmp_path: Path, log_questions: bool,
    caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    settings = Settings(
        index_dir=seed_index,
        now="2025-05-22T13:00",
        rate_limit=0,
        log_questions=log_questions,
        database_url=f"sqlite:///{tmp_path / 'questions.db'}",
    )
    app = create_app(settings, seed_assistant)
    caplog.set_level("INFO", logger="assistant.requests")
    with TestClient(app, client=("203.0.113.9", 50000)) as client:
        client.post(
            "/api/chat", json={"message": QUESTION}, headers={"X-Forwarded-For": "198.51.100.7"}
        )
        client.get("/api/sessions/B6")
    chat, session = request_lines(caplog)
    expected = {"time", "pid", "method", "route", "status", "ms", "cache_hit", "abstained"}
    assert set(chat) == expected | ({"message"} if log_questions else set())
    assert (chat["route"], chat["status"], chat["abstained"]) == ("/api/chat", 200, True)
    assert chat.get("message") == (QUESTION if log_questions else None)
    assert (session["route"], session["status"]) == ("/api/sessions/{session_id:path}", 200)
    assert set(session) == {"time", "pid", "method", "route", "status", "ms"}
    for line in (chat, session):
        text = json.dumps(line)
        assert "203.0.113.9" not in text and "198.51.100.7" not in text
        if not log_questions:
            assert "sepsis" not in text
