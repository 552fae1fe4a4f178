"""Question -> structured query: what is asked and which programme entities it names; pure."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from assistant.answers.vocabulary import (
    COMMON_WORDS,
    PLACE_WORDS,
    Match,
    Term,
    Vocabulary,
    best_non_overlapping,
    find_people,
    find_terms,
    fold,
    words,
)
from assistant.programme import Programme
from assistant.sources.dates import MONTHS


class Ask(StrEnum):
    """What the question wants to know."""

    WHO = "who"
    WHEN = "when"
    WHERE = "where"
    CHAIR = "chair"
    AFFILIATION = "affiliation"
    FORMAT = "format"
    LEVEL = "level"  # the audience or experience level a session is marked for
    LANGUAGE = "language"
    RECORDED = "recorded"
    OBJECTIVES = "objectives"
    ABOUT = "about"
    PERSON = "person"
    LIST = "list"
    TOPIC = "topic"
    NOW = "now"
    NEXT = "next"
    GREETING = "greeting"
    HELP = "help"
    THANKS = "thanks"


@dataclass(frozen=True, slots=True)
class TimeWindow:
    """Part of a day: sessions starting in [start, end) minutes after midnight (end may pass 24h)."""

    label: str
    start: int
    end: int
    running: bool = False


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
    affiliation_phrase: str = ""  # the organisation or country as asked: 'a hospital'
    languages: tuple[str, ...] = ()
    days: tuple[date, ...] = ()
    day_label: str = ""
    unknown_day: str = ""
    relative_day: int | None = None
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
    what_about: bool = False
    yes_no_format: str = ""
    wanted_language: str = ""
    wanted_level: str = ""  # 'beginner', 'intermediate' or 'advanced' in 'is it for beginners?'
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
        )


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
    "fourth": 4, "4th": 4, "fifth": 5, "5th": 5, "last": -1,
}  # fmt: skip
LANGUAGE_NAMES = {
    "english": "en", "german": "de", "deutsch": "de", "french": "fr", "spanish": "es",
    "italian": "it", "dutch": "nl", "portuguese": "pt", "polish": "pl", "russian": "ru",
}  # fmt: skip
# Kinds of session a delegate may name; a format the programme does not have is worth saying so.
FORMAT_WORDS = {
    "keynote": "keynote", "keynotes": "keynote", "workshop": "workshop", "workshops": "workshop",
    "poster": "poster", "posters": "poster", "tutorial": "tutorial", "tutorials": "tutorial",
    "lecture": "lecture", "lectures": "lecture", "panel": "panel", "panels": "panel",
    "performance": "performance", "performances": "performance", "lightning": "lightning",
    "masterclass": "masterclass", "seminar": "seminar", "symposium": "symposium",
    "plenary": "plenary", "podium": "podium", "demo": "demo", "meetup": "meetup",
    "virtual": "virtual", "online": "virtual", "concert": "concert",
}  # fmt: skip

# Abbreviations programmes and delegates use for the same topics, either way round.
ABBREVIATIONS = {
    "ai": "artificial intelligence", "ml": "machine learning", "dl": "deep learning",
    "llm": "large language model", "llms": "large language models",
    "nlp": "natural language processing", "cv": "computer vision",
    "rl": "reinforcement learning", "vr": "virtual reality", "ar": "augmented reality",
    "iot": "internet of things", "api": "application programming interface",
    "apis": "application programming interfaces", "ui": "user interface",
    "ux": "user experience", "hci": "human computer interaction", "os": "operating system",
    "db": "database", "orm": "object relational mapper", "gpu": "graphics card",
    "tdd": "test driven development", "ci": "continuous integration",
    "dns": "domain name system", "vpn": "virtual private network",
    "2fa": "two factor authentication", "mfa": "multi factor authentication",
    "sdr": "software defined radio", "gdpr": "data protection regulation",
    "qi": "quality improvement", "ehr": "electronic health record",
    "ehrs": "electronic health records", "emr": "electronic medical record",
    "icu": "intensive care", "ed": "emergency department", "gp": "general practice",
    "gps": "general practitioners", "amr": "antimicrobial resistance",
    "ppe": "personal protective equipment", "mdt": "multidisciplinary team",
    "ptsd": "post traumatic stress", "adhd": "attention deficit",
}  # fmt: skip


def other_wording(topic: str) -> str:
    """The topic with its abbreviations spelled out, or spelled-out ones abbreviated ('ai' <->
    'artificial intelligence'); '' when it has neither."""
    text = f" {topic} "
    for short, long in ABBREVIATIONS.items():
        if f" {short} " in text:
            text = text.replace(f" {short} ", f" {long} ")
        elif f" {long} " in text:
            text = text.replace(f" {long} ", f" {short} ")
    return text.strip() if text != f" {topic} " else ""


# Audience levels, as a question names them, and the words of the content filters that mark
# them ('Novice', 'Advanced', 'New to quality improvement').
LEVEL_ASKED = {
    "beginner": frozenset(
        "beginner beginners novice novices newcomer newcomers newbie newbies introductory".split()
    ),
    "intermediate": frozenset(["intermediate"]),
    "advanced": frozenset("advanced expert experts experienced".split()),
}
LEVEL_MARKED = {
    "beginner": LEVEL_ASKED["beginner"] | frozenset("new basic basics introduction entry".split()),
    "intermediate": LEVEL_ASKED["intermediate"],
    "advanced": LEVEL_ASKED["advanced"],
}


def marked_level(filters: Sequence[str]) -> str:
    """The audience level a session's content filters mark it for, or ''."""
    marked = {w for f in filters for w in words(f)}
    return next((level for level, names in LEVEL_MARKED.items() if marked & names), "")


