"""The update's worker process: caps and a memory ceiling keep it small, a cancel ends it, and
a restart sweeps what a crash left and says an update was lost."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from fastapi.testclient import TestClient
from organiser_support import DATA, LiveServer, bearer, desk_settings, index_copy

from assistant.config import Budget
from assistant.desk.build_worker import BuildJob, Event, WorkerProcess
from assistant.desk.reloader import process_identity
from assistant.service.app import create_app

ROWS_REFUSED = "big.csv:100001: more than 100,000 rows, the cap set by ASSISTANT_MAX_PROGRAMME_ROWS"


def big_csv(folder: Path, rows: int = 1_000_000) -> Path:
    """The probe's file: a 48 MB CSV of a million one-line sessions."""
    path = folder / "big.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("id,title,date,start,end,room\n")
        out.writelines(f"T{n},Talk {n},2025-05-21,09:00,10:15,Hall {n % 9}\n" for n in range(rows))
    return path


def run_worker(job: BuildJob) -> tuple[int, list[Event]]:
    events: list[Event] = []
    code = WorkerProcess(job, events.append).run()
    return code, [e for e in events if e["event"] != "alive"]


def test_a_million_row_csv_is_refused_by_the_worker_in_seconds_well_under_1_gb(
    tmp_path: Path,
) -> None:
    job = BuildJob(str(big_csv(tmp_path)), "big.csv", str(tmp_path / "index"))
    started = time.monotonic()
    code, events = run_worker(job)
    assert time.monotonic() - started < 10
    assert code == 1
    ((refused),) = events
    assert (refused["event"], refused["message"], refused["problems"]) == (
        "rejected",
        ROWS_REFUSED,
        [],
    )
    assert refused["peak_mb"] < 1024


def test_past_its_memory_ceiling_the_worker_fails_with_the_setting_named(tmp_path: Path) -> None:
    uncapped = Budget(max_rows=10_000_000, max_sessions=10_000_000)
    job = BuildJob(
        str(big_csv(tmp_path, 400_000)), "big.csv", str(tmp_path / "index"), None, uncapped, 200
    )
    code, events = run_worker(job)
    assert code == 1
    assert [(e["event"], e["message"]) for e in events] == [
        (
            "failed",
            "not changed: checking and building big.csv needs more memory than the 200 MiB set "
            "by ASSISTANT_BUILD_MEMORY_MB",
        )
    ]


def test_a_million_row_upload_is_refused_in_seconds_and_the_server_stays_small(
    seed_index: Path, seed_assistant_for_desk: Any, tmp_path: Path
) -> None:
    upload = big_csv(tmp_path)
    settings = desk_settings(index_copy(seed_index, tmp_path), tmp_path)
    app = create_app(settings, seed_assistant_for_desk)
    with LiveServer(app) as server, httpx.Client(base_url=server.url, headers=bearer()) as desk:
        before = rss_mb()
        started = time.monotonic()
        with upload.open("rb") as stream:  # streamed from the file, never held whole
            refused = desk.post(
                "/organiser/api/programme", files={"file": ("big.csv", stream)}, timeout=60
            )
        grown = rss_mb() - before
        status = desk.get("/organiser/api/programme/status").json()
    # the check runs in the worker: the server refuses at once, naming the cap
    assert refused.status_code == 422, refused.text
    assert refused.json()["error"]["message"] == ROWS_REFUSED
    assert (status["state"], status["message"]) == ("failed", ROWS_REFUSED)
    assert time.monotonic() - started < 20
    assert grown < 150, f"the server grew {grown:.0f} MB"
    assert TestClient(app).get("/readyz").json()["sessions"] == 1


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def test_a_build_cancelled_from_the_desk_changes_nothing_and_leaves_nothing(
    seed_index: Path, seed_assistant_for_desk: Any, tmp_path: Path
) -> None:
    index_dir = index_copy(seed_index, tmp_path)
    app = create_app(desk_settings(index_dir, tmp_path), seed_assistant_for_desk)
    manifest = (index_dir / "manifest.json").read_bytes()
    with TestClient(app) as client:
        files = {"file": ("new_programme.txt", (DATA / "new_programme.txt").read_bytes())}
        checked = client.post("/organiser/api/programme", files=files, headers=bearer())
        assert checked.status_code == 200
        published = client.post(
            "/organiser/api/programme/publish",
            json={"upload": checked.json()["upload"]},
            headers=bearer(),
        )
        assert published.status_code == 202
        deadline = time.monotonic() + 30
        while (
            client.get("/organiser/api/programme/status", headers=bearer()).json()["state"]
            != "building"
        ):
            assert time.monotonic() < deadline
            time.sleep(0.05)
        cancelling = client.post("/organiser/api/programme/cancel", headers=bearer())
        assert cancelling.status_code == 200
        assert cancelling.json()["message"] == "cancelling the update of new_programme.txt"
        status = app.state.service.updater.wait(30).to_json()
        assert (status["state"], status["message"]) == (
            "cancelled",
            "cancelled: new_programme.txt was not published; the programme is unchanged",
        )
        again = client.post("/organiser/api/programme/cancel", headers=bearer())
        assert again.status_code == 409
        assert again.json()["error"]["message"] == "no programme update is running"
        assert client.get("/readyz").json()["sessions"] == 1
    assert (index_dir / "manifest.json").read_bytes() == manifest
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".build-")] == []
    assert not list(Path(tempfile.gettempdir()).glob(f"programme-upload-{os.getpid()}-*"))


