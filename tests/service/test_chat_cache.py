"""The answer cache over HTTP: a repeated question gets the same reply from the cache, and after
a programme swap the same question is answered afresh from the new programme."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
from fastapi.testclient import TestClient
from service_support import run_in_own_loop

from assistant.answers.engine import Assistant
from assistant.config import Settings
from assistant.search.store import build_index
from assistant.service.app import create_app
from assistant.sources import load_programme

NEW_PROGRAMME = Path(__file__).resolve().parents[1] / "data" / "organiser" / "new_programme.txt"
QUESTION = "is there anything on sepsis?"  # absent from the seed, S1 in the new programme


def test_the_cache_returns_the_same_reply_and_a_fresh_one_after_a_swap(
    seed_index: Path, embedder: Any, tmp_path: Path
) -> None:
    settings = Settings(index_dir=seed_index, now="2025-05-22T13:00", rate_limit=0)
    settings = settings.model_copy(update={"log_questions": False})
    app = create_app(settings, Assistant.load(seed_index, embedder))
    state = app.state.service
    with TestClient(app) as client:
        first = client.post("/api/chat", json={"message": QUESTION}).json()
        again = client.post("/api/chat", json={"message": QUESTION}).json()
        assert again == first
        assert (first["abstained"], [c["session_id"] for c in first["citations"]]) == (
            True,
            ["B6"],
        )
        assert hits(state) == 1.0

        new_index = tmp_path / "new"
        build_index(load_programme([NEW_PROGRAMME]), new_index, embedder, progress=False)
        state.swap(state.load_index(new_index))
        after = client.post("/api/chat", json={"message": QUESTION}).json()
        assert (after["abstained"], [c["session_id"] for c in after["citations"]]) == (
            False,
            ["S1"],
        )
        assert hits(state) == 1.0  # a miss: the new programme has a cache of its own


def hits(state: Any) -> float | None:
    return state.metrics.registry.get_sample_value("assistant_answer_cache_hits_total")


def test_a_crowd_asking_one_new_question_together_gets_it_worked_out_once(
    seed_index: Path, embedder: Any
) -> None:
    assistant = Assistant.load(seed_index, embedder)
    worked = []
    work = assistant._reply

    def counted(*args: Any) -> Any:
        worked.append(args[0])
        return work(*args)

    assistant._reply = counted  # type: ignore[method-assign]
    settings = Settings(index_dir=seed_index, now="2025-05-22T13:00", rate_limit=0)
    app = create_app(settings.model_copy(update={"log_questions": False}), assistant)

    async def crowd() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            ask = {"message": "who is speaking about patient safety research?"}
            return await asyncio.gather(*(client.post("/api/chat", json=ask) for _ in range(8)))

    replies = run_in_own_loop(crowd())
    assert {r.status_code for r in replies} == {200}
    assert len({r.text for r in replies}) == 1
    assert worked == ["who is speaking about patient safety research?"]
    assert hits(app.state.service) == 7.0
