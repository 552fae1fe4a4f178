"""Answers on a hand-written forum programme: streams, content filters, chairs, clock, follow-ups."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answers.engine import Assistant
from assistant.answers.reply import Reply

FORUM = Path(__file__).resolve().parents[1] / "data" / "forum"


@pytest.fixture(scope="module")
def forum(assistant_for) -> Assistant:
    return assistant_for(FORUM, "forum")


def ask(assistant: Assistant, question: str, now: str | None = None, context=None) -> Reply:
    return assistant.reply(question, context=context, now=assistant.clock(now) if now else None)


def cited(reply: Reply) -> list[str]:
    return [c.session_id for c in reply.citations]


@pytest.mark.parametrize(
    ("question", "citations"),
    [
        ("what's on wednesday afternoon in the people stream?", ["C3"]),
        ("which sessions are co-presented with patients?", ["B2", "E5"]),
        ("anything recommended for those new to quality improvement?", ["A1", "B2"]),
        ("show me the safety stream", ["A1", "D4"]),
        ("what's on after 2pm on thursday?", ["F6"]),
        ("what's on at 11:30 on wednesday?", ["B2"]),
        ("any panels?", ["E5"]),
        ("what sessions does amar shah chair?", ["B2", "E5"]),
    ],
)
def test_listings_cite_exactly_the_sessions_that_match(forum, question, citations):
    reply = ask(forum, question)
    assert reply.abstained is False
    assert cited(reply) == citations


def test_an_empty_listing_abstains_and_offers_what_is_near(forum):
    reply = ask(forum, "what's on thursday afternoon in the people stream?")
    assert reply.abstained is True
    assert "I found nothing in the People stream on Thursday in the afternoon" in reply.answer
    assert cited(reply) == ["C3"]


def test_listings_are_grouped_by_day_one_session_a_line(forum):
    answer = ask(forum, "which sessions are co-presented with patients?").answer
    assert answer.splitlines() == [
        "2 sessions marked 'Co-presented with patients':",
        "Wednesday 21 May 2025 (day 1):",
        "- 11:00–12:15 B2: Reducing waiting lists with demand and capacity modelling, "
        "by Kate Silvester and Mary Ellen Jones",
        "Thursday 22 May 2025 (day 2):",
        "- 13:15–14:30 E5: Leading improvement in mental health services, "
        "by Paul Jenkins and Noura Haddad",  # a short list names who speaks
    ]


def test_this_afternoon_is_today_by_the_clock(forum):
    reply = ask(forum, "what's on this afternoon?", now="2025-05-21T13:30")
    assert cited(reply) == ["C3"]


def test_next_follows_the_clock_not_the_previous_answer(forum):
    first = ask(forum, "is there anything on waiting lists?")
    reply = ask(forum, "what's next?", now="2025-05-21T13:30", context=first.context)
    assert cited(reply) == ["C3"] and "14:00" in reply.answer


def test_who_else_speaks_there_leaves_out_the_person_asked_about(forum):
    first = ask(forum, "when is hiroshi tanaka speaking?")
    assert "09:30" in first.answer
    others = ask(forum, "who else speaks there?", context=first.context)
    assert "Sophie van der Berg" in others.answer
    assert "Hiroshi Tanaka" not in others.answer


def test_which_of_those_narrows_the_previous_list(forum):
    first = ask(forum, "which sessions are co-presented with patients?")
    reply = ask(forum, "which of those are on thursday?", context=first.context)
    assert cited(reply) == ["E5"]


def test_the_second_one_picks_from_the_previous_list(forum):
    first = ask(forum, "which sessions are co-presented with patients?")
    reply = ask(forum, "who chairs the second one?", context=first.context)
    assert cited(reply) == ["E5"] and "Amar Shah" in reply.answer


def test_what_about_another_day_repeats_the_question_for_that_day(forum):
    first = ask(forum, "what's on in the safety stream on wednesday?")
    assert cited(first) == ["A1"]
    reply = ask(forum, "what about thursday?", context=first.context)
    assert cited(reply) == ["D4"]


def test_a_field_the_programme_does_not_give_is_said_plainly(forum):
    reply = ask(forum, "is the climate session recorded?")
    assert reply.answer == (
        "The programme does not say whether F6: Climate change and sustainable healthcare "
        "is recorded."
    )


def test_where_someone_is_from_gives_organisation_and_country(forum):
    reply = ask(forum, "where is amy edmondson from?")
    assert "Harvard Business School; USA" in reply.answer


def test_a_first_name_that_differs_does_not_match_a_surname(forum):
    reply = ask(forum, "when is john shah speaking?")
    assert reply.abstained is True


@pytest.mark.parametrize(
    ("question", "first_line"),
    [
        (
            "what are the objectives for part two of B2?",
            "In B2: Reducing waiting lists with demand and capacity modelling "
            "(part 2: A patient's view of the wait), participants will:",
        ),
        (
            "who presents part one of E5?",
            "E5: Leading improvement in mental health services (part 1: Board leadership for "
            "quality) is presented by Paul Jenkins (Chief Executive, Tavistock and Portman NHS "
            "Foundation Trust; England).",
        ),
        (
            "what are the learning objectives of the climate session?",
            "In F6: Climate change and sustainable healthcare, participants will:",
        ),
        (
            "who gives the opening keynote?",
            "A1: Opening keynote: the next ten years of patient safety is presented by Donald "
            "Berwick (Institute for Healthcare Improvement; USA).",
        ),
        (
            "which sessions does the bmj chair?",
            "A1: Opening keynote: the next ten years of patient safety is chaired by Fiona "
            "Godlee (The BMJ; England).",
        ),
        ("is there a keynote on sepsis?", "No keynote matches that; the closest other sessions:"),
    ],
)
def test_parts_kinds_and_rare_names_narrow_the_answer(forum, question, first_line):
    assert ask(forum, question).answer.splitlines()[0] == first_line


def test_following_up_and_after_in_a_topic_are_not_what_comes_next(forum):
    reply = ask(forum, "who is presenting the session on following up patients after discharge?")
    assert not reply.answer.startswith("After ")
    assert not reply.answer.startswith("Nothing else is scheduled")
