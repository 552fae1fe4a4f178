"""The languages besides English that questions are read in: German, French and Spanish."""

from __future__ import annotations

from assistant.answers.slots import asked_in
from assistant.answers.slots.asked_in import Phrasebook
from assistant.answers.slots.french import FRENCH
from assistant.answers.slots.german import GERMAN
from assistant.answers.slots.spanish import SPANISH

PHRASEBOOKS: tuple[Phrasebook, ...] = (GERMAN, FRENCH, SPANISH)


def question_language(text: str, previous: str = "en") -> str:
    """The code of the language the question is asked in ('de', 'fr', 'es', 'en'); the
    previous reply's when nothing in it tells."""
    return asked_in.question_language(text, PHRASEBOOKS, previous)


def in_english(text: str, language: str = "") -> str:
    """The question with its question, time and event words in English, read in `language`
    (else the one its words tell); names, rooms and topics as typed."""
    code = language or question_language(text)
    return asked_in.in_english(text, asked_in.phrasebook_for(code, PHRASEBOOKS))


def is_german(text: str) -> bool:
    """Whether the question is asked in German."""
    return question_language(text) == GERMAN.code


def question_words() -> frozenset[str]:
    """Every word the phrasebooks read, and the English they read it as."""
    found: set[str] = set()
    for book in PHRASEBOOKS:
        found |= book.asking | book.opening | book.cues | set(book.words) | set(book.at_ends)
        for english in (*book.words.values(), *book.at_ends.values()):
            found.update(english.split())
    return frozenset(found)
