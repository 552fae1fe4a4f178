"""A programme update's check and build, in a child process of its own: a memory ceiling, a
cancel that ends it, and a server that stays small whatever the upload holds.

The child runs `python -m assistant.desk.build_worker` with the job as JSON on stdin and tells
its parent what happens as JSON lines on stdout (`WorkerProcess` reads them):
checked, progress, alive (every few seconds), rejected, failed, built."""

from __future__ import annotations

import ctypes
import json
import logging
import os
import resource
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, TextIO

from assistant.config import Budget
from assistant.errors import AssistantError
from assistant.sources import LoadedProgramme, load_programme
from assistant.sources.problems import Problem, Severity

log = logging.getLogger(__name__)

MAX_PROBLEMS_SHOWN = 50
ALIVE_EVERY = 2.0  # seconds between the child's "alive" events
KILL_AFTER = 10.0  # seconds a cancelled child has to clean up before SIGKILL

Event = dict[str, Any]


@dataclass(frozen=True, slots=True)
class BuildJob:
    """One update: the uploaded file, the name it is reported by, the index it replaces, the
    caps and the memory ceiling."""

    source: str
    name: str
    index_dir: str
    timezone: str | None = None
    budget: Budget = Budget()
    memory_mb: int = 4096
    faq: str | None = None  # the served index's FAQ, which goes with the programme
    check_only: bool = False  # check and preview against the served programme; build nothing

    def to_json(self) -> str:
        """The job as the child reads it from stdin."""
        return json.dumps({**asdict(self), "budget": asdict(self.budget)})

    @classmethod
    def from_json(cls, text: str) -> BuildJob:
        """The job a parent sent."""
        data = json.loads(text)
        return cls(**{**data, "budget": Budget(**data["budget"])})


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
        self.warnings = tuple(warnings)


def severity_label(problem: Problem) -> str:
    """`FILE:LINE: message`, with '(warning)' when it is one."""
    return f"{problem}" + (" (warning)" if problem.severity is Severity.WARNING else "")


def check(job: BuildJob) -> LoadedProgramme:
    """The parsed programme with the parsers' and the vetting's problems, named by the uploaded
    file's name; ProgrammeRejected (errors, then warnings) when it has errors, AssistantError
    (BudgetError among them) when it cannot be read."""
    from assistant.desk.vetting import vet

    path = Path(job.source)
    try:
        loaded = load_programme([path], timezone=job.timezone, budget=job.budget)
    except AssistantError as exc:
        raise AssistantError(str(exc).replace(str(path), job.name)) from None
    try:
        texts: dict[str, str] | None = {job.name: path.read_text("utf-8-sig")}
    except (OSError, UnicodeDecodeError):
        texts = {}  # a spreadsheet: only the schedule is vetted
    found = (*loaded.problems, *vet(loaded, texts))
    problems = tuple(replace(p, file=job.name) if p.file == str(path) else p for p in found)
    if not loaded.programme.sessions:
        problems += (Problem(job.name, 1, "no sessions found"),)
    loaded = replace(loaded, problems=problems)
    errors = [str(p) for p in problems if p.severity is Severity.ERROR]
    warnings = [severity_label(p) for p in problems if p.severity is Severity.WARNING]
    if errors:
        raise ProgrammeRejected(job.name, errors, warnings)
    return loaded


def preview(job: BuildJob, loaded: LoadedProgramme) -> dict[str, Any]:
    """What the desk shows of a checked upload: the programme and how it differs from the one
    served from job.index_dir."""
    from assistant.desk.preview import diff
    from assistant.search.serialise import programme_from_json
    from assistant.search.store import PROGRAMME_FILE

    programme = loaded.programme
    live = programme_from_json((Path(job.index_dir) / PROGRAMME_FILE).read_bytes())
    return {
        "title": programme.title,
        "sessions": len(programme.sessions),
        "days": [d.isoformat() for d in programme.days],
        "rooms": sorted({s.room for s in programme.sessions if s.room}),
        "preview": diff(live, programme).to_json(),
    }


# ---------------------------------------------------------------- the child


def set_memory_ceiling(megabytes: int) -> None:
    """Cap this process's heap and private mappings (RLIMIT_DATA): past it an allocation
    raises MemoryError here instead of the machine running out."""
    limit = megabytes * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_DATA)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))


