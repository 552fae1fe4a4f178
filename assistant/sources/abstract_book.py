"""Parser of the abstract-book text format: `CODE: Title` sessions, their parts and people."""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo
from enum import Enum
from functools import cache
from typing import Literal

import gender_guesser.detector

from assistant.programme import Part, Person, Session, SourceLocation
from assistant.sources.dates import MONTHS
from assistant.sources.problems import ParsedSource, Problem, Severity, source_zone

EXAMPLE_DATE = "Thursday 22 May 2025 | 13:15-14:30"
CORRECTIONS_FILE = "people.csv"

# ---------------------------------------------------------------------------------------------
# Line shapes
# ---------------------------------------------------------------------------------------------

_HEADER = re.compile(r"(?P<code>[A-Za-z0-9]{1,10})\s*:\s*(?P<title>.*)")
_FIELD = re.compile(r"(?P<key>[A-Za-z][A-Za-z -]{0,24}?)\s*:\s*(?P<value>.*)")
_FIELDS: Mapping[str, str] = {
    "format": "format",
    "type": "format",
    "session type": "format",
    "stream": "stream",
    "track": "stream",
    "theme": "stream",
    "content filters": "filters",
    "content filter": "filters",
    "filters": "filters",
    "chair": "chair",
    "chairs": "chair",
    "co-chair": "chair",
    "co-chairs": "chair",
    "chairperson": "chair",
    "chairpersons": "chair",
    "room": "room",
    "location": "room",
    "venue": "room",
    "keywords": "keywords",
}
_SPEAKER_LABEL = re.compile(
    r"(?:speakers?|presenters?|panel|panellists?|panelists?|faculty)\s*:\s*(?P<value>.*)", re.I
)
_NOT_HEADER_CODES = frozenset(
    {"part", "speaker", "speakers", "presenter", "presenters", "panel", "faculty", "note"}
)
_NUMBER_WORDS: Mapping[str, int] = {
    word: number
    for number, word in enumerate(
        "one two three four five six seven eight nine ten eleven twelve".split(), start=1
    )
} | {
    roman: number
    for number, roman in enumerate("i ii iii iv v vi vii viii ix x xi xii".split(), start=1)
}
_CARRIED = "PART line outside a session"
_PART = re.compile(r"part\s+(?P<number>[A-Za-z]+|\d{1,2})\s*[:.\-–—]\s*(?P<title>.*)", re.I)
_OBJECTIVES_INTRO = re.compile(
    r"\b(?:objectives?|outcomes?|aims?|goals?|participants|delegates|attendees|learners"
    r"|able to|you will)\b",
    re.I,
)
_BULLET = re.compile(r"(?:[-*]\s+|[•·▪◦‣]\s*|\(?\d{1,2}[.)]\s+)(?P<text>\S.*)")
_NOT_GIVEN = frozenset({"", "n/a", "na", "none", "-", "–", "—", "tbc", "tba", "tbd"})

_WEEKDAYS: Mapping[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        )
    )
    for name in names
}
_DATE_LINE = re.compile(
    r"(?:(?P<weekday>[^\W\d_]+)\.?,?\s+)?"
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[^\W\d_]+)\.?,?\s+(?P<year>\d{4})"
    r"(?:\s*[|,]?\s*(?P<start>\d{1,2}[:.]\d{2})\s*(?:[-–—]|to)\s*(?P<end>\d{1,2}[:.]\d{2}))?",
    re.I,
)
_TIME_RANGE = re.compile(r"\d{1,2}[:.]\d{2}\s*(?:[-–—]|to)\s*\d{1,2}[:.]\d{2}")

# ---------------------------------------------------------------------------------------------
# Words that tell a name from the role and organisation that follow it
# ---------------------------------------------------------------------------------------------

_HONORIFICS = frozenset(
    "prof professor dr sir dame mr mrs ms miss mx rev revd reverend lord lady baroness baron "
    "cllr hon".split()
)
# Only an honorific when a professor title follows: "Associate Professor Jane Doe".
_HONORIFIC_PREFIXES = frozenset("assoc associate assistant emeritus clinical adjunct".split())
_PARTICLES = frozenset(
    "van von de da di du der den del della la le bin binti al el ter ten dos das do zu af av y "
    "ibn ní nic uí ó".split()  # 'Siobhán Ní Bhriain', 'Ciarán Ó Súilleabháin'
)
_ROLE_WORDS = frozenset(
    """lead leader leads advocate director manager officer consultant nurse chair chairman
    chairwoman chairperson fellow researcher student champion champions coordinator
    co-ordinator specialist physician surgeon pharmacist executive president vice-president
    founder co-founder partner adviser advisor professor lecturer scientist analyst engineer
    midwife therapist practitioner doctor gp registrar trainee resident psychologist
    psychiatrist paediatrician pediatrician anaesthetist dean head chief secretary trustee
    member representative volunteer editor commissioner ceo coo cmo cno cfo ambassador
    facilitator educator coach mentor carer principal investigator associate worker clinician
    dentist physiotherapist economist optometrist technician technologist administrator
    strategist counsellor counselor inspector auditor navigator visitor""".split()
)


