"""DVPW 2024 (one CSV row per presenter, German panels, no rooms): panels numbered as a series
and parties named by their initials."""

from __future__ import annotations

import pytest

from assistant.answers.engine import Assistant


@pytest.fixture(scope="module")
def dvpw(assistant_for, shared_data) -> Assistant:
    return assistant_for(shared_data / "dvpw2024" / "program.csv", "dvpw")


@pytest.mark.slow
@pytest.mark.parametrize(("number", "panel"), [("1", "Do-A-08"), ("2", "Do-D-11")])
def test_the_number_of_a_panel_in_a_series_picks_that_panel(dvpw, number, panel):
    reply = dvpw.reply(f"in welchem raum ist das panel eliten in krisenzeiten ({number})?")
    assert reply.citations[0].session_id == panel
    assert "einen Raum nennt das Programm noch nicht" in reply.answer  # DVPW gives no rooms


@pytest.mark.slow
def test_a_party_named_by_its_initials_finds_the_paper_that_spells_it_out(dvpw):
    reply = dvpw.reply("who's presenting the paper asking if the BSW is a new volkspartei?")
    assert reply.citations[0].session_id == "Mi-A-21"
    assert "Janek Treiber" in reply.answer
