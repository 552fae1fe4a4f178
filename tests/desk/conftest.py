"""Organiser fixtures: a desk app over a private copy of the seed index, and PostgreSQL if given."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from organiser_support import desk_settings, index_copy

from assistant.service.app import create_app


@pytest.fixture(scope="session")
def seed_assistant_for_desk(seed_index: Path, embedder: Any) -> Any:
    """The real Assistant over the real seed index (B6 only), loaded once."""
    from assistant.answers.engine import Assistant

    return Assistant.load(seed_index, embedder)


@pytest.fixture(scope="module")
def desk_app(
    seed_index: Path, seed_assistant_for_desk: Any, tmp_path_factory: pytest.TempPathFactory
) -> FastAPI:
    """The desk over the seed programme; its question log in a SQLite file of its own."""
    folder = tmp_path_factory.mktemp("desk")
    settings = desk_settings(index_copy(seed_index, folder), folder)
    return create_app(settings, seed_assistant_for_desk)


@pytest.fixture(scope="module")
def desk(desk_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(desk_app) as client:
        yield client
