"""Spreadsheet columns and rows: which header means which field (SYNONYMS), and one row read
as a Session, or as its day and times, people and speakers for panels to group."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, tzinfo

from assistant.programme import Part, Person, Session, SourceLocation
from assistant.sources.author_lists import (
    MARKERS,
    given_first,
    numbered_organisations,
    organisation_and_country,
)
from assistant.sources.dates import read_clock, read_date
from assistant.sources.problems import Problem, left_out
from assistant.sources.taglines import country_named
from assistant.sources.text import (
    is_not_given,
    one_line,
    people_list,
    plain_text,
    room_named,
    split_outside_parentheses,
)

# Our field -> the headers (normalised: lower case, single spaces) that mean it, best first.
# Fields are matched in this order and each column once: 'slot' is a time unless a 'time'
# column came first, when it is a slot code ('Di D').
SYNONYMS: Mapping[str, tuple[str, ...]] = {
    "id": (
        "id", "code", "ref", "reference", "submission id", "abstract id", "paper id",
        "session id", "session code", "session number", "session no", "talk id", "event id",
        "presentation id", "item id", "#", "no", "number", "board", "board no",
        "board number", "poster board", "poster no", "poster number", "poster id",
    ),
    "title": (
        "title", "talk", "name of talk", "talk title", "presentation title", "paper title",
        "event title", "item title", "presentation", "event", "titel", "vortrag", "titre",
    ),
    "panel": ("panel", "panel id", "panel no", "panel number", "panel code", "session key"),
    # an event app's child rows (a talk inside a session) name their session's id here
    "parent": (
        "parent session id", "parent id", "parent session", "parent", "parent session code",
        "parent item id", "parent agenda item id",
    ),
    "panel_title": ("panel title", "panel name", "panel theme"),
    "group": ("session", "block", "slot name", "session name", "session title"),
    "date": ("date", "day", "session date", "event date", "datum", "tag", "wann", "jour"),
    "time": ("time", "slot", "time slot", "timeslot", "times"),
    "slot": ("slot", "slot code", "time slot code"),
    "start": (
        "start", "start time", "starts", "begin", "begins", "from", "starts at", "time start",
        "beginn", "von", "um", "debut", "début", "scheduled at", "scheduled start",
        "start date time", "start datetime", "start date and time", "start date & time",
        "date and time", "date & time", "date/time", "start date/time", "datetime", "begin time",
    ),
    "end": (
        "end", "end time", "ends", "finish", "until", "ends at", "time end", "to", "ende", "bis",
        "fin", "scheduled end", "end date time", "end datetime", "end date and time",
        "end date & time", "end date/time", "finish time",
    ),
    # minutes ('45', '45 min', '1h30', '00:45'): the end where no column gives it
    "duration": (
        "duration", "length", "duration (min)", "duration (mins)", "duration (minutes)",
        "duration min", "duration mins", "duration minutes", "minutes", "mins", "dauer", "durée",
        "duree",
    ),
    "room": (
        "room", "location", "venue", "hall", "place", "stage", "raum", "ort", "saal", "salle",
        "where", "room name", "room/location", "location/room", "auditorium", "lieu",
    ),
    "stream": ("track", "stream", "theme", "strand", "topic area", "section", "sections"),
    "format": ("type", "format", "session type", "presentation type", "session format", "kind"),
    "abstract": ("abstract", "content", "description", "summary", "details", "blurb"),
    "objectives": (
        "learning objectives", "objectives", "learning outcomes", "outcomes", "learning goals",
        "takeaways", "key takeaways", "what you will learn", "lernziele",
    ),
    # a paper's own slot inside its session, beside the session's start and end
    "part_start": (
        "presentation start", "presentation start time", "paper start", "talk start",
        "talk start time", "contribution start", "item start",
    ),
    "part_end": (
        "presentation end", "presentation end time", "paper end", "talk end", "talk end time",
        "contribution end", "item end",
    ),
    "keywords": ("keywords", "keyword", "tags", "topics"),
    "speakers": (
        "speakers", "speaker", "presenters", "presenter", "presenting author",
        "presenting authors", "presenting author(s)", "presenter name", "speaker name",
        "presenter names", "authors", "author", "speaker(s)", "presenter(s)", "speaker names",
        "faculty", "panelists", "panellists", "referent", "referentin", "referenten",
        "referent*innen", "wer", "intervenant", "intervenants", "orateur",
    ),
    "affiliation": (
        "affiliation", "affiliations", "presenter affiliation", "speaker affiliation",
        "author affiliation", "institution", "organisation", "organization", "organisations",
        "organizations", "institutions", "author affiliations", "company", "employer",
        "company name", "organisation name", "organization name",
    ),
    # a row per person with the name in two columns: the speaker is 'First Last'
    "first_name": ("first name", "given name", "given names", "firstname", "forename"),
    "last_name": ("last name", "surname", "family name", "lastname"),
    "country": ("country", "countries", "presenter country", "speaker country", "author country"),
    # beside a presenting author, the paper's whole author list
    "co_authors": (
        "co authors", "coauthors", "co author", "coauthor", "authors", "author list",
        "all authors",
    ),
    "chairs": (
        "chair", "chairs", "moderator", "moderators", "chair(s)", "session chair",
        "chairperson", "chairpersons",
    ),
    "discussants": ("discussant", "discussants", "discussant(s)", "respondent", "respondents"),
    # one row per presenter: what this presenter does in the session ('Chair', 'Speaker')
    "role": ("role", "presenter role", "speaker role", "participant role", "capacity"),
    "language": ("language", "lang"),
    "recorded": ("video recording", "recorded", "recording", "video"),
}  # fmt: skip
KNOWN_HEADERS = frozenset(h for headers in SYNONYMS.values() for h in headers)
# 'Speaker 2', 'Speaker 2 Name', 'Presenter 3 Company', 'Moderator 1': one person a column, read
# as the field's column key 'speakers 2' (and 'speakers 2 affiliation')
NUMBERED = {"speaker": "speakers", "presenter": "speakers", "panelist": "speakers",
            "panellist": "speakers", "author": "speakers", "moderator": "chairs",
            "chair": "chairs"}  # fmt: skip
_NUMBERED_HEADER = re.compile(
    rf"({'|'.join(NUMBERED)})s? ?(\d{{1,2}})(?: (name|full name)|"
    r" (company|organi[sz]ation|affiliation|institution|employer))?"
)
_NUMBERED_FIELDS = frozenset(NUMBERED.values())
_NUMBERED_KEY = re.compile(r"(speakers|chairs) \d{1,2}")


def numbered_column(header: str) -> str:
    """The column key of a numbered people header ('speaker 2 company' -> 'speakers 2
    affiliation'), '' for any other header (normalised)."""
    match = _NUMBERED_HEADER.fullmatch(header)
    if match is None:
        return ""
    key = f"{NUMBERED[match[1]]} {int(match[2])}"
    return f"{key} affiliation" if match[4] else key


# columns whose cells list people
PEOPLE_FIELDS = ("speakers", "co_authors", "chairs", "discussants")

_UNSCHEDULED = frozenset({"", "tbd", "tba", "na", "n/a", "-", "?"})
_CLOCK = r"\d{1,2}(?:[:.h]\d{2}(?::\d{2})?|h|(?=\s*[ap]\.?m))(?:\s*[ap]\.?m\.?)?"
# '9:00-10:30 Uhr', '14h30 – 16h', '2pm to 3pm', '9.00 bis 10.30'
_TIME_RANGE = re.compile(
    rf"({_CLOCK})(?:\s*(?:uhr|hrs)?\s*(?:[-–—]|to|bis|until)\s*({_CLOCK}))?\s*(?:uhr|hrs|h)?",
    re.IGNORECASE,
)
_YES = frozenset({"✅", "✔", "✔️", "yes", "y", "true", "1", "x"})
_NO = frozenset({"❌", "✖", "no", "n", "false", "0"})

# (pattern in the session name, format); first match wins, so the specific comes first.
_FORMATS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bvirtual lightning\b", re.I), "Virtual lightning talk"),
    (re.compile(r"\bvirtual\b", re.I), "Virtual talk"),
    (re.compile(r"\blightning\b", re.I), "Lightning talk"),
    (re.compile(r"\bposters?\b", re.I), "Poster"),
    (re.compile(r"\bkeynotes?\b", re.I), "Keynote"),
    (re.compile(r"\btutorials?\b", re.I), "Tutorial"),
    # German, French and Spanish names too: 'Kinderwerkstatt: …', 'Podium: …', 'Atelier'
    (re.compile(r"\bworkshops?\b|werkstatt\b|\bateliers?\b|\btalleres?\b", re.I), "Workshop"),
    (
        re.compile(
            r"\bpanels?\b|\bpodium(?:sdiskussion)?\b|\btable ronde\b|\bmesa redonda\b", re.I
        ),
        "Panel",
    ),
    (re.compile(r"\bsymposi(um|a)\b", re.I), "Symposium"),
    (re.compile(r"\bmasterclass(es)?\b", re.I), "Masterclass"),
)


