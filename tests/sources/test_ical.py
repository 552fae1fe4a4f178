"""iCalendar feeds: the real PyCon AU 2023 pretalx export (a wrong VTIMEZONE), a tiny feed, bad input."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from real_data import read_real

from assistant.programme import Person
from assistant.sources import ical, parse_text, sniff
from assistant.sources.problems import ParsedSource, Problem, Severity

ADELAIDE = ZoneInfo("Australia/Adelaide")


@pytest.fixture(scope="module")
def pyconau() -> ParsedSource:
    return parse_text(read_real("ics-pyconau2023/schedule.ics"), "schedule.ics")


def test_every_event_of_the_feed_is_a_session(pyconau: ParsedSource) -> None:
    assert (len(pyconau.sessions), pyconau.records, pyconau.format) == (
        94,
        94,
        "iCalendar (pretalx)",
    )
    assert Counter(s.room for s in pyconau.sessions) == {
        "Hall C (Plenary)": 33,
        "Hall A": 22,
        "Hall B": 20,
        "Hall E": 19,
    }
    assert Counter(s.day for s in pyconau.sessions) == {
        date(2023, 8, 18): 39,
        date(2023, 8, 19): 29,
        date(2023, 8, 20): 26,
    }


def test_the_iana_zone_is_trusted_over_the_files_wrong_vtimezone(pyconau: ParsedSource) -> None:
    opening = next(s for s in pyconau.sessions if s.id == "EJWEMK")
    assert opening.start is not None and opening.start.isoformat() == "2023-08-18T09:00:00+09:30"
    assert opening.end == datetime(2023, 8, 18, 9, 20, tzinfo=ADELAIDE)
    assert pyconau.timezone == "Australia/Adelaide"
    assert pyconau.problems == (
        Problem(
            "schedule.ics",
            4,
            "the VTIMEZONE for Australia/Adelaide gives +09:00 on 2023-08-18, the IANA zone "
            "+09:30; times are read in the IANA zone",
            Severity.WARNING,
        ),
    )


def test_a_summary_splits_into_title_and_speakers_at_its_last_dash(pyconau: ParsedSource) -> None:
    opening = next(s for s in pyconau.sessions if s.id == "EJWEMK")
    assert opening.title == "Specialist Tracks Combined Opening Address"
    assert [p.name for p in opening.speakers] == [
        "Pedro Junqueira",
        "Jack Skinner",
        "Nicky Ringland",
        "Katie McLaughlin",
        "Lilly Ryan",
    ]
    pygame = next(s for s in pyconau.sessions if s.id == "BX9VRB")
    assert pygame.title == "Zero or Hero? - Assessing Pygame Zero in the classroom"
    assert pygame.speakers == (Person("Amanda J Hogan"),)
    assert (pygame.room, pygame.source.line if pygame.source else 0) == ("Hall B", 183)
    fair = next(s for s in pyconau.sessions if s.title.startswith("PyCon Fair"))
    assert (fair.title, fair.speakers) == ("PyCon Fair", ())


def test_escaped_and_folded_text_is_read_whole(pyconau: ParsedSource) -> None:
    serial = next(s for s in pyconau.sessions if s.id == "WY9MES")
    assert serial.title == (
        "Using Python and 19,200 bits/second serial links to manage antennae for the Square "
        "Kilometre Array radio telescope in Australia"
    )
    assert serial.url == "https://pretalx.com/pyconau-2023/talk/WY9MES/"


TINY = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Example//Calendar//EN\r
X-WR-CALNAME:Tiny Fest\r
X-WR-TIMEZONE:Europe/Lisbon\r
BEGIN:VEVENT\r
UID:talk-1@example.org\r
DTSTART:20250610T080000Z\r
DTEND:20250610T090000Z\r
SUMMARY:Keynote - Ana Silva\r
LOCATION:Main Stage\r
CATEGORIES:Plenary\r
DESCRIPTION:Opening words\\, and a long line that is folded across two lines of t\r
 he file.\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:talk-2@example.org\r
DTSTART:20250610T100000\r
DTEND:20250610T103000\r
SUMMARY:Lunch - Terrace\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:talk-3@example.org\r
DTSTART:20250611\r
SUMMARY:Excursion\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:talk-4@example.org\r
DTSTART:20250610T110000\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_a_plain_feed_reads_utc_floating_and_all_day_events() -> None:
    parsed = ical.parse(TINY, "tiny.ics")
    keynote, lunch, excursion = parsed.sessions
    lisbon = ZoneInfo("Europe/Lisbon")
    assert (keynote.id, keynote.title, keynote.room, keynote.stream) == (
        "talk-1@example.org",
        "Keynote",
        "Main Stage",
        "Plenary",
    )
    assert keynote.speakers == (Person("Ana Silva"),)
    assert keynote.start == datetime(2025, 6, 10, 9, 0, tzinfo=lisbon)  # 08:00Z is 09:00 there
    assert keynote.abstract == (
        "Opening words, and a long line that is folded across two lines of the file."
    )
    # outside pretalx, a dash is a speaker list only when what follows reads as names
    assert (lunch.title, lunch.speakers, lunch.start) == (
        "Lunch - Terrace",
        (),
        datetime(2025, 6, 10, 10, 0, tzinfo=lisbon),
    )
    assert (excursion.day, excursion.start) == (date(2025, 6, 11), None)
    assert parsed.problems == (
        Problem("tiny.ics", 27, "expected a SUMMARY (the event's title), got none", left_out=True),
    )
    assert (parsed.title, parsed.timezone) == ("Tiny Fest", "Europe/Lisbon")


def test_a_time_zone_given_shows_utc_times_in_it() -> None:
    parsed = ical.parse(TINY, "tiny.ics", timezone="America/New_York")
    assert parsed.sessions[0].start == datetime(
        2025, 6, 10, 4, 0, tzinfo=timezone(timedelta(hours=-4))
    )


def test_text_that_is_not_a_calendar_is_reported_at_line_one() -> None:
    [problem] = ical.parse("BEGIN:VCALENDAR\nnonsense\n", "bad.ics").problems
    assert (problem.file, problem.line, problem.left_out) == ("bad.ics", 1, False)
    assert problem.message.startswith(
        "expected an iCalendar file (BEGIN:VCALENDAR ... END:VCALENDAR)"
    )
    assert sniff("BEGIN:VCALENDAR\nVERSION:2.0\n") == "ical"


lines = st.sampled_from(
    [
        "BEGIN:VEVENT",
        "END:VEVENT",
        "DTSTART:20250610T080000Z",
        "DTSTART;TZID=Mars/Olympus:20250610T080000",
        "DTSTART;TZID=Europe/Paris:2025061",
        "DTEND:20250610T070000Z",
        "DURATION:PT1H",
        "DURATION:P1X",
        "SUMMARY:Talk - A B",
        "SUMMARY: - ",
        "CATEGORIES:a,b",
        " folded",
        "UID:x",
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Paris",
        "END:VTIMEZONE",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(lines | st.text(max_size=30), max_size=25), st.sampled_from([None, "UTC", "Nope"]))
def test_arbitrary_calendar_lines_never_raise(body: list[str], zone: str | None) -> None:
    text = "BEGIN:VCALENDAR\n" + "\n".join(body) + "\nEND:VCALENDAR\n"
    parsed = ical.parse(text, "f.ics", timezone=zone)
    assert isinstance(parsed, ParsedSource)
    assert all(p.file == "f.ics" and p.line >= 1 for p in parsed.problems)


def _feed(*summaries: str) -> str:
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:e{i}\r\nDTSTART:20260521T{13 + i:02d}0000Z\r\n"
        f"DTEND:20260521T{13 + i:02d}3000Z\r\nSUMMARY:{s}\r\nEND:VEVENT\r\n"
        for i, s in enumerate(summaries)
    )
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Sched.com//EN\r\n{events}END:VCALENDAR\r\n"


def test_a_feed_writing_name_comma_organisation_gives_each_speaker_an_organisation() -> None:
    parsed = ical.parse(
        _feed(
            "Keynote: Open Data - Naomi Tremblay\\, Statistics Canada",
            "Replicating Papers - Benjamin Shaw\\, University of Toronto & Hélène Martel\\, "
            "Mila - Quebec AI Institute",
            "Panel: Who Pays? - Moderated by Sarah Lefebvre\\, Open Science & Data Summit\\; "
            "Daniel Osei\\, NumFOCUS",
        ),
        "sched.ics",
    )
    keynote, paper, panel = parsed.sessions
    assert [(p.name, p.organisation) for p in keynote.speakers] == [
        ("Naomi Tremblay", "Statistics Canada")
    ]
    assert paper.title == "Replicating Papers"
    assert [(p.name, p.organisation) for p in paper.speakers] == [
        ("Benjamin Shaw", "University of Toronto"),
        ("Hélène Martel", "Mila - Quebec AI Institute"),
    ]
    assert panel.title == "Panel: Who Pays?"
    assert [(p.name, p.organisation) for p in panel.chairs] == [
        ("Sarah Lefebvre", "Open Science & Data Summit")
    ]
    assert [p.name for p in panel.speakers] == ["Daniel Osei"]


def test_a_feed_listing_names_with_commas_keeps_them_people() -> None:
    parsed = ical.parse(_feed("Opening - Ann Lee, Bob Roe, Cy Poe", "Close - Di Dee"), "x.ics")
    assert [p.name for p in parsed.sessions[0].speakers] == ["Ann Lee", "Bob Roe", "Cy Poe"]


def test_a_title_marked_fr_or_es_gives_the_session_its_language_and_keeps_its_title() -> None:
    parsed = ical.parse(
        _feed(
            "[FR] Conférence d'ouverture : l'IA générative - Marie-Claude Lévesque\\, "
            "Université de Montréal",
            "[ES] Datos abiertos para la gestión del agua - Diego Hernández\\, UNAM",
            "Keynote: Open Data - Naomi Tremblay\\, Statistics Canada",
        ),
        "sched.ics",
    )
    opening, water, keynote = parsed.sessions
    assert (opening.language, opening.title) == (
        "fr",
        "[FR] Conférence d'ouverture : l'IA générative",
    )
    assert water.language == "es"
    assert keynote.language == ""  # unmarked: the programme does not say


WHOVA = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Google Inc//Google Calendar 70.9054//EN
BEGIN:VEVENT
UID:ev-1@whova.com
DTSTART:20260612T121500Z
DTEND:20260612T130000Z
SUMMARY:Panel: Is the framework churn over?
DESCRIPTION:Moderator: Marta Ibáñez (Runlayer)\\nPanelists: Tomás Riera (Freelance)\\, Aisha
  Bello (Vercel)\\n\\nFour maintainers on churn.
LOCATION:Terraza Atarazanas\\, Plaza Juan Antonio Benlliure 2\\, 46011 València
END:VEVENT
BEGIN:VEVENT
UID:ev-2@whova.com
DTSTART:20260612T140000Z
DTEND:20260612T143000Z
SUMMARY:Datos abiertos
DESCRIPTION:Ponente / Speaker: Lucía Ferrer (Ajuntament de València)\\n\\nOpen data.
LOCATION:Room B (2nd floor)
END:VEVENT
BEGIN:VEVENT
UID:ev-3@whova.com
DTSTART:20260613T071500Z
DTEND:20260613T080000Z
SUMMARY:Keynote: Shipping less JavaScript - a decade of bundle diets
DESCRIPTION:Speaker: Aisha Bello (Vercel)
END:VEVENT
END:VCALENDAR
"""


