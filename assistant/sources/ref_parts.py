"""Rows whose ref extends another row's ref ('1A.1', '1A-2' below a session '1A'; 'S3.2' of
'S3'), or that name another row's id as their parent session (an event app's child rows), are
that row's parts: a sheet lists a session, then its papers, each with its own time, presenter,
co-authors and abstract, the room left to the session."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from assistant.programme import Part, Person, Session
from assistant.sources.problems import Problem, left_out
from assistant.sources.spreadsheet import (
    Context,
    objectives_of,
    row_session,
    row_speakers,
    row_when,
    row_width_problem,
)
from assistant.sources.text import one_line, plain_text

Rows = Sequence[tuple[int, Sequence[str]]]

# what a part's ref adds to its session's: a separator, then a number or a short code
_EXTENSION = re.compile(r"[.\-/_:](?P<rest>[0-9A-Za-z]{1,4})")


def refs_nest(rows: Rows, context: Context) -> bool:
    """True when some row's ref extends another row's ref."""
    return "id" in context.columns and any(_parents(rows, context).values())


def _parents(rows: Rows, context: Context) -> dict[str, str]:
    """Each ref -> the ref of the session it is a part of ('' for a session's own ref): the
    longest other ref it extends, and that ref's session in turn ('1A.1.a' -> '1A')."""
    refs = {ref for _, row in rows if (ref := context.cell(row, "id"))}
    direct: dict[str, str] = {}
    for ref in refs:
        bases = (ref[:i] for i in range(1, len(ref)) if _EXTENSION.fullmatch(ref[i:]))
        direct[ref] = max((b for b in bases if b in refs), key=len, default="")
    if "parent" in context.columns:  # a parent column names it outright
        for _, row in rows:
            ref, parent = context.cell(row, "id"), context.cell(row, "parent")
            if ref and parent in refs and parent != ref:
                direct[ref] = parent
    top: dict[str, str] = {}
    for ref in refs:
        found = ref
        while direct.get(found):
            found = direct[found]
        top[ref] = found if found != ref else ""
    return top


def sessions_of(rows: Rows, context: Context) -> tuple[list[Session], list[Problem]]:
    """A Session for each row that is no part, with the rows that extend its ref as parts."""
    parents = _parents(rows, context)
    parts: dict[str, list[tuple[int, Sequence[str]]]] = {}
    for line, row in rows:
        parent = parents.get(context.cell(row, "id"), "")
        if parent:
            parts.setdefault(parent, []).append((line, row))
    sessions: list[Session] = []
    problems: list[Problem] = []
    for number, (line, row) in enumerate(rows, start=1):
        ref = context.cell(row, "id")
        if parents.get(ref):
            continue
        session = row_session(row, line, number, context)
        if isinstance(session, Problem):
            problems.append(session)
            problems += [_orphan(n, ref, line, context) for n, _ in parts.get(ref, [])]
        else:
            sessions.append(_with_parts(session, parts.get(ref, []), context, problems))
    return sessions, sorted(problems, key=lambda p: p.line)


def _orphan(line: int, ref: str, session_line: int, context: Context) -> Problem:
    message = f"expected its session {ref!r} (line {session_line}) readable, got it left out"
    return left_out(context.filename, line, message)


def _with_parts(session: Session, rows: Rows, context: Context, problems: list[Problem]) -> Session:
    """The session with its part rows as its parts, after its own row's part where that row
    names a presenter or an abstract of its own; each part runs until the next one starts."""
    own = tuple(p for p in session.parts if p.speakers or p.abstract)
    drafts: list[Part] = []
    chairs: list[Person] = list(session.chairs)
    for line, row in rows:
        part = _part(row, line, len(own) + len(drafts) + 1, context)
        if isinstance(part, Problem):
            problems.append(part)
            continue
        drafts.append(part)
        chairs += [p for p in context.people(row, "chairs") if p not in chairs]
    if not drafts:
        return session
    ends = [p.start for p in drafts[1:]] + [session.end]
    timed = tuple(
        replace(p, end=p.end or _after(p.start, end)) for p, end in zip(drafts, ends, strict=True)
    )
    return replace(session, parts=own + timed, chairs=tuple(chairs))


def _after(start: datetime | None, end: datetime | None) -> datetime | None:
    return end if start is not None and end is not None and end > start else None


def _part(row: Sequence[str], line: int, index: int, context: Context) -> Part | Problem:
    """The Part one row gives: its title, time, presenters, co-authors and abstract."""
    ragged = row_width_problem(row, line, context)
    if ragged is not None:
        return ragged
    title = one_line(context.cell(row, "title"))
    if not title:
        return left_out(context.filename, line, "expected a title, got an empty cell")
    when = row_when(row, line, context)
    if isinstance(when, Problem):
        return when
    speakers = row_speakers(row, context)
    named = {p.id for p in speakers}
    co_authors = tuple(
        p for p in context.people(row, "co_authors", role="Co-author") if p.id not in named
    )
    return Part(
        index,
        title,
        abstract=plain_text(context.cell(row, "abstract")),
        objectives=objectives_of(context.cell(row, "objectives")),
        speakers=speakers + co_authors,
        start=when.start,
        end=when.end,
        source_id=context.cell(row, "id"),
    )