def normalise_header(header: str) -> str:
    """'Co-Authors ' -> 'co authors', 'Session no.' -> 'session no': how headers are compared."""
    plain = re.sub(r"[-_]+", " ", header.strip().strip('"').lower())
    plain = re.sub(r"[.:*]+", "", re.sub(r"(?<=\w)\(s\)", "s", plain))  # 'Affiliation(s)'
    return " ".join(plain.split())


@dataclass(frozen=True, slots=True)
class Context:
    """What every row needs: the file, the column of each field, the time zone."""

    filename: str
    columns: Mapping[str, int]
    headers: Sequence[str]  # as normalised
    width: int
    zone: tzinfo | None
    days_first: bool  # numeric dates read 18/03/2027, not 3/18/2027 (dates.day_first)
    packed: frozenset[str]  # people columns written 'Name, Affiliation; Name, Affiliation'
    family_first: frozenset[str] = frozenset()  # people columns written 'Family, Given (1)'
    first_presents: bool = False  # the speakers column lists authors, the presenter first
    day: date | None = None  # the day of rows that give none
    session_format: str = ""  # the format of rows that give none

    def cell(self, row: Sequence[str], field: str) -> str:
        """The row's cell for field, stripped; NA, n/a and '-' read as empty, and so does a
        room 'TBA' or 'to be confirmed'."""
        index = self.columns.get(field)
        value = row[index].strip() if index is not None and index < len(row) else ""
        if field == "room":
            return room_named(value)
        value = "" if is_not_given(value) else value
        return self._with_numbered(row, field, value) if field in _NUMBERED_FIELDS else value

    def _with_numbered(self, row: Sequence[str], field: str, value: str) -> str:
        """A people cell with the people of the numbered columns ('Speaker 2', 'Speaker 2
        Company') after it; a speaker written in first and last name columns where no column
        names the speakers."""
        names = [value] if value else []
        if field == "speakers" and not value:
            name = " ".join(
                filter(None, (self.cell(row, "first_name"), self.cell(row, "last_name")))
            )
            names += [name] if name else []
        for number in sorted(
            int(k.split()[1])
            for k in self.columns
            if _NUMBERED_KEY.fullmatch(k) and k.startswith(field)
        ):
            name = self.cell(row, f"{field} {number}")
            organisation = self.cell(row, f"{field} {number} affiliation")
            if name:
                names.append(f"{name} ({organisation})" if organisation else name)
        return "; ".join(names)

    def people(self, row: Sequence[str], field: str, role: str = "") -> tuple[Person, ...]:
        """The people a row's cell lists, read the way its column writes them; where the
        speakers column lists authors with the presenter first, the others are co-authors."""
        if not self.first_presents or field not in ("speakers", "co_authors"):
            return self._people(row, field, role)
        authors = self._people(row, "speakers")
        if field == "speakers":
            return authors[:1]
        others = tuple(replace(p, role="Co-author") for p in authors[1:])
        return others + self._people(row, field, role)

    def _people(self, row: Sequence[str], field: str, role: str = "") -> tuple[Person, ...]:
        """The people a cell lists, with the organisations their markers number ('(1)') where
        the affiliation column numbers them, and the country an organisation ends with."""
        cell = _AFFILIATION_MARK.sub(_as_marker, self.cell(row, field))  # 'Freya Lindgren*1'
        if field in self.family_first:
            cell = "; ".join(given_first(e) for e in split_outside_parentheses(cell, ";"))
        people = people_list(cell, role=role, affiliation_after_comma=field in self.packed)
        numbered = numbered_organisations(self.cell(row, "affiliation"))
        if not numbered:
            return tuple(map(_with_country, people))
        country = self.cell(row, "country")
        return tuple(_numbered(p, numbered, country) for p in people)


