"""Runs of one session: the same title (a repeat's mark aside), format, papers and speakers."""

from __future__ import annotations

from assistant.answers.finding import runs_of
from assistant.programme import Part, Person, Session


def _workshop(sid: str, title: str, speaker: str = "Olusegun Adebayo") -> Session:
    return Session(
        sid, title, format="Workshop", parts=(Part(1, title, speakers=(Person(speaker),)),)
    )


def test_a_repeat_marked_in_its_title_is_a_run_of_the_first():
    first = _workshop("W1", "Human factors in practice")
    again = _workshop("W1R", "Human factors in practice (REPEAT of W1)")
    other = _workshop("W2", "Human factors in practice", speaker="Hannah Lowry")
    runs = runs_of([first, again, other])
    assert runs["W1"] == ("W1", "W1R") and runs["W1R"] == ("W1", "W1R")
    assert "W2" not in runs  # another presenter: another session
