"""Finding what a route asks for in the programme: a session or person by id, sessions by words,
sessions in time order."""

from collections.abc import Iterable, Sequence
from datetime import tzinfo

from assistant.answers.vocabulary import fold
from assistant.errors import NotFoundError
from assistant.programme import Participant, Programme, Session, slug
from assistant.service.calendar import to_local


def find_session(programme: Programme, session_id: str) -> Session:
    """The session with this id (exact, else case-insensitive), or the one holding a part cited
    by its own id (an Indico contribution), or NotFoundError."""
    session = programme.session(session_id)
    if session is None:
        wanted = session_id.casefold()
        session = next((s for s in programme.sessions if s.id.casefold() == wanted), None)
    if session is None:
        session = next(
            (s for s in programme.sessions if any(p.source_id == session_id for p in s.parts)),
            None,
        )
    if session is None:
        raise NotFoundError(f"no session {session_id!r}")
    return session


def find_person(programme: Programme, person_id: str) -> Participant:
    """The person whose id is this one's slug, or NotFoundError."""
    wanted = slug(person_id)
    participant = next((p for p in programme.people if p.id == wanted), None)
    if participant is None:
        raise NotFoundError(f"no person {person_id!r}")
    return participant


def session_text(session: Session) -> str:
    """Everything a text filter searches: titles, abstracts and people."""
    fields: list[str] = [
        session.id,
        session.code,
        session.title,
        session.subtitle,
        session.abstract,
    ]
    fields.extend(session.keywords)
    for part in session.parts:
        fields.extend((part.title, part.abstract))
    for person in session.people:
        fields.extend((person.name, person.organisation))
    return fold(" ".join(fields))


def matches(session: Session, words: Sequence[str]) -> bool:
    """True when every word occurs in the session's text."""
    text = session_text(session)
    return all(word in text for word in words)


def in_order(sessions: Iterable[Session], zone: tzinfo | None) -> list[Session]:
    """Scheduled sessions by local start time, then unscheduled ones, programme order within."""
    listed = list(sessions)
    scheduled = [s for s in listed if s.start is not None]
    # Wall-clock order is the programme's order; dropping tzinfo lets naive and aware times mix.
    scheduled.sort(key=lambda s: to_local(s.start, zone).replace(tzinfo=None) if s.start else 0)
    return scheduled + [s for s in listed if s.start is None]
