"""Session -> chunks along the programme's own structure (overview, parts, objectives, people); pure."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from assistant.programme import Part, Person, Programme, Session
from assistant.search.glossary import Glossary, content_words, gloss, is_german

# all-MiniLM-L6-v2 reads at most 256 word pieces; ~1.3 pieces a word leaves room for a title.
MAX_WORDS = 170
# Sentences carried from the end of one piece to the start of the next, so a thought that
# straddles the cut is still whole in one of them.
OVERLAP_WORDS = 40
# German words glossed into one GLOSS chunk. A word-by-word gloss is noisy, so short pieces
# keep a topic visible: on 36C3, 60 found 'energy-hungry software' (cosine 0.59; 0.48 for
# whole abstracts) and left absent topics where they were (best 0.38).
GLOSS_WORDS = 60


class ChunkKind(StrEnum):
    """What part of a session a chunk was cut from."""

    OVERVIEW = "overview"
    ABSTRACT = "abstract"
    OBJECTIVES = "objectives"
    PEOPLE = "people"
    GLOSS = "gloss"  # an English word-by-word gloss of a German session, for the English model


@dataclass(frozen=True, slots=True)
class Chunk:
    """One embeddable piece of a session, with an id that survives a rebuild (`B6:part-2:abstract`)."""

    id: str
    session_id: str
    kind: ChunkKind
    text: str
    content_hash: str
    part_index: int | None = None
    part_title: str = ""


def content_hash(text: str, model_name: str) -> str:
    """The embedding cache key: the same text under the same model embeds to the same vector."""
    return hashlib.sha256(f"{model_name}\x00{text}".encode()).hexdigest()


def chunk_programme(
    programme: Programme, model_name: str, glossary: Glossary | None = None
) -> tuple[Chunk, ...]:
    """Every session's chunks, in programme order; German sessions glossed when given a glossary."""
    return tuple(
        chunk
        for session in programme.sessions
        for chunk in chunk_session(session, model_name, glossary)
    )


def chunk_session(
    session: Session, model_name: str, glossary: Glossary | None = None
) -> tuple[Chunk, ...]:
    """A session's chunks: overview, each part's title and abstract, objectives, people, gloss."""
    sid = session.id
    pieces: list[tuple[str, ChunkKind, str, int | None, str]] = [
        (f"{sid}:overview", ChunkKind.OVERVIEW, overview_text(session), None, "")
    ]
    if session.abstract.strip() and not _told_by_parts(session):
        pieces.extend(
            _abstract_pieces(f"{sid}:abstract", session.title, session.abstract, None, "")
        )
    if session.objectives:
        pieces.append(
            (
                f"{sid}:objectives",
                ChunkKind.OBJECTIVES,
                _objectives_text(session.title, session.objectives),
                None,
                "",
            )
        )
    for part in session.parts:
        pieces.extend(_part_pieces(session, part))
    people = people_text(session)
    if people:
        for number, text in enumerate(split_words(people, MAX_WORDS)):
            suffix = f":{number}" if number else ""
            pieces.append((f"{sid}:people{suffix}", ChunkKind.PEOPLE, text, None, ""))
    if glossary is not None and session_is_german(session):
        pieces.extend(_gloss_pieces(session, glossary))
    return tuple(
        Chunk(
            id=chunk_id,
            session_id=sid,
            kind=kind,
            text=text,
            content_hash=content_hash(text, model_name),
            part_index=part_index,
            part_title=part_title,
        )
        for chunk_id, kind, text, part_index, part_title in pieces
        if text.strip()
    )


def session_is_german(session: Session) -> bool:
    """True when the session is written in German (glossary.is_german: label, then text)."""
    return is_german(session.language, f"{session.title}\n{session.subtitle}\n{session.abstract}")


