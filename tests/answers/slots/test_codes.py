"""Reading session codes: exact, whatever their case, as the ids of the sessions."""

from __future__ import annotations

import pytest

from assistant.answers.slots.codes import read_codes
from assistant.answers.slots.question import read_question


@pytest.mark.parametrize(
    ("question", "ids"),
    [("is b6 a workshop?", ("B6",)), ("is B6 a workshop?", ("B6",)), ("what is b7?", ())],
)
def test_a_session_code_is_found_whatever_its_case(seed_programme, question, ids) -> None:
    programme, vocabulary = seed_programme
    assert read_codes(read_question(question), vocabulary, programme.sessions).value == ids