def test_a_title_with_a_dash_stays_whole_when_the_description_names_the_speaker() -> None:
    keynote = ical.parse(WHOVA, "whova.ics").sessions[2]
    assert keynote.title == "Keynote: Shipping less JavaScript - a decade of bundle diets"
    assert [p.name for p in keynote.speakers] == ["Aisha Bello"]
    assert keynote.format == "Keynote"  # named by the title's prefix


def test_people_lines_of_a_description_name_its_speakers_and_chairs() -> None:
    panel, talk, _ = ical.parse(WHOVA, "whova.ics").sessions
    assert panel.chairs == (Person("Marta Ibáñez", organisation="Runlayer"),)
    assert [(p.name, p.organisation) for p in panel.speakers] == [
        ("Tomás Riera", "Freelance"),
        ("Aisha Bello", "Vercel"),
    ]
    assert panel.abstract == "Four maintainers on churn."
    assert [p.name for p in talk.speakers] == ["Lucía Ferrer"]
    assert (panel.format, talk.format) == ("Panel", "")


def test_a_location_with_the_venues_address_gives_the_room() -> None:
    panel, talk, _ = ical.parse(WHOVA, "whova.ics").sessions
    assert (panel.room, talk.room) == ("Terraza Atarazanas", "Room B (2nd floor)")


