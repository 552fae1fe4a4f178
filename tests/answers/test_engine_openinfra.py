"""Follow-ups about people on an invented pretalx export whose speakers have biographies but
no organisation field."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answers.engine import Assistant
from assistant.answers.reply import Reply

PROGRAMME = Path(__file__).resolve().parents[1] / "data" / "openinfra" / "schedule.json"


@pytest.fixture(scope="module")
def openinfra(assistant_for) -> Assistant:
    return assistant_for(PROGRAMME, "openinfra")


def ask(assistant: Assistant, question: str, context=None) -> Reply:
    return assistant.reply(question, context=context)


def cited(reply: Reply) -> list[str]:
    return [c.session_id for c in reply.citations]


def test_an_employer_only_a_biography_names_is_found_there(openinfra):
    reply = ask(openinfra, "who here works at brugwerk logistics?")
    assert reply.answer.startswith("2 people are named in their biography with Brugwerk Logistics:")
    assert sorted(cited(reply)) == ["402", "415", "429"]


def test_what_else_she_presents_skips_the_talk_just_named_and_survives_a_turn(openinfra):
    first = ask(
        openinfra, "who's talking about rotating credentials that nobody remembers creating?"
    )
    assert cited(first) == ["410"]
    recorded = ask(openinfra, "is it recorded?", context=first.context)
    assert "not recorded" in recorded.answer
    other = ask(openinfra, "what else is she presenting?", context=recorded.context)
    assert cited(other) == ["435"]


def test_who_else_speaks_in_that_room_that_day(openinfra):
    first = ask(openinfra, "who is doing the erasure coding with lego talk?")
    when = ask(openinfra, "when is it?", context=first.context)
    around = ask(openinfra, "who else speaks in that room that day?", context=when.context)
    assert cited(around) == ["409", "410", "412"]
    assert "Wei Zhang" not in around.answer
