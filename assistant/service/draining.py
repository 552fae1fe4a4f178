"""Stopping without failing a request: on SIGTERM, /readyz says 'draining' first, then uvicorn
stops accepting, finishes the answers in flight and exits."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any

log = logging.getLogger(__name__)

Handler = Callable[[int, FrameType | None], Any]


def drain_on_sigterm(start_draining: Callable[[], None], seconds: float) -> bool:
    """Put a drain in front of the server's SIGTERM handler: start_draining() at once, the
    server's own handler (stop accepting, finish, exit) `seconds` later. Only uvicorn's main
    thread has signals; elsewhere (tests' servers in threads) nothing changes. True if installed."""
    if threading.current_thread() is not threading.main_thread():
        return False
    stop = signal.getsignal(signal.SIGTERM)
    if not callable(stop):
        return False  # no server handler to delay (SIG_DFL / SIG_IGN)
    stopping = threading.Event()

    def drain(signum: int, frame: FrameType | None) -> None:
        if stopping.is_set():
            return  # a second SIGTERM (the supervisor's, after the process group's) changes nothing
        stopping.set()
        start_draining()
        log.warning("SIGTERM: draining for %.1f s, then stopping", seconds)
        if seconds <= 0:
            server_stop(stop, signum)
            return
        timer = threading.Timer(seconds, server_stop, (stop, signum))
        timer.daemon = True
        timer.start()

    signal.signal(signal.SIGTERM, drain)
    return True


def server_stop(stop: Handler, signum: int) -> None:
    """Hand the signal to the server's handler (uvicorn's sets a flag its main loop reads)."""
    stop(signum, None)
