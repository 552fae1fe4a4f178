"""DVPW 2024 (one CSV row per presenter, German panels, no rooms): panels numbered as a series
and parties named by their initials."""

from __future__ import annotations

import pytest

from assistant.answers.engine import Assistant
from assistant.search.glossary import DING_PATH


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


@pytest.mark.slow
@pytest.mark.skipif(not DING_PATH.is_file(), reason=f"German is glossed only with {DING_PATH}")
@pytest.mark.parametrize(
    ("question", "presenter"),
    [
        ("who talks about the role of intelligence services in radicalisation?", "Barbara Gruber"),
        ("is there a paper on the domestic secret service and protests?", "Eva Herschinger"),
    ],
)
def test_an_english_question_finds_its_paper_in_a_german_panel(dvpw, question, presenter):
    # the panel 'Nachrichtendienste im Lichte von Krisen …' has four German papers; each is
    # glossed under its own title, so the question names the one it is about
    reply = dvpw.reply(question)
    assert reply.citations[0].session_id == "Fr-A-17"
    assert presenter in reply.answer
