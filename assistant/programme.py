"""The programme model: immutable records that every answer is built from; no I/O."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class Capacity(StrEnum):
    """In what capacity a person appears in a session."""

    CHAIR = "chair"
    SPEAKER = "speaker"
    DISCUSSANT = "discussant"  # responds to a panel's papers (scientific congresses)


@dataclass(frozen=True, slots=True)
class SourceLocation:
    """Where a record was read from, so problems and citations can point back to it."""

    file: str
    line: int


@dataclass(frozen=True, slots=True)
class Person:
    """A person as one programme entry lists them (a chair or speaker line)."""

    name: str
    honorific: str = ""
    role: str = ""
    organisation: str = ""
    country: str = ""
    biography: str = ""  # the speaker's own words, where the programme carries them

    @property
    def id(self) -> str:
        """Stable id shared by every appearance of the same name."""
        return person_id(self.name)

    @property
    def presents(self) -> bool:
        """False for a paper's co-author, listed beside the one who presents it."""
        return self.role.casefold() != "co-author"

    @property
    def affiliation(self) -> str:
        """Role, organisation and country as a reader expects them, e.g. 'Lead, ABC Parents; England'."""
        left = ", ".join(p for p in (self.role, self.organisation) if p)
        return "; ".join(p for p in (left, self.country) if p)


@dataclass(frozen=True, slots=True)
class Part:
    """One part of a session (PART ONE, PART TWO ...); a single-part session has one.

    start and end are the part's own slot inside the session, where the programme gives one
    (an Indico contribution in its session block); None means the session's times apply."""

    index: int
    title: str
    abstract: str = ""
    objectives: tuple[str, ...] = ()
    speakers: tuple[Person, ...] = ()
    start: datetime | None = None
    end: datetime | None = None
    # the source's own id for this part where it has one (an Indico contribution): a delegate
    # or organiser who names the talk by it finds it among the citations
    source_id: str = ""


@dataclass(frozen=True, slots=True)
class Session:
    """A programme entry a delegate can attend: a session, talk, workshop or poster."""

    id: str
    title: str
    code: str = ""
    subtitle: str = ""
    day: date | None = None
    start: datetime | None = None
    end: datetime | None = None
    room: str = ""
    stream: str = ""
    group: str = ""
    format: str = ""
    content_filters: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    language: str = ""
    recorded: bool | None = None
    url: str = ""
    chairs: tuple[Person, ...] = ()
    discussants: tuple[Person, ...] = ()
    parts: tuple[Part, ...] = ()
    abstract: str = ""
    objectives: tuple[str, ...] = ()
    source: SourceLocation | None = None

    @property
    def scheduled(self) -> bool:
        """True when the programme gives the session a start time."""
        return self.start is not None

    @property
    def speakers(self) -> tuple[Person, ...]:
        """Every speaker of every part, first appearance first, each name once."""
        seen: dict[str, Person] = {}
        for part in self.parts:
            for person in part.speakers:
                seen.setdefault(person.id, person)
        return tuple(seen.values())

    @property
    def people(self) -> tuple[Person, ...]:
        """Chairs, discussants, then speakers, each name once."""
        seen: dict[str, Person] = {}
        for person in (*self.chairs, *self.discussants, *self.speakers):
            seen.setdefault(person.id, person)
        return tuple(seen.values())


@dataclass(frozen=True, slots=True)
class Appearance:
    """One place a person appears: a session, in a capacity, optionally in one part."""

    session_id: str
    capacity: Capacity
    part_index: int | None = None


@dataclass(frozen=True, slots=True)
class Participant:
    """One record per person across the programme, with every appearance."""

    id: str
    person: Person
    appearances: tuple[Appearance, ...]

    @property
    def session_ids(self) -> tuple[str, ...]:
        """Sessions this person appears in, in programme order, each once."""
        return tuple(dict.fromkeys(a.session_id for a in self.appearances))


