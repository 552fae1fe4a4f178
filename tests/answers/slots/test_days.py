"""Reading days: weekdays, dates, 'day 2', days counted from either end, today and tomorrow."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.answers.slots.days import Days, read_days
from assistant.answers.slots.question import read_question
from assistant.answers.tongues import ENGLISH, Tongue


def said(days: Days, tongue: Tongue = ENGLISH) -> Days:
    """The days with their labels in words, as an answer says them."""
    return Days(days.days, tongue.say(days.label), tongue.say(days.unknown), days.relative)


MAY_20, MAY_21 = date(2026, 5, 20), date(2026, 5, 21)


@pytest.mark.parametrize(
    ("question", "days"),
    [
        ("what's on 20 may?", Days((MAY_20,), "20 May")),
        ("anything on may 21st?", Days((MAY_21,), "21 May")),
        ("what's on day two?", Days((MAY_21,), "day 2")),
        ("what is on on 2026-05-21?", Days((MAY_21,), "2026-05-21")),
        ("what's on wednesday?", Days((MAY_20,), "Wednesday")),
        ("what's on tuesdays?", Days(unknown="Tuesday")),
        ("what's on day 9?", Days(unknown="day 9")),
        ("what is on today?", Days(relative=0)),
        ("what's on this evening?", Days(relative=0)),
        ("and tomorrow?", Days(relative=1)),
    ],
)
def test_days_are_read_in_every_way_delegates_write_them(
    forum_programme, question: str, days: Days
) -> None:
    programme, _ = forum_programme
    assert said(read_days(read_question(question), programme.days).value) == days


@pytest.mark.parametrize(
    ("question", "day"),
    [
        ("what's on the last day?", MAY_21),
        ("what is on the first day?", MAY_20),
        ("anything on the closing day?", MAY_21),
    ],
)
def test_days_counted_from_either_end(forum_programme, question: str, day: date) -> None:
    programme, _ = forum_programme
    assert read_days(read_question(question), programme.days).value.days == (day,)


def test_a_weekday_the_programme_does_not_have_is_reported(seed_programme) -> None:
    programme, _ = seed_programme
    read = read_days(read_question("who is giving the keynote on friday?"), programme.days)
    assert (ENGLISH.say(read.value.unknown), read.value.days) == ("Friday", ())


def test_the_words_of_a_day_are_taken_so_no_other_reader_sees_a_name(forum_programme) -> None:
    programme, _ = forum_programme
    read = read_days(read_question("what's on 20 may in the people stream?"), programme.days)
    assert read.taken == frozenset({2, 3})


@pytest.mark.parametrize(
    "question",
    ["when is the workshop? i can't do wednesday", "anything except wednesday?", "not wednesday"],
)
def test_a_day_ruled_out_leaves_the_programmes_other_days(forum_programme, question) -> None:
    programme, _ = forum_programme
    read = read_days(read_question(question), programme.days).value
    assert read.days == (MAY_21,)
    assert read.ruled_out  # the days left are the ones asked ('is it on again?' of them)


def test_a_day_named_plainly_is_not_ruled_out(forum_programme) -> None:
    programme, _ = forum_programme
    question = read_question("what can i do on wednesday?")
    assert read_days(question, programme.days).value.days == (MAY_20,)


def test_a_part_of_a_day_ruled_out_goes_with_the_day(forum_programme) -> None:
    from assistant.answers.slots.times import read_window

    programme, _ = forum_programme
    question = read_question("can't make wednesday morning, is it on again later?")
    question, days = question.read(read_days(question, programme.days))
    assert days.days == (MAY_21,)
    assert read_window(question).value is None  # thursday at any time
