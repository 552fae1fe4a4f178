"""Indico CHEP 2009: session blocks hold their contributions as parts. A delegate names a talk,
not its block, so an answer about one contribution cites it by the contribution's own id."""

from __future__ import annotations

import pytest

from assistant.answers.engine import Assistant


@pytest.fixture(scope="module")
def chep(assistant_for, shared_data) -> Assistant:
    return assistant_for(shared_data / "indico-chep2009" / "timetable.json", "chep2009")


def cited(reply) -> list[str]:
    return [c.session_id for c in reply.citations]


@pytest.mark.slow
def test_a_talk_in_a_block_is_cited_by_its_contribution_id(chep):
    reply = chep.reply("who talks about the ATLAS online monitoring framework?")
    assert cited(reply)[0] == "s57c208"
    first = reply.citations[0]
    assert first.title == "Online Computing"
    assert first.part == "First-year experience with the ATLAS Online Monitoring framework"
    assert first.url.startswith("/sessions/s57l5#part-")
    assert "Alina Corso-Radu" in reply.answer


@pytest.mark.slow
def test_a_double_barrelled_surname_written_with_a_space_finds_the_person(chep):
    reply = chep.reply("corso radu's affiliation?")
    assert "University of California, Irvine" in reply.answer
    assert cited(reply)[0] == "s57c208"


@pytest.mark.slow
def test_the_poster_cited_is_the_one_whose_words_the_question_uses(chep):
    # the poster session lists ~100 posters; 'experiment-specific' is in one title only
    reply = chep.reply(
        "which room is the poster on experiment-specific monitoring for the WLCG grid in?"
    )
    assert reply.abstained is True  # the file gives the poster session no room
    assert cited(reply)[0] == "s28c203"


@pytest.mark.slow
def test_whats_on_now_in_a_room_names_the_contribution_running(chep):
    reply = chep.reply("whats on in club d atm", now=chep.clock("2009-03-26T17:15"))
    assert cited(reply)[0] == "s57c306"
    assert "The ATLAS Level-1 Central Trigger System in Operation" in reply.answer
    assert "17:10–17:30" in reply.answer


@pytest.mark.slow
def test_people_from_an_organisation_are_cited_by_the_talk_they_give_in_a_block(chep):
    reply = chep.reply("is anyone from the university of michigan presenting?")
    assert "Steven Goldfarb" in reply.answer
    assert cited(reply)[0] == "s64c41"  # his contribution in the Collaborative Tools block
