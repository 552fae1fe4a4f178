"""Reading what is asked: the kinds of answer a question wants, in the order to give them."""

from __future__ import annotations

import pytest

from assistant.answers.asks import Ask, asked_words, default_asks, read_asks
from assistant.answers.vocabulary import fold


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("when is laura pozzobon speaking?", (Ask.WHEN,)),
        ("who's chairing the co-production workshop?", (Ask.CHAIR,)),
        ("which stream is the session on parent education in?", (Ask.WHERE,)),
        ("which room is teaching 2 in?", (Ask.WHERE,)),
        ("who is from canada?", (Ask.AFFILIATION,)),
        ("which organisation is melissa sheldrik with?", (Ask.AFFILIATION,)),
        ("what org + country is lucy robbin with?", (Ask.AFFILIATION,)),
        ("who's presenting the peer support programme?", (Ask.WHO,)),
        ("what will i learn in the part about research?", (Ask.OBJECTIVES,)),
        ("hey, what will I actually get out of part one?", (Ask.OBJECTIVES,)),
        ("is b6 a lecture or a workshop?", (Ask.FORMAT,)),
        ("Co-production - is it a lecture or something else?", (Ask.FORMAT,)),
        ("what's on next?", (Ask.NEXT,)),
        ("what's happening now?", (Ask.NOW,)),
        ("when and where is it?", (Ask.WHEN, Ask.WHERE)),
        ("is it recorded?", (Ask.RECORDED,)),
        ("what language is it in?", (Ask.LANGUAGE,)),
        ("who is the training aimed at?", (Ask.LEVEL,)),
        ("who is hadley wickham?", (Ask.ABOUT,)),
        ("who is speaking?", (Ask.WHO,)),
        ("what's on in eliza?", (Ask.LIST,)),
        ("tell me more", (Ask.ABOUT,)),
        ("is there anything on sepsis?", ()),  # asks nothing in so many words
        ("hello", (Ask.GREETING,)),
        ("thanks!", (Ask.THANKS,)),
        ("what can you do?", (Ask.HELP,)),
    ],
)
def test_what_is_asked(question: str, asks: tuple[Ask, ...]) -> None:
    assert read_asks(fold(question)) == asks


def test_staff_in_a_topic_is_not_an_organisations_people() -> None:
    question = "any talk about what happens when ward staff overrule the algorithm?"
    assert Ask.AFFILIATION not in read_asks(fold(question))


@pytest.mark.parametrize(
    ("topic", "has_people", "has_filters", "asks"),
    [
        ("", True, False, (Ask.ABOUT,)),  # 'laura pozzobon?'
        ("", False, True, (Ask.LIST,)),  # 'eliza on monday?'
        ("sepsis", True, True, (Ask.TOPIC,)),
    ],
)
def test_a_question_that_asks_nothing_wants_a_person_a_list_or_a_topic(
    topic: str, has_people: bool, has_filters: bool, asks: tuple[Ask, ...]
) -> None:
    assert default_asks(topic, has_people, has_filters=has_filters) == asks


def test_words_that_only_say_what_is_asked_are_known_per_ask() -> None:
    assert {"starts", "long"} <= asked_words([Ask.WHEN])
    assert asked_words([Ask.WHO]) == frozenset()
