"""A real `serve --workers 2`: warm before it listens, metrics added up over its workers, and on
SIGTERM /readyz turns 503 'draining' while chat still answers, before the server exits cleanly."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

NOW = "2025-05-22T13:00"
QUESTION = "who is speaking about patient safety research?"
START_TIMEOUT_S = 300  # two workers each load the model; a busy machine takes a while


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture()
def server(seed_index: Path, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """`python -m assistant serve --workers 2` on a free port, stopped at the end if still up."""
    port = free_port()
    env = {
        **os.environ,
        "ASSISTANT_DRAIN_SECONDS": "2",
        "ASSISTANT_LOG_QUESTIONS": "0",
        "ASSISTANT_RATE_LIMIT": "0",
    }
    command = [sys.executable, "-m", "assistant", "serve", "--index", str(seed_index)]
    command += ["--port", str(port), "--workers", "2", "--now", NOW]
    log = (tmp_path / "serve.log").open("wb")
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path)
    try:
        yield process, f"http://127.0.0.1:{port}"
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)
        log.close()


def wait_ready(process: subprocess.Popen[bytes], base: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        assert process.poll() is None, "serve exited before it was ready"
        try:
            if httpx.get(f"{base}/readyz", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass  # not listening yet: no worker is warm
        time.sleep(0.2)
    raise AssertionError(f"not ready after {START_TIMEOUT_S} s")


def test_sigterm_makes_readyz_503_draining_before_the_server_exits(
    server: tuple[subprocess.Popen[bytes], str],
) -> None:
    process, base = server
    wait_ready(process, base)
    with httpx.Client(base_url=base, timeout=30) as client:
        for _ in range(4):
            assert client.post("/api/chat", json={"message": QUESTION}).status_code == 200
        families = text_string_to_metric_families(client.get("/metrics").text)
        answers = {s.name: s.value for f in families for s in f.samples}
        assert answers["assistant_answers_total"] == 4.0  # whichever worker answered each

        process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 10
        while (ready := client.get("/readyz")).status_code == 200:
            assert time.monotonic() < deadline, "/readyz never said draining"
            time.sleep(0.05)
        assert ready.status_code == 503
        assert ready.json()["status"] == "draining"
        during = client.post("/api/chat", json={"message": QUESTION})
        assert during.status_code == 200  # still answering while the balancer drains it
        assert during.headers["connection"] == "close"
    assert process.wait(timeout=60) == 0
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{base}/readyz", timeout=5)