def _die_with_parent() -> None:
    """Linux: SIGKILL this process when the server that started it dies (kill -9, OOM), so no
    orphan build swaps an index behind a restarted server's back."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # elsewhere an orphan finishes its build; the swap is atomic all the same


def peak_mb() -> int:
    """This process's peak resident memory so far, in MB. Linux's VmHWM is this program's own:
    ru_maxrss keeps, across exec, the resident size of the server the worker was forked from."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def _run(job: BuildJob, emit: Callable[..., None]) -> int:
    try:
        loaded = check(job)
    except ProgrammeRejected as exc:
        first = str(exc).splitlines()[0]
        emit(
            event="rejected",
            message=first,
            detail=str(exc),
            problems=list(exc.problems),
            warnings=list(exc.warnings),
            peak_mb=peak_mb(),
        )
        return 1
    except AssistantError as exc:
        emit(event="rejected", message=str(exc), problems=[], peak_mb=peak_mb())
        return 1
    warnings = [severity_label(p) for p in loaded.problems]
    if job.check_only:
        emit(event="checked", warnings=warnings, **preview(job, loaded))
        return 0
    emit(event="checked", sessions=len(loaded.programme.sessions), warnings=warnings)
    from assistant.search.embedder import Embedder
    from assistant.search.store import build_index

    def report(stage: str, done: int, total: int) -> None:
        emit(event="progress", stage=stage, done=done, total=total)

    try:
        manifest = build_index(
            loaded,
            Path(job.index_dir),
            Embedder(),
            False,
            faq=job.faq,
            report=report,
            max_chunks=job.budget.max_chunks,
        )
    except AssistantError as exc:  # the cap on chunks: named by the upload's name too
        message = str(exc).replace(job.source, job.name)
        emit(event="rejected", message=message, problems=[], peak_mb=peak_mb())
        return 1
    emit(
        event="built",
        sessions=manifest.session_count,
        chunks=manifest.chunk_count,
        peak_mb=peak_mb(),
    )
    return 0


def main(stdin: TextIO = sys.stdin) -> int:
    """The child: read the job, cap memory, check, build, and report each step."""
    job = BuildJob.from_json(stdin.read())
    _die_with_parent()
    events = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # whatever a library prints goes to stderr, never into the events
    lock = threading.Lock()

    def emit(**event: Any) -> None:
        line = json.dumps(event, ensure_ascii=False)
        with lock:
            events.write(line + "\n")
            events.flush()

    def alive() -> None:
        while True:
            threading.Event().wait(ALIVE_EVERY)
            emit(event="alive")

    # a cancel: SystemExit unwinds the build, which removes its half-written folder
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    threading.Thread(target=alive, name="alive", daemon=True).start()
    set_memory_ceiling(job.memory_mb)
    try:
        return _run(job, emit)
    except MemoryError:
        emit(
            event="failed",
            message=f"not changed: checking and building {job.name} needs more memory than "
            f"the {job.memory_mb} MiB set by ASSISTANT_BUILD_MEMORY_MB",
            peak_mb=peak_mb(),
        )
        return 1


# ---------------------------------------------------------------- the parent


class WorkerProcess:
    """Runs one BuildJob in a child process, handing its events to on_event; cancel() ends it.

    Start it from a thread that lives as long as the child: on Linux the child dies with the
    thread that started it."""

    def __init__(self, job: BuildJob, on_event: Callable[[Event], None]) -> None:
        self.job = job
        self.on_event = on_event
        self.cancelled = False
        self._process: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()

    def run(self) -> int:
        """Run the child to its end; its exit code (negative: the signal that ended it)."""
        with self._lock:
            if self.cancelled:
                return -signal.SIGTERM
            process = self._process = subprocess.Popen(
                [sys.executable, "-m", "assistant.desk.build_worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            )
        assert process.stdin is not None and process.stdout is not None
        try:
            process.stdin.write(self.job.to_json())
            process.stdin.close()
        except BrokenPipeError:
            pass  # it died at once; its exit code says so
        for line in process.stdout:
            try:
                event = json.loads(line)
            except ValueError:
                continue
            if isinstance(event, dict) and "event" in event:
                self.on_event(event)
        return process.wait()

    def cancel(self) -> None:
        """Ask the child to stop (SIGTERM: it removes what it half wrote), SIGKILL if it has
        not within KILL_AFTER seconds."""
        with self._lock:
            self.cancelled = True
            process = self._process
        if process is None or process.poll() is not None:
            return
        process.terminate()

        def kill_if_stuck() -> None:
            try:
                process.wait(KILL_AFTER)
            except subprocess.TimeoutExpired:
                process.kill()

        threading.Thread(target=kill_if_stuck, name="worker-kill", daemon=True).start()


def describe_exit(code: int) -> str:
    """'exit 1', or 'killed by SIGKILL (out of memory?)' for a signal."""
    if code >= 0:
        return f"exit {code}"
    name = signal.Signals(-code).name
    return f"killed by {name}" + (" (out of memory?)" if -code == signal.SIGKILL else "")


if __name__ == "__main__":
    sys.exit(main())
