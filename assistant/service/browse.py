"""Browsing the programme on its pages: filters, day tabs, now and next, language names."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from assistant.answers.answerer import LANGUAGES
from assistant.answers.vocabulary import fold
from assistant.programme import Session
from assistant.search.glossary import language_is_german, looks_english, looks_german
from assistant.service.calendar import to_local
from assistant.service.lookup import matches

PAGE_LANGUAGE = "en"  # the pages' own words (labels, headings) are English
# Filters a delegate can narrow the list by: query parameter, label, the session's field.
FILTERS: tuple[tuple[str, str, str], ...] = (
    ("track", "Track", "stream"),
    ("room", "Room", "room"),
    ("format", "Format", "format"),
    ("lang", "Language", "language"),
)
ALL_DAYS = "all"
UNTIMED = timedelta(hours=1)  # how long 'now' lasts for a session the programme gives no end


def language_code(label: str) -> str:
    """'de' for 'de', 'de-DE', 'German' or 'Deutsch'; a short code as given; '' otherwise."""
    text = label.strip().lower().replace("_", "-")
    if not text:
        return ""
    if language_is_german(text):
        return "de"
    named = {name.lower(): code for code, name in LANGUAGES.items()}
    if text in named:
        return named[text]
    primary = text.split("-")[0]
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else ""


def language_name(label: str) -> str:
    """'German' for 'de' or 'de-DE'; a label that is already a name stays as written."""
    code = language_code(label)
    return LANGUAGES.get(code, label.strip()) if code else label.strip()


def text_language(text: str, label: str = "") -> str:
    """The language a text is written in: German or English by its own words, else the
    session's label; '' when neither tells."""
    if looks_german(text):
        return "de"
    if looks_english(text):
        return "en"
    return language_code(label)


def lang_attribute(text: str, label: str = "") -> str:
    """The lang attribute a text needs on an English page: its code when another language."""
    code = text_language(text, label)
    return code if code and code != PAGE_LANGUAGE else ""


def local_start(session: Session, zone: tzinfo | None) -> datetime | None:
    """The session's start as the programme's wall clock shows it (naive)."""
    if session.start is None:
        return None
    return to_local(session.start, zone).replace(tzinfo=None)


def local_end(session: Session, zone: tzinfo | None) -> datetime | None:
    """The session's end on the wall clock; an hour after the start when the programme gives none."""
    start = local_start(session, zone)
    if start is None:
        return None
    if session.end is None or session.end <= session.start:  # type: ignore[operator]
        return start + UNTIMED
    return to_local(session.end, zone).replace(tzinfo=None)


@dataclass(frozen=True, slots=True)
class NowNext:
    """What runs at a moment and what starts next (at the next start time after it)."""

    now: tuple[Session, ...] = ()
    next: tuple[Session, ...] = ()
    next_start: datetime | None = None


def now_and_next(sessions: Iterable[Session], zone: tzinfo | None, moment: datetime) -> NowNext:
    """Sessions running at `moment` (programme-local, naive) and those starting next."""
    running: list[Session] = []
    later: list[tuple[datetime, Session]] = []
    for session in sessions:
        start, end = local_start(session, zone), local_end(session, zone)
        if start is None or end is None:
            continue
        if start <= moment < end:
            running.append(session)
        elif start > moment:
            later.append((start, session))
    if not later:
        return NowNext(now=tuple(running))
    first = min(start for start, _ in later)
    coming = tuple(s for start, s in later if start == first)
    return NowNext(now=tuple(running), next=coming, next_start=first)


@dataclass(frozen=True, slots=True)
class Choice:
    """One option of a filter: the value sent and the label shown."""

    value: str
    label: str


@dataclass(frozen=True, slots=True)
class Filter:
    """A filter the programme has at least two values for, and the value chosen."""

    name: str
    label: str
    choices: tuple[Choice, ...]
    chosen: str = ""


def session_field(session: Session, attribute: str) -> str:
    """A filterable field as a delegate picks it: languages by their code."""
    value = str(getattr(session, attribute))
    return language_code(value) or value if attribute == "language" else value


def filters_for(sessions: Sequence[Session], chosen: Mapping[str, str]) -> tuple[Filter, ...]:
    """The filters worth offering: those whose field takes two or more values."""
    offered = []
    for name, label, attribute in FILTERS:
        values = sorted({session_field(s, attribute) for s in sessions} - {""}, key=fold)
        if len(values) < 2:
            continue
        show = language_name if attribute == "language" else str
        choices = tuple(Choice(v, show(v)) for v in values)
        offered.append(Filter(name, label, choices, chosen.get(name, "")))
    return tuple(offered)


@dataclass(frozen=True, slots=True)
class Selection:
    """What a delegate asked the list for: words, a day (or all days) and filter values."""

    words: tuple[str, ...] = ()
    day: str = ""
    values: Mapping[str, str] = field(default_factory=dict)

    def keeps(self, session: Session, zone: tzinfo | None) -> bool:
        """True when the session passes every filter, the day and the words."""
        for name, _, attribute in FILTERS:
            wanted = self.values.get(name, "")
            if wanted and fold(session_field(session, attribute)) != fold(wanted):
                return False
        if self.day and self.day != ALL_DAYS:
            start = local_start(session, zone)
            on = start.date() if start else session.day
            if on is None or on.isoformat() != self.day:
                return False
        return not self.words or matches(session, self.words)


def chosen_day(requested: str, days: Sequence[date], today: date, searching: bool) -> str:
    """The day tab to show: the one asked for, else all days for a search, else today during
    the programme, else its first day ('' when it has no days)."""
    known = {d.isoformat() for d in days}
    if requested == ALL_DAYS or requested in known:
        return requested
    if searching or not days:
        return ALL_DAYS if days else ""
    return today.isoformat() if today.isoformat() in known else days[0].isoformat()


def short_day(day: date) -> str:
    """A day tab's label: 'Fri 27 Dec'."""
    return f"{day:%a} {day.day} {day:%b}"
