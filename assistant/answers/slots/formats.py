"""Kinds of session a question names: formats, content filters, audience levels and languages."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.answers.slots.question import FILLER, Question, Read, marked, spans, values
from assistant.answers.vocabulary import (
    COMMON_WORDS,
    Match,
    Term,
    Vocabulary,
    best_non_overlapping,
    find_terms,
    words,
)

LANGUAGE_NAMES = {
    "english": "en", "german": "de", "deutsch": "de", "french": "fr", "spanish": "es",
    "italian": "it", "dutch": "nl", "portuguese": "pt", "polish": "pl", "russian": "ru",
}  # fmt: skip
# Kinds of session a delegate may name; a format the programme does not have is worth saying so.
FORMAT_WORDS = {
    "keynote": "keynote", "keynotes": "keynote", "workshop": "workshop", "workshops": "workshop",
    "poster": "poster", "posters": "poster", "tutorial": "tutorial", "tutorials": "tutorial",
    "lecture": "lecture", "lectures": "lecture", "panel": "panel", "panels": "panel",
    "performance": "performance", "performances": "performance", "lightning": "lightning",
    "masterclass": "masterclass", "seminar": "seminar", "symposium": "symposium",
    "plenary": "plenary", "podium": "podium", "demo": "demo", "meetup": "meetup",
    "virtual": "virtual", "online": "virtual", "concert": "concert", "debate": "debate",
    "debates": "debate", "roundtable": "roundtable", "roundtables": "roundtable",
    "hackathon": "hackathon", "orals": "oral",
}  # fmt: skip
# 'oral' names the format before a word for sessions ('oral sessions', 'oral presentations');
# elsewhere it is a topic's ('oral anticoagulants', 'oral health')
_ORAL_BEFORE = frozenset(
    "session sessions presentation presentations abstract abstracts paper papers talk talks".split()
)
# Formats a yes-no question names: 'is it a (normal) lecture?'
FORMAT_PATTERN = (
    "lecture|workshop|poster|talk|keynote|tutorial|panel|performance|demo|lightning|seminar"
    "|podium|plenary|symposium|concert|training|masterclass|presentation"
)
GENERIC_KINDS = frozenset(
    "talk talks session sessions event events presentation presentations item other".split()
)

# Audience levels, as a question names them, and the words of the content filters that mark
# them ('Novice', 'Advanced', 'New to quality improvement').
LEVEL_ASKED = {
    "beginner": frozenset(
        "beginner beginners novice novices newcomer newcomers newbie newbies introductory".split()
    ),
    "intermediate": frozenset(["intermediate"]),
    "advanced": frozenset("advanced expert experts experienced".split()),
}
LEVEL_MARKED = {
    "beginner": LEVEL_ASKED["beginner"] | frozenset("new basic basics introduction entry".split()),
    "intermediate": LEVEL_ASKED["intermediate"],
    "advanced": LEVEL_ASKED["advanced"],
}


@dataclass(frozen=True, slots=True)
class Formats:
    """The programme's formats a question names, and a kind of session the programme lacks."""

    named: tuple[str, ...] = ()
    missing: str = ""  # 'workshop' in a programme with no workshops


def marked_level(filters: Sequence[str]) -> str:
    """The audience level a session's content filters mark it for, or ''."""
    found = {w for f in filters for w in words(f)}
    return next((level for level, names in LEVEL_MARKED.items() if found & names), "")


def wanted_level(question: Question) -> str:
    """The level a question asks about: 'beginner' in 'is it for beginners?', or ''."""
    return next((level for level, names in LEVEL_ASKED.items() if names & set(question.tokens)), "")


def wanted_language(question: Question) -> str:
    """The language a question asks a session is in: 'de' in 'is it in german?', or ''."""
    m = re.search(r"\bin (" + "|".join(LANGUAGE_NAMES) + r")\b", question.folded)
    return LANGUAGE_NAMES[m.group(1)] if m else ""


def yes_no_format(question: Question) -> str:
    """The format a yes-no question names: 'lecture' in 'is it a (normal) lecture?', or ''.

    'Is it a lecture or a workshop?' names two, so it is not a yes-no question."""
    q = question.folded
    m = re.search(rf"^\s*(is|are)\b.*?\b(a|an)\s+(?:[a-z\-]+\s+){{0,2}}?({FORMAT_PATTERN})", q)
    return m.group(3) if m and not re.search(r"\bor\b", q) else ""


def read_filters(question: Question, filters: tuple[Term, ...]) -> Read[tuple[str, ...]]:
    """Content filters the question names ('for beginners', 'co-presented with patients')."""
    matches = question.free(_filter_matches(question.tokens, filters))
    return Read(values(matches), spans(matches))


