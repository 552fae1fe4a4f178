"""German text -> an English word-by-word gloss (Ding dictionary), for the English-only model."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Container, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from assistant.programme import Session

# Debian's trans-de-en package (the Ding German-English dictionary, ~25 MB).
DING_PATH = Path("/usr/share/trans/de-en")
# How many English renderings a German word gets in a gloss, and how many the lookup keeps.
PER_WORD = 2
KEPT_TRANSLATIONS = 4
# Translations longer than this are explanations ('patient who has exhausted all ...'), not words.
MAX_TRANSLATION_WORDS = 3
# Compound parts shorter than this are too often accidental ('ei', 'an') to trust.
MIN_PART = 3

GERMAN_LANGUAGES = frozenset({"de", "deu", "ger", "german", "deutsch"})

# Function words: dropped from a gloss, and counted to tell German text from English.
GERMAN_STOP_WORDS = frozenset(
    """aber alle allem allen aller alles allerdings als also am an andere anderen anderer
    anders auch auf aus außerdem bei beide beiden beim bereits bin bis bisher bist bzw da
    dabei dadurch dafür dagegen daher damit dann daran darauf daraus darf darin darum darüber
    das dass daß davon dazu dem den denen denn dennoch der deren des deshalb dessen die dies
    diese diesem diesen dieser dieses doch dort du durch eben ebenfalls ein eine einem einen
    einer eines einige einigen einiges einmal einzelne einzelnen er es etwa etwas euch euer
    eure für gar gegen gerade gewesen gibt gleich habe haben hat hatte hatten hier hin hinter
    ich ihm ihn ihnen ihr ihre ihrem ihren ihrer im immer in indem ins ist ja je jede jedem
    jeden jeder jedes jedoch jemand jene jetzt kann kaum kein keine keinem keinen keiner
    können könnte könnten lässt man manche manchmal mal mehr mehrere mein meine meist meisten
    mich mir mit möchte möchten muss müssen musste nach nachdem neben nein nicht nichts noch
    nun nur ob obwohl oder oft ohne schon sehr sei seid sein seine seinem seinen seiner seit
    selbst sich sie sind so sodass sogar solche solchen soll sollen sollte sollten somit
    sondern sowie sowohl statt um und uns unser unsere unseren unter usw viel viele vielen
    vom von vor war wäre waren warum was weder weil weiter weitere weiteren weiterhin welche
    welchem welchen welcher welches wenig wenn wer werde werden wie wieder will wir wird wo
    wobei wohl wollen wurde würde wurden würden zu zudem zum zur zwar zwischen über""".split()
)
# Function words a German text is full of and an English one practically never has ('die',
# 'an', 'so', 'was' are English words too, so they are no evidence).
_GERMAN_MARKERS = frozenset(
    """aber auch auf aus bei beim bereits bis bist dass daß dem den der des dessen dies diese
    diesem diesen dieser dieses doch durch ein eine einem einen einer eines für gibt hat hatte
    ich ihr ihre ihren im ist jetzt kann kein keine können mit muss müssen nach nicht noch
    nur oder ohne sehr sich sie sind sowie über und uns unsere unter viele vom von vor wenn
    werden wie wieder wir wird wurde wurden zu zum zur zwischen""".split()
)
# Their English counterparts, to notice a German-labelled talk described in English.
_ENGLISH_MARKERS = frozenset(
    """the and of to is are with for from this that these which you your we our how what be
    can will about into their there it its has have been not""".split()
)
# Share of marker words above which unlabelled text is taken for German; English prose has ~0.
GERMAN_RATIO = 0.12
MIN_MARKERS = 3

# Inflection endings tried when a word is not in the dictionary as written, shortest first: the
# nearest form says most ('Geheimdiensten' is the plural 'Geheimdienste', not 'Geheimdienst').
_ENDINGS = ("n", "s", "e", "em", "en", "er", "es", "ern")
# Linking elements between compound parts: Patient-en-akte, Umwelt-s-zeichen.
_LINKS = ("es", "en", "er", "s", "n", "e")

# {f}, [ugs.], (zu etw.), <>, /dt./ ... never across a sub-entry, side or line boundary
_ANNOTATION = re.compile(
    r"\{[^}|:\n]*\}|\[[^]|:\n]*\]|\([^)|:\n]*\)|<[^>|:\n]*>|(?<!\S)/[^/\s|:][^/|:\n]*/(?!\S)"
)
# 'er/sie geht' :: 'he/she goes', 'to go': the pronouns and 'to' are not the word
# ... and whose: 'jds. Alter' is the entry for a person's age ('sb.’s age')
_GERMAN_PRONOUNS = re.compile(
    r"^(?:(?:ich|du|er|sie|es|wir|ihr)(?:/(?:ich|du|er|sie|es|wir|ihr))*|jds\.|jdm\.|jdn\.)\s+"
)
_ENGLISH_PRONOUNS = re.compile(
    r"^(?:(?:to|I|you|he|she|it|we|they)(?:/(?:I|you|he|she|it|we|they))*|sb\.[’']s|sb\.)\s+"
)
# Entries marked as slang, colloquial, regional or dated come after every plain sense: a
# programme is written plainly ('Alter' is 'age', not 'old man' or 'bro').
_REGISTER = re.compile(
    r"\[(?:ugs\.|slang|vulg\.|pej\.|Jugendsprache|veraltet|veraltend|altertümlich|selten|"
    r"Norddt\.|Süddt\.|Mittelwestdt\.|Ostdt\.|Westdt\.|Bayr\.|Schw\.|Ös\.|humor\.)\]"
)
_COLLOQUIAL = "\x01"  # what such a mark is read as, until its line is read
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_CAMEL = re.compile(r"(?<=[a-zäöüß])(?=[A-ZÄÖÜ])")


@dataclass(frozen=True, slots=True)
class Glossary:
    """A German word (lower case) -> its English renderings, most common sense first."""

    entries: Mapping[str, tuple[str, ...]] = field(repr=False)
    source: str = ""  # what the manifest records, e.g. '/usr/share/trans/de-en devel 2023-01-30'


def parse_ding(text: str, wanted: Container[str] | None = None) -> dict[str, tuple[str, ...]]:
    """The single-word entries of a Ding dictionary ('Akte {f} | Akten {pl} :: file | files'),
    of the wanted words only when given (lookup_keys: all a gloss of some text looks up).

    A word's renderings interleave its senses (first rendering of each line, then the
    second ...), head words before inflected forms, so 'Bahn' gives 'pathway', 'rail'."""
    senses: dict[str, list[Sense]] = {}
    # one pass over the whole file each: far faster than per line
    text = _ANNOTATION.sub(" ", _REGISTER.sub(_COLLOQUIAL, text))
    for line in text.splitlines():
        if line.startswith("#") or " :: " not in line:
            continue
        german, english = line.split(" :: ", 1)
        english = english.replace(_COLLOQUIAL, " ")
        german_parts = german.split(" | ")
        english_parts = english.split(" | ")
        if len(german_parts) != len(english_parts):
            german_parts, english_parts = german_parts[:1], english_parts[:1]
        for position, (de, en) in enumerate(zip(german_parts, english_parts, strict=True)):
            colloquial = _COLLOQUIAL in de
            words = _german_words(de.replace(_COLLOQUIAL, " "))
            if wanted is not None:
                words = [(rank, word) for rank, word in words if word in wanted]
            if not words:  # only phrases ('etw. zu den Akten legen'): no word to look up by
                continue
            renderings = _renderings(en)
            if not renderings:
                continue
            for rank, word in words:
                tier = 0 if position == 0 and rank == 0 else 1 if position == 0 else 2
                senses.setdefault(word, []).append(Sense(tier, colloquial, renderings))
    return {
        word: found[0].renderings[:KEPT_TRANSLATIONS] if len(found) == 1 else _interleave(found)
        for word, found in senses.items()
    }


def _german_words(side: str) -> list[tuple[int, str]]:
    """(position, lower-case word) of the one-word alternatives of a German sub-entry."""
    words = []
    for rank, item in enumerate(side.split(";")):
        item = item.strip()
        if " " in item:
            item = _GERMAN_PRONOUNS.sub("", item)  # 'er/sie geht' -> 'geht'
            if " " in item:
                continue
        item = item.strip(".,!?\"'")
        if item:
            words.append((rank, item.lower()))
    return words


def _renderings(side: str) -> tuple[str, ...]:
    """English alternatives short enough to be a translation rather than an explanation."""
    kept = []
    for item in side.split(";"):
        item = _ENGLISH_PRONOUNS.sub("", " ".join(item.split())).strip(".,!?\"'")
        if item and len(item.split()) <= MAX_TRANSLATION_WORDS and "..." not in item:
            kept.append(item)
    return tuple(kept)


class Sense(NamedTuple):
    """One dictionary line's renderings of a word, and what orders it among the word's others:
    the line's head word first, its synonyms next, inflected forms ('Akten {pl}') last, and
    slang or dated usage after all plain senses."""

    tier: int  # 0 head word, 1 synonym, 2 inflected form
    colloquial: bool
    renderings: tuple[str, ...]


def _interleave(found: list[Sense]) -> tuple[str, ...]:
    """The first rendering of each sense in order, then the second ...; a stable sort keeps
    equals in file order."""
    ordered = [s.renderings for s in sorted(found, key=lambda s: (s.colloquial, s.tier))]
    kept: list[str] = []
    for column in range(max(len(r) for r in ordered)):
        for renderings in ordered:
            if column < len(renderings) and renderings[column] not in kept:
                kept.append(renderings[column])
                if len(kept) == KEPT_TRANSLATIONS:
                    return tuple(kept)
    return tuple(kept)


def ding_version(text: str) -> str:
    """The version a Ding file's header states ('# Version :: devel 2023-01-30'), or ''."""
    for line in text.splitlines()[:20]:
        if line.startswith("# Version ::"):
            return line.split("::", 1)[1].strip()
    return ""


