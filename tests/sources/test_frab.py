"""frab / pretalx schedule JSON and XML: the real 36C3 programme, tiny files and bad input."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from real_data import SHARED, read_real

from assistant.programme import Part, Person, Session, SourceLocation
from assistant.sources import frab_json, frab_xml
from assistant.sources.problems import ParsedSource, Problem, Severity

CONGRESS = SHARED / "36c3"
TINY = Path(__file__).resolve().parents[1] / "data" / "frab"
CET = timezone(timedelta(hours=1))
CEST = timezone(timedelta(hours=2))


def _read(path: Path) -> str:
    if not path.is_file():
        pytest.skip(f"{path} is not here")
    return path.read_text("utf-8")


@pytest.fixture(scope="module")
def congress_json() -> ParsedSource:
    return frab_json.parse(_read(CONGRESS / "stages.schedule.json"), "stages.schedule.json")


@pytest.fixture(scope="module")
def congress_xml() -> ParsedSource:
    return frab_xml.parse(_read(CONGRESS / "stages.schedule.xml"), "stages.schedule.xml")


def _session(parsed: ParsedSource, session_id: str) -> Session:
    return next(s for s in parsed.sessions if s.id == session_id)


def _without_source(parsed: ParsedSource) -> list[Session]:
    return [dataclasses.replace(s, source=None) for s in parsed.sessions]


def _without_biographies(sessions: list[Session]) -> list[Session]:
    """The sessions as frab's XML gives them: its <person> elements carry names only."""
    return [
        dataclasses.replace(
            s,
            parts=tuple(
                dataclasses.replace(
                    p,
                    speakers=tuple(dataclasses.replace(x, biography="") for x in p.speakers),
                )
                for p in s.parts
            ),
        )
        for s in sessions
    ]


# --- the real 36C3 programme --------------------------------------------------------------


def test_every_36c3_event_becomes_a_session_without_problems(congress_json: ParsedSource) -> None:
    assert len(congress_json.sessions) == 498
    assert congress_json.problems == ()


def test_programme_is_titled_by_the_conference_and_zoned_by_its_first_offset(
    congress_json: ParsedSource,
) -> None:
    assert congress_json.title == "36th Chaos Communication Congress - Stages"
    assert congress_json.timezone == "+01:00"


def test_speakers_are_the_events_persons_by_public_name(congress_json: ParsedSource) -> None:
    plundervolt = _session(congress_json, "10883")
    assert plundervolt.title == "Plundervolt: Flipping Bits from Software without Rowhammer"
    assert plundervolt.speakers == (Person("Daniel Gruss"), Person("Kit Murdock"))
    assert plundervolt.parts[0].title == plundervolt.title


def test_events_after_midnight_stay_under_the_previous_day(congress_json: ParsedSource) -> None:
    jeopardy = _session(congress_json, "11177")
    assert jeopardy.title == "Hacker Jeopardy"
    assert jeopardy.day == date(2019, 12, 27)
    assert jeopardy.start == datetime(2019, 12, 28, 0, 50, tzinfo=CET)
    assert jeopardy.end == datetime(2019, 12, 28, 2, 50, tzinfo=CET)


@pytest.mark.parametrize(
    ("session_id", "field", "value"),
    [
        ("11177", "room", "Ada"),
        ("11177", "stream", "Entertainment"),
        ("11177", "format", "podium"),
        ("11177", "subtitle", "Zahlenraten für Geeks"),
        ("11177", "language", "de"),
        ("11177", "url", "https://fahrplan.events.ccc.de/congress/2019/Fahrplan/events/11177.html"),
        ("10658", "title", "Die Mittelmeer-Monologe"),
        ("10658", "format", "performance"),
        ("10658", "stream", "Art & Culture"),
        ("10658", "recorded", False),
        ("10883", "recorded", True),
        ("10883", "end", datetime(2019, 12, 27, 18, 30, tzinfo=CET)),
        ("11223", "code", ""),
    ],
)
def test_event_fields_map_onto_the_session(
    congress_json: ParsedSource, session_id: str, field: str, value: object
) -> None:
    assert getattr(_session(congress_json, session_id), field) == value


