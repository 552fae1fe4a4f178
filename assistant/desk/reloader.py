"""Changing the programme under a running server: an upload checked and built by a worker
process (build_worker.py) and swapped in, cancellable, its status kept on disk so an update
lost to a crash says so; and a cheap watch of the index manifest so every replica loads a
rebuilt index."""

from __future__ import annotations

import json
import logging
import os
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from assistant.config import Budget
from assistant.desk.build_worker import (
    BuildJob,
    Event,
    ProgrammeRejected,
    WorkerProcess,
    describe_exit,
    severity_label,
)
from assistant.errors import AssistantError
from assistant.search.store import MANIFEST_FILE, sweep_build_leftovers

if TYPE_CHECKING:
    from assistant.answers.engine import Assistant

__all__ = ["IndexWatcher", "ProgrammeRejected", "ProgrammeUpdater", "UpdateBusy", "severity_label"]

log = logging.getLogger(__name__)

WATCH_INTERVAL = 2.0  # seconds between two stats of manifest.json
UPLOAD_PREFIX = "programme-upload-"  # + the server's pid: a folder per upload in the temp dir
LOST_AFTER = 30.0  # seconds without a word from a running update before a restart calls it lost
LEFTOVER_AGE = 600.0  # a .build-* folder untouched this long was left by a killed build

Signature = tuple[int, int, int] | None


def manifest_signature(index_dir: Path) -> Signature:
    """What changes when a build swaps a new folder in: the manifest's inode, mtime and size."""
    try:
        stat = os.stat(Path(index_dir) / MANIFEST_FILE)
    except OSError:
        return None  # no index, or a swap between its two renames
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


class IndexWatcher:
    """Reloads the assistant when the index folder's manifest changes (another replica, or
    `programme-assistant build`, rebuilt it); checked at request time, at most every few seconds."""

    def __init__(
        self,
        index_dir: Path,
        load: Callable[[Path], Assistant],
        swap: Callable[[Assistant], None],
        interval: float = WATCH_INTERVAL,
    ) -> None:
        self.index_dir = Path(index_dir)
        self.load = load
        self.swap = swap
        self.interval = interval
        self.lock = threading.Lock()  # held while (re)loading or building: one change at a time
        self._seen = manifest_signature(self.index_dir)
        self._checked = time.monotonic()

    def mark_seen(self, signature: Signature | None = None) -> None:
        """The index being served is the folder's as of `signature` (default: now). Loading
        takes seconds: a loader passes the signature it read before, so a build that swapped
        the folder meanwhile is still seen as new."""
        self._seen = signature if signature is not None else manifest_signature(self.index_dir)

    def poll(self) -> bool:
        """Start a background reload if the manifest changed; True when one was started."""
        now = time.monotonic()
        if now - self._checked < self.interval:
            return False
        self._checked = now
        signature = manifest_signature(self.index_dir)
        if signature is None or signature == self._seen or self.lock.locked():
            return False
        threading.Thread(target=self.reload, name="index-reload", daemon=True).start()
        return True

    def reload(self) -> bool:
        """Load the folder's index and swap it in; the old one keeps serving if loading fails."""
        if not self.lock.acquire(blocking=False):
            return False
        try:
            signature = manifest_signature(self.index_dir)
            if signature is None or signature == self._seen:
                return False
            assistant = self.load(self.index_dir)
            self.swap(assistant)
            self._seen = signature
            log.warning(
                "reloaded %s: %d sessions", self.index_dir, len(assistant.programme.sessions)
            )
            return True
        except AssistantError as exc:
            log.error("kept the old index: %s", exc)
            return False
        finally:
            self.lock.release()


class UpdateState(StrEnum):
    """Where a programme update is."""

    IDLE = "idle"
    CHECKING = "checking"
    BUILDING = "building"
    SWAPPED = "swapped"
    FAILED = "failed"
    CANCELLED = "cancelled"
    LOST = "lost"  # the server stopped while it ran (a crash, kill -9): nothing was changed


RUNNING = (UpdateState.CHECKING, UpdateState.BUILDING)


@dataclass(frozen=True, slots=True)
class UpdateStatus:
    """What the desk shows while a new programme is checked, built and swapped in."""

    state: UpdateState = UpdateState.IDLE
    progress: float = 0.0
    message: str = ""
    sessions: int = 0
    file: str = ""
    problems: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        """The status route's JSON."""
        return {
            "state": self.state.value,
            "progress": round(self.progress, 3),
            "message": self.message,
            "sessions": self.sessions,
            "file": self.file,
            "problems": list(self.problems),
        }


