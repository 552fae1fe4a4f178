"""Spreadsheet rows that share a session, grouped: one row per paper or per presenter becomes a
session (a panel) with its papers as parts and their presenters as speakers, the seed's shape."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from assistant.programme import Part, Person, Session, SourceLocation
from assistant.sources.problems import Problem, left_out
from assistant.sources.spreadsheet import (
    Context,
    When,
    format_of,
    keywords_of,
    objectives_of,
    part_when,
    recorded_of,
    row_role,
    row_speakers,
    row_when,
    row_width_problem,
)
from assistant.sources.text import names_organisation, one_line, plain_text

Rows = Sequence[tuple[int, Sequence[str]]]


# without a panel or id column, a session is its title, day, time and room: a row per presenter
_SAME_CELLS = ("title", "date", "time", "start", "room")


def rows_share_sessions(rows: Rows, context: Context) -> bool:
    """True when a panel column names each row's session, or several rows carry one id, or
    (with neither) several rows give one title at one time in one room, a row per presenter."""
    if "panel" in context.columns:
        return True
    keys = [key for _, row in rows if any(key := _key(row, context))]
    return len(set(keys)) < len(keys)


@dataclass(slots=True)
class _PartDraft:
    index: int
    title: str
    abstract: str = ""
    speakers: list[Person] = field(default_factory=list)
    objectives: tuple[str, ...] = ()
    start: datetime | None = None
    end: datetime | None = None


@dataclass(slots=True)
class _Draft:
    """A session while its rows are read."""

    id: str
    line: int
    row: Sequence[str]  # its first readable row, which gives the session's own cells
    when: When
    parts: dict[str, _PartDraft] = field(default_factory=dict)
    chairs: list[Person] = field(default_factory=list)
    discussants: list[Person] = field(default_factory=list)


def sessions_of(rows: Rows, context: Context) -> tuple[list[Session], list[Problem]]:
    """Sessions with parts from rows that share sessions; unreadable rows are left out."""
    drafts: dict[tuple[str, ...], _Draft] = {}
    ids: set[str] = set()
    problems: list[Problem] = []
    for line, row in rows:
        problem = row_width_problem(row, line, context)
        when = row_when(row, line, context) if problem is None else problem
        if isinstance(when, Problem):
            problems.append(when)
            continue
        key = _key(row, context)
        if not any(key):
            column = "panel" if "panel" in context.columns else "id"
            message = f"expected a {column} naming the row's session, got an empty cell"
            problems.append(left_out(context.filename, line, message))
            continue
        draft = drafts.get(key)
        if draft is None:
            draft = _Draft(_session_id(key, context, ids), line, row, when)
            drafts[key] = draft
        _add_row(draft, row, context)
    sessions: list[Session] = []
    # when no id gathers two titles, the rows that share one are a talk with a row per
    # presenter: the title is the talk's, and a session column names the block it is in
    talks = not {"panel", "panel_title"} & set(context.columns) and all(
        len(d.parts) <= 1 for d in drafts.values()
    )
    for draft in drafts.values():
        session = _session(draft, context, talks)
        if isinstance(session, Problem):
            problems.append(session)
        else:
            sessions.append(session)
    return sessions, sorted(problems, key=lambda p: p.line)


def _key(row: Sequence[str], context: Context) -> tuple[str, ...]:
    """What tells a row's session: its panel in its slot (panels are numbered per slot), or its id."""
    if "panel" not in context.columns:
        if "id" not in context.columns:
            return tuple(context.cell(row, f) for f in _SAME_CELLS)
        return (context.cell(row, "id"),)
    panel = context.cell(row, "panel")
    if not panel:
        return ("",)
    return tuple(context.cell(row, f) for f in ("slot", "panel", "date", "time", "start"))


def _session_id(key: tuple[str, ...], context: Context, taken: set[str]) -> str:
    """'Di-D-01' for panel 01 in slot 'Di D'; a number is added when panels repeat one."""
    if "panel" in context.columns:
        base = "-".join(" ".join(key[:2]).split())
    elif "id" in context.columns:
        base = key[0]
    else:  # numbered as rows are, in the order the sessions first appear
        base = str(len(taken) + 1)
    found, number = base, 1
    while found in taken:
        number += 1
        found = f"{base}-{number}"
    taken.add(found)
    return found


