"""Finding -> Reply: every sentence rendered by a Jinja2 template from the programme's own fields."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from urllib.parse import quote

import jinja2

from assistant.answers.conversation import Conversation
from assistant.answers.reply import AgendaChange, Citation, Reply
from assistant.answers.spelling import Mending
from assistant.answers.tongues import ENGLISH, Tongue, tongue_for
from assistant.answers.understanding import AGENDA_ASKS, Ask, Query, marked_level
from assistant.answers.wording import Text, Words, says
from assistant.programme import Capacity, Part, Participant, Person, Programme, Session
from assistant.search.glossary import session_language

LANGUAGE_NAMES = {
    "en": says("English"), "de": says("German"), "fr": says("French"), "es": says("Spanish"),
    "it": says("Italian"), "nl": says("Dutch"), "pt": says("Portuguese"), "pl": says("Polish"),
    "ru": says("Russian"),
}  # fmt: skip
LANGUAGES = {code: name.message for code, name in LANGUAGE_NAMES.items()}
SNIPPET_CHARS = 240
# Questions whether the programme has something ('is there a talk on ...?', 'anyone
# speaking about ...?'): a topic answer to them opens with "Yes". 'Is the Cython talk for
# beginners?' is not one: the topic search cannot tell, so it must not say yes.
WHETHER_ANY = re.compile(
    r"^\s*(?:(?:is|are|was|were|will)\s+(?:there|any|anything|anyone|anybody|someone|somebody)\b"
    r"|any(?:thing|one|body)?\b"
    r"|(?:do|does|did)\s+(?:you|we|they|the (?:programme|program|conference|schedule|agenda)"
    r"|any(?:one|body)?|some(?:one|body))\b"
    r"|(?:has|have)\s+(?:any(?:one|body)?|you)\b"
    r"|(?:can|could)\s+i\s+(?:find|see|hear|catch|attend|go)\b)"
)
IN_PERSON = re.compile(r"\bin[ -]person\b|\bphysically\b|\bon site\b|\bonsite\b")
VIRTUAL = re.compile(r"\bvirtual|\bonline\b|\bremote|\bstreamed\b")
HOW_LONG = re.compile(
    r"\bhow long\b|\bduration\b|\bhow many (?:minutes|mins)\b|\bwie lange\b"
    r"|\bcombien de temps\b|\bdure combien\b|\bcu[aá]nto dura\b"
)
# a sentence of the programme's own that says how long something lasts: 'Five-minute talks'
_NUMBER = r"(?:\d+|one|two|three|four|five|six|seven|eight|ten|twelve|fifteen|twenty|thirty|forty|sixty|ninety)"
LENGTH_SAID = re.compile(
    rf"\b{_NUMBER}(?:[- ]to[- ]{_NUMBER})?[- ]?(?:minutes?|mins?|hours?)\b|\bhalf[- ](?:an[- ])?hour\b"
    r"|\bminutes each\b",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# 'do I need to bring anything?', and the programme's own words on what to bring or know
ASKS_TO_BRING = re.compile(r"\b(bring|need to (have|know|install)|prerequisites?|laptop)\b")
BRING_ITSELF = re.compile(r"\b(bring|laptops?)\b", re.IGNORECASE)
BRING = re.compile(
    r"\b(bring|laptops?|prerequisites?|install(ed)?|equipment|prior (knowledge|experience)"
    r"|no experience|provided|required)\b",
    re.IGNORECASE,
)

# where a session without a room says it is: 'Welcome drinks in the courtyard of the Zlatý Drak
# brewery, Údolní 14', 'We meet at the main entrance'
PLACE_SAID = re.compile(
    r"\b(courtyard|brewery|restaurant|pub|caf[eé]|beer garden|rooftop|meeting point"
    r"|we meet (?:at|in)|(?:walk|minutes) from the venue)\b",
    re.IGNORECASE,
)

# how a session runs, in its own words: 'This workshop is hands-on', 'an interactive tutorial'
FORMAT_SAID = re.compile(
    r"\b(hands[- ]on|interactive|workshops?|tutorials?|lectures?|talks?|panel|discussion"
    r"|demos?|demonstrations?|practical|exercises?|lightning|keynote)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Finding:
    """What the engine found for a question, ready to be put into words."""

    query: Query
    asks: tuple[Ask, ...]
    sessions: tuple[Session, ...] = ()
    people: tuple[Participant, ...] = ()
    parts: Mapping[str, int] = field(default_factory=dict)
    abstain: Text = ""
    nearest: tuple[Session, ...] = ()
    scope: Text = ""
    subject: Text = ""
    note: Text = ""
    agenda: AgendaChange | None = None  # sessions the reply stars or unstars on the device
    clashes: tuple[tuple[Session, Session], ...] = ()  # pairs of the agenda's that overlap


@dataclass(frozen=True, slots=True)
class SessionView:
    """A session's fields as a delegate reads them."""

    id: str
    title: str
    name: str
    when: str
    day: str
    times: str
    starts: str  # weekday and start time: 'Thursday 13:15'
    room: str
    stream: str
    group: str
    format: str
    filters: tuple[str, ...]  # content filters: audience, level, 'co-presented with patients'
    level: str  # the audience level they mark: 'beginner', 'intermediate', 'advanced' or ''
    language: str  # as the programme labels it
    language_code: str
    written_in: str  # unlabelled: the language its own text is written in ('' if unclear)
    written_in_code: str
    recorded: bool | None
    chairs: tuple[str, ...]
    speakers: tuple[str, ...]
    speaker_names: tuple[str, ...]
    part: Part | None
    objectives: tuple[str, ...]
    summary: str
    url: str
    scheduled: bool
    length: str  # how long it lasts: '45 min', '2 h 30 min' ('' when the programme gives no end)
    length_said: str  # the programme's own sentence on how long ('Five-minute talks on …')
    talks: tuple[str, ...]  # a block's talks or posters, each with who presents it
    bring_said: str  # the programme's own sentence on what to bring or know beforehand
    format_said: str  # its own sentence on how the session runs ('This masterclass is hands-on')
    place_said: str = ""  # where a session without a room says it is ('in the courtyard of …')


