"""A programme survives the trip to JSON and back exactly, real programmes included."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from assistant.programme import Part, Person, Session, SourceLocation, make_programme
from assistant.search.serialise import (
    SerialiseError,
    programme_from_dict,
    programme_from_json,
    programme_json,
    round_trip,
)
from assistant.sources import load_programme

ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = ROOT.parent / "shared" / "data"
LONDON = ZoneInfo("Europe/London")

PROGRAMME = make_programme(
    "Forum",
    (
        Session(
            id="B6",
            title="Co-production",
            code="B6",
            day=date(2025, 5, 22),
            start=datetime(2025, 5, 22, 13, 15, tzinfo=LONDON),
            end=datetime(2025, 5, 22, 14, 30, tzinfo=LONDON),
            room="Hall 1",
            content_filters=("n/a",),
            keywords=("a", "b"),
            recorded=False,
            chairs=(Person("Bob Klaber", honorific="Dr", country="England"),),
            parts=(Part(1, "One", "Text.", ("Learn.",), (Person("Laura Pozzobon", role="Lead"),)),),
            source=SourceLocation("seeds/forum.txt", 1),
        ),
        Session(
            id="10995",
            title="Anonymous data",
            start=datetime(2019, 12, 28, 14, 10, tzinfo=timezone(timedelta(hours=1))),
            recorded=None,
        ),
        Session(id="7", title="Naive time", start=datetime(2025, 8, 8, 9, 30)),
    ),
    timezone="Europe/London",
)


def test_hand_made_programme_round_trips_exactly() -> None:
    assert programme_from_json(programme_json(PROGRAMME)) == PROGRAMME


def test_stored_programme_is_plain_json_any_reader_can_parse() -> None:
    data = json.loads(programme_json(PROGRAMME))
    assert data["format"] == "programme-assistant/programme@1"
    assert data["sessions"][0]["chairs"][0]["name"] == "Bob Klaber"
    assert programme_from_dict(data) == PROGRAMME


def test_named_time_zone_survives_not_just_the_offset() -> None:
    back = programme_from_json(programme_json(PROGRAMME))
    start = back.sessions[0].start
    assert start is not None and start.tzinfo == LONDON
    assert json.loads(programme_json(PROGRAMME))["sessions"][0]["start"] == (
        "2025-05-22T13:15:00+01:00[Europe/London]"
    )


def test_second_of_two_ambiguous_times_keeps_its_fold() -> None:
    # 01:30 happens twice in London on 26 October 2025; the second is GMT
    late = datetime(2025, 10, 26, 1, 30, tzinfo=LONDON, fold=1)
    back = round_trip(late)
    assert back.utcoffset() == timedelta(0) and back == late


def test_people_are_gathered_again_from_the_stored_sessions() -> None:
    assert "people" not in json.loads(programme_json(PROGRAMME))
    back = programme_from_json(programme_json(PROGRAMME))
    assert back.people == PROGRAMME.people
    assert [(p.person.name, p.appearances[0].capacity) for p in back.people] == [
        ("Bob Klaber", "chair"),
        ("Laura Pozzobon", "speaker"),
    ]


def test_not_a_programme_is_refused() -> None:
    with pytest.raises(SerialiseError, match="expected a programme in format"):
        programme_from_dict({"title": "x"})
    with pytest.raises(SerialiseError):
        programme_from_json(b'{"format": "programme-assistant/programme@1", "title": ')
    data = json.loads(programme_json(PROGRAMME))
    data["sessions"][0]["start"] = 1234
    with pytest.raises(SerialiseError):
        programme_from_dict(data)


@pytest.mark.parametrize(
    "source",
    [
        ROOT / "seeds",
        SHARED_DATA / "36c3" / "stages.schedule.json",
        SHARED_DATA / "user2025" / "program.csv",
    ],
    ids=["seed", "36c3", "user2025"],
)
def test_real_programmes_round_trip_exactly(source: Path) -> None:
    if not source.exists():
        pytest.skip(f"needs {source}")
    programme = load_programme([source]).programme
    assert programme_from_json(programme_json(programme)) == programme