def _is_role_word(word: str) -> bool:
    """'Nurse', 'Director', and the -ologists and -icians ('Cardiologist', 'Statistician')."""
    return word in _ROLE_WORDS or word.endswith(("ologist", "ician"))


_ORGANISATION_WORDS = frozenset(
    """university universities college hospital hospitals trust nhs network institute
    foundation council centre center centres centers group partnership alliance association
    society department ministry agency board commission academy school ltd limited inc llc
    gmbh company charity clinic federation consortium authority government collaborative
    faculty hub unit office team programme program project service services parents
    organisation organization infirmary polytechnic laboratory laboratories institut institutet
    instituto istituto universität universitat universiteit universitet università universidad
    universidade université hochschule klinikum klinik""".split()
)
# Words that end an organisation's name and may follow one word naming it: 'Yale School',
# 'Stanford University', 'Mayo Clinic', 'Karolinska Institutet'.
_ORGANISATION_HEADS = frozenset(
    """university college hospital hospitals trust institute foundation centre center school
    clinic health healthcare academy infirmary polytechnic laboratory institut institutet
    instituto istituto universität universitat universiteit universitet università universidad
    universidade université hochschule klinikum klinik""".split()
)
# Words of roles and organisations that are not a person's name either.
_CUE_WORDS = (
    _ROLE_WORDS
    | _ORGANISATION_WORDS
    | frozenset(
        """health healthcare care improvement quality safety medical clinical patient patients
        child children community communities public national regional international global
        royal general primary mental social research science sciences data digital innovation
        education learning policy strategy operations nursing medicine pharmacy family families
        women men people the of and for at in on with
        charge staff theatre theatres screening deputy acting interim matron
        psychiatry liaison cardiology oncology paediatrics pediatrics surgery anaesthesia
        anesthesia anaesthetics radiology pathology obstetrics gynaecology gynecology midwifery
        neonatology neonatal neurology dermatology emergency critical intensive geriatrics
        orthopaedics orthopedics urology nephrology haematology hematology microbiology
        rehabilitation physiotherapy dentistry dental ophthalmology therapies""".split()
    )  # the last lines: words that open a role ('Charge Nurse') or name a department
    # ('Liaison Psychiatry, NHS Borders') and are not surnames
)
# A place name usually opens an organisation ("North Middlesex University"); rarely a surname.
_PLACE_WORDS = frozenset(
    "north south east west greater central northern southern eastern western upper lower mid "
    "new st saint".split()
)
_COUNTRIES_WITH_AND = (
    "Trinidad and Tobago",
    "Bosnia and Herzegovina",
    "Antigua and Barbuda",
    "Saint Kitts and Nevis",
    "Saint Vincent and the Grenadines",
    "São Tomé and Príncipe",
    "Sao Tome and Principe",
    "Turks and Caicos Islands",
    "Wallis and Futuna",
    "England and Wales",
)
_INITIAL = re.compile(r"(?:[A-Z]\.){1,3}|[A-Z]")
_NAME_SHAPE = re.compile(r"[^\W\d_](?:[^\W\d_]|['’\-.](?=[^\W\d_]))*")
_COUNTRY_SHAPE = re.compile(r"[^\W\d_][\w'’().\- ]{0,59}")
_ENTRY_GAP = re.compile(r"\s+(?:and|&)\s+|\s*[,;|]\s*")
_PRIOR: Mapping[int, float] = {1: -4.0, 2: 2.0, 3: 0.0, 4: -2.5, 5: -4.0, 6: -5.0}
_CLEAR_MARGIN = 1.0


# Where a part's lines are going: abstract first, then objectives, then speakers.
_Stage = Literal["abstract", "objectives", "speakers"]


class _Kind(Enum):
    """What a token of a chair or speaker line looks like."""

    GIVEN = "given"  # a first name the dictionary knows
    SURNAME = "surname"  # capitalised and name-shaped, unknown to the dictionary
    PARTICLE = "particle"  # van, de, la: inside a name, never its last word
    INITIAL = "initial"  # J. or A.B.: inside a name, never its last word
    PLACE = "place"  # North, Greater: usually opens an organisation
    CUE = "cue"  # a role or organisation word: never in a name
    ACRONYM = "acronym"  # NHS, ABC: an organisation
    OTHER = "other"  # lower-case words, digits, punctuation: never in a name


_NEVER_IN_NAME = frozenset({_Kind.CUE, _Kind.ACRONYM, _Kind.OTHER})
_OPENS_AFFILIATION = frozenset({_Kind.CUE, _Kind.ACRONYM, _Kind.PLACE})


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------


def looks_like(head: str) -> bool:
    """True when the text opens with `CODE: Title` followed soon by a date or a session field,
    or opens with the PART lines of a session begun in the file before and then has one."""
    lines = [line for line in (_clean(raw) for raw in _split_lines(head)) if line]
    if lines and _PART.fullmatch(lines[0]):
        return any(_opens_session(lines, i) for i in range(1, len(lines)))
    return bool(lines) and _opens_session(lines, 0)


def _opens_session(lines: Sequence[str], index: int) -> bool:
    """Whether lines[index] is a `CODE: Title` line with a date or session field soon after."""
    following = lines[index + 1 : index + 6]
    return _is_header_shape(lines[index]) and any(
        _is_field(line) or _is_date_line(line) for line in following
    )


