"""German questions read in English: the closed class of question, time and event words.

A German delegate asks 'Wann spricht Linus?' or 'Was läuft gerade im Saal 1?'; slots.asked_in
reads these words in English and leaves every other word as typed."""

from __future__ import annotations

import re

from assistant.answers.slots.asked_in import Phrasebook

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
    ("wie lange dauert", "how long is"),
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
    ("gibts was", "is there anything"),
    ("gibt's was", "is there anything"),
    ("gibt es was", "is there anything"),
    ("gibts", "is there"),
    ("gibt's", "is there"),
    ("findet statt", "is on"),
    ("erzahl mir mehr", "tell me more"),
    ("erzahle mir mehr", "tell me more"),
    ("erzahlen sie mir mehr", "tell me more"),
    ("was lerne ich", "what will i learn"),
    ("was lernt man", "what will i learn"),
    ("wer moderiert", "who chairs"),
    # where someone works: read as 'where from', which asks for their organisation
    ("woher kommt", "where from is"),
    ("wo kommt", "where from is"),
    ("wo arbeitet", "where from is"),
    ("fur wen arbeitet", "where from is"),
    ("bei wem arbeitet", "where from is"),
    ("auf englisch", "in english"),
    ("auf deutsch", "in german"),
    ("auf franzosisch", "in french"),
    ("auf spanisch", "in spanish"),
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
    "woher": "where from", "an": "at", "bei": "at", "einrichtung": "institution",
    "universitat": "university", "hochschule": "university", "arbeitet": "works",
    "franzosisch": "french", "spanisch": "spanish",
    # words that only join a question ('… dazu, welche Datenbank man für seine Anwendung
    # nehmen soll'): what is left is the topic's
    "dazu": "on", "ohne": "without", "fur": "for", "man": "", "seine": "", "meine": "",
    "soll": "", "sollte": "", "nehmen": "", "kann": "",
}  # fmt: skip
# The question's grammar tells its language, never its titles or names: question words
# anywhere, verbs only where a question opens.
ASKING = frozenset(
    "wann wer wen wem wessen wo wohin woher worum woruber wovon wozu warum weshalb wieso welche "
    "welcher welches welchem welchen wie gibt gibts gibt's".split()
)
OPENING = frozenset(
    "ist sind hast habt hat haben kann kannst konnen konnt konntest konnten lauft laufen findet "
    "wird werden spricht sprechen redet halt kommt zeig zeige nenn nenne erzahl erzahle sag "
    "sage weisst wisst gibt".split()
)
# Without a question word: the words of asking about a programme (no articles, conjunctions or
# prepositions, which titles are made of).
CUES = frozenset(
    "heute morgen gestern gerade jetzt nachmittag nachmittags vormittag vormittags abend abends "
    "nachts mittag montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag vortrag "
    "vortrage vortragen referent referentin sprecher sprecherin saal horsaal raum bitte lauft "
    "kommt spricht redet halt findet statt nachstes nachste nachsten danach noch ich mir mich du "
    "dir uns etwas irgendwas irgendwelche nichts auch".split()
)
# 'deutschsprachige Vorträge': a language named as an adjective is the language asked for
_SPOKEN_IN = re.compile(
    r"\b(deutsch|englisch|französisch|franzosisch|spanisch)sprachig(?:e|en|er|es|em)?\b", re.I
)

GERMAN = Phrasebook(
    code="de",
    phrases=PHRASES,
    words=WORDS,
    asking=ASKING,
    opening=OPENING,
    cues=CUES,
    rewrites=((_SPOKEN_IN, r"in \1"),),
)
