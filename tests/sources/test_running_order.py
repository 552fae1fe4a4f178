"""A session's running order in its description ('10:30  Title - Presenter (Organisation)')
gives its talks, in every format."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from assistant.programme import Part, Person, Session
from assistant.sources.problems import ParsedSource
from assistant.sources.running_order import with_running_orders

LONDON = ZoneInfo("Europe/London")


def _session(abstract: str) -> Session:
    return Session(
        "1",
        "Oral Abstracts 2",
        start=datetime(2027, 5, 13, 10, 30, tzinfo=LONDON),
        end=datetime(2027, 5, 13, 12, 0, tzinfo=LONDON),
        abstract=abstract,
    )


def test_timed_lines_become_the_sessions_talks_with_their_presenters() -> None:
    # soft line breaks already joined, as plain_text leaves a Sessionize description
    abstract = (
        "Four moderated orals.\n\n10:30 Interruptions on rounds - Kasia Nowak (Lakeside Lab) "
        "10:50 Alarm fatigue in the HDU - Annika Lindqvist (Norrland University Hospital, Sweden)"
        "\n\nDiscussion 11:10-11:20."
    )
    [session] = with_running_orders(ParsedSource((_session(abstract),))).sessions
    assert [(p.title, f"{p.start:%H:%M}", f"{p.end:%H:%M}") for p in session.parts] == [
        ("Interruptions on rounds", "10:30", "10:50"),
        ("Alarm fatigue in the HDU", "10:50", "12:00"),
    ]
    assert [(p.name, p.organisation) for p in session.parts[1].speakers] == [
        ("Annika Lindqvist", "Norrland University Hospital, Sweden")
    ]
    assert session.abstract == "Four moderated orals.\n\nDiscussion 11:10-11:20."


def test_one_timed_line_or_a_sentence_is_no_running_order() -> None:
    for abstract in ("12:20 Discussion - all panellists", "Doors 10:30 - bring a badge"):
        [session] = with_running_orders(ParsedSource((_session(abstract),))).sessions
        assert len(session.parts) <= 1 and session.abstract == abstract


def test_untimed_bullets_naming_the_sessions_speakers_become_its_talks() -> None:
    abstract = (
        "Four oral presentations on keeping medicines safe.\n\n"
        "- Smart infusion pumps - Erik Lindqvist\n"
        "- Look-alike, sound-alike: tall-man lettering on paediatric wards - Rami Haddad\n\n"
        "Co-authors (not presenting): W. de Groot."
    )
    speakers = (Person("Erik Lindqvist"), Person("Rami Haddad"))
    listed = replace(_session(abstract), parts=(Part(1, "Oral Abstracts 2", speakers=speakers),))
    [session] = with_running_orders(ParsedSource((listed,))).sessions
    assert [(p.title, [s.name for s in p.speakers]) for p in session.parts] == [
        ("Smart infusion pumps", ["Erik Lindqvist"]),
        ("Look-alike, sound-alike: tall-man lettering on paediatric wards", ["Rami Haddad"]),
    ]
    assert session.abstract == (
        "Four oral presentations on keeping medicines safe.\n\nCo-authors (not presenting): "
        "W. de Groot."
    )
    # bullets whose 'presenters' are no speakers of the session are only a list
    things = "Bring:\n- a laptop - charged\n- Python 3.12 - installed"
    [kept] = with_running_orders(ParsedSource((replace(listed, abstract=things),))).sessions
    assert kept.parts == listed.parts and kept.abstract == things
