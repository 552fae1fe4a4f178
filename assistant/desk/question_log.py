"""The question log: what delegates asked and whether the programme answered; SQLite or PostgreSQL.

Stores the question's text, time, what was asked, abstained or not and the cited ids: no IP
address, no cookie. E-mail addresses, phone numbers and long digit runs in the text are masked
and control characters stripped before it is stored (privacy.py). Rows older than the retention
are deleted at start and then hourly by a timer, whether or not questions arrive."""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url

from assistant.desk.privacy import for_storage, mask_personal, strip_controls
from assistant.errors import AssistantError

log = logging.getLogger(__name__)

MAX_TEXT = 1000
PURGE_EVERY = 3600.0  # seconds between two runs of the retention timer
REPORT_ROWS = 5000  # the report reads at most this many of the latest questions
# Cosine of all-MiniLM-L6-v2 question vectors: paraphrases of one topic ("is there anything on
# sepsis?" / "any sessions about sepsis?" / "where can I learn about sepsis") scored 0.74-0.84;
# the same wording about another topic ("... antimicrobial resistance?") 0.49, unrelated ~0.1.
SAME_QUESTION = 0.65
EXAMPLES = 5

metadata = sa.MetaData()
questions = sa.Table(
    "questions",
    metadata,
    # BIGINT on PostgreSQL; SQLite autoincrements only an INTEGER PRIMARY KEY
    sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True),
    sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("text", sa.Text(), nullable=False),
    sa.Column("asks", sa.String(200), nullable=False, default=""),
    sa.Column("abstained", sa.Boolean(), nullable=False),
    sa.Column("cited_ids", sa.Text(), nullable=False, default=""),
)


@dataclass(frozen=True, slots=True)
class LoggedQuestion:
    """One chat question as logged."""

    text: str
    asked_at: datetime
    asks: tuple[str, ...]
    abstained: bool
    cited_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class QuestionGroup:
    """Paraphrases of one question, with how often they were asked and how often unanswered."""

    question: str  # the most asked wording
    count: int
    abstained_count: int
    examples: tuple[str, ...]
    last_asked: datetime
    cited_ids: tuple[str, ...]

    @property
    def abstained(self) -> bool:
        """Most askers got no answer: what delegates could not find."""
        return self.abstained_count * 2 >= self.count

    def to_json(self) -> dict[str, object]:
        """The report's JSON row."""
        return {
            "question": self.question,
            "count": self.count,
            "abstained": self.abstained,
            "abstained_count": self.abstained_count,
            "examples": list(self.examples),
            "last_asked": self.last_asked.isoformat(timespec="seconds"),
            "cited_ids": list(self.cited_ids),
        }


def engine_url(url: str) -> str:
    """The SQLAlchemy URL: postgresql:// means psycopg 3; a SQLite file's folder is created."""
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    try:
        parsed = make_url(url)
    except sa.exc.ArgumentError:
        raise AssistantError(
            f"DATABASE_URL: expected sqlite:///FILE or postgresql://..., got {url!r}"
        ) from None
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    return url


def database_engine(url: str) -> Engine:
    """An engine for the desk's database: threads share the pool; SQLite waits for a writer
    rather than failing; PostgreSQL connections are checked before use."""
    url = engine_url(url)
    sqlite = url.startswith("sqlite")
    return sa.create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": 10} if sqlite else {},
        pool_pre_ping=not sqlite,
    )


class Tables:
    """Tables created the first time a store needs them, once per process (CREATE IF NOT
    EXISTS: replicas may race here)."""

    def __init__(self, *schemas: sa.MetaData) -> None:
        self.schemas = schemas
        self._ready = False
        self._lock = threading.Lock()

    def ensure(self, engine: Engine) -> None:
        """Create the tables in engine's database unless done already."""
        if not self._ready:
            with self._lock:
                if not self._ready:
                    for schema in self.schemas:
                        schema.create_all(engine)
                    self._ready = True


class LazyDatabase:
    """The engine of a store the desk may never use (a Bearer token needs no session):
    connected, and its tables created, on first use."""

    def __init__(self, url: str, *schemas: sa.MetaData) -> None:
        self.url = url
        self.tables = Tables(*schemas)
        self._engine: Engine | None = None
        self._lock = threading.Lock()

    @property
    def engine(self) -> Engine:
        """The engine, its tables created."""
        if self._engine is None:
            with self._lock:
                if self._engine is None:
                    engine = database_engine(self.url)
                    self.tables.ensure(engine)
                    self._engine = engine
        return self._engine

    def close(self) -> None:
        """Release the connections, if it was ever connected."""
        if self._engine is not None:
            self._engine.dispose()


