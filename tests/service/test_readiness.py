"""Ready means ready: /readyz says so only once the model is loaded and answers were rendered,
and a new programme is warmed up before it is swapped in."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from assistant.config import Settings
from assistant.search.store import build_index
from assistant.service.app import create_app
from assistant.service.state import ServiceState
from assistant.sources import load_programme

NEW_PROGRAMME = Path(__file__).resolve().parents[1] / "data" / "organiser" / "new_programme.txt"


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


def test_a_programme_published_while_a_worker_loads_is_loaded_after(
    seed_index: Path, embedder: Any, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    shutil.copytree(seed_index, index_dir)
    settings = Settings(index_dir=index_dir, rate_limit=0, log_questions=False)
    state = ServiceState(settings.model_copy(update={"index_watch_seconds": 0.01}))
    loading = state.warmed

    def published_meanwhile(path: Path, model: Any) -> Any:
        loaded = loading(path, model)  # the old programme, read before the publish below
        build_index(load_programme([NEW_PROGRAMME]), index_dir, embedder, progress=False)
        return loaded

    state.warmed = published_meanwhile  # type: ignore[method-assign]
    state.load()
    assert state.assistant is not None and len(state.assistant.programme.sessions) == 1
    assert state.watcher is not None and state.watcher.reload() is True  # seen as new
    assert len(state.assistant.programme.sessions) == 2
