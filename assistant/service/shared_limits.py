"""Rate limits shared by the workers of one server: the sliding window's hits kept in SQLite.

A client's requests reach any worker (keep-alive pins a connection to one, a new connection
may land on another), so a per-worker limit of limit/N would throttle a keep-alive client at
1/N of its allowance, and a limit of `limit` per worker would allow N times it. One SQLite file
in memory (/dev/shm) that every worker writes gives the same sliding window one process keeps,
at ~50 us a request. Across replicas the limit stays per replica (nginx limits per address)."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from assistant.config import Settings

log = logging.getLogger(__name__)

LIMITS_FILE = "rate-limits.sqlite3"
PURGE_EVERY = 1000  # hits between two sweeps of every client's expired hits
BUSY_TIMEOUT_S = 0.5  # a worker waits this long for another's write, then lets the request in

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS hits (scope TEXT NOT NULL, key TEXT NOT NULL, at REAL NOT NULL)",
    "CREATE INDEX IF NOT EXISTS hits_by_key ON hits (scope, key, at)",
)


class Limiter(Protocol):
    """What the rate-limit middleware asks of a limiter."""

    limit: int

    def hit(self, key: str) -> float: ...


class SharedWindowLimiter:
    """At most `limit` hits per `window` seconds per key, counted across processes in one file.

    The same answers as SlidingWindowLimiter: 0 when allowed, else the seconds until the
    oldest hit in the window expires. `scope` keeps limiters sharing a file apart."""

    def __init__(
        self,
        path: Path,
        limit: int,
        scope: str,
        window: float = 60.0,
        clock: Callable[[], float] = time.monotonic,  # CLOCK_MONOTONIC: one clock for all processes
    ) -> None:
        self.path = Path(path)
        self.limit = limit
        self.scope = scope
        self.window = window
        self.clock = clock
        self._local = threading.local()  # a connection per thread: sqlite3 objects stay put
        self._hits = 0

    def _connection(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
            )
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=OFF")  # counts, not records: no fsync
            for statement in SCHEMA:
                connection.execute(statement)
            self._local.connection = connection
        return connection

    def hit(self, key: str) -> float:
        """Record a hit; 0 when allowed, else the seconds until the next hit would be."""
        now = self.clock()
        db = None
        try:
            db = self._connection()
            return self._hit(db, key, now)
        except sqlite3.Error as exc:  # a stuck or broken file never stops the chat
            log.warning("rate limit not checked: %s", exc)
            if db is not None and db.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    db.execute("ROLLBACK")
            return 0.0

    def _hit(self, db: sqlite3.Connection, key: str, now: float) -> float:
        cutoff = now - self.window
        db.execute("BEGIN IMMEDIATE")  # one writer at a time: check and record as one step
        db.execute(
            "DELETE FROM hits WHERE scope = ? AND key = ? AND at <= ?", (self.scope, key, cutoff)
        )
        count, oldest = db.execute(
            "SELECT count(*), min(at) FROM hits WHERE scope = ? AND key = ?", (self.scope, key)
        ).fetchone()
        wait = 0.0
        if count >= self.limit:
            wait = float(oldest) + self.window - now
        else:
            db.execute("INSERT INTO hits VALUES (?, ?, ?)", (self.scope, key, now))
            self._hits += 1
            if self._hits % PURGE_EVERY == 0:  # clients gone quiet: their hits go too
                db.execute("DELETE FROM hits WHERE scope = ? AND at <= ?", (self.scope, cutoff))
        db.execute("COMMIT")
        return wait


def rate_limiter(settings: Settings, limit: int, scope: str) -> Limiter:
    """The limiter a server's middleware uses: shared across its workers when it has a shared
    folder (serve with more than one worker), else the in-process sliding window."""
    from assistant.service.middleware import SlidingWindowLimiter

    if settings.shared_dir is None:
        return SlidingWindowLimiter(limit)
    return SharedWindowLimiter(settings.shared_dir / LIMITS_FILE, limit, scope)
