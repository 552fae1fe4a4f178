"""Question -> structured query: what is asked and which programme entities it names; pure.

understand() runs the slot readers (slots/) and the ask classifier (asks.py) in turn; each
reader claims the words it read, so no word names two things and the rest is the topic."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from assistant.answers.ask_classifier import AskClassifier, classified_asks
from assistant.answers.asks import (
    AGENDA_ASKS,
    Ask,
    asked_words,
    default_asks,
    mend_question_words,
    read_asks,
    reads_agenda,
)
from assistant.answers.slots.codes import read_codes
from assistant.answers.slots.days import Days, read_days
from assistant.answers.slots.exclusions import set_aside
from assistant.answers.slots.formats import (
    marked_level,
    read_filters,
    read_formats,
    read_languages,
    unheard_language,
    wanted_language,
    wanted_level,
    yes_no_format,
)
from assistant.answers.slots.organisations import Affiliation, read_affiliation
from assistant.answers.slots.parts import read_ordinal, read_part
from assistant.answers.slots.people import read_people, read_unknown_person
from assistant.answers.slots.phrasebooks import in_english, question_language
from assistant.answers.slots.places import (
    STREAM_WORDS,
    place_field,
    read_groups,
    read_rooms,
    read_streams,
)
from assistant.answers.slots.question import FILLER, Question, Read, asking_clause, read_question
from assistant.answers.slots.references import (
    after_previous,
    excludes_previous,
    read_after_session,
    refers_back,
    what_about,
)
from assistant.answers.slots.shorthand import expanded
from assistant.answers.slots.times import TimeWindow, read_horizon, read_window
from assistant.answers.slots.topics import other_wording, read_topic
from assistant.answers.vocabulary import Vocabulary, words
from assistant.answers.wording import Text
from assistant.programme import Programme

__all__ = [
    "AGENDA_ASKS",
    "Ask",
    "Query",
    "TimeWindow",
    "marked_level",
    "other_wording",
    "reads_agenda",
    "understand",
]


@dataclass(frozen=True, slots=True)
class Query:
    """A question understood against one programme's vocabulary."""

    text: str
    asks: tuple[Ask, ...]
    place_field: str = "room"
    people: tuple[str, ...] = ()
    unknown_person: str = ""
    codes: tuple[str, ...] = ()
    rooms: tuple[str, ...] = ()
    streams: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()
    filters: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    unknown_affiliation: str = ""
    unknown_language: str = ""  # a language asked for that no session is in: 'es'
    affiliation_phrase: str = ""  # the organisation or country as asked: 'a hospital'
    languages: tuple[str, ...] = ()
    days: tuple[date, ...] = ()
    day_label: Text = ""
    unknown_day: Text = ""
    relative_day: int | None = None
    # the clause that asks names the day ('missed it on weds, what time is it on thursday?')
    day_asked: bool = False
    window: TimeWindow | None = None
    missing_format: str = ""
    topic: str = ""
    ordinal: int | None = None
    part_index: int | None = None
    refers_back: bool = False
    after_previous: bool = False  # 'and after that?': what follows the sessions just named
    after_session: str = ""  # 'what's on after the opening ceremony?': the session it names
    horizon: int | None = None  # 'starting in the next hour': minutes ahead of the clock
    excludes_previous: bool = False
    excluded: tuple[str, ...] = ()  # words naming sessions set aside: 'apart from lunch'
    what_about: bool = False
    yes_no_format: str = ""
    wanted_language: str = ""
    wanted_level: str = ""  # 'beginner', 'intermediate' or 'advanced' in 'is it for beginners?'
    # the sessions starred on the asker's device, sent with the question; None: none were sent
    agenda: tuple[str, ...] | None = None
    language: str = "en"  # the language it is asked in, and so answered in
    entities: tuple[str, ...] = field(default=())

    @property
    def has_filters(self) -> bool:
        """True when the question narrows the programme by day, time, place, stream or kind.

        What a question asks about is not a filter: 'is it in English?' or 'is it a poster?'."""
        asks_kind = Ask.FORMAT in self.asks
        return bool(
            self.days
            or self.relative_day is not None
            or self.window
            or (self.rooms and not asks_kind)
            or self.streams
            or (self.groups and not asks_kind)
            or (self.formats and not asks_kind)
            or self.filters
            or (self.languages and Ask.LANGUAGE not in self.asks)
            or self.excluded
        )

    @property
    def names_something(self) -> bool:
        """True when the question names a person, session, place or topic of its own."""
        return bool(
            self.people
            or self.codes
            or self.topic
            or self.organisations
            or self.countries
            or self.has_filters
            or self.unknown_person
            or self.unknown_day
            or self.unknown_affiliation
            or self.unknown_language
        )


