"""Safe programme updates from the desk: an upload is checked (parsers and vetting) and shown as
a preview against the live programme; publishing it takes a confirmation and builds it in the
background with progress that follows the work; the last programmes are kept for a rollback."""

from __future__ import annotations

import json
import logging
import os
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

from assistant.config import Budget
from assistant.desk.build_worker import (
    BuildJob,
    Event,
    ProgrammeRejected,
    WorkerProcess,
    describe_exit,
)
from assistant.desk.history import History
from assistant.desk.reloader import (
    LEFTOVER_AGE,
    LOST_AFTER,
    UPLOAD_PREFIX,
    IndexWatcher,
    owner_gone,
    process_identity,
    sweep_uploads,
)
from assistant.errors import AssistantError
from assistant.search.store import FAQ_FILE, sweep_build_leftovers

__all__ = ["NotChecked", "NothingToCancel", "ProgrammeRejected", "ProgrammeUpdater", "UpdateBusy"]

log = logging.getLogger(__name__)

PENDING_SECONDS = 3600  # a checked upload waits this long for its confirmation
# Where a build's progress goes: chunking 5-20 %, embedding 20-90 %, then writing and loading.
STAGES = {"chunking": (0.05, 0.20), "embedding": (0.20, 0.90), "writing": (0.90, 0.93)}


class UpdateState(StrEnum):
    """Where a programme update is."""

    IDLE = "idle"
    CHECKING = "checking"
    CHECKED = "checked"  # previewed, waiting for the organiser to publish it
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
    title: str = ""  # the programme's name: the desk's header shows it after a swap

    def to_json(self) -> dict[str, object]:
        """The status route's JSON."""
        return {
            "state": self.state.value,
            "progress": round(self.progress, 3),
            "message": self.message,
            "sessions": self.sessions,
            "file": self.file,
            "problems": list(self.problems),
            "title": self.title,
        }


@dataclass(frozen=True, slots=True)
class Checked:
    """An upload that passed the check, waiting for the organiser to confirm it."""

    upload: str  # what the confirmation names
    file: str
    path: Path  # the stored upload, in workdir
    timezone: str | None
    shown: dict[str, Any]  # the worker's preview: title, sessions, days, rooms, preview
    warnings: tuple[str, ...]
    workdir: Path
    checked_at: float

    @property
    def title(self) -> str:
        return str(self.shown.get("title", ""))

    @property
    def sessions(self) -> int:
        return int(self.shown.get("sessions", 0))

    def to_json(self) -> dict[str, object]:
        """The check route's JSON: the preview and what to send to publish it."""
        return {
            "state": UpdateState.CHECKED.value,
            "upload": self.upload,
            "file": self.file,
            "title": self.title,
            "sessions": self.sessions,
            "days": list(self.shown.get("days", [])),
            "rooms": list(self.shown.get("rooms", [])),
            "problems": list(self.warnings),
            "preview": self.shown.get("preview", {}),
        }


class UpdateBusy(AssistantError):
    """A programme update is already being built."""


class NothingToCancel(AssistantError):
    """A cancel arrived with no programme update running."""


class NotChecked(AssistantError):
    """A publish names no upload that is checked and waiting (another was checked since, or
    it was published already, or it waited too long)."""


