"""The agenda in chat: 'add it to my agenda' after an answer, and answers from the sessions
starred on the asker's device (a day, next, clashes), over a programme with parallel rooms."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assistant.answers.engine import Assistant
from assistant.answers.handlers.agenda import clashes
from assistant.answers.reply import AgendaChange, Reply

AGENDA = Path(__file__).resolve().parents[2] / "data" / "agenda"
NOW = "2025-05-22T10:15"  # Thursday, day 1, after the keynote


@pytest.fixture(scope="module")
def programme(assistant_for: Any) -> Assistant:
    return assistant_for(AGENDA, "agenda")


def ask(
    assistant: Assistant,
    question: str,
    context: Any = None,
    agenda: list[str] | None = None,
    now: str = NOW,
) -> Reply:
    return assistant.reply(question, context=context, now=assistant.clock(now), agenda=agenda)


def cited(reply: Reply) -> list[str]:
    return [c.session_id for c in reply.citations]


# ---------------------------------------------------------------- changing the agenda


@pytest.mark.parametrize(
    "request_",
    [
        "add it to my agenda",
        "Add it to my calendar",
        "put it in my schedule please",
        "star it",
        "save this talk",
        "ok, add that one to my agenda",
    ],
)
def test_adding_what_the_last_answer_named(programme: Assistant, request_: str) -> None:
    first = ask(programme, "when is the antibiotic stewardship talk?")
    assert cited(first) == ["L3"]
    reply = ask(programme, request_, context=first.context)
    assert reply.answer == (
        "Added 'Antibiotic stewardship in primary care' (Thursday 11:00, Room 3) to your agenda."
    )
    assert reply.abstained is False
    assert cited(reply) == ["L3"]
    assert reply.agenda == AgendaChange(add=("L3",))
    assert reply.to_json()["agenda"] == {"add": ["L3"], "remove": []}


def test_removing_what_the_last_answer_named(programme: Assistant) -> None:
    first = ask(programme, "where is the falls prevention workshop?")
    reply = ask(programme, "remove it from my agenda", context=first.context)
    assert reply.answer == (
        "Removed 'Hands-on workshop on falls prevention' (Thursday 10:30, Room 2) from your agenda."
    )
    assert reply.agenda == AgendaChange(remove=("W2",))
    assert cited(reply) == ["W2"]


def test_the_second_one_of_a_list_is_the_one_added(programme: Assistant) -> None:
    listing = ask(programme, "what's on on friday?")
    assert cited(listing) == ["P5", "L6"]
    reply = ask(programme, "add the second one to my agenda", context=listing.context)
    assert reply.agenda == AgendaChange(add=("L6",))
    assert reply.answer.startswith("Added 'Sepsis screening in emergency departments'")


def test_all_of_a_list_are_added_when_asked(programme: Assistant) -> None:
    listing = ask(programme, "what's on on friday?")
    reply = ask(programme, "add both to my agenda", context=listing.context)
    assert reply.agenda == AgendaChange(add=("P5", "L6"))
    assert reply.answer == (
        "Added 'Panel on workforce wellbeing' (Friday 09:30, Main Hall) and "
        "'Sepsis screening in emergency departments' (Friday 10:00, Room 2) to your agenda."
    )


def test_it_after_a_list_asks_which_one_and_changes_nothing(programme: Assistant) -> None:
    listing = ask(programme, "what's on on friday?")
    reply = ask(programme, "add it to my agenda", context=listing.context)
    assert reply.agenda is None
    assert "agenda" not in reply.to_json()
    assert reply.answer.splitlines()[0] == "Which of these shall I add to your agenda?"
    assert reply.suggestions == ("Add the first one", "Add the second one", "Add all of them")
    # the list stays the context, so 'the first one' then follows it
    picked = ask(programme, reply.suggestions[0], context=reply.context)
    assert picked.agenda == AgendaChange(add=("P5",))


def test_with_nothing_before_it_asks_which_session(programme: Assistant) -> None:
    reply = ask(programme, "add it to my agenda")
    assert reply.abstained is True
    assert reply.agenda is None
    assert reply.citations == ()
    assert reply.answer.startswith("Which session shall I add to your agenda?")


@pytest.mark.parametrize(
    ("request_", "added"),
    [
        ("add L4 to my agenda", "L4"),
        ("add the virtual wards talk to my agenda", "L4"),
        ("please put Grace Okafor's talk in my calendar", "L3"),
    ],
)
def test_a_session_named_in_the_request_is_added(
    programme: Assistant, request_: str, added: str
) -> None:
    reply = ask(programme, request_)
    assert reply.agenda == AgendaChange(add=(added,))
    assert cited(reply) == [added]


def test_a_named_session_the_programme_lacks_adds_nothing(programme: Assistant) -> None:
    reply = ask(programme, "add the talk on quantum knitting to my agenda")
    assert reply.abstained is True
    assert reply.agenda is None


def test_after_a_when_answer_adding_it_is_suggested(programme: Assistant) -> None:
    reply = ask(programme, "when is the sepsis screening talk?")
    assert reply.suggestions[0] == "Add it to my agenda"


# ---------------------------------------------------------------- answers from the agenda


def test_the_agenda_is_listed_by_day_with_its_clashes(programme: Assistant) -> None:
    reply = ask(programme, "what's on my agenda?", agenda=["L3", "W2", "P5", "not-a-session"])
    assert reply.answer.splitlines() == [
        "Your agenda has 3 sessions:",
        "Thursday 22 May 2025 (day 1):",
        "- 10:30–12:00 W2: Hands-on workshop on falls prevention (Room 2)",
        "- 11:00–12:00 L3: Antibiotic stewardship in primary care (Room 3)",
        "Friday 23 May 2025 (day 2):",
        "- 09:30–10:30 P5: Panel on workforce wellbeing (Main Hall)",
        "Clash: Hands-on workshop on falls prevention and Antibiotic stewardship in primary care "
        "overlap.",
    ]
    assert cited(reply) == ["W2", "L3", "P5"]


@pytest.mark.parametrize(
    ("question", "ids"),
    [
        ("what's on my agenda on friday?", ["P5"]),
        ("what's on my agenda tomorrow?", ["P5"]),  # the clock says Thursday
        ("what's on my agenda this afternoon?", ["L4"]),
    ],
)
def test_a_day_or_time_narrows_the_agenda(
    programme: Assistant, question: str, ids: list[str]
) -> None:
    reply = ask(programme, question, agenda=["P5", "L4", "K1"])
    assert reply.abstained is False
    assert cited(reply) == ids


def test_a_day_the_agenda_has_nothing_on_is_said_so(programme: Assistant) -> None:
    reply = ask(programme, "what's on my agenda on friday?", agenda=["K1"])
    assert reply.abstained is True
    assert reply.answer == "Your agenda has nothing on Friday: its one session is at another time."
    assert reply.citations == ()


def test_next_on_the_agenda_follows_the_clock(programme: Assistant) -> None:
    reply = ask(programme, "what's next on my agenda?", agenda=["K1", "L4", "P5"])
    assert cited(reply) == ["L4"]  # 10:15 on Thursday: the keynote is over
    assert "Next in your agenda, Thursday 22 May 2025 (day 1):" in reply.answer
    assert "13:15–14:30 L4: Virtual wards for heart failure (Room 3)" in reply.answer


def test_clashes_are_the_overlapping_pairs(programme: Assistant) -> None:
    reply = ask(programme, "do any of my sessions clash?", agenda=["K1", "W2", "L3", "P5", "L6"])
    assert reply.answer.splitlines() == [
        "2 clashes in your agenda:",
        "- Thursday 22 May 2025 (day 1): 10:30–12:00 W2: Hands-on workshop on falls prevention "
        "(Room 2) overlaps 11:00–12:00 L3: Antibiotic stewardship in primary care (Room 3).",
        "- Friday 23 May 2025 (day 2): 09:30–10:30 P5: Panel on workforce wellbeing (Main Hall) "
        "overlaps 10:00–11:00 L6: Sepsis screening in emergency departments (Room 2).",
    ]
    assert cited(reply) == ["W2", "L3", "P5", "L6"]


def test_the_agenda_is_read_whatever_the_last_answer_named(programme: Assistant) -> None:
    first = ask(programme, "when is the keynote?")
    added = ask(programme, "add it to my agenda", context=first.context)
    for question in ("do any of my sessions clash?", "what's on my agenda?"):
        reply = ask(programme, question, context=added.context, agenda=["K1", "L4"])
        assert cited(reply) == ["K1", "L4"], question


def test_clashes_past_what_an_answer_shows_are_counted(programme: Assistant) -> None:
    terse = Assistant(programme.index, programme.retriever.embedder, max_results=1)
    reply = ask(terse, "do any of my sessions clash?", agenda=["W2", "L3", "P5", "L6"])
    assert reply.answer.splitlines() == [
        "2 clashes in your agenda:",
        "- Thursday 22 May 2025 (day 1): 10:30–12:00 W2: Hands-on workshop on falls prevention "
        "(Room 2) overlaps 11:00–12:00 L3: Antibiotic stewardship in primary care (Room 3).",
        '…and 1 more. Ask for one day: "do any of my sessions clash tomorrow?"',
    ]


def test_clashes_on_one_day_only(programme: Assistant) -> None:
    reply = ask(programme, "do i have any clashes on friday?", agenda=["W2", "L3", "P5", "L6"])
    assert cited(reply) == ["P5", "L6"]
    assert reply.answer.startswith("1 clash in your agenda on Friday")


def test_an_agenda_without_overlaps_has_no_clashes(programme: Assistant) -> None:
    reply = ask(programme, "do any of my sessions clash?", agenda=["K1", "L3", "L4"])
    assert reply.abstained is False
    assert reply.answer == "No clashes: none of the 3 sessions in your agenda overlap."
    assert cited(reply) == ["K1", "L3", "L4"]


def test_an_empty_agenda_says_how_to_add_sessions(programme: Assistant) -> None:
    reply = ask(programme, "what's on my agenda?", agenda=[])
    assert reply.abstained is True
    assert 'say "add it to my agenda"' in reply.answer
    assert reply.citations == ()


def test_without_the_agenda_it_says_the_agenda_is_on_the_device(programme: Assistant) -> None:
    reply = ask(programme, "what's on my agenda?")
    assert reply.abstained is True
    assert reply.answer.startswith("Your agenda is kept on your device")


def test_the_agenda_does_not_split_the_cache_of_other_questions(programme: Assistant) -> None:
    ask(programme, "who is speaking about sepsis?", agenda=["K1"])
    again = programme.answer(
        "who is speaking about sepsis?", now=programme.clock(NOW), agenda=["L4", "P5"]
    )
    assert again.cached is True
    first = ask(programme, "what's on my agenda?", agenda=["K1"])
    other = programme.answer("what's on my agenda?", now=programme.clock(NOW), agenda=["L4"])
    assert other.cached is False
    assert cited(first) == ["K1"] and cited(other.reply) == ["L4"]


# ---------------------------------------------------------------- clashes, pure


def test_sessions_that_only_touch_do_not_clash(programme: Assistant) -> None:
    by_id = programme.finder.by_id
    # the keynote ends at 10:00; nothing else that morning starts before 10:30
    assert clashes([by_id["K1"], by_id["W2"], by_id["L4"]]) == []
    assert clashes([by_id["L3"], by_id["W2"]]) == [(by_id["L3"], by_id["W2"])]