def test_a_location_not_set_yet_is_no_room() -> None:
    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a1\r\nSUMMARY:Secure boot\r\n"
        "DTSTART:20250612T080000Z\r\nDTEND:20250612T084500Z\r\nLOCATION:TBA\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:a2\r\nSUMMARY:Closing\r\nDTSTART:20250612T090000Z\r\n"
        "LOCATION:To be confirmed\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    assert [s.room for s in ical.parse(text, "cal.ics").sessions] == ["", ""]


def test_a_track_line_in_the_description_is_the_stream() -> None:
    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a1\r\nSUMMARY:Secure boot\r\n"
        "DTSTART:20250612T080000Z\r\nDESCRIPTION:Speaker: Alice Smith\\nTrack: Security\\n\\n"
        "How boot chains are verified.\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    (session,) = ical.parse(text, "cal.ics").sessions
    assert (session.stream, session.abstract) == ("Security", "How boot chains are verified.")
    assert [p.name for p in session.speakers] == ["Alice Smith"]


def _calendar(*events: str, head: str = "") -> str:
    body = "".join(f"BEGIN:VEVENT\n{e.strip()}\nEND:VEVENT\n" for e in events)
    return f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\n{head}{body}END:VCALENDAR\n"


BERLIN = ZoneInfo("Europe/Berlin")


