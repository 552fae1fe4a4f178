"""Sessionize view/All JSON: the real Scottish Summit 2026 file, a tiny view/Sessions file, bad input."""

from __future__ import annotations

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from real_data import read_real

from assistant.sources import parse_bytes, parse_text, sessionize
from assistant.sources.problems import ParsedSource, Problem

GLASGOW = ZoneInfo("Europe/London")


@pytest.fixture(scope="module")
def summit() -> ParsedSource:
    text = read_real("sessionize-scottishsummit2026/sessionize.json")
    return parse_text(text, "sessionize.json", timezone="Europe/London")


def test_every_session_of_the_summit_is_read_without_problems(summit: ParsedSource) -> None:
    assert (len(summit.sessions), summit.records, summit.problems) == (61, 61, ())
    assert summit.format == "Sessionize JSON (view/All)"
    assert summit.timezone == "Europe/London"
    assert sorted({s.day for s in summit.sessions if s.day}) == [
        date(2026, 10, 2),
        date(2026, 10, 3),
    ]
    assert len({p.id for s in summit.sessions for p in s.speakers}) == 76


def test_ids_resolve_to_speakers_categories_and_rooms(summit: ParsedSource) -> None:
    talk = next(s for s in summit.sessions if s.id == "1210618")
    assert talk.title == "Urgent access without security compromise!"
    assert (talk.start, talk.end) == (
        datetime(2026, 10, 3, 15, 0, tzinfo=GLASGOW),
        datetime(2026, 10, 3, 15, 45, tzinfo=GLASGOW),
    )
    assert talk.start is not None and talk.start.isoformat() == "2026-10-03T15:00:00+01:00"
    assert talk.room == "Moncreiff 3"  # 'Moncreiff 3 (33)': the seats are not the name
    assert (talk.stream, talk.format, talk.content_filters) == (
        "Security",
        "45 min theatre session",
        ("300 - Advanced",),
    )
    assert [(p.name, p.role) for p in talk.speakers] == [
        (
            "Aasne Holtklimpen",
            "Senior Architect - Microsoft AI and Compliance Lead | Microsoft Copilot MVP | "
            "Microsoft MCT",
        ),
        (
            "Per-Torben Sørensen",
            "MVP Identity & Access, Senior Architect at SoftwareOne, MCT and founder of "
            "agderinthe.cloud",
        ),
    ]
    assert talk.speakers[0].biography.startswith("Åsne Holtklimpen bridges the gap")
    assert talk.source is not None and (talk.source.file, talk.source.line) == (
        "sessionize.json",
        1092,
    )


def test_local_times_stay_wall_clock_without_a_time_zone() -> None:
    parsed = parse_text(read_real("sessionize-scottishsummit2026/sessionize.json"), "s.json")
    keynote = next(s for s in parsed.sessions if s.id == "1253880")
    assert (keynote.title, keynote.start, parsed.timezone) == (
        "Scottish Summit 2026 Keynote",
        datetime(2026, 10, 3, 9, 0),
        None,
    )
    assert keynote.abstract == ""  # its description is null


SESSIONS_VIEW = [
    {
        "groupId": None,
        "groupName": "All",
        "sessions": [
            {
                "id": "77",
                "title": "Fish &amp; Chips at Scale",
                "description": "Frying, *fast*.",
                "startsAt": "2025-06-01T10:00:00",
                "endsAt": "2025-06-01T10:45:00",
                "speakers": [{"id": "a-1", "name": "Ann Lee"}],
                "categories": [
                    {"id": 1, "name": "Track", "categoryItems": [{"id": 9, "name": "Food"}]},
                    {"id": 2, "name": "Level", "categoryItems": [{"id": 8, "name": "Beginner"}]},
                ],
                "roomId": 5,
                "room": "Hall 1 (200)",
            },
            {"id": "78", "title": "Lunch", "isServiceSession": True, "startsAt": "noon"},
        ],
    }
]


