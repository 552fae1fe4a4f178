"""What is on for a day, a time, a place or a kind of session ('what's on in Eliza on Monday?')."""

from __future__ import annotations

import re
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
    end = _END.search(q.text.lower())
    if end is not None:
        # 'the first talk tomorrow', 'the last session on friday': one of them, not a break
        proper = [s for s in listed if not _BREAK.search(f"{s.format} {s.title}")] or listed
        picked = proper[0] if end[1] in ("first", "earliest") else proper[-1]
        if set(q.asks) & ABOUT_THEM:  # 'when does the first session start?'
            return about_sessions(finder, q, [picked], q.asks)
        # found by its place in the day, not by what it is about: an answer, abstract or not
        return Finding(query=q, asks=(Ask.TOPIC,), sessions=(picked,))
    if set(q.asks) & ABOUT_THEM and Ask.LIST not in q.asks:
        return about_sessions(finder, q, listed, q.asks)
    return Finding(query=q, asks=(Ask.LIST,), sessions=tuple(listed), scope=scope_of(q))


# asks about the sessions the filters leave: 'when is the day 1 keynote?', 'who does the day 1
# keynote speaker work for?'
ABOUT_THEM = SESSION_ASKS | {Ask.AFFILIATION}

_END = re.compile(
    r"\b(first|earliest|last|final) (?:proper |real |actual )?"
    r"(?:session|talk|thing|event|lecture|presentation)\b"
)
# what a delegate asking for the first talk does not mean
_BREAK = re.compile(
    r"\b(breaks?|breakfast|lunch|coffee|tea|registration|dinner|reception|doors open)\b",
    re.IGNORECASE,
)
