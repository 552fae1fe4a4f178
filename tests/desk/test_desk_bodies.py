"""Bodies sent to the desk before anyone is let in: refused at the headers, never spooled."""

from __future__ import annotations

import socket
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import starlette.formparsers
from organiser_support import LiveServer, bearer, desk_settings, index_copy

from assistant.service.app import create_app

HUNDRED_MB = 100 * 1024 * 1024
BOUNDARY = "----probe"


@pytest.fixture(scope="module")
def desk_server(
    seed_index: Path, seed_assistant_for_desk: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("desk-bodies")
    settings = desk_settings(index_copy(seed_index, folder), folder)
    with LiveServer(create_app(settings, seed_assistant_for_desk)) as server:
        yield server.url


@pytest.fixture
def spooled(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every temporary file Starlette's multipart parser opens (the server runs in-process)."""
    opened: list[Any] = []
    real = starlette.formparsers.SpooledTemporaryFile

    def recording(*args: Any, **kwargs: Any) -> Any:
        spool = real(*args, **kwargs)
        opened.append(spool)
        return spool

    monkeypatch.setattr(starlette.formparsers, "SpooledTemporaryFile", recording)
    return opened


def send_head_and_some_body(
    url: str, path: str, length: int, headers: dict[str, str] | None = None
) -> tuple[float, bytes]:
    """Start a multipart POST declaring `length` bytes, send its first 256 KB, read the answer:
    (seconds until the status line arrived, the response's head)."""
    host, port = url.removeprefix("http://").split(":")
    extra = "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
        f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
        f"Content-Length: {length}\r\n{extra}\r\n"
    ).encode()
    part = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n'
        "Content-Type: text/csv\r\n\r\n"
    ).encode()
    started = time.monotonic()
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(head + part)
        try:
            for _ in range(4):
                sock.sendall(b"x" * 65536)
        except OSError:
            pass  # the server answered and closed: it will not read the rest
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
    return time.monotonic() - started, answer


@pytest.mark.parametrize("path", ["/organiser/api/programme", "/organiser/api/batch"])
def test_an_unauthenticated_100_mb_upload_gets_401_in_under_a_second_with_nothing_spooled(
    desk_server: str, spooled: list[Any], path: str
) -> None:
    temp = set(Path(tempfile.gettempdir()).iterdir())
    seconds, answer = send_head_and_some_body(desk_server, path, HUNDRED_MB)
    assert answer.startswith(b"HTTP/1.1 401 "), answer[:200]
    assert seconds < 1.0
    assert spooled == []
    assert not [p for p in set(Path(tempfile.gettempdir()).iterdir()) - temp if "tmp" in p.name]


def test_a_wrong_token_is_refused_before_the_body_too(desk_server: str, spooled: list[Any]) -> None:
    headers = bearer("not-the-token")
    seconds, answer = send_head_and_some_body(
        desk_server, "/organiser/api/programme", HUNDRED_MB, headers
    )
    assert answer.startswith(b"HTTP/1.1 401 "), answer[:200]
    assert seconds < 1.0
    assert spooled == []


def test_a_100_mb_login_form_gets_413_unread(desk_server: str, spooled: list[Any]) -> None:
    seconds, answer = send_head_and_some_body(desk_server, "/organiser/login", HUNDRED_MB)
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]
    assert seconds < 1.0
    assert spooled == []


def test_an_authorised_upload_over_the_limit_gets_413_before_it_is_spooled(
    desk_server: str, spooled: list[Any]
) -> None:
    seconds, answer = send_head_and_some_body(
        desk_server, "/organiser/api/programme", HUNDRED_MB, bearer()
    )
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]
    assert seconds < 1.0
    assert spooled == []
