"""Reading references: back at the conversation ('it', 'after that') or at a named session."""

from __future__ import annotations

import pytest

from assistant.answers.slots.question import read_question
from assistant.answers.slots.references import (
    after_previous,
    excludes_previous,
    read_after_session,
    refers_back,
    what_about,
)


@pytest.mark.parametrize(
    ("question", "session", "previous"),
    [
        ("what's on after the kindness keynote in people?", "kindness keynote", False),
        ("anything after 2pm?", "", False),
        ("what's on after lunch?", "", False),
        ("first proper session tomorrow after breakfast?", "breakfast", False),
        ("anything after the break about sepsis?", "break", False),
        ("and after that?", "", True),
        ("what's on right after it?", "", True),
    ],
)
def test_after_a_named_session_is_told_from_after_a_time_or_after_that(
    question: str, session: str, previous: bool
) -> None:
    read = read_question(question)
    assert (read_after_session(read).value, after_previous(read)) == (session, previous)


@pytest.mark.parametrize(
    ("question", "back", "excludes", "about"),
    [
        ("is it recorded?", True, False, False),
        ("anything else?", False, True, False),
        ("and what about tomorrow?", False, False, True),
        ("how about sepsis?", False, False, True),
        ("what's on?", False, False, False),
    ],
)
def test_follow_ups_point_back_at_the_conversation(question, back, excludes, about) -> None:
    read = read_question(question)
    assert (refers_back(read), excludes_previous(read), what_about(read)) == (back, excludes, about)