def test_the_sessions_view_embeds_names_and_a_bad_time_leaves_its_session_out() -> None:
    text = json.dumps(SESSIONS_VIEW, indent=2)
    parsed = sessionize.parse(text, "view.json", timezone="Europe/Dublin")
    [talk] = parsed.sessions
    assert (talk.title, talk.room, talk.stream, talk.content_filters) == (
        "Fish & Chips at Scale",
        "Hall 1",
        "Food",
        ("Beginner",),
    )
    assert [p.name for p in talk.speakers] == ["Ann Lee"]
    assert parsed.problems == (
        Problem(
            "view.json", 43, "expected a time like 2026-10-03T09:10:00, got 'noon'", left_out=True
        ),
    )
    assert (parsed.records, parsed.left_out) == (2, 1)


def test_json_that_is_not_sessionize_is_reported() -> None:
    assert sessionize.parse('{"talks": []}', "x.json").problems == (
        Problem(
            "x.json",
            1,
            "expected Sessionize JSON with sessions, speakers and rooms, got another shape",
        ),
    )


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                "sessions speakers rooms categories id title startsAt endsAt roomId categoryItems "
                "items type name fullName isServiceSession groupName".split()
            ),
            children,
            max_size=5,
        )
    ),
    max_leaves=25,
)


@settings(max_examples=200, deadline=None)
@given(json_values)
def test_arbitrary_sessionize_shapes_never_raise(value: object) -> None:
    text = json.dumps(
        {"sessions": [value], "speakers": [value], "rooms": [], "categories": [value]}
    )
    parsed = sessionize.parse(text, "f.json")
    assert isinstance(parsed, ParsedSource)
    assert all(p.file == "f.json" and p.line >= 1 for p in parsed.problems)


def test_custom_questions_give_chairs_objectives_and_the_speakers_organisations() -> None:
    data = {
        "sessions": [
            {
                "id": "1",
                "title": "Parallel session 1B",
                "startsAt": "2026-03-19T10:45:00",
                "endsAt": "2026-03-19T12:15:00",
                "speakers": ["s1"],
                "questionAnswers": [
                    {"questionId": 1, "answerValue": "Sophie Lambert (CHU de Liège, Belgium)"},
                    {"questionId": 2, "answerValue": "Apply RCA\nRank actions"},
                ],
                "roomId": 9,
            }
        ],
        "speakers": [
            {
                "id": "s1",
                "fullName": "Giulia Rossi",
                "questionAnswers": [
                    {"questionId": 3, "answerValue": "Policlinico di Milano"},
                    {"questionId": 4, "answerValue": "Italy"},
                ],
            }
        ],
        "questions": [
            {"id": 1, "question": "Session chair(s)"},
            {"id": 2, "question": "Learning objectives"},
            {"id": 3, "question": "Organisation / hospital"},
            {"id": 4, "question": "Country"},
        ],
        "categories": [],
        "rooms": [{"id": 9, "name": "Room 11"}],
    }
    (session,) = sessionize.parse(json.dumps(data), "pharmacy.json").sessions
    assert [(c.name, c.organisation) for c in session.chairs] == [
        ("Sophie Lambert", "CHU de Liège, Belgium")
    ]
    assert session.objectives == ("Apply RCA", "Rank actions")
    assert [(p.name, p.organisation, p.country) for p in session.speakers] == [
        ("Giulia Rossi", "Policlinico di Milano", "Italy")
    ]


def _grid_session(session_id: str, title: str, start: str, room_id: int, room: str) -> object:
    return {
        "id": session_id, "title": title, "description": None, "startsAt": start, "endsAt": None,
        "isServiceSession": False, "isPlenumSession": False,
        "speakers": [{"id": "s1", "name": "Colin Scott"}], "categories": [],
        "roomId": room_id, "room": room,
    }  # fmt: skip