def _citation(view: SessionView) -> Citation:
    """A shown session as a citation; a part with an id of its own in the source (an Indico
    contribution) is cited by that id, opening the session at the part."""
    part = view.part
    if part is not None and part.source_id:
        url = f"{view.url}#part-{part.index}"
        return Citation(part.source_id, view.title, part.title, url, _snippet(view.summary))
    return Citation(
        session_id=view.id,
        title=view.title,
        part=part.title if part else "",
        url=view.url,
        snippet=_snippet(view.summary),
    )


MAX_TALK_CITATIONS = 8  # a poster session's hundred posters are not a hundred citations


# How many blocks an answer may cite and still cite their talks (a session's slots)
MAX_BLOCKS_OPENED = 3


def _talk_citations(session: Session | None, view: SessionView) -> tuple[Citation, ...]:
    """A block's talks that have ids of their own, after the block."""
    if session is None or len(session.parts) < 2:
        return ()
    return tuple(
        Citation(part.source_id, view.title, part.title, f"{view.url}#part-{part.index}", "")
        for part in session.parts[:MAX_TALK_CITATIONS]
        if part.source_id
    )


def day_name(day: date, tongue: Tongue = ENGLISH) -> str:
    """A day as a programme writes it: 'Thursday 22 May 2025'."""
    return tongue.day(day)


def day_text(day: date, programme: Programme, tongue: Tongue = ENGLISH) -> str:
    """'Thursday 22 May 2025', with '(day 2)' when the programme runs several days."""
    text = tongue.day(day)
    days = programme.days
    if len(days) > 1 and day in days:
        text += tongue.say(says(" (day %(number)s)", number=str(days.index(day) + 1)))
    return text


def when_text(session: Session, programme: Programme, tongue: Tongue = ENGLISH) -> str:
    """Day and times exactly as the programme gives them, e.g. 'Thursday 22 May 2025, 13:15–14:30'."""
    if session.start is None:
        return tongue.say(says("not yet scheduled"))
    times = f"{session.start:%H:%M}" + (f"–{session.end:%H:%M}" if session.end else "")
    day = session.day or session.start.date()
    if session.start.date() != day:
        night = says(
            "%(day)s, %(times)s (in the night after %(before)s)",
            day=session.start.date(),
            times=times,
            before=day_text(day, programme, tongue),
        )
        return tongue.say(night)
    return f"{day_text(day, programme, tongue)}, {times}"