# Formats a yes-no question names: 'is it a (normal) lecture?'
FORMAT_PATTERN = (
    "lecture|workshop|poster|talk|keynote|tutorial|panel|performance|demo|lightning|seminar"
    "|podium|plenary|symposium|concert|training|masterclass|presentation"
)

# Words that name a programme's strands of sessions ('the people stream').
STREAM_WORDS = frozenset("stream streams track tracks theme themes strand strands".split())

# Words that only say what is asked, when it is asked: 'learning objectives of the climate session'
# is about climate; 'machine learning' stays a topic in any other question.
ASK_WORDS = {
    Ask.OBJECTIVES: frozenset(
        "learning objectives objective outcomes goals aims takeaways".split()
    ),
    Ask.LANGUAGE: frozenset(["language", *LANGUAGE_NAMES]),
    Ask.WHEN: frozenset(
        "start starts starting begin begins end ends finish finishes long last lasts".split()
    ),
}
# 'The last day', 'the opening day': a day counted from either end of the programme.
DAY_ORDINALS = {**ORDINALS, "opening": 1, "final": -1, "closing": -1}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _part_number(q: str, tokens: list[str], used: list[bool]) -> int | None:
    """'part two' or 'the second part': which part of a session the question is about."""
    m = (
        re.search(r"\bpart (one|two|three|four|five|six|\d)\b", q)
        or re.search(r"\b(first|second|third|fourth|fifth|1st|2nd|3rd|4th) part\b", q)
        or re.search(r"\b(first|second) half\b", q)  # 'the second half of the workshop'
    )
    if not m:
        return None
    word = m.group(1)
    number = NUMBER_WORDS.get(word) or ORDINALS.get(word) or int(word)
    for i, token in enumerate(tokens):
        if token in ("part", "half", word):
            used[i] = True
    return number if number > 0 else None


GENERIC_KINDS = frozenset(
    "talk talks session sessions event events presentation presentations item other".split()
)

# Words that carry no topic: question words, verbs of speaking, generic event words.
FILLER = frozenset(
    """
    a about after again all also am an and any anybody anyone anything are around as at be
    being by can could did do does doing else find for from get gets give gives giving going
    has have hear held hello help hey hi how i i'd id im i'm in interested into is it its it's
    just know let like list looking love me more my need next of on or other others out please
    present presented presenter presenters presenting presents run running runs say see session
    sessions show so some someone something speak speaker speakers speaking speaks talk talking
    talks tell that the their them then there there's these they this those to up want was we
    what whats what's when where which who whos who's whom why will with would you your ya
    event events program programme schedule scheduled happening happen held on going
    learn part bit thing stuff track stream room stage hall kind type sort format
    time day days today tomorrow tonight morning afternoon evening night lunch lunchtime late early
    chair chairs chairing chaired chairperson moderator moderating moderates hosts hosting
    s t doing does organisation organization affiliation company university
    presentation presentations thanks thank cheers person in-person
    one ones he she him his her hers himself herself themselves same right onwards onward actually
    really just exactly listed forum conference congress summit symposium festival made wrote
    written created they them their it its people folks delegates attendees participants everyone recorded recording recordings video videos streamed livestream language
    """.split()
)


# What delegates say before asking: 'hi! first time at the forum - ...', 'I'm new here and ...'
_PREAMBLE = re.compile(
    r"^\s*(?:(?:hi|hello|hey|hiya)\b[\s!.,]*(?:there\b[\s!.,]*)?)?"
    r"(?:(?:it'?s my |my )?first time (?:at|here|attending)\b[^-–,.!?]*[-–,.!?]+\s*"
    r"|i'?m new here\b(?: and)?[\s,.!-]*)?",
    re.IGNORECASE,
)