def gloss_texts(session: Session, glossary: Glossary) -> list[tuple[str, int | None]]:
    """The English gloss of a German session, each text with the part it renders (None for the
    session's own): its title alone (the densest statement of the topic) unless it was English
    already, then its subtitle and abstract a few sentences at a time, each after the title;
    then each part's title and abstract the same way, after the part's title, so a question
    finds the one paper of a German panel it is about ('secret services': 'Die Rolle von
    Geheimdiensten …')."""
    title = _title_gloss(session.title, glossary)
    # an English title ('Extinction Rebellion') is in the overview already; alone it would
    # outweigh every English session, which has no title-only chunk
    texts: list[tuple[str, int | None]] = [(title, None)] if _glossed(title, session.title) else []
    own = [session.subtitle] if _told_by_parts(session) else [session.subtitle, session.abstract]
    texts.extend((text, None) for text in _body_gloss(title, own, glossary))
    for part in session.parts:
        heading = _title_gloss(part.title, glossary)
        if not part.abstract.strip():  # a title alone, unless it was English already
            texts.extend([(heading, part.index)] if _glossed(heading, part.title) else [])
            continue
        # the title again in its prose, as in every other session's text, where it weighs most
        body = _body_gloss(heading, [part.title, part.abstract], glossary)
        texts.extend((text, part.index) for text in body)
    return [(text, index) for text, index in dict.fromkeys(texts) if text.strip()]


def _title_gloss(title: str, glossary: Glossary) -> str:
    """A title's gloss: three renderings a word, since a title is short and an English speaker
    may name its subject by any of them ('intelligence services', 'secret services')."""
    return gloss(title, glossary.entries, per_word=3)


def _glossed(english: str, german: str) -> bool:
    """Whether the gloss says something the German text's own words do not."""
    return bool(english) and english != " ".join(content_words(german))


def _body_gloss(lead: str, texts: list[str], glossary: Glossary) -> list[str]:
    """Prose glossed a few sentences at a time, each piece after the lead (its titles')."""
    prose = "\n\n".join(t for t in texts if t.strip())
    # one rendering a word: a gloss is noisy, and the second rendering is mostly noise
    pieces = (
        gloss(p, glossary.entries, per_word=1) for p in split_sentences(prose, GLOSS_WORDS, 0)
    )
    return ["\n".join(t for t in (lead, english) if t) for english in pieces]


def _gloss_pieces(
    session: Session, glossary: Glossary
) -> list[tuple[str, ChunkKind, str, int | None, str]]:
    numbers: dict[int | None, int] = {}
    pieces: list[tuple[str, ChunkKind, str, int | None, str]] = []
    for text, index in gloss_texts(session, glossary):
        number = numbers[index] = numbers.get(index, -1) + 1
        owner = session.id if index is None else f"{session.id}:part-{index}"
        suffix = f":{number}" if number else ""
        title = "" if index is None else next(p.title for p in session.parts if p.index == index)
        pieces.append((f"{owner}:gloss{suffix}", ChunkKind.GLOSS, text, index, title))
    return pieces


def glossed_texts(session: Session) -> list[str]:
    """The texts of a session its gloss renders: title, subtitle, abstract (unless its parts
    repeat it), and each part's title and abstract."""
    texts = [session.title, session.subtitle]
    if not _told_by_parts(session):
        texts.append(session.abstract)
    for part in session.parts:
        texts.extend((part.title, part.abstract))
    return texts


def _told_by_parts(session: Session) -> bool:
    """True when the session's abstract repeats a part's (formats that give both say it twice)."""
    own = " ".join(session.abstract.split())
    return any(own in " ".join(part.abstract.split()) for part in session.parts)


def overview_text(session: Session) -> str:
    """Title, subtitle, code, format, stream, group, filters, keywords and chairs in one line each."""
    lines = [session.title.strip()]
    if session.subtitle.strip():
        lines.append(session.subtitle.strip())
    labelled = (
        ("Code", session.code if session.code and session.code != session.title else ""),
        ("Format", session.format),
        ("Stream", session.stream),
        ("Group", session.group),
        ("Content filters", ", ".join(f for f in session.content_filters if f.lower() != "n/a")),
        ("Keywords", ", ".join(session.keywords)),
        ("Chair", ", ".join(p.name for p in session.chairs)),
    )
    lines.extend(f"{label}: {value.strip()}" for label, value in labelled if value.strip())
    return "\n".join(line for line in lines if line)


def people_text(session: Session) -> str:
    """Chairs and speakers with roles, organisations and countries, one person a line."""
    lines = [f"Chair: {_person_line(p)}" for p in session.chairs]
    lines.extend(f"Speaker: {_person_line(p)}" for p in session.speakers)
    return "\n".join(lines)