def parse(
    text: str,
    filename: str,
    *,
    timezone: str | None = None,
    corrections: str | None = None,
) -> ParsedSource:
    """Sessions of an abstract-book text, with problems instead of exceptions for bad input."""
    problems: list[Problem] = []
    zone = source_zone(timezone, filename, problems)
    fixes = _read_corrections(corrections, filename, problems) if corrections else {}
    drafts = _read_sessions(_split_lines(text), filename, problems)
    listings = [
        listing
        for draft in drafts
        for listing in (*draft.chairs, *(s for p in draft.all_parts() for s in p.speakers))
    ]
    seen = _confident_names(listings, fixes)
    # A line lists its people once, so its number identifies it.
    people = {
        listing.line: _people(listing, fixes, seen, filename, problems) for listing in listings
    }
    sessions = [draft.build(filename, zone, people, problems) for draft in drafts]
    carried = sessions.pop(0).parts if drafts and drafts[0].carried else ()
    carried_problem = next((p for p in problems if p.message.startswith(_CARRIED)), None)
    problems.sort(key=lambda p: (p.file, p.line))
    return ParsedSource(
        sessions=tuple(sessions),
        timezone=timezone if zone else None,
        problems=tuple(problems),
        format="abstract-book text",
        records=len(sessions),
        unit="sessions",
        carried=carried,
        carried_problem=carried_problem,
    )


# ---------------------------------------------------------------------------------------------
# Reading the lines into drafts
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Listing:
    """One chair or speaker line: its file line, the raw text, and the people part of it."""

    line: int
    raw: str
    value: str
    chair: bool = False


@dataclass(slots=True)
class _PartDraft:
    """A part while its lines are read; mutable only inside this module, frozen by build()."""

    index: int
    title: str
    line: int
    paragraphs: list[list[str]] = field(default_factory=list)
    objectives: list[str] = field(default_factory=list)
    speakers: list[_Listing] = field(default_factory=list)
    state: _Stage = "abstract"
    bulleted: bool = False
    paragraph_open: bool = False

    def blank(self) -> None:
        self.paragraph_open = False

    def prose(self, line: str) -> None:
        if self.paragraph_open and self.paragraphs:
            self.paragraphs[-1].append(line)
        else:
            self.paragraphs.append([line])
        self.paragraph_open = True

    def speaker(self, listing: _Listing) -> None:
        self.speakers.append(listing)
        self.state = "speakers"
        self.paragraph_open = False

    def feed(self, line: str, number: int, raw: str, problems: list[Problem], file: str) -> None:
        """Sort one body line into abstract, objectives or speakers."""
        if line.endswith(":") and len(line) <= 160 and _OBJECTIVES_INTRO.search(line):
            self.state = "objectives"
            self.bulleted = False
            self.paragraph_open = False
            return
        bullet = _BULLET.fullmatch(line)
        if bullet and self.state == "objectives":
            self.objectives.append(bullet["text"].strip())
            self.bulleted = True
            return
        if _is_person_line(line):
            self.speaker(_Listing(number, raw, line))
            return
        if bullet:
            self.prose(line)
            return
        if self.state == "objectives":
            if self.objectives and line[:1].islower():
                self.objectives[-1] = f"{self.objectives[-1]} {line}"
                return
            if not self.bulleted:
                self.objectives.append(line)
                return
        if self.state in ("objectives", "speakers") and _is_countryless_person(line):
            problems.append(
                Problem(
                    file,
                    number,
                    f"speaker line without '; Country' at its end: {_clip(line)!r}",
                    Severity.WARNING,
                )
            )
            self.speaker(_Listing(number, raw, line))
            return
        self.prose(line)

    def abstract(self) -> str:
        return "\n\n".join("\n".join(lines) for lines in self.paragraphs)


