"""Questions that lean on the previous reply: 'when is it?', 'the second one', 'what about Friday?'."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, timedelta

from assistant.answers.abstention import abstain
from assistant.answers.answerer import Finding
from assistant.answers.conversation import Conversation
from assistant.answers.describing import about_sessions
from assistant.answers.finding import OR, SESSION_ASKS, Finder, nth, scope_of, topic_of
from assistant.answers.handlers.agenda import agenda_follow_up
from assistant.answers.handlers.now_next import after
from assistant.answers.handlers.person import people_answer
from assistant.answers.understanding import Ask, Query, understand
from assistant.answers.vocabulary import Vocabulary
from assistant.answers.wording import joined, says
from assistant.programme import Participant, Person, Programme, Session

# 'what's in the same room after it?', 'what's on there after that?'
SAME_ROOM = re.compile(r"\bsame (room|place|hall|stage|venue)\b|\b(there|that room|in it)\b")
# 'what else is on in that session?': the block of talks it belongs to
THAT_BLOCK = re.compile(r"\b(that|the same|this) (session|block|slot|symposium|panel)\b")
# 'when's the one in Ada?', 'which one's the training?'
ONE_OF_THEM = re.compile(
    r"\b(the|which)( \w+)? one('s| is)?\b|\bthe (talk|session|workshop) (in|on|at)\b"
)
# 'what's on against it in the main hall?', 'anything else at the same time?': the sessions
# that overlap the one just named (not the asker's own agenda: 'does it clash with my plan?')
AT_THE_SAME_TIME = re.compile(
    r"\b(against|opposite|alongside|concurrently|simultaneously|meanwhile|in parallel"
    r"|(at|on) the same time|same (time|slot)|(clash\w*|overlap\w*) with (it|that|this))\b"
)
_SAME_TIME_WORDS = frozenset(
    "against opposite alongside concurrently simultaneously meanwhile parallel same time slot "
    "clash clashes clashing overlap overlaps overlapping else".split()
)
# 'who else speaks in that room that day?': the other sessions where and when that one was
THAT_ROOM_OR_DAY = re.compile(r"\b(that|same) (room|day)\b")
_THAT_PERSON = r"(that|this|the)( same)? (person|speaker|presenter|guy|man|woman|lady|chap|bloke)"
# 'is he presenting anything himself?', 'what else is she doing?': the person just named
HIS_OTHER_SESSIONS = re.compile(
    rf"\b(he|she|him|her|they|{_THAT_PERSON})\b.*\b(presenting|speaking|talking|giving|doing|chairing|running|"
    r"on|in|do|does|present|presents|speak|speaks|give|gives|run|runs|have|has|host|hosts|hosting"
    r"|chair|chairs|moderate|moderates|moderating|involved|appearing|appear|appears)\b"
    r".*\b(anything|else|other|another|elsewhere|himself|herself|themselves|as well|too)\b"
    rf"|\bwhat else (is|are|does|do) (he|she|they|{_THAT_PERSON})\b"
    r"|\b(his|her|their) other (talks?|sessions?)\b"
)


def _sole_speaker(previous: list[Session]) -> tuple[str, ...]:
    """'What else is that person speaking at?' after one session with one speaker: that one."""
    if len(previous) != 1:
        return ()
    ids = {p.id for p in previous[0].speakers if p.presents}
    return tuple(ids) if len(ids) == 1 else ()


def by_first_name(finder: Finder, q: Query, conversation: Conversation) -> Query:
    """'where does jeremy work?': a first name alone is the one person with it the previous
    reply named (or whose session it was about), else the programme's one person with it;
    the question as it was when neither is one person."""
    having = finder.namesakes(q.unknown_person)
    if q.people or not having:
        return q
    previous = {
        person.id
        for i in conversation.session_ids
        if i in finder.by_id
        for person in finder.by_id[i].people
    } | set(conversation.person_ids)
    meant = [p for p in having if p.id in previous] or having
    return replace(q, people=(meant[0].id,), unknown_person="") if len(meant) == 1 else q


def anchored(q: Query) -> bool:
    """The question names something of its own, so it does not lean on the previous reply."""
    return bool(q.people or q.codes or q.organisations or q.countries or topic_of(q))


def what_about(
    q: Query, conversation: Conversation, programme: Programme, vocabulary: Vocabulary
) -> Query | None:
    """'What about Friday?': the previous question again with the days, times or places changed."""
    if not (q.what_about and conversation.question) or anchored(q):
        return None
    earlier = understand(conversation.question, programme, vocabulary)
    changes = {
        name: getattr(q, name)
        for name in ("days", "day_label", "window", "rooms", "streams", "formats", "groups")
        if getattr(q, name)
    }
    return replace(earlier, **changes, text=q.text, agenda=q.agenda, language=q.language)


def follow_up(
    finder: Finder, q: Query, conversation: Conversation, now: datetime
) -> Finding | None:
    """The answer about the sessions or person the previous reply named; None when the question
    stands on its own."""
    if not conversation.session_ids and not conversation.question:
        return None
    text = q.text.lower()
    previous = [finder.by_id[i] for i in conversation.session_ids if i in finder.by_id]
    if _asks_same_time(q, text) and len(previous) == 1:
        if (start := previous[0].start) is not None:
            return _at_the_same_time(finder, q, previous[0], start, now)
    theirs = _their_other_sessions(finder, q, previous, conversation, now)
    if theirs is not None:
        return theirs
    among_previous = re.search(r"\b(of|among|from) (those|these|them)\b", text)
    # 'when's the one in Ada?', 'which one's the training?': one of the sessions just listed
    picks_one = q.has_filters and bool(ONE_OF_THEM.search(text))
    if anchored(q) or (q.has_filters and not (among_previous or picks_one)):
        return None
    if {Ask.NOW, Ask.NEXT, Ask.LIST} & set(q.asks) and not q.refers_back:
        return None
    if {Ask.AGENDA, Ask.CLASHES} & set(q.asks):
        return None  # the asker's own agenda, whatever the last answer named
    if not previous:
        return None
    if {Ask.AGENDA_ADD, Ask.AGENDA_REMOVE} & set(q.asks):
        return agenda_follow_up(finder, q, previous, now)
    if among_previous or picks_one:
        return _among(finder, q, previous, conversation, now, picks_one)
    if q.after_previous:
        return after(finder, q, previous, same_room=bool(SAME_ROOM.search(text)))
    if Ask.WHO in q.asks and q.excludes_previous and THAT_ROOM_OR_DAY.search(text):
        return _around(finder, q, previous, text)
    blocks = {s.group for s in previous if s.group}
    if q.excludes_previous and blocks and THAT_BLOCK.search(text):
        # 'what else is on in that session?': the other talks of the block it is in
        rest = [s for s in finder.programme.sessions if s.group in blocks and s not in previous]
        if rest:
            scope = says("in the %(groups)s session", groups=joined(sorted(blocks), OR))
            return Finding(
                query=q, asks=(Ask.LIST,), sessions=tuple(finder.sorted(rest)), scope=scope
            )
    if q.ordinal is not None and len(previous) > 1:
        previous = nth(previous, q.ordinal)
    asks = tuple(a for a in q.asks if a in SESSION_ASKS or a is Ask.AFFILIATION) or (Ask.ABOUT,)
    parts = conversation.parts_of([s.id for s in previous])
    if Ask.WHO in asks and not q.excludes_previous and _named_presenters(conversation):
        parts = {}  # 'who's presenting?' after the part's presenters were named: the session's
    if Ask.WHO in asks and q.excludes_previous and (conversation.person_ids or parts):
        # 'who else is presenting in that session?' after a paper: the session's other people
        # (the paper's own presenters, where the answer was about one paper)
        named = (
            tuple(
                p.id
                for s in previous
                for part in s.parts
                if parts.get(s.id) == part.index
                for p in part.speakers
            )
            or conversation.person_ids
        )
        return _others(finder, q, previous, named)
    return _keep_people(finder, about_sessions(finder, q, previous, asks, parts), conversation)


def _among(
    finder: Finder,
    q: Query,
    previous: list[Session],
    conversation: Conversation,
    now: datetime,
    picks_one: bool,
) -> Finding:
    """'Which of those are on Friday?', 'when's the one in Ada?': the previous sessions narrowed."""
    allowed = {s.id for s in finder.filtered(q, now)}
    narrowed = [s for s in previous if s.id in allowed]
    if not narrowed:
        return abstain(
            finder, q, says("None of those is %(scope)s.", scope=scope_of(q)), offered=previous[:3]
        )
    if picks_one:
        asks = tuple(a for a in q.asks if a in SESSION_ASKS) or (Ask.ABOUT,)
        return _keep_people(finder, about_sessions(finder, q, narrowed, asks), conversation)
    return Finding(query=q, asks=(Ask.LIST,), sessions=tuple(narrowed), scope=scope_of(q))