# a presenting author's star and affiliation numbers glued to the name: 'Freya Lindgren*1',
# 'Ana Ruiz*1,2', 'Bo Ek2'
_AFFILIATION_MARK = re.compile(
    r"(?<=[^\W\d_])\*?(\d{1,2}(?:,\s*\d{1,2})*)\*?(?=\s*(?:[;,]\s*[^\W\d]|$))|\*(?=\s*(?:[;,]|$))"
)


def _with_country(person: Person) -> Person:
    """'Fjordland University College, Norway' -> the organisation and the country it ends with."""
    if person.country or "," not in person.organisation:
        return person
    head, _, tail = person.organisation.rpartition(",")
    if not head.strip() or not country_named(tail):
        return person
    return replace(person, organisation=head.strip(), country=tail.strip())


# a header's note that its people are the authors, the presenter first
_PRESENTER_FIRST = re.compile(
    r"\b(?:presenter|presenting author|speaker)s?\s+(?:is\s+|listed\s+)?first\b"
    r"|\bfirst (?:named )?author (?:presents|is the presenter)\b",
    re.IGNORECASE,
)


def presenter_first(header: str) -> bool:
    """Whether a speakers header says its authors come with the presenter first ('Authors
    (presenter first)'): the others then are the paper's co-authors."""
    return bool(_PRESENTER_FIRST.search(header))


