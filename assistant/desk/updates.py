"""Safe programme updates from the desk: an upload is checked (parsers and vetting) and shown as
a preview against the live programme; publishing it takes a confirmation and builds it in the
background with progress that follows the work; the last programmes are kept for a rollback."""

from __future__ import annotations

import logging
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.desk.history import History
from assistant.desk.preview import ProgrammeDiff, diff
from assistant.desk.reloader import IndexWatcher
from assistant.desk.vetting import vet
from assistant.errors import AssistantError
from assistant.programme import Programme
from assistant.search.store import FAQ_FILE, build_index
from assistant.sources import LoadedProgramme, load_programme
from assistant.sources.problems import Problem, Severity

if TYPE_CHECKING:
    from assistant.search.embedder import Embedder

log = logging.getLogger(__name__)

MAX_PROBLEMS_SHOWN = 50
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
    loaded: LoadedProgramme
    warnings: tuple[str, ...]
    preview: ProgrammeDiff
    workdir: Path
    checked_at: float

    def to_json(self) -> dict[str, object]:
        """The check route's JSON: the preview and what to send to publish it."""
        programme = self.loaded.programme
        return {
            "state": UpdateState.CHECKED.value,
            "upload": self.upload,
            "file": self.file,
            "title": programme.title,
            "sessions": len(programme.sessions),
            "days": [d.isoformat() for d in programme.days],
            "rooms": sorted({s.room for s in programme.sessions if s.room}),
            "problems": list(self.warnings),
            "preview": self.preview.to_json(),
        }


class ProgrammeRejected(AssistantError):
    """An uploaded programme has errors; nothing was built and the served one is unchanged."""

    def __init__(self, file: str, problems: Sequence[str], warnings: Sequence[str] = ()) -> None:
        shown = list(problems[:MAX_PROBLEMS_SHOWN])
        more = len(problems) - len(shown)
        count = f"{len(problems)} error{'s' if len(problems) != 1 else ''}"
        lines = [f"{file}: {count}; the programme was not changed", *shown]
        if more:
            lines.append(f"... and {more} more")
        lines.extend(list(warnings[:MAX_PROBLEMS_SHOWN]))
        super().__init__("\n".join(lines))
        self.problems = tuple(problems)


class UpdateBusy(AssistantError):
    """A programme update is already being built."""


class NotChecked(AssistantError):
    """A publish names no upload that is checked and waiting (another was checked since, or
    it was published already, or it waited too long)."""


