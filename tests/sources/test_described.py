"""People a description names on lines of their own, read alike for every format."""

from __future__ import annotations

import pytest

from assistant.sources import parse_bytes
from assistant.sources.described import chairs_in_abstract


@pytest.mark.parametrize(
    ("abstract", "chairs", "kept"),
    [
        ("Chair: Helena Sørensen\n\nWhen harm occurs.", ["Helena Sørensen"], "When harm occurs."),
        ("Chair: Helena Sørensen Panellists: Margit Halvorsen, Samuel Adeyemi\n\nWhen.",
         ["Helena Sørensen"], "Panellists: Margit Halvorsen, Samuel Adeyemi\n\nWhen."),
        ("Chaired by Dr. Ana Ruiz (Universidade do Porto). A debate.", ["Ana Ruiz"], "A debate."),
        ("Moderated by Kwame Mensah and Lena Hoffmann", ["Kwame Mensah", "Lena Hoffmann"], ""),
        ("Chaired by the dean, the panel debates.", [], "Chaired by the dean, the panel debates."),
    ],
)  # fmt: skip
def test_an_opening_chair_line_names_the_chairs(
    abstract: str, chairs: list[str], kept: str
) -> None:
    text, people = chairs_in_abstract(abstract)
    assert ([p.name for p in people], text) == (chairs, kept)


def test_a_spreadsheet_session_gets_the_chair_its_description_names() -> None:
    csv_text = (
        "title,speakers,description\n"
        '"Just culture?","Helena Sørensen; Margit Halvorsen","Chair: Helena Sørensen\n\nWhen harm occurs."\n'
    )
    (session,) = parse_bytes(csv_text.encode(), "p.csv").sessions
    assert [p.name for p in session.chairs] == ["Helena Sørensen"]
    assert [p.name for p in session.speakers] == ["Margit Halvorsen"]
    assert session.abstract == "When harm occurs." == session.parts[0].abstract


def test_a_speaker_without_fields_gets_the_description_s_sentence_on_where_they_work() -> None:
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:pretalx\r\nBEGIN:VEVENT\r\n"
        "UID:pretalx-dh-HV-0@pretalx.com\r\nDTSTART;TZID=America/Halifax:20260618T093000\r\n"
        "DTEND;TZID=America/Halifax:20260618T123000\r\n"
        "DESCRIPTION:From Excel to pandas.\\n\\nTaught by Tariq Haddad\\, research software "
        "engineer at the Chebucto University Libraries. It runs twice.\r\n"
        "SUMMARY:Python for humanists - Tariq Haddad\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    (session,) = parse_bytes(ics.encode(), "schedule.ics").sessions
    (tariq,) = session.speakers
    assert tariq.biography == (
        "Taught by Tariq Haddad, research software engineer at the Chebucto University Libraries."
    )
    # a sentence that only names them says nothing of where they work
    (other,) = parse_bytes(ics.replace("\\, research software engineer at the Chebucto "
        "University Libraries", " and friends").encode(), "schedule.ics").sessions  # fmt: skip
    assert other.speakers[0].biography == ""


def test_a_chair_sentence_after_another_on_the_same_line_names_the_chair() -> None:
    kept, chairs = chairs_in_abstract("Opening keynote. Chair: Dr Ingrid Solberg.")
    assert kept == "Opening keynote."
    assert [(p.honorific, p.name) for p in chairs] == [("Dr", "Ingrid Solberg")]
    assert chairs_in_abstract("We chair the panel. Chairs are provided.")[1] == ()


@pytest.mark.parametrize(
    ("opening", "biography"),
    [
        ("At Waitaha Health Analytics we had forty notebooks.",
         "At Waitaha Health Analytics we had forty notebooks."),
        ("We at the University of Otago built a pipeline.",
         "We at the University of Otago built a pipeline."),
        ("At the end of the day, we all write notebooks.", ""),
        ("At scale we need tests.", ""),
    ],
)  # fmt: skip
def test_a_sole_speaker_writing_at_their_organisation_gets_that_sentence(
    opening: str, biography: str
) -> None:
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:pretalx\r\nBEGIN:VEVENT\r\n"
        "UID:pretalx-pydata-CKQR3W@pretalx.com\r\nDTSTART;TZID=Pacific/Auckland:20261114T130000\r\n"
        "DTEND;TZID=Pacific/Auckland:20261114T133000\r\n"
        f"DESCRIPTION:{opening} This talk is about tests.\r\n"
        "SUMMARY:From Jupyter to production - Grace Liu\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    (session,) = parse_bytes(ics.encode(), "schedule.ics").sessions
    assert session.speakers[0].biography == biography
