"""A named person's sessions, or who they are ('who is Jane Doe?', 'what is she presenting?')."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.answers.abstention import abstain
from assistant.answers.answerer import Finding
from assistant.answers.asks import CHAIR
from assistant.answers.describing import about_sessions
from assistant.answers.finding import SESSION_ASKS, Finder, scope_of, topic_of
from assistant.answers.relevance import DENSE_LIKELY
from assistant.answers.understanding import Ask, Query
from assistant.answers.wording import NOTHING, says
from assistant.programme import Capacity, Participant, Session

PERSON_QUESTION = re.compile(r"^\s*(who(?:'s| is| are)|what does|what do|tell me about)\b")
SPEAKING = re.compile(r"\b(presenting|speaking|talking|giving|presents|speaks)\b")
# 'her talk', 'his workshop': the kind of session meant, where a person has several
KIND_NAMED = re.compile(r"\b(talk|workshop|panel|keynote|poster|tutorial|lecture)\b")
# 'who chairs Jane Doe's talk?' asks about her sessions' chairs; 'is Jane Doe chairing?',
# 'what does she moderate?' ask about her own role
ASKS_WHO_CHAIRS = re.compile(r"^\s*(who|whom|wer)\b")


def people_answer(finder: Finder, q: Query, base: list[Session]) -> Finding:
    """The sessions of the people the question names, among those the filters allow."""
    people = [finder.people[p] for p in q.people if p in finder.people]
    allowed = {s.id for s in base}
    sessions = [
        finder.by_id[i] for p in people for i in p.session_ids if i in allowed and i in finder.by_id
    ]
    sessions = list(dict.fromkeys(sessions))
    text = q.text.lower()
    names = ", ".join(p.person.name for p in people)
    spoken = {a.session_id for p in people for a in p.appearances if a.capacity is Capacity.SPEAKER}
    if sessions and Ask.CHAIR in q.asks and not ASKS_WHO_CHAIRS.match(text):
        return _roles_answer(finder, q, people, finder.sorted(sessions), spoken)
    if SPEAKING.search(text) or Ask.CHAIR in q.asks:
        sessions = [s for s in sessions if s.id in spoken] or sessions  # not the ones chaired
    kind = KIND_NAMED.search(text) if Ask.FORMAT not in q.asks else None  # 'a talk or a training?'
    if len(sessions) > 1 and kind:
        # 'what's Jørgen's talk about?' of his talk and his panel: the talk
        sessions = [s for s in sessions if kind[1] in s.format.lower()] or sessions
    if not sessions:
        reason = says(
            "%(names)s has no session %(scope)s in the programme.", names=names, scope=scope_of(q)
        )
        return abstain(finder, q, reason)
    topic = topic_of(q)
    # two words or more of a title ('which trust is she from?' names no session 'Five Trusts')
    titled = finder.coverage.named_by_title(topic) if len(topic.split()) > 1 else None
    about_talk = titled is not None and Ask.AFFILIATION not in q.asks
    if about_talk and titled in allowed and titled not in {s.id for s in sessions}:
        # 'is ugne presenting the coastline erosion talk or who is?': the talk its title names,
        # whose people she is not among
        asks = tuple(a for a in q.asks if a in SESSION_ASKS) or (Ask.WHO,)
        return about_sessions(finder, q, [finder.by_id[titled]], asks)
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


def _roles_answer(
    finder: Finder,
    q: Query,
    people: list[Participant],
    sessions: list[Session],
    spoken: set[str],
) -> Finding:
    """What a named person does ('is Priya Raman chairing?', 'presenting herself or only
    moderating?'): the sessions (in time order) they chair; every role, the spoken ones first,
    when speaking is asked too or when they chair nothing (said so)."""
    chaired = [s for s in sessions if s.id not in spoken]
    if chaired and not SPEAKING.search(q.text.lower()):
        return replace(about_sessions(finder, q, chaired, (Ask.CHAIR,)), people=tuple(people))
    speaking = [s for s in sessions if s.id in spoken]
    # 'chairing anything or just speaking?' names the chair first; 'presenting herself or only
    # moderating?' the talks
    text = q.text.lower()
    asked_chair, asked_speaking = re.search(CHAIR, text), SPEAKING.search(text)
    chair_first = bool(
        asked_chair and asked_speaking and asked_chair.start() < asked_speaking.start()
    )
    ordered = chaired + speaking if chair_first else speaking + chaired
    note = NOTHING
    if not chaired:
        names = ", ".join(p.person.name for p in people)
        note = says("%(names)s chairs no session in the programme.", names=names)
    return Finding(
        query=q, asks=(Ask.PERSON,), sessions=tuple(ordered), people=tuple(people), note=note
    )