class ProgrammeUpdater:
    """Checks uploads, builds a confirmed one in a thread and swaps it in; rolls back.

    The build writes into the served index folder the way `build` does (aside, then a rename),
    so other replicas see the new manifest and reload; until the swap, chat answers from the
    old assistant, which is wholly in memory."""

    def __init__(
        self,
        watcher: IndexWatcher,
        embedder: Callable[[], Embedder],
        history: History | None = None,
        timezone: str | None = None,
    ) -> None:
        self.watcher = watcher
        self.embedder = embedder
        self.history = history or History(watcher.index_dir)
        self.timezone = timezone
        self._status = UpdateStatus()
        self._guard = threading.Lock()
        self._pending: Checked | None = None
        self._thread: threading.Thread | None = None

    @property
    def status(self) -> UpdateStatus:
        """The latest status (a frozen record: safe to read from any thread)."""
        return self._status

    def _set(self, **changes: object) -> None:
        with self._guard:
            self._status = replace(self._status, **changes)  # type: ignore[arg-type]

    def check(self, name: str, data: bytes, timezone: str | None, live: Programme) -> Checked:
        """Parse and vet an upload; if usable, keep it for publishing and preview it against
        the live programme. ProgrammeRejected lists the errors (and warnings)."""
        name = _safe_name(name)
        workdir = Path(tempfile.mkdtemp(prefix="programme-upload-"))
        self._status = UpdateStatus(UpdateState.CHECKING, 0.02, f"checking {name}", file=name)
        try:
            path = workdir / name
            path.write_bytes(data)
            loaded, problems = self._read(path, name, timezone or self.timezone)
            errors = [str(p) for p in problems if p.severity is Severity.ERROR]
            warnings = tuple(severity_label(p) for p in problems if p.severity is Severity.WARNING)
            if errors:
                raise ProgrammeRejected(name, errors, warnings)
        except AssistantError as exc:
            shutil.rmtree(workdir, ignore_errors=True)
            self._set(state=UpdateState.FAILED, progress=0.0, message=str(exc))
            raise
        checked = Checked(
            secrets.token_urlsafe(12), name, loaded, warnings, diff(live, loaded.programme),
            workdir, time.monotonic(),
        )  # fmt: skip
        with self._guard:
            previous, self._pending = self._pending, checked
        if previous is not None:
            shutil.rmtree(previous.workdir, ignore_errors=True)
        count = len(loaded.programme.sessions)
        self._set(
            state=UpdateState.CHECKED,
            progress=0.0,
            message=f"{name} is checked: {count} sessions; publish it to make it live",
            sessions=count,
            problems=warnings,
            title=loaded.programme.title,
        )
        return checked

    def _read(
        self, path: Path, name: str, timezone: str | None
    ) -> tuple[LoadedProgramme, tuple[Problem, ...]]:
        """The parsed programme and every problem, named by the uploaded file's name."""
        try:
            loaded = load_programme([path], timezone=timezone)
        except AssistantError as exc:
            raise AssistantError(str(exc).replace(str(path), name)) from None
        text = path.read_text("utf-8-sig")
        found = (*loaded.problems, *vet(loaded, {name: text}))
        problems = tuple(replace(p, file=name) if p.file == str(path) else p for p in found)
        if not loaded.programme.sessions:
            problems += (Problem(name, 1, "no sessions found"),)
        return replace(loaded, problems=problems), problems

    def publish(self, upload: str) -> UpdateStatus:
        """Build the checked upload in the background and swap it in (the confirmation)."""
        with self._guard:
            checked = self._pending
            if checked is None or checked.upload != upload:
                raise NotChecked("that upload is not waiting to be published: check the file again")
            if time.monotonic() - checked.checked_at > PENDING_SECONDS:
                raise NotChecked("that upload was checked over an hour ago: check the file again")
        if not self.watcher.lock.acquire(blocking=False):
            raise UpdateBusy("a programme update is already running; wait for it to finish")
        self._pending = None
        count = len(checked.loaded.programme.sessions)
        self._status = UpdateStatus(
            UpdateState.BUILDING, 0.02, f"building the index of {count} sessions", count,
            checked.file, checked.warnings, checked.loaded.programme.title,
        )  # fmt: skip
        self._start(self._build, checked)
        return self._status

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
        self._start(self._restore, version)
        return self._status

    def _start(self, work: Callable[..., None], argument: object) -> None:
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
        self._set(progress=low + (high - low) * share, message=messages.get(stage, stage))

    def _build(self, checked: Checked) -> None:
        try:
            self.history.record(file="", note="live before the desk's update")
            faq_path = self.watcher.index_dir / FAQ_FILE  # the FAQ goes with the programme
            faq = faq_path.read_text("utf-8") if faq_path.is_file() else None
            build_index(
                checked.loaded,
                self.watcher.index_dir,
                self.embedder(),
                progress=False,
                faq=faq,
                report=self._report,
            )
            self._swap_in(lambda title, n: f"now answering from {title}: {_sessions(n)}")
            self.history.record(file=checked.file)
        except Exception as exc:  # the thread's only report is the status
            log.exception("programme update failed")
            self._set(state=UpdateState.FAILED, message=f"not changed: {exc}")
        finally:
            shutil.rmtree(checked.workdir, ignore_errors=True)
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


def _sessions(count: int) -> str:
    return f"{count} session{'s' if count != 1 else ''}"


def _safe_name(name: str) -> str:
    """The uploaded file's own name, without folders or odd characters."""
    base = Path(name.replace("\\", "/")).name.strip()
    cleaned = "".join(c if c.isalnum() or c in "._- " else "_" for c in base).strip(". ")
    return cleaned[:120] or "programme.txt"


def severity_label(problem: Problem) -> str:
    """`FILE:LINE: message`, with '(warning)' when it is one."""
    return f"{problem}" + (" (warning)" if problem.severity is Severity.WARNING else "")
