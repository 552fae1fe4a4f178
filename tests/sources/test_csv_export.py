"""Spreadsheet CSV: the real useR! 2025 programme, tiny files for each variant, and bad input."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from real_data import SHARED

from assistant.programme import Part, Person, Session, SourceLocation
from assistant.sources import csv_export, load_programme
from assistant.sources.problems import ParsedSource, Problem

USER2025 = SHARED / "user2025" / "program.csv"
TINY = Path(__file__).resolve().parents[1] / "data" / "csv"
DURHAM = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")


def _read(path: Path) -> str:
    if not path.is_file():
        pytest.skip(f"{path} is not here")
    return path.read_text("utf-8")


def _session(parsed: ParsedSource, session_id: str) -> Session:
    return next(s for s in parsed.sessions if s.id == session_id)


@pytest.fixture(scope="module")
def user2025() -> ParsedSource:
    return csv_export.parse(_read(USER2025), "program.csv", timezone="America/New_York")


# --- the real useR! 2025 programme ----------------------------------------------------------


def test_every_user2025_row_becomes_a_session_without_problems(user2025: ParsedSource) -> None:
    assert len(user2025.sessions) == 133
    assert user2025.problems == ()
    assert (user2025.title, user2025.timezone) == ("program", "America/New_York")


def test_rows_with_time_tbd_are_unscheduled_and_have_no_day(user2025: ParsedSource) -> None:
    unscheduled = [s for s in user2025.sessions if not s.scheduled]
    assert len(unscheduled) == 32
    assert {(s.day, s.end) for s in unscheduled} == {(None, None)}


def test_a_time_range_with_an_en_dash_gives_start_and_end_on_the_date(
    user2025: ParsedSource,
) -> None:
    bayes = _session(user2025, "174")
    # whitespace in titles is collapsed, as in every format
    assert bayes.title == "Bayesian Variable Selection and Model Averaging in R using BAS"
    assert bayes.speakers == (Person("Merlise Clyde", organisation="Duke University"),)
    assert (bayes.day, bayes.start, bayes.end) == (
        date(2025, 8, 10),
        datetime(2025, 8, 10, 10, 30, tzinfo=DURHAM),
        datetime(2025, 8, 10, 12, 0, tzinfo=DURHAM),
    )
    assert (bayes.group, bayes.format, bayes.room) == ("Modeling 2", "Talk", "Penn 2")
    assert bayes.source == SourceLocation("program.csv", 110)


def test_the_one_time_range_with_a_hyphen_parses(user2025: ParsedSource) -> None:
    keynote = _session(user2025, "204")
    assert (keynote.start, keynote.end) == (
        datetime(2025, 8, 10, 15, 0, tzinfo=DURHAM),
        datetime(2025, 8, 10, 16, 0, tzinfo=DURHAM),
    )


def test_affiliations_with_commas_stay_whole(user2025: ParsedSource) -> None:
    assert _session(user2025, "79").speakers == (Person("Julia Silge", organisation="Posit, PBC"),)


def test_co_authors_follow_the_speakers_with_their_role(user2025: ParsedSource) -> None:
    assert _session(user2025, "64").parts[0].speakers == (
        Person("Christopher Lloyd", organisation="University of Southampton (WorldPop)"),
        Person(
            "Luciano Perfetti-Villa",
            role="Co-author",
            organisation=(
                "University of Southampton (School of Geography and Environmental Science)"
            ),
        ),
    )


def test_a_co_author_who_also_speaks_is_listed_once_as_speaker(user2025: ParsedSource) -> None:
    assert _session(user2025, "39").parts[0].speakers == (
        Person("Abbie Brookes", organisation="Data Scientist @ Datacove"),
        Person("Jeremy Horne", organisation="Director @ Datacove"),
    )


@pytest.mark.parametrize(
    ("session_id", "group", "format", "room"),
    [
        ("108", "Poster", "Poster", "Gross Hall Energy Hub"),
        ("155", "Virtual Lightning", "Virtual lightning talk", "Online"),
        ("79", "Virtual", "Virtual talk", "Online"),
        ("200", "Keynote #1", "Keynote", "Penn 1"),
        ("38", "Morning tutorial", "Tutorial", ""),
        ("101", "Afternoon tutorial", "Tutorial", ""),
        ("137", "Shiny", "Talk", "Gross 270"),
    ],
)
def test_the_session_block_names_the_format(
    user2025: ParsedSource, session_id: str, group: str, format: str, room: str
) -> None:
    session = _session(user2025, session_id)
    assert (session.group, session.format, session.room) == (group, format, room)


def test_keywords_split_on_commas_and_na_means_none(user2025: ParsedSource) -> None:
    assert _session(user2025, "155").keywords == (
        "speed",
        "hpc",
        "numerical computing",
        "type annotation",
        "r syntax",
        "declare()",
        "fortran",
    )
    assert _session(user2025, "174").keywords == ()


@pytest.mark.parametrize(("session_id", "recorded"), [("79", True), ("38", False)])
def test_video_recording_ticks_read_as_recorded(
    user2025: ParsedSource, session_id: str, recorded: bool
) -> None:
    assert _session(user2025, session_id).recorded is recorded


def test_markdown_reference_links_read_as_their_text(user2025: ParsedSource) -> None:
    abstract = _session(user2025, "170").abstract
    assert (
        "This presentation (please click on this link to view my draft presentation) will"
        in abstract
    )
    assert abstract.endswith("statistical softwares such as SAS, Python.")


def test_html_line_breaks_in_content_become_lines(user2025: ParsedSource) -> None:
    assert _session(user2025, "38").abstract.endswith(
        "Interested users can consult our book ahead of time.\nPrerequisites: NA"
    )


def test_without_a_time_zone_times_are_local_wall_clock() -> None:
    parsed = csv_export.parse(_read(USER2025), "program.csv")
    assert _session(parsed, "174").start == datetime(2025, 8, 10, 10, 30)
    assert parsed.timezone is None


# --- tiny files, one per variant ------------------------------------------------------------


def test_semicolon_delimited_file_with_synonym_headers() -> None:
    parsed = csv_export.parse(
        _read(TINY / "semicolon.csv"), "semicolon.csv", timezone="Europe/London"
    )
    assert parsed.problems == ()
    assert parsed.sessions[0] == Session(
        id="S1",
        title="Soil carbon in vineyards",
        day=date(2025, 5, 21),
        start=datetime(2025, 5, 21, 9, 0, tzinfo=LONDON),
        end=datetime(2025, 5, 21, 9, 45, tzinfo=LONDON),
        room="Room 1",
        stream="Soils",
        keywords=("carbon", "vines"),
        parts=(
            Part(
                1,
                "Soil carbon in vineyards",
                speakers=(
                    # the country an organisation ends with is the person's country
                    Person("Ana Silva", organisation="Universidade de Lisboa", country="Portugal"),
                    Person("Ben Ode", organisation="ETH Zürich"),
                ),
            ),
        ),
        source=SourceLocation("semicolon.csv", 2),
    )
    assert [s.id for s in parsed.sessions] == ["S1", "S2"]


MAPPING = {
    "id": "Paper No",
    "title": "paper name",
    "speakers": "Presenting Author",
    "start": "When",
    "room": "Hall",
    "abstract": "Blurb",
}


def test_columns_mapping_reads_unusual_headers() -> None:
    parsed = csv_export.parse(_read(TINY / "mapped_columns.csv"), "mapped.csv", columns=MAPPING)
    assert parsed.problems == ()
    assert parsed.sessions == (
        Session(
            id="P-7",
            title="Rivers at night",
            day=date(2025, 6, 3),
            start=datetime(2025, 6, 3, 14, 0),
            room="Blue Hall",
            parts=(
                Part(
                    1,
                    "Rivers at night",
                    abstract="Night-time observations of river temperature.",
                    speakers=(Person("Chen Li", organisation="Tsinghua University"),),
                ),
            ),
            abstract="Night-time observations of river temperature.",
            source=SourceLocation("mapped.csv", 2),
        ),
    )


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        (
            None,
            "expected a title column (title, talk, ...), got 'Paper No', 'Paper Name', "
            "'Presenting Author', 'When', 'Hall', 'Blurb'",
        ),
        (
            {"title": "Name"},
            "expected a column 'Name' for title, got 'Paper No', 'Paper Name', "
            "'Presenting Author', 'When', 'Hall', 'Blurb'",
        ),
    ],
)
def test_a_missing_title_column_is_reported_at_line_1_naming_the_headers(
    columns: dict[str, str] | None, message: str
) -> None:
    parsed = csv_export.parse(_read(TINY / "mapped_columns.csv"), "mapped.csv", columns=columns)
    assert parsed.sessions == ()
    assert parsed.problems[0] == Problem("mapped.csv", 1, message)


def test_an_unknown_field_in_the_mapping_is_reported() -> None:
    parsed = csv_export.parse(
        _read(TINY / "mapped_columns.csv"), "mapped.csv", columns={**MAPPING, "venue": "Hall"}
    )
    assert parsed.problems == (
        Problem(
            "mapped.csv",
            1,
            "expected a column field among id, title, panel, parent, panel_title, group, date, time, "
            "slot, start, end, duration, room, stream, format, abstract, objectives, part_start, "
            "part_end, keywords, speakers, "
            "affiliation, first_name, last_name, country, co_authors, chairs, discussants, role, "
            "language, recorded, got 'venue'",
        ),
    )


def test_separate_start_and_end_columns_and_a_block_past_midnight() -> None:
    parsed = csv_export.parse(
        _read(TINY / "start_end.csv"), "start_end.csv", timezone="Europe/London"
    )
    assert parsed.problems == ()
    assert [(s.id, s.title, s.format, s.start, s.end) for s in parsed.sessions] == [
        (
            "1",
            "Morning plenary",
            "Plenary",
            datetime(2025, 5, 21, 9, 0, tzinfo=LONDON),
            datetime(2025, 5, 21, 10, 15, tzinfo=LONDON),
        ),
        (
            "2",
            "Late social",
            "Social",
            datetime(2025, 5, 21, 22, 30, tzinfo=LONDON),
            datetime(2025, 5, 22, 0, 30, tzinfo=LONDON),
        ),
    ]


def test_tbd_empty_and_na_times_are_unscheduled() -> None:
    parsed = csv_export.parse(_read(TINY / "tbd_times.csv"), "tbd_times.csv")
    assert parsed.problems == ()
    assert [(s.id, s.day, s.start, s.end, s.room, s.format) for s in parsed.sessions] == [
        ("1", None, None, None, "Online", "Virtual talk"),
        ("2", None, None, None, "", "Talk"),
        ("3", None, None, None, "Hall", "Poster"),
        ("4", date(2025, 8, 9), datetime(2025, 8, 9, 9, 0), None, "Penn 1", "Keynote"),
    ]
    assert _session(parsed, "2").speakers == ()


def test_a_bad_date_and_a_ragged_row_are_reported_with_file_and_line() -> None:
    parsed = csv_export.parse(_read(TINY / "bad_date.csv"), "bad_date.csv")
    assert [s.id for s in parsed.sessions] == ["1"]
    assert parsed.sessions[0].abstract == "First line second line third line"
    assert [str(p) for p in parsed.problems] == [
        "bad_date.csv:5: expected a date like 2025-08-09 or 18/03/2025, got '09/08'",
        "bad_date.csv:6: expected 6 fields like the header, got 4",
    ]


@pytest.mark.parametrize(
    ("time", "message"),
    [
        ("half past ten", "expected a time like 10:30 or 10:30–12:00, got 'half past ten'"),
        ("25:00", "expected a time like 10:30, got '25:00'"),
    ],
)
def test_a_bad_time_is_reported_with_file_and_line(time: str, message: str) -> None:
    text = f"title,date,time\nA talk,2025-08-09,{time}\n"
    assert csv_export.parse(text, "t.csv").problems == (
        Problem("t.csv", 2, message, left_out=True),
    )


def test_an_unknown_time_zone_is_reported_and_times_stay_wall_clock() -> None:
    parsed = csv_export.parse(
        "title,date,time\nA,2025-08-09,10:00\n", "t.csv", timezone="Mars/Olympus"
    )
    assert parsed.problems == (
        Problem("t.csv", 1, "expected a time zone like Europe/London, got 'Mars/Olympus'"),
    )
    assert (parsed.sessions[0].start, parsed.timezone) == (datetime(2025, 8, 9, 10, 0), None)


def test_a_file_without_time_columns_keeps_its_dates() -> None:
    parsed = csv_export.parse("title,date\nA,2025-08-09\n", "t.csv")
    assert parsed.sessions[0].day == date(2025, 8, 9)
    assert parsed.sessions[0].start is None


# --- detection and small rules --------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("id,session,date,time,room,title,content,video_recording,keywords,speakers\n1,x", True),
        ("Ref;Talk;Presenters;Day\n", True),
        ("Title\tSpeaker\tRoom\n", True),
        ("title\n", False),
        ("alpha,beta,gamma\n", False),
        ("B6: Co-production to build resilient communities\n", False),
        ("", False),
    ],
)
def test_looks_like_wants_a_header_with_several_columns_one_known(
    head: str, expected: bool
) -> None:
    assert csv_export.looks_like(head) is expected


@pytest.mark.parametrize(
    ("group", "format"),
    [
        ("Poster", "Poster"),
        ("Lightning", "Lightning talk"),
        ("Virtual", "Virtual talk"),
        ("Virtual Lightning", "Virtual lightning talk"),
        ("Keynote #3", "Keynote"),
        ("Morning tutorial", "Tutorial"),
        ("Afternoon tutorial", "Tutorial"),
        ("Teaching 2", "Talk"),
        ("", ""),
    ],
)
def test_format_follows_the_block_name(group: str, format: str) -> None:
    assert csv_export.format_of(group) == format


@pytest.mark.parametrize(
    ("cell", "recorded"),
    [
        ("✅", True),
        ("yes", True),
        ("TRUE", True),
        ("1", True),
        ("❌", False),
        ("no", False),
        ("0", False),
        ("", None),
        ("NA", None),
    ],
)
def test_recorded_reads_ticks_and_words(cell: str, recorded: bool | None) -> None:
    parsed = csv_export.parse(f"title,recorded\nA,{cell}\n", "t.csv")
    assert parsed.sessions[0].recorded is recorded


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_text_never_raises(text: str) -> None:
    assert isinstance(csv_export.parse(text, "f.csv"), ParsedSource)
    assert isinstance(csv_export.looks_like(text), bool)


cells = st.text(alphabet=st.sampled_from(list('0123456789:-–,;()"\n TBDNA✅x2025')), max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(cells, min_size=1, max_size=12), max_size=5))
def test_arbitrary_rows_under_a_real_header_never_raise(rows: list[list[str]]) -> None:
    header = "id,session,date,time,room,title,content,video_recording,keywords,speakers,co_authors"
    body = "\n".join(",".join(f'"{c}"' if i % 2 else c for i, c in enumerate(row)) for row in rows)
    for zone in (None, "Europe/London"):
        parsed = csv_export.parse(f"{header}\n{body}\n", "f.csv", timezone=zone)
        assert isinstance(parsed, ParsedSource)


def test_dates_and_times_as_other_spreadsheets_write_them() -> None:
    text = (
        "id,title,date,start,end\n"
        "1,Opening,18/03/2027,9am,10.30\n"
        "2,Workshop,19/03/2027,2:15 PM,3:45 pm\n"
        "3,Posters,Friday 19 March 2027,16:00,17:00\n"
    )
    parsed = csv_export.parse(text, "medconf.csv")
    assert parsed.problems == ()
    assert [(s.start, s.end) for s in parsed.sessions] == [
        (datetime(2027, 3, 18, 9, 0), datetime(2027, 3, 18, 10, 30)),
        (datetime(2027, 3, 19, 14, 15), datetime(2027, 3, 19, 15, 45)),
        (datetime(2027, 3, 19, 16, 0), datetime(2027, 3, 19, 17, 0)),
    ]


def test_month_first_dates_are_told_by_a_day_above_twelve() -> None:
    text = "id,title,date,time\n1,A,03/05/2027,09:00-10:00\n2,B,3/18/2027,2pm to 3pm\n"
    parsed = csv_export.parse(text, "us.csv")
    assert parsed.problems == ()
    assert [s.day for s in parsed.sessions] == [date(2027, 3, 5), date(2027, 3, 18)]
    assert parsed.sessions[1].end == datetime(2027, 3, 18, 15, 0)


# One row per presenter, saved from a spreadsheet whose headers say 'Session title' and
# 'Session description' (no paper titles of their own) and give each presenter a role.
PER_PRESENTER = (
    "Session ID,Day,Date,Start,End,Venue,Strand,Format,Session title,Session description,"
    "Presenter,Role,Presenter affiliation\r\n"
    'H-1,Fri,25/09/2026,10:00,11:30,Lecture Theatre,Medicine,Panel,"Plague, pox and quarantine",'
    '"Pest-houses and watchmen.",Prof. Kate Wetherby,Chair,University of Liverpool\r\n'
    'H-1,Fri,25/09/2026,10:00,11:30,Lecture Theatre,Medicine,Panel,"Plague, pox and quarantine",'
    '"Pest-houses and watchmen.",Dr Samuel Ojo,Speaker,University of Manchester\r\n'
    "H-2,Sat,26/09/2026,14:00,15:00,Studio,Women,Talk,Bess of Hardwick,A builder.,"
    "Dr Rosalind Marsh,Speaker,Independent historian\r\n"
)


def test_per_presenter_rows_with_session_title_description_and_role_columns() -> None:
    parsed = csv_export.parse(PER_PRESENTER, "festival.csv")
    assert [p for p in parsed.problems if p.severity.value == "error"] == []
    panel, talk = parsed.sessions
    assert (panel.id, panel.title, panel.room) == (
        "H-1",
        "Plague, pox and quarantine",
        "Lecture Theatre",
    )
    assert [(p.honorific, p.name, p.organisation) for p in panel.chairs] == [
        ("Prof.", "Kate Wetherby", "University of Liverpool")
    ]
    assert [p.name for p in panel.speakers] == ["Samuel Ojo"]
    assert panel.parts[0].abstract == "Pest-houses and watchmen."
    assert (talk.title, talk.start, [p.name for p in talk.speakers]) == (
        "Bess of Hardwick",
        datetime(2026, 9, 26, 14, 0),
        ["Rosalind Marsh"],
    )


@pytest.mark.parametrize(
    ("header", "normalised"),
    [("Session no.", "session no"), ("Co-Authors ", "co authors"), ("Room:", "room")],
)
def test_headers_are_compared_without_case_dashes_or_dots(header: str, normalised: str) -> None:
    assert csv_export.normalise_header(header) == normalised


ODD_HEADERS = (
    "Ref,Talk name,Wann,Um,Bis,Ort,Wer\n"
    "1,Opening of the summer school,2026-07-06,09:00,09:30,Aula,Ann Lee (Uni Wien)\n"
    "2,Graph databases for historians,2026-07-06,10:00,11:00,Room 2,Bob Roe\n"
    "3,Lunch,2026-07-06,12:00,13:00,Mensa,\n"
    "4,Reading medieval charters with OCR,2026-07-07,09:00,10:30,Room 2,Cara Diaz\n"
)


def test_title_date_and_clock_columns_no_header_names_are_told_by_their_cells() -> None:
    parsed = csv_export.parse(ODD_HEADERS, "odd.csv")
    assert parsed.problems == ()
    first = parsed.sessions[0]
    assert (first.title, first.start, first.end) == (
        "Opening of the summer school",
        datetime(2026, 7, 6, 9, 0),
        datetime(2026, 7, 6, 9, 30),
    )
    assert (first.room, [p.name for p in first.speakers]) == ("Aula", ["Ann Lee"])  # 'Ort', 'Wer'


EX_ORDO = (
    "Session ID,Session Title,Session Type,Date,Start Time,End Time,Room,Chair(s),Submission ID,"
    "Presentation Title,Presentation Start,Presentation End,Presenter(s),Affiliation(s),Country,"
    "Co-author(s),Abstract,Learning Objectives\n"
    "O4,Oral Session 4,Oral,16/03/2027,13:30,15:00,Sala Douro,Dr Kwame Mensah (University of Ghana),"
    "133,A medication app,14:10,14:30,Łucja Wójcik,Medical University of Warsaw,Poland,"
    "Anna Nowak (Warsaw General),An app.,\n"
    "O4,Oral Session 4,Oral,16/03/2027,13:30,15:00,Sala Douro,Dr Kwame Mensah (University of Ghana),"
    "134,Patient portals,14:30,14:50,Jennifer Alvarez,University of Texas,United States,,Portals.,\n"
    "W1,Workshop A,Workshop,16/03/2027,13:30,15:00,Room 2,,201,Simulation training,,,"
    "Dr Lena Hoffmann; Sofia Costa,Charité Berlin; Universidade do Porto,Germany; Portugal,,"
    '"A workshop.","1. Recognise deterioration\n2. Practise SBAR"\n'
)


def test_an_ex_ordo_export_gives_each_presenter_organisation_and_country() -> None:
    sessions = {s.id: s for s in csv_export.parse(EX_ORDO, "programme.csv").sessions}
    first = sessions["O4"].parts[0].speakers[0]
    assert (first.name, first.organisation, first.country) == (
        "Łucja Wójcik",
        "Medical University of Warsaw",
        "Poland",
    )
    assert [(p.name, p.honorific, p.organisation, p.country) for p in sessions["W1"].speakers] == [
        ("Lena Hoffmann", "Dr", "Charité Berlin", "Germany"),
        ("Sofia Costa", "", "Universidade do Porto", "Portugal"),
    ]
    assert [p.name for p in sessions["O4"].chairs] == ["Kwame Mensah"]


def test_presentation_times_and_learning_objectives_columns_are_read() -> None:
    parsed = csv_export.parse(EX_ORDO, "programme.csv")
    assert not [p for p in parsed.problems if "not read" in p.message]
    sessions = {s.id: s for s in parsed.sessions}
    talk = sessions["O4"].parts[1]
    assert (talk.start.strftime("%H:%M"), talk.end.strftime("%H:%M")) == ("14:30", "14:50")
    assert sessions["W1"].parts[0].objectives == ("Recognise deterioration", "Practise SBAR")


def test_an_event_apps_child_rows_are_the_parts_of_their_parent_session(tmp_path) -> None:
    # Whova/Cvent: a talk row names its session in 'Parent Session ID'; the presenter starred
    text = (
        "Session ID,Session Title,Date,Start Time,End Time,Location,Speakers,Moderators,Authors,"
        "Parent Session ID\n"
        "40290,Oral Session 4B: Safer Surgery,05/12/2027,2:30 PM,3:45 PM,Ely Room,,"
        "Kofi Boateng (Chair),,\n"
        "40291,Sponge counts,05/12/2027,2:30 PM,2:55 PM,Ely Room,Abena Darko (Cardiff),,,40290\n"
        '40292,RFID swabs,05/12/2027,2:55 PM,3:20 PM,Ely Room,"Sister Bronwen Lloyd (UHW)",,'
        '"Bronwen Lloyd*, Huw Jenkins",40290\n'
        "40300,Lunch,05/12/2027,12:30 PM,1:30 PM,Foyer,,,,\n"
    )
    path = tmp_path / "agenda.csv"
    path.write_text(text, encoding="utf-8")
    sessions = load_programme([path]).programme.sessions
    assert [s.id for s in sessions] == ["40290", "40300"]
    surgery = sessions[0]
    assert [(p.title, p.source_id) for p in surgery.parts] == [
        ("Sponge counts", "40291"),
        ("RFID swabs", "40292"),
    ]
    # 'Sister' is her title; the starred author is the same presenter, not another person
    assert [(p.honorific, p.name) for p in surgery.parts[1].speakers][:1] == [
        ("Sister", "Bronwen Lloyd")
    ]
    assert [p.name for p in surgery.parts[1].speakers] == ["Bronwen Lloyd", "Huw Jenkins"]
