"""The asker's own agenda, which their device keeps: starring or unstarring the sessions an
answer named ('add it to my agenda'), and answers from the starred sessions only."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from assistant.answers.abstention import abstain
from assistant.answers.answerer import Finding
from assistant.answers.clock import wall
from assistant.answers.finding import Finder, nth, scope_of
from assistant.answers.handlers.now_next import clock_answer
from assistant.answers.handlers.sessions import sessions_answer
from assistant.answers.reply import AgendaChange
from assistant.answers.understanding import Ask, Query
from assistant.answers.wording import says
from assistant.programme import Session

DEVICE_ONLY = (
    "Your agenda is kept on your device, and this question came without it. Open the "
    "assistant on the conference site to ask about your agenda."
)
EMPTY = (
    'Your agenda is empty. Ask about a session and then say "add it to my agenda", or star '
    "sessions in the programme."
)
# 'add them all', 'star both': every session the previous answer named
EVERY_ONE = re.compile(r"\b(them|these|those|both|all|ones)\b")
# a session with no end is taken to last an hour, as the agenda page takes it
UNTIL = timedelta(hours=1)


def agenda_change_answer(finder: Finder, q: Query, now: datetime) -> Finding:
    """'Add B6 to my agenda', or 'add it' with nothing before it: the sessions it names, or
    the question which one, with nothing changed."""
    if not q.names_something:
        return abstain(
            finder,
            q,
            f"Which session shall I {_verb(q)} your agenda? Ask about one first "
            f'("when is …?"), then say "{_verb(q, short=True)} it", or name it as you ask.',
            nearest=False,
        )
    found = sessions_answer(finder, replace(q, asks=(Ask.WHEN,)), now)
    if found.abstain:
        return replace(found, asks=q.asks)
    return change(q, list(found.sessions))


def agenda_follow_up(finder: Finder, q: Query, previous: list[Session], now: datetime) -> Finding:
    """'Add it to my agenda', 'star the second one', 'remove them': the sessions the previous
    answer named, narrowed by an ordinal or the days and places the question gives."""
    if q.has_filters:
        allowed = {s.id for s in finder.filtered(q, now)}
        narrowed = [s for s in previous if s.id in allowed]
        if not narrowed:
            return abstain(
                finder,
                q,
                says("None of those is %(scope)s.", scope=scope_of(q)),
                offered=previous[:3],
            )
        previous = narrowed
    if q.ordinal is not None:
        previous = nth(previous, q.ordinal)
    return change(q, previous)


def change(q: Query, sessions: list[Session]) -> Finding:
    """Star (or unstar) the sessions; with several and no 'all', ask which, changing nothing."""
    asks = tuple(a for a in q.asks if a in (Ask.AGENDA_ADD, Ask.AGENDA_REMOVE))
    if len(sessions) > 1 and not EVERY_ONE.search(q.text.lower()):
        return Finding(query=q, asks=asks, sessions=tuple(sessions))
    ids = tuple(s.id for s in sessions)
    removing = Ask.AGENDA_REMOVE in asks
    agenda = AgendaChange(remove=ids) if removing else AgendaChange(add=ids)
    return Finding(query=q, asks=asks, sessions=tuple(sessions), agenda=agenda)


def agenda_answer(finder: Finder, q: Query, now: datetime) -> Finding:
    """What is on the asker's agenda (on a day, now, next) and what of it clashes: from the
    sessions their device sent, none other."""
    if q.agenda is None:
        return abstain(finder, q, DEVICE_ONLY, nearest=False)
    mine = [finder.by_id[i] for i in q.agenda if i in finder.by_id]
    if not mine:
        return abstain(finder, q, EMPTY, nearest=False)
    if {Ask.NOW, Ask.NEXT} & set(q.asks):
        return clock_answer(finder, q, now, among=mine, within=says("in your agenda"))
    if q.has_filters:
        allowed = {s.id for s in finder.filtered(q, now)}
        chosen = [s for s in mine if s.id in allowed]
    else:
        chosen = mine
    chosen = finder.sorted(chosen)
    scope = scope_of(q)
    if not chosen:
        nothing = (
            says(
                "Your agenda has nothing %(scope)s: its one session is at another time.",
                scope=scope,
            )
            if len(mine) == 1
            else says(
                "Your agenda has nothing %(scope)s: its %(count)s sessions are at other times.",
                scope=scope,
                count=str(len(mine)),
            )
        )
        return abstain(finder, q, nothing, nearest=False)
    pairs = clashes(chosen)
    if Ask.CLASHES in q.asks:
        clashing_ids = {s.id for pair in pairs for s in pair}
        clashing = [s for s in chosen if s.id in clashing_ids]
        return Finding(
            query=q,
            asks=(Ask.CLASHES,),
            sessions=tuple(clashing or chosen),
            clashes=tuple(pairs),
            scope=scope,
        )
    return Finding(
        query=q, asks=(Ask.AGENDA,), sessions=tuple(chosen), clashes=tuple(pairs), scope=scope
    )


def clashes(sessions: Sequence[Session]) -> list[tuple[Session, Session]]:
    """Every pair of the sessions whose times overlap, in the order given."""
    spans = [(s, wall(s.start), _end(s, wall(s.start))) for s in sessions if s.start is not None]
    return [
        (a, b)
        for i, (a, a_start, a_end) in enumerate(spans)
        for b, b_start, b_end in spans[i + 1 :]
        if a_start < b_end and b_start < a_end
    ]


def _end(session: Session, start: datetime) -> datetime:
    """When a session that starts at `start` ends, as the programme writes it."""
    return wall(session.end) if session.end is not None else start + UNTIL


def _verb(q: Query, short: bool = False) -> str:
    """How the answer says the change asked for."""
    if Ask.AGENDA_REMOVE in q.asks:
        return "remove" if short else "remove from"
    return "add" if short else "add to"