def understand(question: str, programme: Programme, vocabulary: Vocabulary) -> Query:
    """Read one question against the programme's own vocabulary."""
    text = " ".join(question.split())
    asked = _PREAMBLE.sub("", text, count=1)
    if len(asked.split()) >= 2:  # a bare 'hi!' stays a greeting
        text = asked
    folded = fold(text)
    tokens = list(words(text))
    used = [False] * len(tokens)

    def take(start: int, end: int) -> None:
        for i in range(start, end):
            used[i] = True

    def taken(matches: list[Match]) -> tuple[str, ...]:
        for m in matches:
            take(m.start, m.end)
        return tuple(dict.fromkeys(m.term.value for m in matches))

    def free(matches: list[Match]) -> list[Match]:
        return [m for m in matches if not any(used[m.start : m.end])]

    codes = taken(free(find_terms(tokens, vocabulary.codes, fuzzy=False)))
    code_ids = tuple(
        s.id for c in codes for s in programme.sessions if s.code and fold(s.code) == fold(c)
    )

    # Dates and times first, so "22 may" or "day 2" is never read as a name.
    days, day_label, unknown_day, relative_day = _days(tokens, used, programme)
    window = _window(folded, tokens, used)

    def meant_as_place(matches: list[Match]) -> list[Match]:
        """A stream or room named by an everyday word ('People') is meant only when the
        question says so: 'the people stream', or 'People' capitalised."""
        kept = []
        for m in matches:
            word = m.term.words[0]
            everyday = len(m.term.words) == 1 and (word in COMMON_WORDS or word in FILLER)
            beside = {tokens[i] for i in (m.start - 1, m.end) if 0 <= i < len(tokens)}
            if (
                not everyday
                or beside & (PLACE_WORDS | STREAM_WORDS)
                or re.search(rf"\b{re.escape(m.term.value)}\b", text)
            ):
                kept.append(m)
        return kept

    filters = taken(free(_filter_matches(tokens, vocabulary.filters)))
    groups = taken(free(find_terms(tokens, vocabulary.groups)))
    if not groups:  # 'the teaching sessions': every block named 'Teaching 1', 'Teaching 2', ...
        for i, token in enumerate(tokens[:-1]):
            family = [
                g.value
                for g in vocabulary.groups
                if len(g.words) > 1 and g.words[0] == token and not used[i]
            ]
            if family and tokens[i + 1] in ("session", "sessions", "block", "blocks"):
                groups = tuple(family)
                take(i, i + 2)
                break
    room_matches = meant_as_place(free(find_terms(tokens, vocabulary.rooms)))
    rooms = taken(room_matches)
    for room in room_matches:  # 'the chaos-west stage': the place word belongs to the room
        if room.end < len(tokens) and tokens[room.end] in PLACE_WORDS:
            take(room.end, room.end + 1)
    streams = taken(meant_as_place(free(find_terms(tokens, vocabulary.streams))))

    # People after places: 'the chaos-west stage' is a room even if someone calls themselves so.
    people_hits = find_people(tokens, vocabulary)
    people_hits = [
        h
        for h in people_hits
        if not any(used[h[1] : h[2]])
        # 'blu-ray' is a word, not a speaker called Ray
        and not (
            h[2] - h[1] == 1 and re.search(rf"\w-{tokens[h[1]]}\b|\b{tokens[h[1]]}-\w", folded)
        )
    ]
    people = tuple(dict.fromkeys(h[0].participant_id for h in people_hits))
    for hit in people_hits:
        take(hit[1], hit[2])
    if not people:  # "Hadley's talk": a first name alone, when only one person has it
        for match in re.finditer(r"\b([a-z][a-z\-]{2,})(?:'|’)s\b", folded):
            first = match.group(1)
            owners = {
                p.participant_id for p in vocabulary.people if p.words and p.words[0] == first
            }
            if len(owners) == 1 and first not in COMMON_WORDS and first not in FILLER:
                people = tuple(owners)
                take(*next(((i, i + 1) for i, t in enumerate(tokens) if t == first), (0, 0)))
                break

    formats, missing_format = _formats(tokens, used, vocabulary)
    languages = _languages(folded, tokens, used, vocabulary)

    asks = _asks(folded)
    organisations: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    unknown_affiliation = ""
    affiliation_phrase = ""
    if Ask.AFFILIATION in asks and not people:
        phrase_words = words(_after_from(folded))
        while phrase_words:
            countries = tuple(t.value for t in vocabulary.countries if _names(phrase_words, t))
            organisations = tuple(
                t.value for t in vocabulary.organisations if _names(phrase_words, t)
            )
            if countries or organisations or phrase_words[-1] not in FILLER:
                break
            phrase_words = phrase_words[:-1]  # 'from aarhus university hospital presenting'
        if phrase_words:
            start = _index_of(tokens, phrase_words)
            if start is not None:
                take(start, start + len(phrase_words))
            if not countries and not organisations:
                unknown_affiliation = " ".join(phrase_words)
            elif organisations:  # 'from a hospital in denmark': both must hold
                countries = taken(free(find_terms(tokens, vocabulary.countries, fuzzy=False)))
            affiliation_phrase = " ".join(w for w in phrase_words if w not in ("a", "an", "the"))

    if not people and Ask.AFFILIATION not in asks:
        # 'the session with the ABC Parents people': an organisation named by its full name
        # (its words stay in the topic: 'a package for global fishing watch data')
        organisations = tuple(
            dict.fromkeys(
                m.term.value
                for m in free(find_terms(tokens, vocabulary.organisations, fuzzy=False))
                if len(m.term.words) >= 2
            )
        )

    unknown_person = ""
    if not people:
        unknown_person = _named_person(folded, tokens, used)
        if unknown_person:
            name_words = words(unknown_person)
            start = _index_of(tokens, name_words)
            if start is not None:
                take(start, start + len(name_words))

    part_index = _part_number(folded, tokens, used)
    ordinal = next(
        (ORDINALS[t] for i, t in enumerate(tokens) if t in ORDINALS and not used[i]), None
    )
    listing = bool({Ask.LIST, Ask.NEXT} & set(asks))
    after_session = _after_session(folded, tokens, used) if listing else ""
    horizon = _horizon(folded, tokens, used)
    refers_back = bool(
        re.search(
            r"\b(it|that|this|they|them|there|those|these|its|their|he|she|her|his)\b", folded
        )
    )
    asked_words = frozenset(w for ask in asks for w in ASK_WORDS.get(ask, ()))
    topic_words = [
        t
        for i, t in enumerate(tokens)
        if not used[i]
        and t not in FILLER
        and t not in asked_words
        and t not in ORDINALS
        and not t.isdigit()
    ]
    topic = " ".join(topic_words)
    what_about = bool(re.match(r"^\s*(and\s+)?(what|how)\s+about\b", folded))
    yes_no_format = ""
    m = re.search(rf"^\s*(is|are)\b.*?\b(a|an)\s+(?:[a-z\-]+\s+){{0,2}}?({FORMAT_PATTERN})", folded)
    if m and Ask.FORMAT in asks and not re.search(r"\bor\b", folded):
        yes_no_format = m.group(3)  # 'is it a (normal) lecture?
    wanted_level = next((level for level, names in LEVEL_ASKED.items() if names & set(tokens)), "")
    wanted_language = ""
    lm = re.search(r"\bin (" + "|".join(LANGUAGE_NAMES) + r")\b", folded)
    if lm and Ask.LANGUAGE in asks:
        wanted_language = LANGUAGE_NAMES[lm.group(1)]

    if not asks:
        asks = _default_asks(
            folded,
            topic,
            bool(people),
            has_filters=bool(
                days
                or window
                or rooms
                or streams
                or groups
                or formats
                or filters
                or languages
                or relative_day is not None
            ),
        )
    return Query(
        text=text,
        asks=asks,
        place_field="stream" if re.search(r"\b(stream|track|theme)\b", folded) else "room",
        people=people,
        unknown_person=unknown_person,
        codes=code_ids,
        rooms=rooms,
        streams=streams,
        groups=groups,
        formats=formats,
        filters=filters,
        organisations=organisations,
        countries=countries,
        unknown_affiliation=unknown_affiliation,
        affiliation_phrase=affiliation_phrase,
        languages=languages,
        days=days,
        day_label=day_label,
        unknown_day=unknown_day,
        relative_day=relative_day,
        window=window,
        missing_format=missing_format,
        topic=topic,
        ordinal=ordinal,
        part_index=part_index,
        refers_back=refers_back,
        after_session=after_session,
        horizon=horizon,
        after_previous=bool(
            re.search(r"\b(after|following) (that|this|it|those|them|these|that one)\b", folded)
        ),
        excludes_previous=bool(re.search(r"\b(else|other|others|another)\b", folded)),
        what_about=what_about,
        yes_no_format=yes_no_format,
        wanted_language=wanted_language,
        wanted_level=wanted_level,
    )


