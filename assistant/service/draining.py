"""Stopping without failing a request: on SIGTERM, /readyz says 'draining' first, then uvicorn
stops accepting, finishes the answers in flight and exits."""

from __future__ import annotations

import asyncio
import logging
import signal
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any

log = logging.getLogger(__name__)

Handler = Callable[[int, FrameType | None], Any]


def drain_on_sigterm(
    start_draining: Callable[[], None], drained: Callable[[], None], seconds: float
) -> bool:
    """Put a drain in front of the server's SIGTERM handler: start_draining() at once (it only
    sets a flag: it runs inside the signal handler), drained() soon after on the event loop,
    and the server's own handler (stop accepting, finish, exit) `seconds` later. Call from the
    running loop. Only uvicorn's main thread has signals; elsewhere (tests' servers in threads)
    nothing changes. True if installed."""
    if threading.current_thread() is not threading.main_thread():
        return False
    stop = signal.getsignal(signal.SIGTERM)
    if not callable(stop):
        return False  # no server handler to delay (SIG_DFL / SIG_IGN)
    loop = asyncio.get_running_loop()
    stopping = [False]

    def begin(signum: int) -> None:  # on the loop: may log, take locks, schedule
        log.warning("SIGTERM: draining for %.1f s, then stopping", seconds)
        drained()
        loop.call_later(seconds, stop, signum, None)

    def drain(signum: int, frame: FrameType | None) -> None:
        if stopping[0]:
            return  # a second SIGTERM (the supervisor's, after the process group's) changes nothing
        stopping[0] = True
        start_draining()
        # Nothing that takes a lock here: the code this handler interrupted may hold it.
        loop.call_soon_threadsafe(begin, signum)

    signal.signal(signal.SIGTERM, drain)
    return True
