"""Dates and clock times as spreadsheets write them."""

from __future__ import annotations

from datetime import date, time

import pytest

from assistant.sources.dates import day_first, read_clock, read_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027-03-18", date(2027, 3, 18)),
        ("18/03/2027", date(2027, 3, 18)),
        ("18.03.27", date(2027, 3, 18)),
        ("Thursday 18 March 2027", date(2027, 3, 18)),
        ("Thu, 18th Mar 2027", date(2027, 3, 18)),
        ("March 18, 2027", date(2027, 3, 18)),
    ],
)
def test_dates_day_first(text: str, expected: date) -> None:
    assert read_date(text) == expected


def test_month_first_when_the_file_says_so() -> None:
    assert read_date("3/18/2027", days_first=False) == date(2027, 3, 18)
    assert day_first(["03/05/2027", "3/18/2027"]) is False
    assert day_first(["03/05/2027", "18/3/2027"]) is True
    assert day_first(["03/05/2027"]) is True  # nothing tells: day first


@pytest.mark.parametrize("text", ["09/08", "31/02/2027", "Someday 2027", ""])
def test_what_is_not_a_date_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        read_date(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09:00", time(9, 0)),
        ("9.30", time(9, 30)),
        ("14h15", time(14, 15)),
        ("2pm", time(14, 0)),
        ("12am", time(0, 0)),
        ("12:30 PM", time(12, 30)),
        ("10:30:00", time(10, 30)),
        ("25:00", None),
        ("13pm", None),
        ("noonish", None),
    ],
)
def test_clock_times(text: str, expected: time | None) -> None:
    assert read_clock(text) == expected