def _asks(q: str) -> tuple[Ask, ...]:
    """Every kind of answer the question wants, in the order they should be answered."""
    if re.fullmatch(
        r"\s*(hi|hello|hey|hiya|good (morning|afternoon|evening)|greetings)\b[\s!.,]*(there)?[\s!.]*",
        q,
    ):
        return (Ask.GREETING,)
    if re.fullmatch(
        r"\s*(ok(ay)?[, ]*)?(thanks?( you)?|thank you( very much| so much)?|cheers|great|perfect|brilliant|lovely|ta)\b[\s!.,a-z]{0,20}",
        q,
    ):
        return (Ask.THANKS,)
    if re.search(
        r"^\s*(help|\?)\s*$|\bwhat can (you|i) (do|ask)\b|\bhow does this work\b|\bwhat do you know\b",
        q,
    ):
        return (Ask.HELP,)
    asks: list[Ask] = []
    if re.search(
        r"\bchair(s|ed|ing|person|man|woman)?\b|\bmoderat(e|es|ed|ing|or)\b|\bfacilitat", q
    ):
        asks.append(Ask.CHAIR)
    if re.search(
        r"\b(who|anyone|anybody|people|speakers?|someone|presenters?|which speakers?)\b.*\bfrom\b"
        r"|\bwhere (does|do|is|are) .+ (work|based|from)\b|\b(which|what) (org|organi[sz]ation|country|company"
        r"|university|institution|employer|hospital|trust|affiliation)\b|\baffiliat"
        r"|\bwho (works?|is) (at|for|with)\b|\bwork(s|ing)? (at|for)\b"
        r"|^\s*(which|any|are there( any)?) ([\w&.'\-]+ ){1,4}?(people|folks|staff|employees)\b",
        q,
    ):
        asks.append(Ask.AFFILIATION)
    if re.search(
        r"\bwhen\b|\bwhat time\b|\b(what|which) (day|date)\b|\bwhat times\b|\bhow long\b|\bstarts? at\b|\bwhat hour\b",
        q,
    ):
        asks.append(Ask.WHEN)
    if (
        re.search(
            r"\bwhere\b|\b(which|what) (room|stage|hall|venue|location|stream|track|theme|building)\b|\bin which (room|stream|track)\b",
            q,
        )
        and Ask.AFFILIATION not in asks
    ):
        asks.append(Ask.WHERE)
    if re.search(
        r"\b(what|which) (kind|type|sort|format)\b|\bformat\b|\b(some|a) (kind|sort|type) of\b"
        r"|\b(is|are) (it|this|that|they) (a|an|some)\b|^\s*(is|are|will|can|does|do)\b.*(\bin[ -]person\b|\bvirtual(ly)?\b|\bonline\b|\bremote(ly)?\b|\bstreamed\b)|^\s*(is|are)\b(?!\s+there\b).*\b(a|an)\s+(?:[a-z\-]+\s+){0,2}?("
        + FORMAT_PATTERN
        + r")\b",
        q,
    ):
        asks.append(Ask.FORMAT)
    if re.search(
        r"\b(what|which) language\b|^\s*(is|are|will)\b.*\bin (english|german|french|spanish|deutsch|italian|dutch)\b|\btranslat",
        q,
    ):
        asks.append(Ask.LANGUAGE)
    if re.search(
        r"^(?!\s*(is there|are there|any|anything|which|what (talks?|sessions?|workshops?|events?)"
        r"|show|list)\b).*(\b(what|which) (level|audience)\b|\blevel\b|\baudience\b|\bpitched\b"
        r"|\baimed at\b|\bwho is (it|this|that|the .+) (for|aimed at)\b"
        r"|\b(for|suitable for|ok for|okay for|good for|right for) (a |an )?(complete )?"
        r"(beginners?|novices?|newcomers?|newbies?|experts?|intermediates?)\b"
        r"|^\s*(is|are)\b.*\b(advanced|introductory|beginner-friendly)\b)",
        q,
    ):
        asks.append(Ask.LEVEL)
    if re.search(
        r"\brecorded\b|\brecordings?\b|\brecord (it|this|that|them)\b|\bvideos?\b|\blive ?stream(ed)?\b|\bstreamed\b",
        q,
    ):
        asks.append(Ask.RECORDED)
    if re.search(
        r"(?<!-)\blearn\b|\bget out of\b|\bobjectives?\b|\btake ?aways?\b|\boutcomes?\b|\bwhat will (i|we)\b|\bgoals?\b|\baims?\b",
        q,
    ):
        asks.append(Ask.OBJECTIVES)
    if re.search(
        r"\bwhat (is|are|was) .+ (talking|speaking|presenting|lecturing) (about|on)\b|\bwhat (is|are) .+ presenting\b"
        r"|\bwhat(' ?s| is| are) (it|that|this|they|those) about\b|\btell me (more|about)\b|\bmore (about|details|info)\b"
        r"|\bdetails\b|\bdescribe\b|\babstract\b|\bsummar(y|ise|ize)\b|\bwhat(?:'s| is| are) .+ about\b|^\s*who is\s+(?!speaking|presenting|talking|giving|running|doing|chairing|leading|hosting|on\b|in\b|there\b|it\b|that\b|this\b)\w+(\s+\w+)?\s*\??$",
        q,
    ) and not ({Ask.OBJECTIVES, Ask.AFFILIATION} & set(asks)):
        asks.append(Ask.ABOUT)
    if re.search(
        r"\b(right )?now\b|\bcurrently\b|\bat the moment\b|\bin progress\b|\bunder ?way\b|\bhappening\b(?!.*\b(on|in)\s+\w+day\b)",
        q,
    ) and not re.search(r"\bnext\b", q):
        if re.search(
            r"\bnow\b|\bcurrently\b|\bat the moment\b|\bin progress\b|\bunder ?way\b|\bhappening (right )?(now|at the moment)\b|^\s*what'?s happening\s*(in \w+( \w+)?)?\s*\??$",
            q,
        ):
            asks.append(Ask.NOW)
    if re.search(
        r"\bnext\b|\bcoming up\b|\bup next\b|\bafter this\b|\bstarting soon\b|\bsoon\b|\blater( today| on)?\b",
        q,
    ) and not re.search(r"\bnext (week|year|month)\b", q):
        asks.append(Ask.NEXT)
    if re.search(
        r"\bwho\b|\bspeakers?\b|\bpresenters?\b|\bby whom\b|\bgiving (it|this|that)\b|\bpresenting (it|this|that)\b",
        q,
    ) and not ({Ask.CHAIR, Ask.AFFILIATION} & set(asks)):
        if Ask.LEVEL in asks and re.search(r"\bwho is .+ (for|aimed at)\b", q):
            pass  # 'who is the training aimed at?' asks for its audience, not its speakers
        elif (
            not re.search(
                r"^\s*who is\s+(?!speaking|presenting|talking|giving|running|doing|chairing|leading|hosting|on\b|in\b|there\b|it\b|that\b|this\b)\w+(\s+\w+)?\s*\??$",
                q,
            )
            or Ask.ABOUT not in asks
        ):
            asks.insert(0, Ask.WHO)
    if (
        re.search(
            r"\bwhat(' ?s| is| are)? (on|in|up|scheduled|planned|happening|running)\b|\bwhat (sessions|talks|events|else)\b"
            r"|\b(which|what) (\w+ )?(sessions|talks|events|workshops|lectures|posters|tutorials|keynotes)\b(?! (is|are) )"
            r"|\banything (in|at)\b|\bschedule\b|\bprogramme (for|on)\b|\blist\b|\bagenda\b|\bwhat can i (see|attend|go to)\b",
            q,
        )
        and not asks
    ):
        asks.append(Ask.LIST)
    return tuple(asks)


