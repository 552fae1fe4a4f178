"""Venue and logistics questions (Wi-Fi, lunch, cloakroom ...): which concept a question is
about, found by its words and by meaning, and whether it is really about the programme. Pure."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

Embed = Callable[[Sequence[str]], np.ndarray]


@dataclass(frozen=True, slots=True)
class Concept:
    """One thing about the venue or the event a delegate asks for, that no programme answers."""

    id: str
    label: str  # how an answer names it: 'Wi-Fi'
    terms: str  # a regex of the words that name it, matched on the folded question
    examples: tuple[str, ...]  # how delegates ask for it, for matching by meaning


def _concept(id: str, label: str, terms: str, *examples: str) -> Concept:
    return Concept(id, label, terms, examples)


# The vocabulary. Terms are whole words of a lower-cased question; a term that also names a
# programme topic ('wifi security', 'space') is told apart by PROGRAMME_ASK below, not here.
CONCEPTS: tuple[Concept, ...] = (
    _concept(
        "wifi", "Wi-Fi",
        r"wi-?fi|wlan|wireless (?:network|internet|access)|internet (?:access|connection)"
        r"|eduroam|network password|guest network|get online|connect to the internet"
        r"|(?:is|are) there (?:any |free )?internet|free internet|the internet free"
        r"|network (?:called|name)",
        "Is there Wi-Fi at the venue?", "How do I get online at the conference?",
        "What's the password for the wireless network?", "Can I connect my laptop to the internet here?",
    ),
    _concept(
        "food", "food and meals",
        r"lunch(?:es)?|breakfast|dinner|supper|meals?|food|snacks?|catering|catered|vegetarian|vegan"
        r"|gluten|dietary|halal|kosher|allerg(?:y|ies|ic)|canteen|restaurants?|something to eat"
        r"|eat|hungry|sandwich(?:es)?|lunch ?times?|(?:get|be|are we|is everyone) fed",
        "Is lunch included in the ticket?", "Where can I eat near the venue?",
        "Are meals provided for attendees?", "Do you cater for vegetarians and vegans?",
        "I have a food allergy, what can I eat?",
    ),
    _concept(
        "drinks", "coffee and drinks",
        r"coffee|tea|espresso|cappuccino|drinks?|drinking water|water fountains?|refreshments"
        r"|caf[eé]s?|thirsty|beverages?|club[ -]?mate|(?:is|any) (?:drinking )?water"
        r"|water (?:available|refills?|bottles?)",
        "Where can I get a coffee?", "Is there free drinking water?",
        "Are refreshments served between sessions?", "Where can I buy something to drink?",
    ),
    _concept(
        "cloakroom", "the cloakroom",
        r"cloak ?rooms?|coat ?(?:check|room)|coats?|jackets?|luggage|suitcases?|backpacks?"
        r"|lockers?|(?:leave|drop off|store|put) (?:my|our|a) (?:bags?|things|stuff)",
        "Is there a cloakroom?", "Where can I leave my coat?",
        "Can I store my suitcase somewhere during the day?", "Are there lockers for bags?",
    ),
    _concept(
        "accessibility", "accessibility",
        r"wheel ?chairs?|accessible|accessibility|step[ -]free|lifts?|elevators?|ramps?"
        r"|hearing loops?|induction loops?|sign language|disabled|disability|disabilities"
        r"|mobility|impaired",
        "Is the venue wheelchair accessible?", "Is there step-free access to the rooms?",
        "Is there a hearing loop in the halls?", "I use a wheelchair, can I get around the building?",
    ),
    _concept(
        "tickets", "tickets",
        r"tickets?|day pass(?:es)?|passes|admission|entry fee|entrance fee|how much does it cost"
        r"|how much is it|discounts?|refunds?|student price|concessions?|sold out"
        r"|buy a pass|registration fee|price of attending",
        "How much are tickets?", "Can I still buy a day pass?",
        "Is there a student discount?", "Can I get a refund if I can't come?",
    ),
    _concept(
        "childcare", "childcare",
        r"child ?care|cr[eè]che|babysit(?:ting|ter)?|baby[ -]changing|nursing room"
        r"|breast ?feeding|family room|feed (?:my|our|the) bab(?:y|ies)"
        r"|bring (?:my|our) (?:kids|children|baby|toddlers?|child|son|daughter)"
        r"|(?:kids|children)'?s? (?:corner|area|space|room)|play ?area",
        "Is there childcare at the conference?", "Can I bring my children along?",
        "Is there a room for breastfeeding?", "Where can I change my baby?",
    ),
    _concept(
        "registration", "registration",
        r"registration|register|check[ -]in|badges?|lanyards?|pick up my (?:badge|pass|ticket)"
        r"|sign[ -]in desk|welcome desk|info(?:rmation)? desk|help ?desk|help point",
        "When does registration open?", "Where do I pick up my badge?",
        "What are the opening hours of the registration desk?", "I lost my badge, what do I do?",
    ),
    _concept(
        "toilets", "the toilets",
        r"toilets?|rest ?rooms?|bathrooms?|loos?|wc|lavator(?:y|ies)|washrooms?"
        r"|gender[ -]neutral toilets?|showers?",
        "Where are the toilets?", "Are there gender-neutral bathrooms?",
    ),
    _concept(
        "travel", "getting to the venue",
        r"parking|car ?park|park (?:my|the) car|bike (?:parking|racks?)|shuttles?|taxis?"
        r"|public transport|directions|get to the venue|getting to the venue|find the venue"
        r"|where is the venue|venue'?s? address|address of the venue|nearest (?:station|stop)"
        r"|from the airport|where (?:can|do|should|could) (?:i|we) park|lock (?:my|a) bike",
        "How do I get to the venue?", "Is there parking at the venue?",
        "Which bus goes to the conference centre?", "How far is the venue from the train station?",
        "What's the address of the venue?",
    ),
    _concept(
        "accommodation", "accommodation",
        r"hotels?|accommodation|hostels?|place to stay|somewhere to stay|lodging|airbnb"
        r"|where to stay|room block|stay (?:overnight|the night)",
        "Are there hotels near the venue?", "Where should I stay during the conference?",
    ),
    _concept(
        "first_aid", "first aid",
        r"first[ -]aid|paramedics?|pharmac(?:y|ies)|medical (?:help|team|emergency)"
        r"|feel(?:ing)? (?:unwell|sick|ill)|ambulance|defibrillator",
        "Where is first aid?", "What do I do if I feel unwell at the venue?",
    ),
    _concept(
        "quiet_room", "a quiet room",
        r"quiet (?:room|space|area)|prayer (?:room|space)|multi-?faith|meditation room"
        r"|chill ?out (?:room|area)|rest area|somewhere (?:quiet|to rest)|pray",
        "Is there a quiet room?", "Is there a prayer room at the venue?",
    ),
    _concept(
        "lost_property", "lost property",
        r"lost (?:and|&) found|lost property|(?:lost|left|forgot|forgotten) my"
        r"|found (?:a|an|someone's) (?:phone|wallet|bag|key|keys|umbrella|laptop)",
        "I lost my phone, is there a lost and found?", "Where do I hand in something I found?",
    ),
    _concept(
        "smoking", "smoking",
        r"smok(?:e|ing|er|ers)|vap(?:e|ing)|cigarettes?",
        "Where can I smoke?", "Is there a smoking area?",
    ),
    _concept(
        "power", "charging",
        r"charg(?:e|ing) (?:my|a) (?:phone|laptop|device)|charging (?:points?|stations?)"
        r"|power (?:sockets?|outlets?|strips?|plugs?)|plug in my",
        "Where can I charge my phone?", "Are there power sockets in the rooms?",
    ),
    _concept(
        "certificate", "certificates",
        r"certificates? of attendance|attendance certificates?|cpd (?:points|credits|hours)"
        r"|cme (?:points|credits|hours)|invitation letter|visa"
        r"|(?:get|receive|issue|send) (?:me )?(?:a |an |my )?certificate",
        "Do I get a certificate of attendance?", "Can I get CPD points for attending?",
        "Can you send me an invitation letter for my visa?",
    ),
    _concept(
        "conduct", "the code of conduct",
        r"code of conduct|harass(?:ed|ment)|report an? (?:incident|problem)|awareness team"
        r"|feel unsafe|safer space",
        "Is there a code of conduct?", "Who do I talk to if I feel unsafe?",
    ),
    _concept(
        "photos", "photography",
        r"photo(?:s|graphy|graph|graphs)?|take pictures|filming|film the|selfies?",
        "Am I allowed to take photos?", "Can I film in the lecture halls?",
    ),
    _concept(
        "hours", "opening hours",
        r"opening hours|doors open|venue open|building open|when does the venue (?:open|close)"
        r"|what time does the venue",
        "What time do the doors open?", "When does the venue close at night?",
    ),
    _concept(
        "dress", "the dress code",
        r"dress code|what (?:should i|to) wear",
        "Is there a dress code?",
    ),
)  # fmt: skip

# Words that name a concept in an organiser's FAQ entry, where every entry is about the venue
# or the event, but that in a delegate's question could as well be a talk's subject.
ENTRY_TERMS: dict[str, str] = {
    "wifi": r"network|internet|online|wpa2?|ssid|hotspot",
    "food": r"menu|food court|food stands?|cooking|kitchen",
    "drinks": r"bar|bars|water|mate",
    "cloakroom": r"bags?|coat|storage",
    "accessibility": r"stairs|wheelchair|blind|deaf|hearing",
    "tickets": r"box office|sold out|buy|price|prices|pay",
    "childcare": r"kids|children|child|baby|babies|parents|family|families|kidspace",
    "registration": r"register|desk",
    "travel": r"bus|tram|train|station|metro|subway|underground|car|bike|airport|walk",
    "accommodation": r"stay|sleep|night",
    "first_aid": r"medical|doctor|emergency|unwell|injur(?:y|ies|ed)",
    "conduct": r"conduct|safe|safety|report",
    "photos": r"photos?|pictures?|camera|filming|recording",
}
_ENTRY_COMPILED = {id: re.compile(rf"\b(?:{terms})\b") for id, terms in ENTRY_TERMS.items()}

# A question about talks on a subject is a programme question, whatever the subject:
# 'is there a talk about wifi security?', 'anything on accessibility?', 'something for kids?'.
PROGRAMME_ASK = re.compile(
    r"\b(?:talks?|sessions?|workshops?|lectures?|presentations?|keynotes?|panels?|tutorials?"
    r"|papers?|posters?|speakers?|speaking|speaks|talking|presenting|presents|presenters?|track|stream"
    r"|anything|something|anyone|somebody|someone|events?|courses?|classes?|demos?"
    # French, German and Spanish: 'le talk sur …', 'der Vortrag über …', 'la charla sobre …'
    r"|conf[eé]rences?|ateliers?|expos[eé]s?|interventions?|vortr[aä]ge?|vortrags|charlas?"
    r"|ponencias?)\b"
    r"(?:\s+[\w'-]+){0,3}?\s+(?:about|on|regarding|covering|concerning|discussing|related to"
    r"|dealing with|for|with|by|at|sur|concernant|[uü]ber|zum|zur|sobre|acerca de)\b"
    r"|\bwhat(?:'s| is| else is) (?:on|happening|going on|scheduled)\b"
    r"|\b(?:anything|something|whats|what)\s+(?:(?:is|else)\s+)?(?:happening|going on|running)\b"
)
# 'what's on after lunch?': a concept's word after these is a time of day, not the thing.
TIME_WORDS = frozenset("after before during until till since around by over at".split())
# A question pointing back at what was just named ('where are they?') is a follow-up.
POINTS_BACK = re.compile(r"\b(?:it|its|that|this|they|them|those|these|he|she|him|her)\b")
# ... and so is one naming the programme's kinds of thing as its subject: 'is the keynote
# recorded?', 'which room is the workshop in?'.
PROGRAMME_NOUN = re.compile(
    r"\b(?:talks?|sessions?|workshops?|lectures?|presentations?|keynotes?|panels?|tutorials?"
    r"|posters?|speakers?|abstracts?|slides|recordings?|recorded|chair(?:s|ed|ing)?)\b"
)
# A concept's word naming a kind of talk is a programme topic: 'wifi security talks'.
TOPIC_OF_TALK = re.compile(
    r"^(?:\s+(?!(?:for|the|a|an|at|in|of|to|on|during|before|after|with|and|or)\b)[\w'-]+){0,2}?"
    r"\s+(?:talks?|sessions?|workshops?|lectures?|presentations?|panels?"
    r"|tutorials?|track|stream|keynotes?|papers?|posters?"
    # 'the accessibility one on thursday', 'the badge study': a session's subject too
    r"|one|ones|stud(?:y|ies))\b"
)
SEMANTIC_THRESHOLD = 0.70  # cosine of question and a concept's example (all-MiniLM-L6-v2)
SEMANTIC_MARGIN = 0.05  # a question's best concept must beat its nearest programme chunk by this
WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower case, typographic apostrophes plain, spaces single: how questions are matched."""
    return " ".join(text.replace("’", "'").lower().split())


