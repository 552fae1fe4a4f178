"""Hostile-input fixtures: the real assistant over the seed index, and apps built from settings."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from assistant.config import Settings
from assistant.service.app import create_app

NOW = "2025-05-22T13:00"  # the seed's day, before B6 starts at 13:15
ALLOWED_ORIGIN = "https://conference.example"


@pytest.fixture(scope="session")
def hostile_assistant(seed_index: Path, embedder: Any) -> Any:
    """The real Assistant over the real seed index, loaded once."""
    from assistant.answers.engine import Assistant

    return Assistant.load(seed_index, embedder)


@pytest.fixture
def make_client(
    seed_index: Path, hostile_assistant: Any, tmp_path: Path
) -> Iterator[Callable[..., TestClient]]:
    """Open a TestClient on an app built from Settings() (the environment) plus overrides."""
    opened: list[TestClient] = []

    def make(client: tuple[str, int] = ("203.0.113.7", 50000), **overrides: Any) -> TestClient:
        values: dict[str, Any] = {
            "index_dir": seed_index,
            "now": NOW,
            "database_url": f"sqlite:///{tmp_path / 'questions.db'}",
            **overrides,
        }
        settings = Settings().model_copy(update=values)
        test_client = TestClient(create_app(settings, hostile_assistant), client=client)
        opened.append(test_client.__enter__())
        return test_client

    yield make
    for test_client in opened:
        test_client.__exit__(None, None, None)