def _filter_matches(tokens: tuple[str, ...], filters: tuple[Term, ...]) -> list[Match]:
    """Content filters are long phrases; a question names one by its distinctive words."""
    found = find_terms(tokens, filters)
    token_set = set(tokens)
    for term in filters:
        key = [w for w in term.words if w not in FILLER and w not in COMMON_WORDS and len(w) > 3]
        if len(key) >= 2 and sum(w in token_set for w in key) >= max(2, (len(key) + 1) // 2):
            positions = [i for i, t in enumerate(tokens) if t in key]
            start, end = min(positions), max(positions) + 1
            while start > 0 and tokens[start - 1] in term.words:  # 'co presented with patients'
                start -= 1
            while end < len(tokens) and tokens[end] in term.words:
                end += 1
            found.append(Match(term, start, end, 80.0))
    for i, token in enumerate(tokens):  # 'for beginners' names a filter 'Novice'
        level = next((lv for lv, names in LEVEL_ASKED.items() if token in names), None)
        if level is not None:
            found.extend(
                Match(term, i, i + 1, 70.0)
                for term in filters
                if len(term.words) <= 4 and set(term.words) & LEVEL_MARKED[level]
            )
    return best_non_overlapping(found)


def read_formats(question: Question, vocabulary: Vocabulary) -> Read[Formats]:
    """Formats the question names; a format word the programme never uses is returned apart."""
    tokens = question.tokens
    used = question.mask()
    # 'trainings' asks for the programme's 'Training' format
    singular = [
        t[:-1] if len(t) > 4 and t.endswith("s") and not t.endswith("ss") else t for t in tokens
    ]
    found = best_non_overlapping(
        find_terms(tokens, vocabulary.formats, fuzzy=False)
        + find_terms(singular, vocabulary.formats, fuzzy=False)
    )
    formats: list[str] = []
    # 'after that symposium', 'the same workshop', 'out of my workshop': a session already
    # known, not a kind asked for
    referring = {
        i for i in range(1, len(tokens)) if tokens[i - 1] in ("that", "this", "same", "my")
    } | {  # 'after the break': the session to go on from
        i
        for i in range(2, len(tokens))
        if tokens[i - 1] == "the" and tokens[i - 2] in ("after", "before")
    }
    for m in found:
        if set(m.term.words) <= GENERIC_KINDS or m.start in referring:
            continue  # 'talk' in 'the sim card talk' says nothing about the format
        if not any(used[m.start : m.end]):
            formats.append(m.term.value)
            for i in range(m.start, m.end):
                used[i] = True
    missing = ""
    for i, token in enumerate(tokens):
        kind = FORMAT_WORDS.get(token)
        if token == "oral" and i + 1 < len(tokens) and tokens[i + 1] in _ORAL_BEFORE:
            kind = "oral"
        if kind is None or used[i] or i in referring:
            continue
        known = [
            t.value
            for t in vocabulary.formats
            if kind in t.words or any(w.startswith(kind) for w in t.words)
        ]
        if known:
            formats.extend(known)
            used[i] = True
        elif not any(kind in g.words for g in vocabulary.groups) and kind not in ("virtual",):
            missing = token
    return Read(Formats(tuple(dict.fromkeys(formats)), missing), marked(used))


def read_languages(question: Question, languages: tuple[str, ...]) -> Read[tuple[str, ...]]:
    """Languages asked for as such ('in German', 'English talks'); 'the German health system' is a topic."""
    first: dict[str, int] = {}  # each language where the question first names it
    for i, code in _asked_languages(question):
        if code in languages:
            first.setdefault(code, i)
    found = [(i, code) for code, i in first.items()]
    named = tuple(first)
    taken = frozenset(i for i, _ in found)
    tokens = question.tokens
    if found and any(t in _NOT for t in tokens[max(0, found[0][0] - 4) : found[0][0]]):
        # 'which talks aren't in english?': the programme's other languages
        others = tuple(code for code in languages if code not in named)
        negation = {i for i in range(max(0, found[0][0] - 4), found[0][0]) if tokens[i] in _NOT}
        return Read(others, taken | negation) if others else Read(named, taken)
    return Read(named, taken)


_NOT = frozenset("not arent aren't isnt isn't non except besides".split())


def unheard_language(question: Question, languages: tuple[str, ...]) -> str:
    """A language asked for as such that no session is in ('es' in 'any talks in Spanish?'
    at a programme in French and English), or ''; 'in English literature' names a topic."""
    after = r"(?:\s*[?!.]*\s*$|\s+(?:on|at|this|today|tomorrow|and|or|please)\b)"
    return next(
        (
            code
            for i, code in _asked_languages(question)
            if code not in languages
            and re.search(
                rf"\bin {question.tokens[i]}{after}|\b{question.tokens[i]}[ -](?:talks?|sessions?)\b",
                question.folded,
            )
        ),
        "",
    )


def _asked_languages(question: Question) -> list[tuple[int, str]]:
    """Where the question names a language as the one talks are in, and its code."""
    found = []
    for i, token in enumerate(question.tokens):
        code = LANGUAGE_NAMES.get(token)
        if code and re.search(
            rf"\bin {token}\b|\b{token}[ -](talks?|sessions?|lectures?|language|speaking|ones|events?)\b",
            question.folded,
        ):
            found.append((i, code))
    return found
