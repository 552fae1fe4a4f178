"""French questions read in English: the closed class of question, time and event words.

A delegate at PyConFR or a Montréal summit asks 'qui donne la conférence d'ouverture ?' or 'des
ateliers samedi après-midi ?'; slots.asked_in reads these words in English and leaves every
other word as typed. 'Qui', 'quand' and 'où' also join clauses ('les bénévoles qui observent
les oiseaux'), so they are question words only where the question opens or ends; 'des' opens
a question as 'any' ('des ateliers samedi ?') and is 'of the' within one."""

from __future__ import annotations

import re

from assistant.answers.slots.asked_in import Phrasebook

# Phrases first (longest), then single words; keys are folded (accent-free, lower case).
PHRASES = (
    ("qu'est-ce qui se passe", "what's happening"),
    ("qu'est-ce qu'il y a", "what's on"),
    ("que se passe-t-il", "what's happening"),
    ("il se passe quoi", "what's happening"),
    ("qu'est-ce qui suit", "what's next"),
    ("quoi de prevu", "what's on"),
    ("qu'y a-t-il", "what's on"),
    ("quel est le programme", "what's on"),
    ("est-ce qu'il y a", "is there"),
    ("est-ce qu'il y aura", "is there"),
    ("y a-t-il", "is there"),
    ("y a t il", "is there"),
    ("y aura-t-il", "is there"),
    ("il y a", "there is"),
    ("est-ce que", ""),
    ("en ce moment", "now"),
    ("a l'instant", "now"),
    ("a quelle heure", "what time"),
    ("quelle heure", "what time"),
    ("quel jour", "what day"),
    ("combien de temps", "how long"),
    ("dure combien", "how long"),
    ("dans quelle salle", "in which room"),
    ("dans quel amphi", "in which room"),
    ("quelle salle", "which room"),
    ("quel amphi", "which room"),
    ("ou se trouve", "where is"),
    ("ou a lieu", "where is"),
    ("ou ont lieu", "where are"),
    ("ou se deroule", "where is"),
    ("ou se deroulent", "where are"),
    ("ou est", "where is"),
    ("ou sont", "where are"),
    ("c'est ou", "where is it"),
    ("c'est quand", "when is it"),
    ("c'est qui", "who is it"),
    # where someone works: read as 'where from', which asks for their organisation
    ("d'ou vient", "where from is"),
    ("d'ou viennent", "where from are"),
    ("ou travaille", "where from is"),
    ("ou travaillent", "where from are"),
    ("pour qui travaille", "where from is"),
    ("de quelle organisation", "which organisation"),
    ("de quelle universite", "which university"),
    ("de quelle institution", "which institution"),
    ("de quelle entreprise", "which company"),
    ("de quel pays", "which country"),
    ("qui donne", "who gives"),
    ("qui parle", "who is speaking"),
    ("qui parlent", "who is speaking"),
    ("qui presente", "who presents"),
    ("qui intervient", "who is speaking"),
    ("qui anime", "who runs"),
    ("qui modere", "who chairs"),
    ("qui preside", "who chairs"),
    ("qui dirige", "who runs"),
    ("parle de", "talks about"),
    ("parlent de", "talk about"),
    ("au sujet de", "about"),
    ("a propos de", "about"),
    ("dis-m'en plus", "tell me more"),
    ("dites-m'en plus", "tell me more"),
    ("en savoir plus", "tell me more"),
    ("parle-moi de", "tell me about"),
    ("parlez-moi de", "tell me about"),
    ("conference pleniere", "plenary"),
    ("tables rondes", "panels"),
    ("table ronde", "panel"),
    ("ce matin", "this morning"),
    ("cet apres-midi", "this afternoon"),
    ("cette apres-midi", "this afternoon"),
    ("ce soir", "tonight"),
    ("apres-midi", "afternoon"),
    ("a midi", "at lunchtime"),
    ("en francais", "in french"),
    ("en anglais", "in english"),
    ("en espagnol", "in spanish"),
    ("en allemand", "in german"),
    ("et apres", "what's next"),
    ("a partir de", "from"),
    ("quelque chose", "something"),
    ("jusqu'a", "until"),
    ("la suite", "next"),
)
WORDS = {
    "quel": "which", "quelle": "which", "quels": "which", "quelles": "which",
    "combien": "how many", "pourquoi": "why",
    "aujourd'hui": "today", "demain": "tomorrow", "hier": "yesterday",
    "maintenant": "now", "actuellement": "currently", "ensuite": "next", "apres": "after",
    "avant": "before", "vers": "around", "entre": "between", "prochain": "next", "prochaine": "next",
    "prochains": "next", "prochaines": "next",
    "matin": "morning", "matinee": "morning", "soir": "evening", "soiree": "evening",
    "midi": "lunchtime",
    "lundi": "monday", "mardi": "tuesday", "mercredi": "wednesday", "jeudi": "thursday",
    "vendredi": "friday", "samedi": "saturday", "dimanche": "sunday",
    "conference": "talk", "conferences": "talks", "expose": "talk", "exposes": "talks",
    "intervention": "talk", "interventions": "talks",
    "atelier": "workshop", "ateliers": "workshops", "affiche": "poster", "affiches": "posters",
    "pleniere": "plenary", "plenieres": "plenary",
    "intervenant": "speaker", "intervenante": "speaker", "intervenants": "speakers",
    "intervenantes": "speakers", "conferencier": "speaker", "conferenciere": "speaker",
    "conferenciers": "speakers", "orateur": "speaker", "oratrice": "speaker",
    "animateur": "chair", "animatrice": "chair", "moderateur": "moderator",
    "moderatrice": "moderator", "anime": "runs", "modere": "chairs",
    "donne": "gives", "parle": "speaking", "parlent": "speaking", "presente": "presents",
    "salle": "room", "sur": "about", "enregistre": "recorded", "enregistree": "recorded",
    "enregistrement": "recording", "langue": "language", "francais": "french",
    "anglais": "english", "espagnol": "spanish", "est": "is", "sont": "are", "aura": "will",
    "le": "the", "la": "the", "les": "the", "l'": "the", "un": "a", "une": "a", "des": "of the",
    "du": "of the", "de": "of", "d'": "of", "au": "at the", "aux": "at the", "et": "and",
    "avec": "with", "pour": "for", "dans": "in", "il": "it", "elle": "she", "ce": "this",
    "c'est": "it is", "encore": "still", "aussi": "also", "autre": "other", "autres": "other",
    "moi": "me", "je": "i", "j'": "i", "tu": "you", "vous": "you", "merci": "thanks",
    "bonjour": "hello", "salut": "hi", "aide": "help", "plus": "more",
}  # fmt: skip
# Question words that also join clauses: question words only where the question opens or ends.
AT_ENDS = {
    "qui": "who",
    "quand": "when",
    "ou": "where",
    "des": "any",
    "quoi": "what",
}
ASKING = frozenset(
    "quel quelle quels quelles combien pourquoi qu'est-ce est-ce quoi a-t-il".split()
)
OPENING = frozenset(
    "des est y-a-t-il y'a peux-tu pouvez-vous pourriez-vous donne-moi montre-moi dis-moi "
    "liste c'est il entre quelque".split()
)
CUES = frozenset(
    "aujourd'hui demain hier maintenant actuellement matin soir soiree apres-midi lundi mardi "
    "mercredi jeudi vendredi samedi dimanche conference conferences atelier ateliers intervenant "
    "intervenants salle prochain prochaine ensuite merci moi je".split()
)
# '14h', '14h30': a French clock time in the English readers' spelling
_CLOCK = re.compile(r"\b(?:à |a )?(\d{1,2})h(\d{2})?\b", re.I)


def _clock(m: re.Match[str]) -> str:
    at = "at " if m.group(0)[:1].lower() in "aà" and not m.group(0)[:1].isdigit() else ""
    return f"{at}{m.group(1)}:{m.group(2) or '00'}"


FRENCH = Phrasebook(
    code="fr",
    phrases=PHRASES,
    words=WORDS,
    asking=ASKING,
    opening=OPENING,
    cues=CUES,
    at_ends=AT_ENDS,
    marks=frozenset({"où", "qu'est-ce", "aujourd'hui", "après-midi"}),
    rewrites=((_CLOCK, _clock),),
    elisions=frozenset({"l'", "d'", "j'", "qu'", "c'", "s'", "n'"}),
)
