"""The workers of one server share the replies they work out: a question one worker answered
is a cache hit on another, within its minute if it read the clock, and never across versions."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from assistant.answers.engine import Assistant
from assistant.config import Settings
from assistant.service.app import create_app
from assistant.service.shared_answers import SharedAnswers

QUESTION = "who is speaking about patient safety research?"


def worker(seed_index: Path, embedder: Any, shared: Path, now: str) -> tuple[Any, list[str]]:
    """One worker's app over the seed, sharing `shared`; and the questions it worked out."""
    assistant = Assistant.load(seed_index, embedder)
    worked: list[str] = []
    work = assistant._reply

    def counted(*args: Any) -> Any:
        worked.append(args[0])
        return work(*args)

    assistant._reply = counted  # type: ignore[method-assign]
    settings = Settings(index_dir=seed_index, now=now, rate_limit=0, shared_dir=shared)
    return create_app(settings.model_copy(update={"log_questions": False}), assistant), worked


def test_a_question_one_worker_answered_is_a_cache_hit_on_another(
    seed_index: Path, embedder: Any, tmp_path: Path
) -> None:
    (first, worked_first), (second, worked_second) = (
        worker(seed_index, embedder, tmp_path, "2025-05-22T13:00") for _ in "ab"
    )
    with TestClient(first) as one, TestClient(second) as other:
        answered = one.post("/api/chat", json={"message": QUESTION}).json()
        shared = other.post("/api/chat", json={"message": QUESTION}).json()
        again = other.post("/api/chat", json={"message": QUESTION}).json()
    assert shared == answered == again
    assert (worked_first, worked_second) == ([QUESTION], [])
    hits = second.state.service.metrics.registry.get_sample_value
    assert hits("assistant_answer_cache_hits_total") == 2.0


def test_a_shared_reply_that_read_the_clock_holds_for_its_minute(
    seed_index: Path, embedder: Any, tmp_path: Path
) -> None:
    first, _ = worker(seed_index, embedder, tmp_path, "2025-05-22T13:00")
    later, worked_later = worker(seed_index, embedder, tmp_path, "2025-05-22T13:20")
    with TestClient(first) as one, TestClient(later) as other:
        at_one = one.post("/api/chat", json={"message": "what's on now?"}).json()
        at_twenty_past = other.post("/api/chat", json={"message": "what's on now?"}).json()
    assert worked_later == ["what's on now?"]  # 13:00's reply does not hold at 13:20
    assert "13:00" in at_one["answer"] and "13:20" in at_twenty_past["answer"]


def test_replies_are_filed_by_index_version(tmp_path: Path, seed_assistant: Assistant) -> None:
    shared = SharedAnswers(tmp_path / "answers.sqlite3", 10)
    key = seed_assistant.cache_key(QUESTION)
    reply = seed_assistant.reply(QUESTION, now=datetime(2025, 5, 22, 13, 0))
    shared.put("version-1", key, reply, None)
    assert shared.get("version-1", key, datetime(2025, 5, 23, 9, 0)) == (reply, None)
    assert shared.get("version-2", key, datetime(2025, 5, 23, 9, 0)) is None
