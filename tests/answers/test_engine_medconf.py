"""Answers on an invented medical-education programme exported as CSV the way another
organiser's tool writes it: 'Session ID', dates as 18/03/2027, chairs and speakers in cells."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answers.engine import Assistant
from assistant.answers.reply import Reply

PROGRAMME = Path(__file__).resolve().parents[1] / "data" / "medconf" / "programme.csv"


@pytest.fixture(scope="module")
def medconf(assistant_for) -> Assistant:
    return assistant_for(PROGRAMME, "medconf")


def ask(assistant: Assistant, question: str, now: str | None = None, context=None) -> Reply:
    return assistant.reply(question, context=context, now=assistant.clock(now) if now else None)


def cited(reply: Reply) -> list[str]:
    return [c.session_id for c in reply.citations]


def test_the_export_reads_with_its_own_ids_and_day_first_dates(medconf):
    reply = ask(medconf, "when is the opening keynote?")
    assert cited(reply) == ["PL01"]
    assert "Thursday 18 March 2027" in reply.answer and "09:00" in reply.answer


def test_he_after_a_chair_is_that_chair_and_presenting_means_speaking(medconf):
    chair = ask(medconf, "who chairs the reflective writing groups talk?")
    assert chair.answer == (
        "Reflective writing groups for junior doctors: a mixed-methods study "
        "is chaired by Dr Marcus Reid."
    )
    own = ask(medconf, "is he presenting anything himself?", context=chair.context)
    assert cited(own) == ["WS04"]


def test_how_long_and_what_follows_in_the_same_room(medconf):
    first = ask(medconf, "tell me about the low-cost simulation workshop")
    assert cited(first) == ["WS01"]
    length = ask(medconf, "how long does it run?", context=first.context)
    assert cited(length) == ["WS01"] and "10:30–12:30" in length.answer
    after = ask(medconf, "what's in the same room after it?", context=length.context)
    assert cited(after) == ["WS02"]
    assert "Next in Clinical Skills Lab" in after.answer


def test_starting_in_the_next_hour_lists_every_start_in_that_hour(medconf):
    reply = ask(medconf, "anything starting in the next hour?", now="2027-03-18T13:05")
    assert cited(reply) == ["WS02", "OR05", "OR06"]
    none = ask(medconf, "what's on in the next 10 minutes?", now="2027-03-18T13:05")
    assert none.answer.startswith("Nothing starts between 13:05 and 13:15")
