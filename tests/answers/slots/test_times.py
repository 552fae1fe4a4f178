"""Reading times: parts of the day, clock times, and how far ahead 'the next hour' looks."""

from __future__ import annotations

import pytest

from assistant.answers.slots.question import read_question
from assistant.answers.slots.times import TimeWindow, read_horizon, read_window
from assistant.answers.wording import says


@pytest.mark.parametrize(
    ("question", "start", "end"),
    [
        ("what's in penn 1 on saturday morning?", 0, 12 * 60 + 1),  # noon itself is still morning
        ("what's on in penn garden sunday after lunch?", 13 * 60, 30 * 60),
        ("anything after 2pm on saturday?", 14 * 60, 30 * 60),
        ("anything between 3 and 5 on sunday?", 15 * 60, 17 * 60),
        ("what's on at 10:30 on sunday?", 10 * 60 + 30, 10 * 60 + 31),
        ("anything before 11?", 0, 11 * 60),
        ("what's on at night?", 20 * 60, 30 * 60),
        ("who chairs the thursday event processing session (the 16:30 one)?", 990, 991),
        ("anything thursday late-afternoon?", 15 * 60, 18 * 60),
        ("talks in the early morning", 0, 10 * 60),
    ],
)
def test_times_of_day_become_windows(question: str, start: int, end: int) -> None:
    window = read_window(read_question(question)).value
    assert window is not None
    assert (window.start, window.end) == (start, end)


def test_a_clock_time_is_labelled_and_at_means_running_then() -> None:
    assert read_window(read_question("anything around 9am?")).value == TimeWindow(
        says("at %(time)s", time="09:00"), 9 * 60, 9 * 60 + 1, running=True
    )


@pytest.mark.parametrize(
    "question",
    [
        "any talks on morning huddles?",
        "anything about night duties?",
        "is there a talk for afternoon staff?",
    ],
)
def test_a_part_of_the_day_that_qualifies_work_is_a_topic_not_a_time(question: str) -> None:
    assert read_window(read_question(question)) == (None, frozenset())


@pytest.mark.parametrize(
    ("question", "minutes"),
    [
        ("anything in the next hour?", 60),
        ("what starts within the next 30 minutes?", 30),
        ("anything in the next half an hour?", 30),
        ("what's on over the next two hours?", 120),
        ("what's on next week?", None),
    ],
)
def test_the_next_hour_is_a_horizon_in_minutes(question: str, minutes: int | None) -> None:
    assert read_horizon(read_question(question)).value == minutes


def test_a_version_number_is_no_clock_time() -> None:
    assert read_window(read_question("anything on python 3.12 or django 4.2?")).value is None