def test_view_gridsmart_reads_each_session_once_from_its_rooms() -> None:
    talk = _grid_session("443", "Microservice patterns", "2015-08-29T10:20:00", 0, "Main Room")
    git = _grid_session("444", "How Git corrupts the mind", "2015-08-29T10:20:00", 1, "Side Room")
    grid = [
        {
            "date": "2015-08-29T00:00:00",
            "isDefault": True,
            "rooms": [
                {"id": 0, "name": "Main Room", "sessions": [talk]},
                {"id": 1, "name": "Side Room", "sessions": [git]},
            ],
            "timeSlots": [
                {
                    "slotStart": "10:20:00",
                    "rooms": [{"id": 0, "name": "Main Room", "session": talk}],
                }
            ],
        }
    ]
    parsed = parse_text(json.dumps(grid), "sessionize.json")
    assert (parsed.format, parsed.problems) == ("Sessionize JSON (view/GridSmart)", ())
    assert [(s.id, s.room, s.start) for s in parsed.sessions] == [
        ("443", "Main Room", datetime(2015, 8, 29, 10, 20)),
        ("444", "Side Room", datetime(2015, 8, 29, 10, 20)),
    ]
    assert [p.name for p in parsed.sessions[0].speakers] == ["Colin Scott"]


def _view_all(speaker: dict[str, object], description: str = "", **extra: object) -> bytes:
    session = {"id": "1", "title": "Just culture", "description": description, "speakers": ["s1"]}
    data = {"sessions": [session], "speakers": [{"id": "s1", **speaker}], "rooms": [], **extra}
    return json.dumps(data).encode()


@pytest.mark.parametrize(
    ("tagline", "found"),
    [
        ("Head of Quality, Hamad Medical Corporation, Qatar",
         ("Head of Quality", "Hamad Medical Corporation", "Qatar")),
        ("Chief Quality Officer @ Vestkyst University Hospital (Denmark) | Summit Chair",
         ("Chief Quality Officer", "Vestkyst University Hospital", "Denmark")),
        ("Clinical Pharmacist | Hospital Estadual Serra Verde, Campinas, Brazil",
         ("Clinical Pharmacist", "Hospital Estadual Serra Verde, Campinas", "Brazil")),
        ("Senior Investigator, Healthcare Safety Investigation Unit (Utrecht, NL)",
         ("Senior Investigator", "Healthcare Safety Investigation Unit", "Netherlands")),
        ("Software engineer at Google", ("Software engineer", "Google", "")),
        ("Developer, speaker, author", ("Developer, speaker, author", "", "")),
    ],
)  # fmt: skip
def test_a_speaker_s_tagline_gives_role_organisation_and_country(
    tagline: str, found: tuple[str, str, str]
) -> None:
    parsed = parse_bytes(_view_all({"fullName": "Fatima Al-Sayed", "tagLine": tagline}), "s.json")
    (person,) = parsed.sessions[0].speakers
    assert (person.role, person.organisation, person.country) == found


def test_country_and_company_questions_and_speaker_categories_win_over_the_tagline() -> None:
    speaker = {
        "fullName": "Fatima Al-Sayed",
        "tagLine": "Consultant Intensivist",
        "questionAnswers": [{"question": "Company", "answer": "Gulf Medical City"}],
        "categoryItems": [77],
    }
    groups = [
        {"id": 7, "title": "Country", "type": "speaker", "items": [{"id": 77, "name": "Qatar"}]}
    ]
    parsed = parse_bytes(_view_all(speaker, categories=groups), "s.json")
    (person,) = parsed.sessions[0].speakers
    assert (person.organisation, person.country) == ("Gulf Medical City", "Qatar")


@pytest.mark.parametrize(
    "line",
    ["Chair: Helena Sørensen", "Chaired by Helena Sørensen.", "Moderated by Helena Sørensen"],
)
def test_a_chair_named_in_the_description_chairs_and_is_no_longer_a_speaker(line: str) -> None:
    data = json.loads(
        _view_all({"fullName": "Helena Sørensen", "tagLine": "Chief Quality Officer"})
    )
    data["speakers"].append({"id": "s2", "fullName": "Margit Halvorsen"})
    data["sessions"][0]["speakers"].append("s2")
    data["sessions"][0]["description"] = (
        f"{line}\nPanellists: Margit Halvorsen\n\nWhen harm occurs."
    )
    (session,) = parse_bytes(json.dumps(data).encode(), "s.json").sessions
    assert [(p.name, p.role) for p in session.chairs] == [
        ("Helena Sørensen", "Chief Quality Officer")
    ]
    assert [p.name for p in session.speakers] == ["Margit Halvorsen"]
    assert session.abstract == "When harm occurs."
