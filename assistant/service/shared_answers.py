"""The answer cache's second tier: replies the workers of one server share, so a crowd's new
question is worked out once per server, not once per worker.

Each worker keeps its own LRU (answers/answer_cache.py) and looks here only when that misses:
one SQLite file in the server's shared folder (/dev/shm), keyed by a hash of the index version,
the question and its context, holding the pickled reply and, for a reply that read the clock,
its minute. Pickle is safe here: only this server's own workers, same code, write the file."""

from __future__ import annotations

import hashlib
import logging
import pickle
import sqlite3
import threading
import time
from datetime import datetime
from pathlib import Path

from assistant.answers.answer_cache import CacheKey, to_minute
from assistant.answers.reply import Reply

log = logging.getLogger(__name__)

ANSWERS_FILE = "answers.sqlite3"
PRUNE_EVERY = 256  # writes between two trims back to the size
BUSY_TIMEOUT_S = 0.2  # a worker waits this long for another's write, then works the answer out

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS answers "
    "(digest BLOB PRIMARY KEY, minute TEXT, reply BLOB NOT NULL, at REAL NOT NULL)",
    "CREATE INDEX IF NOT EXISTS answers_by_age ON answers (at)",
)


def digest(version: str, key: CacheKey) -> bytes:
    """What a reply is filed under: the index version, the question and its context."""
    return hashlib.blake2b(repr((version, key)).encode(), digest_size=16).digest()


class SharedAnswers:
    """Replies shared through one file, at most `size` of them (the oldest go first)."""

    def __init__(self, path: Path, size: int) -> None:
        self.path = Path(path)
        self.size = size
        self._local = threading.local()  # a connection per thread
        self._writes = 0

    def _connection(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
            )
            connection.execute("PRAGMA journal_mode=WAL")  # readers never wait for a writer
            connection.execute("PRAGMA synchronous=OFF")  # a cache: nothing to keep on disk
            for statement in SCHEMA:
                connection.execute(statement)
            self._local.connection = connection
        return connection

    def get(self, version: str, key: CacheKey, moment: datetime) -> tuple[Reply, str | None] | None:
        """The shared reply and its minute (None: it holds all day), if another worker has
        worked this question out (within this minute, if the reply read the clock)."""
        try:
            row = (
                self._connection()
                .execute(
                    "SELECT minute, reply FROM answers WHERE digest = ?", (digest(version, key),)
                )
                .fetchone()
            )
        except sqlite3.Error as exc:
            log.warning("shared answers not read: %s", exc)
            return None
        if row is None:
            return None
        minute, blob = row
        if minute is not None and minute != to_minute(moment).isoformat():
            return None
        reply = pickle.loads(blob)
        return (reply, minute) if isinstance(reply, Reply) else None

    def put(self, version: str, key: CacheKey, reply: Reply, minute: datetime | None) -> None:
        """Share a reply just worked out; a busy or broken file only means it is not shared."""
        row = (
            digest(version, key),
            minute.isoformat() if minute is not None else None,
            pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL),
            time.monotonic(),
        )
        try:
            db = self._connection()
            db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?)", row)
            self._writes += 1
            if self._writes % PRUNE_EVERY == 0:
                db.execute(
                    "DELETE FROM answers WHERE at < "
                    "(SELECT at FROM answers ORDER BY at DESC LIMIT 1 OFFSET ?)",
                    (self.size,),
                )
        except sqlite3.Error as exc:  # each statement commits alone: nothing to roll back
            log.warning("answer not shared: %s", exc)
