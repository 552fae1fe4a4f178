"""Question understanding reads whatever a delegate types: any text gives a Query, never an error."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.answers.engine import MAX_QUESTION_CHARS, clean_question
from assistant.answers.understanding import Query, understand
from assistant.answers.vocabulary import build_vocabulary
from assistant.sources import load_programme

ROOT = Path(__file__).resolve().parents[2]
FORUM = ROOT / "tests" / "data" / "forum" / "programme.txt"
C3 = ROOT.parent / "shared" / "data" / "36c3" / "stages.schedule.json"

WORDS = (
    "who when where what is the talk on in room day monday friday morning afternoon next now "
    "keynote workshop from by and or not who's what's 13:15 9am 22 may b6 eliza day 2 "
    "laura pozzobon speaking chairs stream people"
).split()
SPECIAL = [
    "\u202e",  # right-to-left override
    "\u200f",  # right-to-left mark
    "\u200b",  # zero-width space
    "\ufeff",
    "\x00",
    "\x07",
    "\x1b[31m",
    "🎤",
    "👩🏽‍🔬",
    "\u0645\u0646",
    "Ω",
    "ß",
    "İ",
    "\U0010ffff",
    "'",
    "’s",
    "(",
    "[",
    "\\",
    "*",
    "+",
    "?",
]
questions = st.lists(st.sampled_from(WORDS + SPECIAL), max_size=40).map(" ".join) | st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300
)


@pytest.fixture(scope="module", params=["forum", "36c3"])
def programme_and_vocabulary(request: pytest.FixtureRequest):
    path = FORUM if request.param == "forum" else C3
    if not path.exists():
        pytest.skip(f"needs {path}")
    programme = load_programme([path]).programme
    return programme, build_vocabulary(programme)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(questions)
def test_any_text_is_understood_as_a_query(programme_and_vocabulary, question: str) -> None:
    programme, vocabulary = programme_and_vocabulary
    query = understand(question, programme, vocabulary)
    assert isinstance(query, Query)
    cleaned = clean_question(question)
    assert isinstance(understand(cleaned, programme, vocabulary), Query)


@pytest.mark.parametrize(
    "question",
    [
        "",
        " ",
        "\x00" * 1000,
        "who " * 2000,
        "🎤" * 5000,
        "\u202ewho is speaking on monday?\u202c",
        "laura " * 500 + "pozzobon",
        "a" * 100_000,
        "13:15 " * 300,
        "day " * 400 + "2",
    ],
    ids=["empty", "space", "nuls", "who x2000", "emoji", "rtl", "names", "100k", "times", "days"],
)
def test_huge_and_odd_questions_are_understood(programme_and_vocabulary, question: str) -> None:
    programme, vocabulary = programme_and_vocabulary
    assert isinstance(understand(question, programme, vocabulary), Query)
    assert isinstance(understand(clean_question(question), programme, vocabulary), Query)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=3000))
def test_clean_question_is_bounded_free_of_controls_and_stable(text: str) -> None:
    cleaned = clean_question(text)
    assert len(cleaned) <= MAX_QUESTION_CHARS
    assert cleaned == cleaned.strip()
    assert "  " not in cleaned
    assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in cleaned)
    assert not any(c in cleaned for c in "\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\ufeff")
    assert clean_question(cleaned) == cleaned
