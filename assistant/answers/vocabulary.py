"""The programme's own words (rooms, streams, people, organisations ...) and how to find them in text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import takewhile

from rapidfuzz import fuzz

from assistant.answers.fuzzy_index import FuzzyIndex
from assistant.programme import Programme, plain_letters
from assistant.search.glossary import session_language

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
    text = unicodedata.normalize("NFKD", plain_letters(text.replace("’", "'").replace("‘", "'")))
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
    # people's names as 'first middle last' and as 'first last', indexed once per programme;
    # for each spelling in the index, whose full name and whose short name it is
    names: FuzzyIndex
    full_name_of: tuple[tuple[int, ...], ...]
    short_name_of: tuple[tuple[int, ...], ...]
    one_word_names: Mapping[str, tuple[int, ...]]
    surnames: Mapping[str, tuple[int, ...]]
    surname_index: FuzzyIndex  # the surnames' keys, for misspelt ones
    # titles of two words or more, folded: 'next level ansible' names a talk, asks nothing
    titles: tuple[str, ...] = ()
    # short session titles (2-6 words) as words: 'Event Processing', 'Lightning Talks'
    title_words: frozenset[tuple[str, ...]] = frozenset()
    # the conference's own name, with and without its year: 'debconf17', 'debconf'
    event_words: frozenset[str] = frozenset()


def _terms(values: Iterable[str]) -> tuple[Term, ...]:
    unique = dict.fromkeys(v for v in values if v and v.strip())
    return tuple(
        Term(v, spelt)
        for v in unique
        if (spelt := tuple(w for w in words(v) if w not in CONNECTORS))
    )


def _stream_terms(values: Iterable[str]) -> tuple[Term, ...]:
    """Streams by their full names, and by each half of a joined name that no other stream
    shares: 'programming talks' for 'Programming & Engine Tech', 'audio' for 'Music / Audio'."""
    terms = list(_terms(values))
    halves: dict[tuple[str, ...], set[str]] = {}
    for term in list(terms):
        pieces = re.split(r"\s*(?:&|/|\+|\band\b|\bund\b|\bet\b)\s*", term.value)
        if len(pieces) < 2:
            continue
        for piece in pieces:
            spelt = tuple(w for w in words(piece) if w not in CONNECTORS)
            if spelt:
                halves.setdefault(spelt, set()).add(term.value)
    terms.extend(Term(next(iter(v)), spelt) for spelt, v in halves.items() if len(v) == 1)
    return tuple(terms)


def _room_number(spelt: tuple[str, ...]) -> tuple[str, ...]:
    """The number a room's name ends in, when it cannot be mistaken for a time or a day's
    number: two numbers ('2.14', '1 01') or one of three digits or more ('101')."""
    tail = tuple(reversed(list(takewhile(str.isdigit, reversed(spelt)))))
    if len(tail) == len(spelt):
        return ()
    return tail if len(tail) >= 2 or (tail and len(tail[0]) >= 3) else ()


def _room_terms(values: Iterable[str]) -> tuple[Term, ...]:
    """Rooms by their full names, and by their distinctive words without 'stage' or 'hall'.

    Delegates say 'the chaos-west stage' for 'Chaos-West Bühne' and 'oio' for 'OIO Stage'."""
    values = list(values)
    terms = list(_terms(values))
    for value in dict.fromkeys(values):
        # 'Room B (2nd floor)' is 'room b': a room by its name without the note in brackets
        plain = re.sub(r"\s*\([^)]*\)", "", value or "").strip()
        if plain and plain != (value or "").strip():
            terms.extend(Term(value, t.words) for t in _terms([plain]))
        # 'Hall 2 / Saal 2': a room named in two languages is either
        names = [n for n in re.split(r"\s+/\s+", plain) if len(n) >= 4]
        if len(names) > 1:
            terms.extend(Term(value, t.words) for t in _terms(names))
    # 'Seminar Room 2.14' is '2.14' and 'room 2.14', where no other room has that number
    numbers: dict[tuple[str, ...], set[str]] = {}
    for term in terms:
        if number := _room_number(term.words):
            numbers.setdefault(number, set()).add(term.value)
    for number, (room, *others) in ((n, sorted(r)) for n, r in numbers.items()):
        if not others:
            terms.extend([Term(room, number), Term(room, ("room", *number))])
    for term in list(terms):
        short = tuple(w for w in term.words if w not in PLACE_WORDS)
        distinctive = [w for w in short if w not in COMMON_WORDS and len(w) >= 3]
        if short and short != term.words and distinctive:
            terms.append(Term(term.value, short))
    if main := _main_stage(terms):
        terms.append(Term(main, ("main", "stage")))
    return tuple(terms)


# A stage in the languages rooms are named in ('Halle 1 (Bühne)', 'Grande scène')
_STAGE_WORDS = frozenset("stage buhne bühne scene scène escenario".split())
_MAIN_WORDS = frozenset("main haupt grande principal".split())


def _main_stage(terms: list[Term]) -> str:
    """The room delegates call 'the main stage': the one room named a stage, or the one stage
    named main ('Hauptbühne' aside, which is one word); '' when no room or several are."""
    stages = {t.value for t in terms if _STAGE_WORDS & set(t.words)}
    if len(stages) > 1:
        stages = {t.value for t in terms if t.value in stages and _MAIN_WORDS & set(t.words)}
    return next(iter(stages)) if len(stages) == 1 else ""


def build_vocabulary(programme: Programme) -> Vocabulary:
    """Collect the programme's rooms, streams, groups, formats, people ... once per programme."""
    sessions = programme.sessions
    people = [p.person for p in programme.people]
    names = tuple(PersonName(p.id, p.person.name, words(p.person.name)) for p in programme.people)
    one_word: dict[str, list[int]] = {}
    surnames: dict[str, list[int]] = {}
    for index, person in enumerate(names):
        if len(person.words) == 1:
            token = person.words[0]
            if len(token) >= 3 and token not in COMMON_WORDS:
                one_word.setdefault(token, []).append(index)
        elif len(person.words) >= 2:
            surnames.setdefault(person.words[-1], []).append(index)
    distinctive = {
        k: tuple(v) for k, v in surnames.items() if len(k) >= 4 and k not in COMMON_WORDS
    }
    spellings: dict[str, tuple[list[int], list[int]]] = {}
    for index, person in enumerate(names):
        spellings.setdefault(" ".join(person.words), ([], []))[0].append(index)
        spellings.setdefault(" ".join(person.words[:1] + person.words[-1:]), ([], []))[1].append(
            index
        )
    # titles of two words or more, folded once for both ways they are matched
    titles = tuple(
        dict.fromkeys(t for s in sessions if len((t := " ".join(words(s.title))).split()) > 1)
    )
    return Vocabulary(
        names=FuzzyIndex(list(spellings), NAME_CUTOFF),
        full_name_of=tuple(tuple(full) for full, _ in spellings.values()),
        short_name_of=tuple(tuple(short) for _, short in spellings.values()),
        one_word_names={k: tuple(v) for k, v in one_word.items()},
        surnames=distinctive,
        surname_index=FuzzyIndex(list(distinctive), SURNAME_CUTOFF),
        titles=titles,
        rooms=_room_terms(s.room for s in sessions),
        streams=_stream_terms(s.stream for s in sessions),
        groups=_terms(s.group for s in sessions),
        formats=_terms(s.format for s in sessions),
        filters=_terms(f for s in sessions for f in s.content_filters),
        organisations=_terms(p.organisation for p in people),
        countries=_terms(p.country for p in people),
        codes=_terms(s.code for s in sessions),
        people=names,
        languages=tuple(sorted({session_language(s) for s in sessions} - {""})),
        title_words=frozenset(w for t in titles if len(w := tuple(t.split())) <= 6),
        event_words=frozenset(
            form
            for w in words(programme.title)
            for form in (w, w.rstrip("0123456789"))
            if len(form) >= 3 and form not in COMMON_WORDS
        ),
    )


