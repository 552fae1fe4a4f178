"""Ready means ready: /readyz says so only once the model is loaded and answers were rendered,
and a new programme is warmed up before it is swapped in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from assistant.config import Settings
from assistant.service.app import create_app
from assistant.service.state import ServiceState


def test_readiness_waits_for_the_model_and_rendered_answers(seed_index: Path) -> None:
    app = create_app(Settings(index_dir=seed_index, rate_limit=0, log_questions=False))
    state: ServiceState = app.state.service
    with TestClient(app) as client:  # the lifespan (load, warm up) has run: the server listens
        ready = client.get("/readyz")
        assistant = state.assistant
        assert ready.status_code == 200 and ready.json()["status"] == "ready"
        assert assistant is not None
        assert assistant.retriever.embedder._model is not None  # loaded at start, not on demand
        assert assistant.warmed is not None  # it has answered the warm-up questions
        env = assistant.answerer.env
        assert env.cache is not None and len(env.cache) == len(env.list_templates())
        assert len(assistant.cache) == 0  # warm-up answers are not delegates' answers


def test_a_new_programme_is_warmed_up_before_it_is_swapped_in(app: Any, seed_index: Path) -> None:
    state: ServiceState = app.state.service
    serving = state.assistant
    loaded = state.load_index(seed_index)  # what the watcher and the desk's update swap in
    assert loaded.warmed is not None
    assert state.assistant is serving  # loading swaps nothing; IndexWatcher swaps after
