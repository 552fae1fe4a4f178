"""Reading the topic: what no other reader took, and its other wording."""

from __future__ import annotations

import pytest

from assistant.answers.slots.question import read_question
from assistant.answers.slots.topics import other_wording, read_topic


@pytest.mark.parametrize(
    ("question", "asked", "topic"),
    [
        ("what are the learning objectives of the climate session?",
         frozenset({"learning", "objectives"}), "climate"),
        ("anything on the 2nd day about 3 robots?", frozenset(), "robots"),
        ("she has two things on thursday right? what are they", frozenset(), "thursday"),
        # an aside after the question mark asks nothing
        ("anything on sepsis? happy to bring my laptop", frozenset(), "sepsis"),
        ("what is on sepsis this year?", frozenset(), "sepsis"),  # the whole event
        ("any hands-on sepsis talks", frozenset(), "sepsis"),  # how, not what
        ("anything on sepsis as well?", frozenset(), "sepsis"),
        # after the question mark, more of the topic: trailing off, or 'esp'
        ("any talks on car hacking? CAN bus, automotive, that kind of thing", frozenset(),
         "car hacking bus automotive"),
        ("any papers on spy agencies? esp radicalisation", frozenset(),
         "spy agencies radicalisation"),
    ],
)  # fmt: skip
def test_the_topic_is_what_remains_after_filler_numbers_and_asking_words(question, asked, topic):
    assert read_topic(read_question(question), asked) == topic


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("where can i learn about free hosting for bots", "free hosting bots"),
        ("any workshop on public speaking?", "workshop public speaking"),
        ("who is hosting the sepsis session", "sepsis"),
        ("do i need to bring anything", "bring"),
    ],
)  # fmt: skip
def test_an_activity_after_a_word_of_the_topic_is_part_of_it(question, topic):
    # 'hosting' and 'speaking' say who does what, unless a word of the topic comes before
    assert read_topic(read_question(question), frozenset()) == topic
    # after a person another reader took ('is Ann speaking'), it says what she does
    assert (
        read_topic(read_question("is ann speaking on sepsis").claim({1}), frozenset()) == "sepsis"
    )


def test_words_another_reader_took_are_not_the_topic() -> None:
    assert read_topic(read_question("sepsis in eliza").claim({2}), frozenset()) == "sepsis"


@pytest.mark.parametrize(
    ("topic", "other"),
    [
        ("ai in hospitals", "artificial intelligence in hospitals"),
        ("machine learning for triage", "ml for triage"),
        ("sepsis", ""),
    ],
)
def test_abbreviations_are_spelled_out_and_back(topic: str, other: str) -> None:
    assert other_wording(topic) == other


def test_a_short_title_named_in_full_keeps_its_filler_words() -> None:
    titles = frozenset({("event", "processing"), ("lightning", "talks")})
    question = read_question("who chairs the event processing session")
    assert read_topic(question, frozenset({"chairs"}), titles) == "event processing"
    assert (
        read_topic(read_question("any talks on processing?"), frozenset(), titles) == "processing"
    )


def test_an_aside_that_names_something_read_stays_part_of_the_question() -> None:
    # 'tuesday' is a day another reader took: the words after the mark are not an aside
    question = read_question("when is the sepsis workshop? cant do tuesday")
    assert read_topic(question.claim({4, 7}), frozenset()) == "sepsis cant"
