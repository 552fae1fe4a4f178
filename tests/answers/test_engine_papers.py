"""A session of papers read from a submission system's workbook: a question naming the session
gets all of it; one naming a paper gets that paper, and 'who else' the session's other presenters."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from assistant.answers.engine import Assistant

HEADER = ["session_ID", "session_title", "session_start", "session_end", "session_room"]
HEADER += ["session_chair(s)", "paper_ID", "paper_title", "presenting_author", "authors"]
HEADER += ["organisations", "country", "abstract"]
PAPERS = [
    ("Postpartum haemorrhage quantification with weighed blood loss", "Sofía Ramírez"),
    ("Listening to bereaved families after stillbirth investigations", "Jo Hartley"),
    ("Fetal monitoring training and avoidable brain injury", "Priya Nair"),
]
ORGANISATIONS = {
    "Sofía Ramírez": ("Hospital Italiano de Buenos Aires", "Argentina"),
    "Jo Hartley": ("Maternity and Newborn Safety Investigations", "United Kingdom"),
    "Priya Nair": ("Chelsea and Westminster Hospital", "United Kingdom"),
}


def _family_first(name: str) -> str:
    given, family = name.split()
    return f"{family}, {given} (1)"


@pytest.fixture(scope="module")
def forum(assistant_for, tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    start, end = datetime(2027, 5, 12, 10, 30), datetime(2027, 5, 12, 12, 0)
    for number, (title, presenter) in enumerate(PAPERS, start=1):
        organisation, country = ORGANISATIONS[presenter]
        authors = f"{_family_first(presenter)}; Okafor, Amara (1)"
        sheet.append(
            ["B2", "Maternity and neonatal safety", start, end, "Fintry", "Haugen, Ingrid"]
            + [number, title, presenter, authors, f"1: {organisation}, {country}", country]
            + [f"{title}: what we found."]
        )
    workshop = "Learning from Excellence: appreciative inquiry in practice"
    for code, day, hour in (("W2", 11, 13), ("W4", 13, 10)):  # the same workshop, run twice
        start = datetime(2027, 5, day, hour, 0)
        sheet.append(
            [code, workshop, start, start.replace(hour=hour + 1), "Kilsyth", "Haugen, Ingrid"]
            + [f"5{day}", workshop, "Priya Nair", "Nair, Priya (1)"]
            + ["1: Chelsea and Westminster Hospital, United Kingdom", "United Kingdom", ""]
        )
    out = io.BytesIO()
    book.save(out)
    path = Path(tmp_path_factory.mktemp("papers")) / "programme.xlsx"
    path.write_bytes(out.getvalue())
    return assistant_for(path, "papers")


def test_a_session_named_by_its_title_is_answered_whole(forum):
    reply = forum.reply("who's presenting in the maternity session?")
    assert reply.citations[0].session_id == "B2" and reply.citations[0].part == ""
    for presenter in ("Sofía Ramírez", "Jo Hartley", "Priya Nair"):
        assert presenter in reply.answer


def test_who_else_after_a_paper_names_the_other_presenters_not_the_chair(forum):
    first = forum.reply("anything on listening to families after a stillbirth?")
    assert "Jo Hartley" in first.answer and "Priya Nair" not in first.answer
    reply = forum.reply("who else speaks in that session", context=first.context)
    assert "Sofía Ramírez" in reply.answer and "Priya Nair" in reply.answer
    assert "Ingrid Haugen" not in reply.answer  # chairs, does not speak
    assert "Amara Okafor" not in reply.answer  # co-author of every paper, presents none


def test_where_a_presenter_is_from_comes_from_the_numbered_organisations(forum):
    reply = forum.reply("where's dr sofia ramirez from")
    assert "Hospital Italiano de Buenos Aires" in reply.answer and "Argentina" in reply.answer


def test_a_session_run_twice_is_given_with_both_times(forum):
    reply = forum.reply("when's the learning from excellence workshop?")
    assert [c.session_id for c in reply.citations] == ["W2", "W4"]
    assert "Tuesday 11 May 2027" in reply.answer and "Thursday 13 May 2027" in reply.answer


def test_a_day_ruled_out_leaves_the_other_run(forum):
    reply = forum.reply("when's the learning from excellence workshop? i cant do tuesday")
    assert [c.session_id for c in reply.citations] == ["W4"]


def test_does_she_do_anything_else_gives_the_presenters_other_sessions(forum):
    first = forum.reply("who presents the fetal monitoring training paper?")
    assert "Priya Nair" in first.answer
    reply = forum.reply("does she do anything else?", context=first.context)
    assert {c.session_id for c in reply.citations} >= {"W2", "W4"}


def test_a_short_listing_names_who_speaks(forum):
    reply = forum.reply("what's on in kilsyth?")
    assert reply.answer.count(", by Priya Nair") == 2