def understand(
    question: str,
    programme: Programme,
    vocabulary: Vocabulary,
    classifier: AskClassifier | None = None,
    language: str = "",
) -> Query:
    """Read one question against the programme's own vocabulary; the classifier, when given,
    names the ask for wordings the rules do not know. `language` is the one it is asked in
    (slots.phrasebooks.question_language); without it, the question's own words tell."""
    language = language or question_language(question)
    question, excluded = set_aside(question)
    q, named = _read_names(
        read_question(in_english(expanded(question), language)), programme, vocabulary
    )
    mended, slips = mend_question_words(q.folded)
    # a title's own words ask nothing: 'in which room is Next Level Ansible?' asks where
    asks = read_asks(without_titles(mended, vocabulary.titles)) or read_asks(mended)
    if asks == (Ask.HELP,) and (named.has_filters or named.people or named.codes):
        asks = ()  # 'what can I do on the Friday?' asks for Friday's sessions, not for help
    unheard = unheard_language(q, vocabulary.languages)  # 'any talks in Spanish?' at PyConFR
    if not asks and classifier is not None and not (named.has_filters or named.people or unheard):
        # only where the rules would fall back to a topic search: 'which of those are in
        # english?' narrows a list by its filters whatever the model makes of it
        asks, guessed_slips = classified_asks(mended, classifier)
        slips |= guessed_slips
    affiliation, unknown_person = Affiliation(), ""
    if not named.people:
        q, affiliation = q.read(read_affiliation(q, vocabulary, asked=Ask.AFFILIATION in asks))
        someone = read_unknown_person(q)
        if not _in_a_title(words(someone.value), vocabulary.titles):  # 'when is perfect paul on?'
            q, unknown_person = q.read(someone)
    q, part_index = q.read(read_part(q))
    ordinal = read_ordinal(q)
    listing = bool({Ask.LIST, Ask.NEXT} & set(asks))
    q, horizon = q.read(read_horizon(q))
    q = q.claim(_at_the_event(q, vocabulary.event_words) | _whole_event(q))
    unnamed, after_session = q.read(read_after_session(q)) if listing or not asks else (q, "")
    structured = named.has_filters or bool(named.people) or ordinal is not None
    topic = _topic(unnamed, asked_words(asks) | slips, vocabulary, structured)
    if (
        after_session and not listing and topic
    ):  # 'anything on sepsis after the break' asks of sepsis
        after_session, topic = "", _topic(q, asked_words(asks) | slips, vocabulary, structured)
    asks = _situated(asks, named, topic, q.folded)
    if not asks:  # named has no asks yet: every day, time, place, kind and language narrows
        asks = default_asks(topic, bool(named.people), has_filters=named.has_filters)
    return replace(
        named,
        asks=asks,
        unknown_person=unknown_person,
        organisations=affiliation.organisations,
        countries=affiliation.countries,
        unknown_affiliation=affiliation.unknown,
        affiliation_phrase=affiliation.phrase,
        topic=topic,
        ordinal=ordinal,
        part_index=part_index,
        after_session=after_session,
        horizon=horizon,
        # the default asks are never FORMAT or LANGUAGE
        yes_no_format=yes_no_format(q) if Ask.FORMAT in asks else "",
        wanted_language=wanted_language(q) if Ask.LANGUAGE in asks else "",
        # 'is it in Spanish?' asks about a session; 'any talks in Spanish?' asks for some
        unknown_language="" if Ask.LANGUAGE in asks else unheard,
        language=language,
        excluded=excluded,
    )