def test_html_is_stripped_from_every_abstract(congress_json: ParsedSource) -> None:
    leftovers = [
        s.id
        for s in congress_json.sessions
        if any(tag in s.abstract for tag in ("<p>", "</p>", "<li>", "<br", "</a>", "&amp;"))
    ]
    assert leftovers == []


def test_abstract_is_the_abstract_then_the_description_as_paragraphs(
    congress_json: ParsedSource,
) -> None:
    abstract = _session(congress_json, "10883").abstract
    assert abstract.startswith(
        "We present the next step after Rowhammer, a new software-based fault attack primitive: "
        "Plundervolt (CVE-2019-11157).\n\nMany processors"
    )
    assert "\n\nFault attacks pose a substantial threat" in abstract
    assert _session(congress_json, "10883").parts[0].abstract == abstract


def test_markdown_links_read_as_their_text_and_list_items_keep_their_lines(
    congress_json: ParsedSource,
) -> None:
    assert _session(congress_json, "3215").abstract.endswith(
        "\n\n- The platform\n- The code\n- Talk @ GPN19 with more information"
    )


def test_html_list_items_and_entities_become_lines_of_text(congress_json: ParsedSource) -> None:
    abstract = _session(congress_json, "10795").abstract
    assert "\nPetites Singularités - Non profit" in abstract


def test_json_and_xml_of_the_same_programme_give_identical_records(
    congress_json: ParsedSource, congress_xml: ParsedSource
) -> None:
    assert congress_xml.problems == ()
    assert [s.id for s in congress_xml.sessions] == [s.id for s in congress_json.sessions]
    for from_json, from_xml in zip(
        _without_biographies(_without_source(congress_json)),
        _without_source(congress_xml),
        strict=True,
    ):
        for field in dataclasses.fields(Session):
            assert getattr(from_xml, field.name) == getattr(from_json, field.name), (
                from_json.id,
                field.name,
            )
    assert (congress_xml.title, congress_xml.timezone) == (
        congress_json.title,
        congress_json.timezone,
    )


@pytest.mark.parametrize(
    ("parsed_name", "session_id", "line"),
    [("congress_json", "11223", 20), ("congress_json", "11220", 52), ("congress_xml", "11223", 14)],
)
def test_each_session_points_at_the_line_its_event_starts_on(
    request: pytest.FixtureRequest, parsed_name: str, session_id: str, line: int
) -> None:
    parsed: ParsedSource = request.getfixturevalue(parsed_name)
    assert _session(parsed, session_id).source == SourceLocation(parsed_name_file(parsed), line)


def parsed_name_file(parsed: ParsedSource) -> str:
    source = parsed.sessions[0].source
    assert source is not None
    return source.file


@pytest.mark.parametrize(
    ("name", "count", "title", "zone"),
    [
        ("example-pretalx-democon.json", 36, "DemoCon", "UTC"),
        ("example-frab-camp2019.json", 79, "Chaos Communication Camp 2019", "Europe/Berlin"),
    ],
)
def test_c3voc_examples_parse_without_errors(name: str, count: int, title: str, zone: str) -> None:
    parsed = frab_json.parse(_read(SHARED / "c3voc-schema" / name), name)
    assert [p for p in parsed.problems if p.severity is Severity.ERROR] == []
    assert (len(parsed.sessions), parsed.title, parsed.timezone) == (count, title, zone)


def test_offsets_that_disagree_with_the_files_zone_are_kept_with_a_warning() -> None:
    name = "example-pretalx-democon.json"
    parsed = frab_json.parse(_read(SHARED / "c3voc-schema" / name), name)
    assert parsed.problems == (
        Problem(
            name,
            36,
            "the event dates say +01:00, which is not UTC's offset (the file's time_zone_name); "
            "the dates are kept as written: give --timezone to read them as wall-clock times "
            "in another zone",
            Severity.WARNING,
        ),
    )
    assert parsed.sessions[0].start == datetime(2020, 12, 14, 9, 0, tzinfo=CET)