# Words that join a name's parts: 'Art & Culture' is asked for as 'art and culture'.
CONNECTORS = frozenset({"and", "und", "et", "y"})
# What a place is called besides its name, in the languages programmes come in.
PLACE_WORDS = frozenset(
    "stage buhne bühne hall saal room raum theatre theater auditorium lounge salle sala aula "
    "horsaal hörsaal zaal suite ballroom".split()
)


def find_terms(
    question: Sequence[str], terms: Iterable[Term], *, fuzzy: bool = True
) -> list[Match]:
    """Every term whose words stand contiguously in the question (misspellings allowed if fuzzy).

    Connecting words ('and') are skipped on both sides. One-word terms that are common English
    words only match exactly, so 'the best talk' never finds a room called 'Best'."""
    content = [(i, w) for i, w in enumerate(question) if w not in CONNECTORS]
    spoken = [w for _, w in content]
    initials = {w[:1] for w in spoken}  # a term matches only where a window starts as it does
    found: list[Match] = []
    for term in terms:
        n = len(term.words)
        if n == 0 or n > len(spoken) or term.words[0][:1] not in initials:
            continue
        for start in range(len(spoken) - n + 1):
            window = tuple(spoken[start : start + n])
            first, last = content[start][0], content[start + n - 1][0] + 1
            if window == term.words:
                found.append(Match(term, first, last, 100.0))
                continue
            if not fuzzy or (n == 1 and term.words[0] in COMMON_WORDS):
                continue
            joined, target = " ".join(window), " ".join(term.words)
            if len(target) < 5 or window[0][:1] != term.words[0][:1]:
                continue
            if any(c.isdigit() for c in target):
                continue  # 'Teaching 1' is not 'teaching r': numbers are never misspellings
            score = fuzz.ratio(joined, target)
            if score >= 88:
                found.append(Match(term, first, last, score))
    return best_non_overlapping(found)


def best_non_overlapping(matches: Iterable[Match]) -> list[Match]:
    """Keep the longest, surest matches that do not overlap, in question order."""
    chosen: list[Match] = []
    ranked = sorted(matches, key=lambda m: (-(m.end - m.start), -m.score, m.start))
    for match in ranked:
        if all(match.end <= c.start or match.start >= c.end for c in chosen):
            chosen.append(match)
    return sorted(chosen, key=lambda m: m.start)


