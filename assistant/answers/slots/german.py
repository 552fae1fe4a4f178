"""German questions read in English: the closed class of question, time and event words.

A German delegate asks 'Wann spricht Linus?' or 'Was läuft gerade im Saal 1?'. The readers know
English wording; this module rewrites the words that say what is asked, when and where (a closed
class, translated exactly) and leaves every other word as typed, so names, rooms and topic
words still match the programme's own spelling."""

from __future__ import annotations

import re

from assistant.answers.vocabulary import fold

# Phrases first (longest), then single words; keys are folded (accent-free, lower case).
PHRASES = (
    ("was lauft gerade", "what's on now"),
    ("was lauft jetzt", "what's on now"),
    ("was ist gerade", "what's on now"),
    ("was passiert gerade", "what's on now"),
    ("was kommt als nachstes", "what's next"),
    ("was kommt danach", "what's next"),
    ("was lauft als nachstes", "what's next"),
    ("als nachstes", "next"),
    ("um wie viel uhr", "what time"),
    ("wie spat", "what time"),
    ("wie lange", "how long"),
    ("in welchem raum", "in which room"),
    ("in welchem saal", "in which room"),
    ("gibt es", "is there"),
    ("ist das", "is it"),
    ("ist es", "is it"),
    ("ist der", "is the"),
    ("gibts", "is there"),
    ("gibt's", "is there"),
    ("findet statt", "is on"),
)
WORDS = {
    "wann": "when", "wer": "who", "wo": "where", "was": "what", "welche": "which",
    "welcher": "which", "welches": "which", "welchem": "which", "welchen": "which",
    "heute": "today", "morgen": "tomorrow", "gestern": "yesterday", "jetzt": "now",
    "gerade": "now", "vormittag": "morning", "vormittags": "morning", "morgens": "morning",
    "nachmittag": "afternoon", "nachmittags": "afternoon", "abend": "evening",
    "abends": "evening", "nacht": "night", "nachts": "night", "mittag": "noon",
    "montag": "monday", "dienstag": "tuesday", "mittwoch": "wednesday",
    "donnerstag": "thursday", "freitag": "friday", "samstag": "saturday",
    "sonnabend": "saturday", "sonntag": "sunday",
    "montagnachmittag": "monday afternoon", "samstagnachmittag": "saturday afternoon",
    "sonntagnachmittag": "sunday afternoon", "samstagvormittag": "saturday morning",
    "sonntagvormittag": "sunday morning", "samstagabend": "saturday evening",
    "vortrag": "talk", "vortrage": "talks", "vortrags": "talk", "vortragen": "talks",
    "referent": "speaker", "referentin": "speaker", "sprecher": "speaker",
    "sprecherin": "speaker", "redner": "speaker", "rednerin": "speaker",
    "spricht": "speaking", "sprechen": "speaking", "redet": "speaking", "reden": "speaking",
    "halt": "gives", "vortragt": "presents", "prasentiert": "presents", "leitet": "runs",
    "moderiert": "chairs", "uber": "about", "zum": "on", "zur": "on", "zu": "on",
    "thema": "topic", "im": "in", "am": "on", "um": "at", "ist": "is", "sind": "are",
    "der": "the", "die": "the", "das": "the", "den": "the", "dem": "the", "des": "the",
    "ein": "a", "eine": "a", "einen": "a", "einem": "a", "es": "it", "etwas": "something",
    "irgendwas": "anything", "irgendwelche": "any", "und": "and", "oder": "or", "mit": "with",
    "von": "by", "auch": "also", "noch": "still", "sprache": "language", "deutsch": "german",
    "englisch": "english", "aufgezeichnet": "recorded", "aufzeichnung": "recording",
    "nachstes": "next", "nachste": "next", "nachsten": "next", "danach": "after that",
    "kommt": "comes", "lauft": "runs", "statt": "", "findet": "", "denn": "", "bitte": "please",
    "mir": "me", "ich": "i", "du": "you", "sie": "they", "wie": "how", "dort": "there",
    "da": "there", "hier": "here", "alle": "all", "hat": "has", "haben": "have",
}  # fmt: skip
# Words only a German question has: two of them (or one opening it) make it German.
GERMAN_ONLY = frozenset(
    "wann wer wo welche welcher welches welchem welchen gibt gibts vortrag vortrage spricht "
    "redet lauft gerade nachstes findet statt halt uber heute morgen nachmittag vormittag "
    "ist und der die das dem den im am zum zur".split()
)
OPENERS = frozenset("wann wer wo was welche welcher welches welchem welchen gibt gibts".split())
_WORD = re.compile(r"[\w'’]+|[^\w\s]+|\s+")


def is_german(text: str) -> bool:
    """Whether the question is asked in German."""
    folded = fold(text).split()
    opening = bool(folded) and folded[0].strip("?!.,") in OPENERS
    return opening or sum(w.strip("?!.,") in GERMAN_ONLY for w in folded) >= 2


def in_english(text: str) -> str:
    """The question with its German question, time and event words in English; other words
    (names, rooms, topics) as typed. Text that is not German comes back unchanged."""
    if not is_german(text):
        return text
    out = " " + " ".join(re.sub(r"([?!.,;:]+)", r" \1", text).split()) + " "
    folded = " " + fold(out).strip() + " "
    for phrase, english in PHRASES:  # folding keeps positions: it only drops accents
        while f" {phrase} " in folded:
            at = folded.index(f" {phrase} ")
            out = out[:at] + f" {english} " + out[at + len(phrase) + 2 :]
            folded = folded[:at] + f" {english} " + folded[at + len(phrase) + 2 :]
    words = [WORDS.get(fold(token), token) for token in _WORD.findall(out)]
    return re.sub(r" ([?!.,;:])", r"\1", " ".join("".join(words).split()))
