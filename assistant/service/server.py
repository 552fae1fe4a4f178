"""Running the app: uvicorn with N worker processes on one port, each loading and warming its own
assistant; what they share (metrics, rate-limit counts) in one folder in memory.

Workers are spawned, not forked (uvicorn's supervisor): each builds its app from ASSISTANT_*
variables through app_from_environment, so serve writes the settings it was given there
first. The index's vectors are memory-mapped, so every worker reads the same pages."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path
from types import FrameType
from typing import Any

from fastapi import FastAPI

from assistant.config import Settings
from assistant.service.metrics import MULTIPROCESS_DIR

FACTORY = "assistant.service.server:app_from_environment"
# Longer than a worker takes to load the model on a busy machine, so the supervisor does not
# take a slow start for a hung worker and kill it.
WORKER_HEALTHCHECK_S = 60
# In-flight answers get this long after the drain before they are cut (compose and systemd
# send SIGKILL 30 s after SIGTERM).
IN_FLIGHT_TIMEOUT_S = 20
# Fewer malloc arenas: 40 answering threads otherwise grow one arena each (RSS, not speed).
MALLOC_ARENAS = "2"
PR_SET_PDEATHSIG = 1  # prctl(2)


def app_from_environment() -> FastAPI:
    """The app of one worker, configured from ASSISTANT_* variables (uvicorn calls this)."""
    from assistant.service.app import create_app

    if multiprocessing.parent_process() is not None:
        stop_with_supervisor()
    return create_app(Settings())


def stop_with_supervisor() -> None:
    """A worker gets SIGTERM (and drains) when its supervisor dies, even by kill -9: an orphan
    would go on holding the port, and the replica's restart could not bind it (Linux only)."""
    supervisor = os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        return
    if os.getppid() != supervisor:  # it died before the request took effect
        os.kill(os.getpid(), signal.SIGTERM)


def export(settings: Settings) -> None:
    """Write the settings to ASSISTANT_* variables, where each spawned worker reads them."""
    for name, value in settings.model_dump(exclude_none=True).items():
        variable = "DATABASE_URL" if name == "database_url" else f"ASSISTANT_{name.upper()}"
        os.environ[variable] = "1" if value is True else "0" if value is False else str(value)


def logging_config() -> dict[str, Any]:
    """uvicorn's warnings on stderr; one JSON line per request on stdout (no access log: it
    has the client's address)."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "plain": {"format": "%(levelname)s %(name)s: %(message)s"},
            "line": {"format": "%(message)s"},
        },
        "handlers": {
            "stderr": {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"},
            "requests": {"class": "logging.StreamHandler", "formatter": "line", "stream": "ext://sys.stdout"},
        },
        "loggers": {
            "uvicorn": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
            "assistant": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
            "assistant.requests": {"handlers": ["requests"], "level": "INFO", "propagate": False},
        },
    }  # fmt: skip


def server_options(settings: Settings) -> dict[str, Any]:
    """uvicorn's options: X-Forwarded-* believed only from ASSISTANT_FORWARDED_ALLOW_IPS (none
    by default: uvicorn's own default trusts 127.0.0.1, so anyone on the host could pose as
    any client and escape the rate limit)."""
    trusted = settings.forwarded_allow_ips.strip()
    return {
        "host": settings.host,
        "port": settings.port,
        "log_level": "warning",
        "proxy_headers": bool(trusted),
        "forwarded_allow_ips": trusted or "",
        "server_header": False,
    }


def serve(settings: Settings, workers: int) -> None:
    """Serve until SIGTERM or SIGINT: one process, or a supervisor and `workers` workers."""
    import uvicorn

    shared = None
    if workers > 1:
        base = "/dev/shm" if os.path.isdir("/dev/shm") else None
        shared = Path(tempfile.mkdtemp(prefix="programme-assistant-", dir=base))
        (shared / "metrics").mkdir()
        os.environ[MULTIPROCESS_DIR] = str(shared / "metrics")
        settings = settings.model_copy(update={"shared_dir": shared})
    export(settings)
    os.environ.setdefault("MALLOC_ARENA_MAX", MALLOC_ARENAS)  # read by each worker at start
    # uvicorn re-raises the SIGTERM it handled once it has shut down; exit 0 then, since the
    # stop was asked for and went as it should.
    signal.signal(signal.SIGTERM, exit_quietly)
    try:
        uvicorn.run(
            FACTORY,
            factory=True,
            **server_options(settings),
            workers=workers,
            log_config=logging_config(),
            access_log=False,
            timeout_graceful_shutdown=IN_FLIGHT_TIMEOUT_S,
            timeout_worker_healthcheck=WORKER_HEALTHCHECK_S,
        )
    finally:
        if shared is not None:
            shutil.rmtree(shared, ignore_errors=True)


def exit_quietly(signum: int, frame: FrameType | None) -> None:
    """SIGTERM outside uvicorn's own handling: stop now, successfully."""
    sys.exit(0)