def person_text(person: Person) -> str:
    """'Laura Pozzobon (University Health Network; Canada)'."""
    name = f"{person.honorific} {person.name}".strip()
    return f"{name} ({person.affiliation})" if person.affiliation else name


def session_view(
    session: Session,
    programme: Programme,
    part_index: int | None = None,
    tongue: Tongue = ENGLISH,
    alone: bool = True,
) -> SessionView:
    """Precompute what templates print, so templates stay simple; the sentences quoted about
    one session (what to bring, how it runs) only when it is `alone` in the answer."""
    part = next((p for p in session.parts if p.index == part_index), None)
    speakers_of = part.speakers if part else session.speakers
    objectives = (
        part.objectives
        if part and part.objectives
        else session.objectives or tuple(o for p in session.parts for o in p.objectives)
    )
    summary_source = (
        (part.abstract if part else "")
        or session.abstract
        or next((p.abstract for p in session.parts if p.abstract), "")
    )
    name = f"{session.code}: {session.title}" if session.code else session.title
    written = "" if session.language else session_language(session)
    # a contribution inside a session block has its own slot: that is when it is on
    timed = replace(session, start=part.start, end=part.end) if part and part.start else session
    times = ""
    if timed.start is not None:
        times = f"{timed.start:%H:%M}" + (f"–{timed.end:%H:%M}" if timed.end else "")
    return SessionView(
        id=session.id,
        title=session.title,
        name=name,
        when=when_text(timed, programme, tongue),
        day=day_text(session.day, programme, tongue) if session.day else "",
        times=times,
        starts=f"{timed.start:%A %H:%M}" if timed.start is not None else "",
        room=session.room,
        stream=session.stream,
        group=session.group,
        format=session.format,
        filters=session.content_filters,
        level=marked_level(session.content_filters),
        language=tongue.say(LANGUAGE_NAMES.get(session.language, session.language)),
        language_code=session.language,
        written_in=tongue.say(LANGUAGE_NAMES.get(written, written)),
        written_in_code=written,
        recorded=session.recorded,
        chairs=tuple(person_text(p) for p in session.chairs),
        speakers=tuple(person_text(p) for p in speakers_of),
        speaker_names=tuple(p.name for p in speakers_of),
        part=part,
        objectives=objectives,
        summary=_snippet(summary_source, SNIPPET_CHARS * 2),
        url=session_path(session.id),
        scheduled=session.start is not None,
        length=_length(timed),
        length_said=_first_sentence(
            LENGTH_SAID, part.title if part else session.subtitle, summary_source
        ),
        talks=_talks(session),
        # 'Please bring a laptop.' before 'AudioMoth recorders (provided).'
        bring_said=(
            _first_sentence(BRING_ITSELF, summary_source) or _first_sentence(BRING, summary_source)
        )
        if alone
        else "",
        format_said=_first_sentence(FORMAT_SAID, summary_source) if alone else "",
        place_said=_first_sentence(PLACE_SAID, summary_source) if not session.room else "",
    )


def _talks(session: Session) -> tuple[str, ...]:
    """'Title (Presenter)' for each part of a session of several, titled apart from it."""
    if len(session.parts) < 2:
        return ()
    talks = []
    for part in session.parts:
        if part.title.strip() and part.title.strip() != session.title.strip():
            presenters = ", ".join(s.name for s in part.speakers if s.presents)
            talks.append(f"{part.title} ({presenters})" if presenters else part.title)
    return tuple(talks)