@dataclass(slots=True)
class _SessionDraft:
    """A session while its lines are read; mutable only inside this module, frozen by build()."""

    code: str
    title: str
    line: int
    day: date | None = None
    start: time | None = None
    end: time | None = None
    dated: bool = False
    fields: dict[str, str] = field(default_factory=dict)
    chairs: list[_Listing] = field(default_factory=list)
    intro: _PartDraft = field(default_factory=lambda: _PartDraft(0, "", 0))
    parts: list[_PartDraft] = field(default_factory=list)
    in_header: bool = True
    carried: bool = False  # the parts a file opens with: no session of its own

    def all_parts(self) -> tuple[_PartDraft, ...]:
        return (self.intro, *self.parts)

    def feed(self, line: str, number: int, raw: str, problems: list[Problem], file: str) -> None:
        """Sort one line of the session: a field, the date line, a chair, or body text."""
        key, value = _field(line)
        if self.in_header:
            if key == "chair":
                self.chairs.append(_Listing(number, raw, value, chair=True))
                return
            if key:
                if key in self.fields:
                    problems.append(
                        Problem(
                            file,
                            number,
                            f"a second {key!r} line in session {self.code}; the first is kept",
                            Severity.WARNING,
                        )
                    )
                else:
                    self.fields[key] = value
                return
            if not self.dated and _looks_dated(line) and not _is_person_line(line):
                self.dated = True
                self.day, self.start, self.end = _read_date(line, number, file, problems)
                return
            self.in_header = False
        if key == "chair":
            self.chairs.append(_Listing(number, raw, value, chair=True))
            return
        current = self.parts[-1] if self.parts else self.intro
        label = _SPEAKER_LABEL.fullmatch(line)
        if label:
            if label["value"].strip():
                current.speaker(_Listing(number, raw, label["value"].strip()))
            else:
                current.state = "speakers"
            return
        current.feed(line, number, raw, problems, file)

    def blank(self) -> None:
        (self.parts[-1] if self.parts else self.intro).blank()

    def build(
        self,
        file: str,
        zone: tzinfo | None,
        people: Mapping[int, tuple[Person, ...]],
        problems: list[Problem],
    ) -> Session:
        """The finished Session; a session without PART lines gets one part named after it."""

        if not self.dated and not self.carried:
            problems.append(
                Problem(
                    file,
                    self.line,
                    f"session {self.code} has no date and time line, so it is unscheduled; "
                    f"expected a line like {EXAMPLE_DATE!r} after the title",
                    Severity.WARNING,
                )
            )
        parts, abstract, objectives = self._parts(file, people, problems)
        start = end = None
        if self.day is not None and self.start is not None and self.end is not None:
            start = datetime.combine(self.day, self.start, tzinfo=zone)
            end = datetime.combine(self.day, self.end, tzinfo=zone)
        return Session(
            id=self.code,
            title=self.title,
            code=self.code,
            day=self.day,
            start=start,
            end=end,
            room=_given(self.fields.get("room", "")),
            stream=_given(self.fields.get("stream", "")),
            format=_given(self.fields.get("format", "")),
            content_filters=_filters(self.fields.get("filters", "")),
            keywords=_list(self.fields.get("keywords", "")),
            chairs=_who(self.chairs, people),
            parts=tuple(parts),
            abstract=abstract,
            objectives=objectives,
            source=SourceLocation(file, self.line),
        )

    def _parts(
        self,
        file: str,
        people: Mapping[int, tuple[Person, ...]],
        problems: list[Problem],
    ) -> tuple[list[Part], str, tuple[str, ...]]:
        """The session's parts, and its own abstract and objectives (those before PART ONE)."""

        intro = self.intro
        if self.parts:
            parts = [
                Part(
                    index=part.index,
                    title=part.title,
                    abstract=part.abstract(),
                    objectives=tuple(part.objectives),
                    speakers=_who(part.speakers, people),
                )
                for part in self.parts
            ]
            if intro.speakers:
                problems.append(
                    Problem(
                        file,
                        intro.speakers[0].line,
                        f"speaker line before the first PART of session {self.code}; "
                        "it is listed with PART ONE",
                        Severity.WARNING,
                    )
                )
                first = parts[0]
                parts[0] = Part(
                    first.index,
                    first.title,
                    first.abstract,
                    first.objectives,
                    _who(intro.speakers, people) + first.speakers,
                )
            abstract, objectives = intro.abstract(), tuple(intro.objectives)
        else:
            has_body = intro.paragraphs or intro.objectives or intro.speakers
            parts = (
                [
                    Part(
                        index=1,
                        title=self.title,
                        abstract=intro.abstract(),
                        objectives=tuple(intro.objectives),
                        speakers=_who(intro.speakers, people),
                    )
                ]
                if has_body
                else []
            )
            abstract, objectives = "", ()
        return parts, abstract, objectives


def _who(
    listings: Sequence[_Listing], people: Mapping[int, tuple[Person, ...]]
) -> tuple[Person, ...]:
    return tuple(person for listing in listings for person in people[listing.line])


def _read_sessions(lines: Sequence[str], file: str, problems: list[Problem]) -> list[_SessionDraft]:
    """Walk the lines once, opening a session at each header and a part at each PART line."""
    drafts: list[_SessionDraft] = []
    stray = False
    cleaned = [_clean(raw) for raw in lines]
    for index, line in enumerate(cleaned):
        number = index + 1
        session = drafts[-1] if drafts else None
        if not line:
            if session:
                session.blank()
            continue
        part = _PART.fullmatch(line)
        if part and _part_number(part["number"]):
            if session is None:
                # the rest of a session the file before began, unless there is none
                message = (
                    f"{_CARRIED}; expected a 'CODE: Title' line before it, got {_clip(line)!r}"
                )
                problems.append(Problem(file, number, message))
                session = _SessionDraft("", "", number, in_header=False, carried=True)
                drafts.append(session)
            _open_part(session, part, number, file, problems)
            continue
        if _is_header(cleaned, index):
            header = _HEADER.fullmatch(line)
            assert header is not None  # _is_header matched it
            code, title = header["code"], header["title"].strip()
            if not title:
                problems.append(
                    Problem(file, number, f"expected a title after '{code}:', got nothing")
                )
            drafts.append(_SessionDraft(code, title, number))
            stray = False
            continue
        if session is None:
            if not stray:
                problems.append(
                    Problem(
                        file,
                        number,
                        "expected a session line like 'B6: Co-production to build resilient "
                        f"communities', got {_clip(line)!r}",
                    )
                )
            stray = True
            continue
        session.feed(line, number, lines[index], problems, file)
    if not drafts and not problems:
        problems.append(
            Problem(file, 1, "no sessions found; expected a first line like 'B6: Title'")
        )
    return drafts


