"""Answers on EuroPython 2014, a programme that labels no languages and names its formats
in the singular ('Training')."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answers.engine import Assistant
from assistant.answers.reply import Reply

SOURCE = Path(__file__).resolve().parents[3] / "shared" / "data" / "europython2014" / "schedule.xml"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def europython(assistant_for) -> Assistant:
    return assistant_for(SOURCE, "europython")


def ask(assistant: Assistant, question: str) -> Reply:
    return assistant.reply(question)


def cited(reply: Reply) -> list[str]:
    return [c.session_id for c in reply.citations]


def test_an_unlabelled_language_is_read_from_the_description_and_says_so(europython):
    reply = ask(europython, "is einführung in sphinx in german?")
    assert cited(reply) == ["87"]
    assert reply.answer == (
        "Probably: the programme does not label the language of Einführung in Sphinx, "
        "but its description is written in German."
    )
    english = ask(europython, "is the cython compiler talk in german?")
    assert cited(english) == ["10"]
    assert english.answer.startswith("Probably not:")
    assert "written in English" in english.answer


def test_talks_in_german_are_found_without_language_labels(europython):
    reply = ask(europython, "which sessions are in german?")
    assert sorted(cited(reply)) == ["72", "87"]


def test_a_plural_names_the_programmes_singular_format(europython):
    reply = ask(europython, "what trainings are on thursday?")
    assert sorted(cited(reply)) == ["72", "77", "89", "90"]
    assert "Training" in reply.answer


def test_a_level_question_answers_from_the_audience_the_programme_marks(europython):
    level = ask(europython, "what level is the cython compiler talk pitched at?")
    assert (level.answer, cited(level)) == (
        "The Cython Compiler for Python is marked 'Advanced'.",
        ["10"],
    )
    no = ask(europython, "is the cython talk for beginners?")
    assert no.answer == "No: The Cython Compiler for Python is marked 'Advanced'."
    yes = ask(europython, "is the pytest intro suitable for novices?")
    assert yes.answer == "Yes: Introduction to pytest is marked 'Novice'."


def test_beginners_are_the_programmes_novices(europython):
    reply = ask(europython, "anything for beginners on friday?")
    assert sorted(cited(reply)) == ["119", "129", "138", "63", "66"]
    assert "marked 'Novice'" in reply.answer


def test_a_talk_starting_at_noon_is_still_in_the_morning(europython):
    reply = ask(europython, "what's in B09 on friday morning?")
    assert {"86", "127", "63", "107"} <= set(cited(reply))
    assert "Sprint Orientation" not in reply.answer


def test_where_someone_works_is_quoted_from_their_biography(europython):
    reply = ask(europython, "where does jim baker work?")
    assert reply.answer.startswith(
        "The programme lists no organisation for Jim Baker; of them it says: “"
    )
    assert "senior software developer at Rackspace" in reply.answer
    assert cited(reply) == ["61"]


def test_what_follows_right_after_it_in_that_room(europython):
    first = ask(europython, "who's doing the brain waves talk?")
    after = europython.reply("what's on in that room right after it?", context=first.context)
    assert cited(after) == ["59"]
    assert after.answer.startswith("After Brain Waves for Hackers (over at 11:45):")


def test_a_talks_one_topic_is_its_track(europython):
    reply = ask(europython, "which education talks are on tuesday?")
    assert cited(reply) == ["95", "16", "96"]
    assert "in the Education stream on Tuesday" in reply.answer
