"""Reading what is asked: the kinds of answer a question wants, in the order to give them."""

from __future__ import annotations

import pytest

from assistant.answers.asks import (
    AGENDA_ASKS,
    Ask,
    asked_words,
    default_asks,
    read_asks,
    reads_agenda,
)
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
        ("is the keynote in english?", (Ask.LANGUAGE,)),
        ("is there a talk in german?", ()),  # lists the German ones
        ("are there any hands-on workshops?", ()),  # lists them
        ("is it hands-on?", (Ask.FORMAT,)),
        ("does it run twice?", (Ask.WHEN,)),
        ("till what time?", (Ask.WHEN,)),
        ("which hackerspace is tomasz kowal with", (Ask.AFFILIATION,)),
        ("do i need to bring anything", (Ask.FORMAT,)),  # its format and what to bring
        ("is it online?", (Ask.FORMAT,)),
        ("is anything still going on?", (Ask.NOW,)),
        ("everything in the data track pls", (Ask.LIST,)),
        ("where does she work?", (Ask.AFFILIATION,)),
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


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("add it to my agenda", (Ask.AGENDA_ADD,)),
        ("Add it to my calendar", (Ask.AGENDA_ADD,)),
        ("can you put that one in my schedule please?", (Ask.AGENDA_ADD,)),
        ("star it", (Ask.AGENDA_ADD,)),
        ("save this talk", (Ask.AGENDA_ADD,)),
        ("thanks, add it to my agenda", (Ask.AGENDA_ADD,)),
        ("add the second one", (Ask.AGENDA_ADD,)),
        ("add the one on thursday", (Ask.AGENDA_ADD,)),
        ("add all of them to my agenda", (Ask.AGENDA_ADD,)),
        ("add to my agenda", (Ask.AGENDA_ADD,)),
        ("add b6 to my agenda", (Ask.AGENDA_ADD,)),
        ("add the keynote to my calendar", (Ask.AGENDA_ADD,)),
        ("remove it from my agenda", (Ask.AGENDA_REMOVE,)),
        ("take it off my agenda", (Ask.AGENDA_REMOVE,)),
        ("unstar it", (Ask.AGENDA_REMOVE,)),
        ("delete that one", (Ask.AGENDA_REMOVE,)),
        ("what's on my agenda?", (Ask.AGENDA,)),
        ("what's on my agenda tomorrow?", (Ask.AGENDA,)),
        ("show me my schedule for friday", (Ask.AGENDA,)),
        ("what have i starred?", (Ask.AGENDA,)),
        ("what's next on my agenda?", (Ask.AGENDA, Ask.NEXT)),
        ("where is my next talk?", (Ask.AGENDA, Ask.NEXT)),
        ("what's on my agenda right now?", (Ask.AGENDA, Ask.NOW)),
        ("do any of my sessions clash?", (Ask.CLASHES,)),
        ("do i have any clashes on friday?", (Ask.CLASHES,)),
        ("are any of my talks at the same time?", (Ask.CLASHES,)),
    ],
)
def test_the_agenda_phrases(question: str, asks: tuple[Ask, ...]) -> None:
    assert read_asks(fold(question)) == asks


@pytest.mark.parametrize(
    "question",
    [
        "mark",  # a name, not an order
        "save the children",
        "is there a talk on how to save energy?",
        "when does it start?",
        "does the keynote clash with the workshop?",  # two sessions, no agenda
        "is there a talk about writing log messages from my r scripts?",
        "where do I leave my jacket?",
    ],
)
def test_other_questions_are_not_about_the_agenda(question: str) -> None:
    assert not set(read_asks(fold(question))) & AGENDA_ASKS


@pytest.mark.parametrize(
    "question",
    [
        "what's on my agenda?",
        "what have i starred?",
        "do any of my sessions clash?",
        "are there clashes?",
    ],
)
def test_every_reading_of_the_agenda_is_seen_as_one(question: str) -> None:
    # the answer cache files these under the agenda sent with them, and only these
    assert reads_agenda(fold(question))
    assert not reads_agenda(fold("who is speaking about sepsis?"))


@pytest.mark.parametrize(
    ("question", "wanted", "unwanted"),
    [
        ("the talk where the signal guy explains decentralisation", None, Ask.WHERE),
        ("where's prof mehra from", Ask.AFFILIATION, Ask.WHERE),
        ("which institute is philippe galvez from?", Ask.AFFILIATION, None),
        ("the canals one on sunday - panel or a talk?", Ask.FORMAT, None),
        ("where is the talk where they hack cars?", Ask.WHERE, None),
    ],
)
def test_what_these_wordings_ask(question: str, wanted: Ask | None, unwanted: Ask | None) -> None:
    asks = read_asks(question)
    assert wanted is None or wanted in asks
    assert unwanted is None or unwanted not in asks


@pytest.mark.parametrize(
    ("question", "unwanted"),
    [
        ("who runs the session on stopping teams chats from oversharing?", Ask.AFFILIATION),
        ("who's building a compiler from scratch?", Ask.AFFILIATION),
        ("who talks about meetings, recordings and transcripts?", Ask.RECORDED),
        ("anything on learning a game's rules from recorded matches?", Ask.RECORDED),
        ("when is the talk on free software in the next 20 yrs?", Ask.NEXT),
        ("anything on the next generation of sequencers?", Ask.NEXT),
        ("is there a talk on recording audio?", Ask.RECORDED),
    ],
)
def test_from_and_recordings_as_topic_words(question: str, unwanted: Ask) -> None:
    assert unwanted not in read_asks(question)


def test_hands_on_asks_the_format_and_recordings_asked_for_are_read() -> None:
    assert Ask.FORMAT in read_asks("is the podman thing hands-on?")
    assert Ask.RECORDED in read_asks("will there be recordings?")
