"""An answer about sessions already found: which of the asked fields it gives, whom it names."""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.answers.answerer import Finding
from assistant.answers.finding import SESSION_ASKS, Finder
from assistant.answers.understanding import Ask, Query
from assistant.answers.wording import NOTHING, Text, says
from assistant.programme import Person, Session

# 'who runs / leads / hosts it?' ('wer leitet …?'): of a panel, its chair
LEADS = re.compile(r"\b(runs?|running|leads?|leading|hosts?|hosting|leitet|leiten)\b")
# 'is it running again?', 'I missed it on Tuesday': the session's other runs come first
RUNS_AGAIN = re.compile(
    r"\b(again|repeat(ed|s)?|re-?run|twice|another (time|run|slot|chance|session)|second (time|run)"
    r"|missed)\b"
)


def twins(finder: Finder, session: Session) -> list[Session]:
    """The same session run again under another id (the very same title, format, papers and
    speakers): 'when is the workshop?' gives every time it runs. A poster session's blocks share a
    title but not their posters, so they are not twins."""
    runs = finder.runs.get(session.id, ())
    return [finder.by_id[i] for i in runs if i != session.id]


def _with_objectives(finder: Finder, session: Session) -> Session:
    """The session, or the run of it that lists learning objectives where it lists none."""
    if session.objectives or any(p.objectives for p in session.parts):
        return session
    return next((t for t in twins(finder, session) if t.objectives), session)


def about_sessions(
    finder: Finder,
    q: Query,
    sessions: list[Session],
    asks: tuple[Ask, ...],
    parts: Mapping[str, int] | None = None,
) -> Finding:
    """An answer about given sessions, saying so plainly when a field asked for is missing."""
    asks = tuple(a for a in asks if a in SESSION_ASKS or a in (Ask.AFFILIATION, Ask.PERSON)) or (
        Ask.ABOUT,
    )
    streams_asked = re.search(r"\b(stream|track|theme)\b", q.text.lower())
    if Ask.WHEN in asks and Ask.WHERE in asks and not streams_asked:
        asks = tuple(a for a in asks if a is not Ask.WHERE)
    # 'I missed it on Tuesday, is it on again?' asks of its other runs; 'missed it on weds,
    # what time is it on thursday?' of Thursday's, as the asking clause names the day
    other_runs = bool(RUNS_AGAIN.search(q.text.lower())) and not (q.days and q.day_asked)
    if len(sessions) > 1 and q.days and not other_runs:
        sessions = [s for s in sessions if s.day in q.days] or sessions
    elif len(sessions) > 1 and q.days:  # 'missed it on tuesday, is it on again?': others first
        sessions = [s for s in sessions if s.day not in q.days] + [
            s for s in sessions if s.day in q.days
        ]
    if len(sessions) == 1 and set(asks) & {Ask.WHEN, Ask.WHERE}:
        if other_runs:
            # 'I missed it on Tuesday, is it running again?': its other runs, first
            sessions = finder.sorted(twins(finder, sessions[0])) + sessions
        else:
            again = [s for s in twins(finder, sessions[0]) if not q.days or s.day in q.days]
            sessions = finder.sorted(sessions + again) if again else sessions
    if Ask.OBJECTIVES in asks:  # a repeat that lists none has its first run's
        sessions = list(dict.fromkeys(_with_objectives(finder, s) for s in sessions))
    if q.part_index is not None and len(sessions) == 1:
        if any(p.index == q.part_index for p in sessions[0].parts):
            parts = {**(parts or {}), sessions[0].id: q.part_index}
    if Ask.WHO in asks and Ask.CHAIR not in asks and LEADS.search(q.text.lower()):
        if all(s.chairs for s in sessions) and any(s.format == "Panel" for s in sessions):
            # 'who runs the ocean governance panel?': a panel is run by its chair
            asks = (Ask.CHAIR, *asks)
    no_chair = NOTHING
    if asks == (Ask.CHAIR,) and not any(s.chairs for s in sessions):
        # said once for them all; answered (abstained, as the field is empty), so that 'when is
        # it?' still follows these sessions
        name = name_of(sessions)
        no_chair = says("The programme does not list a chair for %(name)s.", name=name)
    # a chair or speaker answer names the person a follow-up's 'he' or 'she' then means
    speakers = tuple(
        dict.fromkeys(
            finder.people[p.id]
            for s in sessions
            for p in _presenting(s, (parts or {}).get(s.id))
            if p.id in finder.people
        )
    )
    chairs = tuple(
        dict.fromkeys(
            finder.people[c.id] for s in sessions for c in s.chairs if c.id in finder.people
        )
    )
    return Finding(
        query=q,
        asks=asks,
        sessions=tuple(sessions),
        parts=dict(parts or {}),
        people=chairs
        if Ask.CHAIR in asks
        else speakers
        if {Ask.WHO, Ask.AFFILIATION} & set(asks)
        else (),
        note=no_chair,
    )


def _presenting(session: Session, part_index: int | None) -> tuple[Person, ...]:
    """Who presents the part an answer is about (the whole session's speakers without one),
    leaving out co-authors where someone presents."""
    part = next((p for p in session.parts if p.index == part_index), None)
    speakers = part.speakers if part is not None and part.speakers else session.speakers
    presenting = tuple(p for p in speakers if p.presents)
    return presenting or speakers


def name_of(sessions: list[Session]) -> Text:
    """How an answer names the sessions: their shared block ('the Posters session'), or the first."""
    groups = {s.group for s in sessions}
    if len(sessions) > 1 and len(groups) == 1 and next(iter(groups)):
        return says("the %(group)s session", group=next(iter(groups)))
    first = sessions[0]
    return f"{first.code}: {first.title}" if first.code else first.title
