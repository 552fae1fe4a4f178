"""The learned ask reader: misspelt question words mended, unknown wordings classified."""

from __future__ import annotations

import pytest

from assistant.answers.ask_classifier import classified_asks, shipped_classifier
from assistant.answers.asks import Ask, mend_question_words


@pytest.mark.parametrize(
    ("question", "mended", "slips"),
    [
        ("wher is the tlak on rust?", "where is the talk on rust?", {"wher", "tlak"}),
        ("wich room is it in", "which room is it in", {"wich"}),
        ("waht time is it on", "what time is it on", {"waht"}),
        ("hwo is speaking", "who is speaking", {"hwo"}),
        # real words one letter from a question word stay as they are
        ("and then what is that about?", "and then what is that about?", set()),
        ("is there a talk on walking?", "is there a talk on walking?", set()),
    ],
)
def test_misspelt_question_words_are_mended_and_real_words_kept(question, mended, slips):
    assert mend_question_words(question) == (mended, frozenset(slips))


@pytest.mark.parametrize(
    ("question", "ask"),
    [
        ("whens the keynote on", Ask.WHEN),
        ("wich hall for the keynote?", Ask.WHERE),
        ("speaker for the rust keynote?", Ask.WHO),
    ],
)
def test_the_classifier_names_the_ask_of_wordings_the_rules_miss(question, ask):
    asks, _ = classified_asks(question, shipped_classifier())
    assert asks == (ask,)


@pytest.mark.parametrize(
    "question",
    [
        "is there anything about sepsis?",
        "any talks on sewing electronics into clothes?",
        "is there a session on organ donation?",
    ],
)
def test_the_classifier_leaves_topic_searches_to_the_topic_search(question):
    assert classified_asks(question, shipped_classifier()) == ((), frozenset())