def _as_marker(match: re.Match[str]) -> str:
    return f" ({match[1]})" if match[1] else ""


def _numbered(person: Person, numbered: Mapping[str, str], country: str) -> Person:
    """The person with the organisation their marker ('1', '1,2': the first) numbers."""
    if not MARKERS.match(person.organisation):
        return person
    first = person.organisation.split(",")[0].strip()
    organisation, its_country = organisation_and_country(numbered.get(first, ""), country)
    return replace(person, organisation=organisation, country=person.country or its_country)


@dataclass(frozen=True, slots=True)
class When:
    """A row's day and times."""

    day: date | None
    start: datetime | None
    end: datetime | None


def row_width_problem(row: Sequence[str], line: int, context: Context) -> Problem | None:
    """A left-out Problem for a row with more or fewer cells than the header."""
    if len(row) == context.width:
        return None
    return left_out(
        context.filename, line, f"expected {context.width} fields like the header, got {len(row)}"
    )


def row_when(row: Sequence[str], line: int, context: Context) -> When | Problem:
    """The row's day, start and end, or the left-out Problem that makes them unreadable."""
    day_text = context.cell(row, "date")
    try:
        day = read_date(day_text, days_first=context.days_first) if day_text else context.day
    except ValueError:
        message = f"expected a date like 2025-08-09 or 18/03/2025, got {day_text!r}"
        return left_out(context.filename, line, message)
    try:
        start, end, keep_day = _times(row, day, context)
    except (ValueError, OverflowError) as exc:
        return left_out(context.filename, line, str(exc))
    if not keep_day:
        day = None  # unscheduled rows carry a placeholder date, not a real day
    elif day is None and start is not None:
        day = start.date()  # a start column holding a full date and time
    return When(day, start, end)


def row_session(row: Sequence[str], line: int, number: int, context: Context) -> Session | Problem:
    """The Session for one row, or the left-out Problem that makes it unreadable."""
    filename = context.filename
    ragged = row_width_problem(row, line, context)
    if ragged is not None:
        return ragged
    title = one_line(context.cell(row, "title") or context.cell(row, "panel_title"))
    if not title:
        return left_out(filename, line, "expected a title, got an empty cell")
    when = row_when(row, line, context)
    if isinstance(when, Problem):
        return when
    group = one_line(context.cell(row, "group"))
    role = row_role(row, context)
    presenters = row_speakers(row, context)
    speakers = presenters if not role else ()
    named = {p.id for p in speakers}
    co_authors = tuple(
        p for p in context.people(row, "co_authors", role="Co-author") if p.id not in named
    )
    abstract = plain_text(context.cell(row, "abstract"))
    objectives = objectives_of(context.cell(row, "objectives"))
    return Session(
        id=context.cell(row, "id") or str(number),
        title=title,
        day=when.day,
        start=when.start,
        end=when.end,
        room=context.cell(row, "room"),
        stream=context.cell(row, "stream"),
        group=group,
        format=context.cell(row, "format") or context.session_format or format_of(group),
        keywords=keywords_of(context.cell(row, "keywords")),
        language=context.cell(row, "language"),
        recorded=recorded_of(context.cell(row, "recorded")),
        chairs=context.people(row, "chairs") + (presenters if role == "chair" else ()),
        discussants=context.people(row, "discussants", role="Discussant")
        + (presenters if role == "discussant" else ()),
        parts=(Part(1, title, abstract=abstract, speakers=speakers + co_authors),),
        abstract=abstract,
        objectives=objectives,
        source=SourceLocation(filename, line),
    )