class ProgrammeUpdater:
    """Checks uploads and builds a confirmed one, each in a worker process (build_worker.py:
    the programme caps, a memory ceiling, a cancel that ends it), swaps it in and rolls back.

    The worker writes into the served index folder the way `build` does (aside, then a rename),
    so other replicas see the new manifest and reload; until the swap, chat answers from the
    old assistant, which is wholly in memory. The status is kept beside the index with a
    heartbeat, so a restart says when an update died with the server."""

    def __init__(
        self,
        watcher: IndexWatcher,
        budget: Budget | None = None,
        memory_mb: int = 4096,
        history: History | None = None,
        timezone: str | None = None,
    ) -> None:
        self.watcher = watcher
        self.budget = budget or Budget()
        self.memory_mb = memory_mb
        self.history = history or History(watcher.index_dir)
        self.timezone = timezone
        index_dir = watcher.index_dir
        self.status_file = index_dir.parent / f".update-{index_dir.name}.json"
        self._status = UpdateStatus()
        self._guard = threading.Lock()
        self._pending: Checked | None = None
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

    def _job(self, path: Path, name: str, timezone: str | None, **more: Any) -> BuildJob:
        return BuildJob(
            source=str(path),
            name=name,
            index_dir=str(self.watcher.index_dir),
            timezone=timezone or self.timezone,
            budget=self.budget,
            memory_mb=self.memory_mb,
            **more,
        )

    def check(self, name: str, upload: IO[bytes], timezone: str | None) -> Checked:
        """Store an upload and check it in a worker; if usable, keep it for publishing with a
        preview against the served programme. ProgrammeRejected lists the errors (and
        warnings); AssistantError says why it could not be read (a cap, the memory ceiling)."""
        name = _safe_name(name)
        if self.watcher.lock.locked():
            raise UpdateBusy("a programme update is already running; wait for it to finish")
        workdir = Path(tempfile.mkdtemp(prefix=f"{UPLOAD_PREFIX}{os.getpid()}-"))
        self._status = UpdateStatus(UpdateState.CHECKING, 0.02, f"checking {name}", file=name)
        self._save()
        events: list[Event] = []
        try:
            path = workdir / name
            with path.open("wb") as out:
                shutil.copyfileobj(upload, out, 1 << 20)
            worker = WorkerProcess(self._job(path, name, timezone, check_only=True), events.append)
            code = worker.run()
            shown = next((e for e in events if e["event"] == "checked"), None)
            if shown is None:
                raise _refusal(events, name, code)
        except AssistantError as exc:
            shutil.rmtree(workdir, ignore_errors=True)
            self._set(state=UpdateState.FAILED, progress=0.0, message=str(exc).splitlines()[0])
            raise
        warnings = tuple(map(str, shown.get("warnings", ())))
        checked = Checked(
            secrets.token_urlsafe(12), name, path, timezone or self.timezone, shown, warnings,
            workdir, time.monotonic(),
        )  # fmt: skip
        with self._guard:
            previous, self._pending = self._pending, checked
        if previous is not None:
            shutil.rmtree(previous.workdir, ignore_errors=True)
        self._set(
            state=UpdateState.CHECKED,
            progress=0.0,
            message=f"{name} is checked: {checked.sessions} sessions; publish it to make it live",
            sessions=checked.sessions,
            file=name,
            problems=warnings,
            title=checked.title,
        )
        return checked

    def publish(self, upload: str) -> UpdateStatus:
        """Build the checked upload in a worker and swap it in (the confirmation)."""
        with self._guard:
            checked = self._pending
            if checked is None or checked.upload != upload:
                raise NotChecked("that upload is not waiting to be published: check the file again")
            if time.monotonic() - checked.checked_at > PENDING_SECONDS:
                raise NotChecked("that upload was checked over an hour ago: check the file again")
        if not self.watcher.lock.acquire(blocking=False):
            raise UpdateBusy("a programme update is already running; wait for it to finish")
        self._pending = None
        faq_path = self.watcher.index_dir / FAQ_FILE  # the FAQ goes with the programme
        faq = faq_path.read_text("utf-8") if faq_path.is_file() else None
        job = self._job(checked.path, checked.file, checked.timezone, faq=faq)
        self._built = False
        self._worker = WorkerProcess(job, self._on_event)
        self._status = UpdateStatus(
            UpdateState.BUILDING, 0.02, f"building the index of {checked.sessions} sessions",
            checked.sessions, checked.file, checked.warnings, checked.title,
        )  # fmt: skip
        self._save()
        self._start(self._build, (self._worker, checked))
        return self._status

    def cancel(self) -> UpdateStatus:
        """Stop the running build; the served programme stays. NothingToCancel when none runs."""
        worker = self._worker
        if worker is None or self._status.state not in RUNNING:
            raise NothingToCancel("no programme update is running")
        # said before the worker is stopped: its end, which says "cancelled", may come at once
        cancelling = f"cancelling the update of {self._status.file}"
        self._set(message=cancelling)
        worker.cancel()
        return replace(self._status, message=cancelling)

    def rollback(self, version: str) -> UpdateStatus:
        """Put a kept programme back, in the background."""
        kept = {p.id: p for p in self.history.versions()}.get(version)
        if kept is None:
            raise NotChecked(
                f"no kept programme {version!r}; the last {self.history.keep} are kept"
            )
        if not self.watcher.lock.acquire(blocking=False):
            raise UpdateBusy("a programme update is already running; wait for it to finish")
        self._status = UpdateStatus(
            UpdateState.BUILDING, 0.1, f"putting back {kept.title} ({kept.file})", kept.sessions,
            kept.file, (), kept.title,
        )  # fmt: skip
        self._save()
        self._start(self._restore, version)
        return self._status

    def _start(self, work: Callable[[Any], None], argument: object) -> None:
        self._thread = threading.Thread(
            target=work, args=(argument,), name="programme-update", daemon=True
        )
        self._thread.start()

    def _report(self, stage: str, done: int, total: int) -> None:
        """A build's progress as the desk shows it: the share of the work done so far."""
        low, high = STAGES.get(stage, (0.9, 0.93))
        share = done / total if total else 1.0
        messages = {
            "chunking": f"cutting sessions into chunks: {done:,} of {total:,}",
            "embedding": f"embedding chunks: {done:,} of {total:,}" if total else "no new text",
            "writing": "writing the index",
        }
        with self._guard:
            self._status = replace(
                self._status,
                progress=low + (high - low) * share,
                message=messages.get(stage, stage),
            )
        self._save(force=False)

    def _on_event(self, event: Event) -> None:
        kind = event.get("event")
        if kind == "progress":
            self._report(str(event["stage"]), int(event["done"]), int(event["total"]))
        elif kind in ("rejected", "failed"):
            self._set(
                state=UpdateState.FAILED,
                progress=0.0,
                message=str(event["message"]),
                problems=tuple(map(str, event.get("problems", ()))),
            )
            log.warning(
                "programme update refused: %s (peak %s MB)", event["message"], event.get("peak_mb")
            )
        elif kind == "built":
            self._built = True
        else:  # checked, alive
            self._save(force=False)

    def _build(self, work: tuple[WorkerProcess, Checked]) -> None:
        worker, checked = work
        try:
            self.history.record(file="", note="live before the desk's update")
            code = worker.run()
            if self._built:  # swapped into the folder, even if a cancel came too late
                self._swap_in(lambda title, n: f"now answering from {title}: {_sessions(n)}")
                self.history.record(file=checked.file)
            elif worker.cancelled:
                self._set(
                    state=UpdateState.CANCELLED,
                    progress=0.0,
                    message=f"cancelled: {checked.file} was not published; "
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
            shutil.rmtree(checked.workdir, ignore_errors=True)
            self._worker = None
            self.watcher.lock.release()

    def _restore(self, version: str) -> None:
        try:
            self.history.record(file="", note="live before a rollback")
            kept = self.history.restore(version)
            source = f" ({kept.file})" if kept.file else ""
            self._swap_in(lambda title, n: f"rolled back to {title}{source}: {_sessions(n)}")
        except Exception as exc:
            log.exception("rollback failed")
            self._set(state=UpdateState.FAILED, message=f"not rolled back: {exc}")
        finally:
            self.watcher.lock.release()

    def _swap_in(self, describe: Callable[[str, int], str]) -> None:
        """Load the index folder, serve it, and say so."""
        self._set(progress=0.95, message="loading the new index")
        assistant = self.watcher.load(self.watcher.index_dir)
        self.watcher.swap(assistant)
        self.watcher.mark_seen()
        programme = assistant.programme
        count = len(programme.sessions)
        self._set(
            state=UpdateState.SWAPPED,
            progress=1.0,
            sessions=count,
            title=programme.title,
            message=describe(programme.title, count),
        )

    def versions(self) -> list[dict[str, object]]:
        """The kept programmes, newest first, the live one marked; a live programme not kept
        yet (none was published from the desk) comes first, without an id to roll back to."""
        live = self.history.live_sha()
        kept = [p.to_json(p.manifest_sha256 == live) for p in self.history.versions()]
        if live and not any(k["live"] for k in kept):
            serving = self.history.serving()
            if serving is not None:
                kept.insert(0, serving.to_json(True))
        return kept

    def wait(self, timeout: float | None = None) -> UpdateStatus:
        """Block until the running build ends (for the CLI and tests)."""
        if self._thread is not None:
            self._thread.join(timeout)
        return self._status

    def recover(self) -> None:
        """At start: sweep what killed builds and uploads left, and report an update the last
        run of this server lost."""
        sweep_build_leftovers(self.watcher.index_dir, LEFTOVER_AGE)
        sweep_uploads(Path(tempfile.gettempdir()))
        lost = lost_update(self.status_file) if self._status.state is UpdateState.IDLE else None
        if lost is not None:
            self._status = lost
            self._save()


def lost_update(status_file: Path) -> UpdateStatus | None:
    """The status file says an update is running, but the process running it is gone (on
    this machine), or nothing was heard of it for LOST_AFTER seconds (another machine)."""
    try:
        record = json.loads(status_file.read_text(encoding="utf-8"))
        state = UpdateState(record["state"])
        silent = time.time() - float(record["heartbeat"]) > LOST_AFTER
        gone = owner_gone(str(record.get("owner", "")))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if state not in RUNNING or not (gone or (gone is None and silent)):
        return None
    file = str(record.get("file", ""))
    return UpdateStatus(
        UpdateState.LOST,
        message=f"lost: the server stopped while {state.value} {file}; the programme "
        "is unchanged, upload it again",
        file=file,
    )


def _refusal(events: list[Event], name: str, code: int) -> AssistantError:
    """Why a check's worker gave no preview: its refusal (errors, then warnings), else how the
    worker ended."""
    for event in events:
        if event["event"] == "rejected" and event.get("problems"):
            return ProgrammeRejected(
                name,
                [str(p) for p in event["problems"]],
                [str(w) for w in event.get("warnings", ())],
            )
        if event["event"] in ("rejected", "failed"):
            return AssistantError(str(event["message"]))
    return AssistantError(f"{name}: not checked: the worker stopped ({describe_exit(code)})")


def _sessions(count: int) -> str:
    return f"{count} session{'s' if count != 1 else ''}"


def _safe_name(name: str) -> str:
    """The uploaded file's own name, without folders or odd characters."""
    base = Path(name.replace("\\", "/")).name.strip()
    cleaned = "".join(c if c.isalnum() or c in "._- " else "_" for c in base).strip(". ")
    return cleaned[:120] or "programme.txt"
