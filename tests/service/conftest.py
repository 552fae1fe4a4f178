"""Web fixtures: the real assistant over the seed index, the app, a live server, a browser."""

from __future__ import annotations

import functools
import http.server
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.config import Settings
from assistant.service.app import create_app

NOW = "2025-05-22T13:00"  # the seed's day, before B6 starts at 13:15
ALLOWED_ORIGIN = "https://conference.example"


@pytest.fixture(scope="session")
def seed_assistant(seed_index: Path, embedder: Any) -> Any:
    """The real Assistant over the real seed index, loaded once."""
    from assistant.answers.engine import Assistant

    assistant = Assistant.load(seed_index, embedder)
    assistant.reply("who is speaking?")  # warm, so a browser test's first answer is quick
    return assistant


@pytest.fixture(scope="session")
def embed_socket() -> Iterator[socket.socket]:
    """A port reserved for another site that embeds the widget (a different origin)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    yield sock
    sock.close()


def embed_origin(sock: socket.socket) -> str:
    return f"http://localhost:{sock.getsockname()[1]}"


@pytest.fixture(scope="session")
def web_settings(seed_index: Path, embed_socket: socket.socket) -> Settings:
    origins = f"{ALLOWED_ORIGIN},{embed_origin(embed_socket)}"
    return Settings(
        index_dir=seed_index, now=NOW, rate_limit=0, cors_origins=origins, log_questions=False
    )


@pytest.fixture(scope="session")
def app(web_settings: Settings, seed_assistant: Any) -> FastAPI:
    return create_app(web_settings, seed_assistant)


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """A real uvicorn server for app on a free port, in a background thread."""
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
def live_url(app: FastAPI) -> Iterator[str]:
    """The seed's app on a real uvicorn server."""
    with serving(app) as url:
        yield url


def programme_app(index: Path, embedder: Any, now: str, **settings: Any) -> FastAPI:
    """The app over a built index, its clock fixed at `now` (programme-local)."""
    from assistant.answers.engine import Assistant

    chosen = Settings(
        index_dir=index,
        now=now,
        rate_limit=0,
        log_questions=False,
        index_watch_seconds=0,
        **settings,
    )
    assistant = Assistant.load(index, embedder)
    assistant.reply("who is speaking?")  # warm: a browser test's first answer comes in seconds
    return create_app(chosen, assistant)


AGENDA_PROGRAMME = Path(__file__).resolve().parents[1] / "data" / "agenda"
AGENDA_NOW = "2025-05-22T10:15"  # Thursday, day 1 of tests/data/agenda, after its keynote


@pytest.fixture(scope="session")
def agenda_app(assistant_for: Any, embedder: Any) -> FastAPI:
    """The app over tests/data/agenda: six sessions in parallel rooms, two pairs that clash."""
    index = assistant_for(AGENDA_PROGRAMME, "agenda").index.path
    return programme_app(index, embedder, AGENDA_NOW)


@pytest.fixture(scope="session")
def agenda_url(agenda_app: FastAPI) -> Iterator[str]:
    """tests/data/agenda's app served live."""
    with serving(agenda_app) as url:
        yield url


C3_NOW = "2019-12-28T14:00"  # day 2 of 36C3, mid-afternoon
USER_NOW = "2025-08-09T11:00"


@pytest.fixture(scope="session")
def c3_app(c3_index: Path, embedder: Any) -> FastAPI:
    """The app over 36C3's 498 events (an index built once: mark users slow)."""
    return programme_app(c3_index, embedder, C3_NOW)


@pytest.fixture(scope="session")
def c3_url(c3_app: FastAPI) -> Iterator[str]:
    """36C3's app served live."""
    with serving(c3_app) as url:
        yield url


@pytest.fixture(scope="session")
def user_url(user_index: Path, embedder: Any) -> Iterator[str]:
    """useR! 2025's programme served live, under its own name (build once: mark users slow)."""
    with serving(programme_app(user_index, embedder, USER_NOW, title="useR! 2025")) as url:
        yield url


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def conference_site(folder: Path, live_url: str, sock: socket.socket) -> http.server.HTTPServer:
    """A conference site on another origin that publishes the widget with its one script tag
    (index.html in English; de.html in German, without a title of its own)."""
    tag = (
        f'<script src="{live_url}/static/widget.js" data-endpoint="{live_url}/api/chat" '
        'data-title="Ask the programme" defer></script>'
    )
    page = f"""<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Forum 2025</title><link rel="icon" href="data:,"></head>
<body><main><h1>Forum 2025</h1></main>
{tag}
</body>
</html>
"""
    (folder / "index.html").write_text(page, "utf-8")
    # a German site that leaves the widget's words to the widget: it takes them from lang="de"
    german = page.replace('<html lang="en">', '<html lang="de">').replace(
        ' data-title="Ask the programme"', ""
    )
    (folder / "de.html").write_text(german, "utf-8")
    handler = functools.partial(QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(sock.getsockname(), handler, bind_and_activate=False)
    httpd.socket.close()
    httpd.socket = sock
    httpd.server_activate()
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


@pytest.fixture(scope="session")
def embed_site(
    live_url: str, embed_socket: socket.socket, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A site whose origin is in the CORS allow-list."""
    httpd = conference_site(tmp_path_factory.mktemp("conference-site"), live_url, embed_socket)
    yield embed_origin(embed_socket)
    httpd.shutdown()


@pytest.fixture(scope="session")
def unlisted_site(live_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A site that embeds the widget without being in ASSISTANT_CORS_ORIGINS."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    httpd = conference_site(tmp_path_factory.mktemp("unlisted-site"), live_url, sock)
    yield embed_origin(sock)
    httpd.shutdown()
    sock.close()