def _default_asks(q: str, topic: str, has_people: bool, *, has_filters: bool) -> tuple[Ask, ...]:
    if has_people and not topic:
        return (Ask.ABOUT,)
    if has_filters and not topic:
        return (Ask.LIST,)
    return (Ask.TOPIC,)


def _names(phrase: tuple[str, ...], term: Term) -> bool:
    """True when the phrase names the term: all its words in the term, e.g. 'duke' in 'Duke University'."""
    content = [w for w in phrase if w not in {"the", "of", "a", "an", "at", "in", "uni"}]
    if not content:
        return False
    term_words = set(term.words)
    return all(w in term_words for w in content)


def _after_from(q: str) -> str:
    """The organisation or country a 'who is from X' question names."""
    m = re.search(
        r"\b(?:from|at|for|with)\s+(?:the\s+)?([a-z][\w' &.\-]*?)\s*(?:\?|$|\bon\b|\bin\b(?! the)|,)",
        q,
    )
    if not m:
        m = re.search(
            r"\b(?:which|what) (?:organi[sz]ations?|companies|universities) (?:are|is) ([\w ]+?)\s*\??$",
            q,
        )
    if not m:  # 'which posit people are presenting?'
        m = re.search(
            r"^\s*(?:which|any|are there(?: any)?) ((?:[\w&.'\-]+ ){0,3}?[\w&.'\-]+) "
            r"(?:people|folks|staff|employees)\b",
            q,
        )
    return m.group(1).strip() if m else ""


