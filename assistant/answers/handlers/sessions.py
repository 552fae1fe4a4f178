"""Who, when, where, chair, format, level, language, recording, objectives of the sessions named."""

from __future__ import annotations

from datetime import datetime

from assistant.answers.abstention import abstain
from assistant.answers.answerer import Finding
from assistant.answers.describing import about_sessions
from assistant.answers.finding import SESSION_ASKS, Finder, topic_of
from assistant.answers.handlers.affiliation import listed_with
from assistant.answers.handlers.listing import listing_answer
from assistant.answers.handlers.person import people_answer
from assistant.answers.handlers.topic import topic_answer
from assistant.answers.understanding import Query


def sessions_answer(finder: Finder, q: Query, now: datetime) -> Finding:
    """Find the sessions by what the question names: an organisation's, a code, a person, a
    topic, then its filters alone; abstain when it names none of these."""
    asks = q.asks
    base = finder.filtered(q, now)
    if q.organisations and set(asks) & SESSION_ASKS:
        # 'what format is the session with the ABC Parents people?': their sessions
        theirs = listed_with(finder, q, now).sessions
        if theirs:
            return about_sessions(finder, q, list(theirs), asks)
    if q.codes:
        sessions = [finder.by_id[i] for i in q.codes if i in finder.by_id]
        return about_sessions(finder, q, sessions, asks)
    if q.people:
        return people_answer(finder, q, base)
    topic = topic_of(q)
    if topic:
        return topic_answer(finder, q, topic, base, now)
    if q.has_filters:
        return listing_answer(finder, q, base, now)
    if len(finder.programme.sessions) == 1 and set(asks) & SESSION_ASKS and not q.refers_back:
        # a one-session programme: 'what will I get out of part one?' can only mean it
        return about_sessions(finder, q, list(finder.programme.sessions), asks)
    return abstain(
        finder,
        q,
        "I'm not sure which session you mean. Name a session, a person or a topic, "
        "or ask what's on a day or in a room.",
        nearest=False,
    )
