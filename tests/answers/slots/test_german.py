"""German questions: the closed class of question, time and event words read in English."""

from __future__ import annotations

import pytest

from assistant.answers.slots.german import in_english, is_german


@pytest.mark.parametrize(
    ("question", "english"),
    [
        ("Was läuft gerade?", "what's on now?"),
        ("Gibt es heute Vorträge über Satelliten?", "is there today talks about Satelliten?"),
        ("Wann spricht Linus Neumann?", "when speaking Linus Neumann?"),
        ("Was kommt als Nächstes in Saal 1?", "what's next in Saal 1?"),
        ("Ist das ein Workshop?", "is it a Workshop?"),
        ("Wer hält den Vortrag über Ethereum?", "who gives the talk about Ethereum?"),
        ("Was läuft am Samstagnachmittag im HS4?", "what runs on saturday afternoon in HS4?"),
    ],
)
def test_german_question_words_are_read_in_english_and_names_kept(question, english):
    assert in_english(question) == english


@pytest.mark.parametrize(
    "question", ["when is the talk about das keyboard?", "is there a talk about die hard?"]
)
def test_english_questions_with_a_german_word_are_left_alone(question):
    assert not is_german(question)
    assert in_english(question) == question
