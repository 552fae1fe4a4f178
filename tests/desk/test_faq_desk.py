"""The desk's FAQ editor: entries written on the desk answer delegates at once, on every replica."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from organiser_support import bearer, desk_settings

from assistant.service.app import create_app

COFFEE = {"question": "Where can I get coffee?", "answer": "At the bar in the foyer, all day."}
DESK_TEXT = "The programme doesn't cover that — please ask at the information desk."


def chat(client: TestClient, message: str) -> dict[str, Any]:
    response = client.post("/api/chat", json={"message": message})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_an_entry_written_on_the_desk_answers_delegates_with_its_citation(
    seed_assistant_for_desk: Any, tmp_path: Path
) -> None:
    app = create_app(desk_settings(tmp_path, tmp_path), seed_assistant_for_desk)
    with TestClient(app) as client:
        before = chat(client, "where can I get a coffee?")
        assert (before["answer"], before["abstained"], before["citations"]) == (
            DESK_TEXT,
            True,
            [],
        )
        saved = client.post("/organiser/api/faq", json=COFFEE, headers=bearer())
        assert saved.status_code == 200, saved.text
        assert saved.json()["entries"] == [
            {
                "id": "coffee",
                "question": "Where can I get coffee?",
                "answer": "At the bar in the foyer, all day.",
                "source": "desk",
                "url": "/faq#coffee",
            }
        ]
        after = chat(client, "where can I get a coffee?")
        assert (after["answer"], after["abstained"]) == ("At the bar in the foyer, all day.", False)
        assert [(c["session_id"], c["url"]) for c in after["citations"]] == [
            ("faq:coffee", "/faq#coffee")
        ]
        page = client.get("/faq")
        assert page.status_code == 200
        assert '<dt id="coffee">Where can I get coffee?</dt>' in page.text
        removed = client.delete("/organiser/api/faq/coffee", headers=bearer())
        assert removed.json()["entries"] == []
        assert chat(client, "where can I get a coffee?")["answer"] == DESK_TEXT
        # programme questions are untouched throughout
        assert chat(client, "who chairs B6?")["citations"][0]["session_id"] == "B6"


def test_the_information_desk_text_is_a_setting(
    seed_assistant_for_desk: Any, tmp_path: Path
) -> None:
    text = "Ask at the welcome desk in hall A, open 08:00-18:00."
    settings = desk_settings(tmp_path, tmp_path, information_desk=text)
    with TestClient(create_app(settings, seed_assistant_for_desk)) as client:
        assert chat(client, "is there a cloakroom?")["answer"] == text


def test_another_replica_answers_from_an_entry_within_seconds(
    seed_index: Path, embedder: Any, tmp_path: Path
) -> None:
    from assistant.answers.engine import Assistant

    settings = desk_settings(tmp_path, tmp_path, index_watch_seconds=0.2)
    one = create_app(settings, Assistant.load(seed_index, embedder))
    two = create_app(settings, Assistant.load(seed_index, embedder))
    with TestClient(one) as first, TestClient(two) as second:
        assert chat(second, "where can I get coffee?")["abstained"] is True
        assert first.post("/organiser/api/faq", json=COFFEE, headers=bearer()).status_code == 200
        deadline = time.monotonic() + 10
        while chat(second, "where can I get coffee?")["abstained"]:
            assert time.monotonic() < deadline, "the other replica never saw the entry"
            time.sleep(0.1)
        assert chat(second, "where can I get coffee?")["citations"][0]["session_id"] == (
            "faq:coffee"
        )


def test_a_bad_anchor_is_refused_naming_the_field(desk: TestClient) -> None:
    response = desk.post(
        "/organiser/api/faq", json={**COFFEE, "id": "Coffee Bar!"}, headers=bearer()
    )
    assert response.status_code == 422
    assert response.json()["error"]["message"] == (
        "id: expected lower-case letters, digits, '-' or '_' (up to 60), got 'coffee bar!'"
    )


def test_answer_this_from_the_report_writes_the_entry_and_marks_the_group_done(
    seed_assistant_for_desk: Any, tmp_path: Path
) -> None:
    with TestClient(
        create_app(desk_settings(tmp_path, tmp_path), seed_assistant_for_desk)
    ) as client:
        for message in ("where can I get coffee?", "is there coffee anywhere?", "who chairs B6?"):
            chat(client, message)
        groups = client.get("/organiser/api/report", headers=bearer()).json()["groups"]
        coffee = groups[0]
        assert (coffee["question"], coffee["count"], coffee["abstained"]) == (
            "where can I get coffee?",
            2,
            True,
        )
        body = {**COFFEE, "resolves": coffee["keys"]}
        assert client.post("/organiser/api/faq", json=body, headers=bearer()).status_code == 200
        groups = client.get("/organiser/api/report", headers=bearer()).json()["groups"]
    assert [(g["question"], g["done"]) for g in groups] == [
        ("who chairs B6?", False),
        ("where can I get coffee?", True),
    ]
