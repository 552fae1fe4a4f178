"""Text helpers: abstracts from HTML and Markdown, and speaker lists from spreadsheet cells."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.programme import Person
from assistant.sources.text import (
    name_and_affiliation,
    people_list,
    plain_text,
    public_name_and_affiliation,
    split_honorific,
    title_language,
)


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("<p>One &amp; two</p><p>Three</p>", "One & two\n\nThree"),
        ("Intro:<ul><li>first</li><li>second</li></ul>", "Intro:\n\nfirst\nsecond"),
        ("line<br>next", "line\nnext"),
        ("soft\r\nwrap\r\n\r\nnew paragraph", "soft wrap\n\nnew paragraph"),
        ("- one\n- two", "- one\n- two"),
        ("see [the docs](https://x.org/a_(b)) now", "see the docs now"),
        (r"escaped \[Name\](https://x.org)", "escaped Name"),
        ("a [link][1] here. [1]: https://x.org/page", "a link here."),
        ('<a href="https://x.org">x.org</a> <script>alert(1)</script>', "x.org"),
        ("x <- 5 and a < b", "x <- 5 and a < b"),
        (None, ""),
    ],
)
def test_plain_text_keeps_paragraphs_and_drops_markup(raw: str | None, text: str) -> None:
    assert plain_text(raw) == text


@pytest.mark.parametrize(
    ("item", "parts"),
    [
        ("Julia Silge (Posit, PBC)", ("Julia Silge", "Posit, PBC")),
        (
            "Christopher Lloyd (University of Southampton (WorldPop))",
            ("Christopher Lloyd", "University of Southampton (WorldPop)"),
        ),
        ("Madhan Kumar Nagaraji", ("Madhan Kumar Nagaraji", "")),
        ("(Only an affiliation)", ("(Only an affiliation)", "")),
        ("Unbalanced (paren", ("Unbalanced (paren", "")),
    ],
)
def test_name_and_affiliation_splits_the_last_parentheses(
    item: str, parts: tuple[str, str]
) -> None:
    assert name_and_affiliation(item) == parts


@pytest.mark.parametrize(
    ("cell", "people"),
    [
        (
            "E. David Aja (Posit, PBC); Shannon Pileggi (Trials Consortium)",
            (
                Person("E. David Aja", organisation="Posit, PBC"),
                Person("Shannon Pileggi", organisation="Trials Consortium"),
            ),
        ),
        (
            "Ann Lee (Org, Inc.), Bob Ray",
            (Person("Ann Lee", organisation="Org, Inc."), Person("Bob Ray")),
        ),
        ("NA", ()),
        ("", ()),
    ],
)
def test_speaker_lists_split_only_outside_parentheses(
    cell: str, people: tuple[Person, ...]
) -> None:
    assert people_list(cell) == people


@given(st.text())
def test_plain_text_never_raises(text: str) -> None:
    assert isinstance(plain_text(text), str)


@pytest.mark.parametrize(
    ("public_name", "name", "organisation"),
    [
        ("Sascha Alpers, FZI Forschungszentrum Informatik", "Sascha Alpers",
         "FZI Forschungszentrum Informatik"),
        ("Julia Silge (Posit, PBC)", "Julia Silge", "Posit, PBC"),
        ("Benjamin Ewers, Raoul-Amadeus Lorbeer", "Benjamin Ewers, Raoul-Amadeus Lorbeer", ""),
        ("Smith, John", "Smith, John", ""),
        ("jelle@vdwaa.nl", "jelle@vdwaa.nl", ""),
    ],
)  # fmt: skip
def test_a_schedules_public_name_gives_the_organisation_after_a_comma_only_when_it_is_one(
    public_name, name, organisation
):
    assert public_name_and_affiliation(public_name) == (name, organisation)


@pytest.mark.parametrize(
    ("cell", "honorific", "name"),
    [
        ("Prof. Dr. Ana Müller", "Prof. Dr.", "Ana Müller"),
        ("Assoc. Prof. Kim Lee", "Assoc. Prof.", "Kim Lee"),
        ("Drake Bell", "", "Drake Bell"),  # a name that starts like a title
        ("Ms", "", "Ms"),  # only a title: nothing to keep apart
    ],
)
def test_a_title_before_a_name_is_kept_apart_from_the_name(cell, honorific, name):
    assert split_honorific(cell) == (honorific, name)


@pytest.mark.parametrize(
    ("title", "language"),
    [
        ("[FR] Conférence d'ouverture : l'IA générative", "fr"),
        ("[es] Datos abiertos para la gestión del agua", "es"),
        ("[AI] Agents in production", ""),  # a bracketed tag that is no language
        ("Workshop: Accessible Data Visualisation", ""),
    ],
)
def test_a_title_marked_with_a_language_code_gives_its_language(title: str, language: str) -> None:
    assert title_language(title) == language


def test_a_name_comma_organisation_with_an_acronym_in_parentheses_keeps_it_in_the_organisation():
    cell = "Ulrike Zeigermann, Universität Würzburg; Jonas Schoenefeld, Institute for Housing (IWU)"
    people = people_list(cell, affiliation_after_comma=True)
    assert [(p.name, p.organisation) for p in people] == [
        ("Ulrike Zeigermann", "Universität Würzburg"),
        ("Jonas Schoenefeld", "Institute for Housing (IWU)"),
    ]


def test_an_event_apps_name_dash_title_comma_organisation_one_person_a_line():
    cell = "Mark Tennant - Falls Lead, Calder NHS Trust\nPriya Raman - Physiotherapist, Calder NHS Trust"
    people = people_list(cell)
    assert [(p.name, p.role, p.organisation) for p in people] == [
        ("Mark Tennant", "Falls Lead", "Calder NHS Trust"),
        ("Priya Raman", "Physiotherapist", "Calder NHS Trust"),
    ]
    alone = people_list("Prof. Helen Okafor - Chair, Northern Quality Collaborative")
    assert [(p.name, p.organisation) for p in alone] == [
        ("Helen Okafor", "Northern Quality Collaborative")
    ]


def test_markdown_headings_stand_on_their_own_line_and_emphasised_lines_lose_their_marks() -> None:
    text = "Intro.\r\n\r\n### Learning objectives\r\nBy the end you will\r\nknow.\r\n\r\n*Chair: Ann Lee*"
    assert plain_text(text) == (
        "Intro.\n\nLearning objectives\nBy the end you will know.\n\nChair: Ann Lee"
    )