NAME_SLOTS = (
    r"\bwhen (?:is|does|will|'s) (?P<n>[a-z][a-z'\-]+(?: [a-z][a-z'\-]+){0,3}?)(?:'s)? (?:speaking|talking|presenting|speak|present|talk|on|giving|lecturing|keynote|talk|session|workshop|on stage)\b",
    r"\bwhen'?s (?P<n>[a-z][a-z'\-]+(?: [a-z][a-z'\-]+){0,3}?)'?s? (?:talk|keynote|session|workshop|presentation)\b",
    r"\bwhere (?:is|does|will) (?P<n>[a-z][a-z'\-]+(?: [a-z][a-z'\-]+){0,3}?) (?:speaking|talking|presenting|speak|present|talk|work|working|based|from)\b",
    r"\bwhat (?:is|will|does) (?P<n>[a-z][a-z'\-]+(?: [a-z][a-z'\-]+){0,3}?) (?:talking|speaking|presenting|talk|speak|present)\b",
    r"\b(?:is|does|will) (?P<n>[a-z][a-z'\-]+(?: [a-z][a-z'\-]+){1,3}?) (?:speaking|talking|presenting|speak|present|giving a talk)\b",
    r"\b(?:talks?|sessions?|keynote|workshop|presentation) by (?P<n>[a-z][a-z'\-]+(?: [a-z][a-z'\-]+){0,3})\s*\??$",
    r"^\s*who is (?P<n>[a-z][a-z'\-]+(?: [a-z][a-z'\-]+){1,2})\s*\??$",
    r"\b(?P<n>[a-z][a-z\-]+ [a-z][a-z\-]+)'s (?:talk|keynote|session|workshop|presentation|lecture|poster)\b",
)
NOT_NAMES = FILLER | COMMON_WORDS | frozenset(FORMAT_WORDS) | frozenset(WEEKDAYS)


def _named_person(q: str, tokens: list[str], used: list[bool]) -> str:
    """A name the question asks about ('when is linus torvalds speaking?'), if it looks like one."""
    for pattern in NAME_SLOTS:
        m = re.search(pattern, q)
        if not m:
            continue
        name = m.group("n").strip()
        name_words = words(name)
        if not name_words or any(w in NOT_NAMES for w in name_words):
            continue
        start = _index_of(tokens, name_words)
        if start is not None and any(used[start : start + len(name_words)]):
            continue
        return " ".join(w.capitalize() for w in name.split())
    return ""


def _after_session(q: str, tokens: list[str], used: list[bool]) -> str:
    """The session a listing question asks what follows ('what's on after the opening
    ceremony?'), as words not read as anything else; '' for 'after 2pm' or 'after lunch'."""
    m = re.search(r"\bafter the ([a-z][\w'’\-]*(?: [\w'’\-]+){0,6})", q)
    if not m:
        return ""
    phrase = words(m.group(1))
    start = _index_of(tokens, phrase)
    if start is None:
        return ""
    named = [
        i for i in range(start, start + len(phrase)) if not used[i] and tokens[i] not in FILLER
    ]
    for i in named:
        used[i] = True
    return " ".join(tokens[i] for i in named)


def _horizon(q: str, tokens: list[str], used: list[bool]) -> int | None:
    """Minutes ahead a question looks: 'in the next hour' 60, 'within the next 30 minutes' 30."""
    m = re.search(
        r"\b(?:in|within|over|during) the next (?:(\d+|an?|one|two|three|half an?) )?"
        r"(hours?|minutes?|mins?)\b",
        q,
    )
    if not m:
        return None
    amount = m.group(1) or "one"
    number = _count(amount)
    count = 0.5 if amount.startswith("half") else 1 if number is None else number  # 'an hour
    for i, token in enumerate(tokens):
        if token in ("next", m.group(2)) or token == amount:
            used[i] = True
    return int(count * (60 if m.group(2).startswith("hour") else 1))


def _index_of(tokens: list[str], phrase: tuple[str, ...]) -> int | None:
    n = len(phrase)
    for i in range(len(tokens) - n + 1):
        if tuple(tokens[i : i + n]) == phrase:
            return i
    return None


