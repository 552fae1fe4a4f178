"""A question as the readers share it: tidied text, folded words, and which words are read."""

from __future__ import annotations

import pytest

from assistant.answers.slots.question import lead_in, read_question
from assistant.answers.vocabulary import Match, Term


@pytest.mark.parametrize(
    ("typed", "text"),
    [
        (
            "hi! first time at the forum - is there anything on today?",
            "is there anything on today?",
        ),
        ("I'm new here and where is lunch?", "where is lunch?"),
        ("hello there, when is it?", "when is it?"),
        ("hi!", "hi!"),  # a bare greeting stays a greeting
        ("  when   is   it? ", "when is it?"),
    ],
)
def test_a_chatty_preamble_and_extra_spaces_are_dropped(typed: str, text: str) -> None:
    assert read_question(typed).text == text


def test_the_text_is_kept_as_typed_and_folded_for_matching() -> None:
    question = read_question("Who’s chairing Café Ré?")
    assert question.text == "Who’s chairing Café Ré?"
    assert question.folded == "who's chairing cafe re?"
    assert question.tokens == ("who", "chairing", "cafe", "re")  # possessive 's dropped


def test_words_once_read_are_not_free_for_another_reader() -> None:
    question = read_question("what's in eliza on monday?").claim({2})
    eliza, monday = Match(Term("Eliza", ("eliza",)), 2, 3, 100.0), Match(Term("x", ()), 4, 5, 1.0)
    assert question.free([eliza, monday]) == [monday]
    assert (question.is_free(2, 3), question.is_free(3, 5)) == (False, True)
    assert question.mask() == [False, False, True, False, False]


@pytest.mark.parametrize(
    ("typed", "dropped"),
    [
        ("just walked into the data room, whats this talk?", "just walked into the data room"),
        ("at the reception rn 🍷 whats the first talk tmrw", "at the reception rn"),
        ("i like sepsis work - is there anything on wednesday?", ""),  # no reader took the day
        ("i'm into psychedelics as therapy, what would you recommend?", ""),
        ("sepsis - any talks?", ""),  # the asking clause names nothing: it asks of sepsis
        ("someone mentioned a talk on sepsis, which one was that", ""),
        ("is there anything on sepsis?", ""),
        ("what will i learn in the causal inference workshop? is it worth it", ""),
        ("copilot mangles our acronyms in meeting notes, is there a session on fixing that?", ""),
        ("the night shift fatigue one - is it a workshop or a talk?", ""),
    ],
)
def test_what_a_delegate_says_before_the_clause_that_asks(typed: str, dropped: str) -> None:
    question = read_question(typed)
    assert " ".join(question.tokens[i] for i in sorted(lead_in(question))) == dropped


def test_an_asking_clause_pointing_back_to_that_day_leaves_the_situation_out() -> None:
    question = read_question("only in glasgow on the friday, what can i do that day?")
    friday = question.tokens.index("friday")
    said = lead_in(question.claim({friday}))
    assert " ".join(question.tokens[i] for i in sorted(said)) == "only in glasgow on the"
    assert lead_in(question) == frozenset()  # no reader took a day: that day is no day
