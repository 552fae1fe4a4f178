"""People a description names on lines of their own ('Speaker: Name (Org)', 'Chair: Name',
'Moderated by …', 'With: A & B (Org)', 'Workshop with Name (Org)'), as feeds without a field
for them write them (Google Calendar, Whova, a Sessionize panel, an Indico session): one reader
of those lines for every format."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.programme import Person, Session
from assistant.sources.problems import ParsedSource
from assistant.sources.spreadsheet import role_named
from assistant.sources.text import (
    name_and_affiliation,
    people_list,
    split_honorific,
    split_outside_parentheses,
    text_lines,
)

_NAME = re.compile(r"[^\W\d_][\w.'’-]*", re.UNICODE)

# 'Speaker: Name (Org)', 'Ponente / Speaker: …', 'Moderator: …', 'With: A & B (Org)', 'Workshop
# with Name (Org)' lines of a DESCRIPTION (Whova, Google Calendar, Nextcloud exports); the role
# word decides speaker or chair
# (German, French and Spanish role words too: 'Mit:', 'Betreuung:', 'Referentin:', 'Avec :',
# 'Animé par', 'Ponente:')
_ROLES = (
    r"speakers?|presenters?|panel+ists?|facilitators?|instructors?|moderators?|moderation|chairs?"
    r"|hosts?|with|panel|trainers?|tutors?|mit|betreuung|leitung|kursleitung|workshopleitung"
    r"|referent(?:in|en|innen|\*innen)?|vortragende[rn]?|sprecher(?:in|innen)?|avec|animation"
    r"|intervenant(?:e|s|es)?|ponentes?|(?:auf dem|am|on the|sur le) (?:podium|panel)|podium"
)
_ROLE_LINE = re.compile(
    rf"^\s*(?:[^\W\d_]+\s*/\s*)?({_ROLES})\s*:\s*(.+?)\s*$"
    r"|^\s*(moderated by|chaired by|hosted by|presented by|moderiert von|geleitet von"
    r"|betreut von|präsentiert von|animée? par|présentée? par"
    r"|(?:workshop|tutorial|talk|session|masterclass|keynote) (?:with|by)|with)\s+(.+?)\s*$",
    re.IGNORECASE,
)
# role words that also open ordinary sentences ('With: a laptop', 'Panel: how do we …', 'Chaired
# by the dean, the panel …'): their line names people only when every entry reads as a name
_LOOSE_ROLES = frozenset({"with", "panel", "mit", "avec"})
# A line that only names who is listed below it: 'Auf dem Podium:', 'Speakers:', 'On the panel:'
_LIST_HEADING = re.compile(rf"^\s*(?:[^\W\d_]+\s*/\s*)?(?:{_ROLES})\s*:\s*$", re.IGNORECASE)
_BULLET = re.compile(r"^\s*[-•*·–]\s+(?P<entry>\S.*)$")


def people_in_description(description: str) -> tuple[str, tuple[Person, ...], tuple[Person, ...]]:
    """The description without its people lines, its speakers, its chairs: 'Speaker: Marta
    Ibáñez (Runlayer)\n\nNode, Deno and Bun …' -> ('Node, Deno and Bun …', (Marta Ibáñez,), ()).
    HTML ('<p><b>Speaker:</b> …</p>') is read as its lines first."""
    kept: list[str] = []
    speakers: list[Person] = []
    chairs: list[Person] = []
    lines = _listed_below(text_lines(description).splitlines())
    for line in lines:
        if signed := _signature(line):  # 'Ayşe Öztürk (Labor 33, Wien)' under the abstract
            speakers.extend(signed)
            continue
        match = _ROLE_LINE.match(line)
        role, names = (
            ((match[1], match[2]) if match[1] else (match[3], match[4])) if match else ("", "")
        )
        people = _listed_people(names) if match else ()
        loose = bool(match and match[3]) or role.lower() in _LOOSE_ROLES or "podium" in role.lower()
        if not people or (loose and not all(reads_as_name(p.name) for p in people)):
            kept.append(line)
            continue
        (chairs if role_named(role) == "chair" else speakers).extend(people)
    return "\n".join(kept).strip(), tuple(speakers), tuple(chairs)


def _listed_below(lines: list[str]) -> list[str]:
    """The lines with a heading's list of people ('Auf dem Podium:' over '- Name (Org)' lines)
    made one role line ('Auf dem Podium: Name (Org); …'); other lines as they are."""
    out: list[str] = []
    index = 0
    while index < len(lines):
        heading = lines[index]
        entries: list[str] = []
        if _LIST_HEADING.match(heading):
            while index + 1 + len(entries) < len(lines) and (
                bullet := _BULLET.match(lines[index + 1 + len(entries)])
            ):
                entries.append(bullet["entry"].strip())
        if entries and all(_one_person(e) for e in entries):
            out.append(f"{heading.strip()} {'; '.join(entries)}")
            index += 1 + len(entries)
        else:
            out.append(heading)
            index += 1
    return out


def _one_person(entry: str) -> bool:
    """'Mag. Petra Leitner (BRG Linz-Urfahr; Informatik & Werken)': one name, read as one."""
    name, _ = name_and_affiliation(entry)
    return reads_as_name(split_honorific(name)[1])


def _signature(line: str) -> tuple[Person, ...]:
    """The people a line names and nothing else, each with an organisation in brackets ('Dr.
    Martin Eder (Open Med Lab Linz), Lukas Pröll (e-NABLE Austria)'), as calendars sign an
    abstract; () for any other line."""
    entries = [e.strip() for e in split_outside_parentheses(line, ",;") if e.strip()]
    found = []
    for entry in entries:
        name, organisation = name_and_affiliation(entry)
        honorific, name = split_honorific(name)
        if not organisation or not reads_as_name(name):
            return ()
        found.append(Person(name=name, honorific=honorific, organisation=organisation))
    return tuple(found)


def _listed_people(names: str) -> tuple[Person, ...]:
    """'Tom Hagedorn & Mia Schuster (Makerspace Leipzig e.V.)': both of the one organisation
    the last name gives; 'A (X), B (Y)' each of their own."""
    # 'and' between people, not inside an organisation's brackets ('(BRG; Informatik & Werken)')
    pieces = re.split(r"(\([^()]*\))", names)
    joined = "".join(
        piece if index % 2 else re.sub(r"\s+(?:&|and|und|et|y)\s+", "; ", piece)
        for index, piece in enumerate(pieces)
    )
    if ";" in joined:  # 'A, B & C': the commas list people too
        joined = "; ".join(split_outside_parentheses(joined, ",;"))
    people = people_list(re.sub(r"(?<=[^\W\d_]{3})\.$", "", joined.strip()))
    organisations = [p.organisation for p in people]
    if len(people) > 1 and organisations[-1] and not any(organisations[:-1]):
        return tuple(replace(p, organisation=organisations[-1]) for p in people)
    return people


def reads_as_name(text: str) -> bool:
    """'Amanda J Hogan', 'amanda casari': two to five words of letters, no punctuation, none of
    them a word of a sentence ('a decade of bundle diets')."""
    words = text.split()
    return (
        2 <= len(words) <= 5
        and all(_NAME.fullmatch(w) for w in words)
        and not any(w.lower() in _SENTENCE_WORDS for w in words)
    )


_SENTENCE_WORDS = frozenset(
    "a an the of for to in on with without from and or is are your my our how why what"
    # German and French words no name holds ('Organisiert vom Repair Café Urfahr')
    " vom mit für und ist im am zum zur auf aus bei das die avec pour par sur les une".split()
)


# 'Chair: Helena Sørensen', 'Chaired by Dr Ana Ruiz (Porto).', 'Moderated by A and B' opening a
# line of an abstract already made plain text (its soft line breaks joined: 'Chair: A
# Panellists: B, C'), up to the next 'Label:' or the sentence's end
_CHAIR_OPENING = re.compile(
    r"^\s*(?:(?:session )?(?:chairs?|chairpersons?|moderators?|moderation|convenors?|conveners?)"
    r"\s*:|(?:chaired|moderated|convened) by)\s+"
    r"(?P<names>.+?)(?:(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bProf)\.(?=\s|$)|(?=\s+[^\W\d_]+\s*:\s)|$)",
    re.IGNORECASE,
)


def chairs_in_abstract(abstract: str) -> tuple[str, tuple[Person, ...]]:
    """The abstract without an opening 'Chair: …' line, and the chairs it names; (abstract, ())
    where no line opens so or its names do not read as names."""
    lines = abstract.split("\n")
    for index, line in enumerate(lines):
        # a line opening 'Chair: …', or a sentence of it ('Opening keynote. Chair: Dr A B.')
        for start in (0, *(m.end() for m in _SENTENCE_START.finditer(line))):
            match = _CHAIR_OPENING.match(line[start:])
            if match is None:
                continue
            people = _listed_people(match["names"])
            if not people or not all(reads_as_name(p.name) for p in people):
                continue
            lines[index] = (line[:start] + line[start + match.end() :]).strip()
            kept = "\n".join(lines)
            return re.sub(r"\n{3,}", "\n\n", kept).strip(), people
    return abstract, ()


_SENTENCE_START = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def with_chairs_named(source: ParsedSource) -> ParsedSource:
    """The source with the chairs its sessions' abstracts name, where the reader found none
    (a frab, Indico or spreadsheet description that opens 'Chair: …')."""
    sessions = tuple(_chaired(s) for s in source.sessions)
    if all(a is b for a, b in zip(sessions, source.sessions, strict=True)):
        return source
    return replace(source, sessions=sessions)


def _chaired(session: Session) -> Session:
    if session.chairs or not session.abstract:
        return session
    abstract, chairs = chairs_in_abstract(session.abstract)
    if not chairs:
        return session
    chairing = {p.id for p in chairs}
    parts = tuple(
        replace(
            p,
            abstract=abstract if p.abstract == session.abstract else p.abstract,
            speakers=tuple(s for s in p.speakers if s.id not in chairing),
        )
        for p in session.parts
    )
    return replace(session, abstract=abstract, chairs=chairs, parts=parts)


# a sentence that says where a person named in it works: 'Taught by Tariq Haddad, research
# software engineer at the Chebucto University Libraries.', 'Ana Ruiz (Porto) leads …'
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
# 'At Acme Health, we …', 'Here at Acme I …', 'We at Acme …', 'Our team at Acme …': where the one
# who writes works
_ORGANISATION = r"(?:the\s+)?[A-Z][\w&'’.-]*(?:\s+(?:of\s+|for\s+|&\s+)?[A-Z][\w&'’.-]*)*"
_AT_OUR_PLACE = re.compile(
    rf"^(?i:(?:here )?at)\s+{_ORGANISATION},?\s+(?:we|I|our|my)\b"
    rf"|^(?i:we|our \w+) at\s+{_ORGANISATION}"
)
_WORKS_AT = re.compile(r"^(?:,[^,.]*?\b(?:at|from)\b|\s+(?:from|works? (?:at|for))\b|\s*\()")


def with_speakers_described(source: ParsedSource) -> ParsedSource:
    """The source with a speaker who has neither organisation nor biography given the
    sentence of their session's description that names them and where they work (feeds
    without fields for people write them so: iCal, Google Calendar)."""
    sessions = tuple(_described(s) for s in source.sessions)
    if all(a is b for a, b in zip(sessions, source.sessions, strict=True)):
        return source
    return replace(source, sessions=sessions)


def _described(session: Session) -> Session:
    bare = [p for p in session.speakers if not (p.organisation or p.biography or p.role)]
    if not bare or not session.abstract:
        return session
    sentences = [m.group().strip() for m in _SENTENCE.finditer(session.abstract)]
    said = {p.id: s for p in bare if (s := _sentence_on(p.name, sentences))}
    if len(session.speakers) == 1 and not said:
        # a talk's one speaker writing 'At Waitaha Health Analytics we had forty notebooks …'
        own = next((s for s in sentences[:3] if _AT_OUR_PLACE.match(s)), "")
        said = {bare[0].id: own} if own else {}
    if not said:
        return session

    def described(person: Person) -> Person:
        return replace(person, biography=said[person.id]) if person.id in said else person

    parts = tuple(replace(p, speakers=tuple(map(described, p.speakers))) for p in session.parts)
    return replace(session, parts=parts)


def _sentence_on(name: str, sentences: list[str]) -> str:
    """The first sentence naming the person in full and, after the name, where they work."""
    for sentence in sentences:
        at = sentence.find(name)
        if at >= 0 and _WORKS_AT.search(sentence[at + len(name) :]):
            return sentence
    return ""