def _open_part(
    session: _SessionDraft, match: re.Match[str], number: int, file: str, problems: list[Problem]
) -> None:
    declared = _part_number(match["number"])
    index = len(session.parts) + 1
    title = match["title"].strip()
    if not title:
        problems.append(
            Problem(file, number, f"expected a part title after 'PART {match['number']}:'")
        )
    if declared != index and not session.carried:  # carried parts go on from the file before
        problems.append(
            Problem(
                file,
                number,
                f"PART {match['number']} is part {index} of session {session.code}; "
                "it is numbered as it comes",
                Severity.WARNING,
            )
        )
    session.in_header = False
    session.parts.append(_PartDraft(index, title, number))


def _part_number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word.lower(), 0)


def _is_header_shape(line: str) -> bool:
    header = _HEADER.fullmatch(line)
    if header is None or _is_field(line):
        return False
    return header["code"].lower() not in _NOT_HEADER_CODES


def _is_header(lines: Sequence[str], index: int) -> bool:
    """A `CODE: Title` line: a code with a digit, or a titled one a date or field line follows.

    A code of letters alone ('Aims: ...') is too much like prose to trust on its own."""
    line = lines[index]
    header = _HEADER.fullmatch(line)
    if header is None or not _is_header_shape(line):
        return False
    if any(c.isdigit() for c in header["code"]):
        return True
    following = next((later for later in lines[index + 1 :] if later), "")
    return bool(header["title"].strip()) and (_is_field(following) or _is_date_line(following))


def _field(line: str) -> tuple[str, str]:
    match = _FIELD.fullmatch(line)
    if not match:
        return "", ""
    key = _FIELDS.get(" ".join(match["key"].lower().split()), "")
    return key, match["value"].strip() if key else ""


def _is_field(line: str) -> bool:
    return bool(_field(line)[0])


def _looks_dated(line: str) -> bool:
    """A line meant as the date line: short, with a digit, a bar, or a day or month name."""
    if len(line) > 80 or line.endswith("."):
        return False
    first = line.split(maxsplit=1)[0].rstrip(".,").lower() if line.split() else ""
    return any(c.isdigit() for c in line) or "|" in line or first in _WEEKDAYS or first in MONTHS


def _is_date_line(line: str) -> bool:
    """A line that is surely a date line (a stricter test than _looks_dated)."""
    return bool(_DATE_LINE.fullmatch(line) or _TIME_RANGE.search(line))


def _read_date(
    line: str, number: int, file: str, problems: list[Problem]
) -> tuple[date | None, time | None, time | None]:
    """Day, start and end of a date line like 'Thursday 22 May 2025 | 13:15-14:30'."""
    match = _DATE_LINE.fullmatch(line)
    if not match:
        problems.append(
            Problem(
                file,
                number,
                f"expected a date and time like {EXAMPLE_DATE!r}, got {_clip(line)!r}",
            )
        )
        return None, None, None
    month = MONTHS.get(match["month"].lower())
    if month is None:
        problems.append(
            Problem(
                file,
                number,
                f"unknown month {match['month']!r} in {_clip(line)!r}; "
                "expected a month like 'May' or 'Sep'",
            )
        )
        return None, None, None
    try:
        day = date(int(match["year"]), month, int(match["day"]))
    except ValueError:
        problems.append(
            Problem(
                file,
                number,
                f"no such date: {match['day']} {match['month']} {match['year']} in {_clip(line)!r}",
            )
        )
        return None, None, None
    _check_weekday(match["weekday"], day, line, number, file, problems)
    if not match["start"]:
        problems.append(
            Problem(
                file,
                number,
                f"no start and end time in {_clip(line)!r}, so the session is unscheduled; "
                f"expected a line like {EXAMPLE_DATE!r}",
                Severity.WARNING,
            )
        )
        return day, None, None
    start = _read_time(match["start"], number, file, problems)
    end = _read_time(match["end"], number, file, problems)
    if start is None or end is None:
        return day, None, None
    if end <= start:
        problems.append(
            Problem(
                file,
                number,
                f"the session ends at {end:%H:%M}, not after it starts at {start:%H:%M}, "
                f"in {_clip(line)!r}",
            )
        )
        return day, None, None
    return day, start, end


def _check_weekday(
    weekday: str | None, day: date, line: str, number: int, file: str, problems: list[Problem]
) -> None:
    """A warning when the date line names a weekday that is not the date's."""
    if weekday:
        expected = _WEEKDAYS.get(weekday.lower())
        actual = f"{day:%A}"
        if expected is None:
            problems.append(
                Problem(
                    file,
                    number,
                    f"unknown weekday {weekday!r} in {_clip(line)!r}; {day.day} {day:%B %Y} "
                    f"is a {actual}",
                    Severity.WARNING,
                )
            )
        elif expected != day.weekday():
            problems.append(
                Problem(
                    file,
                    number,
                    f"{day.day} {day:%B %Y} is a {actual}, not a {weekday}",
                    Severity.WARNING,
                )
            )


def _read_time(text: str, number: int, file: str, problems: list[Problem]) -> time | None:
    hours, minutes = re.split(r"[:.]", text)
    try:
        return time(int(hours), int(minutes))
    except ValueError:
        problems.append(Problem(file, number, f"expected a time like 13:15, got {text!r}"))
        return None


