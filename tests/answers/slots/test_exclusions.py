"""What a question sets aside ('apart from lunch'), read before anything else reads it."""

from __future__ import annotations

import pytest

from assistant.answers.slots.exclusions import set_aside


@pytest.mark.parametrize(
    ("question", "rest", "excluded"),
    [
        ("anything happening right now apart from lunch?", "anything happening right now ?",
         ("lunch",)),
        ("what's on other than the poster tour", "what's on ", ("poster", "tour")),
        ("any workshops except for the masterclass, please", "any workshops , please",
         ("masterclass",)),
        # 'besides that' names nothing; a long clause is no thing set aside
        ("besides that, anything on sepsis?", "besides that, anything on sepsis?", ()),
        ("anything on sepsis?", "anything on sepsis?", ()),
    ],
)  # fmt: skip
def test_the_words_after_apart_from_are_set_aside(question, rest, excluded):
    assert set_aside(question) == (rest, excluded)
