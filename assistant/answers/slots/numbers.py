"""Numbers as delegates write them: '2' or 'two', 'second' or '2nd', 'last'."""

from __future__ import annotations

ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
    "fourth": 4, "4th": 4, "fifth": 5, "5th": 5, "last": -1,
}  # fmt: skip
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def count(token: str) -> int | None:
    """'2' or 'two' as a number; None for anything else."""
    return int(token) if token.isdigit() else NUMBER_WORDS.get(token)
