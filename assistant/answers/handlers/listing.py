"""What is on for a day, a time, a place or a kind of session ('what's on in Eliza on Monday?')."""

from __future__ import annotations

from datetime import datetime

from assistant.answers.abstention import abstain
from assistant.answers.answerer import Finding
from assistant.answers.describing import about_sessions
from assistant.answers.finding import SESSION_ASKS, Finder, scope_of
from assistant.answers.understanding import Ask, Query
from assistant.answers.wording import says
from assistant.programme import Session


def listing_answer(finder: Finder, q: Query, base: list[Session], now: datetime) -> Finding:
    """The sessions the filters leave, in time order; about them when the question asks a field."""
    listed = finder.sorted(base)
    if not listed:
        return abstain(
            finder,
            q,
            says("I found nothing %(scope)s in the programme.", scope=scope_of(q)),
            offered=finder.relaxed(q, now),
        )
    if set(q.asks) & SESSION_ASKS and Ask.LIST not in q.asks:
        return about_sessions(finder, q, listed, q.asks)
    return Finding(query=q, asks=(Ask.LIST,), sessions=tuple(listed), scope=scope_of(q))
