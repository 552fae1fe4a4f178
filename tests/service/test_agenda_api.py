"""The agenda through the real app: the optional `agenda` of a chat request, the `agenda`
action of a reply, and hostile agendas refused with a 422, never a 500."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def chat(agenda_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(agenda_app) as client:
        yield client


def post(client: TestClient, body: dict[str, Any]) -> dict[str, Any]:
    response = client.post("/api/chat", json=body)
    assert response.status_code == 200, response.text
    reply: dict[str, Any] = response.json()
    return reply


def test_add_it_after_when_is_it_carries_the_action(chat: TestClient) -> None:
    first = post(chat, {"message": "when is the virtual wards talk?"})
    assert "agenda" not in first  # only a reply that changes the agenda has the field
    assert first["suggestions"][0] == "Add it to my agenda"
    reply = post(chat, {"message": "add it to my agenda", "context": first["context"]})
    assert set(reply) == {
        "answer",
        "abstained",
        "citations",
        "context",
        "suggestions",
        "lang",
        "agenda",
    }
    assert reply["agenda"] == {"add": ["L4"], "remove": []}
    assert reply["answer"] == (
        "Added 'Virtual wards for heart failure' (Thursday 13:15, Room 3) to your agenda."
    )
    assert [c["session_id"] for c in reply["citations"]] == ["L4"]


def test_add_it_with_no_context_asks_which_and_changes_nothing(chat: TestClient) -> None:
    reply = post(chat, {"message": "add it to my agenda", "context": None, "agenda": ["L4"]})
    assert reply["abstained"] is True
    assert "agenda" not in reply
    assert reply["answer"].startswith("Which session shall I add to your agenda?")


def test_the_agenda_sent_is_what_the_answer_reads(chat: TestClient) -> None:
    body = {"message": "do any of my sessions clash?", "agenda": ["W2", "L3", "K1", "B6"]}
    reply = post(chat, body)
    assert reply["abstained"] is False
    assert [c["session_id"] for c in reply["citations"]] == ["W2", "L3"]
    assert "1 clash in your agenda:" in reply["answer"]
    listing = post(chat, {"message": "what's on my agenda?", "agenda": ["K1"]})
    assert [c["session_id"] for c in listing["citations"]] == ["K1"]


def test_the_same_question_with_another_agenda_is_not_served_from_the_cache(
    chat: TestClient,
) -> None:
    question = "what's on my agenda on friday?"
    mine = post(chat, {"message": question, "agenda": ["P5"]})
    theirs = post(chat, {"message": question, "agenda": ["L6", "K1"]})
    again = post(chat, {"message": question, "agenda": ["P5"]})
    assert [c["session_id"] for c in mine["citations"]] == ["P5"]
    assert [c["session_id"] for c in theirs["citations"]] == ["L6"]
    assert again == mine


def test_a_client_that_sends_no_agenda_is_told_where_it_lives(chat: TestClient) -> None:
    reply = post(chat, {"message": "what's on my agenda?", "context": None})
    assert reply["abstained"] is True
    assert reply["answer"].startswith("Your agenda is kept on your device")


@pytest.mark.parametrize(
    ("agenda", "message"),
    [
        (["x"] * 501, "agenda: List should have at most 500 items after validation, not 501"),
        (
            [1, 2],
            "agenda.0: Input should be a valid string; agenda.1: Input should be a valid string",
        ),
        ([None], "agenda.0: Input should be a valid string"),
        ([["W2"]], "agenda.0: Input should be a valid string"),
        (["x" * 201], "agenda.0 is too long: 201 characters, at most 200 allowed"),
        ([""], "agenda.0: String should have at least 1 character"),
        ("W2", "agenda: Input should be a valid list"),
        ({"add": ["W2"]}, "agenda: Input should be a valid list"),
    ],
)
def test_hostile_agendas_are_422_naming_the_field(
    chat: TestClient, agenda: Any, message: str
) -> None:
    response = chat.post("/api/chat", json={"message": "what's on my agenda?", "agenda": agenda})
    assert response.status_code == 422
    assert response.json()["error"]["message"] == message


def test_an_agenda_past_the_body_limit_is_413_not_500(chat: TestClient) -> None:
    agenda = [f"session-{n:05d}" for n in range(2000)]
    response = chat.post("/api/chat", json={"message": "what's on my agenda?", "agenda": agenda})
    assert response.status_code == 413


def test_openapi_documents_the_optional_agenda_fields(chat: TestClient) -> None:
    schemas = chat.get("/openapi.json").json()["components"]["schemas"]
    request = schemas["ChatRequest"]
    assert "agenda" in request["properties"] and "agenda" not in request.get("required", [])
    assert request["properties"]["agenda"]["anyOf"][0]["maxItems"] == 500
    reply = schemas["ReplyOut"]
    assert "agenda" in reply["properties"] and "agenda" not in reply["required"]
    assert set(schemas["AgendaChangeOut"]["properties"]) == {"add", "remove"}
