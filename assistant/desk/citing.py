"""What an answer an organiser has edited cites: the sessions and FAQ entries it names by title
or code, and those it first cited that it still names (or whose people it names). Pure."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from assistant.answers.answerer import session_path
from assistant.answers.faq import faq_citation
from assistant.answers.reply import Citation
from assistant.answers.vocabulary import fold
from assistant.programme import Programme, Session
from assistant.sources.faq_file import FaqEntry

CITATION_KEYS = ("session_id", "title", "part", "url", "snippet")
MIN_TITLE = 8  # shorter titles ('x', 'Opening') are too common to count as named


def _normal(text: str) -> str:
    """Folded words only: punctuation and spacing do not count ('–' and '-' alike)."""
    return " " + " ".join(re.findall(r"[^\W_]+", fold(text))) + " "


def cited_in(
    text: str,
    first: Sequence[Citation],
    programme: Programme,
    faq: Iterable[FaqEntry] = (),
) -> tuple[Citation, ...]:
    """The citations of an edited answer, in the order the answer names them."""
    answer = _normal(text)
    by_id = {s.id: s for s in programme.sessions}
    found: dict[str, tuple[int, Citation]] = {}

    def keep(position: int, citation: Citation) -> None:
        if position >= 0 and citation.session_id not in found:
            found[citation.session_id] = (position, citation)

    for citation in first:  # still named, or its people are, or its words are (FAQ)
        session = by_id.get(citation.session_id)
        place = _named(answer, citation.title, citation.session_id, session)
        if place < 0 and citation.session_id.startswith("faq:"):
            place = _sharing(answer, citation.snippet)
        keep(place, citation)
    for session in programme.sessions:  # newly named
        if len(session.title) >= MIN_TITLE or session.code:
            keep(_named(answer, session.title, session.code, None), _citation(session))
    for entry in faq:
        keep(_position(answer, entry.question), faq_citation(entry))
    return tuple(c for _, c in sorted(found.values(), key=lambda pair: pair[0]))


def _named(answer: str, title: str, code: str, session: Session | None) -> int:
    """Where the answer first names a session (by title, code or a person of it); -1: nowhere."""
    places = [_position(answer, title)]
    if code and re.search(r"[A-Za-z]", code):  # 'B6'; a bare number could be a time or a count
        places.append(_position(answer, code))
    if session is not None:
        places.extend(_position(answer, p.name) for p in session.people if " " in p.name)
    named = [p for p in places if p >= 0]
    return min(named) if named else -1


def _sharing(answer: str, snippet: str) -> int:
    """0 when the answer keeps at least half of the snippet's longer words, else -1."""
    wanted = {w for w in _normal(snippet).split() if len(w) >= 4}
    kept = wanted & set(answer.split())
    return 0 if wanted and len(kept) * 2 >= len(wanted) else -1


def _position(answer: str, name: str) -> int:
    normal = _normal(name)
    return answer.find(normal) if normal.strip() else -1


def _citation(session: Session) -> Citation:
    return Citation(session_id=session.id, title=session.title, url=session_path(session.id))