def _their_other_sessions(
    finder: Finder,
    q: Query,
    previous: list[Session],
    conversation: Conversation,
    now: datetime,
) -> Finding | None:
    """'Is he presenting anything himself?' after a chair was named; 'what else is she doing
    on friday?' (the session just named left out), within the days and places asked."""
    if not HIS_OTHER_SESSIONS.search(q.text.lower()) or anchored(q):
        return None
    person_ids = conversation.person_ids or _sole_speaker(previous)
    if len(person_ids) != 1:
        return None
    asked = replace(q, people=person_ids, relative_day=_day_meant(finder, q, now))
    allowed = {s.id for s in finder.filtered(asked, now)}
    others = [
        s
        for s in finder.programme.sessions
        if s.id in allowed and (not q.excludes_previous or s not in previous)
    ]
    person = finder.people.get(person_ids[0])
    if person is not None and not set(person.session_ids) & {s.id for s in others}:
        if q.excludes_previous and set(person.session_ids) <= set(conversation.session_ids):
            # every session of theirs was in the last answer
            reason = says(
                "%(name)s has no other session in the programme.", name=person.person.name
            )
            return abstain(finder, q, reason, nearest=False)
    return people_answer(finder, asked, others)


def _day_meant(finder: Finder, q: Query, now: datetime) -> int | None:
    """'Is she doing anything else today?' asked away from the conference (the clock on no day
    of it, nor the day asked) means every day of hers: None, not a day without sessions."""
    if q.relative_day is None:
        return None
    days = finder.programme.days
    day = now.date() + timedelta(days=q.relative_day)
    return q.relative_day if day in days or now.date() in days else None