# 'sitting in hörsaal 1, what's this talk?': the one on here and now
THIS_TALK = re.compile(
    r"\b(this|the current) (talk|session|one|workshop|panel|lecture|presentation)\b"
)
SITUATION_ASKS = frozenset({Ask.TOPIC, Ask.WHO, Ask.ABOUT, Ask.PERSON})


def _topic(q: Question, asked: frozenset[str], vocabulary: Vocabulary, structured: bool) -> str:
    """The topic without what the delegate said before asking, unless that leaves a question
    that names nothing at all ('sepsis - any talks?' is about sepsis)."""
    topic = read_topic(q, asked, vocabulary.title_words, skip_lead_in=True)
    return topic or ("" if structured else read_topic(q, asked, vocabulary.title_words))


def _situated(asks: tuple[Ask, ...], named: Query, topic: str, folded: str) -> tuple[Ask, ...]:
    """Asks read again in the light of where and when the delegate is: 'rn' beside tomorrow is
    the delegate's now, not the question's; 'this talk' in a named room is the one on now."""
    other_day = named.days or named.relative_day not in (None, 0)
    if Ask.NOW in asks and other_day:
        return tuple(a for a in asks if a is not Ask.NOW)
    place = named.rooms or named.streams
    if place and not topic and set(asks) <= SITUATION_ASKS and THIS_TALK.search(folded):
        return (Ask.NOW,)
    return asks


# 'over the 2 days', 'across both days', 'during the conference': the whole programme, no filter
_WHOLE_EVENT = re.compile(
    r"\b(?:over|across|during|throughout) (?:the |all |both )?(?:(?:2|3|4|two|three|four|both|all|"
    r"whole|entire) )?(?:the )?(?:days|conference|congress|event|week|weekend|programme|program)\b"
)


def _whole_event(q: Question) -> set[int]:
    """The words of a phrase that spans the whole event ('over the 2 days')."""
    said = " ".join(q.tokens)
    taken: set[int] = set()
    for match in _WHOLE_EVENT.finditer(said):
        start = len(said[: match.start()].split())
        taken.update(range(start, start + len(match.group().split())))
    return taken


def _at_the_event(q: Question, event_words: frozenset[str]) -> set[int]:
    """'anything on bitcoin at debconf?': the conference's own name after 'at' is no topic."""
    tokens = q.tokens
    return {
        i
        for i, t in enumerate(tokens)
        if t in event_words and i > 0 and tokens[i - 1] in ("at", "during", "this", "for")
    }


def _words_of_a_title(q: Question, taken: frozenset[int], titles: tuple[str, ...]) -> bool:
    """Whether the words a reader took, with the word before them, stand in a session's title
    ('falls at night' in 'Falls at night: sensors, sitters or something else?')."""
    if not taken:
        return False
    start, end = min(taken), max(taken) + 1
    while start and q.tokens[start - 1] in ("at", "in", "on", "the", "this"):
        start -= 1  # 'falls at night': the words of the time, and the one it is said of
    if not start or q.tokens[start - 1] in FILLER:
        return False
    return _in_a_title(q.tokens[start - 1 : end], titles)


def _in_a_title_named(q: Question, taken: frozenset[int], titles: tuple[str, ...]) -> bool:
    """Whether the words a reader took stand inside a whole title the question names
    ('maternity safety' of the session 'Maternity safety', 'Maternity' being a stream too)."""
    if not taken:
        return False
    spaced = f" {' '.join(q.tokens)} "
    for title in titles:
        at = spaced.find(f" {title} ")
        if at < 0:
            continue
        first = spaced[:at].count(" ")  # the title's first word's position
        if set(range(first, first + len(title.split()))) >= taken:
            return True
    return False


def _in_a_title(spelt: Sequence[str], titles: tuple[str, ...]) -> bool:
    """Whether these words stand together in a session's title ('perfect paul', 'falls at
    night'): the titles as the vocabulary spells them, word by word."""
    phrase = f" {' '.join(spelt)} "
    return bool(spelt) and any(phrase in f" {t} " for t in titles)


