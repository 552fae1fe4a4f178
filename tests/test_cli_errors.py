"""The command line as a person meets it: one line on stderr for any failure, never a
traceback; caps and a memory ceiling on check and build; uvicorn believing no proxy by default."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from assistant.config import Settings
from assistant.service.app import create_app
from assistant.service.server import server_options

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds"
# the child's peak memory, measured by a wrapper that has no other child
MEASURED = (
    "import resource, subprocess, sys; "
    "done = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
    "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024); "
    "print(done.stderr, end='')"
)


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def one_error_line(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.splitlines()
    return line


def test_building_where_the_index_cannot_be_written_is_one_line_not_a_traceback(
    tmp_path: Path,
) -> None:
    assert one_error_line(cli("build", "--index", "/sys/harden-probe/index", str(SEED))) == (
        "error: cannot write the index /sys/harden-probe/index: /sys/harden-probe: "
        "Operation not permitted"
    )
    blocker = tmp_path / "afile"
    blocker.write_text("not a folder")
    assert one_error_line(cli("build", "--index", str(blocker / "index"), str(SEED))) == (
        f"error: cannot write the index {blocker / 'index'}: {blocker}: File exists"
    )


def test_a_context_that_is_not_json_is_one_line(tmp_path: Path) -> None:
    line = one_error_line(cli("ask", "--index", str(tmp_path), "--context", "{nope", "when?"))
    assert line.startswith("error: --context expects JSON: Expecting property name")


def test_a_setting_of_the_wrong_kind_is_one_line(tmp_path: Path) -> None:
    line = one_error_line(cli("check", str(SEED), env={"ASSISTANT_MAX_SESSIONS": "many"}))
    assert line.startswith("error: a setting is not valid: max_sessions: Input should be")


def test_checking_a_million_row_csv_is_refused_in_seconds_under_1_gb(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("id,title,date,start,end,room\n")
        out.writelines(
            f"T{n},Talk {n},2025-05-21,09:00,10:15,Hall {n % 9}\n" for n in range(1_000_000)
        )
    started = time.monotonic()
    measured = subprocess.run(
        [sys.executable, "-c", MEASURED, sys.executable, "-m", "assistant", "check", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    seconds = time.monotonic() - started
    status, *stderr = measured.stdout.splitlines()
    code, peak_mb = map(int, status.split())
    assert (code, stderr) == (
        2,
        [
            f"error: {path}:100001: more than 100,000 rows, the cap set by ASSISTANT_MAX_PROGRAMME_ROWS"
        ],
    )
    assert seconds < 10
    assert peak_mb < 1024


def test_the_caps_are_settings(tmp_path: Path) -> None:
    line = one_error_line(
        cli(
            "check",
            str(ROOT / "tests/data/forum/programme.txt"),
            env={"ASSISTANT_MAX_SESSIONS": "2"},
        )
    )
    assert line.endswith(": more than 2 sessions, the cap set by ASSISTANT_MAX_SESSIONS")


# ---------------------------------------------------------------- X-Forwarded-For


def test_by_default_uvicorn_believes_no_proxy() -> None:
    options = server_options(Settings())
    assert (options["proxy_headers"], options["forwarded_allow_ips"]) == (False, "")
    configured = server_options(Settings(forwarded_allow_ips="10.0.0.5"))
    assert (configured["proxy_headers"], configured["forwarded_allow_ips"]) == (True, "10.0.0.5")


def test_the_deployments_forwarded_allow_ips_variable_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "*")  # what deploy/compose.yaml sets
    assert server_options(Settings())["forwarded_allow_ips"] == "*"


@pytest.fixture
def served(seed_index: Path, embedder: Any) -> Iterator[Any]:
    """Serve the seed with the CLI's uvicorn options on a free port: serve(settings) -> url."""
    from assistant.answers.engine import Assistant

    assistant = Assistant.load(seed_index, embedder)
    servers: list[tuple[uvicorn.Server, threading.Thread, socket.socket]] = []

    def serve(settings: Settings) -> str:
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        options = {k: v for k, v in server_options(settings).items() if k not in ("host", "port")}
        server = uvicorn.Server(uvicorn.Config(create_app(settings, assistant), **options))
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        servers.append((server, thread, sock))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"

    yield serve
    for server, thread, sock in servers:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def test_a_forged_x_forwarded_for_from_the_host_does_not_escape_the_rate_limit(
    served: Any, seed_index: Path
) -> None:
    url = served(Settings(index_dir=seed_index, rate_limit=2, log_questions=False))
    codes = [
        httpx.post(
            url + "/api/chat",
            json={"message": "hi"},
            headers={"X-Forwarded-For": f"203.0.113.{n}"},
        ).status_code
        for n in range(3)
    ]
    assert codes == [200, 200, 429]


def test_a_configured_proxy_is_believed(served: Any, seed_index: Path) -> None:
    settings = Settings(
        index_dir=seed_index, rate_limit=2, log_questions=False, forwarded_allow_ips="127.0.0.1"
    )
    url = served(settings)
    codes = [
        httpx.post(
            url + "/api/chat",
            json={"message": "hi"},
            headers={"X-Forwarded-For": f"203.0.113.{n}"},
        ).status_code
        for n in range(3)
    ]
    assert codes == [200, 200, 200]