def _named_presenters(conversation: Conversation) -> bool:
    """Whether the previous reply already named who presents the part it was about (a topic or
    who answer does)."""
    return bool({Ask.TOPIC.value, Ask.WHO.value} & set(conversation.asks))


def _keep_people(finder: Finder, found: Finding, conversation: Conversation) -> Finding:
    """'Is it recorded?' keeps the person a later 'what else is she presenting?' means."""
    if found.people or not conversation.person_ids:
        return found
    kept = tuple(finder.people[i] for i in conversation.person_ids if i in finder.people)
    return replace(found, people=kept)


def _asks_same_time(q: Query, text: str) -> bool:
    """'What's on against it?': about the sessions running while the last one does, asking
    nothing of a person, a session code or the asker's own agenda."""
    if not AT_THE_SAME_TIME.search(text) or q.people or q.codes or re.search(r"\bmy\b", text):
        return False
    return set(topic_of(q).split()) <= _SAME_TIME_WORDS


def _at_the_same_time(
    finder: Finder, q: Query, session: Session, start: datetime, now: datetime
) -> Finding:
    """The sessions that overlap the session starting at `start` (in the rooms or streams the
    question names)."""
    end = max(session.end or start, start)
    allowed = {s.id for s in finder.filtered(replace(q, topic=""), now)}
    overlapping = [
        s
        for s in finder.programme.sessions
        if s.id in allowed
        and s.id != session.id
        and s.start is not None
        and s.start < end
        and (s.end or s.start) > start
    ]
    said = says("at the same time as %(title)s", title=session.title)
    scope = joined([said, scope_of(q)]) if q.has_filters else said
    if not overlapping:
        return abstain(finder, q, says("Nothing else is on %(scope)s.", scope=scope), nearest=False)
    return Finding(
        query=q, asks=(Ask.LIST,), sessions=tuple(finder.sorted(overlapping)), scope=scope
    )


def _around(finder: Finder, q: Query, previous: list[Session], text: str) -> Finding:
    """'Who else speaks in that room that day?': the speakers of the other sessions there."""
    rooms = {s.room for s in previous} if re.search(r"\b(that|same) room\b", text) else None
    days = {s.day for s in previous} if re.search(r"\b(that|same) day\b", text) else None
    around = [
        s
        for s in finder.programme.sessions
        if s not in previous
        and (rooms is None or s.room in rooms)
        and (days is None or s.day in days)
        and s.speakers
    ]
    if not around:
        return abstain(finder, q, says("Nobody else speaks there then."), nearest=False)
    return about_sessions(finder, q, finder.sorted(around), (Ask.WHO,))


def _others(finder: Finder, q: Query, sessions: list[Session], excluded: Iterable[str]) -> Finding:
    """'Who else is speaking there?': the session's other speakers (not its chair, nor a
    paper's co-authors who do not present), else its other people."""
    skip = set(excluded)

    def other(people: Iterable[Person]) -> list[Participant]:
        return [finder.people[p.id] for p in people if p.id not in skip and p.id in finder.people]

    others = other(p for s in sessions for p in s.speakers if p.presents) or other(
        p for s in sessions for p in s.people
    )
    if not others:
        return abstain(finder, q, says("Nobody else is listed for that session."), nearest=False)
    names = ", ".join(dict.fromkeys(p.person.name for p in others))
    return Finding(
        query=q,
        asks=(Ask.WHO,),
        sessions=tuple(sessions),
        people=tuple(dict.fromkeys(others)),
        note=says("Also speaking there: %(names)s.", names=names),
    )
