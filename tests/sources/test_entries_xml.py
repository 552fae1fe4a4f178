"""EuroPython's entries schedule XML: the real 2014 programme, a tiny file and bad input."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from real_data import SHARED

from assistant.programme import Part, Person, Session, SourceLocation
from assistant.sources import entries_xml, load_programme, parse_text
from assistant.sources.problems import ParsedSource, Problem

EUROPYTHON = SHARED / "europython2014" / "schedule.xml"
TINY = Path(__file__).resolve().parents[1] / "data" / "entries" / "tiny.schedule.xml"
FRAB_TINY = Path(__file__).resolve().parents[1] / "data" / "frab" / "tiny.schedule.xml"


def _read(path: Path) -> str:
    if not path.is_file():
        pytest.skip(f"{path} is not here")
    return path.read_text("utf-8")


def _session(parsed: ParsedSource, session_id: str) -> Session:
    return next(s for s in parsed.sessions if s.id == session_id)


@pytest.fixture(scope="module")
def europython() -> ParsedSource:
    return entries_xml.parse(_read(EUROPYTHON), "schedule.xml")


@pytest.fixture(scope="module")
def tiny() -> ParsedSource:
    return entries_xml.parse(_read(TINY), "tiny.schedule.xml")


# --- the real EuroPython 2014 programme ----------------------------------------------------------


def test_every_europython_2014_entry_becomes_a_session_without_problems(
    europython: ParsedSource,
) -> None:
    assert len(europython.sessions) == 188
    assert europython.problems == ()
    assert (europython.title, europython.timezone) == ("", None)


def test_the_snowden_keynote_reads_with_speaker_time_room_and_audience(
    europython: ParsedSource,
) -> None:
    keynote = _session(europython, "118")
    assert keynote.title == "One year of Snowden, what's next?"
    assert [p.name for p in keynote.speakers] == ["Constanze Kurz"]
    assert keynote.speakers[0].biography.startswith("Constanze Kurz")
    assert (keynote.format, keynote.room, keynote.day) == ("Keynote", "C01", date(2014, 7, 21))
    assert (keynote.start, keynote.end) == (
        datetime(2014, 7, 21, 11, 0),
        datetime(2014, 7, 21, 11, 45),
    )
    assert (keynote.content_filters, keynote.keywords) == (("Novice",), ("Other",))
    assert keynote.stream == "Other"  # its one topic is its track
    assert keynote.parts[0].title == keynote.title


def test_an_abstract_repeated_as_the_description_is_kept_once_without_entities(
    europython: ParsedSource,
) -> None:
    abstract = _session(europython, "118").abstract
    assert abstract.startswith("Since June 2013, disclosed by Edward Snowden, we learn more")
    assert abstract.endswith("an agency with a monstrous secret budget?")
    assert abstract.count("Since June 2013") == 1
    assert "spies’ deep appetite" in abstract


def test_talks_keep_their_ids_and_the_organisers_slots_are_told_apart(
    europython: ParsedSource,
) -> None:
    assert len({s.id for s in europython.sessions}) == 188
    assert _session(europython, "37").title == "Rethinking packaging, development and deployment"
    assert _session(europython, "slot-37").title == "Welcome"


def test_a_plenary_break_keeps_every_room_it_is_held_in(europython: ParsedSource) -> None:
    lunch = _session(europython, "slot-6")
    assert (lunch.title, lunch.room, lunch.format) == (
        "Lunch",
        "C01, B05/B06, B07/B08, B09, A08",
        "",
    )


def test_the_programme_loads_over_seven_days_titled_by_its_folder(europython: ParsedSource) -> None:
    loaded = load_programme([_read_path(EUROPYTHON)])
    assert loaded.problems == ()
    assert loaded.programme.title == "europython2014"
    assert loaded.programme.days == tuple(date(2014, 7, day) for day in range(21, 28))


def _read_path(path: Path) -> Path:
    _read(path)
    return path


# --- choosing the XML reader ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<schedule><day date='2014-07-21'><entry id='1'/></day></schedule>", True),
        ("<schedule><day date='2014-07-21'/><day><entry id='1'/></day></schedule>", True),
        ("<schedule><day date='2024-08-01'><room name='A'/></day></schedule>", False),
        ("<schedule><conference/><day><entry/></day></schedule>", False),
        ("<programme><day><entry/></day></programme>", False),
        ("<schedule><day><entry id='1'>", True),
        ("<schedule", False),
        ("", False),
    ],
)
def test_entries_are_told_from_frab_by_what_the_days_hold(text: str, expected: bool) -> None:
    assert entries_xml.looks_like(text) is expected
    try:
        root = ET.fromstring(text)
    except ET.ParseError:
        return
    assert entries_xml.looks_like(root) is expected


def test_xml_is_dispatched_to_the_reader_of_its_kind() -> None:
    entries = parse_text(_read(TINY), "tiny.schedule.xml")
    frab = parse_text(_read(FRAB_TINY), "frab.xml")
    assert [s.id for s in entries.sessions] == ["slot-1", "1", "2", "3"]
    assert [s.id for s in frab.sessions] == ["101", "102", "201"]
    assert frab.problems == ()


# --- a tiny hand-written schedule ----------------------------------------------------------------


def test_tiny_schedule_reads_every_field(tiny: ParsedSource) -> None:
    abstract = "Why everyone can learn it.\n\nAnd how we teach it."
    speakers = (
        Person("Ada Lovelace", biography="Works at the Analytical Engine Trust."),
        Person("Grace Hopper"),
    )
    assert _session(tiny, "1") == Session(
        id="1",
        title="Teaching Python to everyone",
        day=date(2024, 7, 8),
        start=datetime(2024, 7, 8, 9, 30),
        end=datetime(2024, 7, 8, 10, 15),
        room="Hall",
        format="Keynote",
        content_filters=("Novice",),
        keywords=("Python Core", "Education"),
        parts=(Part(1, "Teaching Python to everyone", abstract=abstract, speakers=speakers),),
        abstract=abstract,
        source=SourceLocation("tiny.schedule.xml", 15),
    )


def test_an_entry_without_category_is_an_organisers_slot(tiny: ParsedSource) -> None:
    breakfast = _session(tiny, "slot-1")
    assert (breakfast.title, breakfast.format, breakfast.room, breakfast.speakers) == (
        "Breakfast",
        "",
        "Hall, Room 2",
        (),
    )
    assert (breakfast.content_filters, breakfast.keywords, breakfast.abstract) == ((), (), "")


def test_a_description_that_differs_follows_the_abstract(tiny: ParsedSource) -> None:
    desk = _session(tiny, "3")
    assert desk.format == "Help desk"
    assert desk.abstract == (
        "Bring your questions.\n\nDifferent words: the desk is staffed all afternoon."
    )


def test_malformed_start_time_reports_file_and_line(tiny: ParsedSource) -> None:
    assert tiny.problems == (
        Problem("tiny.schedule.xml", 39, "expected a start time like 1100 (HHMM), got '9h30'"),
    )
    late = _session(tiny, "2")
    assert (late.title, late.day, late.start, late.end) == (
        "Late starters",
        date(2024, 7, 9),
        None,
        None,
    )


def test_a_time_zone_given_at_build_makes_times_aware() -> None:
    parsed = entries_xml.parse(_read(TINY), "tiny.schedule.xml", timezone="Europe/Berlin")
    assert _session(parsed, "1").start == datetime(
        2024, 7, 8, 9, 30, tzinfo=ZoneInfo("Europe/Berlin")
    )
    assert parsed.timezone == "Europe/Berlin"


# --- bad input ---------------------------------------------------------------------------------


def _one_entry(day: str = "2024-07-08", entry: str = "id='5'", **fields: str) -> str:
    values = {"start": "1000", "duration": "30", "title": "Talk", "category": "Talk"}
    values.update(fields)
    body = "\n".join(f"    <{tag}>{text}</{tag}>" for tag, text in values.items())
    return f"<schedule>\n  <day date='{day}'>\n  <entry {entry}>\n{body}\n  </entry>\n</day>\n</schedule>\n"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "<schedule>\n  <day date='2014-07-21'>\n    <entry id='1'>\n  </day>\n</schedule>\n",
            Problem("bad.xml", 4, "expected well-formed XML, got mismatched tag at column 5"),
        ),
        (
            "<programme>\n  <talk/>\n</programme>\n",
            Problem(
                "bad.xml",
                1,
                "expected an entries schedule: <schedule> with <day> and <entry> elements, "
                "got <programme>",
            ),
        ),
        (
            "<schedule>\n<day date='2014-07-21'><room name='A'/><entry id='1'/></day>\n</schedule>",
            Problem("bad.xml", 2, "expected <entry> elements inside <day>, got <room>"),
        ),
        (
            _one_entry(start="25:00"),
            Problem("bad.xml", 4, "expected a start time like 1100 (HHMM), got '25:00'"),
        ),
        (
            _one_entry(duration="an hour"),
            Problem("bad.xml", 5, "expected a duration in minutes like 45, got 'an hour'"),
        ),
        (
            _one_entry(day="21.07.2014"),
            Problem(
                "bad.xml",
                2,
                "expected <day date=...> with a date like 2014-07-21, got '21.07.2014'",
            ),
        ),
        (
            _one_entry(entry="code='5'"),
            Problem("bad.xml", 3, "expected <entry id=...>, got no id", left_out=True),
        ),
    ],
    ids=["not well-formed", "not a schedule", "room in day", "start", "duration", "day", "no id"],
)
def test_bad_schedules_report_file_line_expected_and_found(text: str, problem: Problem) -> None:
    assert entries_xml.parse(text, "bad.xml").problems == (problem,)


def test_an_unknown_time_zone_is_reported_not_raised() -> None:
    parsed = entries_xml.parse(_one_entry(), "bad.xml", timezone="Mars/Olympus")
    assert parsed.problems == (
        Problem("bad.xml", 1, "expected a time zone like Europe/London, got 'Mars/Olympus'"),
    )
    assert (parsed.timezone, parsed.sessions[0].start) == (None, datetime(2024, 7, 8, 10, 0))


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_text_never_raises(text: str) -> None:
    assert isinstance(entries_xml.parse(text, "f.xml"), ParsedSource)
    assert isinstance(entries_xml.parse(f"<schedule>{text}</schedule>", "f.xml"), ParsedSource)
    assert isinstance(entries_xml.looks_like(text), bool)


_FIELD_TEXT = st.text(alphabet=st.sampled_from(list("0123456789:-T+Z. <>&ab")), max_size=12)


@settings(max_examples=300, deadline=None)
@given(
    _FIELD_TEXT,
    st.fixed_dictionaries(
        {tag: _FIELD_TEXT for tag in ("start", "duration", "title", "category", "abstract")}
    ),
)
def test_arbitrary_entry_fields_never_raise(day: str, fields: dict[str, str]) -> None:
    escape = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "'": "&apos;"}
    escaped = {tag: "".join(escape.get(c, c) for c in text) for tag, text in fields.items()}
    text = _one_entry(day="".join(escape.get(c, c) for c in day), **escaped)
    assert isinstance(entries_xml.parse(text, "f.xml", timezone="Europe/Berlin"), ParsedSource)