def _person_line(person: Person) -> str:
    name = " ".join(p for p in (person.honorific, person.name) if p)
    return f"{name}, {person.affiliation}" if person.affiliation else name


def _part_pieces(session: Session, part: Part) -> list[tuple[str, ChunkKind, str, int | None, str]]:
    prefix = f"{session.id}:part-{part.index}"
    pieces: list[tuple[str, ChunkKind, str, int | None, str]] = []
    title = part.title.strip()
    if part.abstract.strip() or (title and title != session.title.strip()):
        pieces.extend(
            _abstract_pieces(f"{prefix}:abstract", title, part.abstract, part.index, part.title)
        )
    if part.objectives:
        pieces.append(
            (
                f"{prefix}:objectives",
                ChunkKind.OBJECTIVES,
                _objectives_text(title or session.title, part.objectives),
                part.index,
                part.title,
            )
        )
    return pieces


def _abstract_pieces(
    base_id: str, title: str, abstract: str, part_index: int | None, part_title: str
) -> list[tuple[str, ChunkKind, str, int | None, str]]:
    """Title + abstract, split on sentences when long; every piece keeps the title for context."""
    title = title.strip()
    body_words = MAX_WORDS - len(title.split())
    bodies = split_sentences(abstract.strip(), max(body_words, MAX_WORDS // 2)) or [""]
    pieces = []
    for number, body in enumerate(bodies):
        text = "\n".join(p for p in (title, body) if p)
        chunk_id = base_id if number == 0 else f"{base_id}:{number}"
        pieces.append((chunk_id, ChunkKind.ABSTRACT, text, part_index, part_title))
    return pieces


def _objectives_text(title: str, objectives: Iterable[str]) -> str:
    items = "\n".join(f"- {o.strip()}" for o in objectives if o.strip())
    return f"{title.strip()}\nObjectives:\n{items}" if items else ""


_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+|\n\s*\n|\n(?=\s*[-*•]\s)")


def sentences(text: str) -> list[str]:
    """Sentences of a text: cut after . ! ? and at blank lines or list items."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def split_sentences(
    text: str, max_words: int = MAX_WORDS, overlap_words: int = OVERLAP_WORDS
) -> list[str]:
    """Pieces of at most max_words words, cut between sentences, overlapping by a sentence or so."""
    if not text:
        return []
    if len(text.split()) <= max_words:
        return [text]
    units: list[str] = []
    for sentence in sentences(text):
        units.extend(split_words(sentence, max_words))  # a run-on 'sentence' still fits
    pieces: list[str] = []
    current: list[str] = []
    count = 0
    for unit in units:
        size = len(unit.split())
        if current and count + size > max_words:
            pieces.append(" ".join(current))
            current, count = _overlap(current, overlap_words, max_words - size)
        current.append(unit)
        count += size
    if current:  # never only overlap: a unit is always added after a cut
        pieces.append(" ".join(current))
    return pieces


def _overlap(previous: list[str], overlap_words: int, room: int) -> tuple[list[str], int]:
    """The last sentences of the previous piece that fit in overlap_words (and in the room left)."""
    kept: list[str] = []
    count = 0
    for unit in reversed(previous):
        size = len(unit.split())
        if count + size > min(overlap_words, room):
            break
        kept.insert(0, unit)
        count += size
    return kept, count


def split_words(text: str, max_words: int) -> list[str]:
    """Lines of text packed into pieces of at most max_words words (for lists and run-ons)."""
    words = text.split()
    if len(words) <= max_words:
        return [text] if text.strip() else []
    if "\n" in text:
        pieces: list[str] = []
        current: list[str] = []
        count = 0
        for line in text.splitlines():
            size = len(line.split())
            if current and count + size > max_words:
                pieces.append("\n".join(current))
                current, count = [], 0
            if size > max_words:
                pieces.extend(split_words(line, max_words))
                continue
            current.append(line)
            count += size
        if current:
            pieces.append("\n".join(current))
        return pieces
    return [" ".join(words[i : i + max_words]) for i in range(0, len(words), max_words)]