def _filter_matches(tokens: list[str], filters: tuple[Term, ...]) -> list[Match]:
    """Content filters are long phrases; a question names one by its distinctive words."""
    found = find_terms(tokens, filters)
    token_set = set(tokens)
    for term in filters:
        key = [w for w in term.words if w not in FILLER and w not in COMMON_WORDS and len(w) > 3]
        if len(key) >= 2 and sum(w in token_set for w in key) >= max(2, (len(key) + 1) // 2):
            positions = [i for i, t in enumerate(tokens) if t in key]
            start, end = min(positions), max(positions) + 1
            while start > 0 and tokens[start - 1] in term.words:  # 'co presented with patients'
                start -= 1
            while end < len(tokens) and tokens[end] in term.words:
                end += 1
            found.append(Match(term, start, end, 80.0))
    for i, token in enumerate(tokens):  # 'for beginners' names a filter 'Novice'
        level = next((lv for lv, names in LEVEL_ASKED.items() if token in names), None)
        if level is not None:
            found.extend(
                Match(term, i, i + 1, 70.0)
                for term in filters
                if len(term.words) <= 4 and set(term.words) & LEVEL_MARKED[level]
            )
    return best_non_overlapping(found)


def _formats(
    tokens: list[str], used: list[bool], vocabulary: Vocabulary
) -> tuple[tuple[str, ...], str]:
    """Formats the question names; a format word the programme never uses is returned apart."""
    # 'trainings' asks for the programme's 'Training' format
    singular = [
        t[:-1] if len(t) > 4 and t.endswith("s") and not t.endswith("ss") else t for t in tokens
    ]
    found = best_non_overlapping(
        find_terms(tokens, vocabulary.formats, fuzzy=False)
        + find_terms(singular, vocabulary.formats, fuzzy=False)
    )
    formats: list[str] = []
    for m in found:
        if set(m.term.words) <= GENERIC_KINDS:
            continue  # 'talk' in 'the sim card talk' says nothing about the format
        if not any(used[m.start : m.end]):
            formats.append(m.term.value)
            for i in range(m.start, m.end):
                used[i] = True
    missing = ""
    for i, token in enumerate(tokens):
        kind = FORMAT_WORDS.get(token)
        if kind is None or used[i]:
            continue
        known = [
            t.value
            for t in vocabulary.formats
            if kind in t.words or any(w.startswith(kind) for w in t.words)
        ]
        if known:
            formats.extend(known)
            used[i] = True
        elif not any(kind in g.words for g in vocabulary.groups) and kind not in ("virtual",):
            missing = token
    return tuple(dict.fromkeys(formats)), missing


def _languages(
    q: str, tokens: list[str], used: list[bool], vocabulary: Vocabulary
) -> tuple[str, ...]:
    """Languages asked for as such ('in German', 'English talks'); 'the German health system' is a topic."""
    found: list[str] = []
    for i, token in enumerate(tokens):
        code = LANGUAGE_NAMES.get(token)
        if not code or code not in vocabulary.languages:
            continue
        as_language = re.search(
            rf"\bin {token}\b|\b{token}[ -](talks?|sessions?|lectures?|language|speaking|ones|events?)\b",
            q,
        )
        if as_language:
            found.append(code)
            used[i] = True
    return tuple(dict.fromkeys(found))


def _days(
    tokens: list[str], used: list[bool], programme: Programme
) -> tuple[tuple[date, ...], str, str, int | None]:
    """Days named: weekdays, '22 may', 'may 22', 'day 2', ISO dates, today/tomorrow."""
    programme_days = programme.days
    days: list[date] = []
    labels: list[str] = []
    unknown = ""
    relative: int | None = None
    for i, token in enumerate(tokens):
        if used[i]:
            continue
        if token in WEEKDAYS or (token.endswith("s") and token[:-1] in WEEKDAYS):
            weekday = WEEKDAYS.index(token.rstrip("s") if token not in WEEKDAYS else token)
            matching = [d for d in programme_days if d.weekday() == weekday]
            used[i] = True
            if matching:
                days.extend(matching)
                labels.append(WEEKDAYS[weekday].capitalize())
            else:
                unknown = WEEKDAYS[weekday].capitalize()
        elif token in ("today", "tonight") or (
            token == "this"
            and i + 1 < len(tokens)
            and tokens[i + 1] in ("morning", "afternoon", "evening", "lunchtime")
        ):
            relative, used[i] = 0, True
        elif token == "tomorrow":
            relative, used[i] = 1, True
        elif (
            token in ("day", "days") and i > 0 and tokens[i - 1] in DAY_ORDINALS and programme_days
        ):
            n = DAY_ORDINALS[tokens[i - 1]]
            used[i - 1] = used[i] = True
            if -len(programme_days) <= n <= len(programme_days) and n != 0:
                day = programme_days[n - 1 if n > 0 else n]
                days.append(day)
                labels.append(f"the {tokens[i - 1]} day")
            else:
                unknown = f"the {tokens[i - 1]} day"
        elif token == "day" and i + 1 < len(tokens) and _count(tokens[i + 1]) is not None:
            n = _count(tokens[i + 1]) or 0  # 'day 2', 'day two'
            used[i] = used[i + 1] = True
            if 1 <= n <= len(programme_days):
                days.append(programme_days[n - 1])
                labels.append(f"day {n}")
            else:
                unknown = f"day {n}"
        elif token in MONTHS and not (token == "may" and not _near_number(tokens, i)):
            day_number = _near_number(tokens, i)
            if day_number is None:
                continue
            j, n = day_number
            used[i] = used[j] = True
            wanted = [d for d in programme_days if d.month == MONTHS[token] and d.day == n]
            label = f"{n} {token.capitalize()}"
            if wanted:
                days.extend(wanted)
                labels.append(label)
            else:
                unknown = label
        elif re.fullmatch(r"\d{4}", token) and i + 2 < len(tokens):
            try:
                iso = date(int(token), int(tokens[i + 1]), int(tokens[i + 2]))
            except ValueError:
                continue
            used[i] = used[i + 1] = used[i + 2] = True
            if iso in programme_days:
                days.append(iso)
                labels.append(iso.isoformat())
            else:
                unknown = iso.isoformat()
    return tuple(dict.fromkeys(days)), " and ".join(labels), unknown, relative


def _near_number(tokens: list[str], i: int) -> tuple[int, int] | None:
    for j in (i - 1, i + 1):
        if 0 <= j < len(tokens):
            m = re.fullmatch(r"(\d{1,2})(st|nd|rd|th)?", tokens[j])
            if m and 1 <= int(m.group(1)) <= 31:
                return j, int(m.group(1))
    return None


def _clock(hour: str, minute: str | None, meridiem: str | None) -> int:
    h = int(hour) % 24
    if meridiem == "pm" and h < 12:
        h += 12
    elif meridiem == "am" and h == 12:
        h = 0
    elif meridiem is None and 1 <= h <= 7:
        h += 12  # 'after 2' at a conference means the afternoon
    return h * 60 + int(minute or 0)


TIME = r"(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?"


def _window(q: str, tokens: list[str], used: list[bool]) -> TimeWindow | None:
    """Part of the day named: morning, after lunch, this afternoon, after 2pm, between 3 and 5."""

    def mark(*names: str) -> None:
        for i, t in enumerate(tokens):
            if t in names:
                used[i] = True

    def mark_phrase(phrase: str) -> None:
        mark(*words(phrase))

    def meridiem(value: str | None) -> str | None:
        return value.replace(".", "") if value else None

    m = re.search(r"\bbetween " + TIME + r" and " + TIME, q)
    if m:
        start = _clock(m.group(1), m.group(2), meridiem(m.group(3)) or meridiem(m.group(6)))
        end = _clock(m.group(4), m.group(5), meridiem(m.group(6)))
        mark_phrase(m.group(0))
        return TimeWindow(f"between {m.group(1)} and {m.group(4)}", start, max(end, start + 1))
    m = re.search(
        r"\b(after|from|before|until|till|at|around) " + TIME + r"(?!\s*(?:minutes|people|talks))",
        q,
    )
    if m and (
        m.group(3) or m.group(4) or m.group(1) in ("after", "before", "at", "around", "until")
    ):
        minute = _clock(m.group(2), m.group(3), meridiem(m.group(4)))
        mark_phrase(m.group(0).replace(m.group(1), "", 1))
        if m.group(1) in ("after", "from"):
            return TimeWindow(f"after {_hhmm(minute)}", minute, 30 * 60)
        if m.group(1) in ("before", "until", "till"):
            return TimeWindow(f"before {_hhmm(minute)}", 0, minute)
        return TimeWindow(f"at {_hhmm(minute)}", minute, minute + 1, running=True)
    if re.search(r"\bafter lunch\b", q):
        mark("lunch")
        return TimeWindow("after lunch", 13 * 60, 30 * 60)
    if re.search(r"\b(lunch ?time|lunch)\b", q):
        mark("lunch", "lunchtime")
        return TimeWindow("at lunchtime", 12 * 60, 14 * 60)
    if re.search(rf"\bmorning\b{_NOT_A_TIME}", q):
        mark("morning")
        return TimeWindow("in the morning", 0, 12 * 60 + 1)  # a talk at noon is before lunch
    if re.search(rf"\bafternoon\b{_NOT_A_TIME}", q):
        mark("afternoon")
        return TimeWindow("in the afternoon", 12 * 60, 17 * 60 + 30)
    if re.search(rf"\b(evening\b{_NOT_A_TIME}|tonight\b)", q):
        mark("evening")
        return TimeWindow("in the evening", 17 * 60, 30 * 60)
    if re.search(rf"\bnight\b{_NOT_A_TIME}", q):
        mark("night")
        return TimeWindow("at night", 20 * 60, 30 * 60)
    return None


# A part of the day that qualifies work is a topic, not a time: 'night shifts', 'morning huddles'.
_NOT_A_TIME = (
    r"(?![ -]?(?:shifts?|work(?:ers?|ing)?|duty|duties|staff|nurses?|teams?|huddles?|rounds?"
    r"|routines?|sleep|cover)\b)"
)


def _count(token: str) -> int | None:
    """'2' or 'two' as a number; None for anything else."""
    return int(token) if token.isdigit() else NUMBER_WORDS.get(token)


def _hhmm(minutes: int) -> str:
    return f"{(minutes // 60) % 24:02d}:{minutes % 60:02d}"
