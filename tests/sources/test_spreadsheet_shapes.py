"""Spreadsheet shapes real tools export, each read like the plain one: clocks and dates written
other ways, columns named other ways, people in several columns, rooms not set yet."""

from __future__ import annotations

from datetime import datetime

import pytest

from assistant.programme import Session
from assistant.sources import csv_export
from assistant.sources.dates import day_first, read_clock, read_date
from assistant.sources.spreadsheet import minutes_of


def _sessions(text: str) -> list[Session]:
    parsed = csv_export.parse(text, "programme.csv")
    assert parsed.problems == ()
    return list(parsed.sessions)


def _times(session: Session) -> tuple[str, str]:
    assert session.start is not None and session.end is not None
    return session.start.isoformat(), session.end.isoformat()


@pytest.mark.parametrize(
    "start, end",
    [
        ("2027-03-18 1:30 PM", "2027-03-18 2:15 PM"),
        ("3/18/2027 1:30:00 PM", "3/18/2027 2:15:00 PM"),
        ("March 18, 2027 at 1:30pm", "March 18, 2027 at 2:15pm"),
        ("18-Mar-2027 13:30", "18-Mar-2027 14:15"),
        ("2027-03-18T13:30:00", "2027-03-18T14:15:00"),
    ],
)
def test_a_date_and_a_clock_in_one_cell_give_the_start_and_end(start: str, end: str) -> None:
    text = f'Title,Start,End\nOpening talk,"{start}","{end}"\nSecond talk,"{start}","{end}"\n'
    first = _sessions(text)[0]
    assert _times(first) == ("2027-03-18T13:30:00", "2027-03-18T14:15:00")
    assert first.day is not None and first.day.isoformat() == "2027-03-18"


def test_numeric_dates_with_twelve_hour_clocks_put_the_month_first() -> None:
    # 03/04/2027 could be either; a file that writes 'PM' writes dates as the US does
    text = "Title,Start\nOpening,03/04/2027 1:30 PM\nClosing,03/05/2027 4:00 PM\n"
    assert [s.start for s in _sessions(text)] == [
        datetime(2027, 3, 4, 13, 30),
        datetime(2027, 3, 5, 16, 0),
    ]
    assert day_first(["03/04/2027"]) and not day_first(["03/04/2027"], twelve_hour=True)
    assert day_first(["13/04/2027"], twelve_hour=True)  # a day above 12 settles it


def test_session_prefixed_start_and_end_time_headers_are_start_and_end() -> None:
    text = (
        "Session Title,Session Date,Session Start Time,Session End Time,Session Location\n"
        "Opening,2027-03-18,09:00,09:45,Main Hall\n"
    )
    (session,) = _sessions(text)
    assert _times(session) == ("2027-03-18T09:00:00", "2027-03-18T09:45:00")
    assert session.room == "Main Hall"


@pytest.mark.parametrize("duration", ["45", "45 min", "0:45", "PT45M", "45 minutes"])
def test_a_duration_column_gives_the_end(duration: str) -> None:
    text = f"Title,Date,Start,Duration\nOpening,2027-03-18,09:00,{duration}\n"
    assert _times(_sessions(text)[0]) == ("2027-03-18T09:00:00", "2027-03-18T09:45:00")


def test_durations_read_as_minutes_and_nonsense_as_none() -> None:
    assert minutes_of("1h30") == 90 and minutes_of("1 hr") == 60 and minutes_of("01:30") == 90
    assert minutes_of("PT1H30M") == 90 and minutes_of("90") == 90
    assert minutes_of("long") is None and minutes_of("") is None and minutes_of("0") is None


def test_a_time_range_with_seconds_gives_start_and_end() -> None:
    text = "Title,Date,Time\nOpening,2027-03-18,09:00:00-09:45:00\n"
    assert _times(_sessions(text)[0]) == ("2027-03-18T09:00:00", "2027-03-18T09:45:00")
    assert read_clock("1:30:00 PM") == datetime(2027, 1, 1, 13, 30).time()


@pytest.mark.parametrize(
    "cell", ["18-Mar-2027", "18-Mar-27", "18 Mar 2027", "Thursday, March 18, 2027"]
)
def test_dates_as_excel_and_calendars_write_them(cell: str) -> None:
    assert read_date(cell).isoformat() == "2027-03-18"