_CHAIRING = re.compile(r"\b(chair|co-?chair|moderat|conven|host|presid)", re.IGNORECASE)
_DISCUSSING = re.compile(r"\b(discussant|respondent)", re.IGNORECASE)


def role_named(role: str) -> str:
    """What a role word says a person does: 'chair' ('Moderator', 'Co-Chair', 'Hosted by'),
    'discussant', or '' (speaks)."""
    if _CHAIRING.search(role):
        return "chair"
    return "discussant" if _DISCUSSING.search(role) else ""


def row_role(row: Sequence[str], context: Context) -> str:
    """What the row's presenter does, from a role column: 'chair', 'discussant' or '' (speaks)."""
    return role_named(context.cell(row, "role"))


def row_speakers(row: Sequence[str], context: Context) -> tuple[Person, ...]:
    """The row's speakers, with the affiliation and country columns' values where they give
    one for each speaker (one cell, or one per speaker split by ';')."""
    speakers = context.people(row, "speakers")
    numbered = numbered_organisations(context.cell(row, "affiliation"))
    if numbered:  # the presenter as the author list gives them: 'Okafor, Amara (1)'
        authors = {p.id: p for p in context.people(row, "co_authors")}
        speakers = tuple(
            _as_listed(p, authors, numbered, context.cell(row, "country")) for p in speakers
        )
    else:
        speakers = _each_given(speakers, context.cell(row, "affiliation"), "affiliation")
    return _each_given(speakers, context.cell(row, "country"), "country")


def _as_listed(
    person: Person, authors: Mapping[str, Person], numbered: Mapping[str, str], country: str
) -> Person:
    """A presenter's organisation and country from the author list, or from the one
    organisation the row numbers."""
    if person.organisation:
        return person
    listed = authors.get(person.id)
    if listed is not None:
        return replace(person, organisation=listed.organisation, country=listed.country)
    if len(numbered) == 1:
        organisation, its_country = organisation_and_country(next(iter(numbered.values())), country)
        return replace(person, organisation=organisation, country=its_country)
    return person


def _each_given(speakers: tuple[Person, ...], cell: str, field: str) -> tuple[Person, ...]:
    if not cell or not speakers:
        return speakers
    values = [v.strip() for v in cell.split(";")] if len(speakers) > 1 else [cell]
    if len(values) != len(speakers):
        return speakers
    key = "organisation" if field == "affiliation" else "country"
    return tuple(
        p if getattr(p, key) or is_not_given(v) else replace(p, **{key: v})
        for p, v in zip(speakers, values, strict=True)
    )


def _times(
    row: Sequence[str], day: date | None, context: Context
) -> tuple[datetime | None, datetime | None, bool]:
    """(start, end, keep the day?) from a time range column or separate start and end columns.

    A row whose time is TBD is unscheduled and its date a placeholder; a file with no time
    columns at all keeps its dates."""
    has_time_columns = any(f in context.columns for f in ("time", "start", "end"))
    start_text, end_text = context.cell(row, "start"), context.cell(row, "end")
    if start_text.lower() in _UNSCHEDULED:
        start_text, end_text = _range(context.cell(row, "time"))
    elif end_text.lower() in _UNSCHEDULED:
        end_text = ""
    if not start_text:
        return None, None, not has_time_columns
    start = _moment(start_text, day, context)
    end = _moment(end_text, start.date(), context) if end_text else None
    minutes = minutes_of(context.cell(row, "duration"))
    if end is None and minutes:
        end = start + timedelta(minutes=minutes)
    if end is not None and (end.tzinfo is None) != (start.tzinfo is None):
        raise ValueError(
            "expected start and end both with or both without a UTC offset, "
            f"got {start_text!r} and {end_text!r}"
        )
    if end is not None and end <= start:
        end += timedelta(days=1)  # a block that runs past midnight
    return start, end, True


def _range(cell: str) -> tuple[str, str]:
    """'10:30–12:00' -> ('10:30', '12:00'), '9:00-10:30 Uhr' -> ('9:00', '10:30'); 'TBD' -> ('', '')."""
    if cell.lower() in _UNSCHEDULED:
        return "", ""
    match = _TIME_RANGE.fullmatch(cell.strip())
    if match is None:
        raise ValueError(f"expected a time like 10:30 or 10:30–12:00, got {cell!r}")
    return match[1], match[2] or ""


