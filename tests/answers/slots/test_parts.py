"""Reading which one: a part of a session ('part two') and an ordinal ('the second one')."""

from __future__ import annotations

import pytest

from assistant.answers.slots.parts import read_ordinal, read_part
from assistant.answers.slots.question import read_question


@pytest.mark.parametrize(
    ("question", "part"),
    [
        ("who's presenting in part two?", 2),
        ("what's in the second part?", 2),
        ("who's presenting in the second half of the thursday workshop?", 2),
        ("what is part 3 about?", 3),
        ("what is part 0 about?", None),
        ("tell me about it", None),
    ],
)
def test_a_part_of_a_session_is_read_in_words_or_digits(question: str, part: int | None) -> None:
    assert read_part(read_question(question)).value == part


@pytest.mark.parametrize(
    ("question", "ordinal"),
    [("tell me about the second one", 2), ("and the last one?", -1), ("tell me about it", None)],
)
def test_an_ordinal_picks_one_of_a_list(question: str, ordinal: int | None) -> None:
    assert read_ordinal(read_question(question)) == ordinal


def test_an_ordinal_already_read_as_a_part_picks_nothing() -> None:
    question = read_question("what's in the second part?")
    assert read_ordinal(question.claim(read_part(question).taken)) is None
