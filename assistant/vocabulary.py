"""The programme's own words (rooms, streams, people, organisations ...) and how to find them in text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from assistant.programme import Programme

WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")

# Words too common to be a one-word name of a person, room or stream on their own.
COMMON_WORDS = frozenset(
    """
    a about after all also am an and any anyone anything are as at be before between but by can
    day do does doing for from get give giving going has have he her here him his how i in is it
    its just like me more morning afternoon evening night my next no not now of on one or other our
    she so some someone something talk talks that the their them then there they this to today
    tomorrow two up us was we what when where which who whom why will with you your session
    sessions speaker speakers speaking room stage track stream workshop lecture poster keynote new
    best good great open data free real time world future people life work home
    """.split()
)


def fold(text: str) -> str:
    """Lower-case, accent-free text with typographic apostrophes made plain, for matching."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def words(text: str) -> tuple[str, ...]:
    """The folded words of a text (possessive 's dropped)."""
    out = []
    for w in WORD.findall(fold(text)):
        w = w.replace("’", "'")
        out.append(w[:-2] if w.endswith("'s") else w)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Term:
    """One name the programme uses (a room, a stream ...) with the words that spell it."""

    value: str
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Match:
    """Where a term was found in the question's words: [start, end) and how sure."""

    term: Term
    start: int
    end: int
    score: float


@dataclass(frozen=True, slots=True)
class PersonName:
    """A participant's name as words, for fuzzy lookup."""

    participant_id: str
    name: str
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Everything in the programme a question can name exactly."""

    rooms: tuple[Term, ...]
    streams: tuple[Term, ...]
    groups: tuple[Term, ...]
    formats: tuple[Term, ...]
    filters: tuple[Term, ...]
    organisations: tuple[Term, ...]
    countries: tuple[Term, ...]
    codes: tuple[Term, ...]
    people: tuple[PersonName, ...]
    languages: tuple[str, ...]


def _terms(values: Iterable[str]) -> tuple[Term, ...]:
    unique = dict.fromkeys(v for v in values if v and v.strip())
    return tuple(Term(v, words(v)) for v in unique if words(v))


def build_vocabulary(programme: Programme) -> Vocabulary:
    """Collect the programme's rooms, streams, groups, formats, people ... once per programme."""
    sessions = programme.sessions
    people = [p.person for p in programme.people]
    return Vocabulary(
        rooms=_terms(s.room for s in sessions),
        streams=_terms(s.stream for s in sessions),
        groups=_terms(s.group for s in sessions),
        formats=_terms(s.format for s in sessions),
        filters=_terms(f for s in sessions for f in s.content_filters),
        organisations=_terms(p.organisation for p in people),
        countries=_terms(p.country for p in people),
        codes=_terms(s.code for s in sessions),
        people=tuple(
            PersonName(p.id, p.person.name, words(p.person.name)) for p in programme.people
        ),
        languages=tuple(sorted({s.language for s in sessions if s.language})),
    )


def find_terms(
    question: Sequence[str], terms: Iterable[Term], *, fuzzy: bool = True
) -> list[Match]:
    """Every term whose words stand contiguously in the question (misspellings allowed if fuzzy).

    One-word terms that are common English words only match exactly, so 'the best talk' never
    finds a room called 'Best'."""
    found: list[Match] = []
    for term in terms:
        n = len(term.words)
        if n == 0 or n > len(question):
            continue
        for start in range(len(question) - n + 1):
            window = tuple(question[start : start + n])
            if window == term.words:
                found.append(Match(term, start, start + n, 100.0))
                continue
            if not fuzzy or (n == 1 and term.words[0] in COMMON_WORDS):
                continue
            joined, target = " ".join(window), " ".join(term.words)
            if len(target) < 5 or window[0][:1] != term.words[0][:1]:
                continue
            score = fuzz.ratio(joined, target)
            if score >= 88:
                found.append(Match(term, start, start + n, score))
    return best_non_overlapping(found)


def best_non_overlapping(matches: Iterable[Match]) -> list[Match]:
    """Keep the longest, surest matches that do not overlap, in question order."""
    chosen: list[Match] = []
    ranked = sorted(matches, key=lambda m: (-(m.end - m.start), -m.score, m.start))
    for match in ranked:
        if all(match.end <= c.start or match.start >= c.end for c in chosen):
            chosen.append(match)
    return sorted(chosen, key=lambda m: m.start)


def find_people(
    question: Sequence[str], people: Iterable[PersonName]
) -> list[tuple[PersonName, int, int, float]]:
    """People named in the question: full names (fuzzy), or a distinctive surname or one-word name."""
    hits: list[tuple[PersonName, int, int, float]] = []
    for person in people:
        name = person.words
        if not name:
            continue
        n = len(name)
        best: tuple[int, int, float] | None = None
        # Full name, allowing small misspellings in either word ('sheldrik', 'snowdon').
        for size in {n, 2} if n >= 2 else {1}:
            for start in range(len(question) - size + 1):
                window = question[start : start + size]
                if size == 1 and n == 1:
                    token = window[0]
                    if token == name[0] and len(token) >= 3 and token not in COMMON_WORDS:
                        best = max(
                            best or (0, 0, 0.0), (start, start + 1, 95.0), key=lambda b: b[2]
                        )
                    continue
                if window[0][:1] != name[0][:1] and window[-1][:1] != name[-1][:1]:
                    continue
                target = name if size == n else name[:1] + name[-1:]
                score = fuzz.ratio(" ".join(window), " ".join(target))
                if score >= 85 and (best is None or score > best[2]):
                    best = (start, start + size, float(score))
        if best is None and n >= 2:
            surname = name[-1]
            if len(surname) >= 4 and surname not in COMMON_WORDS:
                for i, token in enumerate(question):
                    if token == surname or (len(token) >= 6 and fuzz.ratio(token, surname) >= 90):
                        best = (i, i + 1, 80.0 if token == surname else 75.0)
                        break
        if best is not None:
            hits.append((person, best[0], best[1], best[2]))
    if not hits:
        return hits
    top = max(h[3] for h in hits)
    # A full-name hit beats surname-only hits on other people.
    return [h for h in hits if h[3] >= min(top, 85.0) or h[3] == top]