def _moment(text: str, day: date | None, context: Context) -> datetime:
    """A time ('10:30') on the row's day, or a full date and time ('2027-03-18T13:30',
    '3/18/2027 1:30 PM'), in the zone if one is given."""
    clock = read_clock(text)
    try:
        if clock is not None:
            if day is None:
                raise ValueError(f"expected a date for the time {text!r}, got no date")
            moment = datetime.combine(day, clock)
        else:
            moment = _date_and_clock(text, context.days_first) or datetime.fromisoformat(text)
    except ValueError as exc:
        if str(exc).startswith("expected"):
            raise
        raise ValueError(f"expected a time like 10:30, got {text!r}") from None
    if context.zone is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=context.zone)
    return moment


# a date, then a clock: '2027-03-18 1:30 PM', '18/03/2027 13:30', 'March 18, 2027 at 1:30pm'
_DATE_AND_CLOCK = re.compile(
    r"(?P<date>.+?)(?:[\sT,]+|\s+at\s+)(?P<clock>\d{1,2}(?:[:.h]\d{2}(?::\d{2})?)?\s*(?:[ap]\.?\s*m\.?)?)",
    re.IGNORECASE,
)


def _date_and_clock(text: str, days_first: bool) -> datetime | None:
    """A cell holding a date and a clock time as one naive datetime; None when it does not."""
    match = _DATE_AND_CLOCK.fullmatch(text.strip())
    clock = read_clock(match["clock"]) if match else None
    if match is None or clock is None:
        return None
    try:
        return datetime.combine(read_date(match["date"], days_first=days_first), clock)
    except ValueError:
        return None


_MINUTES = re.compile(
    r"(?:pt)?(?:(?P<h>\d{1,2})\s*h(?:ours?|rs?)?\.?)?\s*(?:(?P<m>\d{1,3})\s*(?:m(?:in(?:ute)?s?)?\.?)?)?",
    re.IGNORECASE,
)


def minutes_of(cell: str) -> int | None:
    """A duration cell in minutes: '45', '45 min', '1h30', '1 hr', '01:30' (h:mm), 'PT1H30M'."""
    text = cell.strip().lower()
    if clock := re.fullmatch(r"(\d{1,2}):(\d{2})(?::00)?", text):
        return int(clock[1]) * 60 + int(clock[2])
    match = _MINUTES.fullmatch(text)
    if not text or match is None or not (match["h"] or match["m"]):
        return None
    return int(match["h"] or 0) * 60 + int(match["m"] or 0) or None


def format_of(group: str) -> str:
    """The format a session name implies: 'Keynote #1' -> 'Keynote', 'Shiny' -> 'Talk'."""
    if not group:
        return ""
    return next((name for pattern, name in _FORMATS if pattern.search(group)), "Talk")


_OBJECTIVE_ITEM = re.compile(r"^\s*(?:[-*+•·▪◦‣]|\(?\d{1,2}[.)])\s+")


def objectives_of(cell: str) -> tuple[str, ...]:
    """A learning-objectives cell as its items: one a line ('1. Recognise …', '- Map …'), or
    split at ';' when the cell is one line."""
    lines = [line for line in plain_text(cell).splitlines() if line.strip()]
    if len(lines) == 1 and ";" in lines[0]:
        lines = lines[0].split(";")
    items = (" ".join(_OBJECTIVE_ITEM.sub("", line).split()) for line in lines)
    return tuple(item for item in items if not is_not_given(item))


def part_when(
    row: Sequence[str], day: date | None, context: Context
) -> tuple[datetime | None, datetime | None]:
    """A paper's own start and end inside its session ('Presentation Start' 11:20), on the
    session's day; (None, None) where the row gives none or they do not read."""
    start_text, end_text = context.cell(row, "part_start"), context.cell(row, "part_end")
    try:
        start = _moment(start_text, day, context) if start_text else None
        end = _moment(end_text, start.date(), context) if start and end_text else None
    except ValueError:
        return None, None
    return start, end if start and end and end > start else None


def keywords_of(cell: str) -> tuple[str, ...]:
    """'carbon, vines; soil' -> ('carbon', 'vines', 'soil')."""
    words = (" ".join(word.split()) for word in re.split(r"[,;]", cell))
    return tuple(dict.fromkeys(word for word in words if not is_not_given(word)))


def recorded_of(cell: str) -> bool | None:
    """'✅' / 'yes' -> True, '❌' / 'no' -> False, anything else -> None."""
    value = cell.strip().lower()
    if value in _YES:
        return True
    if value in _NO:
        return False
    return None
