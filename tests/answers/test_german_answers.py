"""Questions asked in German are answered in German, from the real templates and catalog; a
follow-up keeps the language; English answers stay exactly as they were."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answers.answerer import FIRST_MORE, HELP, NEXT, SECOND_WHEN, SUGGESTED
from assistant.answers.engine import Assistant, load_tongues
from assistant.answers.reply import Reply
from assistant.answers.slots.phrasebooks import question_language
from assistant.answers.understanding import understand
from assistant.search.embedder import Embedder

C3_NOW = "2019-12-28T13:00"  # day 2 of 36C3, Saturday


@pytest.fixture(scope="module")
def c3(c3_index: Path, embedder: Embedder) -> Assistant:
    return Assistant.load(c3_index, embedder)


def ask(assistant: Assistant, question: str, context=None, now: str = C3_NOW) -> Reply:
    return assistant.reply(question, context=context, now=assistant.clock(now))


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        (
            "Wann spricht Edward Snowden?",
            "Human Rights at a Global Crossroads ist am Sonntag, 29. Dezember 2019 (Tag 3), "
            "17:30–18:30 in Ada.",
        ),
        (
            "Wer redet über ZombieLoad?",
            "ZombieLoad Attack wird von Michael Schwarz, Moritz Lipp und Daniel Gruss gehalten.",
        ),
        (
            "In welchem Saal redet Fefe?",
            "Das nützlich-unbedenklich Spektrum ist in Borg (Track Security).",
        ),
        (
            "Wann hält Hildegard Sonnenschein ihren Vortrag?",
            "Ich finde niemanden namens Hildegard Sonnenschein im Programm.",
        ),
    ],
)
def test_a_german_question_gets_its_answer_in_german(c3, question, answer):
    reply = ask(c3, question)
    assert reply.answer == answer
    assert (reply.language, reply.context["lang"]) == ("de", "de")


def test_what_is_on_now_is_said_in_german_with_the_programmes_own_times(c3):
    reply = ask(c3, "Was läuft gerade?")
    lines = reply.answer.splitlines()
    assert lines[:2] == ["Es ist Samstag, 28. Dezember 2019, 13:00 Uhr.", "Jetzt läuft:"]
    assert lines[2].startswith("- ")


def test_german_suggestions_and_a_german_follow_up_stay_german_an_english_one_is_english(c3):
    first = ask(c3, "Wer redet über ZombieLoad?")
    assert first.suggestions[0] == "Wann ist das?"
    when = ask(c3, first.suggestions[0], context=first.context)
    assert when.answer == (
        "ZombieLoad Attack ist am Samstag, 28. Dezember 2019 (Tag 2), 23:30–00:30 in Ada."
    )
    where = ask(c3, "und wo?", context=when.context)
    assert (where.language, where.answer) == (
        "de",
        "ZombieLoad Attack ist in Ada (Track Security).",
    )
    english = ask(c3, "and when is it?", context=where.context)
    assert english.language == "en" and "lang" not in english.context
    assert english.answer == (
        "ZombieLoad Attack is on Saturday 28 December 2019 (day 2), 23:30–00:30 in Ada."
    )


def test_an_english_question_naming_a_german_title_is_answered_in_english(c3):
    reply = ask(c3, "when is 'Das nützlich-unbedenklich Spektrum'?")
    assert reply.language == "en"
    assert reply.answer.startswith("Das nützlich-unbedenklich Spektrum is on ")


# Exactly as the assistant answered before answers could be German.
ENGLISH = [
    (
        "who is talking about zombieload?",
        "ZombieLoad Attack is presented by Michael Schwarz, Moritz Lipp and Daniel Gruss.",
    ),
    (
        "when does edward snowden speak?",
        "Human Rights at a Global Crossroads is on Sunday 29 December 2019 (day 3), 17:30–18:30 "
        "in Ada.",
    ),
    ("when is hildegard sonnenschein speaking?",
     "I can't find anyone called Hildegard Sonnenschein in the programme."),
]  # fmt: skip


@pytest.mark.parametrize(("question", "answer"), ENGLISH)
def test_english_answers_are_unchanged(c3, question, answer):
    reply = ask(c3, question)
    assert (reply.answer, reply.language) == (answer, "en")
    assert "lang" not in reply.context


@pytest.mark.parametrize(
    "suggestion", [NEXT, HELP, FIRST_MORE, SECOND_WHEN, *SUGGESTED.values()], ids=str
)
def test_each_german_suggestion_asks_what_the_english_one_does(c3_programme, suggestion):
    programme, vocabulary = c3_programme
    german = load_tongues()["de"].say(suggestion)
    assert german != suggestion.message
    # asked as a follow-up in a German conversation, as a suggestion is
    language = question_language(german, previous="de")
    read = understand(german, programme, vocabulary, language=language)
    english = understand(suggestion.message, programme, vocabulary)
    assert (read.language, read.asks, read.ordinal) == ("de", english.asks, english.ordinal)