def lookup_keys(texts: Iterable[str]) -> set[str]:
    """Every word gloss() can look up in glossing these texts: each content word and every
    piece of it (pieces of compounds and hyphenated words, stems without an ending)."""
    words = {word for text in texts for word in content_words(text)}
    keys: set[str] = set()
    for word in words:
        size = len(word)
        keys.update(word[i:j] for i in range(size) for j in range(i + 1, size + 1))
    return keys


def gloss(text: str, entries: Mapping[str, tuple[str, ...]], per_word: int = PER_WORD) -> str:
    """An English word-by-word gloss of German text: content words only, each rendered once.

    Compounds the dictionary lacks are split into words it has (Patientenakte -> patient
    file); words it does not know at all (names, English terms, acronyms) pass through."""
    out: list[str] = []
    seen_renderings: set[str] = set()
    for word in content_words(text):
        for rendering in translate(word, entries, per_word):
            if rendering.lower() not in seen_renderings:
                seen_renderings.add(rendering.lower())
                out.append(rendering)
    return " ".join(out)


def content_words(text: str) -> list[str]:
    """The lower-case words a gloss renders, each once: no German function words."""
    words = (w for w in _words(text) if w not in GERMAN_STOP_WORDS and len(w) > 1)
    return list(dict.fromkeys(words))