def test_a_restart_reports_a_lost_update_and_sweeps_crash_leftovers(
    seed_index: Path, seed_assistant_for_desk: Any, tmp_path: Path
) -> None:
    index_dir = index_copy(seed_index, tmp_path)
    # what a server killed with -9 while building leaves behind
    (tmp_path / ".update-index.json").write_text(
        json.dumps(
            {"state": "building", "file": "new.txt", "heartbeat": time.time() - 120, "pid": 1}
        )
    )
    stale = tmp_path / ".build-index-dead0001"
    stale.mkdir()
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    live = tmp_path / ".build-index-live0001"  # another replica writing its build right now
    live.mkdir()
    dead_pid = dead_process_id()
    upload = Path(tempfile.mkdtemp(prefix=f"programme-upload-{dead_pid}-"))
    app = create_app(desk_settings(index_dir, tmp_path), seed_assistant_for_desk)
    try:
        with TestClient(app) as client:
            status = client.get("/organiser/api/programme/status", headers=bearer()).json()
    finally:
        shutil.rmtree(upload, ignore_errors=True)
    assert (status["state"], status["message"]) == (
        "lost",
        "lost: the server stopped while building new.txt; the programme is unchanged, "
        "upload it again",
    )
    assert not stale.exists() and live.exists()
    assert not upload.exists()


def test_an_update_another_replica_is_running_is_not_called_lost(
    seed_index: Path, seed_assistant_for_desk: Any, tmp_path: Path
) -> None:
    index_dir = index_copy(seed_index, tmp_path)
    (tmp_path / ".update-index.json").write_text(
        json.dumps({"state": "building", "file": "new.txt", "heartbeat": time.time(), "pid": 1})
    )
    with TestClient(create_app(desk_settings(index_dir, tmp_path), seed_assistant_for_desk)) as c:
        assert c.get("/organiser/api/programme/status", headers=bearer()).json()["state"] == "idle"


def dead_process_id() -> int:
    """The pid of a process that has ended."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_restart_at_once_knows_an_update_whose_process_on_this_machine_is_gone(
    seed_index: Path, seed_assistant_for_desk: Any, tmp_path: Path
) -> None:
    index_dir = index_copy(seed_index, tmp_path)
    owner = process_identity().split("/")
    owner[2:] = [str(dead_process_id()), "1"]
    (tmp_path / ".update-index.json").write_text(
        json.dumps(
            {
                "state": "checking",
                "file": "new.txt",
                "heartbeat": time.time(),
                "owner": "/".join(owner),
            }
        )
    )
    with TestClient(create_app(desk_settings(index_dir, tmp_path), seed_assistant_for_desk)) as c:
        status = c.get("/organiser/api/programme/status", headers=bearer()).json()
    assert (status["state"], status["message"]) == (
        "lost",
        "lost: the server stopped while checking new.txt; the programme is unchanged, "
        "upload it again",
    )


def test_too_many_chunks_are_refused_by_the_uploads_name_before_embedding(tmp_path: Path) -> None:
    source = tmp_path / "upload" / "programme.txt"
    source.parent.mkdir()
    source.write_bytes((DATA / "new_programme.txt").read_bytes())
    job = BuildJob(
        str(source), "new_programme.txt", str(tmp_path / "index"), None, Budget(max_chunks=1)
    )
    code, events = run_worker(job)
    assert code == 1
    # the desk's progress reports chunking; nothing was embedded
    assert {e.get("stage") for e in events if e["event"] == "progress"} <= {"chunking"}
    events = [e for e in events if e["event"] != "progress"]
    assert [e["event"] for e in events] == ["checked", "rejected"]
    message = events[1]["message"]
    assert message.startswith("new_programme.txt:") and str(tmp_path) not in message
    assert message.endswith("the cap set by ASSISTANT_MAX_CHUNKS")
    assert not (tmp_path / "index").exists()