class UpdateBusy(AssistantError):
    """A programme update is already being built."""


class ProgrammeUpdater:
    """Hands an uploaded programme to a worker process that checks and builds it, then swaps
    the assistant; the request that uploaded it only stores the file.

    The worker writes into the served index folder the way `build` does (aside, then a rename),
    so other replicas see the new manifest and reload; until the swap, chat answers from the
    old assistant, which is wholly in memory."""

    def __init__(
        self,
        watcher: IndexWatcher,
        budget: Budget | None = None,
        memory_mb: int = 4096,
        timezone: str | None = None,
    ) -> None:
        self.watcher = watcher
        self.budget = budget or Budget()
        self.memory_mb = memory_mb
        self.timezone = timezone
        index_dir = watcher.index_dir
        self.status_file = index_dir.parent / f".update-{index_dir.name}.json"
        self._status = UpdateStatus()
        self._guard = threading.Lock()
        self._thread: threading.Thread | None = None
        self._worker: WorkerProcess | None = None
        self._built = False
        self._saved = 0.0

    @property
    def status(self) -> UpdateStatus:
        """The latest status (a frozen record: safe to read from any thread)."""
        return self._status

    def _set(self, **changes: Any) -> None:
        with self._guard:
            self._status = replace(self._status, **changes)
        self._save()

    def _save(self, force: bool = True) -> None:
        """Keep the status beside the index, with a heartbeat, so a restart can tell an update
        that died with the server from one another replica is running."""
        now = time.time()
        if not force and now - self._saved < 1.0:
            return
        self._saved = now
        record = {**self._status.to_json(), "heartbeat": now, "owner": process_identity()}
        partial = self.status_file.with_name(f"{self.status_file.name}.{os.getpid()}.tmp")
        try:
            partial.write_text(json.dumps(record), encoding="utf-8")
            partial.replace(self.status_file)
        except OSError as exc:  # a read-only index folder: the status lives in memory only
            log.warning("programme update status not saved: %s", exc)

    def submit(self, name: str, upload: IO[bytes], timezone: str | None = None) -> UpdateStatus:
        """Store the upload and start its check and build in a worker; the status says so."""
        if not self.watcher.lock.acquire(blocking=False):
            raise UpdateBusy("a programme update is already running; wait for it to finish")
        started = False
        workdir = Path(tempfile.mkdtemp(prefix=f"{UPLOAD_PREFIX}{os.getpid()}-"))
        try:
            name = _safe_name(name)
            path = workdir / name
            with path.open("wb") as out:
                shutil.copyfileobj(upload, out, 1 << 20)
            job = BuildJob(
                source=str(path),
                name=name,
                index_dir=str(self.watcher.index_dir),
                timezone=timezone or self.timezone,
                budget=self.budget,
                memory_mb=self.memory_mb,
            )
            self._built = False
            self._worker = WorkerProcess(job, self._on_event)
            self._status = UpdateStatus(UpdateState.CHECKING, 0.02, f"checking {name}", file=name)
            self._save()
            self._thread = threading.Thread(
                target=self._run, args=(self._worker, workdir), name="programme-update", daemon=True
            )
            self._thread.start()
            started = True
            return self._status
        finally:
            if not started:
                shutil.rmtree(workdir, ignore_errors=True)
                self.watcher.lock.release()

    def cancel(self) -> UpdateStatus:
        """Stop the running update; the served programme stays. UpdateBusy's sibling: raises
        AssistantError when none is running."""
        worker = self._worker
        if worker is None or self._status.state not in RUNNING:
            raise NothingToCancel("no programme update is running")
        worker.cancel()
        self._set(message=f"cancelling the update of {self._status.file}")
        return self._status

    def _on_event(self, event: Event) -> None:
        kind = event.get("event")
        if kind == "checked":
            count = int(event.get("sessions", 0))
            self._set(
                state=UpdateState.BUILDING,
                progress=0.1,
                message=f"building the index of {count} sessions",
                sessions=count,
                problems=tuple(map(str, event.get("warnings", ()))),
            )
        elif kind == "progress":
            with self._guard:
                self._status = replace(self._status, progress=0.1 + 0.8 * float(event["done"]))
            self._save(force=False)
        elif kind in ("rejected", "failed"):
            problems = tuple(map(str, event.get("problems", ())))
            self._set(
                state=UpdateState.FAILED,
                progress=0.0,
                message=str(event["message"]),
                problems=problems,
            )
            log.warning(
                "programme update refused: %s (peak %s MB)", event["message"], event.get("peak_mb")
            )
        elif kind == "built":
            self._built = True
            self._set(progress=0.92, message="loading the new index")
        else:  # alive
            self._save(force=False)

    def _run(self, worker: WorkerProcess, workdir: Path) -> None:
        try:
            code = worker.run()
            if self._built:  # swapped into the folder, even if a cancel came too late
                self._swap_in()
            elif worker.cancelled:
                self._set(
                    state=UpdateState.CANCELLED,
                    progress=0.0,
                    message=f"cancelled: {self._status.file} was not published; "
                    "the programme is unchanged",
                )
            elif self._status.state in RUNNING:
                self._set(
                    state=UpdateState.FAILED,
                    progress=0.0,
                    message=f"not changed: the build worker stopped ({describe_exit(code)})",
                )
        except Exception as exc:  # the thread's only report is the status
            log.exception("programme update failed")
            self._set(state=UpdateState.FAILED, message=f"not changed: {exc}")
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
            self._worker = None
            self.watcher.lock.release()

    def _swap_in(self) -> None:
        assistant = self.watcher.load(self.watcher.index_dir)
        self.watcher.swap(assistant)
        self.watcher.mark_seen()
        count = len(assistant.programme.sessions)
        self._set(
            state=UpdateState.SWAPPED,
            progress=1.0,
            sessions=count,
            message=f"now answering from {assistant.programme.title}: {count} sessions",
        )

    def wait(self, timeout: float | None = None) -> UpdateStatus:
        """Block until the running update ends (for the CLI and tests)."""
        if self._thread is not None:
            self._thread.join(timeout)
        return self._status

    def recover(self) -> None:
        """At start: sweep what killed builds and uploads left, and report an update the last
        run of this server lost."""
        sweep_build_leftovers(self.watcher.index_dir, LEFTOVER_AGE)
        sweep_uploads(Path(tempfile.gettempdir()))
        self._notice_lost()

    def _notice_lost(self) -> None:
        """The status file says an update is running, but the process running it is gone (on
        this machine), or nothing was heard of it for LOST_AFTER seconds (another machine)."""
        if self._status.state is not UpdateState.IDLE:
            return
        try:
            record = json.loads(self.status_file.read_text(encoding="utf-8"))
            state = UpdateState(record["state"])
            silent = time.time() - float(record["heartbeat"]) > LOST_AFTER
            gone = owner_gone(str(record.get("owner", "")))
        except (OSError, ValueError, KeyError, TypeError):
            return
        if state not in RUNNING or not (gone or (gone is None and silent)):
            return
        file = str(record.get("file", ""))
        self._status = UpdateStatus(
            UpdateState.LOST,
            message=f"lost: the server stopped while {state.value} {file}; the programme "
            "is unchanged, upload it again",
            file=file,
        )
        self._save()