def _add_row(draft: _Draft, row: Sequence[str], context: Context) -> None:
    """A paper (or one more presenter of a paper) and the session's people from one row."""
    _add_people(draft.chairs, context.people(row, "chairs"))
    _add_people(draft.discussants, context.people(row, "discussants", role="Discussant"))
    role = row_role(row, context)
    if role:  # one row per presenter, and this one chairs or discusses the session
        listed = draft.chairs if role == "chair" else draft.discussants
        _add_people(listed, row_speakers(row, context))
        return
    title = one_line(context.cell(row, "title"))
    speakers = row_speakers(row, context) if title else _participants(row, context)
    co_authors = context.people(row, "co_authors", role="Co-author")
    if not title and not speakers:
        return  # a panel listed without its papers
    title = title or _session_title(draft.row, context)
    part = draft.parts.setdefault(
        " ".join(title.lower().split()), _PartDraft(len(draft.parts) + 1, title)
    )
    part.abstract = part.abstract or plain_text(context.cell(row, "abstract"))
    part.objectives = part.objectives or objectives_of(context.cell(row, "objectives"))
    if part.start is None:
        part.start, part.end = part_when(row, draft.when.day, context)
    _add_people(part.speakers, speakers)
    _add_people(part.speakers, co_authors)


def _participants(row: Sequence[str], context: Context) -> tuple[Person, ...]:
    """The people of a row without a paper (a roundtable's participants), mended where a scraper
    split them: a given name under presenter and the family name under affiliation ('Andrea' |
    'Szukala'), or the affiliation alone on a row of its own ('Universität Augsburg')."""
    speakers = row_speakers(row, context)
    if len(speakers) != 1:
        return speakers
    person = speakers[0]
    if names_organisation(person.name):
        return ()
    given, family = person.name.split(), person.organisation.split()
    if len(given) == 1 and len(family) == 1 and not names_organisation(person.organisation):
        return (Person(f"{given[0]} {family[0]}"),)
    return speakers


def _add_people(listed: list[Person], people: Sequence[Person]) -> None:
    known = {p.id for p in listed}
    for person in people:
        if person.id not in known:
            listed.append(person)
            known.add(person.id)


def _session_title(row: Sequence[str], context: Context) -> str:
    return one_line(context.cell(row, "panel_title") or context.cell(row, "group"))


def _session(draft: _Draft, context: Context, talk: bool) -> Session | Problem:
    """The finished Session (a talk, or a panel of papers), or the left-out Problem of a
    session with no title at all."""
    row, when = draft.row, draft.when
    parts = tuple(
        Part(
            p.index,
            p.title,
            abstract=p.abstract,
            objectives=p.objectives,
            speakers=tuple(p.speakers),
            start=p.start,
            end=p.end,
        )
        for p in draft.parts.values()
    )
    one_talk = talk and len(parts) == 1
    title = (parts[0].title if one_talk else _session_title(row, context)) or (
        parts[0].title if parts else ""
    )
    if not title:
        message = "expected a session title (panel title) or a paper title, got empty cells"
        return left_out(context.filename, draft.line, message)
    group = one_line(context.cell(row, "group"))
    return Session(
        id=draft.id,
        title=title,
        code=draft.id,
        day=when.day,
        start=when.start,
        end=when.end,
        room=context.cell(row, "room"),
        stream=context.cell(row, "stream"),
        group=group if group != title else "",
        format=context.cell(row, "format")
        or context.session_format
        or _format(title, group, context),
        keywords=keywords_of(context.cell(row, "keywords")),
        language=context.cell(row, "language"),
        recorded=recorded_of(context.cell(row, "recorded")),
        chairs=tuple(draft.chairs),
        discussants=tuple(draft.discussants),
        parts=parts,
        abstract=parts[0].abstract if one_talk else "",
        objectives=parts[0].objectives if one_talk else (),
        source=SourceLocation(context.filename, draft.line),
    )


def _format(title: str, group: str, context: Context) -> str:
    """A panel column makes its sessions panels; otherwise the session name may say."""
    named = format_of(group or title)
    if named not in ("", "Talk"):
        return named
    if "panel" in context.columns and context.headers[context.columns["panel"]].startswith("panel"):
        return "Panel"
    return named
