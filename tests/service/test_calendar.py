"""Sessions as .ics events in the programme's own time zone (IANA, fixed offset or floating)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from icalendar import Calendar

from assistant.errors import AssistantError
from assistant.programme import Programme, Session, make_programme
from assistant.service.calendar import calendar_for, programme_zone
from assistant.sources import load_programme

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
BASE = "https://assistant.example/"
STAMP = datetime(2025, 5, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def seed() -> Programme:
    return load_programme([SEEDS]).programme


def ics(programme: Programme, sessions: list[Session] | None = None) -> str:
    chosen = programme.sessions if sessions is None else sessions
    return calendar_for(programme, chosen, BASE, stamp=STAMP).decode()


def test_a_programme_without_a_zone_gives_floating_local_times(seed: Programme) -> None:
    text = ics(seed)
    assert "DTSTART:20250522T131500\r\n" in text
    assert "DTEND:20250522T143000\r\n" in text
    assert "VTIMEZONE" not in text


def test_an_iana_zone_is_written_as_tzid_with_its_definition(seed: Programme) -> None:
    text = ics(replace(seed, timezone="Europe/London"))
    assert "DTSTART;TZID=Europe/London:20250522T131500\r\n" in text
    assert "BEGIN:VTIMEZONE\r\nTZID:Europe/London" in text
    assert "X-WR-TIMEZONE:Europe/London" in text


def test_a_fixed_offset_is_written_as_the_same_instant_in_utc(seed: Programme) -> None:
    text = ics(replace(seed, timezone="+01:00"))
    assert "DTSTART:20250522T121500Z\r\n" in text


def test_aware_times_are_shown_in_the_programme_zone() -> None:
    cest = timezone(timedelta(hours=2))
    talk = Session(
        id="10542",
        title="Talk",
        start=datetime(2025, 8, 7, 11, 0, tzinfo=cest),
        end=datetime(2025, 8, 7, 11, 40, tzinfo=cest),
        room="Saal 1",
    )
    programme = make_programme("Camp", [talk], timezone="Europe/London")
    text = ics(programme)
    assert "DTSTART;TZID=Europe/London:20250807T100000\r\n" in text
    assert "LOCATION:Saal 1\r\n" in text


def test_the_event_carries_title_people_and_page(seed: Programme) -> None:
    (event,) = Calendar.from_ical(ics(seed)).walk("VEVENT")
    assert str(event["SUMMARY"]) == "B6: Co-production to build resilient communities"
    assert str(event["URL"]) == "https://assistant.example/sessions/B6"
    assert str(event["UID"]) == "B6.forum@assistant.example"
    description = str(event["DESCRIPTION"])
    assert "Chair: Bob Klaber (Imperial College Healthcare NHS Trust; England)" in description
    assert (
        "Speakers: Laura Pozzobon (University Health Network; Canada); "
        "Melissa Sheldrick (Institute for Safe Medication Practices (ISMP); Canada)"
    ) in description


def test_the_uid_is_stable_so_a_reimport_updates_the_event(seed: Programme) -> None:
    assert ics(seed) == ics(seed)


def test_unscheduled_sessions_are_left_out(seed: Programme) -> None:
    pending = Session(id="X1", title="To be announced")
    programme = make_programme("forum", [*seed.sessions, pending])
    events = Calendar.from_ical(ics(programme)).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [
        "B6: Co-production to build resilient communities"
    ]


def test_ids_that_need_quoting_are_quoted_in_links() -> None:
    talk = Session(id="A/1 b", title="Odd id", start=datetime(2025, 5, 22, 9, 0))
    (event,) = Calendar.from_ical(ics(make_programme("p", [talk]))).walk("VEVENT")
    assert str(event["URL"]) == "https://assistant.example/sessions/A%2F1%20b"


def test_an_unknown_zone_name_says_what_is_expected() -> None:
    with pytest.raises(AssistantError, match="'Mars/Olympus' is neither an IANA name"):
        programme_zone(make_programme("p", [], timezone="Mars/Olympus"))


def test_pages_show_times_as_the_file_writes_them_when_its_zone_label_disagrees() -> None:
    # DemoCon-like: labelled UTC, times written at +01:00; the chat says 09:00, so must pages.
    from assistant.programme import written_zone
    from assistant.service.serialisers import when_label

    plus_one = timezone(timedelta(hours=1))
    talk = Session(
        id="1",
        title="Talk",
        start=datetime(2020, 12, 14, 9, 0, tzinfo=plus_one),
        end=datetime(2020, 12, 14, 9, 30, tzinfo=plus_one),
    )
    programme = make_programme("p", [talk], timezone="UTC")
    assert written_zone(programme) == plus_one
    assert when_label(talk, written_zone(programme)) == "Monday 14 December 2020, 09:00–09:30"
