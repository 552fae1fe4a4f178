"""The abstract-book parser: sessions, parts and people read from hand-written programmes."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.programme import Part, Person, Session, SourceLocation
from assistant.sources import abstract_book
from assistant.sources.problems import ParsedSource, Severity

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "forum.txt"
DATA = ROOT / "tests" / "data" / "abstract_book"
GOOD_DATE = "Thursday 22 May 2025 | 13:15-14:30"


def read(path: Path) -> str:
    # Decoded as plain UTF-8 so that a byte-order mark reaches the parser as it would a user's.
    return path.read_bytes().decode("utf-8")


def parse_file(name: str, **options: str) -> ParsedSource:
    return abstract_book.parse(read(DATA / name), name, **options)


def messages(parsed: ParsedSource, severity: Severity) -> list[str]:
    return [str(p) for p in parsed.problems if p.severity is severity]


@pytest.fixture(scope="module")
def seed() -> ParsedSource:
    return abstract_book.parse(read(SEED), "forum.txt")


@pytest.fixture(scope="module")
def many() -> ParsedSource:
    return parse_file("many_sessions.txt")


# --- the seed programme ------------------------------------------------------------------------


def test_seed_parses_into_one_session_without_problems(seed: ParsedSource) -> None:
    assert [s.id for s in seed.sessions] == ["B6"]
    assert seed.problems == ()


def test_seed_session_has_code_title_day_times_format_and_stream(seed: ParsedSource) -> None:
    session = seed.sessions[0]
    assert session.id == "B6"
    assert session.code == "B6"
    assert session.title == "Co-production to build resilient communities"
    assert session.day == date(2025, 5, 22)
    assert session.start == datetime(2025, 5, 22, 13, 15)
    assert session.end == datetime(2025, 5, 22, 14, 30)
    assert session.format == "Workshop"
    assert session.stream == "People"
    assert session.content_filters == ()
    assert session.abstract == ""
    assert session.objectives == ()
    assert session.source == SourceLocation("forum.txt", 1)


def test_seed_chair_is_split_into_name_organisation_and_country(seed: ParsedSource) -> None:
    assert seed.sessions[0].chairs == (
        Person(
            name="Bob Klaber",
            organisation="Imperial College Healthcare NHS Trust",
            country="England",
        ),
    )


def test_seed_parts_keep_titles_abstracts_objectives_and_speakers(seed: ParsedSource) -> None:
    lines = read(SEED).split("\n")
    assert seed.sessions[0].parts == (
        Part(
            index=1,
            title=(
                "Co-production is key to achieving a better community. Can reaching, teaching "
                "and engaging families really be as easy as ABC?"
            ),
            abstract=lines[7],
            objectives=(
                "Appreciate the simplicity of engaging local parents and working together to "
                "improve parent education, peer support and access to resources.",
                "Explore meaningful practical partnerships they can develop to better address "
                "the challenges their families encounter.",
                "Commit to at least one improvement to their coproduction and partnership working.",
            ),
            speakers=(
                Person(
                    name="Akudo Okereafor",
                    organisation="ABC Parents, North Middlesex University",
                    country="England",
                ),
                Person(
                    name="Lucy Robin",
                    role="Child Health Community Champions Lead",
                    organisation="ABC Parents",
                    country="England",
                ),
            ),
        ),
        Part(
            index=2,
            title=(
                "Engage to elevate: designing research with patients and care partners to "
                "improve our understanding of safety"
            ),
            abstract=lines[15],
            objectives=(
                "Explain current literature about patient and care partner engagement in "
                "patient safety.",
                "Describe strategies to engage patients and care partners when designing "
                "improvements and/or research.",
                "Apply the lessons from the methods of the two presented studies to one’s own "
                "context",
            ),
            speakers=(
                Person(
                    name="Laura Pozzobon",
                    organisation="University Health Network",
                    country="Canada",
                ),
                Person(
                    name="Melissa Sheldrick",
                    organisation="Institute for Safe Medication Practices (ISMP)",
                    country="Canada",
                ),
            ),
        ),
    )


def test_seed_abstract_keeps_curly_apostrophes(seed: ParsedSource) -> None:
    assert (
        seed.sessions[0]
        .parts[0]
        .abstract.startswith("A child’s health is dependent on their parents’ ability")
    )


def test_times_are_aware_in_the_given_time_zone() -> None:
    parsed = abstract_book.parse(read(SEED), "forum.txt", timezone="Europe/London")
    session = parsed.sessions[0]
    assert session.start == datetime(2025, 5, 22, 13, 15, tzinfo=ZoneInfo("Europe/London"))
    assert session.start is not None and session.start.utcoffset() == timedelta(hours=1)
    assert session.end == datetime(2025, 5, 22, 14, 30, tzinfo=ZoneInfo("Europe/London"))
    assert parsed.timezone == "Europe/London"


def test_unknown_time_zone_is_reported_not_raised() -> None:
    parsed = abstract_book.parse(read(SEED), "forum.txt", timezone="Mars/Olympus")
    assert messages(parsed, Severity.ERROR) == [
        "forum.txt:1: expected a time zone like Europe/London, got 'Mars/Olympus'"
    ]
    assert parsed.sessions[0].start == datetime(2025, 5, 22, 13, 15)


# --- sessions and their lines ------------------------------------------------------------------


def test_many_sessions_in_one_file_are_read_in_order(many: ParsedSource) -> None:
    assert [(s.id, s.title, s.source) for s in many.sessions] == [
        ("A1", "Safer care across three settings", SourceLocation("many_sessions.txt", 1)),
        ("A2", "Listening to patients", SourceLocation("many_sessions.txt", 27)),
        ("W3a", "Improvement coaching", SourceLocation("many_sessions.txt", 37)),
    ]
    assert many.problems == ()


def test_three_parts_are_numbered_in_order_with_their_objectives(many: ParsedSource) -> None:
    parts = many.sessions[0].parts
    assert [(p.index, p.title) for p in parts] == [
        (1, "Falls prevention on acute wards"),
        (2, "Medicines at home"),
        (3, "Safety in primary care"),
    ]
    assert [p.objectives for p in parts] == [
        ("Describe the three elements of the falls bundle.", "Plan its first week on a ward."),
        ("Explain why the first week matters.", "List four checks for a discharge letter."),
        (
            "Compare incident reporting in primary and secondary care.",
            "Choose one measure to start with.",
        ),
    ]


def test_abstract_lines_before_the_objectives_form_the_abstract(many: ParsedSource) -> None:
    assert many.sessions[0].parts[0].abstract == (
        "Falls are the most common safety incident reported on acute wards.\n"
        "We describe a bundle that halved them in a year."
    )


def test_a_session_without_parts_becomes_one_part_named_after_it(many: ParsedSource) -> None:
    session = many.sessions[1]
    assert session.parts == (
        Part(
            index=1,
            title="Listening to patients",
            abstract=(
                "Complaints tell us where care went wrong.\n\n"
                "Compliments tell us where it went right, and we rarely read them."
            ),
            objectives=("Read a complaint as improvement data.",),
            speakers=(Person(name="Jane Doe", role="Patient Advocate", country="England"),),
        ),
    )
    assert session.abstract == ""
    assert session.objectives == ()


def test_missing_stream_chair_and_filter_lines_leave_them_empty(many: ParsedSource) -> None:
    session = many.sessions[1]
    assert (session.format, session.stream, session.chairs, session.content_filters) == (
        "Talk",
        "",
        (),
        (),
    )


def test_several_content_filters_are_split_on_commas(many: ParsedSource) -> None:
    assert many.sessions[0].content_filters == ("Patient safety", "Leadership", "Digital")


def test_content_filter_na_means_none(many: ParsedSource) -> None:
    assert many.sessions[2].content_filters == ()


def test_several_chairs_on_one_line_are_split_after_each_country(many: ParsedSource) -> None:
    assert many.sessions[0].chairs == (
        Person(
            name="Bob Klaber",
            organisation="Imperial College Healthcare NHS Trust",
            country="England",
        ),
        Person(
            name="Siobhan O'Neill", organisation="Ulster University", country="Northern Ireland"
        ),
    )


def test_several_chair_lines_give_several_chairs(many: ParsedSource) -> None:
    assert many.sessions[2].chairs == (
        Person(
            name="Tom Hughes",
            organisation="Greater Manchester Health and Social Care Partnership",
            country="England",
        ),
        Person(
            name="Anna Maria Schmidt",
            honorific="Prof. Dr.",
            organisation="Charité – Universitätsmedizin Berlin",
            country="Germany",
        ),
    )


@pytest.mark.parametrize(
    ("chairs", "names"),
    [
        ("Chairs: A Khan X Trust; Wales | B Lee Y University; Scotland", ["A Khan", "B Lee"]),
        ("Chairs: Ann Khan X Trust; Wales, Bo Lee Y University; Scotland", ["Ann Khan", "Bo Lee"]),
        ("Chairs: Ann Khan X Trust; England; Bo Lee Y Trust; Wales", ["Ann Khan", "Bo Lee"]),
        ("Chairs: Ann Khan X Trust; Wales & Bo Lee Y Trust; Wales", ["Ann Khan", "Bo Lee"]),
        (
            "Chairs: Ann Khan X Trust; Trinidad and Tobago and Bo Lee Y Trust; Wales",
            ["Ann Khan", "Bo Lee"],
        ),
        ("Chair: Ann Khan X Trust; Trinidad and Tobago", ["Ann Khan"]),
        ("Chair: n/a", []),
        ("Chair: TBC", []),
    ],
)
def test_chair_lists_are_split_between_complete_entries(chairs: str, names: list[str]) -> None:
    text = f"D1: Chairs\nThursday 22 May 2025 | 09:00-10:00\n{chairs}\n"
    session = abstract_book.parse(text, "chairs.txt").sessions[0]
    assert [c.name for c in session.chairs] == names


def test_the_country_after_the_and_of_a_country_name_stays_whole() -> None:
    text = f"D1: Chairs\n{GOOD_DATE}\nChair: Ann Khan X Trust; Trinidad and Tobago\n"
    (chair,) = abstract_book.parse(text, "chairs.txt").sessions[0].chairs
    assert chair.country == "Trinidad and Tobago"


@pytest.mark.parametrize(
    ("line", "day", "start", "end"),
    [
        ("Thursday 22 May 2025 | 13:15-14:30", date(2025, 5, 22), (13, 15), (14, 30)),
        ("Thursday 22 May 2025 | 13:15–14:30", date(2025, 5, 22), (13, 15), (14, 30)),
        ("Thursday 22 May 2025 | 13:15 – 14:30", date(2025, 5, 22), (13, 15), (14, 30)),
        ("22 May 2025 | 13:15-14:30", date(2025, 5, 22), (13, 15), (14, 30)),
        ("Wednesday 10 Apr 2024 | 09:00-10:00", date(2024, 4, 10), (9, 0), (10, 0)),
        ("10 Apr 2024 | 9:00 - 10:00", date(2024, 4, 10), (9, 0), (10, 0)),
        ("Tue 3 Sept 2024 | 16:30-17:45", date(2024, 9, 3), (16, 30), (17, 45)),
        ("Thursday, 22 May 2025, 13:15 to 14:30", date(2025, 5, 22), (13, 15), (14, 30)),
    ],
)
def test_dates_with_dashes_en_dashes_and_month_abbreviations_are_read(
    line: str, day: date, start: tuple[int, int], end: tuple[int, int]
) -> None:
    parsed = abstract_book.parse(f"D1: Dates\n{line}\nFormat: Talk\n", "dates.txt")
    session = parsed.sessions[0]
    assert (session.day, session.start, session.end) == (
        day,
        datetime(day.year, day.month, day.day, *start),
        datetime(day.year, day.month, day.day, *end),
    )
    assert parsed.problems == ()


def test_missing_date_line_makes_the_session_unscheduled_with_a_warning() -> None:
    parsed = parse_file("unscheduled.txt")
    session = parsed.sessions[0]
    assert (session.id, session.day, session.start, session.end) == ("K1", None, None, None)
    assert not session.scheduled
    assert messages(parsed, Severity.WARNING) == [
        "unscheduled.txt:1: session K1 has no date and time line, so it is unscheduled; "
        "expected a line like 'Thursday 22 May 2025 | 13:15-14:30' after the title"
    ]
    assert messages(parsed, Severity.ERROR) == []


@pytest.mark.parametrize(
    ("line", "warning"),
    [
        (
            "Friday 22 May 2025 | 13:15-14:30",
            "dates.txt:2: 22 May 2025 is a Thursday, not a Friday",
        ),
        (
            "Thursday 22 May 2025",
            "dates.txt:2: no start and end time in 'Thursday 22 May 2025', so the session is "
            "unscheduled; expected a line like 'Thursday 22 May 2025 | 13:15-14:30'",
        ),
    ],
)
def test_doubtful_date_lines_are_warnings(line: str, warning: str) -> None:
    parsed = abstract_book.parse(f"D1: Dates\n{line}\nFormat: Talk\n", "dates.txt")
    assert messages(parsed, Severity.WARNING) == [warning]
    assert messages(parsed, Severity.ERROR) == []


def test_bom_and_crlf_do_not_reach_the_records() -> None:
    raw = (DATA / "bom_crlf.txt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    parsed = parse_file("bom_crlf.txt")
    assert parsed.sessions == (
        Session(
            id="C1",
            title="Children’s safety",
            code="C1",
            day=date(2025, 5, 21),
            start=datetime(2025, 5, 21, 16, 0),
            end=datetime(2025, 5, 21, 17, 0),
            stream="Children",
            format="Talk",
            content_filters=("Paediatrics",),
            chairs=(
                Person(
                    name="Bob Klaber",
                    organisation="Imperial College Healthcare NHS Trust",
                    country="England",
                ),
            ),
            parts=(
                Part(
                    index=1,
                    title="Children’s safety",
                    abstract="A child’s safety starts at home.",
                    objectives=("Name two risks at home.",),
                    speakers=(
                        Person(
                            name="Lucy Robin",
                            role="Child Health Community Champions Lead",
                            organisation="ABC Parents",
                            country="England",
                        ),
                    ),
                ),
            ),
            source=SourceLocation("bom_crlf.txt", 1),
        ),
    )
    assert parsed.problems == ()


@pytest.mark.parametrize(
    "intro",
    [
        "In this session, participants will:",
        "Learning objectives:",
        "By the end of this session participants will be able to:",
        "Objectives:",
    ],
)
@pytest.mark.parametrize("bullet", ["- ", "• ", "* ", "1. ", "1) "])
def test_objective_intros_and_bullets_are_recognised(intro: str, bullet: str) -> None:
    text = (
        "D1: Objectives\nThursday 22 May 2025 | 09:00-10:00\nWhy it matters.\n"
        f"{intro}\n{bullet}Spot a risk.\n{bullet}Act on it.\nJane Doe Patient Advocate; England\n"
    )
    parsed = abstract_book.parse(text, "objectives.txt")
    (part,) = parsed.sessions[0].parts
    assert (part.abstract, part.objectives, [s.name for s in part.speakers]) == (
        "Why it matters.",
        ("Spot a risk.", "Act on it."),
        ["Jane Doe"],
    )
    assert parsed.problems == ()


# --- people ------------------------------------------------------------------------------------

PEOPLE = [
    Person(
        name="Anna Maria Schmidt",
        honorific="Prof. Dr.",
        organisation="Charité – Universitätsmedizin Berlin",
        country="Germany",
    ),
    Person(name="Jane Doe", role="Patient Advocate", country="England"),
    Person(
        name="Tom Hughes",
        organisation="Greater Manchester Health and Social Care Partnership",
        country="England",
    ),
    Person(
        name="Marieke van Oostveen",
        organisation="Radboud University Medical Center",
        country="Netherlands",
    ),
    Person(name="Maria de la Cruz", organisation="Hospital Universitario La Paz", country="Spain"),
    Person(
        name="Sarah Smith-Jones",
        role="Patient Safety Lead",
        organisation="Greater Manchester Health and Social Care Partnership",
        country="England",
    ),
    Person(name="Siobhan O'Neill", organisation="Ulster University", country="Northern Ireland"),
    Person(name="Jane Cummings", honorific="Dame", role="Chief Nursing Officer", country="England"),
    Person(
        name="Kevin Brown",
        honorific="Mr",
        role="Director of Nursing",
        organisation="Royal Free London NHS Foundation Trust",
        country="England",
    ),
    Person(
        name="Margaret Thornton",
        honorific="Mrs",
        role="Carer and Volunteer",
        organisation="North Bristol NHS Trust",
        country="England",
    ),
]


@pytest.fixture(scope="module")
def people() -> ParsedSource:
    return parse_file("people.txt")


def test_people_programme_splits_every_line_without_warnings(people: ParsedSource) -> None:
    assert people.problems == ()
    assert people.sessions[0].chairs == (
        Person(name="Helen Bevan", honorific="Ms", organisation="NHS Horizons", country="England"),
    )


@pytest.mark.parametrize(
    ("position", "expected"), list(enumerate(PEOPLE)), ids=[p.name for p in PEOPLE]
)
def test_speaker_lines_split_into_honorific_name_role_organisation_country(
    people: ParsedSource, position: int, expected: Person
) -> None:
    assert people.sessions[0].parts[0].speakers[position] == expected


def test_honorifics_are_kept_apart_from_a_three_word_name(people: ParsedSource) -> None:
    speaker = people.sessions[0].parts[0].speakers[0]
    assert (speaker.honorific, speaker.name) == ("Prof. Dr.", "Anna Maria Schmidt")


def test_a_role_without_organisation_has_no_organisation(people: ParsedSource) -> None:
    speaker = people.sessions[0].parts[0].speakers[1]
    assert (speaker.name, speaker.role, speaker.organisation) == (
        "Jane Doe",
        "Patient Advocate",
        "",
    )


def test_an_organisation_beginning_with_a_place_name_stays_whole(people: ParsedSource) -> None:
    speaker = people.sessions[0].parts[0].speakers[2]
    assert (speaker.name, speaker.organisation) == (
        "Tom Hughes",
        "Greater Manchester Health and Social Care Partnership",
    )


def test_particles_stay_in_the_name(people: ParsedSource) -> None:
    names = [s.name for s in people.sessions[0].parts[0].speakers[3:5]]
    assert names == ["Marieke van Oostveen", "Maria de la Cruz"]


def test_hyphenated_and_apostrophe_names_stay_whole(people: ParsedSource) -> None:
    speakers = people.sessions[0].parts[0].speakers
    assert [speakers[5].name, speakers[6].name] == ["Sarah Smith-Jones", "Siobhan O'Neill"]


def test_honorifics_before_names_in_sessions(many: ParsedSource) -> None:
    speakers = [s for part in many.sessions[2].parts for s in part.speakers]
    assert speakers == [
        Person(
            name="Priya Patel",
            honorific="Dr",
            role="Consultant Physician",
            organisation="Leeds Teaching Hospitals NHS Trust",
            country="England",
        ),
        Person(
            name="Liam Donaldson",
            honorific="Professor Sir",
            organisation="World Health Organization",
            country="Switzerland",
        ),
    ]


ORGANISATION_AFTER_NAME = [
    # (speaker line, name, organisation, country, read without doubt)
    ("Jane Doe Harvard Business School; USA", "Jane Doe", "Harvard Business School", "USA", True),
    ("John Brown Mayo Clinic; USA", "John Brown", "Mayo Clinic", "USA", True),
    ("Eva Berg Karolinska Institutet; Sweden", "Eva Berg", "Karolinska Institutet", "Sweden", True),
    (
        "Mark Smith Johns Hopkins University; USA",
        "Mark Smith",
        "Johns Hopkins University",
        "USA",
        True,
    ),
    ("Jane Doe Yale School of Medicine; USA", "Jane Doe", "Yale School of Medicine", "USA", True),
    (
        "Bob Klaber Imperial College Healthcare NHS Trust; England",
        "Bob Klaber",
        "Imperial College Healthcare NHS Trust",
        "England",
        True,
    ),
    (
        "Sarah Jane Smith Oxford University Hospitals; England",
        "Sarah Jane Smith",
        "Oxford University Hospitals",
        "England",
        True,
    ),
    (
        "Marieke van Oostveen Radboud University Medical Center; Netherlands",
        "Marieke van Oostveen",
        "Radboud University Medical Center",
        "Netherlands",
        True,
    ),
    # A given name ending the name may be a middle name ('Mary Ellen | Smith University'
    # looks the same): the organisation is preferred, and the split is flagged for review.
    (
        "Jodi Sherman Yale School of Medicine; USA",
        "Jodi Sherman",
        "Yale School of Medicine",
        "USA",
        False,
    ),
    ("Anna Lee Stanford University; USA", "Anna Lee", "Stanford University", "USA", False),
]


@pytest.mark.parametrize(
    ("line", "name", "organisation", "country", "confident"),
    ORGANISATION_AFTER_NAME,
    ids=[case[0].split(";")[0] for case in ORGANISATION_AFTER_NAME],
)
def test_a_word_before_an_organisation_head_word_opens_the_organisation(
    line: str, name: str, organisation: str, country: str, confident: bool
) -> None:
    text = f"X1: Speakers\n{GOOD_DATE}\nFormat: Talk\n{line}\n"
    parsed = abstract_book.parse(text, "heads.txt")
    assert parsed.sessions[0].parts[0].speakers == (
        Person(name=name, organisation=organisation, country=country),
    )
    expected = (
        []
        if confident
        else [
            f"heads.txt:4: low-confidence name split: {line.split(';')[0]!r} -> name {name!r}; "
            "add the line to people.csv to fix it"
        ]
    )
    assert messages(parsed, Severity.WARNING) == expected


def test_a_name_seen_elsewhere_settles_a_doubtful_organisation_split() -> None:
    text = (
        f"X1: Speakers\n{GOOD_DATE}\nFormat: Talk\n"
        "Jodi Sherman Lead Anaesthetist; USA\n"
        "Jodi Sherman Yale School of Medicine; USA\n"
    )
    parsed = abstract_book.parse(text, "heads.txt")
    assert [p.organisation for p in parsed.sessions[0].parts[0].speakers] == [
        "",
        "Yale School of Medicine",
    ]
    assert parsed.problems == ()


def test_a_three_word_name_before_a_role_keeps_its_third_word() -> None:
    text = f"X1: Speakers\n{GOOD_DATE}\nFormat: Talk\nMary Ellen Jones Patient Partner; Wales\n"
    speaker = abstract_book.parse(text, "heads.txt").sessions[0].parts[0].speakers[0]
    assert (speaker.name, speaker.role) == ("Mary Ellen Jones", "Patient Partner")


def test_low_confidence_split_is_reported_for_people_csv() -> None:
    parsed = parse_file("low_confidence.txt")
    assert messages(parsed, Severity.WARNING) == [
        "low_confidence.txt:4: low-confidence name split: 'Akin Balogun Zenith Ventures Ltd' "
        "-> name 'Akin Balogun'; add the line to people.csv to fix it"
    ]
    assert messages(parsed, Severity.ERROR) == []


def test_a_name_seen_elsewhere_in_the_file_wins_the_split() -> None:
    parsed = parse_file("seen_elsewhere.txt")
    assert [s.parts[0].speakers for s in parsed.sessions] == [
        (
            Person(
                name="Akin Balogun",
                role="Chief Executive",
                organisation="Zenith Ventures Ltd",
                country="Nigeria",
            ),
        ),
        (Person(name="Akin Balogun", organisation="Zenith Ventures Ltd", country="Nigeria"),),
    ]
    assert parsed.problems == ()


def test_people_csv_corrections_override_the_automatic_split() -> None:
    text = read(DATA / "corrections" / "programme.txt")
    uncorrected = abstract_book.parse(text, "programme.txt").sessions[0]
    assert uncorrected.parts[0].speakers[0].name == "Kwame Mensah"
    corrected = abstract_book.parse(
        text, "programme.txt", corrections=read(DATA / "corrections" / "people.csv")
    )
    session = corrected.sessions[0]
    assert session.parts[0].speakers == (
        Person(name="Kwame Mensah Bonsu", organisation="Accra Health Ventures", country="Ghana"),
    )
    assert session.chairs == (
        Person(
            name="Akin Balogun",
            honorific="Dr",
            role="Founder",
            organisation="Zenith Ventures Ltd",
            country="Nigeria",
        ),
    )


def test_a_corrected_line_raises_no_warning() -> None:
    text = read(DATA / "corrections" / "programme.txt")
    uncorrected = abstract_book.parse(text, "programme.txt")
    assert [p.line for p in uncorrected.problems] == [4, 5]
    corrected = abstract_book.parse(
        text, "programme.txt", corrections=read(DATA / "corrections" / "people.csv")
    )
    assert corrected.problems == ()


def test_a_people_csv_without_its_columns_is_an_error() -> None:
    parsed = abstract_book.parse(read(SEED), "seeds/forum.txt", corrections="who,what\na,b\n")
    assert messages(parsed, Severity.ERROR) == [
        "seeds/people.csv:1: expected the columns line,name,honorific,role,organisation,country, "
        "got 'who,what'"
    ]


def test_several_people_csv_rows_for_one_line_list_several_people() -> None:
    text = "D1: Pair\nThursday 22 May 2025 | 09:00-10:00\nChair: Ann and Bo Khan; Wales\n"
    corrections = (
        "line,name,honorific,role,organisation,country\n"
        "Ann and Bo Khan; Wales,Ann Khan,,,,Wales\n"
        "Ann and Bo Khan; Wales,Bo Khan,,,,Wales\n"
    )
    parsed = abstract_book.parse(text, "pair.txt", corrections=corrections)
    assert parsed.sessions[0].chairs == (
        Person(name="Ann Khan", country="Wales"),
        Person(name="Bo Khan", country="Wales"),
    )


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "errors"),
    [
        (
            "B6: Title\n22/05/2025 1pm\nFormat: Workshop\n",
            [
                "forum.txt:2: expected a date and time like 'Thursday 22 May 2025 | 13:15-14:30', "
                "got '22/05/2025 1pm'"
            ],
        ),
        (
            "B6: Title\nThursday 22 May 2025 | 14:30-13:15\n",
            [
                "forum.txt:2: the session ends at 13:15, not after it starts at 14:30, "
                "in 'Thursday 22 May 2025 | 14:30-13:15'"
            ],
        ),
        (
            "B6: Title\nThursday 22 Mai 2025 | 13:15-14:30\n",
            [
                "forum.txt:2: unknown month 'Mai' in 'Thursday 22 Mai 2025 | 13:15-14:30'; "
                "expected a month like 'May' or 'Sep'"
            ],
        ),
        (
            "B6: Title\nSaturday 31 Feb 2025 | 13:15-14:30\n",
            ["forum.txt:2: no such date: 31 Feb 2025 in 'Saturday 31 Feb 2025 | 13:15-14:30'"],
        ),
        (
            "B6: Title\nThursday 22 May 2025 | 13:15-25:00\n",
            ["forum.txt:2: expected a time like 13:15, got '25:00'"],
        ),
        (f"B6:\n{GOOD_DATE}\n", ["forum.txt:1: expected a title after 'B6:', got nothing"]),
        (
            f"PART ONE: Opening\nB6: Title\n{GOOD_DATE}\n",
            [
                "forum.txt:1: PART line outside a session; expected a 'CODE: Title' line "
                "before it, got 'PART ONE: Opening'"
            ],
        ),
        (
            f"B6: Title\n{GOOD_DATE}\nPART ONE:\nText.\n",
            ["forum.txt:3: expected a part title after 'PART ONE:'"],
        ),
        (
            f"Welcome to the forum\nSee you there\nB6: Title\n{GOOD_DATE}\n",
            [
                "forum.txt:1: expected a session line like 'B6: Co-production to build "
                "resilient communities', got 'Welcome to the forum'"
            ],
        ),
        ("", ["forum.txt:1: no sessions found; expected a first line like 'B6: Title'"]),
    ],
    ids=[
        "bad date",
        "end before start",
        "unknown month",
        "no such date",
        "bad time",
        "no title",
        "part outside a session",
        "part without title",
        "text before the first session",
        "empty file",
    ],
)
def test_malformed_programme_reports_file_line_expected_and_found(
    text: str, errors: list[str]
) -> None:
    parsed = abstract_book.parse(text, "forum.txt")
    assert messages(parsed, Severity.ERROR) == errors


def test_a_session_with_a_bad_date_is_still_listed_unscheduled() -> None:
    parsed = abstract_book.parse("B6: Title\n22/05/2025 1pm\nFormat: Workshop\n", "forum.txt")
    session = parsed.sessions[0]
    assert (session.id, session.format, session.start) == ("B6", "Workshop", None)


FRAGMENTS = [
    "B6: Title",
    "W3a:",
    "PART ONE: A part",
    "PART TWO:",
    "Part 3 - Third",
    GOOD_DATE,
    "Friday 31 Feb 2025 | 25:00–26:99",
    "Thu 1 Jan 0000 | 00:00-00:00",
    "Format: Workshop",
    "Chairs: Ann Khan X Trust; Wales and ; and",
    "Chair: ;;;",
    "Content filters: n/a, , ;",
    "In this session, participants will:",
    "- An objective",
    "• ",
    "1)",
    "Prof. Dr.; Germany",
    "Dr; ",
    "Jane Doe Patient Advocate; England",
    "ABC; England",
    "Speakers:",
    "Speaker: Ann; Trinidad and Tobago and",
    "\ufeff",
    "\r",
    "",
]


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(
        st.text(),
        st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30)), max_size=20).map(
            "\n".join
        ),
    ),
    corrections=st.one_of(
        st.none(),
        st.text(max_size=80),
        st.just("line,name\nJane Doe Patient Advocate; England,Jane Doe\n,\n"),
    ),
)
def test_parse_never_raises_on_arbitrary_text(text: str, corrections: str | None) -> None:
    parsed = abstract_book.parse(text, "any.txt", timezone="Europe/London", corrections=corrections)
    assert isinstance(parsed, ParsedSource)


# --- sniffing ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (read(SEED)[:2000], True),
        (f"\ufeffB6: Title\r\n{GOOD_DATE}\r\n", True),
        ("\n\nW3a: Improvement coaching\nFormat: Workshop\n", True),
        ("K1: Opening keynote\nStream: Plenary\n", True),
        ("A12: Talk\nChair: Bob Klaber Imperial College; England\n", True),
        ("id,title,start,end\n1,Opening,2025-05-22 09:00,2025-05-22 10:00\n", False),
        ("code;title;speakers\nB6;Co-production;Bob Klaber\n", False),
        ("Note: this programme is provisional.\nIt will change before May 2025.\n", False),
        ("Welcome to the forum.\nThursday 22 May 2025 | 13:15-14:30\n", False),
        ("B6: Title\nA paragraph of prose about the session.\n", False),
        ("Format: Workshop\nStream: People\n", False),
        ("", False),
    ],
    ids=[
        "seed",
        "bom and crlf",
        "blank lines first",
        "stream follows",
        "chair follows",
        "csv header",
        "semicolon csv",
        "prose with a colon",
        "prose first",
        "title then prose",
        "fields without a session",
        "empty",
    ],
)
def test_looks_like_recognises_abstract_books_only(head: str, expected: bool) -> None:
    assert abstract_book.looks_like(head) is expected


def test_a_content_filter_with_a_comma_stays_whole() -> None:
    text = (
        f"X1: Families\n{GOOD_DATE}\nFormat: Workshop\n"
        "Content filters: Co-presented with patients, service users or carers; New to QI\n"
    )
    session = abstract_book.parse(text, "filters.txt").sessions[0]
    assert session.content_filters == (
        "Co-presented with patients, service users or carers",
        "New to QI",
    )


@pytest.mark.parametrize(
    ("line", "name", "role", "organisation"),
    [
        (
            "Lars Kjeldsen Consultant Cardiologist, Aarhus University Hospital; Denmark",
            "Lars Kjeldsen",
            "Consultant Cardiologist",
            "Aarhus University Hospital",
        ),
        (
            "Niamh Gallagher Consultant in Paediatric Emergency Medicine, University Hospital "
            "Galway; Ireland",
            "Niamh Gallagher",
            "Consultant in Paediatric Emergency Medicine",
            "University Hospital Galway",
        ),
        (
            "Marcus Reed Charge Nurse, Intermountain Health; USA",
            "Marcus Reed",
            "Charge Nurse",
            "Intermountain Health",
        ),
        (
            "Kiran Das Screening Programme Coordinator, Sankara Eye Foundation; India",
            "Kiran Das",
            "Screening Programme Coordinator",
            "Sankara Eye Foundation",
        ),
    ],
)
def test_roles_are_told_from_names_and_organisations(
    line: str, name: str, role: str, organisation: str
) -> None:
    text = f"X1: Speakers\n{GOOD_DATE}\nFormat: Talk\n{line}\n"
    speaker = abstract_book.parse(text, "roles.txt").sessions[0].parts[0].speakers[0]
    assert (speaker.name, speaker.role, speaker.organisation) == (name, role, organisation)


def test_an_irish_name_with_ni_or_o_is_one_name_before_its_organisation():
    from assistant.sources.abstract_book import _split_person

    entry = "Siobhán Ní Bhriain Health Service Executive (HSE) Quality Office; Ireland"
    person = _split_person(entry, frozenset()).person
    assert (person.name, person.organisation) == (
        "Siobhán Ní Bhriain",
        "Health Service Executive (HSE) Quality Office",
    )
