"""A session's running order written into its description ('10:30  Alarm fatigue in the HDU -
Annika Lindqvist (Norrland University Hospital)', a line a talk, or a bullet a talk without
times), as feeds without a field for a session's talks write them (a Sessionize session of
moderated orals, a calendar event): the talks become the session's parts, each with its
presenters (and time), in every format alike."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from assistant.programme import Part, Person, Session
from assistant.sources.described import reads_as_name
from assistant.sources.problems import ParsedSource
from assistant.sources.text import people_list

# a clock opening a talk: '10:30 ', '9.05 ' (a range '12:20-12:30' opens none)
_CLOCK = re.compile(r"(?<!\S)(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?=\s)")
# what follows it: 'Title - Presenter (Organisation), Presenter (Organisation)'
_TALK = re.compile(r"^[-–:]?\s*(?P<title>\S.*?)\s+[-–—]\s+(?P<people>[^\W\d_].*?)\s*$")
# an untimed one: '- Title - Presenter, Presenter', the title up to the last dash
_LISTED_TALK = re.compile(
    r"^\s*[-•*·–]\s+(?P<title>\S.*)\s+[-–—]\s+(?P<people>[^\W\d_][^-–—]*?)\s*$"
)
_MIN_TALKS = 2  # one timed line is a note ('12:20 Discussion'), not a running order


def with_running_orders(source: ParsedSource) -> ParsedSource:
    """The source with each single-part session whose description lists its talks by time
    given those talks as its parts."""
    sessions = tuple(_ordered(s) for s in source.sessions)
    if all(a is b for a, b in zip(sessions, source.sessions, strict=True)):
        return source
    return replace(source, sessions=sessions)


def _ordered(session: Session) -> Session:
    if len(session.parts) > 1 or not session.abstract:
        return session
    if session.start is None:
        return _listed(session)
    kept: list[str] = []
    talks: list[tuple[re.Match[str], re.Match[str], tuple[Person, ...]]] = []
    for paragraph in session.abstract.split("\n"):
        found = _talks_in(paragraph)
        if found:
            talks.extend(found)
            kept.append(paragraph[: found[0][0].start()].strip())
        else:
            kept.append(paragraph)
    if len(talks) < _MIN_TALKS:
        return _listed(session)
    known = {p.id: p for p in session.speakers}
    starts = [_at(session.start, clock) for clock, _, _ in talks]
    ends = [*starts[1:], session.end]
    parts = tuple(
        Part(
            number,
            " ".join(talk["title"].split()),
            speakers=tuple(known.get(p.id, p) for p in people),
            start=start,
            end=end if end is not None and start is not None and end > start else None,
        )
        for number, ((_, talk, people), start, end) in enumerate(
            zip(talks, starts, ends, strict=True), 1
        )
    )
    abstract = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    return replace(session, parts=parts, abstract=abstract)


def _listed(session: Session) -> Session:
    """The session with the talks its description lists untimed, a bullet a talk ('- Look-alike,
    sound-alike: tall-man lettering - Rami Haddad'), as its parts, when every presenter so
    named is one of its speakers (without a clock, only they tell a talk from a list of
    things to bring); the session itself when fewer than two lines are talks."""
    known = {_folded_name(p.name): p for p in session.speakers}
    kept: list[str] = []
    parts: list[Part] = []
    for line in session.abstract.split("\n"):
        talk = _LISTED_TALK.match(line)
        people = people_list(talk["people"]) if talk else ()
        presenters = tuple(known.get(_folded_name(p.name)) for p in people)
        if talk and presenters and all(presenters):
            title = " ".join(talk["title"].split())
            parts.append(Part(len(parts) + 1, title, speakers=tuple(p for p in presenters if p)))
        else:
            kept.append(line)
    if len(parts) < _MIN_TALKS:
        return session
    abstract = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    return replace(session, parts=tuple(parts), abstract=abstract)


def _folded_name(name: str) -> str:
    """A name as compared: case and spacing aside."""
    return " ".join(name.casefold().split())


def _talks_in(
    paragraph: str,
) -> list[tuple[re.Match[str], re.Match[str], tuple[Person, ...]]]:
    """The timed talks a paragraph lists from its first clock on, each with its presenters
    (names that read as names); [] when any piece after a clock is not a talk so written."""
    clocks = list(_CLOCK.finditer(paragraph))
    if not clocks:
        return []
    found = []
    for clock, after in zip(clocks, [*clocks[1:], None], strict=True):
        piece = paragraph[clock.end() : after.start() if after else len(paragraph)]
        talk = _TALK.match(piece.strip())
        people = people_list(talk["people"]) if talk else ()
        if not talk or not people or not all(reads_as_name(p.name) for p in people):
            return []
        found.append((clock, talk, people))
    return found


def _at(start: datetime, match: re.Match[str]) -> datetime | None:
    """The talk's start on its session's day, in its zone; None for an impossible clock."""
    hour, minute = int(match["hour"]), int(match["minute"])
    if hour > 23 or minute > 59:
        return None
    return start.replace(hour=hour, minute=minute, second=0, microsecond=0)