def test_an_organisation_in_brackets_after_a_public_name_is_the_organisation() -> None:
    name = "example-frab-camp2019.json"
    parsed = frab_json.parse(_read(SHARED / "c3voc-schema" / name), name)
    session = next(s for s in parsed.sessions if s.id == "10309")
    assert [(p.name, p.organisation) for p in session.speakers] == [
        ("Chloé Berthélémy", "EDRi"),
        ("Andreea Belu", "EDRi"),
    ]


# --- tiny hand-written schedules --------------------------------------------------------------


@pytest.fixture(scope="module")
def tiny() -> ParsedSource:
    return frab_json.parse(_read(TINY / "tiny.schedule.json"), "tiny.schedule.json")


def test_tiny_schedule_reads_every_field(tiny: ParsedSource) -> None:
    opening = _session(tiny, "101")
    assert opening == Session(
        id="101",
        title="Opening",
        subtitle="Welcome to the camp",
        day=date(2024, 8, 1),
        start=datetime(2024, 8, 1, 10, 0, tzinfo=CEST),
        end=datetime(2024, 8, 1, 10, 30, tzinfo=CEST),
        room="Hall A",
        stream="Camp",
        format="lecture",
        language="en",
        recorded=True,
        url="https://example.org/101",
        parts=(
            Part(
                1,
                "Opening",
                abstract="Welcome & hello!\n\nRead the guide.",
                speakers=(Person("Ada Lovelace"), Person("Grace Hopper")),
            ),
        ),
        abstract="Welcome & hello!\n\nRead the guide.",
        source=SourceLocation("tiny.schedule.json", 20),
    )
    assert (tiny.title, tiny.timezone, tiny.problems) == ("Tiny Camp 2024", "Europe/Berlin", ())


def test_durations_with_seconds_and_missing_recording_flags_are_read(tiny: ParsedSource) -> None:
    night = _session(tiny, "102")
    assert (night.day, night.start, night.end) == (
        date(2024, 8, 1),
        datetime(2024, 8, 2, 1, 30, tzinfo=CEST),
        datetime(2024, 8, 2, 2, 45, tzinfo=CEST),
    )
    assert night.recorded is None
    assert night.speakers == ()


def test_soft_line_breaks_join_and_blank_lines_split_paragraphs(tiny: ParsedSource) -> None:
    assert _session(tiny, "102").abstract == "Music after midnight.\n\nBring your own\n\nearplugs."


def test_a_description_repeating_the_abstract_is_kept_once(tiny: ParsedSource) -> None:
    assert _session(tiny, "201").abstract == "Goodbye."


def test_tiny_json_and_xml_give_identical_records(tiny: ParsedSource) -> None:
    from_xml = frab_xml.parse(_read(TINY / "tiny.schedule.xml"), "tiny.schedule.xml")
    assert _without_source(from_xml) == _without_source(tiny)
    assert [s.source for s in from_xml.sessions] == [
        SourceLocation("tiny.schedule.xml", 15),
        SourceLocation("tiny.schedule.xml", 37),
        SourceLocation("tiny.schedule.xml", 57),
    ]
    assert [s.source for s in tiny.sessions] == [
        SourceLocation("tiny.schedule.json", 20),
        SourceLocation("tiny.schedule.json", 38),
        SourceLocation("tiny.schedule.json", 63),
    ]


def test_without_a_time_zone_name_the_first_offset_names_the_zone() -> None:
    text = _read(TINY / "tiny.schedule.json").replace('"time_zone_name": "Europe/Berlin",', "")
    assert frab_json.parse(text, "t.json").timezone == "+02:00"


# --- bad input ------------------------------------------------------------------------------


