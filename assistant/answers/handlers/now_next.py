"""What is on now and what starts next: by the clock, or after sessions the question names."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from assistant.answers.abstention import abstain
from assistant.answers.answerer import Finding, now_text
from assistant.answers.clock import wall
from assistant.answers.describing import name_of
from assistant.answers.finding import Finder, scope_of
from assistant.answers.handlers.topic import sure_of
from assistant.answers.understanding import Ask, Query
from assistant.answers.wording import Listing, Text, Words, joined, says
from assistant.programme import Part, Session


def clock_answer(
    finder: Finder,
    q: Query,
    now: datetime,
    among: Sequence[Session] | None = None,
    within: Text = "",
) -> Finding:
    """What is running at `now` ('what's on now?') or starts next after it ('what's next?'),
    of the given sessions (the asker's agenda, which the answer calls by `within`) or all."""
    plain = replace(q, days=(), relative_day=None, window=None)
    base = finder.filtered(plain, now) if plain.has_filters else list(finder.programme.sessions)
    if among is not None:
        kept = {s.id for s in among}
        base = [s for s in base if s.id in kept]
    running, upcoming = _by_clock(base, now)
    scope = joined((within, scope_of(plain)))
    if Ask.NOW in q.asks and (named := _about_topic(finder, q, running)):
        running = named  # 'who's presenting right now in the safer surgery session?'
    if Ask.NOW in q.asks and running:
        return Finding(
            query=q,
            asks=(Ask.NOW,),
            sessions=tuple(finder.sorted(running)),
            scope=scope,
            note=says("It is %(now)s.", now=now_text(now)),
            parts={s.id: p.index for s in running if (p := _part_running(s, now)) is not None},
        )
    if not upcoming:
        return abstain(finder, q, _nothing_after(now, scope, bool(running)), nearest=False)
    if Ask.NEXT in q.asks and (about := _about_topic(finder, q, [s for _, s in upcoming])):
        # 'anything on staff burnout coming up?': the next of those about it
        chosen = {s.id for s in about}
        upcoming = [(t, s) for t, s in upcoming if s.id in chosen]
    first = min(t for t, _ in upcoming)
    following = [s for t, s in upcoming if t == first]
    if q.horizon is not None:  # 'starting in the next hour': all of them, not the first
        until = now + timedelta(minutes=q.horizon)
        if first > until:
            times = {"now": f"{now:%H:%M}", "until": f"{until:%H:%M}", "time": f"{first:%H:%M}"}
            name = name_of(following[:1])
            reason = (
                says(
                    "Nothing starts %(scope)s between %(now)s and %(until)s; next is %(name)s at "
                    "%(time)s.",
                    scope=scope,
                    name=name,
                    **times,
                )
                if scope
                else says(
                    "Nothing starts between %(now)s and %(until)s; next is %(name)s at %(time)s.",
                    name=name,
                    **times,
                )
            )
            return abstain(finder, q, reason, nearest=False)
        following = [s for t, s in upcoming if t <= until]
    note = says("It is %(now)s.", now=now_text(now))
    if Ask.NOW in q.asks:
        note = (
            says("Nothing is on %(scope)s right now (%(now)s).", scope=scope, now=now_text(now))
            if scope
            else says("Nothing is on right now (%(now)s).", now=now_text(now))
        )
    return Finding(
        query=q,
        asks=(Ask.NEXT,),
        sessions=tuple(finder.sorted(following)),
        scope=scope,
        note=note,
    )


def _part_running(session: Session, now: datetime) -> Part | None:
    """The part of a session running at `now`, where its parts have times of their own (an
    Indico block's contributions): the talk a delegate walking in would hear."""
    for part in session.parts:
        if part.start is None:
            continue
        start = wall(part.start)
        end = wall(part.end) if part.end else start + timedelta(minutes=1)
        if start <= now < end:
            return part
    return None


def after(
    finder: Finder, q: Query, previous: list[Session], same_room: bool = False
) -> Finding | None:
    """What starts next once the sessions just named are over ('and after that?'), in
    their room when asked ('what's in the same room after it?')."""
    ends = [wall(s.end or s.start) for s in previous if s.start is not None]
    if not ends:
        return None
    over = max(ends)
    unbound = replace(q, asks=(Ask.NEXT,), days=(), day_label="", relative_day=None)
    if same_room:
        unbound = replace(unbound, rooms=tuple(dict.fromkeys(s.room for s in previous if s.room)))
    # a moment before it is over, so what starts as it ends counts as next, not as running
    found = clock_answer(finder, unbound, over - timedelta(seconds=1))
    if found.asks != (Ask.NEXT,):
        return found  # nothing follows: the clock answer says so
    which = name_of(previous) if len(previous) == 1 else says("those")
    clock = f"{over:%H:%M}"
    return replace(found, note=says("After %(which)s (over at %(time)s):", which=which, time=clock))


def after_named(finder: Finder, q: Query) -> Finding | None:
    """'What's on after the opening ceremony?': what follows the session it names, if found."""
    on_day = [s.id for s in finder.programme.sessions if s.day in q.days] or None
    hits = finder.retriever.search(q.after_session, session_ids=on_day, k=3)
    named = [h for h in hits if finder.coverage.confident(q.after_session, h)]
    if not named:
        return None
    return after(finder, q, [finder.by_id[named[0].session_id]])


# words of a now or next question that name no subject ('anything starting in the next hour?')
_NOW_WORDS = frozenset(
    "now right currently moment starting start starts started begin begins beginning soon "
    "upcoming later next hour hours minutes".split()
)


def _by_clock(
    sessions: Sequence[Session], now: datetime
) -> tuple[list[Session], list[tuple[datetime, Session]]]:
    """The sessions running at `now`, and those starting after it with their starts."""
    running: list[Session] = []
    upcoming: list[tuple[datetime, Session]] = []
    for s in sessions:
        if s.start is None:
            continue
        start = wall(s.start)
        end = wall(s.end) if s.end else start + timedelta(hours=1)
        if start <= now < end:
            running.append(s)
        elif start >= now:
            upcoming.append((start, s))
    return running, upcoming


def _about_topic(finder: Finder, q: Query, running: Sequence[Session]) -> list[Session]:
    """The running sessions the question's topic names: by the title ('the safer surgery
    session'), the first letters of its words ('the med safety talk'), or what retrieval among
    them is sure of ('anything on mental health right now?'); [] when it names none."""
    words = [w for w in q.topic.split() if w not in _NOW_WORDS]
    if not words or len(running) < 2:
        return []
    topic, ids = " ".join(words), [s.id for s in running]
    named = finder.coverage.named_by_title(topic, ids)
    if named is not None:
        return [finder.by_id[named]]
    shortened = [s for s in running if finder.coverage.title_starts(topic, s.id)]
    if len(shortened) == 1:
        return shortened
    return sure_of(finder, topic, ids)


def _nothing_after(now: datetime, scope: Listing, running: bool) -> Words:
    """'Nothing (else) is scheduled in Ada after 18:00 on Friday 23 May 2025.'"""
    moment = now_text(now)
    if running and scope:
        return says("Nothing else is scheduled %(scope)s after %(now)s.", scope=scope, now=moment)
    if running:
        return says("Nothing else is scheduled after %(now)s.", now=moment)
    if scope:
        return says("Nothing is scheduled %(scope)s after %(now)s.", scope=scope, now=moment)
    return says("Nothing is scheduled after %(now)s.", now=moment)
