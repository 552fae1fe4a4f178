"""Indico exports: the real CHEP 2009 timetable, a tiny event export, and bad input."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from real_data import read_real

from assistant.programme import Person
from assistant.sources import indico, parse_text
from assistant.sources.problems import ParsedSource, Problem

ZURICH = ZoneInfo("Europe/Zurich")
CET = timezone(timedelta(hours=1))


@pytest.fixture(scope="module")
def chep() -> ParsedSource:
    return parse_text(read_real("indico-chep2009/timetable.json"), "timetable.json")


def test_session_blocks_and_breaks_are_sessions_and_contributions_their_parts(
    chep: ParsedSource,
) -> None:
    assert chep.problems == ()
    assert Counter(s.format for s in chep.sessions) == {
        "Session": 48,
        "Talk": 1,  # the 'Opening' block holds one contribution: it is that contribution
        "Poster session": 3,
        "Break": 12,  # and one more break, inside a block, is not one of its contributions
    }
    assert sum(len(s.parts) for s in chep.sessions) == 530
    assert (chep.records, chep.timezone, chep.format) == (
        64,
        "Europe/Zurich",
        "Indico JSON (timetable)",
    )
    # the file lists its days out of order; the sessions come in time order
    starts = [s.start for s in chep.sessions if s.start]
    assert starts == sorted(starts)


def test_a_session_block_reads_its_chair_room_and_timed_contributions(chep: ParsedSource) -> None:
    block = next(s for s in chep.sessions if s.id == "s64l1")
    assert (block.title, block.room, block.subtitle) == ("Collaborative Tools", "Club B", "")
    assert block.start is not None and block.start.isoformat() == "2009-03-23T14:00:00+01:00"
    assert block.end == datetime(2009, 3, 23, 16, 0, tzinfo=ZURICH)
    assert block.chairs == (Person("Eva Hladka"),)
    part = block.parts[2]
    assert part.title == (
        "Lecture archiving on a larger scale at the University of Michigan and CERN"
    )
    assert (part.start, part.end) == (
        datetime(2009, 3, 23, 14, 40, tzinfo=CET),
        datetime(2009, 3, 23, 15, 0, tzinfo=CET),
    )
    assert part.speakers == (Person("Jeremy Herr", organisation="U. of Michigan"),)
    assert block.source is not None and block.source.line == 5086


def test_family_names_in_capitals_come_last_as_a_reader_writes_them(chep: ParsedSource) -> None:
    posters = next(s for s in chep.sessions if s.id == "s28l0")
    assert posters.parts[0].speakers == (
        Person("Ricardo Graciani Diaz", organisation="Universidad de Barcelona"),
    )
    assert posters.parts[1].speakers[0].name == "Alessandro De Salvo"  # 'DE SALVO, Alessandro'
    names = {p.name for s in chep.sessions for p in s.speakers}
    assert "Andrew McNab" in names


def test_posters_are_parts_of_their_session_without_times_of_their_own(chep: ParsedSource) -> None:
    posters = next(s for s in chep.sessions if s.id == "s28l0")
    assert (posters.title, posters.format, posters.room, len(posters.parts)) == (
        "Poster session",
        "Poster session",
        "",
        100,
    )
    assert {(p.start, p.end) for p in posters.parts} == {(None, None)}
    assert posters.start == datetime(2009, 3, 23, 8, 0, tzinfo=ZURICH)


def test_a_time_zone_given_shows_the_same_instants_in_it() -> None:
    parsed = parse_text(
        read_real("indico-chep2009/timetable.json"), "t.json", timezone="Europe/London"
    )
    block = next(s for s in parsed.sessions if s.id == "s64l1")
    assert block.start is not None and block.start.isoformat() == "2009-03-23T13:00:00+00:00"
    assert parsed.timezone == "Europe/London"


EVENT_EXPORT = {
    "count": 1,
    "results": [
        {
            "_type": "Conference",
            "title": "Tiny Workshop",
            "contributions": [
                {
                    "id": "12",
                    "title": "Muon &amp; tau",
                    "startDate": {"date": "2024-05-02", "time": "09:30:00", "tz": "Europe/Paris"},
                    "endDate": {"date": "2024-05-02", "time": "09:50:00", "tz": "Europe/Paris"},
                    "room": "Amphi A",
                    "session": "Flavour",
                    "track": {"title": "Physics"},
                    "speakers": [{"fullName": "MARTIN, Claire", "affiliation": "IJCLab"}],
                },
                {
                    "id": "13",
                    "title": "Late",
                    "startDate": {"date": "2024-05-02", "time": "25:00:00", "tz": "Europe/Paris"},
                },
            ],
        }
    ],
}


def test_an_event_export_gives_one_session_per_contribution() -> None:
    parsed = indico.parse(json.dumps(EVENT_EXPORT, indent=1), "event.json")
    [talk] = parsed.sessions
    assert (talk.id, talk.title, talk.room, talk.group, talk.stream) == (
        "12",
        "Muon & tau",
        "Amphi A",
        "Flavour",
        "Physics",
    )
    assert talk.start is not None and talk.start.isoformat() == "2024-05-02T09:30:00+02:00"
    assert talk.speakers == (Person("Claire Martin", organisation="IJCLab"),)
    assert parsed.title == "Tiny Workshop"
    [problem] = parsed.problems
    assert (problem.line, problem.left_out) == (33, True)
    assert problem.message.startswith("expected a start like {date: 2009-03-23")


def test_json_that_is_not_an_indico_export_is_reported() -> None:
    assert indico.parse('{"results": []}', "x.json").problems == (
        Problem(
            "x.json",
            1,
            "expected an Indico export with results (a timetable or events), got another shape",
        ),
    )


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                "entries entryType _type title startDate endDate date time tz presenters name "
                "affiliation conveners isPoster room id".split()
            ),
            children,
            max_size=5,
        )
    ),
    max_leaves=25,
)


@settings(max_examples=200, deadline=None)
@given(json_values, st.sampled_from(["", "Europe/Zurich", "Mars/Base", "+01:00"]))
def test_arbitrary_timetable_entries_never_raise(value: object, tz: str) -> None:
    day = {"s1l0": value, "s2l0": {"entryType": "Session", "entries": {"c1": value}}}
    text = json.dumps({"results": {"1": {"20090323": day}}})
    parsed = indico.parse(text, "f.json", timezone=tz or None)
    assert isinstance(parsed, ParsedSource)
    assert all(p.file == "f.json" and p.line >= 1 for p in parsed.problems)


def _contribution(number: str, title: str, time: str, session: str | None) -> dict[str, object]:
    moment = {"date": "2011-06-24", "tz": "Europe/Zurich", "time": time}
    return {
        "_type": "Contribution", "id": number, "title": title, "startDate": moment,
        "endDate": {**moment, "time": time[:3] + "20:00"}, "session": session, "room": None,
        "speakers": [{"fullName": "Doe, Jane", "affiliation": "CERN"}],
    }  # fmt: skip


def test_an_event_export_by_sessions_reads_the_contributions_inside_each_session() -> None:
    export = {
        "count": 1,
        "results": [
            {
                "_type": "Conference",
                "title": "Export Test",
                "contributions": [_contribution("0", "Opening", "08:00:00", None)],
                "sessions": [
                    {
                        "_type": "Session",
                        "title": "Tracking",
                        "room": "Main Auditorium",
                        "sessionConveners": [{"fullName": "ROE, Bob"}],
                        "contributions": [_contribution("3", "GNN tracking", "14:00:00", None)],
                    }
                ],
            }
        ],
    }
    parsed = parse_text(json.dumps(export), "event.json")
    assert parsed.problems == ()
    opening, tracking = parsed.sessions
    assert (opening.title, opening.group, opening.chairs) == ("Opening", "", ())
    assert (tracking.title, tracking.group, tracking.room) == (
        "GNN tracking",
        "Tracking",
        "Main Auditorium",
    )
    assert [p.name for p in tracking.chairs] == ["Bob Roe"]
    assert [(p.name, p.organisation) for p in tracking.speakers] == [("Jane Doe", "CERN")]


def test_a_turkish_family_name_in_capitals_reads_as_one_word() -> None:
    moment = {"date": "2026-09-23", "tz": "Europe/Vienna", "time": "14:40:00"}
    talk = {
        "entryType": "Contribution", "id": "c17", "title": "UAV photogrammetry",
        "startDate": moment, "endDate": {**moment, "time": "15:00:00"},
        "presenters": [{"name": "ÇELİK, Mert", "affiliation": "METU"}],
    }  # fmt: skip
    text = json.dumps({"results": {"1": {"20260923": {"c17": talk}}}})
    (session,) = indico.parse(text, "t.json").sessions
    assert [p.name for p in session.speakers] == ["Mert Çelik"]


def test_a_block_holding_one_contribution_is_that_contribution_in_the_blocks_place(
    chep: ParsedSource,
) -> None:
    opening = next(s for s in chep.sessions if s.group == "Opening")
    assert (opening.id, opening.title, opening.subtitle) == ("s0c549", "Opening Address", "Opening")
    assert opening.room == "Congress Hall" and opening.start is not None
    assert [p.title for p in opening.parts] == ["Opening Address"]