def _length(session: Session) -> str:
    if session.start is None or session.end is None or session.end <= session.start:
        return ""
    hours, minutes = divmod(int((session.end - session.start).total_seconds() // 60), 60)
    return " ".join(([f"{hours} h"] if hours else []) + ([f"{minutes} min"] if minutes else []))


def _first_sentence(pattern: re.Pattern[str], *texts: str) -> str:
    """The first sentence of these texts the pattern finds something in, or ''."""
    for text in texts:
        found = pattern.search(text)  # one search of the text, then the sentence around it
        if found is None:
            continue
        flat = " ".join(text.split())
        found = pattern.search(flat)
        if found is None:  # a match across a line break
            continue
        starts = [m.end() for m in SENTENCE_END.finditer(flat, 0, found.start())]
        start = starts[-1] if starts else 0
        end = SENTENCE_END.search(flat, found.end())
        return _snippet(flat[start : end.start() if end else len(flat)])
    return ""


def session_path(session_id: str) -> str:
    """The session page's path."""
    return "/sessions/" + quote(session_id, safe="")


def _snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + " …"


# Sentences of a biography that say where someone works or what they do.
_WORK = re.compile(
    r"\b(works?|working|worked|employed|joined|at|for|founder|co-?founder|ceo|cto|director|"
    r"head|lead|engineer|developer|researcher|professor|lecturer|scientist|student|phd|"
    r"consultant|manager|member|maintainer|committer|part of|currently|startup|company|"
    r"arbeitet|bei|promoviert|studiert|forscht|leitet|gründer(?:in)?|entwickler(?:in)?)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])")
BIOGRAPHY_CHARS = 300


def biography_excerpt(biography: str, about_work: bool = False) -> str:
    """The first sentences of a biography (those about work, if asked), quoted and bounded."""
    sentences = [s.strip() for s in _SENTENCE_END.split(" ".join(biography.split())) if s.strip()]
    if about_work:
        sentences = [s for s in sentences if _WORK.search(s)]
    text = ""
    for sentence in sentences:
        if text and len(text) + len(sentence) > BIOGRAPHY_CHARS:
            break
        text = f"{text} {sentence}".strip()
    if len(text) > BIOGRAPHY_CHARS:
        text = text[: BIOGRAPHY_CHARS - 1].rsplit(" ", 1)[0] + " …"
    return f"“{text}”" if text else ""


def join_names(names: Sequence[str], last: str = " and ") -> str:
    """'A', 'A and B', 'A, B and C'."""
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + last + names[-1]


def make_environment(loader: jinja2.BaseLoader, tongue: Tongue = ENGLISH) -> jinja2.Environment:
    """The answer templates' environment in one language (`_()` and `ngettext()` from its
    catalog); answers are plain text, inserted into pages as text."""
    env = jinja2.Environment(
        loader=loader,
        autoescape=False,
        trim_blocks=False,  # lines ending in a tag keep their newline; empty lines are dropped
        lstrip_blocks=True,
        keep_trailing_newline=False,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(tongue.gettext, tongue.ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters["names"] = lambda names: join_names(names, tongue.gettext(" and "))
    env.filters["biography"] = biography_excerpt
    env.filters["quoted"] = lambda items: ", ".join(f"'{item}'" for item in items)
    env.tests["asking_in_person"] = lambda text: bool(IN_PERSON.search(text.lower()))
    env.tests["asking_virtual"] = lambda text: bool(VIRTUAL.search(text.lower()))
    env.tests["whether_any_question"] = lambda text: bool(WHETHER_ANY.match(text.lower()))
    env.tests["how_long_question"] = lambda text: bool(HOW_LONG.search(text.lower()))
    env.tests["bring_question"] = lambda text: bool(ASKS_TO_BRING.search(text.lower()))
    return env


SUGGESTED = {
    Ask.WHEN: says("When is it?"),
    Ask.WHERE: says("Which room is it in?"),
    Ask.WHO: says("Who is speaking?"),
    Ask.CHAIR: says("Who chairs it?"),
    Ask.OBJECTIVES: says("What will I learn?"),
    Ask.ABOUT: says("Tell me more"),
}
NEXT = says("What's on next?")
ADD_IT = says("Add it to my agenda")
HELP = says("Help")
FIRST_MORE = says("Tell me more about the first one")
SECOND_WHEN = says("When is the second one?")


class Answerer:
    """Renders a Finding into a Reply with citations, context and suggestions, in the language
    the question was asked in."""

    def __init__(
        self,
        programme: Programme,
        loader: jinja2.BaseLoader,
        tongues: Mapping[str, Tongue] | None = None,
        max_results: int = 8,
    ):
        self.programme = programme
        self.tongues = {ENGLISH.code: ENGLISH, **(tongues or {})}
        self.environments = {code: make_environment(loader, t) for code, t in self.tongues.items()}
        self.max_results = max_results

    @property
    def env(self) -> jinja2.Environment:
        """The English templates' environment."""
        return self.environments[ENGLISH.code]

    def render(self, finding: Finding) -> Reply:
        """The reply for a finding: answer text, citations, suggestions, next context."""
        tongue = tongue_for(finding.query.language, self.tongues)
        views = [
            session_view(
                s, self.programme, finding.parts.get(s.id), tongue, len(finding.sessions) == 1
            )
            for s in finding.sessions
        ]
        shown = views[: self.max_results]
        nearest = [
            session_view(s, self.programme, None, tongue, alone=False) for s in finding.nearest[:3]
        ]
        values = {
            "q": finding.query,
            "sessions": shown,
            "more": max(0, len(views) - len(shown)),
            "total": len(views),
            "people": finding.people,
            "person": person_text,
            "nearest": nearest,
            "scope": tongue.say(finding.scope),
            "subject": tongue.say(finding.subject),
            "note": tongue.say(finding.note),
            "reason": tongue.say(finding.abstain),
            "by_day": _by_day(shown, tongue),
            "programme": self.programme,
            "same": _shared(shown),
            "sessions_of": lambda participant: self._sessions_of(participant, tongue),
            "in_answer": {s.id for s in finding.sessions},
            "change": finding.agenda,
            "clashes": [  # as many pairs as sessions are shown; the rest are counted
                (
                    session_view(a, self.programme, alone=False),
                    session_view(b, self.programme, alone=False),
                )
                for a, b in finding.clashes[: self.max_results]
            ],
            "more_clashes": max(0, len(finding.clashes) - self.max_results),
        }
        env = self.environments[tongue.code]
        if finding.abstain:
            text = _rendered(env, "abstain", values)
            cited = nearest
        else:
            text = "\n".join(
                t for t in (_rendered(env, ask.value, values) for ask in finding.asks) if t
            )
            cited = shown
        citations = tuple(_citation(v) for v in cited)
        if len(cited) <= MAX_BLOCKS_OPENED and not finding.abstain:
            # a block of talks with ids of their own (Indico), or the slots of one session:
            # each talk is a source too, after the blocks
            talks = (
                c
                for v in cited
                if v.part is None
                for c in _talk_citations(self.programme.session(v.id), v)
            )
            citations += tuple(talks)[:MAX_TALK_CITATIONS]
        context = Conversation(
            session_ids=tuple(v.id for v in (shown if not finding.abstain else ())),
            person_ids=tuple(p.id for p in finding.people),
            asks=tuple(a.value for a in finding.asks),
            question=finding.query.text,
            parts=tuple((v.id, v.part.index) for v in shown if v.part and not finding.abstain),
            language=tongue.code,
        )
        return Reply(
            answer=text.strip(),
            abstained=bool(finding.abstain) or _left_empty(finding.asks, shown, finding.query),
            citations=citations,
            context=context.to_json(),
            suggestions=tuple(tongue.say(s) for s in self._suggestions(finding, shown)),
            agenda=finding.agenda,
            language=tongue.code,
        )

    def offer(self, reply: Reply, mending: Mending) -> Reply:
        """The reply with 'Did you mean: hacking satellites?' after it, and the mended question
        first among its suggestions."""
        tongue = tongue_for(reply.language, self.tongues)
        offer = tongue.say(says("Did you mean: %(words)s?", words=mending.topic))
        return replace(
            reply,
            answer=f"{reply.answer}\n{offer}",
            suggestions=(mending.question, *reply.suggestions[:2]),
        )

    def _sessions_of(
        self, participant: Participant, tongue: Tongue
    ) -> list[tuple[str, SessionView]]:
        """Each session a person is in, with 'chairs' or 'speaks in'."""
        roles: dict[str, Words] = {}
        for appearance in participant.appearances:
            speaking = appearance.capacity is Capacity.SPEAKER
            if speaking or appearance.session_id not in roles:
                roles[appearance.session_id] = says("speaks in") if speaking else says("chairs")
        found = ((role, self.programme.session(i)) for i, role in roles.items())
        return [
            (tongue.say(role), session_view(s, self.programme, None, tongue, alone=False))
            for role, s in found
            if s is not None
        ]

    def _suggestions(self, finding: Finding, shown: list[SessionView]) -> tuple[Text, ...]:
        """One to three follow-ups this programme can actually answer about these sessions."""
        if finding.abstain:
            return (NEXT, HELP)
        if not shown:
            return (NEXT,)
        asks = set(finding.asks)
        if asks & AGENDA_ASKS:
            return _agenda_suggestions(finding, len(shown))
        if len(shown) > 1:
            return (FIRST_MORE, SECOND_WHEN)
        view = shown[0]
        known = {
            Ask.WHEN: view.scheduled,
            Ask.WHERE: bool(view.room),
            Ask.WHO: bool(view.speakers),
            Ask.CHAIR: bool(view.chairs),
            Ask.OBJECTIVES: bool(view.objectives),
            Ask.ABOUT: bool(view.summary),
        }
        offered = tuple(text for ask, text in SUGGESTED.items() if known[ask] and ask not in asks)
        if {Ask.WHEN, Ask.WHERE} & asks:  # once a delegate knows when and where: keep it
            return (ADD_IT, *offered[:2])
        return offered[:3]


def _agenda_suggestions(finding: Finding, count: int) -> tuple[Text, ...]:
    """After a change to the agenda, or an answer from it: what to ask of it next."""
    asks = set(finding.asks)
    if finding.agenda is not None:
        if finding.agenda.add:
            return (says("What's on my agenda?"), says("Do any of my sessions clash?"))
        return (says("What's on my agenda?"),)
    if {Ask.AGENDA_ADD, Ask.AGENDA_REMOVE} & asks:  # it asked which of several to change
        verb = "Remove" if Ask.AGENDA_REMOVE in asks else "Add"
        picks = [f"{verb} the {nth} one" for nth in ("first", "second", "third")[: min(count, 2)]]
        return (*picks, f"{verb} all of them")
    if Ask.CLASHES in asks:
        return (says("What's on my agenda?"), says("What's next on my agenda?"))
    return (says("Do any of my sessions clash?"), says("What's next on my agenda?"))


def _rendered(env: jinja2.Environment, name: str, values: Mapping[str, object]) -> str:
    """One answer template rendered, its blank lines dropped and lines right-trimmed."""
    text = env.get_template(f"{name}.txt").render(values)
    return "\n".join(line.rstrip() for line in text.strip().splitlines() if line.strip())


def _by_day(views: Sequence[SessionView], tongue: Tongue) -> list[tuple[str, list[SessionView]]]:
    groups: dict[str, list[SessionView]] = {}
    for view in views:
        groups.setdefault(view.day or tongue.say(says("Not yet scheduled")), []).append(view)
    return list(groups.items())


def _shared(views: Sequence[SessionView]) -> dict[str, str]:
    """Fields every listed session shares (a named session block), so they are said once."""
    names = ("group", "room", "when", "stream", "format")
    shared = dict.fromkeys(names, "")
    if len(views) < 2:
        return shared
    for name in names:
        values = {getattr(v, name) for v in views}
        if len(values) == 1 and (name != "when" or all(v.scheduled for v in views)):
            shared[name] = next(iter(values))
    return shared


def now_text(moment: datetime) -> Words:
    """'13:00 on Thursday 22 May 2025'."""
    clock = f"{moment:%H:%M}"  # outside the message: pybabel reads only its literal text
    return says("%(time)s on %(day)s", time=clock, day=moment.date())


def _field_given(ask: Ask, view: SessionView, query: Query) -> bool:
    """Whether the programme gives the field the ask is about. Format and language count as
    given: the answer says what the programme implies of them (a session's kind, the language
    its text is written in). Whether it is recorded and its level are not, when unsaid."""
    if ask is Ask.WHERE:
        if query.place_field == "stream":
            return bool(view.stream)
        return bool(view.room or view.place_said)
    given = {
        Ask.WHO: bool(view.speakers),
        Ask.CHAIR: bool(view.chairs),
        Ask.WHEN: view.scheduled,
        Ask.ABOUT: bool(view.summary),
        Ask.OBJECTIVES: bool(view.objectives),
        Ask.RECORDED: view.recorded is not None,
        Ask.LEVEL: bool(view.filters),
    }
    return given.get(ask, True)


def _left_empty(asks: Sequence[Ask], shown: Sequence[SessionView], query: Query) -> bool:
    """The question asks for fields the programme leaves empty on every session it names
    ('which room is B6 in?' with no room): the contract counts that as not answered."""
    return bool(shown and asks) and not any(
        _field_given(ask, view, query) for ask in asks for view in shown
    )
