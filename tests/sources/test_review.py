"""The notes check prints about a file's sessions: one start time for all, rooms missing, small hours."""

from __future__ import annotations

from datetime import datetime

from assistant.programme import Part, Person, Session
from assistant.sources.review import counts, suspicious


def _session(number: int, hour: int, room: str = "Hall", format: str = "") -> Session:
    start = datetime(2025, 5, 21, hour, 0)
    return Session(
        str(number),
        f"Talk {number}",
        day=start.date(),
        start=start,
        room=room,
        format=format,
        parts=(Part(1, f"Talk {number}", speakers=(Person(f"Speaker {number}"),)),),
    )


def test_a_sound_programme_has_nothing_suspicious() -> None:
    assert suspicious([_session(1, 9), _session(2, 10), _session(3, 23)]) == []


def test_every_session_at_one_time_is_suspicious() -> None:
    assert suspicious([_session(n, 9) for n in range(3)]) == [
        "all 3 sessions start at the same time (2025-05-21 09:00): are the times missing or "
        "read from the wrong column?"
    ]


def test_rooms_missing_are_named_but_breaks_need_none() -> None:
    sessions = [_session(1, 9, ""), _session(2, 10), _session(3, 11, "", "Break")]
    assert suspicious(sessions) == ["1 of 2 sessions have no room (1)"]
    assert suspicious([_session(1, 9, ""), _session(2, 10, "")]) == [
        "no session has a room: 'where is it?' will be answered that the programme does not say"
    ]


def test_starts_in_the_small_hours_suggest_a_time_zone_slip() -> None:
    assert suspicious([_session(1, 2), _session(2, 3), _session(3, 5)]) == [
        "2 sessions start after 02:00 and before 06:00 (first: 2 at 2025-05-21 03:00): a time "
        "zone or day-change slip?"
    ]


def test_counts_are_of_sessions_parts_people_rooms_and_days() -> None:
    found = counts([_session(1, 9), _session(2, 10, "Annex"), Session("3", "Unscheduled")])
    assert (found.sessions, found.parts, found.people, found.rooms, found.days) == (3, 2, 2, 2, 1)
    assert found.unscheduled == 1