# ---------------------------------------------------------------------------------------------
# People: which lines are people, and where a name ends
# ---------------------------------------------------------------------------------------------


def _is_person_line(line: str) -> bool:
    """A speaker line: 'Name Role, Organisation; Country', the country short and capitalised."""
    head, semi, country = line.rpartition(";")
    if not semi:
        return False
    country = country.strip().rstrip(".")
    head = head.strip()
    return (
        bool(_COUNTRY_SHAPE.fullmatch(country))
        and all(w[:1].isupper() or w in {"and", "of", "the"} for w in country.split())
        and len(country.split()) <= 6
        and bool(head[:1].isupper())
        and len(head.split()) <= 30
        and not head.endswith((".", ":", "?", "!"))
    )


def _is_countryless_person(line: str) -> bool:
    """A short capitalised line with no sentence end, read as a speaker without a country."""
    words = line.split()
    words = words[_honorific_count(words) :]
    return (
        bool(line[:1].isupper())
        and 2 <= len(words) <= 15
        and not line.endswith((".", ":", "?", "!", ","))
        and ": " not in line
        and _kind(words[0], first=True) in (_Kind.GIVEN, _Kind.SURNAME)
    )


def _entries(value: str) -> tuple[str, ...]:
    """Person entries of a line: 'A X; England and B Y; Wales' is two, each ends in a country."""
    entries: list[str] = []
    rest = value.strip()
    while True:
        semi = rest.find(";")
        if semi < 0:
            break
        tail = rest[semi + 1 :]
        skip = _country_with_and(tail)
        cut = next(
            (
                gap
                for gap in _ENTRY_GAP.finditer(tail, skip)
                if ";" in tail[gap.end() :] and tail[gap.end() : gap.end() + 1].isupper()
            ),
            None,
        )
        if cut is None:
            break
        entries.append(rest[: semi + 1 + cut.start()].strip())
        rest = rest[semi + 1 + cut.end() :].strip()
    for piece in re.split(r"\s*\|\s*", rest):
        if piece.strip():
            entries.append(piece.strip())
    return tuple(entries)


def _country_with_and(tail: str) -> int:
    stripped = tail.lstrip()
    for country in _COUNTRIES_WITH_AND:
        if stripped.lower().startswith(country.lower()):
            return len(tail) - len(stripped) + len(country)
    return 0


@dataclass(frozen=True, slots=True)
class _Split:
    """One reading of a person entry, and whether it is sure enough to go unreviewed."""

    person: Person
    confident: bool
    head: str


def _split_person(entry: str, seen: frozenset[tuple[str, ...]]) -> _Split:
    """Honorific, name, role, organisation and country of one entry, by scoring name ends."""
    head, semi, country = entry.rpartition(";")
    if not semi:
        head, country = entry, ""
    head, country = head.strip(), country.strip()
    tokens = head.split()
    honorifics = _honorific_count(tokens)
    honorific = " ".join(tokens[:honorifics])
    tokens = tokens[honorifics:]
    if not tokens:
        return _Split(Person(name=head, country=country), False, head)
    kinds = [_kind(token, first=i == 0) for i, token in enumerate(tokens)]
    scored = [
        (score, k)
        for k in range(1, min(len(tokens), 6) + 1)
        if (score := _score(tokens, kinds, k, seen)) is not None
    ]
    if not scored:
        return _Split(
            Person(name=" ".join(tokens), honorific=honorific, country=country), False, head
        )
    scored.sort(key=lambda pair: -pair[0])
    best, k = scored[0]
    margin = best - scored[1][0] if len(scored) > 1 else _CLEAR_MARGIN
    name_tokens = tuple(t.rstrip(",") for t in tokens[:k])
    recognised = (
        any(kind is _Kind.GIVEN for kind in kinds[:k])
        or _opening(kinds, k) >= 2
        or _key(name_tokens) in seen
    )
    # 'Jodi Sherman | Yale School' reads like 'Mary Ellen | Smith University': a given name
    # ending the name may be a middle name, and the word after it the surname.
    doubtful = (
        _before_head(tokens, kinds, k)
        and kinds[k - 1] is _Kind.GIVEN
        and _key(name_tokens) not in seen
    )
    role, organisation = _role_and_organisation(" ".join(tokens[k:]))
    person = Person(
        name=" ".join(name_tokens),
        honorific=honorific,
        role=role,
        organisation=organisation,
        country=country,
    )
    return _Split(person, margin >= _CLEAR_MARGIN and recognised and not doubtful, head)


