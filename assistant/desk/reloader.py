"""Changing the programme under a running server: a checked upload built in the background and
swapped in, and a cheap watch of the index manifest so every replica loads a rebuilt index."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from assistant.errors import AssistantError
from assistant.search.store import MANIFEST_FILE, build_index
from assistant.sources import LoadedProgramme, load_programme
from assistant.sources.problems import Problem, Severity

if TYPE_CHECKING:
    from assistant.answers.engine import Assistant
    from assistant.search.embedder import Embedder

log = logging.getLogger(__name__)

WATCH_INTERVAL = 2.0  # seconds between two stats of manifest.json
MAX_PROBLEMS_SHOWN = 50

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


class ProgrammeRejected(AssistantError):
    """An uploaded programme has errors; nothing was built and the served one is unchanged."""

    def __init__(self, file: str, problems: Sequence[str]) -> None:
        shown = list(problems[:MAX_PROBLEMS_SHOWN])
        more = len(problems) - len(shown)
        lines = [f"{file}: {len(problems)} errors; the programme was not changed", *shown]
        if more:
            lines.append(f"... and {more} more")
        super().__init__("\n".join(lines))
        self.problems = tuple(problems)


class UpdateBusy(AssistantError):
    """A programme update is already being built."""


class _Reporting:
    """The serving embedder, reporting how many chunks it has embedded so far."""

    BATCH = 64

    def __init__(self, inner: Embedder, report: Callable[[float], None]) -> None:
        self.inner = inner
        self.name = inner.name
        self.dimension = inner.dimension
        self.report = report

    def embed(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        parts = []
        for start in range(0, len(texts), self.BATCH):
            parts.append(self.inner.embed(texts[start : start + self.BATCH]))
            self.report(min(1.0, (start + self.BATCH) / max(1, len(texts))))
        return np.concatenate(parts) if parts else self.inner.embed(texts)


class ProgrammeUpdater:
    """Checks an uploaded programme, builds its index in a thread, then swaps the assistant.

    The build writes into the served index folder the way `build` does (aside, then a rename),
    so other replicas see the new manifest and reload; until the swap, chat answers from the
    old assistant, which is wholly in memory."""

    def __init__(
        self,
        watcher: IndexWatcher,
        embedder: Callable[[], Embedder],
        timezone: str | None = None,
    ) -> None:
        self.watcher = watcher
        self.embedder = embedder
        self.timezone = timezone
        self._status = UpdateStatus()
        self._guard = threading.Lock()
        self._thread: threading.Thread | None = None

    @property
    def status(self) -> UpdateStatus:
        """The latest status (a frozen record: safe to read from any thread)."""
        return self._status

    def _set(self, **changes: object) -> None:
        with self._guard:
            self._status = replace(self._status, **changes)  # type: ignore[arg-type]

    def submit(self, name: str, data: bytes, timezone: str | None = None) -> UpdateStatus:
        """Check the upload now; if usable, build and swap it in the background."""
        if not self.watcher.lock.acquire(blocking=False):
            raise UpdateBusy("a programme update is already running; wait for it to finish")
        started = False
        workdir = Path(tempfile.mkdtemp(prefix="programme-upload-"))
        try:
            name = _safe_name(name)
            self._status = UpdateStatus(UpdateState.CHECKING, 0.02, f"checking {name}", file=name)
            path = workdir / name
            path.write_bytes(data)
            loaded = self._check(path, name, timezone or self.timezone)
            count = len(loaded.programme.sessions)
            warnings = tuple(severity_label(p) for p in loaded.problems)
            self._set(
                state=UpdateState.BUILDING,
                progress=0.1,
                message=f"building the index of {count} sessions",
                sessions=count,
                problems=warnings,
            )
            self._thread = threading.Thread(
                target=self._build, args=(loaded, workdir), name="programme-build", daemon=True
            )
            self._thread.start()
            started = True
            return self._status
        except AssistantError as exc:
            self._set(state=UpdateState.FAILED, progress=0.0, message=str(exc))
            raise
        finally:
            if not started:
                shutil.rmtree(workdir, ignore_errors=True)
                self.watcher.lock.release()

    def _check(self, path: Path, name: str, timezone: str | None) -> LoadedProgramme:
        """The parsed programme, with problems named by the uploaded file's name."""
        try:
            loaded = load_programme([path], timezone=timezone)
        except AssistantError as exc:
            raise AssistantError(str(exc).replace(str(path), name)) from None
        problems = tuple(
            replace(p, file=name) if p.file == str(path) else p for p in loaded.problems
        )
        loaded = replace(loaded, problems=problems)
        if loaded.errors:
            raise ProgrammeRejected(name, [str(p) for p in loaded.errors])
        if not loaded.programme.sessions:
            raise ProgrammeRejected(name, [f"{name}:1: no sessions found"])
        return loaded

    def _build(self, loaded: LoadedProgramme, workdir: Path) -> None:
        try:
            embedder = self.embedder()

            def report(done: float) -> None:
                self._set(progress=0.1 + 0.8 * done)

            # _Reporting has the Embedder interface build_index uses (name, dimension, embed).
            build_index(loaded, self.watcher.index_dir, _Reporting(embedder, report), False)  # type: ignore[arg-type]
            self._set(progress=0.92, message="loading the new index")
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
        except Exception as exc:  # the thread's only report is the status
            log.exception("programme update failed")
            self._set(state=UpdateState.FAILED, message=f"not changed: {exc}")
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
            self.watcher.lock.release()

    def wait(self, timeout: float | None = None) -> UpdateStatus:
        """Block until the running build ends (for the CLI and tests)."""
        if self._thread is not None:
            self._thread.join(timeout)
        return self._status


def _safe_name(name: str) -> str:
    """The uploaded file's own name, without folders or odd characters."""
    base = Path(name.replace("\\", "/")).name.strip()
    cleaned = "".join(c if c.isalnum() or c in "._- " else "_" for c in base).strip(". ")
    return cleaned[:120] or "programme.txt"


def severity_label(problem: Problem) -> str:
    """`FILE:LINE: message`, with '(warning)' when it is one."""
    return f"{problem}" + (" (warning)" if problem.severity is Severity.WARNING else "")