def test_a_utc_event_in_a_calendar_of_a_named_zone_is_shown_in_that_zone() -> None:
    feed = _calendar(
        "UID:a\nSUMMARY:Opening\nDTSTART;TZID=Europe/Berlin:20270924T090000\n"
        "DTEND;TZID=Europe/Berlin:20270924T093000",
        "UID:b\nSUMMARY:LoRa sensors\nDTSTART:20270924T113000Z\nDTEND:20270924T121500Z",
        "UID:c\nSUMMARY:Floating\nDTSTART:20270924T150000\nDTEND:20270924T153000",
    )
    starts = {s.id: s.start for s in parse_text(feed, "p.ics").sessions}
    assert starts["b"] == datetime(2027, 9, 24, 13, 30, tzinfo=BERLIN)
    assert starts["b"].tzinfo == BERLIN  # 13:30 on the clock, not 11:30+00:00
    assert starts["c"] == datetime(2027, 9, 24, 15, 0, tzinfo=BERLIN)  # floating: the local clock


def test_an_all_utc_calendar_with_x_wr_timezone_is_shown_in_local_time() -> None:
    feed = _calendar(
        "UID:a\nSUMMARY:Talk\nDTSTART:20270115T100000Z\nDTEND:20270115T110000Z",
        head="X-WR-TIMEZONE:Europe/Berlin\n",
    )
    (session,) = parse_text(feed, "p.ics").sessions
    assert (session.start.hour, session.start.tzinfo) == (11, BERLIN)


