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
