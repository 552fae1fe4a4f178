"""Finding sessions: by id, by the question's days, times, places and kinds, in programme order."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta

from assistant.answers.answerability import AnswerabilityModel
from assistant.answers.answerer import LANGUAGE_NAMES
from assistant.answers.clock import minutes
from assistant.answers.relevance import Coverage
from assistant.answers.understanding import Ask, Query
from assistant.answers.vocabulary import fold, words
from assistant.answers.wording import Listing, Text, joined, says
from assistant.programme import Participant, Programme, Session
from assistant.search.glossary import session_language
from assistant.search.retriever import Retriever

# What a question may ask about sessions it names or finds
SESSION_ASKS = {
    Ask.WHO,
    Ask.WHEN,
    Ask.WHERE,
    Ask.CHAIR,
    Ask.FORMAT,
    Ask.LEVEL,
    Ask.LANGUAGE,
    Ask.RECORDED,
    Ask.OBJECTIVES,
    Ask.ABOUT,
}


# what a repeat's title adds to its first run's: '(REPEAT of W1)', '– repeat', '(2nd run)'
_REPEAT_MARK = re.compile(
    r"\s*[(\[–—-]?\s*(?:repeat(?:ed)?(?: session)?(?: of [\w.-]+)?|(?:2nd|second) run|again"
    r"|wiederholung|rediffusion|encore)\s*[)\]]?\s*$",
    re.IGNORECASE,
)


def runs_of(sessions: Sequence[Session]) -> dict[str, tuple[str, ...]]:
    """Each session's id -> the ids of every run of it, itself among them: the sessions with
    the very same title (but for a repeat's mark, '(REPEAT of W1)'), format, papers and speakers
    (not the abstract: a repeat may say so, 'Repeat of Thursday's workshop'). Worked out once,
    not per question."""

    def key(s: Session) -> tuple[str, ...]:
        fields = (s.title, s.format, *(p.title for p in s.parts), *(p.name for p in s.speakers))
        return tuple(" ".join(_REPEAT_MARK.sub("", f).casefold().split()) for f in fields)

    groups: dict[tuple[str, ...], list[str]] = {}
    for session in sessions:
        groups.setdefault(key(session), []).append(session.id)
    return {i: tuple(ids) for ids in groups.values() if len(ids) > 1 for i in ids}


class Finder:
    """One programme as the handlers search it: sessions and people by id, filters, order."""

    def __init__(
        self,
        programme: Programme,
        retriever: Retriever,
        answerability: AnswerabilityModel | None = None,
    ) -> None:
        self.programme = programme
        self.retriever = retriever
        self.coverage = Coverage(programme, retriever.glosses)
        self.answerability = answerability
        self.by_id = {s.id: s for s in programme.sessions}
        self.people = {p.id: p for p in programme.people}
        self._order = {s.id: i for i, s in enumerate(programme.sessions)}
        self._languages = {s.id: session_language(s) for s in programme.sessions}
        self.runs = runs_of(programme.sessions)
        # the words a delegate sets a session aside by: its title's and its format's
        self._kind_words = {
            s.id: frozenset(words(f"{s.title} {s.format}")) for s in programme.sessions
        }
        # the participants by their first name as written ('jeremy'), looked up, not scanned
        self._by_first_name: dict[str, list[Participant]] = {}
        for participant in programme.people:
            for first in fold(participant.person.name).split()[:1]:
                self._by_first_name.setdefault(first, []).append(participant)

    def namesakes(self, name: str) -> list[Participant]:
        """The participants whose first name is the one word `name` ([] for a fuller name)."""
        wanted = fold(name).split()
        return list(self._by_first_name.get(wanted[0], ())) if len(wanted) == 1 else []

    def filtered(self, q: Query, now: datetime) -> list[Session]:
        """The sessions the question's days, times, places and kinds allow."""
        listing = not topic_of(q) or bool({Ask.LIST, Ask.NOW, Ask.NEXT} & set(q.asks))
        days = set(q.days)
        if q.relative_day is not None:
            days.add(now.date() + timedelta(days=q.relative_day))
        keep = []
        for s in self.programme.sessions:
            if days and s.day not in days:
                continue
            if q.excluded and set(q.excluded) <= self._kind_words[s.id]:
                continue  # 'apart from lunch'
            if q.window is not None:
                span = minutes(s)
                if span is None:
                    continue
                if q.window.running:  # 'at 11:30': on at that moment
                    if not (span[0] <= q.window.start < max(span[1], span[0] + 1)):
                        continue
                elif not (q.window.start <= span[0] < q.window.end):
                    continue
            if q.rooms and Ask.FORMAT not in q.asks and not in_rooms(s, q.rooms):
                continue
            if q.groups and Ask.FORMAT not in q.asks and s.group not in q.groups:
                continue  # 'is the X talk virtual?' asks about a kind, it does not filter by it
            if q.streams and listing and s.stream not in q.streams:
                continue
            if (
                q.formats
                and (listing or q.people or bool(set(q.asks) & (SESSION_ASKS | {Ask.TOPIC})))
                and Ask.FORMAT not in q.asks
                and s.format not in q.formats
            ):
                continue
            if (
                q.filters
                and Ask.LEVEL not in q.asks
                and not set(q.filters) <= set(s.content_filters)
            ):
                continue
            if (
                q.languages
                and Ask.LANGUAGE not in q.asks
                and self._languages[s.id] not in q.languages
            ):
                continue
            keep.append(s)
        return keep

    def relaxed(self, q: Query, now: datetime) -> list[Session]:
        """Nearest sessions when filters leave nothing: drop the time, then the day, then the place."""
        for loosen in (
            {"window": None},
            {"window": None, "days": (), "day_label": "", "relative_day": None},
            {"window": None, "rooms": (), "streams": ()},
        ):
            looser = replace(q, **loosen)  # type: ignore[arg-type]
            if looser.has_filters:
                found = self.sorted(self.filtered(looser, now))
                if found:
                    return found[:3]
        return []

    def sorted(self, sessions: Iterable[Session]) -> list[Session]:
        """Sessions in time order: by day, start, room, then as the programme lists them."""

        def key(s: Session) -> tuple[int, date, int, str, int]:
            span = minutes(s)
            return (
                0 if s.start else 1,
                s.day or date.max,
                span[0] if span else 0,
                s.room,
                self._order[s.id],
            )

        return sorted(sessions, key=key)


def nth(sessions: list[Session], ordinal: int) -> list[Session]:
    """'The second one' of the sessions just named (0 is the last), or the last when past them."""
    index = ordinal - 1 if ordinal > 0 else len(sessions) - 1
    return sessions[index : index + 1] or sessions[-1:]


def in_rooms(session: Session, rooms: tuple[str, ...]) -> bool:
    """In one of the rooms, including a plenary slot listed as 'C01, B05/B06, B09'."""
    if session.room in rooms:
        return True
    return any(part.strip() in rooms for part in session.room.split(","))


def topic_of(q: Query) -> str:
    """The words retrieval ranks on: the question's topic, plus names that were not filters."""
    extra: list[str] = []
    if q.streams and q.topic and not ({Ask.LIST, Ask.NOW, Ask.NEXT} & set(q.asks)):
        extra.extend(q.streams)
    if q.missing_format and q.missing_format not in q.topic.split():
        extra.append(q.missing_format)
    return " ".join([q.topic, *extra]).strip() if q.topic or q.missing_format else ""


OR = says(" or ")
AND = says(" and ")


def scope_of(q: Query) -> Listing:
    """'in Eliza on Monday in the morning' — how the question narrowed the programme."""
    bits: list[Text] = []
    if q.groups:
        bits.append(says("in the %(groups)s session", groups=joined(q.groups, OR)))
    if q.rooms:
        bits.append(says("in %(rooms)s", rooms=joined(q.rooms, OR)))
    if q.streams and (not q.topic or {Ask.LIST, Ask.NOW, Ask.NEXT} & set(q.asks)):
        bits.append(says("in the %(streams)s stream", streams=joined(q.streams, OR)))
    if q.formats and not q.groups:
        bits.append(says("of format %(formats)s", formats=joined(q.formats, OR)))
    if q.filters:
        bits.append(says("marked %(filters)s", filters=joined([f"'{f}'" for f in q.filters], AND)))
    if q.languages:
        named = [LANGUAGE_NAMES.get(code, code) for code in q.languages]
        bits.append(says("in %(languages)s", languages=joined(named, OR)))
    if q.day_label:
        bits.append(says("on %(day)s", day=q.day_label))
    elif q.relative_day == 0:
        bits.append(says("today"))
    elif q.relative_day == 1:
        bits.append(says("tomorrow"))
    if q.window is not None:
        bits.append(q.window.label)
    return joined(bits)