def without_titles(text: str, titles: tuple[str, ...]) -> str:
    """The folded question with the programme's titles it names (two words or more) left out;
    the question as it is when it names none."""
    spaced = f" {' '.join(words(text))} "
    for title in (t for t in titles if f" {t} " in spaced):
        pattern = r"\b" + r"\W+".join(re.escape(w) for w in title.split()) + r"\b"
        text = re.sub(pattern, " … ", text)
    return text


def _days_asked(q: Question, programme_days: tuple[date, ...]) -> tuple[Read[Days], bool]:
    """The days named, or only those in the clause that asks when the words before it name
    others ('missed it on weds, what time is it on thursday?' asks of Thursday), and whether
    the clause that asks names a day."""
    found = read_days(q, programme_days)
    if found.value.ruled_out:  # 'can't make thursday, is it on again?': the other days asked
        return found, True
    clause = asking_clause(q) if found.value.days else None
    if clause is None:
        return found, False
    asked = read_days(q.claim(range(clause.start)), programme_days)
    if not asked.value.days:
        return found, False
    return (Read(asked.value, found.taken) if len(found.value.days) > 1 else found), True


def _spelled_out_track(q: Question) -> set[int]:
    """The words that spell out a track named by its short name: 'the research software
    engineering track (de-rse)' lists the de-RSE track, it asks of no topic."""
    tokens = q.tokens
    spelled: set[int] = set()
    for at in (i for i, t in enumerate(tokens) if t in STREAM_WORDS):
        if not any(i in q.claimed for i in range(at + 1, min(at + 4, len(tokens)))):
            continue  # the short name follows the word 'track'
        start = at
        while start > 0 and tokens[start - 1] not in FILLER:
            start -= 1
        spelled.update(range(start, at))
    return spelled


def _read_names(
    q: Question, programme: Programme, vocabulary: Vocabulary
) -> tuple[Question, Query]:
    """What the question names before anything depends on what it asks: the Query so far."""
    q, codes = q.read(read_codes(q, vocabulary, programme.sessions))
    # Dates and times first, so "22 may" or "day 2" is never read as a name.
    read_days_asked, day_asked = _days_asked(q, programme.days)
    q, days = q.read(read_days_asked)
    when = read_window(q)
    if not _words_of_a_title(q, when.taken, vocabulary.titles):  # 'the falls at night one'
        q, window = q.read(when)
    else:
        window = None
    q, filters = q.read(read_filters(q, vocabulary.filters))
    q, groups = q.read(read_groups(q, vocabulary.groups))
    q, rooms = q.read(read_rooms(q, vocabulary.rooms))
    named_streams = read_streams(q, vocabulary.streams)
    # 'whos chairing maternity safety?': a stream's word in a title named whole is the title's
    streams: tuple[str, ...] = ()
    if not _in_a_title_named(q, named_streams.taken, vocabulary.titles):
        q, streams = q.read(named_streams)
        q = q.claim(_spelled_out_track(q) if streams else ())
    # People after places: 'the chaos-west stage' is a room even if someone calls themselves so.
    q, people = q.read(read_people(q, vocabulary))
    q, formats = q.read(read_formats(q, vocabulary))
    q, languages = q.read(read_languages(q, vocabulary.languages))
    return q, Query(
        text=q.text,
        asks=(),
        place_field=place_field(q),
        people=people,
        codes=codes,
        rooms=rooms,
        streams=streams,
        groups=groups,
        formats=formats.named,
        filters=filters,
        languages=languages,
        days=days.days,
        day_label=days.label,
        unknown_day=days.unknown,
        relative_day=days.relative,
        day_asked=day_asked,
        window=window,
        missing_format=formats.missing,
        refers_back=refers_back(q),
        after_previous=after_previous(q),
        excludes_previous=excludes_previous(q),
        what_about=what_about(q),
        wanted_level=wanted_level(q),
    )