def _words(text: str) -> list[str]:
    """Lower-case words, CamelCase names cut where a capital follows (BahnMining: bahn, mining)."""
    return [
        piece.lower()
        for match in _WORD.finditer(text)
        for piece in _CAMEL.split(match.group())
        if piece
    ]


def translate(
    word: str, entries: Mapping[str, tuple[str, ...]], per_word: int = PER_WORD
) -> list[str]:
    """A lower-case German word's English renderings; the word itself when nothing fits."""
    found = _lookup(word, entries)
    if found is not None:
        # a loanword (Software, Patient, Computer) is its own best rendering
        return [word] if word in found else list(found[:per_word])
    if "-" in word:  # Telematik-Infrastruktur, Hard-: gloss each piece
        return [
            r for piece in word.split("-") if piece for r in translate(piece, entries, per_word)
        ]
    parts = split_compound(word, entries)
    if parts:  # each part rendered as a word of its own: 'Alters|verifikation', age verification
        return [r for part in parts for r in (_lookup(part, entries) or ())[:per_word]]
    return [word]


def _lookup(word: str, entries: Mapping[str, tuple[str, ...]]) -> tuple[str, ...] | None:
    """The word's renderings as written, or with an inflection ending taken off."""
    if word in entries:
        return entries[word]
    for ending in _ENDINGS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= MIN_PART and stem in entries:
            return entries[stem]
    return None


