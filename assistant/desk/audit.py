"""Who did what on the organiser desk: programme checks, publishes and rollbacks, FAQ edits and
report groups marked done, each with its person and the time in UTC.

The table lives in the question log's database (DATABASE_URL), so every replica writes to and
reads the one log."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from assistant.desk.question_log import LazyDatabase

MAX_DETAIL = 500  # a detail is cut to this: it names files, ids and keys, not whole bodies

metadata = sa.MetaData()
audit_table = sa.Table(
    "audit",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("who", sa.String(40), nullable=False),
    sa.Column("action", sa.String(40), nullable=False),
    sa.Column("detail", sa.String(MAX_DETAIL), nullable=False),
)


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One thing an organiser did."""

    at: datetime
    who: str
    action: str
    detail: str

    def to_json(self) -> dict[str, str]:
        return {
            "at": self.at.isoformat(),
            "who": self.who,
            "action": self.action,
            "detail": self.detail,
        }


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes: they were written as UTC
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class AuditLog:
    """Writes and reads the desk's audit table; the table is created on first use."""

    def __init__(self, url: str, clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.clock = clock
        self._database = LazyDatabase(url, metadata)

    @property
    def engine(self) -> Engine:
        """The database, connected and its table created on first use."""
        return self._database.engine

    def record(self, who: str, action: str, detail: str = "") -> AuditEntry:
        """Note that `who` did `action` now."""
        entry = AuditEntry(self.clock(), who, action, detail[:MAX_DETAIL])
        with self.engine.begin() as conn:
            conn.execute(
                audit_table.insert(),
                {"at": entry.at, "who": who, "action": action, "detail": entry.detail},
            )
        return entry

    def latest(self, limit: int = 200) -> list[AuditEntry]:
        """The newest entries first."""
        query = (
            sa.select(audit_table)
            .order_by(audit_table.c.at.desc(), audit_table.c.id.desc())
            .limit(limit)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [AuditEntry(_aware(r.at), r.who, r.action, r.detail) for r in rows]

    def close(self) -> None:
        """Release the connections."""
        self._database.close()