def _one_event_json(**fields: object) -> str:
    event = {"id": 7, "title": "Talk", "date": "2024-08-01T10:00:00+02:00", "duration": "00:30"}
    event.update(fields)
    schedule = {
        "schedule": {
            "conference": {
                "title": "T",
                "days": [
                    {
                        "date": "2024-08-01",
                        "rooms": {
                            "A": [
                                {
                                    "id": 6,
                                    "title": "Fine",
                                    "date": "2024-08-01T09:00:00+02:00",
                                    "duration": "00:30",
                                },
                                event,
                            ]
                        },
                    }
                ],
            }
        }
    }
    return json.dumps(schedule, indent=2)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            '{\n  "schedule": {\n    "conference": {\n      "title": "x" "days": []\n',
            Problem("bad.json", 4, "expected valid JSON, got expecting ',' delimiter at column 20"),
        ),
        (
            '{"generator": {}, "events": []}',
            Problem(
                "bad.json",
                1,
                "expected a frab/pretalx schedule with schedule.conference.days, "
                "got keys 'generator', 'events'",
            ),
        ),
        (
            '{"schedule": {"conference": {"title": "x"}}}',
            Problem(
                "bad.json",
                1,
                "expected a frab/pretalx schedule with schedule.conference.days, "
                "got schedule.conference keys 'title'",
            ),
        ),
        (
            "[1, 2]",
            Problem(
                "bad.json",
                1,
                "expected a frab/pretalx schedule with schedule.conference.days, got a list",
            ),
        ),
    ],
)
def test_json_that_is_not_a_schedule_reports_file_and_line(text: str, problem: Problem) -> None:
    parsed = frab_json.parse(text, "bad.json")
    assert (parsed.sessions, parsed.problems) == ((), (problem,))


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"date": "28.12.2019 11:00"},
            "expected a date like 2019-12-27T11:00:00+01:00, got '28.12.2019 11:00'",
        ),
        ({"duration": "an hour"}, "expected a duration like 01:00, got 'an hour'"),
        ({"end": "soon"}, "expected an end like 2019-12-27T12:00:00+01:00, got 'soon'"),
    ],
)
def test_an_event_with_a_bad_time_is_reported_at_its_line_and_skipped(
    fields: dict[str, object], message: str
) -> None:
    parsed = frab_json.parse(_one_event_json(**fields), "bad.json")
    assert [s.id for s in parsed.sessions] == ["6"]
    assert parsed.problems == (Problem("bad.json", 16, message, left_out=True),)
    assert (parsed.records, parsed.left_out) == (2, 1)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "<schedule>\n  <day date='2024-08-01'>\n    <room name='A'>\n  </day>\n</schedule>\n",
            Problem("bad.xml", 4, "expected well-formed XML, got mismatched tag at column 5"),
        ),
        (
            "<programme>\n  <talk/>\n</programme>\n",
            Problem(
                "bad.xml",
                1,
                "expected a frab/pretalx schedule: <schedule> with <day>, <room> and <event> "
                "elements, got <programme>",
            ),
        ),
        (
            "<schedule>\n<day date='2014-07-21'><entry id='1'/></day>\n</schedule>\n",
            Problem("bad.xml", 2, "expected <room> elements inside <day>, got <entry>"),
        ),
    ],
)
def test_xml_that_is_not_a_schedule_reports_file_and_line(text: str, problem: Problem) -> None:
    assert frab_xml.parse(text, "bad.xml").problems == (problem,)


def test_an_xml_event_with_a_bad_duration_is_reported_at_its_line_and_skipped() -> None:
    text = _read(TINY / "tiny.schedule.xml").replace(
        "<duration>1:15:00</duration>", "<duration>late</duration>"
    )
    parsed = frab_xml.parse(text, "tiny.schedule.xml")
    assert [s.id for s in parsed.sessions] == ["101", "201"]
    assert parsed.problems == (
        Problem(
            "tiny.schedule.xml", 37, "expected a duration like 01:00, got 'late'", left_out=True
        ),
    )


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "schedule",
                    "conference",
                    "days",
                    "rooms",
                    "date",
                    "id",
                    "title",
                    "duration",
                    "persons",
                    "public_name",
                    "do_not_record",
                    "end",
                    "start",
                    "day_start",
                    "x",
                ]
            ),
            children,
            max_size=6,
        )
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_text_never_raises(text: str) -> None:
    assert isinstance(frab_json.parse(text, "f.json"), ParsedSource)
    assert isinstance(frab_xml.parse(text, "f.xml"), ParsedSource)
    assert isinstance(frab_xml.parse(f"<schedule>{text}</schedule>", "f.xml"), ParsedSource)


