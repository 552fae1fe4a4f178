"""A named person's sessions, or who they are ('who is Jane Doe?', 'what is she presenting?')."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.answers.abstention import abstain
from assistant.answers.answerer import Finding
from assistant.answers.describing import about_sessions
from assistant.answers.finding import SESSION_ASKS, Finder, scope_of, topic_of
from assistant.answers.relevance import DENSE_LIKELY
from assistant.answers.understanding import Ask, Query
from assistant.answers.wording import NOTHING, says
from assistant.programme import Capacity, Session

PERSON_QUESTION = re.compile(r"^\s*(who(?:'s| is| are)|what does|what do|tell me about)\b")


def people_answer(finder: Finder, q: Query, base: list[Session]) -> Finding:
    """The sessions of the people the question names, among those the filters allow."""
    people = [finder.people[p] for p in q.people if p in finder.people]
    allowed = {s.id for s in base}
    sessions = [
        finder.by_id[i] for p in people for i in p.session_ids if i in allowed and i in finder.by_id
    ]
    sessions = list(dict.fromkeys(sessions))
    if re.search(r"\b(presenting|speaking|talking|giving|presents|speaks)\b", q.text.lower()):
        spoken = {
            a.session_id for p in people for a in p.appearances if a.capacity is Capacity.SPEAKER
        }
        sessions = [s for s in sessions if s.id in spoken] or sessions  # not the ones chaired
    names = ", ".join(p.person.name for p in people)
    if not sessions:
        reason = says(
            "%(names)s has no session %(scope)s in the programme.", names=names, scope=scope_of(q)
        )
        return abstain(finder, q, reason)
    topic = topic_of(q)
    if topic and len(sessions) > 1:
        hits = finder.retriever.search(topic, session_ids=[s.id for s in sessions], k=len(sessions))
        if hits and (hits[0].lexical > 0 or hits[0].dense >= DENSE_LIKELY):
            sessions = [finder.by_id[hits[0].session_id]]
    asks = tuple(a for a in q.asks if a in SESSION_ASKS or a is Ask.AFFILIATION) or (Ask.ABOUT,)
    if asks == (Ask.ABOUT,) and PERSON_QUESTION.match(q.text.lower()):
        asks = (Ask.PERSON,)
    parts = {
        s.id: a.part_index
        for p in people
        for a in p.appearances
        if (s := finder.by_id.get(a.session_id)) is not None
        and a.part_index is not None
        and len(s.parts) > 1
    }
    sessions = finder.sorted(sessions)
    subject = NOTHING
    if len(sessions) > 1 and Ask.AFFILIATION not in asks:
        subject = says("%(names)s is in %(count)s sessions", names=names, count=str(len(sessions)))
    finding = about_sessions(finder, q, sessions, asks, parts)
    return replace(finding, people=tuple(people), subject=subject)