@pytest.mark.parametrize("placeholder", ["TBA", "tbc", "TBD", "To be confirmed", "?"])
def test_a_room_not_set_yet_is_no_room(placeholder: str) -> None:
    text = f"Title,Date,Time,Room\nOpening,2027-03-18,09:00-10:00,{placeholder}\n"
    assert _sessions(text)[0].room == ""


def test_numbered_speaker_columns_with_their_companies_are_the_speakers() -> None:
    text = (
        "Title,Speaker 1 Name,Speaker 1 Company,Speaker 2 Name,Speaker 2 Company,Moderator 1\n"
        "Panel on soils,Ana Ruiz,Terroir Lab,Ben Okoro,,Chloé Martin\n"
    )
    (session,) = _sessions(text)
    assert [(p.name, p.organisation) for p in session.speakers] == [
        ("Ana Ruiz", "Terroir Lab"),
        ("Ben Okoro", ""),
    ]
    assert [p.name for p in session.chairs] == ["Chloé Martin"]


def test_a_row_per_presenter_with_first_and_last_names_is_one_session() -> None:
    text = (
        "Title,Date,Time,Room,First Name,Last Name,Company\n"
        "Soil carbon,2027-03-18,09:00-10:00,Hall A,Ana,Ruiz,Terroir Lab\n"
        "Soil carbon,2027-03-18,09:00-10:00,Hall A,Ben,Okoro,Vine Institute\n"
        "Closing,2027-03-18,17:00-17:30,Hall A,Chloé,Martin,\n"
    )
    first, closing = _sessions(text)
    assert first.title == "Soil carbon" and closing.title == "Closing"
    assert [(p.name, p.organisation) for p in first.speakers] == [
        ("Ana Ruiz", "Terroir Lab"),
        ("Ben Okoro", "Vine Institute"),
    ]
    assert [p.name for p in closing.speakers] == ["Chloé Martin"]


def test_a_row_per_presenter_sharing_an_id_keeps_the_talk_title_not_the_block_name() -> None:
    text = (
        "id,session,date,time,title,content,speakers\n"
        "7,Keynote block,2027-03-18,09:00-10:00,Soil carbon,About soils.,Ana Ruiz (Terroir Lab)\n"
        "7,Keynote block,2027-03-18,09:00-10:00,Soil carbon,About soils.,Ben Okoro\n"
        "8,Keynote block,2027-03-18,10:00-11:00,Vines,About vines.,Chloé Martin\n"
    )
    soil, vines = _sessions(text)
    assert (soil.title, soil.group, soil.abstract) == (
        "Soil carbon",
        "Keynote block",
        "About soils.",
    )
    assert [p.name for p in soil.speakers] == ["Ana Ruiz", "Ben Okoro"]
    assert vines.title == "Vines"


def test_a_title_line_above_the_header_is_not_a_column() -> None:
    text = (
        "AgriTech Summit 2027 - Programme,,,\n"
        ",,,\n"
        "Title,Date/Time,Where,Speaker\n"
        "Opening,2027-03-18 09:00,Hall A,Ana Ruiz\n"
        "Soils,2027-03-18 10:00,Hall B,Ben Okoro\n"
    )
    assert csv_export.looks_like(text)
    opening, soils = _sessions(text)
    assert (opening.title, opening.start, opening.room) == (
        "Opening",
        datetime(2027, 3, 18, 9, 0),
        "Hall A",
    )
    assert opening.source is not None and opening.source.line == 4
    assert [p.name for p in soils.speakers] == ["Ben Okoro"]


def test_a_presenting_star_and_affiliation_numbers_glued_to_a_name_are_markers() -> None:
    text = (
        '"Session ID","Session Title","Date","Start Time","End Time","Presentation Title",'
        '"Authors","Affiliations","Presenting Author"\n'
        '"S21","Posters B","19/03/2027","11:45","12:45","Noise at night on wards",'
        '"Freya Lindgren*1; Bo Ek2","1. Skåne University Hospital; 2. Lund University",'
        '"Freya Lindgren"\n'
    )
    (session,) = _sessions(text)
    people = {p.name: p.organisation for p in session.people}
    assert people == {"Freya Lindgren": "Skåne University Hospital", "Bo Ek": "Lund University"}