class QuestionLog:
    """Records chat questions and reports which ones delegates asked and did not get answered."""

    def __init__(
        self, url: str, retention_days: int = 90, purge_every: float = PURGE_EVERY
    ) -> None:
        self.engine = database_engine(url)
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_write_ahead)
        self.retention = timedelta(days=retention_days)
        self.purge_every = purge_every
        self._tables = Tables(metadata)
        self._stop = threading.Event()
        self._timer: threading.Thread | None = None

    def _ensure(self) -> None:
        self._tables.ensure(self.engine)

    def start(self) -> int:
        """Create the table if needed, delete expired rows (the number deleted) and start the
        retention timer."""
        self._ensure()
        deleted = self.purge_older_than(self.retention.days)
        self.start_timer()
        return deleted

    def start_timer(self) -> None:
        """Delete expired rows every purge_every seconds in a daemon thread, until close()."""
        if self._timer is not None and self._timer.is_alive():
            return
        self._stop.clear()
        self._timer = threading.Thread(
            target=self._purge_on_timer, name="log-retention", daemon=True
        )
        self._timer.start()

    def _purge_on_timer(self) -> None:
        while not self._stop.wait(self.purge_every):
            try:
                self.purge_older_than(self.retention.days)
            except Exception as exc:  # the database is down: try again next time
                log.warning("question log retention did not run: %s", exc)

    def record(
        self,
        text: str,
        *,
        abstained: bool,
        asks: Sequence[str] = (),
        cited_ids: Sequence[str] = (),
        asked_at: datetime | None = None,
    ) -> None:
        """Log one question, its personal data masked and its control characters stripped."""
        self._ensure()
        row = {
            "asked_at": asked_at or datetime.now(UTC),
            "text": for_storage(text, MAX_TEXT),
            "asks": ",".join(strip_controls(a).strip() for a in asks)[:200],
            "abstained": abstained,
            "cited_ids": ";".join(dict.fromkeys(strip_controls(i).strip() for i in cited_ids)),
        }
        with self.engine.begin() as conn:
            conn.execute(questions.insert(), row)

    def purge_older_than(self, days: int) -> int:
        """Delete questions asked more than `days` days ago; the number deleted."""
        self._ensure()
        cutoff = datetime.now(UTC) - timedelta(days=days)
        with self.engine.begin() as conn:
            result = conn.execute(questions.delete().where(questions.c.asked_at < cutoff))
        return int(result.rowcount or 0)

    def latest(self, limit: int = REPORT_ROWS) -> tuple[LoggedQuestion, ...]:
        """The latest logged questions, newest first."""
        self._ensure()
        query = (
            sa.select(questions)
            .order_by(questions.c.asked_at.desc(), questions.c.id.desc())
            .limit(limit)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return tuple(
            LoggedQuestion(
                text=mask_personal(row.text),  # rows stored before masking began show masked
                # SQLite hands back naive datetimes: they were written as UTC
                asked_at=row.asked_at if row.asked_at.tzinfo else row.asked_at.replace(tzinfo=UTC),
                asks=tuple(a for a in row.asks.split(",") if a),
                abstained=bool(row.abstained),
                cited_ids=tuple(i for i in row.cited_ids.split(";") if i),
            )
            for row in rows
        )

    def report(
        self, embed: Callable[[Sequence[str]], np.ndarray], limit: int = 50
    ) -> tuple[QuestionGroup, ...]:
        """Paraphrases grouped, unanswered groups first, then the most asked."""
        return group_questions(self.latest(), embed)[:limit]

    def close(self) -> None:
        """Stop the retention timer and release the connections."""
        self._stop.set()
        if self._timer is not None:
            self._timer.join(timeout=5)
        self.engine.dispose()


def _sqlite_write_ahead(connection: Any, record: Any) -> None:
    """WAL with synchronous=NORMAL: a commit survives the process being killed, without an
    fsync per question (chat waits for the write: ~30 ms with one on a busy disk, ~1 ms without);
    readers (the report) no longer block writers, and several workers write side by side."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _key(text: str) -> str:
    return " ".join(text.casefold().rstrip("?!. ").split())


def group_questions(
    logged: Sequence[LoggedQuestion],
    embed: Callable[[Sequence[str]], np.ndarray],
    threshold: float = SAME_QUESTION,
) -> tuple[QuestionGroup, ...]:
    """Greedy clustering of question vectors against each group's mean direction."""
    if not logged:
        return ()
    by_key: dict[str, list[LoggedQuestion]] = {}
    for item in logged:
        by_key.setdefault(_key(item.text), []).append(item)
    keys = sorted(by_key, key=lambda k: -len(by_key[k]))  # common wordings seed the groups
    vectors = np.asarray(embed([by_key[k][0].text for k in keys]), dtype=np.float32)

    members: list[list[str]] = []
    sums: list[np.ndarray] = []
    for key, vector in zip(keys, vectors, strict=True):
        if sums:
            centroids = np.stack(sums)
            centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
            # inner product == cosine: vectors are L2-normalised
            scores = centroids @ vector
            best = int(np.argmax(scores))
            if scores[best] >= threshold:
                members[best].append(key)
                sums[best] = sums[best] + vector * len(by_key[key])
                continue
        members.append([key])
        sums.append(vector * len(by_key[key]))

    groups = []
    for group_keys in members:
        # oldest first: among equally common wordings, the first one asked names the group
        items = sorted((i for key in group_keys for i in by_key[key]), key=lambda i: i.asked_at)
        wordings = Counter(item.text for item in items)
        cited = Counter(i for item in items for i in item.cited_ids)
        groups.append(
            QuestionGroup(
                question=wordings.most_common(1)[0][0],
                count=len(items),
                abstained_count=sum(item.abstained for item in items),
                examples=tuple(text for text, _ in wordings.most_common(EXAMPLES)),
                last_asked=max(item.asked_at for item in items),
                cited_ids=tuple(i for i, _ in cited.most_common(EXAMPLES)),
            )
        )
    groups.sort(key=lambda g: (not g.abstained, -g.count, -g.last_asked.timestamp()))
    return tuple(groups)
