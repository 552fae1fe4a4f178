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
    # 'Wann ist der zweite?': an ordinal takes its article before 'ist der' can
    ("den ersten", "the first one"),
    ("der erste", "the first one"),
    ("der zweite", "the second one"),
    ("den zweiten", "the second one"),
    ("der letzte", "the last one"),
    ("den letzten", "the last one"),
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
    ("in welchem horsaal", "in which room"),
    ("in welcher halle", "in which room"),
    ("auf welcher buhne", "on which stage"),
    ("gibt es", "is there"),
    ("ist das", "is it"),
    ("ist es", "is it"),
    ("ist der", "is the"),
    ("gibts", "is there"),
    ("gibt's", "is there"),
    ("findet statt", "is on"),
    ("erzahl mir mehr", "tell me more"),
    ("erzahle mir mehr", "tell me more"),
    ("erzahlen sie mir mehr", "tell me more"),
    ("was lerne ich", "what will i learn"),
    ("was lernt man", "what will i learn"),
    ("wer moderiert", "who chairs"),
    ("wer spricht", "who is speaking"),
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
    "hilfe": "help", "mehr": "more", "ihren": "her", "seinen": "his",
}  # fmt: skip
# The question's grammar tells its language, never its titles or names ('when is "Die Zukunft
# der Arbeit"?' is English): question words anywhere, verbs only where a question opens.
GERMAN_ASKING = frozenset(
    "wann wer wen wem wessen wo wohin woher worum woruber wovon wozu warum weshalb wieso welche "
    "welcher welches welchem welchen wie gibt gibts gibt's".split()
)
GERMAN_OPENING = frozenset(
    "ist sind hast habt hat haben kann kannst konnen konnt konntest konnten lauft laufen findet "
    "wird werden spricht sprechen redet halt kommt zeig zeige nenn nenne erzahl erzahle sag "
    "sage weisst wisst gibt".split()
)
ENGLISH_ASKING = frozenset("when who whom whose where which what whats what's why how".split())
ENGLISH_OPENING = frozenset(
    "is are were will does do did can could has have any anything anyone anybody tell show "
    "list find i i'm im give".split()
)
# Without a question word: the words of asking about a programme (no articles, conjunctions or
# prepositions, which titles are made of).
GERMAN_CUES = frozenset(
    "heute morgen gestern gerade jetzt nachmittag nachmittags vormittag vormittags abend abends "
    "nachts mittag montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag vortrag "
    "vortrage vortragen referent referentin sprecher sprecherin saal horsaal raum bitte lauft "
    "kommt spricht redet halt findet statt nachstes nachste nachsten danach noch ich mir mich du "
    "dir uns etwas irgendwas irgendwelche nichts auch".split()
)
ENGLISH_CUES = frozenset(
    "today tomorrow yesterday now tonight morning afternoon evening talk talks session sessions "
    "speaking speaker speaks room please me my you anything something else also next there "
    "happening".split()
)
ENGLISH_AFTER_WAS = frozenset("the it that this there he she they a an my your any".split())
LANGUAGES = ("en", "de")
_QUOTED = re.compile(r"(?:^|(?<=\s))[\"“„«‘‚'][^\"“”„«»]+?[\"”“»’'](?=[\s?!.,;:]|$)")
_WORD = re.compile(r"[\w'’]+|[^\w\s]+|\s+")


def question_language(text: str, previous: str = "en") -> str:
    """'de' or 'en': the language of the question's first question word (a verb only where the
    question opens), else of its asking words; the previous reply's when nothing tells."""
    words = [w.strip("?!.,;:()") for w in fold(_QUOTED.sub(" ", text)).split()]
    for i, word in enumerate(words):
        opens = i == 0 or words[i - 1] in ("und", "and", "oder", "or")
        if word in GERMAN_ASKING or (opens and word in GERMAN_OPENING):
            return "de"
        if word in ENGLISH_ASKING or (opens and word in ENGLISH_OPENING):
            return "en"
        if opens and word == "was" and i + 1 < len(words) and words[i + 1] in ENGLISH_AFTER_WAS:
            return "en"  # 'was the keynote recorded?', where German 'was' would be 'what'
    german = sum(w in GERMAN_CUES for w in words)
    english = sum(w in ENGLISH_CUES for w in words)
    if german != english:
        return "de" if german > english else "en"
    return previous if previous in LANGUAGES else "en"


def is_german(text: str) -> bool:
    """Whether the question is asked in German."""
    return question_language(text) == "de"


# 'deutschsprachige Vorträge': a language named as an adjective is the language asked for
_SPOKEN_IN = re.compile(r"\b(deutsch|englisch|franzosisch|spanisch)sprachig(?:e|en|er|es|em)?\b")
SPOKEN = {
    "deutsch": "german",
    "englisch": "english",
    "franzosisch": "french",
    "spanisch": "spanish",
}


def in_english(text: str, language: str = "") -> str:
    """The question with its German question, time and event words in English; other words
    (names, rooms, topics) as typed. Text not asked in German (`language`, else as read) comes
    back unchanged."""
    if (language or question_language(text)) != "de":
        return text
    out = " " + " ".join(re.sub(r"([?!.,;:]+)", r" \1", text).split()) + " "
    folded = " " + fold(out).strip() + " "
    for phrase, english in PHRASES:  # folding keeps positions: it only drops accents
        while f" {phrase} " in folded:
            at = folded.index(f" {phrase} ")
            out = out[:at] + f" {english} " + out[at + len(phrase) + 2 :]
            folded = folded[:at] + f" {english} " + folded[at + len(phrase) + 2 :]
    words = [_word_in_english(token) for token in _WORD.findall(out)]
    return re.sub(r" ([?!.,;:])", r"\1", " ".join("".join(words).split()))


def _word_in_english(token: str) -> str:
    """One word of a German question in English, when it is one the readers need."""
    folded = fold(token)
    spoken = _SPOKEN_IN.fullmatch(folded)
    if spoken:
        return f"in {SPOKEN[spoken.group(1)]}"
    return WORDS.get(folded, token)
