"""Chat shorthand is written out before the question is read; nouns that look like it are not."""

from __future__ import annotations

import pytest

from assistant.answers.slots.shorthand import expanded


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        (
            "what's on in the Pentland auditorium rn?",
            "what's on in the Pentland auditorium right now?",
        ),
        ("anything on sat arvo", "anything on saturday afternoon"),
        ("and where n when", "and where and when"),
        ("Digital stream on the last day (weds)?", "Digital stream on the last day (wednesday)?"),
        ("who is talking tmrw w/ python", "who is talking tomorrow with python"),
        ("is it on fri or sat", "is it on friday or saturday"),
        ("whats on sun?", "whats on sunday?"),
        ("sat 10am anything?", "saturday 10am anything?"),
        ("r there any virtual talks", "are there any virtual talks"),
        ("which workshops r on tomorrow?", "which workshops are on tomorrow?"),
    ],
)
def test_shorthand_is_written_out(typed: str, meant: str) -> None:
    assert expanded(typed) == meant


@pytest.mark.parametrize(
    "typed",
    [
        "is there an atm?",
        "talks about the sun",
        "RN-led clinics",
        "Sat Nav hacking",
        "when does the midnight sun walk start",  # a day word only beside day words
        "we sat down for the panel",
        "any r workshops on friday?",  # R, the language
    ],
)
def test_words_that_are_not_shorthand_there_stay(typed: str) -> None:
    assert expanded(typed) == typed
