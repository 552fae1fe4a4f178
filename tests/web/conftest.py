"""Web fixtures: the real assistant over the seed index, the app, a live server, a browser."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.api import create_app
from assistant.config import Settings

NOW = "2025-05-22T13:00"  # the seed's day, before B6 starts at 13:15
ALLOWED_ORIGIN = "https://conference.example"
CHROMIUM = Path("/usr/bin/chromium")  # Debian's package; never `playwright install`


@pytest.fixture(scope="session")
def seed_assistant(seed_index: Path, embedder: Any) -> Any:
    """The real Assistant over the real seed index, loaded once."""
    from assistant.engine import Assistant

    return Assistant.load(seed_index, embedder)


@pytest.fixture(scope="session")
def web_settings(seed_index: Path) -> Settings:
    return Settings(index_dir=seed_index, now=NOW, rate_limit=0, cors_origins=ALLOWED_ORIGIN)


@pytest.fixture(scope="session")
def app(web_settings: Settings, seed_assistant: Any) -> FastAPI:
    return create_app(web_settings, seed_assistant)


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def live_url(app: FastAPI) -> Iterator[str]:
    """A real uvicorn server on a free port, in a background thread."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))  # port 0: the OS picks a free one
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield launched
        launched.close()
