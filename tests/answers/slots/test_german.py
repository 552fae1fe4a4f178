"""German questions: the closed class of question, time and event words read in English."""

from __future__ import annotations

import pytest

from assistant.answers.slots.phrasebooks import in_english, is_german, question_language


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


@pytest.mark.parametrize(
    "question",
    [
        "Wann ist der Vortrag über Satelliten?",
        "Wer spricht über Rust?",
        "Was läuft gerade?",
        "Wo ist der Go Workshop?",
        "Gibt es morgen Nachmittag Workshops?",
        "In welchem Hörsaal ist Next Level Ansible?",
        "Hast du was zur Datenschutz-Grundverordnung?",
        "Ist das Town Hall Meeting ein Workshop?",
        "Können Sie mir sagen, wo „Der Deep Learning Hype“ stattfindet?",
        "und wo?",
        "wer noch?",
        "Wann?",
    ],
)
def test_german_questions_are_told_by_their_question_words(question):
    assert question_language(question) == "de"


@pytest.mark.parametrize(
    "question",
    [
        "when is 'Die Zukunft der Arbeit'?",
        "when is Die Zukunft der Arbeit?",
        "who speaks in „Das nützlich-unbedenklich Spektrum“?",
        "is the Postgres talk 'PostgreSQL und alles was dazugehört' in German?",
        "was the keynote recorded?",
        "what's on now?",
        "and where?",
        "who else?",
    ],
)
def test_english_questions_stay_english_whatever_titles_they_name(question):
    assert question_language(question, previous="de") == "en"


@pytest.mark.parametrize(("question", "previous"), [("B6?", "de"), ("B6?", "en"), ("Rust", "de")])
def test_a_question_that_does_not_tell_keeps_the_conversations_language(question, previous):
    assert question_language(question, previous) == previous