def test_a_repeating_event_is_a_session_on_each_day_it_repeats() -> None:
    feed = _calendar(
        "UID:reg\nSUMMARY:Registration\nDTSTART;TZID=Europe/Berlin:20270924T083000\n"
        "DTEND;TZID=Europe/Berlin:20270924T091500\nRRULE:FREQ=DAILY;COUNT=3\n"
        "EXDATE;TZID=Europe/Berlin:20270925T083000",
        "UID:w\nSUMMARY:Workshop\nDTSTART;TZID=Europe/Berlin:20270924T100000\n"
        "DTEND;TZID=Europe/Berlin:20270924T110000\nRRULE:FREQ=WEEKLY;UNTIL=20271008T080000Z",
        "UID:w\nRECURRENCE-ID;TZID=Europe/Berlin:20271001T100000\nSUMMARY:Workshop\n"
        "DTSTART;TZID=Europe/Berlin:20271001T140000\nDTEND;TZID=Europe/Berlin:20271001T150000",
    )
    sessions = parse_text(feed, "p.ics").sessions
    registration = [(s.start, s.end) for s in sessions if s.title == "Registration"]
    assert registration == [
        (datetime(2027, 9, d, 8, 30, tzinfo=BERLIN), datetime(2027, 9, d, 9, 15, tzinfo=BERLIN))
        for d in (24, 26)
    ]
    workshops = sorted(s.start for s in sessions if s.title == "Workshop")
    assert [(w.day, w.hour) for w in workshops] == [(24, 10), (1, 14), (8, 10)]
    assert len({s.id for s in sessions}) == len(sessions)


def test_with_and_workshop_with_lines_name_the_speakers_and_their_organisation() -> None:
    feed = _calendar(
        "UID:a\nSUMMARY:Soldering\nDTSTART:20270924T100000\n"
        "DESCRIPTION:With: Tom Hagedorn & Mia Schuster (Makerspace Leipzig e.V.)\\n\\nBring a laptop.",
        "UID:b\nSUMMARY:Zephyr\nDTSTART:20270924T110000\n"
        "DESCRIPTION:Workshop with Marta Ruiz García (Universitat Politècnica de Catalunya)\\n\\n"
        "From blinky to Bluetooth.",
        "UID:c\nSUMMARY:Thermostat\nDTSTART:20270924T120000\n"
        "DESCRIPTION:<p><b>Speaker:</b> Farid Haddadi (independent)</p><p>We open it up.</p>",
        "UID:d\nSUMMARY:Funding\nDTSTART:20270924T130000\n"
        "DESCRIPTION:Moderation: Katrin Vogel\\nPanel: Pablo Ortega\\, Dr. Jiří Dvořák\\n\\nGrants.",
        "UID:e\nSUMMARY:Hack\nDTSTART:20270924T140000\n"
        "DESCRIPTION:With: a soldering iron and some patience you build a badge.",
    )
    by_id = {s.id: s for s in parse_text(feed, "p.ics").sessions}
    assert [(p.name, p.organisation) for p in by_id["a"].speakers] == [
        ("Tom Hagedorn", "Makerspace Leipzig e.V."),
        ("Mia Schuster", "Makerspace Leipzig e.V."),
    ]
    assert by_id["a"].abstract == "Bring a laptop."
    assert [(p.name, p.organisation) for p in by_id["b"].speakers] == [
        ("Marta Ruiz García", "Universitat Politècnica de Catalunya")
    ]
    assert by_id["b"].abstract == "From blinky to Bluetooth."
    assert [p.name for p in by_id["c"].speakers] == ["Farid Haddadi"]
    assert by_id["c"].abstract == "We open it up."
    assert [p.name for p in by_id["d"].chairs] == ["Katrin Vogel"]
    assert [p.name for p in by_id["d"].speakers] == ["Pablo Ortega", "Jiří Dvořák"]
    assert not by_id["e"].speakers and by_id["e"].abstract.startswith("With: a soldering iron")


def test_a_format_category_is_the_format_and_the_other_the_stream() -> None:
    feed = _calendar(
        "UID:a\nSUMMARY:Firmware dumps\nDTSTART:20270924T100000\nCATEGORIES:Talk,Security",
        "UID:b\nSUMMARY:Zephyr\nDTSTART:20270924T110000\nCATEGORIES:Workshop,Firmware",
    )
    found = [(s.format, s.stream) for s in parse_text(feed, "p.ics").sessions]
    assert found == [("Talk", "Security"), ("Workshop", "Firmware")]


