"""`make soak`: a real server killed with -9 in the middle of a programme update, and a real
server sent a million-row CSV. Minutes, not in `make test` (marker `soak`)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.soak

ROOT = Path(__file__).resolve().parents[2]
C3 = ROOT.parent / "shared" / "data" / "36c3" / "stages.schedule.json"
TOKEN = "soak-organiser-token"
BEARER = {"Authorization": f"Bearer {TOKEN}"}


class Server:
    """`programme-assistant serve` in a process of its own, on a free port."""

    def __init__(self, index_dir: Path, folder: Path) -> None:
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        sock.close()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "ASSISTANT_ORGANISER_TOKEN": TOKEN,
            "ASSISTANT_RATE_LIMIT": "0",
            "DATABASE_URL": f"sqlite:///{folder / 'questions.db'}",
            "ASSISTANT_INDEX_WATCH_SECONDS": "0",
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "assistant", "serve", "--index", str(index_dir)]
            + ["--port", str(self.port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 120
        while True:
            assert self.process.poll() is None, "the server exited"
            try:
                if httpx.get(self.url + "/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)

    def status(self) -> dict[str, Any]:
        return httpx.get(self.url + "/organiser/api/programme/status", headers=BEARER).json()

    def peak_mb(self) -> int:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
        raise AssertionError("no VmHWM")

    def children(self) -> list[int]:
        """Its child processes, whichever of its threads started them."""
        tasks = Path(f"/proc/{self.process.pid}/task").iterdir()
        return [int(pid) for task in tasks for pid in (task / "children").read_text().split()]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(30)


@pytest.fixture
def served(seed_index: Path, tmp_path: Path) -> Iterator[tuple[Path, Any]]:
    index_dir = tmp_path / "index"
    shutil.copytree(seed_index, index_dir)
    started: list[Server] = []

    def start() -> Server:
        server = Server(index_dir, tmp_path)
        started.append(server)
        return server

    yield index_dir, start
    for server in started:
        server.stop()


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"


def test_kill_9_mid_update_leaves_the_index_whole_and_the_restart_says_lost(
    served: tuple[Path, Any],
) -> None:
    if not C3.exists():
        pytest.skip(f"needs {C3}")
    index_dir, start = served
    manifest = (index_dir / "manifest.json").read_bytes()
    server = start()
    with C3.open("rb") as upload:
        accepted = httpx.post(
            server.url + "/organiser/api/programme",
            files={"file": ("stages.schedule.json", upload)},
            headers=BEARER,
            timeout=60,
        )
    assert accepted.status_code == 202, accepted.text
    deadline = time.monotonic() + 180
    while (status := server.status())["state"] != "building" or status["progress"] <= 0.1:
        assert status["state"] in ("checking", "building"), status
        assert time.monotonic() < deadline, status
        time.sleep(0.2)
    (worker,) = server.children()
    server.process.send_signal(signal.SIGKILL)
    server.process.wait(30)
    deadline = time.monotonic() + 10
    while alive(worker):  # the worker dies with its server: no orphan swaps the index later
        assert time.monotonic() < deadline, "the build worker outlived its server"
        time.sleep(0.1)

    restarted = start()
    status = restarted.status()
    assert (status["state"], status["message"]) == (
        "lost",
        "lost: the server stopped while building stages.schedule.json; the programme is "
        "unchanged, upload it again",
    )
    assert httpx.get(restarted.url + "/readyz").json()["sessions"] == 1
    assert (index_dir / "manifest.json").read_bytes() == manifest
    assert [p.name for p in index_dir.parent.iterdir() if p.name.startswith(".build-")] == []


def test_a_real_server_sent_a_million_row_csv_refuses_it_in_seconds_under_1_gb(
    served: tuple[Path, Any], tmp_path: Path
) -> None:
    _, start = served
    upload = tmp_path / "big.csv"
    with upload.open("w", encoding="utf-8") as out:
        out.write("id,title,date,start,end,room\n")
        out.writelines(
            f"T{n},Talk {n},2025-05-21,09:00,10:15,Hall {n % 9}\n" for n in range(1_000_000)
        )
    server = start()
    httpx.post(server.url + "/api/chat", json={"message": "who chairs B6?"}, timeout=60)  # warm
    started = time.monotonic()
    with upload.open("rb") as stream:
        accepted = httpx.post(
            server.url + "/organiser/api/programme",
            files={"file": ("big.csv", stream)},
            headers=BEARER,
            timeout=60,
        )
    assert accepted.status_code == 202, accepted.text
    while (status := server.status())["state"] in ("checking", "building"):
        assert time.monotonic() - started < 20, status
        time.sleep(0.1)
    assert (status["state"], status["message"]) == (
        "failed",
        "big.csv:100001: more than 100,000 rows, the cap set by ASSISTANT_MAX_PROGRAMME_ROWS",
    )
    assert time.monotonic() - started < 20
    assert server.peak_mb() < 1024
    assert httpx.get(server.url + "/healthz", timeout=1).status_code == 200