@settings(max_examples=300, deadline=None)
@given(json_values, json_values)
def test_arbitrary_json_never_raises(day: object, event: object) -> None:
    shaped = {
        "schedule": {"conference": {"days": [day, {"date": "2024-08-01", "rooms": {"A": [event]}}]}}
    }
    for value in (day, shaped):
        assert isinstance(frab_json.parse(json.dumps(value), "f.json"), ParsedSource)


xml_fields = st.fixed_dictionaries(
    {
        tag: st.text(alphabet=st.sampled_from(list("0123456789:-T+Z. <>&ab")), max_size=25)
        for tag in ("date", "start", "duration", "end", "title", "abstract")
    }
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789-T:+")), max_size=25), xml_fields)
def test_arbitrary_event_fields_in_xml_never_raise(day: str, fields: dict[str, str]) -> None:
    escape = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
    body = "".join(
        f"<{tag}>{''.join(escape.get(c, c) for c in text)}</{tag}>" for tag, text in fields.items()
    )
    day_attr = "".join(escape.get(c, c) for c in day)
    text = (
        f'<schedule><day date="{day_attr}" start="{day_attr}"><room name="A">'
        f'<event id="1">{body}</event></room></day></schedule>'
    )
    assert isinstance(frab_xml.parse(text, "f.xml"), ParsedSource)


def test_speaker_biographies_are_kept_as_plain_text(congress_json: ParsedSource) -> None:
    speakers = {p.name: p for s in congress_json.sessions for p in s.speakers}
    biography = speakers["Katharin Tai"].biography
    assert biography.startswith("Katharin promoviert am MIT zu chinesischer Netzpolitik")
    assert "<" not in biography
    with_one = sum(bool(p.biography) for p in speakers.values())
    assert 150 < with_one < len(speakers)


# --- old frab (30C3, no event dates) and pentabarf's +00:00 (DebConf17) ------------------------


@pytest.fixture(scope="module")
def congress_2013() -> ParsedSource:
    return frab_json.parse(read_real("30c3/schedule.json"), "schedule.json")


def test_old_frab_events_are_dated_by_their_day_and_start(congress_2013: ParsedSource) -> None:
    assert (len(congress_2013.sessions), congress_2013.problems) == (124, ())
    assert congress_2013.format == "frab/pretalx schedule JSON (version 0.8)"
    wii = _session(congress_2013, "5322")
    assert (wii.title, wii.day, wii.start, wii.end, wii.room) == (
        "Reverse engineering the Wii U Gamepad",
        date(2013, 12, 27),
        datetime(2013, 12, 27, 12, 45),
        datetime(2013, 12, 27, 13, 45),
        "Saal 1",
    )
    assert [p.name for p in wii.speakers] == ["delroth"]


def test_old_frab_events_after_midnight_fall_on_the_next_date(congress_2013: ParsedSource) -> None:
    # listed under 27 December at 00:00 and 00:30: the night after it, before the 04:00 day change
    night = [
        (s.id, s.title, s.day, s.start, s.end)
        for s in congress_2013.sessions
        if s.day == date(2013, 12, 27) and s.start and s.start.hour < 4
    ]
    assert night == [
        (
            "5577",
            "Hacker Jeopardy",
            date(2013, 12, 27),
            datetime(2013, 12, 28, 0, 0),
            datetime(2013, 12, 28, 2, 0),
        ),
        (
            "5614",
            "Perfect Paul",
            date(2013, 12, 27),
            datetime(2013, 12, 28, 0, 0),
            datetime(2013, 12, 28, 0, 30),
        ),
        (
            "5544",
            "Sim Gishel",
            date(2013, 12, 27),
            datetime(2013, 12, 28, 0, 30),
            datetime(2013, 12, 28, 1, 30),
        ),
    ]


def test_a_time_zone_given_makes_old_frab_times_aware() -> None:
    parsed = frab_json.parse(read_real("30c3/schedule.json"), "s.json", timezone="Europe/Berlin")
    jeopardy = _session(parsed, "5577")
    assert jeopardy.start is not None and jeopardy.start.isoformat() == "2013-12-28T00:00:00+01:00"
    assert parsed.timezone == "Europe/Berlin"


def test_entities_in_old_frab_titles_tracks_and_names_are_decoded(
    congress_2013: ParsedSource,
) -> None:
    assert {s.stream for s in congress_2013.sessions} >= {"Art & Beauty", "Security & Safety"}
    assert not any("&amp;" in s.stream or "&#x27;" in s.title for s in congress_2013.sessions)
    graphics = next(s for s in congress_2013.sessions if s.title.startswith("Rock"))
    assert graphics.title == "Rock' em Graphic Cards"
    trezor = next(s for s in congress_2013.sessions if s.title.startswith("Trezor"))
    assert [p.name for p in trezor.speakers] == ['Pavol "stick" Rusnak']


def test_old_frab_abstracts_lose_their_wrapping_quotes_and_escaped_html(
    congress_2013: ParsedSource,
) -> None:
    opening = _session(congress_2013, "5605")
    assert opening.abstract == (
        "Introductory event to say hello to everybody, give a brief overview of the event's "
        "features and look into history and future alike"
    )
    assert not any(
        "<p>" in s.abstract or s.abstract.startswith('"') for s in congress_2013.sessions
    )


@pytest.mark.parametrize(
    ("day_change", "expected"),
    [
        ("", datetime(2024, 8, 2, 1, 30)),  # frab's default day change, 04:00
        ("01:00", datetime(2024, 8, 1, 1, 30)),  # a day that changes at 01:00 holds 01:30
    ],
)
def test_the_conference_day_change_decides_which_date_a_night_event_falls_on(
    day_change: str, expected: datetime
) -> None:
    schedule = {
        "schedule": {
            "conference": {
                "title": "T",
                "day_change": day_change,
                "days": [
                    {
                        "date": "2024-08-01",
                        "rooms": {"A": [{"id": 1, "title": "Late", "start": "01:30"}]},
                    }
                ],
            }
        }
    }
    [late] = frab_json.parse(json.dumps(schedule), "t.json").sessions
    assert late.start == expected


def test_pentabarf_offsets_of_plus_zero_are_flagged_when_no_zone_is_named() -> None:
    parsed = frab_xml.parse(read_real("debconf17/pentabarf.xml"), "pentabarf.xml")
    assert len(parsed.sessions) == 181
    assert parsed.problems == (
        Problem(
            "pentabarf.xml",
            30,
            "every event date says +00:00 and the file names no time zone; if they are local "
            "times, give the conference's zone with --timezone",
            Severity.WARNING,
        ),
    )


def test_a_time_zone_given_reads_pentabarf_plus_zero_times_as_local() -> None:
    parsed = frab_xml.parse(
        read_real("debconf17/pentabarf.xml"), "pentabarf.xml", timezone="America/Montreal"
    )
    talk = _session(parsed, "245")
    assert (talk.title, talk.room, [p.name for p in talk.speakers]) == (
        "A newbie's newbie guide to Debian",
        "Rex",
        ["Helen Koike"],
    )
    assert talk.start is not None and talk.start.isoformat() == "2017-08-05T11:00:00-04:00"
    assert talk.end == datetime(2017, 8, 5, 11, 45, tzinfo=ZoneInfo("America/Montreal"))
    assert (parsed.timezone, [p.severity for p in parsed.problems]) == (
        "America/Montreal",
        [Severity.WARNING],
    )
    assert parsed.problems[0].message == (
        "the event dates say +00:00, which is not America/Montreal's offset; 181 events read "
        "as America/Montreal wall-clock times"
    )


def test_a_time_zone_given_converts_honest_offsets_that_a_local_start_contradicts() -> None:
    text = _one_event_json(date="2024-08-01T08:00:00+00:00", start="10:00")
    parsed = frab_json.parse(text, "t.json", timezone="Europe/Berlin")
    talk = _session(parsed, "7")
    assert talk.start is not None and talk.start.isoformat() == "2024-08-01T10:00:00+02:00"
