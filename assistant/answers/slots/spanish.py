"""Spanish questions read in English: the closed class of question, time and event words.

'¿cuándo es la charla sobre el agua en México?'; slots.asked_in reads these words in English
and leaves every other word as typed. 'Mañana' is tomorrow alone and the morning after an
article ('por la mañana')."""

from __future__ import annotations

from assistant.answers.slots.asked_in import Phrasebook

# Phrases first (longest), then single words; keys are folded (accent-free, lower case).
PHRASES = (
    ("que hay ahora", "what's on now"),
    ("que pasa ahora", "what's on now"),
    ("ahora mismo", "now"),
    ("en este momento", "now"),
    ("a que hora", "what time"),
    ("que dia", "what day"),
    ("cuanto dura", "how long"),
    ("en que sala", "in which room"),
    ("que sala", "which room"),
    ("de donde es", "where from is"),
    ("de donde son", "where from are"),
    ("donde trabaja", "where from is"),
    ("de que organizacion", "which organisation"),
    ("de que universidad", "which university"),
    ("quien da", "who gives"),
    ("quien habla", "who is speaking"),
    ("quien presenta", "who presents"),
    ("quien modera", "who chairs"),
    ("por la manana", "in the morning"),
    ("esta manana", "this morning"),
    ("la manana", "the morning"),
    ("por la tarde", "in the afternoon"),
    ("esta tarde", "this afternoon"),
    ("por la noche", "in the evening"),
    ("esta noche", "tonight"),
    ("mesa redonda", "panel"),
    ("mesas redondas", "panels"),
    ("conferencia inaugural", "opening keynote"),
    ("en espanol", "in spanish"),
    ("en castellano", "in spanish"),
    ("en ingles", "in english"),
    ("en frances", "in french"),
    ("en aleman", "in german"),
)
WORDS = {
    "quien": "who", "quienes": "who", "cuando": "when", "donde": "where", "cual": "which",
    "cuales": "which", "que": "what", "hay": "is there", "hoy": "today", "manana": "tomorrow",
    "ayer": "yesterday", "ahora": "now", "tarde": "afternoon", "noche": "evening",
    "despues": "after", "luego": "next", "siguiente": "next", "proxima": "next",
    "proximo": "next",
    "lunes": "monday", "martes": "tuesday", "miercoles": "wednesday", "jueves": "thursday",
    "viernes": "friday", "sabado": "saturday", "domingo": "sunday",
    "charla": "talk", "charlas": "talks", "ponencia": "talk", "ponencias": "talks",
    "conferencia": "talk", "conferencias": "talks", "taller": "workshop",
    "talleres": "workshops", "ponente": "speaker", "ponentes": "speakers",
    "sala": "room", "sobre": "about", "es": "is", "son": "are", "el": "the", "la": "the",
    "los": "the", "las": "the", "un": "a", "una": "a", "de": "of", "del": "of the",
    "en": "in", "y": "and", "con": "with", "para": "for", "idioma": "language",
    "espanol": "spanish", "ingles": "english", "frances": "french", "gracias": "thanks",
    "hola": "hello", "ayuda": "help", "mas": "more",
}  # fmt: skip
ASKING = frozenset("quien quienes cuando donde cual cuales".split())
OPENING = frozenset("hay es son habla dime quiero".split())
CUES = frozenset(
    "hoy manana ahora tarde noche lunes martes miercoles jueves viernes sabado domingo charla "
    "charlas taller talleres ponente ponentes hay gracias".split()
)

SPANISH = Phrasebook(
    code="es",
    phrases=PHRASES,
    words=WORDS,
    asking=ASKING,
    opening=OPENING,
    cues=CUES,
    marks=frozenset({"¿", "¡", "qué", "cuál", "quién", "cuándo", "dónde", "mañana"}),
)
