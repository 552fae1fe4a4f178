"""Learning objectives an abstract writes out are the session's objectives, in every format."""

from __future__ import annotations

import json

import pytest

from assistant.sources import parse_bytes
from assistant.sources.objectives import objectives_in


@pytest.mark.parametrize(
    "heading",
    [
        "What you will learn:",
        "Learning objectives:",
        "Objectives:",
        "By the end of this workshop, participants will be able to:",
        "In this workshop you will:",
        "Lernziele / What you will learn:",  # a heading in two languages
        "Lernziele:",
        "After this workshop you will be able to:",
        "Objectifs pédagogiques :",
    ],
)
@pytest.mark.parametrize("bullet", ["- ", "• ", "1. ", "1) "])
def test_a_heading_and_its_list_are_the_objectives_cut_from_the_abstract(
    heading: str, bullet: str
) -> None:
    abstract = (
        f"Hands-on with Zephyr.\n{heading}\n{bullet}set up the SDK\n{bullet}flash a blinky"
        "\n\nBring a laptop."
    )
    kept, objectives = objectives_in(abstract)
    assert objectives == ("set up the SDK", "flash a blinky")
    assert kept == "Hands-on with Zephyr.\n\nBring a laptop."


def test_objectives_written_as_a_sentence_after_the_heading() -> None:
    kept, objectives = objectives_in(
        "A workshop on run charts.\n\nBy the end of this session, participants will be able "
        "to build a run chart; spot special cause variation."
    )
    assert objectives == ("Build a run chart", "Spot special cause variation.")
    assert kept == "A workshop on run charts."
    assert objectives_in("You will learn how to read SPC charts.")[1] == (
        "How to read SPC charts.",
    )


def test_a_research_abstract_s_objective_is_not_a_learning_objective() -> None:
    abstract = "Objective: To assess interruptions.\nMethods: We observed 58 nurses."
    assert objectives_in(abstract) == (abstract, ())


def test_every_reader_gets_them_a_sessionize_session_and_a_csv_row() -> None:
    description = "Learn SPC.\n\nWhat you will learn:\n- build a run chart\n- read it"
    sessionize = {
        "sessions": [{"id": "1", "title": "Run charts", "description": description}],
        "speakers": [],
        "rooms": [],
    }
    parsed = parse_bytes(json.dumps(sessionize).encode(), "s.json")
    csv_text = 'title,abstract\nRun charts,"' + description + '"\n'
    from_csv = parse_bytes(csv_text.encode(), "p.csv")
    for source in (parsed, from_csv):
        (session,) = source.sessions
        assert session.objectives == ("build a run chart", "read it")
        assert session.abstract == "Learn SPC." == session.parts[0].abstract


def test_an_html_list_under_a_two_part_heading_is_the_objectives() -> None:
    html = (
        "<p>Bring a project.</p><p><strong>Learning objectives</strong> &ndash; by the end of "
        "this workshop participants will be able to:</p><ul><li>write a SMART aim statement</li>"
        "<li>build a driver diagram</li></ul><p>Limited to 40 participants.</p>"
    )
    (session,) = parse_bytes(
        f'title,description\nDriver diagrams,"{html}"\n'.encode(), "p.csv"
    ).sessions
    assert session.objectives == ("write a SMART aim statement", "build a driver diagram")
    assert session.abstract == "Bring a project.\n\nLimited to 40 participants."


def test_a_markdown_heading_over_a_by_the_end_line_gives_the_list_under_both() -> None:
    described = (
        "Improvement teams collect data.\r\n\r\n### Learning objectives\r\nBy the end of the "
        "masterclass participants will be able to:\r\n\r\n1. build a run chart;\r\n"
        "2. explain control limits.\r\n\r\nNo prior statistics needed."
    )
    [session] = parse_bytes(
        json.dumps([{"code": "QG1", "title": "SPC", "description": described,
                     "submission_type": "Masterclass"}]).encode(),
        "talks.json",
    ).sessions  # fmt: skip
    assert session.objectives == ("build a run chart;", "explain control limits.")
    assert session.abstract == "Improvement teams collect data.\n\nNo prior statistics needed."


def test_the_words_before_numbered_outcomes_lead_into_them_and_are_no_outcome() -> None:
    kept, objectives = objectives_in(
        "Learning outcomes: by the end of this workshop participants will be able to "
        "(1) describe the SEIPS model; (2) spot latent conditions; (3) lead a debrief."
    )
    assert objectives == ("Describe the SEIPS model", "Spot latent conditions", "Lead a debrief.")
    assert kept == ""


def test_numbered_objectives_after_the_abstract_s_sentences_on_one_line() -> None:
    kept, objectives = objectives_in(
        "Stopping a medicine is harder than starting one. Learning objectives: 1. Apply the "
        "STOPPFrail criteria. 2. Plan a tapering schedule. 3. Use shared decision-making "
        "language. Numbers are limited to 30."
    )
    assert objectives == (
        "Apply the STOPPFrail criteria.",
        "Plan a tapering schedule.",
        "Use shared decision-making language.",
    )
    assert kept == "Stopping a medicine is harder than starting one.\nNumbers are limited to 30."
