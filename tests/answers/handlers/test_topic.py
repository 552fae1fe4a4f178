"""Topic questions: the alternatives a question joins with 'or' are each looked for."""

from __future__ import annotations

import pytest

from assistant.answers.handlers.topic import either_of


@pytest.mark.parametrize(
    ("question", "topic", "alternatives"),
    [
        (
            "which posters are about infection or sepsis",
            "infection sepsis",
            ["infection", "sepsis"],
        ),
        ("des talks sur les orm / sqlalchemy ?", "orm sqlalchemy", ["orm", "sqlalchemy"]),
        (
            "anything on infection control or hand hygiene?",
            "infection control hand hygiene",
            ["infection control", "hand hygiene"],
        ),
        ("any talks on sepsis", "sepsis", ["sepsis"]),
        ("is it a talk or a workshop on sepsis", "sepsis", ["sepsis"]),  # 'or' between no topics
    ],
)
def test_a_topic_is_split_where_the_question_says_or(question, topic, alternatives):
    assert either_of(question, topic) == alternatives
