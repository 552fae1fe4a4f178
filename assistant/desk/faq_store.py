"""The FAQ entries organisers write on the desk, in the database (SQLite or PostgreSQL); they
replace or extend the programme's faq.md, and every replica picks them up within seconds."""

from __future__ import annotations

import logging
import threading
import time
import weakref
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

from assistant.desk.question_log import Tables, database_engine
from assistant.sources.faq_file import FaqEntry, entry_id, merge_entries, parse_faq, valid_id

if TYPE_CHECKING:
    from assistant.answers.engine import Assistant

log = logging.getLogger(__name__)

MAX_QUESTION = 300
MAX_ANSWER = 4000
DESK = "desk"  # an entry's source when it was written on the desk

metadata = sa.MetaData()
faq_entries = sa.Table(
    "faq_entries",
    metadata,
    sa.Column("id", sa.String(60), primary_key=True),
    sa.Column("question", sa.Text(), nullable=False),
    sa.Column("answer", sa.Text(), nullable=False),  # empty: the file's entry is removed
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)


class FaqStore:
    """Reads and writes the desk's FAQ entries."""

    def __init__(self, url: str) -> None:
        self.engine = database_engine(url)
        database = self.engine.url.database if self.engine.dialect.name == "sqlite" else None
        # reading never creates a SQLite file: with the question log off, nothing is stored
        self.file = Path(database) if database and database != ":memory:" else None
        self._tables = Tables(metadata)

    def _ensure(self) -> None:
        self._tables.ensure(self.engine)

    def _written(self) -> bool:
        """False while nothing was ever saved to a SQLite file that does not exist yet."""
        return self.file is None or self.file.exists()

    def entries(self) -> tuple[FaqEntry, ...]:
        """Every entry written on the desk, removals (an empty answer) included, oldest first."""
        if not self._written():
            return ()
        self._ensure()
        query = sa.select(faq_entries).order_by(faq_entries.c.updated_at, faq_entries.c.id)
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return tuple(FaqEntry(r.id, r.question, r.answer, DESK) for r in rows)

    def save(self, question: str, answer: str, id: str = "") -> FaqEntry:
        """Add or replace an entry (an empty answer removes it); ValueError names a bad field."""
        question = " ".join(question.split())
        answer = answer.strip()
        id = id.strip().lower() or entry_id(question)
        if not question:
            raise ValueError("question: write the question delegates ask")
        if not valid_id(id):
            raise ValueError(
                f"id: expected lower-case letters, digits, '-' or '_' (up to 60), got {id!r}"
            )
        if len(question) > MAX_QUESTION or len(answer) > MAX_ANSWER:
            raise ValueError(
                f"at most {MAX_QUESTION} characters of question and {MAX_ANSWER} of answer"
            )
        self._ensure()
        row = {"id": id, "question": question, "answer": answer, "updated_at": datetime.now(UTC)}
        with self.engine.begin() as conn:  # delete + insert: the same on SQLite and PostgreSQL
            conn.execute(faq_entries.delete().where(faq_entries.c.id == id))
            conn.execute(faq_entries.insert(), row)
        return FaqEntry(id, question, answer, DESK)

    def version(self) -> tuple[int, str]:
        """What changes when an entry is saved: the count and the latest change."""
        if not self._written():
            return 0, ""
        self._ensure()
        query = sa.select(sa.func.count(), sa.func.max(faq_entries.c.updated_at))
        with self.engine.connect() as conn:
            count, latest = conn.execute(query).one()
        return int(count), str(latest)

    def close(self) -> None:
        """Release the connections."""
        self.engine.dispose()


class FaqDesk:
    """Keeps the serving assistant's FAQ up to date: its programme's faq.md with the desk's
    entries on top, and the information desk's text from the settings.

    Chat never waits for the database: a new assistant gets the desk's entries as last read,
    and the database is read again in a thread every few seconds (the desk's own edits read
    it at once)."""

    def __init__(
        self, store: FaqStore | None, information_desk: str, interval: float = 2.0
    ) -> None:
        self.store = store
        self.information_desk = information_desk
        self.interval = interval
        self._lock = threading.Lock()
        self._applied_to: weakref.ref[Assistant] | None = None  # the assistant brought up to date
        self._desk: tuple[FaqEntry, ...] = ()  # the desk's entries as last read
        self._version: tuple[int, str] | None = None
        self._checked = float("-inf")
        self._reading = False

    def _give(self, assistant: Assistant) -> None:
        """The assistant's FAQ: its faq.md's entries, the desk's on top."""
        entries = merge_entries(parse_faq(assistant.index.faq).entries, self._desk)
        assistant.faq = assistant.faq.with_entries(entries, self.information_desk)
        assistant.cache.clear()  # replies cached before may have come from the old entries
        self._applied_to = weakref.ref(assistant)

    def apply(self, assistant: Assistant, force: bool = False) -> None:
        """Bring the assistant's FAQ up to date: at once when it is new to us, from the
        database when it changed (force: read it now, in this thread)."""
        if self._applied_to is None or self._applied_to() is not assistant:
            with self._lock:
                self._give(assistant)
        if force:
            self.refresh(assistant, force=True)
            return
        now = time.monotonic()
        if self.store is None or self._reading or now - self._checked < self.interval:
            return
        self._checked, self._reading = now, True
        threading.Thread(
            target=self.refresh, args=(assistant,), name="faq-refresh", daemon=True
        ).start()

    def refresh(self, assistant: Assistant, force: bool = False) -> None:
        """Read the desk's entries if they changed; a database that is down changes nothing
        (force: it raises, for the desk's own routes to say so)."""
        try:
            if self.store is None:
                return
            version = self.store.version()
            if version == self._version and not force:
                return
            desk = self.store.entries()
            with self._lock:
                self._desk, self._version = desk, version
                self._give(assistant)
        except sa.exc.SQLAlchemyError as exc:
            if force:
                raise
            log.warning("the desk's FAQ entries are not available: %s", exc)
        finally:
            self._reading = False

    def close(self) -> None:
        """Release the database's connections."""
        if self.store is not None:
            self.store.close()