def _score(
    tokens: Sequence[str], kinds: Sequence[_Kind], k: int, seen: frozenset[tuple[str, ...]]
) -> float | None:
    """How well 'the name is the first k tokens' reads; None when it cannot be."""
    name_kinds = list(kinds[:k])
    if any(kind in _NEVER_IN_NAME for kind in name_kinds):
        return None
    if name_kinds[-1] is _Kind.PARTICLE and tokens[k - 1][:1].isupper():
        name_kinds[-1] = _Kind.SURNAME  # 'Kiran Das': a capitalised particle may be a surname
    if name_kinds[-1] in (_Kind.PARTICLE, _Kind.INITIAL):
        return None
    if any(token.endswith(",") for token in tokens[: k - 1]):
        return None
    score = _PRIOR[k]
    for position, kind in enumerate(name_kinds):
        last = position == k - 1
        if kind is _Kind.GIVEN:
            # Given names open a name; as its last word they may be a surname (Lucy Robin).
            score += 0.5 if last else 1.5
        elif kind is _Kind.SURNAME:
            # Middle names are mostly given names; an unknown word mid-name is doubtful.
            score += 1.0 if last else -0.5
        elif kind is _Kind.PARTICLE:
            score += 1.5
        elif kind is _Kind.INITIAL:
            score += 1.0
        elif kind is _Kind.PLACE:
            score -= 3.0
    if tokens[k - 1].endswith(","):
        score += 3.0
    opening = _opening(kinds, k)
    score += opening
    if name_kinds[-1] is _Kind.GIVEN and opening == 0 and kinds[k] is _Kind.SURNAME:
        # 'Anna Maria | Schmidt ...': an unknown word after a given name is the surname.
        score -= 1.5
    if _before_head(tokens, kinds, k):
        # 'Jodi Sherman | Yale School of Medicine': one word before a head word opens the
        # organisation once the name already has a given name and a surname.
        score += 0.5
    if k >= 3 and _before_head(tokens, kinds, k - 1):
        # ... and the reading that takes that word into the name ('Jodi Sherman Yale') loses.
        score -= 1.0
    if _key(tuple(t.rstrip(",") for t in tokens[:k])) in seen:
        score += 4.0
    return score


def _before_head(tokens: Sequence[str], kinds: Sequence[_Kind], k: int) -> bool:
    """True when the first k tokens are a whole name and the two after read 'Yale School'."""
    if k < 2 or k + 1 >= len(tokens) or tokens[k - 1].endswith(","):
        return False
    full_name = kinds[0] is _Kind.GIVEN and kinds[k - 1] in (_Kind.GIVEN, _Kind.SURNAME)
    return (
        full_name
        and kinds[k] in (_Kind.GIVEN, _Kind.SURNAME)
        and not tokens[k].endswith(",")
        and tokens[k + 1].rstrip(",").lower() in _ORGANISATION_HEADS
    )


def _opening(kinds: Sequence[_Kind], k: int) -> float:
    """How clearly the tokens after the first k open a role or organisation."""
    if k == len(kinds) or kinds[k] in _OPENS_AFFILIATION:
        return 2.0
    if k + 1 < len(kinds) and kinds[k + 1] in (_Kind.CUE, _Kind.ACRONYM):
        return 1.0
    return 0.0


def _kind(token: str, *, first: bool = False) -> _Kind:
    word = token.rstrip(",")
    bare = word.rstrip(".").lower()
    if _INITIAL.fullmatch(word):
        return _Kind.INITIAL
    if bare in _PARTICLES and (word.islower() or not first):
        return _Kind.PARTICLE
    if bare.endswith(("'s", "’s")):
        return _Kind.OTHER
    if bare in _CUE_WORDS or _is_role_word(bare):
        return _Kind.CUE
    if bare in _PLACE_WORDS:
        return _Kind.PLACE
    letters = [c for c in word if c.isalpha()]
    if len(letters) >= 2 and word.isupper():
        return _Kind.ACRONYM
    if not _NAME_SHAPE.fullmatch(word) or word[:1].islower():
        return _Kind.OTHER
    return _Kind.GIVEN if _is_given_name(word) else _Kind.SURNAME


def _is_given_name(word: str) -> bool:
    detector = _detector()
    if detector.get_gender(word) != "unknown":
        return True
    pieces = word.split("-")
    return len(pieces) > 1 and all(detector.get_gender(piece) != "unknown" for piece in pieces)


@cache
def _detector() -> gender_guesser.detector.Detector:
    # Loaded once: the dictionary of given names is what tells 'Lucy Robin' from 'Child Health'.
    return gender_guesser.detector.Detector(case_sensitive=False)


def _honorific_count(tokens: Sequence[str]) -> int:
    count = 0
    while count < len(tokens) - 1:
        word = tokens[count].rstrip(".").lower()
        following = tokens[count + 1].rstrip(".").lower()
        if word in _HONORIFICS or (
            word in _HONORIFIC_PREFIXES and following in {"prof", "professor"}
        ):
            count += 1
        else:
            break
    return count


def _role_and_organisation(rest: str) -> tuple[str, str]:
    """'Lead, ABC Parents' is a role and an organisation; 'ABC Parents, X University' is one."""
    rest = rest.strip(" ,;:-–—")
    if not rest:
        return "", ""
    first, comma, remainder = rest.partition(",")
    if comma and _is_role(first.strip()) and remainder.strip():
        return first.strip(), remainder.strip()
    if not comma and _is_role(rest) and not _names_organisation(rest):
        return rest, ""
    return "", rest


def _is_role(text: str) -> bool:
    """'Consultant Cardiologist', 'Head of Quality', 'Consultant in Paediatric Emergency
    Medicine': a role word, and either it ends the phrase or no organisation word is in it."""
    words = [w.strip("()").lower() for w in text.split()]
    if not words:
        return False
    if _is_role_word(words[-1]):
        return True
    if len(words) > 2 and words[0] in _ROLE_WORDS and words[1] in {"of", "for", "to"}:
        return True
    return any(_is_role_word(w) for w in words) and not any(w in _ORGANISATION_WORDS for w in words)


