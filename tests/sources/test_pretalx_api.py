"""pretalx REST API talks: the real PyConFR 2025 file (regrouped by day), a tiny API page, bad input."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from real_data import read_real

from assistant.programme import Person
from assistant.sources import parse_text, pretalx_api
from assistant.sources.problems import ParsedSource, Problem, Severity

PARIS_WINTER = timezone(timedelta(hours=1))


@pytest.fixture(scope="module")
def pyconfr() -> ParsedSource:
    return parse_text(read_real("pretalx-api-pyconfr2025/schedule.json"), "schedule.json")


def test_talks_and_each_day_of_each_sprint_are_sessions(pyconfr: ParsedSource) -> None:
    assert pyconfr.problems == ()
    assert (len(pyconfr.sessions), pyconfr.records, pyconfr.unit) == (93, 84, "talks")
    assert Counter(s.format for s in pyconfr.sessions) == {
        "Short talk": 42,
        "Sprint": 18,  # 9 sprints, each on two days
        "Long talk": 16,
        "Workshop": 9,
        "Plenary": 3,
        "Short plenary": 2,
        "Lunch": 1,
        "General Assembly": 1,
        "Lightning Talk": 1,
    }
    talks = [s for s in pyconfr.sessions if s.format != "Sprint"]
    assert len({p.id for s in talks for p in s.speakers}) == 81
    assert pyconfr.timezone == "+01:00"


def test_a_talk_reads_its_slot_room_type_and_speakers(pyconfr: ParsedSource) -> None:
    talk = next(s for s in pyconfr.sessions if s.id == "WLYCS3")
    assert talk.title == "Computer Vision Data Version Control and Reproducibility at Scale"
    assert talk.start is not None and talk.start.isoformat() == "2025-11-02T11:30:00+01:00"
    assert talk.end == datetime(2025, 11, 2, 12, 25, tzinfo=PARIS_WINTER)
    assert (talk.room, talk.format, talk.language) == ("B316", "Long talk", "en")
    assert [p.name for p in talk.speakers] == ["Tal Sofer", "Itai Gilo"]


def test_a_sprint_on_two_days_is_two_sessions(pyconfr: ParsedSource) -> None:
    days = [
        (s.id, s.start.isoformat() if s.start else "", s.room)
        for s in pyconfr.sessions
        if s.title == "Gestionnaire de versions Mercurial"
    ]
    assert days == [
        ("AUCULM", "2025-10-30T10:00:00+01:00", "B418"),
        ("AUCULM-2", "2025-10-31T10:00:00+01:00", "B418"),
    ]


def test_the_opening_takes_its_real_start_not_its_grid_bucket(pyconfr: ParsedSource) -> None:
    opening = next(s for s in pyconfr.sessions if s.id == "38LRHE")
    assert opening.title == "Accueil / Welcome"  # a narrow no-break space becomes a space
    assert opening.start == datetime(2025, 11, 1, 8, 50, tzinfo=PARIS_WINTER)  # grid cell '530'
    assert opening.speakers[0].name == "Lucie Anglade"
    assert opening.speakers[0].biography.startswith("Pythoniste depuis bientôt 10 ans")


PAGE = {
    "count": 3,
    "next": "https://pretalx.example/api/events/x/talks/?page=2",
    "results": [
        {
            "code": "ABC123",
            "title": "Typing in anger",
            "submission_type": {"en": "Talk", "fr": "Conférence"},
            "track": {"id": 3, "name": {"fr": "Langage", "en": "Language"}},
            "abstract": "Types.",
            "description": "More types.",
            "content_locale": "en",
            "speakers": [{"code": "S1", "name": "Ann Lee", "biography": "Pythonista."}],
            "slot": {
                "room": {"en": "Grand Hall", "fr": "Grand amphi"},
                "start": "2025-05-02T10:00:00+02:00",
                "end": "2025-05-02T10:30:00+02:00",
            },
        },
        {
            "code": "DEF456",
            "title": "Rejected idea",
            "state": "rejected",
            "submission_type": "Talk",
            "slots": [],
        },
        {
            "code": "GHI789",
            "title": "Broken slot",
            "submission_type": "Talk",
            "slots": [{"room": 7, "start": "tomorrow"}],
        },
    ],
}


def test_an_api_page_reads_i18n_names_and_says_what_it_leaves_out() -> None:
    parsed = pretalx_api.parse(json.dumps(PAGE, indent=2), "talks.json")
    [talk] = parsed.sessions
    assert (talk.id, talk.format, talk.stream, talk.room, talk.abstract) == (
        "ABC123",
        "Talk",
        "Language",
        "Grand Hall / Grand amphi",  # a room by each of its names: delegates ask in either
        "Types.\n\nMore types.",
    )
    assert talk.speakers == (Person("Ann Lee", biography="Pythonista."),)
    assert parsed.problems == (
        Problem(
            "talks.json",
            1,
            "this is one page of the API's 3 talks; the next page "
            "(https://pretalx.example/api/events/x/talks/?page=2) is not in the file",
            Severity.WARNING,
        ),
        Problem(
            "talks.json",
            1,
            "1 talks are rejected, withdrawn or cancelled; they are not in the programme",
            Severity.WARNING,
        ),
        Problem(
            "talks.json",
            45,
            "expected a slot start like 2025-11-01T08:50:00+01:00, got 'tomorrow'",
            left_out=True,
        ),
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"en": "Lunch", "fr": "Déjeuner"}, "Lunch"),
        ({"fr": "Déjeuner", "de": "Mittagessen"}, "Déjeuner"),
        ("Lunch", "Lunch"),
        ({}, ""),
        (None, ""),
    ],
)
def test_a_name_in_several_languages_is_shown_in_english_first(
    value: object, expected: str
) -> None:
    assert pretalx_api.localised(value) == expected


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                "code title slots slot room start end speakers name submission_type en fr state "
                "track tags abstract description".split()
            ),
            children,
            max_size=5,
        )
    ),
    max_leaves=25,
)


@settings(max_examples=200, deadline=None)
@given(json_values, st.sampled_from([None, "Europe/Paris"]))
def test_arbitrary_talk_objects_never_raise(value: object, zone: str | None) -> None:
    for data in (
        {"results": [{"code": "A", "slots": [value]}, value]},
        {"schedule": {"2025-11-01": {"510": {"12": value}}}, "rooms": [value]},
    ):
        parsed = pretalx_api.parse(json.dumps(data), "f.json", timezone=zone)
        assert isinstance(parsed, ParsedSource)
        assert all(p.file == "f.json" and p.line >= 1 for p in parsed.problems)


WIDGET = {
    "talks": [
        {
            "code": "8PBNXM", "id": 11, "title": "Records in practice", "abstract": "<p>Why.</p>",
            "speakers": ["JZRPNT", "UB7VAB"], "track": 5775, "start": "2025-09-19T09:40:00+08:00",
            "end": "2025-09-19T10:25:00+08:00", "room": 4459, "duration": 45, "state": None,
        },
        {"id": 12, "title": {"en": "Coffee break"}, "start": "2025-09-19T10:25:00+08:00",
         "end": "2025-09-19T10:40:00+08:00", "room": 4460},
    ],
    "version": "0.24", "timezone": "Asia/Taipei", "event_start": "2025-09-19",
    "tracks": [{"id": 5775, "name": {"en": "Java", "zh-tw": "Java"}, "color": "#D0104C"}],
    "rooms": [{"id": 4459, "name": {"en": "401"}}, {"id": 4460, "name": {"en": "Foyer"}}],
    "speakers": [{"code": "JZRPNT", "name": "Ana Ruiz"}, {"code": "UB7VAB", "name": "Rijo Sam"}],
}  # fmt: skip


def test_the_schedule_widget_data_is_read_with_rooms_tracks_and_speakers_by_id() -> None:
    parsed = parse_text(json.dumps(WIDGET), "schedule.json")
    assert parsed.problems == ()
    assert (parsed.format, parsed.timezone) == ("pretalx API JSON (schedule widget)", "Asia/Taipei")
    talk, coffee = parsed.sessions
    assert (talk.id, talk.title, talk.room, talk.stream) == (
        "8PBNXM",
        "Records in practice",
        "401",
        "Java",
    )
    assert [p.name for p in talk.speakers] == ["Ana Ruiz", "Rijo Sam"]
    assert talk.abstract == "Why."
    assert talk.start == datetime(2025, 9, 19, 9, 40, tzinfo=timezone(timedelta(hours=8)))
    assert talk.end is not None and talk.end - talk.start == timedelta(minutes=45)
    assert (coffee.id, coffee.title, coffee.room) == ("12", "Coffee break", "Foyer")


def test_every_grid_by_day_is_read_and_speakers_answers_give_organisation_and_country() -> None:
    def talk(code: str, speaker: str) -> dict[str, object]:
        return {"code": code, "title": f"Talk {code}", "speakers": [{"code": speaker}],
                "slots": [{"start": "2027-04-12T09:00:00+01:00", "room": 1}]}  # fmt: skip

    def speaker(code: str, name: str, organisation: str, country: str) -> dict[str, object]:
        answers = [{"question": 12, "answer": organisation, "options": []},
                   {"question": 13, "answer": country, "options": []},
                   {"question": 14, "answer": "M", "options": [{"id": 3}]}]  # fmt: skip
        return {"code": code, "name": name, "answers": answers,
                "biography": f"{name} works at {organisation}."}  # fmt: skip

    data = {
        "schedule": {"2027-04-13": {"540": {"1": talk("T1", "S1")}}},
        "masterclasses": {"2027-04-12": {"540": {"1": talk("M1", "S2")}}},
        "extra": {"2027-04-13": {"610": {"id": "coffee", "title": {"en": "Coffee break"}}}},
        "rooms": [{"id": 1, "name": {"en": "Sala Douro"}}],
        "speakers": [speaker("S1", "Ann Lee", "Vestland Centre for Resilient Healthcare", "Norway"),
                     speaker("S2", "Bo Ek", "Mersey Vale NHS Trust", "United Kingdom")],
    }  # fmt: skip
    parsed = parse_text(json.dumps(data), "schedule.json")
    assert sorted(s.id for s in parsed.sessions) == ["M1", "T1"]  # not the coffee break
    people = {p.name: (p.organisation, p.country) for s in parsed.sessions for p in s.speakers}
    assert people == {
        "Ann Lee": ("Vestland Centre for Resilient Healthcare", "Norway"),
        "Bo Ek": ("Mersey Vale NHS Trust", "United Kingdom"),
    }