_COMPILED = tuple((c, re.compile(rf"\b(?:{c.terms})\b")) for c in CONCEPTS)
BY_ID = {c.id: c for c in CONCEPTS}


def concepts_named(text: str) -> tuple[Concept, ...]:
    """The concepts whose words the text uses, in the order of CONCEPTS; a word that only
    names a kind of talk ('wifi security talks') does not count."""
    folded = fold(text)
    found = []
    for concept, pattern in _COMPILED:
        if any(_names_the_thing(folded, m) for m in pattern.finditer(folded)):
            found.append(concept)
    return tuple(found)


def _names_the_thing(folded: str, match: re.Match[str]) -> bool:
    """The concept's word is the thing asked for: not 'wifi security talks', not 'after lunch'."""
    before = folded[: match.start()].split()
    if before and before[-1] in TIME_WORDS:
        return False
    return not TOPIC_OF_TALK.match(folded[match.end() :])


def entry_concepts(question: str, answer: str) -> frozenset[str]:
    """The concepts an FAQ entry answers: named by its question, else by its question's or
    answer's wider words ('Is there an event network?' is Wi-Fi)."""
    for text in (question, f"{question} {answer}"):
        named = {c.id for c in concepts_named(text)}
        folded = fold(text)
        named |= {id for id, pattern in _ENTRY_COMPILED.items() if pattern.search(folded)}
        if named:
            return frozenset(named)
    return frozenset()


def asks_programme(text: str) -> bool:
    """True when a question asks for talks on a subject or about the programme's own things."""
    folded = fold(text)
    return bool(PROGRAMME_ASK.search(folded) or PROGRAMME_NOUN.search(folded))


@dataclass(frozen=True, slots=True)
class ConceptIndex:
    """The concepts' example questions as vectors, for telling concepts by meaning."""

    vectors: np.ndarray  # one row per example, unit length
    owners: tuple[str, ...]  # the concept id of each row

    @classmethod
    def build(cls, embed: Embed) -> ConceptIndex:
        """Embed every concept's examples once (a few hundred milliseconds)."""
        examples = [(c.id, e) for c in CONCEPTS for e in c.examples]
        vectors = np.asarray(embed([e for _, e in examples]), dtype=np.float32)
        return cls(vectors, tuple(i for i, _ in examples))

    def nearest(self, vector: np.ndarray) -> tuple[Concept, float]:
        """The concept whose example is nearest the question's vector, and the cosine."""
        # inner product == cosine: vectors are L2-normalised
        scores = self.vectors @ vector
        best = int(np.argmax(scores))
        return BY_ID[self.owners[best]], float(scores[best])