TITLES = frozenset("dr prof professor mr mrs ms miss sir dame mx doctor".split())


def find_people(
    question: Sequence[str], vocabulary: Vocabulary
) -> list[tuple[PersonName, int, int, float]]:
    """People named in the question: full names (fuzzy), or a distinctive surname or one-word name.

    A surname alone does not match when the question gives another first name
    ('john smith' is not Jane Smith)."""
    people = vocabulary.people
    best: dict[int, tuple[int, int, float]] = {}

    def keep(index: int, start: int, end: int, score: float) -> None:
        if index not in best or score > best[index][2]:
            best[index] = (start, end, score)

    nearest = _nearest_names(question, vocabulary)
    for start, size in _windows(len(question)):
        window = question[start : start + size]
        for by_full_name, found in zip((True, False), nearest.get((start, size), ()), strict=False):
            for score, index in found:
                name = people[index].words
                if window[0][:1] != name[0][:1] and window[-1][:1] != name[-1][:1]:
                    continue
                if size != len(name) and by_full_name:
                    continue
                keep(index, start, start + size, float(score))
    surnames = vocabulary.surnames
    misspelt = _misspelt_surnames(question, vocabulary)
    for i, token in enumerate(question):
        for index in vocabulary.one_word_names.get(token, ()):
            keep(index, i, i + 1, 95.0)
        if len(token) < 4 or token in COMMON_WORDS:
            continue
        matched = [(token, 100.0)] if token in surnames else misspelt.get(token, [])
        for surname, score in matched:
            for index in surnames[surname]:
                if index in best:
                    continue
                first = people[index].words[0]
                before = question[i - 1] if i > 0 else ""
                # 'corso radu' is Alina Corso-Radu: a word of her own name is no one else's
                names_someone_else = (
                    before not in people[index].words
                    and before.isalpha()
                    and len(before) >= 3
                    and before not in COMMON_WORDS
                    and before not in TITLES
                    and fuzz.ratio(before, first) < 75
                    and before[:1] != first[:1]
                )
                if not names_someone_else:
                    keep(index, i, i + 1, 80.0 if score == 100.0 else 75.0)
    hits = [(people[i], *span) for i, span in best.items()]
    if not hits:
        return hits
    top = max(h[3] for h in hits)
    # A full-name hit beats surname-only hits on other people.
    return [h for h in hits if h[3] >= min(top, 85.0) or h[3] == top]


NEAREST_LIMIT = 5
NAME_CUTOFF = 85
SURNAME_CUTOFF = 90
SURNAME_LIMIT = 3
BLOCK = 12  # window starts read against the name index at once (bounds a long question's cost)


def _windows(length: int) -> list[tuple[int, int]]:
    """(start, size) of the question's runs of 4, 3 and 2 words, in the order they are kept."""
    return [(start, size) for size in (4, 3, 2) for start in range(length - size + 1)]


def _nearest_names(
    question: Sequence[str], vocabulary: Vocabulary
) -> dict[tuple[int, int], tuple[list[tuple[float, int]], list[tuple[float, int]]]]:
    """For each window near some name, the NEAREST_LIMIT people nearest it at ratio >= 85 by
    full name, and by short name: (score, person), score descending, then person.

    Windows are looked up a block of starts at a time: the block's words pick the candidates."""
    out: dict[tuple[int, int], tuple[list[tuple[float, int]], list[tuple[float, int]]]] = {}
    spans = _windows(len(question))
    for begin in range(0, len(question), BLOCK):
        block = [(s, n) for s, n in spans if begin <= s < begin + BLOCK]
        if not block:
            continue
        texts = [" ".join(question[s : s + n]) for s, n in block]
        covering = " ".join(question[begin : begin + BLOCK + 3])
        for span, found in zip(block, vocabulary.names.nearest(texts, None, covering), strict=True):
            if found:
                out[span] = (
                    _people(found, vocabulary.full_name_of),
                    _people(found, vocabulary.short_name_of),
                )
    return out


def _people(
    found: list[tuple[float, int]], owners: tuple[tuple[int, ...], ...]
) -> list[tuple[float, int]]:
    """The NEAREST_LIMIT best (score, person) of the spellings found, ties by person."""
    scored = [(score, person) for score, spelling in found for person in owners[spelling]]
    return sorted(scored, key=lambda pair: (-pair[0], pair[1]))[:NEAREST_LIMIT]


def _misspelt_surnames(
    question: Sequence[str], vocabulary: Vocabulary
) -> dict[str, list[tuple[str, float]]]:
    """For each long word of the question that is no surname, the surnames it may misspell."""
    asked = [
        t
        for t in dict.fromkeys(question)
        if len(t) >= 6 and t not in COMMON_WORDS and t not in vocabulary.surnames
    ]
    index = vocabulary.surname_index
    found = index.nearest(asked, SURNAME_LIMIT)
    return {
        token: [(index.choices[i], score) for score, i in nearest]
        for token, nearest in zip(asked, found, strict=True)
    }