def test_an_en_dash_parts_the_title_from_speakers_the_signature_line_gives_organisations() -> None:
    # a Nextcloud calendar filled in by hand: 'Title – Speaker' and the abstract signed
    feed = _calendar(
        "UID:a\nSUMMARY:Mechanical keyboards from scratch – Ayşe Öztürk\n"
        "DTSTART:20270612T110000\nDESCRIPTION:Switches\\, keycaps and QMK.\\nAyşe Öztürk (Labor 33\\, Wien)",
        "UID:b\nSUMMARY:Open-source prosthetics – Dr. Martin Eder\\, Lukas Pröll\n"
        "DTSTART:20270613T150000\nDESCRIPTION:Hands for children.\\n"
        "Dr. Martin Eder (Open Med Lab Linz)\\, Lukas Pröll (e-NABLE Austria)",
        "UID:c\nSUMMARY:Podium: Makerspaces und Schulen – wie geht das zusammen?\n"
        "DTSTART:20270612T130000\nDESCRIPTION:Diskussion.",
        "UID:d\nSUMMARY:Repair Café\nDTSTART:20270612T100000\n"
        "DESCRIPTION:Bring broken things.\\nOrganisiert vom Repair Café Urfahr (Ferdinand Lindner)",
    )
    by_id = {s.id: s for s in parse_text(feed, "p.ics").sessions}
    assert by_id["a"].title == "Mechanical keyboards from scratch"
    assert [(p.name, p.organisation) for p in by_id["a"].speakers] == [
        ("Ayşe Öztürk", "Labor 33, Wien")
    ]
    assert by_id["a"].abstract == "Switches, keycaps and QMK."
    assert by_id["b"].title == "Open-source prosthetics"
    assert [(p.honorific, p.name, p.organisation) for p in by_id["b"].speakers] == [
        ("Dr.", "Martin Eder", "Open Med Lab Linz"),
        ("", "Lukas Pröll", "e-NABLE Austria"),
    ]
    # a dash before words that are no names is the title's own; a panel by its German name
    assert by_id["c"].title == "Podium: Makerspaces und Schulen – wie geht das zusammen?"
    assert not by_id["c"].speakers and by_id["c"].format == "Panel"
    # a sentence that ends in a bracketed name signs nothing
    assert not by_id["d"].speakers and "Organisiert vom" in by_id["d"].abstract


def test_german_role_lines_and_a_list_under_a_heading_name_speakers_and_chairs() -> None:
    feed = _calendar(
        "UID:a\nSUMMARY:Podium: Makerspaces und Schulen\nDTSTART:20270612T130000\n"
        "DESCRIPTION:Auf dem Podium:\\n- Mag. Petra Leitner (BRG Linz\\; Informatik & Werken)\\n"
        "- Florian Mayrhofer (Bildungsdirektion)\\nModeration: Veronika Haslinger\\n\\nAuf Deutsch.",
        "UID:b\nSUMMARY:Kinderwerkstatt: Bürstenroboter\nDTSTART:20270612T103000\n"
        "DESCRIPTION:Ein kleiner Roboter.\\nBetreuung: Julia Pammer (Spielraum Urfahr)",
        "UID:c\nSUMMARY:Löten für Anfänger*innen\nDTSTART:20270611T153000\n"
        "DESCRIPTION:Wir löten.\\nMit: Tomasz Kowal (Hacklabor Linz)",
    )
    by_id = {s.id: s for s in parse_text(feed, "p.ics").sessions}
    assert [(p.name, p.organisation) for p in by_id["a"].speakers] == [
        ("Petra Leitner", "BRG Linz; Informatik & Werken"),
        ("Florian Mayrhofer", "Bildungsdirektion"),
    ]
    assert [p.name for p in by_id["a"].chairs] == ["Veronika Haslinger"]
    assert by_id["a"].abstract == "Auf Deutsch."
    assert [(p.name, p.organisation) for p in by_id["b"].speakers] == [
        ("Julia Pammer", "Spielraum Urfahr")
    ]
    assert by_id["b"].format == "Workshop"  # 'Kinderwerkstatt': a children's workshop
    assert [p.name for p in by_id["c"].speakers] == ["Tomasz Kowal"]
