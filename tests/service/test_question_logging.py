"""The question log row is written before the reply's first byte leaves: a replica killed the
moment it has answered has logged what it answered."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from service_support import run_in_own_loop

from assistant.answers.engine import Assistant
from assistant.config import Settings
from assistant.desk.question_log import QuestionLog
from assistant.service.app import create_app

QUESTION = "who is speaking about patient safety research?"


def test_the_question_is_logged_before_the_reply_is_sent(
    seed_index: Path, seed_assistant: Assistant, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'questions.db'}"
    settings = Settings(index_dir=seed_index, now="2025-05-22T13:00", rate_limit=0)
    app = create_app(settings.model_copy(update={"database_url": url}), seed_assistant)
    reader = QuestionLog(url)
    logged_when_sent: list[list[str]] = []
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        body = json.dumps({"message": QUESTION}).encode()
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":  # what the log holds as the reply starts
            logged_when_sent.append([q.text for q in reader.latest()])
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/api/chat",
        "raw_path": b"/api/chat",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"content-type", b"application/json"), (b"host", b"testserver")],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    run_in_own_loop(app(scope, receive, send))
    reader.close()
    assert sent[0]["status"] == 200
    assert logged_when_sent == [[QUESTION]]