@dataclass(frozen=True, slots=True)
class Programme:
    """A whole conference programme: its sessions and the people in them."""

    title: str
    sessions: tuple[Session, ...]
    timezone: str | None = None
    people: tuple[Participant, ...] = field(default=())
    # worked out once: every answer asks for the days, often several times
    _days: tuple[date, ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        days = tuple(sorted({s.day for s in self.sessions if s.day is not None}))
        object.__setattr__(self, "_days", days)

    def session(self, session_id: str) -> Session | None:
        """The session with this id, or None."""
        for session in self.sessions:
            if session.id == session_id:
                return session
        return None

    @property
    def days(self) -> tuple[date, ...]:
        """The programme's days in order (day 1 first)."""
        return self._days


def person_id(name: str) -> str:
    """A slug that is the same for 'Laura Pozzobon' and 'laura  pozzobon'."""
    return slug(name)


# letters that Unicode does not decompose into a plain letter and an accent mark
_PLAIN_LETTERS = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ħ": "h", "ı": "i",
     "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th"}
)  # fmt: skip


def plain_letters(text: str) -> str:
    """'Małgorzata Øvergaard' -> 'Malgorzata Overgaard' (accents on other letters are left for
    NFKD): what a delegate types on a keyboard without those letters."""
    return text.translate(_PLAIN_LETTERS)


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens."""
    ascii_text = (
        unicodedata.normalize("NFKD", plain_letters(text)).encode("ascii", "ignore").decode()
    )
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def gather_people(sessions: Iterable[Session]) -> tuple[Participant, ...]:
    """One Participant per name, with appearances in programme order.

    The most complete listing of a person (most fields filled) represents them."""
    people: dict[str, Person] = {}
    appearances: dict[str, list[Appearance]] = {}
    for session in sessions:
        listed: list[tuple[Person, Appearance]] = [
            (chair, Appearance(session.id, Capacity.CHAIR)) for chair in session.chairs
        ]
        listed.extend(
            (person, Appearance(session.id, Capacity.DISCUSSANT)) for person in session.discussants
        )
        for part in session.parts:
            listed.extend(
                (speaker, Appearance(session.id, Capacity.SPEAKER, part.index))
                for speaker in part.speakers
            )
        for person, appearance in listed:
            known = people.get(person.id)
            if known is None or _completeness(person) > _completeness(known):
                people[person.id] = person
            appearances.setdefault(person.id, []).append(appearance)
    return tuple(Participant(pid, people[pid], tuple(appearances[pid])) for pid in people)


def _completeness(person: Person) -> int:
    return sum(
        bool(v)
        for v in (
            person.honorific,
            person.role,
            person.organisation,
            person.country,
            person.biography,
        )
    )


def make_programme(
    title: str, sessions: Iterable[Session], timezone: str | None = None
) -> Programme:
    """A Programme with its people gathered from the sessions."""
    ordered = tuple(sessions)
    return Programme(
        title=title, sessions=ordered, timezone=timezone, people=gather_people(ordered)
    )


def with_people(programme: Programme) -> Programme:
    """The same programme with people regathered (after sessions were replaced)."""
    return replace(programme, people=gather_people(programme.sessions))


_OFFSET = re.compile(r"^(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})$")


def zone_named(name: str | None) -> tzinfo | None:
    """The zone a programme names: an IANA name, a '+01:00' offset or UTC; None if empty or unknown."""
    name = (name or "").strip()
    if not name:
        return None
    if name.upper() in ("UTC", "Z", "GMT"):
        return UTC
    match = _OFFSET.match(name)
    if match:
        sign, hours, minutes = match.groups()
        delta = timedelta(hours=int(hours), minutes=int(minutes))
        return timezone(-delta if sign == "-" else delta)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def written_zone(programme: Programme) -> tzinfo | None:
    """The zone of the times the programme writes; a file's own offsets win over its label.

    Answers and pages show times as the file writes them, so both use this."""
    written = next((s.start for s in programme.sessions if s.start and s.start.tzinfo), None)
    named = zone_named(programme.timezone)
    if written is None or written.tzinfo is None:
        return named
    if named is not None and named.utcoffset(written) == written.utcoffset():
        return named  # a named zone also knows its daylight-saving changes
    return written.tzinfo
