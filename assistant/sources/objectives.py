"""Learning objectives written inside an abstract ('What you will learn:' and a list, 'By the
end of this workshop, participants will be able to …'): every reader's sessions get them as
objectives, cut from the abstract as the abstract-book reader cuts its own, so 'what will I
learn?' answers with them whatever the programme's format."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import takewhile

from assistant.programme import Part, Session
from assistant.sources.problems import ParsedSource

_HEADING = re.compile(
    # 'Lernziele / What you will learn:': a heading in two languages reads as its second
    r"^(?:[^\W\d_]+\s*/\s*)?"
    r"(?:(?:key |main )?learning (?:objectives?|outcomes?|goals?)"
    r"|lernziele?|objectifs?(?: pédagogiques| d'apprentissage)?|objetivos(?: de aprendizaje)?"
    r"|(?:session |workshop |course )?(?:objectives?|outcomes?|takeaways?|take-aways?)"
    r"|what (?:you|participants|attendees|delegates)(?: will|'ll|’ll) (?:learn|take away)"
    r"|you(?: will|'ll|’ll) learn(?= how\b| to\b|\s*:)"
    r"|in this (?:session|workshop|course|tutorial|talk|masterclass|module)[, ]+(?:you|participants"
    r"|attendees|delegates|learners)(?: will| should)(?: learn(?: to| how to)?| be able to)?(?=\s*:)"
    r"|(?:(?:by|at) the end of|after) (?:this|the) (?:session|workshop|course|tutorial|talk|module"
    r"|masterclass|symposium)[, ]+(?:participants|attendees|delegates|learners|you)"
    r"(?: will| should)(?: be able to)?)"
    r"\s*[:\-–]?\s*(?P<tail>.*)$",
    re.IGNORECASE,
)
_ITEM = re.compile(r"^\s*(?:[-*+•·▪◦‣]|\(?\d{1,2}[.)])\s+(?P<text>\S.*)$")
_MID_HEADING = re.compile(
    r"(?<=[.!?])\s+(?=(?:key |main )?learning (?:objectives?|outcomes?|goals?)\s*:\s*\(?1[.)]\s)",
    re.IGNORECASE,
)
# the sentence after a numbered list's last item: 'a medicine. Numbers are limited …'
_AFTER_LAST = re.compile(r"[.!?]\s+([A-Z].*)$")
_INLINE_ITEMS = re.compile(r"\s*\(?\b\d{1,2}[.)]\s+")


def objectives_in(abstract: str) -> tuple[str, tuple[str, ...]]:
    """The abstract without its objectives, and the objectives: a heading's list ('- ', '• ',
    '1.', '1)', or one a line), or the sentence after it when no list follows; (abstract, ())
    without one."""
    # 'Learning objectives: 1. … 2. …' after the abstract's sentences, on their line
    lines = [piece for line in abstract.split("\n") for piece in _MID_HEADING.split(line)]
    for index, line in enumerate(lines):
        heading = _HEADING.match(line.strip())
        if heading is None:
            continue
        tail, loose = heading["tail"].strip(), _loose(line)
        if tail.endswith(":"):  # 'Learning objectives – by the end … able to:': all heading
            tail, loose = "", False
        end = index + 1
        if not tail and end + 1 < len(lines) and not lines[end].strip():
            end += 1  # a blank line between the heading and its list
        items: list[str] = []
        while end < len(lines) and (item := _ITEM.match(lines[end])):
            items.append(item["text"].strip())
            end += 1
        after: list[str] = []
        if not items and tail and (not loose or _INLINE_ITEMS.match(tail)):
            items = _inline(tail)
            if _INLINE_ITEMS.match(tail) and (rest := _AFTER_LAST.search(items[-1])):
                # '3. Use … a medicine. Numbers are limited to 30.': the abstract goes on
                items[-1], after = items[-1][: rest.start() + 1], [rest.group(1)]
        elif not items and not tail:
            block = list(takewhile(str.strip, lines[end:]))
            if block and _HEADING.match(block[0].strip()):
                continue  # 'Learning objectives' over 'By the end … able to:': that one's list
            if len(block) > 1:  # a list without markers (an HTML <ul> made plain text)
                items = [" ".join(b.split()) for b in block]
            elif block and not loose:
                items = _inline(block[0])  # the next paragraph, as sentences
            end += len(block)
        if not items:
            continue
        # the bare heading right above this one goes with it
        start = index - 1 if index and _bare_heading(lines[index - 1]) else index
        kept = "\n".join([*lines[:start], *after, *lines[end:]])
        return re.sub(r"\n{3,}", "\n\n", kept).strip(), tuple(items)
    return abstract, ()


def _bare_heading(line: str) -> bool:
    heading = _HEADING.match(line.strip())
    return heading is not None and not heading["tail"].strip()


def _loose(line: str) -> bool:
    """A bare 'Objectives:' heading: a structured research abstract opens with one too
    ('Objective: to assess …'), so only a list under it is read as learning objectives."""
    return (
        re.match(r"\s*(?:session |workshop |course )?(?:objective|outcome|take)", line, re.I)
        is not None
    )


def _inline(text: str) -> list[str]:
    """'1) map risks 2) plan' -> two items; 'recognise X; plan Y' -> two; one sentence -> one;
    the words before a '(1)' lead into the items ('by the end … able to (1) describe …')."""
    first = _INLINE_ITEMS.search(text)
    if first is not None and re.search(r"\b1\b", first.group()):
        text = text[first.start() :]
    parts = [p for p in _INLINE_ITEMS.split(text.strip()) if p.strip()]
    if len(parts) < 2:
        parts = re.split(r"\s*;\s*", text.strip())
    items = [p.strip().rstrip(";,").strip() for p in parts if p.strip()]
    return [i[:1].upper() + i[1:] for i in items]


def with_objectives(source: ParsedSource) -> ParsedSource:
    """The source with every session's and part's objectives read out of its abstract, where
    the reader found none of its own."""
    sessions = tuple(_session(s) for s in source.sessions)
    if all(a is b for a, b in zip(sessions, source.sessions, strict=True)):
        return source
    return replace(source, sessions=sessions)


def _session(session: Session) -> Session:
    parts = tuple(_part(p) for p in session.parts)
    abstract, objectives = (
        objectives_in(session.abstract) if not session.objectives else (session.abstract, ())
    )
    if not objectives and all(a is b for a, b in zip(parts, session.parts, strict=True)):
        return session
    return replace(
        session,
        parts=parts,
        abstract=abstract,
        objectives=session.objectives or objectives,
    )


def _part(part: Part) -> Part:
    if part.objectives or not part.abstract:
        return part
    abstract, objectives = objectives_in(part.abstract)
    return replace(part, abstract=abstract, objectives=objectives) if objectives else part
