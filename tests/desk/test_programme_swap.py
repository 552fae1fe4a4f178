"""Changing the programme under a running server: a swap under load, and replicas that follow."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import httpx
from organiser_support import DATA, LiveServer, bearer, desk_settings, index_copy

from assistant.search.store import build_index
from assistant.service.app import create_app
from assistant.sources import load_programme

QUESTION = "is there anything on sepsis?"  # absent from the seed, S1 in the new programme


def test_swapping_the_programme_under_continuous_chat_loses_no_request(
    seed_index: Path, seed_assistant_for_desk: Any, tmp_path: Path
) -> None:
    settings = desk_settings(index_copy(seed_index, tmp_path), tmp_path)
    app = create_app(settings, seed_assistant_for_desk)
    answers: list[tuple[float, int, bool, list[str]]] = []
    failures: list[str] = []
    stop = threading.Event()

    def chat_continuously(url: str) -> None:
        with httpx.Client(base_url=url, timeout=30) as client:
            while not stop.is_set():
                sent = time.monotonic()  # a request sent after the swap must see the new one
                try:
                    response = client.post("/api/chat", json={"message": QUESTION})
                    body = response.json()
                    ids = [c["session_id"] for c in body.get("citations", [])]
                    answers.append((sent, response.status_code, body.get("abstained"), ids))
                except Exception as exc:  # a refused or dropped connection is a failure too
                    failures.append(repr(exc))

    with LiveServer(app) as server:
        sender = threading.Thread(target=chat_continuously, args=(server.url,), daemon=True)
        sender.start()
        try:
            while len(answers) < 3:
                time.sleep(0.05)
            upload = {"file": ("new_programme.txt", (DATA / "new_programme.txt").read_bytes())}
            with httpx.Client(base_url=server.url, headers=bearer(), timeout=30) as desk:
                checked = desk.post("/organiser/api/programme", files=upload).json()
                started = desk.post(
                    "/organiser/api/programme/publish", json={"upload": checked["upload"]}
                )
                assert started.status_code == 202, started.text
                states = {started.json()["state"]}
                deadline = time.monotonic() + 60
                while True:
                    status = desk.get("/organiser/api/programme/status").json()
                    states.add(status["state"])
                    if status["state"] in ("swapped", "failed") or time.monotonic() > deadline:
                        break
                    time.sleep(0.05)
            swapped_at = time.monotonic()
            assert status["state"] == "swapped", status
            while sum(1 for a in answers if a[0] > swapped_at) < 3:
                time.sleep(0.05)
        finally:
            stop.set()
            sender.join(timeout=30)

    assert failures == []
    assert {code for _, code, _, _ in answers} == {200}
    assert states >= {"building", "swapped"}
    before = answers[:3]
    after = [a for a in answers if a[0] > swapped_at]
    assert [(abstained, ids) for _, _, abstained, ids in before] == [(True, ["B6"])] * 3
    assert {(abstained, tuple(ids)) for _, _, abstained, ids in after} == {(False, ("S1",))}


def test_a_replica_loads_an_index_rebuilt_elsewhere(
    seed_index: Path, seed_assistant_for_desk: Any, embedder: Any, tmp_path: Path
) -> None:
    index_dir = index_copy(seed_index, tmp_path)
    settings = desk_settings(index_dir, tmp_path, index_watch_seconds=0.1)
    app = create_app(settings, seed_assistant_for_desk)
    with LiveServer(app) as server, httpx.Client(base_url=server.url, timeout=30) as client:
        assert client.get("/readyz").json()["sessions"] == 1
        # what `programme-assistant build` (or another replica's desk) does to the shared folder
        build_index(load_programme([DATA / "new_programme.txt"]), index_dir, embedder, False)
        deadline = time.monotonic() + 20
        while client.get("/readyz").json()["sessions"] != 2:
            assert time.monotonic() < deadline, "the new index was not loaded"
            time.sleep(0.1)
        reply = client.post("/api/chat", json={"message": QUESTION}).json()
    assert [c["session_id"] for c in reply["citations"]] == ["S1"]


def test_a_broken_rebuild_keeps_the_served_index(
    seed_index: Path, seed_assistant_for_desk: Any, tmp_path: Path
) -> None:
    index_dir = index_copy(seed_index, tmp_path)
    settings = desk_settings(index_dir, tmp_path, index_watch_seconds=0.1)
    app = create_app(settings, seed_assistant_for_desk)
    watcher = app.state.service.watcher
    (index_dir / "manifest.json").write_text("{not json", "utf-8")
    assert watcher.reload() is False
    assert app.state.service.assistant is seed_assistant_for_desk
