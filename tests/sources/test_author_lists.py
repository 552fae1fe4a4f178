"""Author lists as submission systems export them: family name first, numbered organisations."""

from __future__ import annotations

import pytest

from assistant.programme import plain_letters, slug
from assistant.sources.author_lists import (
    family_first,
    family_first_entry,
    given_first,
    numbered_organisations,
    organisation_and_country,
)


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("Ramírez, Sofía (1)", True),
        ("Tan, Mei Lin (2)", True),
        ("Ó Súilleabháin, Ciarán", True),
        ("Carmichael, Helen (Healthcare Improvement Scotland)", True),
        ("Ann Lee, Bob Roe", False),  # two people
        ("Rebecca Strauch, Universität Konstanz", False),  # a name and an organisation
        ("Julia Silge (Posit, PBC)", False),
    ],
)
def test_a_family_name_first_entry_is_told_from_a_list_or_an_organisation(entry, expected):
    assert family_first_entry(entry) is expected


def test_a_column_is_family_first_when_most_of_its_entries_are():
    assert family_first(["Reilly, Siobhan (1); McKenna, Paul (1)", "Okafor, Amara (1)", ""])
    assert not family_first(["Ann Lee, Bob Roe", "Kim Park"])


def test_names_are_turned_given_name_first_keeping_their_marker():
    assert given_first("Ramírez, Sofía (1)") == "Sofía Ramírez (1)"
    assert given_first("Tan, Mei Lin") == "Mei Lin Tan"


def test_numbered_organisations_are_read_and_anything_else_is_not():
    cell = "1: Karolinska University Hospital, Sweden; 2: Uppsala University, Sweden"
    assert numbered_organisations(cell) == {
        "1": "Karolinska University Hospital, Sweden",
        "2": "Uppsala University, Sweden",
    }
    assert numbered_organisations("Karolinska University Hospital") == {}


def test_the_rows_country_is_split_off_an_organisation_and_nothing_else_is():
    assert organisation_and_country("Oslo University Hospital, Norway", "Norway") == (
        "Oslo University Hospital",
        "Norway",
    )
    assert organisation_and_country("University of California, Irvine", "United States") == (
        "University of California, Irvine",
        "",
    )


def test_letters_without_a_decomposition_are_written_plain():
    assert plain_letters("Małgorzata Øvergaard") == "Malgorzata Overgaard"
    assert slug("Małgorzata Wójcik") == "malgorzata-wojcik"