def _names_organisation(text: str) -> bool:
    return any(
        w.strip("(),").lower() in _ORGANISATION_WORDS or _kind(w) is _Kind.ACRONYM
        for w in text.split()
    )


def _key(tokens: Sequence[str]) -> tuple[str, ...]:
    return tuple(token.lower() for token in tokens)


def _confident_names(
    listings: Sequence[_Listing], fixes: Mapping[str, tuple[Person, ...]]
) -> frozenset[tuple[str, ...]]:
    """Names read with confidence anywhere in the file, so a doubtful line can use them."""
    names = {_key(person.name.split()) for people in fixes.values() for person in people}
    for listing in listings:
        if _fixed(listing, fixes) is not None:
            continue
        for entry in _entries(listing.value):
            if _fix(entry, fixes) is None:
                split = _split_person(entry, frozenset())
                if split.confident:
                    names.add(_key(split.person.name.split()))
    return frozenset(names)


def _people(
    listing: _Listing,
    fixes: Mapping[str, tuple[Person, ...]],
    seen: frozenset[tuple[str, ...]],
    file: str,
    problems: list[Problem],
) -> tuple[Person, ...]:
    """The people of one line: from people.csv when it lists the line, else split and scored."""
    fixed = _fixed(listing, fixes)
    if fixed is not None:
        return fixed
    if _norm(listing.value).lower() in _NOT_GIVEN:
        return ()
    people: list[Person] = []
    for entry in _entries(listing.value):
        fix = _fix(entry, fixes)
        if fix is not None:
            people.extend(fix)
            continue
        split = _split_person(entry, seen)
        if not split.confident:
            problems.append(
                Problem(
                    file,
                    listing.line,
                    f"low-confidence name split: {split.head!r} -> name {split.person.name!r}; "
                    f"add the line to {CORRECTIONS_FILE} to fix it",
                    Severity.WARNING,
                )
            )
        people.append(split.person)
    return tuple(people)


def _fixed(listing: _Listing, fixes: Mapping[str, tuple[Person, ...]]) -> tuple[Person, ...] | None:
    return _fix(listing.raw, fixes) or _fix(listing.value, fixes)


def _fix(text: str, fixes: Mapping[str, tuple[Person, ...]]) -> tuple[Person, ...] | None:
    return fixes.get(_norm(text))


def _read_corrections(
    text: str, filename: str, problems: list[Problem]
) -> dict[str, tuple[Person, ...]]:
    """people.csv rows by the programme line they correct; several rows for a line are several
    people."""
    where = os.path.join(os.path.dirname(filename), CORRECTIONS_FILE)
    fixes: dict[str, list[Person]] = {}
    try:
        rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    except csv.Error as exc:
        problems.append(Problem(where, 1, f"not readable as CSV: {exc}"))
        return {}
    if not rows:
        return {}
    header = [cell.strip().lower().replace("organization", "organisation") for cell in rows[0]]
    if "line" not in header or "name" not in header:
        problems.append(
            Problem(
                where,
                1,
                "expected the columns line,name,honorific,role,organisation,country, "
                f"got {_clip(','.join(rows[0]))!r}",
            )
        )
        return {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = dict(zip(header, (cell.strip() for cell in row), strict=False))
        line, name = cells.get("line", ""), cells.get("name", "")
        if not line or not name:
            problems.append(
                Problem(where, number, f"expected a line and a name, got {_clip(','.join(row))!r}")
            )
            continue
        fixes.setdefault(_norm(line), []).append(
            Person(
                name=name,
                honorific=cells.get("honorific", ""),
                role=cells.get("role", ""),
                organisation=cells.get("organisation", ""),
                country=cells.get("country", ""),
            )
        )
    return {line: tuple(people) for line, people in fixes.items()}


# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------


def _split_lines(text: str) -> list[str]:
    # Only \n, \r\n and \r end a line, so line numbers match what an editor shows.
    return re.split(r"\r\n|\r|\n", text)


def _clean(raw: str) -> str:
    return raw.replace("\ufeff", "").strip()


def _norm(text: str) -> str:
    return " ".join(_clean(text).split())


def _clip(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _given(value: str) -> str:
    return "" if value.strip().lower() in _NOT_GIVEN else value.strip()


def _filters(value: str) -> tuple[str, ...]:
    """Content filters, which are capitalised phrases: 'Co-presented with patients, service
    users or carers' is one (a lower-case piece continues the one before), 'Digital, Co-presented
    with patients' two."""
    filters: list[str] = []
    for group in value.split(";"):
        pieces = [p.strip() for p in group.split(",") if p.strip()]
        for number, piece in enumerate(pieces):
            if number and piece[:1].islower():
                filters[-1] = f"{filters[-1]}, {piece}"
            else:
                filters.append(piece)
    return tuple(f for f in filters if f.lower() not in _NOT_GIVEN)


def _list(value: str) -> tuple[str, ...]:
    items = (item.strip() for item in re.split(r"[,;]", value))
    return tuple(item for item in items if item.lower() not in _NOT_GIVEN)
