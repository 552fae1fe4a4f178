"""Programme-local time: reading the clock, and where a session falls in its programme day."""

from __future__ import annotations

from datetime import datetime, tzinfo

from assistant.errors import AssistantError
from assistant.programme import Session


def read_clock(zone: tzinfo | None, now: str | None = None) -> datetime:
    """Programme-local wall-clock time: the fixed --now, or the real clock in the programme's zone."""
    if now:
        try:
            moment = datetime.fromisoformat(now)
        except ValueError:
            raise AssistantError(
                f"--now expects a time like 2025-05-22T13:00, got {now!r}"
            ) from None
        return local(zone, moment)
    real = datetime.now(zone) if zone else datetime.now()
    return real.replace(tzinfo=None)


def local(zone: tzinfo | None, moment: datetime) -> datetime:
    """A clock reading as programme-local wall-clock time (naive)."""
    if moment.tzinfo is None:
        return moment
    return (moment.astimezone(zone) if zone else moment).replace(tzinfo=None)


def wall(moment: datetime) -> datetime:
    """A session time as the programme writes it (naive): what answers show is what counts."""
    return moment.replace(tzinfo=None)


def minutes(session: Session) -> tuple[int, int] | None:
    """Start and end as minutes after the session's programme day began (past 24h after midnight)."""
    if session.start is None:
        return None
    start = wall(session.start)
    day = session.day or start.date()
    begin = (start.date() - day).days * 1440 + start.hour * 60 + start.minute
    if session.end is not None:
        end = wall(session.end)
        finish = (end.date() - day).days * 1440 + end.hour * 60 + end.minute
    else:
        finish = begin + 60
    return begin, max(finish, begin)
