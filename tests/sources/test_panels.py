"""Spreadsheets with one row per paper or presenter, grouped into sessions with parts: the real
DVPW 2024 programme (1,247 rows, 202 panels) and tiny tables of each quirk."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from real_data import read_real

from assistant.programme import Part, Person
from assistant.sources import csv_export
from assistant.sources.problems import ParsedSource, Problem

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(scope="module")
def dvpw() -> ParsedSource:
    return csv_export.parse(
        read_real("dvpw2024/program.csv"), "program.csv", timezone="Europe/Berlin"
    )


def test_every_row_is_read_into_the_202_panels(dvpw: ParsedSource) -> None:
    assert dvpw.problems == ()
    assert (len(dvpw.sessions), dvpw.records, dvpw.unit, dvpw.left_out) == (202, 1247, "rows", 0)
    assert {s.format for s in dvpw.sessions} == {"Panel"}
    assert sorted({s.day for s in dvpw.sessions if s.day}) == [
        date(2024, 9, 24),
        date(2024, 9, 25),
        date(2024, 9, 26),
        date(2024, 9, 27),
    ]
    titled = {" ".join(p.title.lower().split()) for s in dvpw.sessions for p in s.parts}
    assert len(titled) >= 863  # 863 distinct paper titles, and roundtables without papers


def test_a_panel_reads_its_time_chair_discussants_and_papers(dvpw: ParsedSource) -> None:
    panel = next(s for s in dvpw.sessions if s.id == "Di-D-01")
    assert panel.title == "Authoritarian state control and the formation of mass mobilization"
    assert panel.start is not None and panel.start.isoformat() == "2024-09-24T14:00:00+02:00"
    assert panel.end == datetime(2024, 9, 24, 15, 30, tzinfo=BERLIN)  # '14:00-15:30 Uhr'
    assert (panel.room, panel.code) == ("", "Di-D-01")
    assert panel.stream == "Vergleichende Politikwissenschaft; Methoden der Politikwissenschaft"
    assert panel.chairs == (Person("Rebecca Strauch", organisation="Universität Konstanz"),)
    assert panel.discussants == (
        Person("Eda Keremoglu-Waibler", role="Discussant", organisation="Universität Konstanz"),
        Person("Anna-Lena Hönig", role="Discussant", organisation="Universität Konstanz"),
    )
    assert [p.title for p in panel.parts] == [
        "Between Net Neutrality and Networked Control – How US and Chinese Investments Shape "
        "Digital Author",
        "Perception of Climate C",  # cut short by the scraper, as the file has it
        "Political parties in res",
        "Unveiling the faces of dissent: Disaggregating protest participati",
    ]
    assert panel.parts[0].speakers == (  # two rows, one per presenter, make one paper
        Person("Maurice Schumann", organisation="Hertie School"),
        Person("Fabiola Schwarz", organisation="Technische Universität München"),
    )
    assert panel.source is not None and panel.source.line == 2


def test_a_paper_keeps_its_co_author(dvpw: ParsedSource) -> None:
    panel = next(s for s in dvpw.sessions if s.id == "Di-D-02")
    paper = panel.parts[1]
    assert paper.speakers == (
        Person("Bretton J. McEvoy", organisation="Universität Bayreuth"),
        Person("Jana Hönke", role="Co-author"),
    )


def test_a_roundtable_split_by_the_scraper_is_mended(dvpw: ParsedSource) -> None:
    roundtable = next(s for s in dvpw.sessions if s.id == "Di-D-28")
    assert roundtable.parts == (
        Part(
            1,
            "Wie imperial ist die internationale Politik?",
            speakers=(
                Person("Elisaveta Gaufman"),
                Person("Maria Ketzmerick"),
                Person("Kai Koddenbrock"),
            ),
        ),
    )


PER_PAPER = """\
slot,panel,date,time,panel_title,chairs,discussants,title,presenter,coauthor,presenter_affiliation
A,1,24.09.2024,14h30-16h,Cities &amp; climate,"Ann Lee, Uni Wien; Bo Chan, Hertie School",NA,Heat &amp; health,Cy Dee,n/a,ETH Zürich
A,1,24.09.2024,14h30-16h,Cities &amp; climate,"Ann Lee, Uni Wien; Bo Chan, Hertie School",NA,Heat &amp; health,Di Eng,-,ETH Zürich
A,1,24.09.2024,14h30-16h,Cities &amp; climate,"Ann Lee, Uni Wien; Bo Chan, Hertie School",NA,Floods,Ed Fox,Fay Gil,NA
A,1,24.09.2024,half past,Cities &amp; climate,NA,NA,Droughts,Gus Ho,NA,NA
B,1,25.09.2024,9:00-10:30 Uhr,Trade,NA,"Hal Ives, University of Bonn",Tariffs,Ida Jo,NA,Universität Bonn
"""


def test_rows_of_a_panel_become_its_parts_with_blanks_entities_and_times_read() -> None:
    parsed = csv_export.parse(PER_PAPER, "papers.csv")
    cities, trade = parsed.sessions
    assert (cities.id, cities.title, cities.start, cities.end) == (
        "A-1",
        "Cities & climate",
        datetime(2024, 9, 24, 14, 30),
        datetime(2024, 9, 24, 16, 0),
    )
    assert cities.chairs == (
        Person("Ann Lee", organisation="Uni Wien"),
        Person("Bo Chan", organisation="Hertie School"),
    )
    assert cities.discussants == ()
    assert cities.parts == (
        Part(
            1,
            "Heat & health",
            speakers=(
                Person("Cy Dee", organisation="ETH Zürich"),
                Person("Di Eng", organisation="ETH Zürich"),
            ),
        ),
        Part(2, "Floods", speakers=(Person("Ed Fox"), Person("Fay Gil", role="Co-author"))),
    )
    assert (trade.id, trade.start, trade.discussants) == (
        "B-1",
        datetime(2024, 9, 25, 9, 0),
        (Person("Hal Ives", role="Discussant", organisation="University of Bonn"),),
    )
    assert parsed.problems == (
        Problem(
            "papers.csv",
            5,
            "expected a time like 10:30 or 10:30–12:00, got 'half past'",
            left_out=True,
        ),
    )
    assert (parsed.records, parsed.left_out) == (5, 1)


def test_rows_sharing_an_id_are_one_session() -> None:
    text = (
        "Session ID,Session title,Date,Start,End,Paper title,Speakers\n"
        "S1,Soils,2025-05-21,09:00,10:30,Carbon,Ana Silva (Lisboa)\n"
        "S1,Soils,2025-05-21,09:00,10:30,Worms,Ben Ode\n"
        "S2,Water,2025-05-21,11:00,12:30,Rain,Chloé Martin\n"
    )
    parsed = csv_export.parse(text, "grouped.csv")
    assert [(s.id, s.title, [p.title for p in s.parts]) for s in parsed.sessions] == [
        ("S1", "Soils", ["Carbon", "Worms"]),
        ("S2", "Water", ["Rain"]),
    ]
    assert parsed.sessions[0].parts[0].speakers == (Person("Ana Silva", organisation="Lisboa"),)


def test_a_name_list_with_commas_is_still_names_when_no_affiliation_follows() -> None:
    text = 'title,chairs\nA talk,"Ann Lee, Bob Roe"\nB talk,"Cy Dee, Di Eng"\n'
    parsed = csv_export.parse(text, "t.csv")
    assert parsed.sessions[0].chairs == (Person("Ann Lee"), Person("Bob Roe"))
