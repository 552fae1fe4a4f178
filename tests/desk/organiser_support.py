"""Constants and helpers the organiser tests share (a module: conftest.py is not importable)."""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI

from assistant.config import Settings

NOW = "2025-05-22T13:00"  # the seed's day, before B6 starts at 13:15
TOKEN = "organiser-test-token-7f3a"
DATA = Path(__file__).resolve().parents[1] / "data" / "organiser"


def postgres_url() -> str | None:
    """The PostgreSQL server .ci/run starts (.ci/pg-up.sh), if this run has one."""
    url = os.environ.get("TEST_DATABASE_URL") or os.environ.get("DATABASE_URL") or ""
    return url if url.startswith("postgres") else None


def bearer(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def login_csrf(page: str) -> str:
    """The CSRF token in the login form's hidden field."""
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, page[:500]
    return match.group(1)


def desk_csrf(page: str) -> str:
    """The session's CSRF token the desk page gives its scripts."""
    match = re.search(r'<meta name="csrf-token" content="([^"]+)">', page)
    assert match, page[:500]
    return match.group(1)


def log_in(client: Any, token: str = TOKEN) -> Any:
    """Log in as a browser does: fetch the form (its CSRF cookie and field), post it back."""
    csrf = login_csrf(client.get("/organiser").text)
    return client.post("/organiser/login", data={"token": token, "csrf_token": csrf})


def session_cookie(response: Any) -> str:
    """The session id a login response sets (its Set-Cookie header for the desk's cookie)."""
    for header in response.headers.get_list("set-cookie"):
        if header.startswith("organiser="):
            return header.split(";", 1)[0].split("=", 1)[1]
    raise AssertionError(response.headers)


def index_copy(seed_index: Path, folder: Path) -> Path:
    """A private copy of the seed index: programme updates write into it."""
    target = folder / "index"
    shutil.copytree(seed_index, target)
    return target


def desk_settings(index_dir: Path, folder: Path, **changes: Any) -> Settings:
    values: dict[str, Any] = {
        "index_dir": index_dir,
        "now": NOW,
        "rate_limit": 0,
        "organiser_token": TOKEN,
        "database_url": f"sqlite:///{folder / 'questions.db'}",
        "index_watch_seconds": 0,
    }
    values.update(changes)
    return Settings(**values)


class LiveServer:
    """A real uvicorn server on a free port, in a background thread."""

    def __init__(self, app: FastAPI) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))  # port 0: the OS picks a free one
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True
        )

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()