class NothingToCancel(AssistantError):
    """A cancel arrived with no programme update running."""


def process_identity(pid: int | None = None) -> str:
    """host/boot/pid/start-time: names one process, even after its pid is reused."""
    pid = pid or os.getpid()
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text().strip()
        # the field after the command's closing parenthesis: start time is the 20th of them
        started = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        boot, started = "", ""
    return f"{socket.gethostname()}/{boot}/{pid}/{started}"


def owner_gone(owner: str) -> bool | None:
    """Whether the process an identity names has ended; None when it ran on another machine
    (or this one cannot tell)."""
    parts = owner.split("/")
    if len(parts) != 4 or not parts[1] or not parts[2].isdigit():
        return None
    if parts[:2] != process_identity().split("/")[:2]:
        return None  # another host or another boot
    return process_identity(int(parts[2])) != owner


def sweep_uploads(temp: Path) -> list[Path]:
    """Delete upload folders whose server is gone (its pid runs no more) or, without a pid,
    older than a day; the folders deleted."""
    swept = []
    for folder in temp.glob(f"{UPLOAD_PREFIX}*"):
        owner = folder.name[len(UPLOAD_PREFIX) :].split("-", 1)[0]
        try:
            if owner.isdigit():
                if _running(int(owner)):
                    continue
            elif time.time() - folder.stat().st_mtime < 86_400:
                continue
        except OSError:
            continue
        shutil.rmtree(folder, ignore_errors=True)
        swept.append(folder)
    return swept


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True


def _safe_name(name: str) -> str:
    """The uploaded file's own name, without folders or odd characters."""
    base = Path(name.replace("\\", "/")).name.strip()
    cleaned = "".join(c if c.isalnum() or c in "._- " else "_" for c in base).strip(". ")
    return cleaned[:120] or "programme.txt"
