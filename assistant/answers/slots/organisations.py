"""Organisations and countries a question names: 'who is from canada?', 'the ABC Parents people'."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answers.slots.question import FILLER, Question, Read, index_of, spans, values
from assistant.answers.vocabulary import Term, Vocabulary, find_terms, words


@dataclass(frozen=True, slots=True)
class Affiliation:
    """The organisations and countries named, and how the question named them."""

    organisations: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    unknown: str = ""  # 'who is from acme?' when no one is from Acme
    phrase: str = ""  # the organisation or country as asked: 'hospital in denmark'


def read_affiliation(
    question: Question, vocabulary: Vocabulary, *, asked: bool
) -> Read[Affiliation]:
    """Where people are from: the phrase after 'from' when asked (who is from X?); otherwise
    only an organisation named by its full name, whose words stay in the topic."""
    if asked:
        return _asked_from(question, vocabulary)
    # 'the session with the ABC Parents people' ('a package for global fishing watch data')
    matches = question.free(find_terms(question.tokens, vocabulary.organisations, fuzzy=False))
    return Read(Affiliation(values([m for m in matches if len(m.term.words) >= 2])))


def _asked_from(question: Question, vocabulary: Vocabulary) -> Read[Affiliation]:
    """The organisation or country a 'who is from X' question names, or X as unknown."""
    phrase_words = words(_after_from(question.folded))
    countries: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    while phrase_words:
        countries = tuple(t.value for t in vocabulary.countries if _names(phrase_words, t))
        organisations = tuple(t.value for t in vocabulary.organisations if _names(phrase_words, t))
        if countries or organisations or phrase_words[-1] not in FILLER:
            break
        phrase_words = phrase_words[:-1]  # 'from aarhus university hospital presenting'
    if not phrase_words:
        return Read(Affiliation(organisations, countries))
    start = index_of(question.tokens, phrase_words)
    if not (countries or organisations) and start is not None and _said_of_a_topic(question, start):
        return Read(Affiliation())  # 'anyone mapping rock glaciers from satellite images?'
    if start is not None:
        question = question.claim(range(start, start + len(phrase_words)))
    unknown = ""
    if not countries and not organisations:
        unknown = " ".join(phrase_words)
    elif organisations:  # 'from a hospital in denmark': both must hold
        named = question.free(find_terms(question.tokens, vocabulary.countries, fuzzy=False))
        countries = values(named)
        question = question.claim(spans(named))
    phrase = " ".join(w for w in phrase_words if w not in ("a", "an", "the"))
    return Read(Affiliation(organisations, countries, unknown, phrase), question.claimed)


def _names(phrase: tuple[str, ...], term: Term) -> bool:
    """True when the phrase names the term: all its words in the term, e.g. 'duke' in 'Duke University'."""
    content = [w for w in phrase if w not in {"the", "of", "a", "an", "at", "in", "uni"}]
    if not content:
        return False
    term_words = set(term.words)
    return all(w in term_words for w in content)


# words that say where people are, not what a talk is about: 'who here works at Acme?'
_OF_PEOPLE = frozenset("here there work works working worked based employed affiliated".split())


def _said_of_a_topic(question: Question, start: int) -> bool:
    """Whether 'from X' ends a phrase about a topic ('deep learning to map rock glaciers from
    satellite images'), not about people ('anyone from Qatar'): two words of substance before it."""
    tokens = question.tokens
    substance = [
        i
        for i in range(max(0, start - 1))
        if tokens[i] not in FILLER and tokens[i] not in _OF_PEOPLE and i not in question.claimed
    ]
    return len(substance) >= 2


def _after_from(q: str) -> str:
    """The organisation or country a 'who is from X' question names."""
    m = re.search(
        r"\b(?:from|at|for|with)\s+(?:the\s+)?([a-z][\w' &.\-]*?)\s*(?:\?|$|\bon\b|\bin\b(?! the)|,)",
        q,
    )
    if not m:
        m = re.search(
            r"\b(?:which|what) (?:organi[sz]ations?|companies|universities) (?:are|is) ([\w ]+?)\s*\??$",
            q,
        )
    if not m:  # 'which posit people are presenting?'
        m = re.search(
            r"^\s*(?:which|any|are there(?: any)?) ((?:[\w&.'\-]+ ){0,3}?[\w&.'\-]+) "
            r"(?:people|folks|staff|employees)\b",
            q,
        )
    return m.group(1).strip() if m else ""
