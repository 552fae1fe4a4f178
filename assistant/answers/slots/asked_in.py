"""The language a question is asked in, and its question words read in English; pure.

A delegate asks 'Wann spricht Linus?', 'qui donne la conférence d'ouverture ?' or '¿cuándo es
la charla sobre el agua?'. The readers know English wording; each language's phrasebook
(slots.german, slots.french, slots.spanish) rewrites the words that say what is asked, when and
where (a closed class, translated exactly) and leaves every other word as typed, so names,
rooms and topic words still match the programme's own spelling."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from assistant.answers.vocabulary import fold

ENGLISH_CODE = "en"


@dataclass(frozen=True, slots=True)
class Phrasebook:
    """One language's question words: how to tell them, and what they say in English.

    Keys are folded (accent-free, lower case); phrases are tried longest first, as listed."""

    code: str
    phrases: tuple[tuple[str, str], ...]
    words: Mapping[str, str]
    asking: frozenset[str]  # question words, which tell the language anywhere
    opening: frozenset[str]  # words that tell it where the question opens ('ist', 'hay')
    cues: frozenset[str]  # words of asking about a programme, counted when nothing else tells
    # question words that are also relative words ('les bénévoles qui observent'): read only
    # where the question opens or ends ('qui donne … ?', 'c'est quand ?')
    at_ends: Mapping[str, str] = field(default_factory=dict)
    # spellings that tell the language before folding: 'où', 'qué', '¿'
    marks: frozenset[str] = frozenset()
    # the question's own shorthand put in words first: '14h30' -> '14:30'
    rewrites: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = ()
    elisions: frozenset[str] = frozenset()  # "l'", "d'": a word's elided article, read apart


ENGLISH_ASKING = frozenset("when who whom whose where which what whats what's why how".split())
ENGLISH_OPENING = frozenset(
    "is are were will does do did can could has have any anything anyone anybody tell show "
    "list find i i'm im give".split()
)
ENGLISH_CUES = frozenset(
    "today tomorrow yesterday now tonight morning afternoon evening talk talks session sessions "
    "speaking speaker speaks room please me my you anything something else also next there "
    "happening".split()
)
# 'was the keynote recorded?', where German 'was' would be 'what'
ENGLISH_AFTER_WAS = frozenset("the it that this there he she they a an my your any".split())
JOINING = frozenset("und and oder or et ou mais alors donc y e o pero".split())
_QUOTED = re.compile(r"(?:^|(?<=\s))[\"“„«‘‚'][^\"“”„«»]+?[\"”“»’'](?=[\s?!.,;:]|$)")
_WORD = re.compile(r"[\w'’]+|[^\w\s]+|\s+")
_STRIP = "?!.,;:()¿¡«»"


def question_language(text: str, books: tuple[Phrasebook, ...], previous: str = "en") -> str:
    """The code of the language of the question's first question word (a verb only where the
    question opens), else of its most asking words; the previous reply's when nothing tells.

    The question's grammar tells its language, never its titles or names ('when is "Die Zukunft
    der Arbeit"?' is English): quoted text is left out."""
    unquoted = _QUOTED.sub(" ", text)
    plain = unquoted.lower().replace("’", "'")
    for book in books:
        if any(mark in plain for mark in book.marks):
            return book.code
    words = [w.strip(_STRIP) for w in fold(unquoted).split()]
    words = [w for w in words if w]
    for i, word in enumerate(words):
        opens = i == 0 or words[i - 1] in JOINING
        ends = i == len(words) - 1
        for book in books:
            if word in book.asking or ((opens or ends) and word in book.at_ends):
                return book.code
            if opens and word in book.opening:
                return book.code
        if word in ENGLISH_ASKING or (opens and word in ENGLISH_OPENING):
            return ENGLISH_CODE
        if opens and word == "was" and i + 1 < len(words) and words[i + 1] in ENGLISH_AFTER_WAS:
            return ENGLISH_CODE
    counts = {book.code: sum(w in book.cues for w in words) for book in books}
    counts[ENGLISH_CODE] = sum(w in ENGLISH_CUES for w in words)
    most = max(counts.values())
    leaders = [code for code, n in counts.items() if n == most]
    if most and len(leaders) == 1:
        return leaders[0]
    known = {ENGLISH_CODE, *(book.code for book in books)}
    return previous if previous in known else ENGLISH_CODE


def in_english(text: str, book: Phrasebook | None) -> str:
    """The question with the phrasebook's question, time and event words in English; other
    words (names, rooms, topics) as typed. Without a phrasebook (English) it comes back as it is."""
    if book is None:
        return text
    for pattern, replacement in book.rewrites:
        text = pattern.sub(replacement, text)
    spaced = re.sub(r"([?!.,;:]+)(?=\s|$)", r" \1", re.sub(r"([¿¡])", r"\1 ", text))
    out = " " + " ".join(spaced.split()) + " "
    folded = " " + fold(out).strip() + " "
    for phrase, english in book.phrases:  # folding keeps positions: it only drops accents
        while f" {phrase} " in folded:
            at = folded.index(f" {phrase} ")
            out = out[:at] + f" {english} " + out[at + len(phrase) + 2 :]
            folded = folded[:at] + f" {english} " + folded[at + len(phrase) + 2 :]
    tokens = _WORD.findall(out)
    spoken = [i for i, t in enumerate(tokens) if t.strip() and t.strip(_STRIP)]
    ends = {spoken[0], spoken[-1]} if spoken else set()
    if spoken:  # 'et qui ?': a joining word does not open the question
        first = 1 if fold(tokens[spoken[0]]) in JOINING and len(spoken) > 1 else 0
        ends.add(spoken[first])
    words = [_word_in_english(t, book, at_end=i in ends) for i, t in enumerate(tokens)]
    text = " ".join("".join(words).split())
    return re.sub(r" ([?!.,;:])", r"\1", text).replace("¿ ", "¿").replace("¡ ", "¡")


def _word_in_english(token: str, book: Phrasebook, *, at_end: bool) -> str:
    """One word of a question in English, when it is one the readers need."""
    folded = fold(token)
    if at_end and folded in book.at_ends:
        return book.at_ends[folded]
    if folded in book.words:
        return book.words[folded]
    head, apostrophe, rest = folded.partition("'")
    elided = head + apostrophe
    if apostrophe and elided in book.elisions and rest in book.words:
        return f"{book.words[elided]} {book.words[rest]}".strip()  # "l'atelier": 'the workshop'
    return token


def phrasebook_for(code: str, books: tuple[Phrasebook, ...]) -> Phrasebook | None:
    """The phrasebook of the language with this code; None for English, which needs none."""
    return next((book for book in books if book.code == code), None)
