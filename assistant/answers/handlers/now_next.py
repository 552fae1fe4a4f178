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
from assistant.answers.understanding import Ask, Query
from assistant.programme import Session


def clock_answer(
    finder: Finder,
    q: Query,
    now: datetime,
    among: Sequence[Session] | None = None,
    scope: str = "",
) -> Finding:
    """What is running at `now` ('what's on now?') or starts next after it ('what's next?'),
    of the given sessions (the asker's agenda, which the answer calls by `scope`) or all."""
    plain = replace(q, days=(), relative_day=None, window=None)
    base = finder.filtered(plain, now) if plain.has_filters else list(finder.programme.sessions)
    if among is not None:
        kept = {s.id for s in among}
        base = [s for s in base if s.id in kept]
    running: list[Session] = []
    upcoming: list[tuple[datetime, Session]] = []
    for s in base:
        if s.start is None:
            continue
        start = wall(s.start)
        end = wall(s.end) if s.end else start + timedelta(hours=1)
        if start <= now < end:
            running.append(s)
        elif start >= now:
            upcoming.append((start, s))
    scope = " ".join(bit for bit in (scope, scope_of(plain)) if bit)
    if Ask.NOW in q.asks and running:
        return Finding(
            query=q,
            asks=(Ask.NOW,),
            sessions=tuple(finder.sorted(running)),
            scope=scope,
            note=f"It is {now_text(now)}.",
        )
    if not upcoming:
        return abstain(
            finder,
            q,
            f"Nothing {'else ' if running else ''}is scheduled {scope + ' ' if scope else ''}after {now_text(now)}.",
            nearest=False,
        )
    first = min(t for t, _ in upcoming)
    following = [s for t, s in upcoming if t == first]
    if q.horizon is not None:  # 'starting in the next hour': all of them, not the first
        until = now + timedelta(minutes=q.horizon)
        if first > until:
            return abstain(
                finder,
                q,
                f"Nothing starts {scope + ' ' if scope else ''}between {now:%H:%M} and "
                f"{until:%H:%M}; next is {name_of(following[:1])} at {first:%H:%M}.",
                nearest=False,
            )
        following = [s for t, s in upcoming if t <= until]
    note = f"It is {now_text(now)}."
    if Ask.NOW in q.asks:
        note = f"Nothing is on {scope + ' ' if scope else ''}right now ({now_text(now)})."
    return Finding(
        query=q,
        asks=(Ask.NEXT,),
        sessions=tuple(finder.sorted(following)),
        scope=scope,
        note=note,
    )


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
    which = name_of(previous) if len(previous) == 1 else "those"
    return replace(found, note=f"After {which} (over at {over:%H:%M}):")


def after_named(finder: Finder, q: Query) -> Finding | None:
    """'What's on after the opening ceremony?': what follows the session it names, if found."""
    on_day = [s.id for s in finder.programme.sessions if s.day in q.days] or None
    hits = finder.retriever.search(q.after_session, session_ids=on_day, k=3)
    named = [h for h in hits if finder.coverage.confident(q.after_session, h)]
    if not named:
        return None
    return after(finder, q, [finder.by_id[named[0].session_id]])
