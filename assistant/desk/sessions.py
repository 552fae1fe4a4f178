"""The organiser desk's server-side sessions: a random id in the cookie, only its hash stored,
an expiry the server enforces, deleted on logout.

They live in the question log's database (DATABASE_URL), so every replica sharing it accepts a
session any of them started, and a logout on one ends it on all. A session is its person's
(ASSISTANT_ORGANISERS) and ends when their token changes or they are removed: each row holds
the name and an HMAC of the token keyed by the session id.

The table is "desk_sessions": the older "organiser_sessions" had no name column, so its rows are
left to expire unread rather than migrated (everyone logs in once more)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from assistant.desk.question_log import LazyDatabase

metadata = sa.MetaData()
sessions_table = sa.Table(
    "desk_sessions",
    metadata,
    sa.Column("id_hash", sa.String(64), primary_key=True),  # sha256 of the cookie's id
    sa.Column("who", sa.String(40), nullable=False),
    sa.Column("token_check", sa.String(64), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False, index=True),
)


@dataclass(frozen=True, slots=True)
class DeskSession:
    """One logged-in organiser: the cookie's id (never stored), whose it is, its CSRF token and
    expiry."""

    id: str
    who: str
    expires_at: datetime

    @property
    def csrf(self) -> str:
        """The token the desk's forms and scripts send back: derived from the id, so a copy of
        the database (which holds only the id's hash) cannot forge it."""
        return hmac.new(self.id.encode(), b"organiser csrf", hashlib.sha256).hexdigest()


def _hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


def _token_check(token: str, session_id: str) -> str:
    return hmac.new(token.encode(), session_id.encode(), hashlib.sha256).hexdigest()


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes: they were written as UTC
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class SessionStore:
    """Creates, finds and revokes desk sessions; the table is created on first use."""

    def __init__(
        self,
        url: str,
        lifetime: timedelta = timedelta(hours=12),
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.lifetime = lifetime
        self.clock = clock
        self._database = LazyDatabase(url, metadata)

    @property
    def engine(self) -> Engine:
        """The database, connected and its table created on first use."""
        return self._database.engine

    def create(self, who: str, token: str) -> DeskSession:
        """A new session for someone who gave their right token (expired ones are deleted)."""
        now = self.clock()
        session = DeskSession(secrets.token_urlsafe(32), who, now + self.lifetime)
        with self.engine.begin() as conn:
            conn.execute(sessions_table.delete().where(sessions_table.c.expires_at < now))
            conn.execute(
                sessions_table.insert(),
                {
                    "id_hash": _hash(session.id),
                    "who": who,
                    "token_check": _token_check(token, session.id),
                    "created_at": now,
                    "expires_at": session.expires_at,
                },
            )
        return session

    def find(self, session_id: str, tokens: Mapping[str, str]) -> DeskSession | None:
        """The live session with this id, or None: unknown, expired, revoked, or its person is
        gone from `tokens` ({name: token}) or has another token now."""
        if not session_id or len(session_id) > 100:
            return None
        query = sa.select(sessions_table).where(sessions_table.c.id_hash == _hash(session_id))
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        if row is None or _aware(row.expires_at) <= self.clock():
            return None
        token = tokens.get(row.who)
        if token is None or not hmac.compare_digest(
            row.token_check, _token_check(token, session_id)
        ):
            return None
        return DeskSession(session_id, row.who, _aware(row.expires_at))

    def revoke(self, session_id: str) -> None:
        """End a session (logout): its cookie is refused from now on, on every replica."""
        with self.engine.begin() as conn:
            conn.execute(
                sessions_table.delete().where(sessions_table.c.id_hash == _hash(session_id))
            )

    def close(self) -> None:
        """Release the connections."""
        self._database.close()