def split_compound(word: str, entries: Mapping[str, tuple[str, ...]]) -> list[str]:
    """A compound as dictionary words, longest first part first (patientenakte -> patienten,
    akte); [] when it cannot be split into known words of MIN_PART letters or more."""
    return list(_split(word, entries, True) or ())


def _split(
    word: str, entries: Mapping[str, tuple[str, ...]], whole_unknown: bool
) -> tuple[str, ...] | None:
    if not whole_unknown and _lookup(word, entries) is not None:
        return (word,)
    for end in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        head = word[:end]
        if head not in entries:
            continue
        rest = word[end:]
        tails = [rest] + [rest[len(link) :] for link in _LINKS if rest.startswith(link)]
        for tail in tails:
            if len(tail) >= MIN_PART:
                split = _split(tail, entries, False)
                if split:
                    return (head, *split)
    return None


def language_is_german(language: str) -> bool:
    """True for the language labels programmes use for German: de, de-DE, deu, German, Deutsch."""
    label = language.strip().lower().replace("_", "-")
    return label in GERMAN_LANGUAGES or label.startswith("de-")


def looks_german(text: str) -> bool:
    """True when enough of the text's words are German function words (der, und, ist, nicht ...)."""
    words = [w.lower() for w in _WORD.findall(text)]
    markers = sum(w in _GERMAN_MARKERS for w in words)
    return markers >= MIN_MARKERS and markers >= GERMAN_RATIO * len(words)


def looks_english(text: str) -> bool:
    """True when enough of the text's words are English function words (the, and, of, is ...)."""
    words = [w.lower() for w in _WORD.findall(text)]
    markers = sum(w in _ENGLISH_MARKERS for w in words)
    return markers >= MIN_MARKERS and markers >= GERMAN_RATIO * len(words)


def session_language(session: Session) -> str:
    """The language code a session is labelled with or, when the programme gives none, the one
    its own text is written in ('de' or 'en'); '' when that cannot be told."""
    if session.language.strip():
        return session.language
    text = "\n".join(
        [session.title, session.subtitle, session.abstract]
        + [f"{part.title}\n{part.abstract}" for part in session.parts]
    )
    if looks_german(text):
        return "de"
    return "en" if looks_english(text) else ""


def is_german(language: str, text: str) -> bool:
    """Whether a session's text is German: labelled German and not written in English (a
    German talk may well have an English abstract), or unlabelled and written in German."""
    if language.strip():
        return language_is_german(language) and not looks_english(text)
    return looks_german(text)


def glossary_source(path: Path = DING_PATH) -> str | None:
    """What names the dictionary at path (Glossary.source), read from its header alone, so a
    rebuild that glosses nothing new need not parse it; None when it is absent."""
    try:
        with Path(path).open(encoding="utf-8", errors="replace") as lines:
            head = "".join(itertools.islice(lines, 20))
    except OSError:
        return None
    return f"{path} {ding_version(head)}".strip()


def load_glossary(path: Path = DING_PATH, texts: Iterable[str] | None = None) -> Glossary | None:
    """The dictionary at path, or with texts only the entries glossing them can look up (a
    build's German sessions need a few thousand of its 290,000 words: a fraction of the memory
    and half the time); None (glossing off) when it is absent."""
    try:
        text = Path(path).read_text("utf-8", errors="replace")
    except OSError:
        return None
    wanted = lookup_keys(texts) if texts is not None else None
    return Glossary(parse_ding(text, wanted), glossary_source(path) or "")


def load_glossary_beside(
    path: Path, texts: Iterable[str], meanwhile: Callable[[], object]
) -> Glossary | None:
    """load_glossary(path, texts) in a process of its own while meanwhile() runs in this one:
    a fresh build parses the dictionary (1.7 s of Python) while the model loads (1 s, most of
    it importing torch), which two threads cannot do at once (both hold the GIL). Spawned, not
    forked: the caller may have threads (a server's, torch's)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        parsed = pool.submit(load_glossary, path, list(texts))
        meanwhile()
        return parsed.result()
