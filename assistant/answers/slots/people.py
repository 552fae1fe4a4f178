"""People a question names: the programme's participants, or a name it does not know."""

from __future__ import annotations

import re

from assistant.answers.slots.days import WEEKDAYS
from assistant.answers.slots.formats import FORMAT_WORDS
from assistant.answers.slots.question import FILLER, Question, Read, index_of
from assistant.answers.vocabulary import COMMON_WORDS, Vocabulary, find_people, words

# Where a question puts a name it asks about: 'when is <name> speaking?', "<name>'s talk".
NAME_SLOTS = (
    r"\bwhen (?:is|does|will|'s) (?P<n>[a-z][a-z'\-]+(?: [a-z][a-z'\-]+){0,3}?)(?:'s)? (?:speaking|talking|presenting|speak|present|talk|on|giving|lecturing|keynote|talk|session|workshop|on stage)\b",
    r"\bwhen'?s (?P<n>[a-z][a-z'\-]+(?: [a-z][a-z'\-]+){0,3}?)'?s? (?:talk|keynote|session|workshop|presentation)\b",
    r"\bwhere (?:is|does|will) (?P<n>[a-z][a-z'\-]+(?: [a-z][a-z'\-]+){0,3}?) (?:speaking|talking|presenting|speak|present|talk|work|working|based|from)\b",
    r"\bwhat (?:is|will|does) (?P<n>[a-z][a-z'\-]+(?: [a-z][a-z'\-]+){0,3}?) (?:talking|speaking|presenting|talk|speak|present)\b",
    r"\b(?:is|does|will) (?P<n>[a-z][a-z'\-]+(?: [a-z][a-z'\-]+){1,3}?) (?:speaking|talking|presenting|speak|present|giving a talk)\b",
    r"\b(?:talks?|sessions?|keynote|workshop|presentation) by (?P<n>[a-z][a-z'\-]+(?: [a-z][a-z'\-]+){0,3}?)"
    r"(?: (?:this (?:year|time)|here|today|tomorrow|again|at (?:the|this) \w+))?\s*\??$",
    r"^\s*who is (?P<n>[a-z][a-z'\-]+(?: [a-z][a-z'\-]+){1,2})\s*\??$",
    r"\b(?P<n>[a-z][a-z\-]+ [a-z][a-z\-]+)'s (?:talk|keynote|session|workshop|presentation|lecture|poster)\b",
    # German puts the verb second, as the German reading leaves it: 'Wann spricht Hildegard
    # Sonnenschein?' -> 'when speaking hildegard sonnenschein?', '... hält X ihren Vortrag?'
    r"^\s*when (?:speaking|gives|presents) (?P<n>[a-z][a-z'\-]+(?: [a-z][a-z'\-]+){1,3}?)(?: (?:her|his|a|the) talk)?\s*\??$",
)
_ARTICLES = frozenset("a an the our my your".split())
NOT_NAMES = FILLER | COMMON_WORDS | frozenset(FORMAT_WORDS) | frozenset(WEEKDAYS)


def read_people(question: Question, vocabulary: Vocabulary) -> Read[tuple[str, ...]]:
    """Participants named, as ids: by full name, surname, or "Hadley's talk" when one has it."""
    tokens = question.tokens
    hits = [
        h
        for h in find_people(tokens, vocabulary)
        if question.is_free(h[1], h[2])
        # 'blu-ray' is a word, not a speaker called Ray
        and not (
            h[2] - h[1] == 1
            and re.search(rf"\w-{tokens[h[1]]}\b|\b{tokens[h[1]]}-\w", question.folded)
        )
        and not (h[2] - h[1] == 1 and _asked_as_a_kind(tokens, h[1]))
        # 'on the ward', 'the crane talk': a word after an article is a thing, not Helen Ward
        and not (h[2] - h[1] == 1 and h[1] > 0 and tokens[h[1] - 1] in _ARTICLES)
    ]
    if hits:
        people = tuple(dict.fromkeys(h[0].participant_id for h in hits))
        return Read(people, frozenset(i for h in hits for i in range(h[1], h[2])))
    # "Hadley's talk": a first name alone, when only one person has it
    for match in re.finditer(r"\b([a-z][a-z\-]{2,})(?:'|’)s\b", question.folded):
        first = match.group(1)
        owners = {p.participant_id for p in vocabulary.people if p.words and p.words[0] == first}
        if len(owners) == 1 and first not in COMMON_WORDS and first not in FILLER:
            at = next((i for i, t in enumerate(tokens) if t == first), None)
            return Read(tuple(owners), frozenset(() if at is None else (at,)))
    return Read(())


def _asked_as_a_kind(tokens: tuple[str, ...] | list[str], at: int) -> bool:
    """'which hall is it in?': a word a question word picks out as a kind of thing is no
    speaker who happens to be called Hall."""
    return at > 0 and tokens[at - 1] in ("which", "what")


def read_unknown_person(question: Question) -> Read[str]:
    """A name the question asks about ('when is linus torvalds speaking?'), if it looks like one."""
    tokens = question.tokens
    for pattern in NAME_SLOTS:
        m = re.search(pattern, question.folded)
        if not m:
            continue
        name = m.group("n").strip()
        name_words = words(name)
        if not name_words or any(w in NOT_NAMES for w in name_words):
            continue
        start = index_of(tokens, name_words)
        if start is not None and not question.is_free(start, start + len(name_words)):
            continue
        taken = () if start is None else range(start, start + len(name_words))
        return Read(" ".join(w.capitalize() for w in name.split()), frozenset(taken))
    return Read("")
