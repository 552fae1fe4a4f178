"""What looks wrong in a file's sessions though each reads fine: the notes `check` prints for an
organiser to look at (every session at one time, rooms missing, times in the small hours)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.programme import Session, gather_people

# Sessions that start after 02:00 and before 06:00 local time are more likely a time zone or
# day-change slip than a real event (the after-midnight parties start by 02:00).
NIGHT_START, NIGHT_END = 2, 6
NO_ROOM_NEEDED = frozenset({"break", "service", "lunch", "coffee break"})


@dataclass(frozen=True, slots=True)
class Counts:
    """A file's (or programme's) sessions counted the ways check reports them."""

    sessions: int
    parts: int
    people: int
    rooms: int
    days: int
    unscheduled: int


def counts(sessions: Sequence[Session]) -> Counts:
    """How many sessions, parts, people, rooms and days the sessions hold."""
    return Counts(
        sessions=len(sessions),
        parts=sum(len(s.parts) for s in sessions),
        people=len(gather_people(sessions)),
        rooms=len({s.room for s in sessions if s.room}),
        days=len({s.day for s in sessions if s.day is not None}),
        unscheduled=sum(1 for s in sessions if s.start is None),
    )


def suspicious(sessions: Sequence[Session]) -> list[str]:
    """Notes on what an organiser should look at; empty when nothing looks odd."""
    notes = (_one_time(sessions), _rooms_missing(sessions), _small_hours(sessions))
    return [note for note in notes if note]


def _one_time(sessions: Sequence[Session]) -> str:
    starts = [s.start for s in sessions if s.start is not None]
    if len(starts) < 3 or len(set(starts)) > 1:
        return ""
    return (
        f"all {len(starts)} sessions start at the same time ({starts[0]:%Y-%m-%d %H:%M}): "
        "are the times missing or read from the wrong column?"
    )


def _rooms_missing(sessions: Sequence[Session]) -> str:
    needing_rooms = [s for s in sessions if s.start and s.format.lower() not in NO_ROOM_NEEDED]
    roomless = [s for s in needing_rooms if not s.room]
    if not roomless:
        return ""
    if len(roomless) == len(needing_rooms):
        return (
            "no session has a room: 'where is it?' will be answered that the programme does not say"
        )
    shown = ", ".join(s.id for s in roomless[:5]) + (", ..." if len(roomless) > 5 else "")
    return f"{len(roomless)} of {len(needing_rooms)} sessions have no room ({shown})"


def _small_hours(sessions: Sequence[Session]) -> str:
    night = [
        (s.id, s.start)
        for s in sessions
        if s.start is not None
        and (NIGHT_START, 0) < (s.start.hour, s.start.minute)
        and s.start.hour < NIGHT_END
    ]
    if not night:
        return ""
    first_id, first_start = night[0]
    return (
        f"{len(night)} session{'s' if len(night) != 1 else ''} start after "
        f"{NIGHT_START:02d}:00 and before {NIGHT_END:02d}:00 (first: {first_id} at "
        f"{first_start:%Y-%m-%d %H:%M}): a time zone or day-change slip?"
    )
