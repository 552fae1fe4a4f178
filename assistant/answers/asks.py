"""What a question asks (rasa's intent classifier): who, when, where, a list, small talk ..."""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum

from rapidfuzz.distance import DamerauLevenshtein

from assistant.answers.slots.formats import FORMAT_PATTERN, LANGUAGE_NAMES
from assistant.answers.vocabulary import COMMON_WORDS


class Ask(StrEnum):
    """What the question wants to know."""

    WHO = "who"
    WHEN = "when"
    WHERE = "where"
    CHAIR = "chair"
    AFFILIATION = "affiliation"
    FORMAT = "format"
    LEVEL = "level"  # the audience or experience level a session is marked for
    LANGUAGE = "language"
    RECORDED = "recorded"
    OBJECTIVES = "objectives"
    ABOUT = "about"
    PERSON = "person"
    LIST = "list"
    TOPIC = "topic"
    NOW = "now"
    NEXT = "next"
    GREETING = "greeting"
    HELP = "help"
    THANKS = "thanks"
    # the personal agenda, kept on the asker's device
    AGENDA_ADD = "agenda_add"  # 'add it to my agenda', 'star it'
    AGENDA_REMOVE = "agenda_remove"  # 'remove it from my agenda'
    AGENDA = "agenda"  # 'what's on my agenda tomorrow?', 'what's next on my agenda?'
    CLASHES = "clashes"  # 'do any of my sessions clash?'


# The asks about the asker's own agenda: each is the whole of what is asked.
AGENDA_ASKS = frozenset({Ask.AGENDA_ADD, Ask.AGENDA_REMOVE, Ask.AGENDA, Ask.CLASHES})


# The agenda's closed class of phrases: the nouns a delegate calls it by and the verbs that
# change it. Exact rules: 'star it' and 'what's on my agenda?' are said in few ways.
AGENDA_WORDS = tuple(
    "agenda calendar schedule plan planner diary favourites favorites faves bookmarks stars "
    "starred saved list my own personal off out from onto into please pls ok okay yes yeah yep "
    "cool nice perfect great good thanks go ahead lets let's both".split()
)
ADD_WORDS = tuple("add put save star bookmark favourite favorite pin keep mark note".split())
REMOVE_WORDS = tuple(
    "remove delete unstar drop take cancel unsave unbookmark unfavourite unfavorite unpin "
    "strike cross".split()
)
CLASH_WORDS = tuple(
    "clash clashes clashing overlap overlaps overlapping conflict conflicts conflicting "
    "double booked collide collides same time".split()
)
AGENDA_NOUN = (
    r"(?:agenda|calendar|schedule|plan|planner|diary|favou?rites|faves|bookmarks|stars"
    r"|starred(?: sessions| talks| list)?|saved (?:sessions|talks)|list|sessions|talks)"
)
MY_AGENDA = (
    rf"\bmy (?:own |personal )?{AGENDA_NOUN}\b|\bmy (?:next|first|last) (?:session|talk|event)\b"
)
# 'it', 'that one', 'the second one', 'this talk', 'all of them', 'both'
THING = (
    r"(?:(?:it|this|that|them|these|those|both|all(?: of)?(?: them| these| those)?)"
    r"(?: (?:one|ones|talks?|sessions?|workshops?|events?|lectures?|panels?))?"
    r"|the (?:\w+ )?(?:one|ones))"
)
POLITE = (
    r"^(?:(?:ok(?:ay)?|great|thanks|yes|yeah|yep|cool|nice|perfect|good)[,!.]* )?"
    r"(?:(?:please|pls|can you|could you|would you|will you|can i|could i|i'?d like to"
    r"|i want to|let'?s|go ahead and) )*"
)
ADD_VERB = r"(?:add|put|save|star|bookmark|favou?rite|pin|keep|mark|note(?: down)?)"
REMOVE_VERB = (
    r"(?:remove|delete|unstar|drop|unsave|unbookmark|unfavou?rite|unpin|cancel|take|strike|cross)"
)
END = r"(?: please| for me| thanks)?[\s?!.]*$"
# The verb, what it acts on, and where: 'star it', 'add it to my agenda', 'add B6 to my calendar'
TO_AGENDA = rf" (?:to|in|into|on|onto) (?:my|the) {AGENDA_NOUN}"
WHICH = r"(?: (?:on|in|at|about|by|with|from) .+?)?"  # 'the one on thursday'
AGENDA_ADD = (
    rf"{POLITE}{ADD_VERB} {THING}{WHICH}(?:{TO_AGENDA})?{END}"
    rf"|{POLITE}{ADD_VERB}{TO_AGENDA}{END}"
    rf"|{POLITE}{ADD_VERB} .+ (?:to|in|into|on|onto) my {AGENDA_NOUN}{END}"
)
AGENDA_REMOVE = (
    rf"{POLITE}(?:remove|delete|unstar|unsave|unbookmark|unfavou?rite|unpin) {THING}{WHICH}{END}"
    rf"|{POLITE}{REMOVE_VERB}(?: .+)? (?:from|off|out of) (?:my|the) {AGENDA_NOUN}{END}"
)
CLASHES = (
    r"\b(?:clash\w*|overlap\w*|conflict\w*|double[- ]?book\w*|collid\w*"
    r"|(?:on|at) the same time)\b"
)
AGENDA_READ = rf"{MY_AGENDA}|\bwhat (?:have|did) i (?:star|starred|save|saved|add|added)\b"
# What every reading of the agenda says: a question without it never reads the agenda
# (so the answer cache files only those questions under the agenda sent with them).
READS_AGENDA = re.compile(rf"\bmy\b|\bi\b.*\b(?:starred|saved|added|star|save|add)\b|{CLASHES}")


# Words that only say what is asked, when it is asked: 'learning objectives of the climate session'
# is about climate; 'machine learning' stays a topic in any other question.
ASK_WORDS = {
    Ask.OBJECTIVES: frozenset(
        "learning objectives objective outcomes goals aims takeaways".split()
    ),
    Ask.LANGUAGE: frozenset(["language", *LANGUAGE_NAMES]),
    # 'where does she work?' asks an organisation, not about work
    Ask.AFFILIATION: frozenset(
        "work works working based employer affiliated org organisation organization company"
        " university uni institution institute college school lab employer firm agency"
        " hospital affiliation country".split()
    ),
    # 'is the angular session a workshop or a normal talk?' is about angular
    Ask.FORMAT: frozenset(
        "normal regular usual ordinary standard plain proper format bring prerequisite "
        "prerequisites".split()
    ),
    # 'what level is it?' asks the level of the session just named, not about levels
    Ask.LEVEL: frozenset("level levels audience pitched aimed suitable".split()),
    Ask.WHEN: frozenset(
        "start starts starting begin begins end ends finish finishes long last lasts twice"
        " repeated repeat".split()
    ),
    # 'add the keynote to my calendar' names the keynote, not a topic 'add calendar'
    Ask.AGENDA_ADD: frozenset(AGENDA_WORDS + ADD_WORDS),
    Ask.AGENDA_REMOVE: frozenset(AGENDA_WORDS + REMOVE_WORDS),
    Ask.AGENDA: frozenset(AGENDA_WORDS),
    Ask.CLASHES: frozenset(AGENDA_WORDS + CLASH_WORDS),
}

# Small talk: each is the whole question.
GREETING = (
    r"\s*(hi|hello|hey|hiya|good (morning|afternoon|evening)|greetings)\b[\s!.,]*(there)?[\s!.]*"
)
THANKS = r"\s*(ok(ay)?[, ]*)?(thanks?( you)?|thank you( very much| so much)?|cheers|great|perfect|brilliant|lovely|ta)\b[\s!.,a-z]{0,20}"
HELP = (
    r"^\s*(help|\?)\s*$|\bwhat can (you|i) (do|ask)\b|\bhow does this work\b|\bwhat do you know\b"
)

# One pattern an ask, tried in the order the answers are given.
CHAIR = r"\bchair(s|ed|ing|person|man|woman)?\b|\bmoderat(e|es|ed|ing|or)\b|\bfacilitat"
AFFILIATION = (
    # 'from oversharing', 'from scratch': no place anyone is from
    r"\b(who|anyone|anybody|people|speakers?|someone|presenters?|which speakers?)\b.*\bfrom\b"
    r"(?! (\w+ing|scratch|zero|home|here|there|source)\b)"
    r"|\bwhere from\b|\bwhere (does|do|is|are) .+ (work|based|from)\b|\bwhere'?s .+ (work|based|from)\b|\b(which|what) (org|organi[sz]ation|country|company"
    r"|university|uni|institution|institute|college|school|lab|laboratory|employer|firm|agency"
    r"|hospital|trust|affiliation|hackerspace|makerspace|hacklab|fablab|club|startup|ngo|charity"
    r"|society|association|clinic|department|faculty|verein)\b|\baffiliat"
    r"|\bwho (works?|is) (at|for|with)\b|\bwork(s|ing)? (at|for)\b"
    r"|^\s*(which|any|are there( any)?) ([\w&.'\-]+ ){1,4}?(people|folks|staff|employees)\b"
)
WHEN = (
    r"\bwhen\b|\bwhat time\b|\b(what|which) (day|date)\b|\bwhat times\b|\bhow long\b"
    r"|\bstarts? at\b|\bwhat hour\b|\b(?:till|until|til) (?:what time|when)\b|\bhow late\b"
    # 'does it run twice?', 'is it repeated?': the times of a session given more than once
    r"|\b(run|runs|running|on|held|given|offered) (twice|again|more than once)\b|\brepeated\b"
    r"|\bis there a repeat\b"
)
SESSION_NOUNS = r"(?:talk|session|one|workshop|panel|presentation|lecture|keynote|thing|bit)"
WHERE = r"\bwhere\b|\b(which|what) (room|stage|hall|venue|location|stream|track|theme|building)\b|\bin which (room|stream|track)\b"
FORMAT = (
    r"\b(what|which) (kind|type|sort|format)\b|\bformat\b|\b(some|a) (kind|sort|type) of\b"
    r"|\b(is|are) (it|this|that|they) (a|an|some)\b|^\s*(is|are|will|can|does|do)\b(?!\s+there\b)(?!.*\bany\b).*(\bin[ -]person\b|\bvirtual(ly)?\b|\bonline\b|\bremote(ly)?\b|\bstreamed\b)|^\s*(is|are)\b(?!\s+there\b).*\b(a|an)\s+(?:[a-z\-]+\s+){0,2}?("
    + FORMAT_PATTERN
    + r")\b"
    # 'is it hands-on?' asks its format; 'are there any hands-on workshops?' lists them
    + r"|^(?!.*\b(are there|is there|any)\b).*\b(hands[ -]on|interactive)\b"
    # 'the canals one - panel or a talk?'
    + rf"|\b(?:{FORMAT_PATTERN})s? or (?:an? )?(?:{FORMAT_PATTERN})s?\b"
    # 'do i need to bring anything?': how it runs, and the programme's words on what to bring
    + r"|\b(need|have|got|supposed) to bring\b|\bshould i bring\b|\bwhat (do i|to) bring\b"
    + r"|\bprerequisites?\b"
)
# 'is the keynote in english?' asks a session's language; 'is there a talk in german?' lists
LANGUAGE = (
    r"\b(what|which) language\b"
    r"|^\s*(is|are|will)\b(?!\s+there\b).*\bin (english|german|french|spanish|deutsch|italian|dutch)\b"
    r"|\btranslat"
)
LEVEL = (
    r"^(?!\s*(is there|are there|any|anything|which|what (talks?|sessions?|workshops?|events?)"
    r"|show|list)\b).*(\b(what|which) (level|audience)\b|\blevel\b|\baudience\b|\bpitched\b"
    r"|\baimed at\b|\bwho is (it|this|that|the .+) (for|aimed at)\b"
    r"|\b(for|suitable for|ok for|okay for|good for|right for) (a |an )?(complete )?"
    r"(beginners?|novices?|newcomers?|newbies?|experts?|intermediates?)\b"
    r"|^\s*(is|are)\b.*\b(advanced|introductory|beginner-friendly)\b)"
)
# 'is it recorded?', 'a recording of it?'; not 'from recorded matches', 'on recording audio'
_RECORDING_ENDS = r"(?:or|and|at|for|on|in|by|too|as|so|live|later|afterwards|anywhere|online|of|available|link|please|will|is|be)"
RECORDED = rf"\brecorded\b(?!\s+(?!{_RECORDING_ENDS}\b)[a-z]{{3,}})|\brecording\b(?!\s+(?!{_RECORDING_ENDS}\b)[a-z]{{3,}})|\b(any|a|the|be) recordings\b|\brecordings (of|for|available|online|later)\b|\brecordings\s*\??\s*$|\brecord (it|this|that|them)\b|\bvideos?\b|\blive ?stream(ed)?\b|\bstreamed\b"
OBJECTIVES = r"(?<!-)\blearn\b|\bget out of\b|\bobjectives?\b|\btake ?aways?\b|\boutcomes?\b|\bwhat will (i|we)\b|\bgoals?\b|\baims?\b"
# 'who is hadley wickham?' asks about a person, not who is speaking
WHO_IS_NAME = r"^\s*who is\s+(?!speaking|presenting|talking|giving|running|doing|chairing|leading|hosting|on\b|in\b|there\b|it\b|that\b|this\b)\w+(\s+\w+)?\s*\??$"
ABOUT = (
    r"\bwhat (is|are|was) .+ (talking|speaking|presenting|lecturing) (about|on)\b|\bwhat (is|are) .+ presenting\b"
    r"|\bwhat(' ?s| is| are) (it|that|this|they|those) about\b|\btell me (more|about)\b|\bmore (about|details|info)\b"
    r"|\bdetails\b|\bdescribe\b|\babstract\b|\bsummar(y|ise|ize)\b|\bwhat(?:'s| is| are) .+ about\b|"
    + WHO_IS_NAME
)
# 'is anything still going on?': what runs now
STILL = r"\bstill (going on|on|happening|running|open)\b"
CLOCK = (
    STILL
    + r"|\b(right )?now\b|\bcurrently\b|\bat the moment\b|\bin progress\b|\bunder ?way\b|\bhappening\b(?!.*\b(on|in)\s+\w+day\b)"
)
NOW = (
    STILL
    + r"|\bnow\b|\bcurrently\b|\bat the moment\b|\bin progress\b|\bunder ?way\b|\bhappening (right )?(now|at the moment)\b|^\s*what'?s happening\s*(in \w+( \w+)?)?\s*\??$"
)
# 'the next 20 years', 'the next generation of …': a time to come, not the next session
NEXT = r"\bnext\b(?! (?:\d+|few|two|three|five|ten|twenty|couple(?: of)?) (?:years?|yrs|decades?|months?)\b)(?! (?:years?|yrs|decades?|months?|generation|gen|level|steps?)\b)|\bcoming up\b|\bup next\b|\bafter this\b|\bstarting soon\b|\bsoon\b|\blater( today| on)?\b"
WHO = r"\bwho\b|\bspeakers?\b|\bpresenters?\b|\bby whom\b|\bgiving (it|this|that)\b|\bpresenting (it|this|that)\b"
LIST = (
    r"\bwhat(' ?s| is| are)? (on|in|up|scheduled|planned|happening|running)\b|\bwhat (sessions|talks|events|else)\b"
    r"|\b(which|what) (\w+ )?(sessions|talks|events|workshops|lectures|posters|tutorials|keynotes)\b(?! (is|are) )"
    r"|\banything (in|at)\b|\bschedule\b|\bprogramme (for|on)\b|\blist\b|\bagenda\b|\bwhat can i (see|attend|go to)\b"
    r"|^\s*(everything|all (the )?(sessions|talks|events)) (in|on|at|for)\b"
)


def read_asks(q: str) -> tuple[Ask, ...]:
    """Every kind of answer the (folded) question wants, in the order they should be answered."""
    changes = _agenda_change(q)  # before small talk: 'thanks, add it to my agenda'
    if changes:
        return changes
    small_talk = _small_talk(q)
    if small_talk is not None:
        return (small_talk,)
    reading = _agenda_reading(q)
    if reading:
        return reading
    asks: list[Ask] = []
    if re.search(CHAIR, q):
        asks.append(Ask.CHAIR)
    if re.search(AFFILIATION, q):
        asks.append(Ask.AFFILIATION)
    if re.search(WHEN, q):
        asks.append(Ask.WHEN)
    # 'the talk where the signal guy explains ...': a relative 'where' asks for no place
    placeless = re.sub(rf"\b{SESSION_NOUNS} where\b", "", q)
    if re.search(WHERE, placeless) and Ask.AFFILIATION not in asks:
        asks.append(Ask.WHERE)
    # 'a session where I can learn about caffeine' looks for a topic, not for objectives
    searching = re.sub(r"\b(can|could|to|might|would) learn (more )?(about|how)\b", "", q)
    for ask, pattern in (
        (Ask.FORMAT, FORMAT),
        (Ask.LANGUAGE, LANGUAGE),
        (Ask.LEVEL, LEVEL),
        (Ask.RECORDED, RECORDED),
        (Ask.OBJECTIVES, OBJECTIVES),
    ):
        if re.search(pattern, searching if ask is Ask.OBJECTIVES else q):
            asks.append(ask)
    if re.search(ABOUT, q) and not ({Ask.OBJECTIVES, Ask.AFFILIATION} & set(asks)):
        asks.append(Ask.ABOUT)
    if re.search(CLOCK, q) and not re.search(r"\bnext\b", q) and re.search(NOW, q):
        asks.append(Ask.NOW)
    # 'is it on again later?' asks when it repeats, not what is on next
    repeats = Ask.WHEN in asks and re.search(r"\b(again|twice|repeat(ed)?)\b", q)
    if re.search(NEXT, q) and not re.search(r"\bnext (week|year|month)\b", q) and not repeats:
        asks.append(Ask.NEXT)
    if _asks_who(q, asks):
        asks.insert(0, Ask.WHO)
    if re.search(LIST, q) and not asks:
        asks.append(Ask.LIST)
    return tuple(asks)


def _agenda_change(q: str) -> tuple[Ask, ...]:
    """'Add it to my agenda', 'star it', 'remove it from my agenda': the whole of the question."""
    if re.search(AGENDA_REMOVE, q):
        return (Ask.AGENDA_REMOVE,)
    if re.search(AGENDA_ADD, q):
        return (Ask.AGENDA_ADD,)
    return ()


def _agenda_reading(q: str) -> tuple[Ask, ...]:
    """'Do any of my sessions clash?', 'what's next on my agenda?': the agenda, by the clock
    when asked what is on now or next."""
    if re.search(CLASHES, q) and re.search(r"\b(my|i|me|i'?ve|i'?m)\b", q):
        return (Ask.CLASHES,)
    if not re.search(AGENDA_READ, q):
        return ()
    if re.search(NEXT, q):
        return (Ask.AGENDA, Ask.NEXT)
    if re.search(CLOCK, q) and re.search(NOW, q):
        return (Ask.AGENDA, Ask.NOW)
    return (Ask.AGENDA,)


def reads_agenda(folded: str) -> bool:
    """Whether a (folded) question could read the asker's agenda; False means it never does."""
    return bool(READS_AGENDA.search(folded))


def _small_talk(q: str) -> Ask | None:
    """A greeting, thanks or a plea for help, which is all the question says; else None."""
    if re.fullmatch(GREETING, q):
        return Ask.GREETING
    if re.fullmatch(THANKS, q):
        return Ask.THANKS
    if re.search(HELP, q):
        return Ask.HELP
    return None


def _asks_who(q: str, asks: list[Ask]) -> bool:
    """True when the question asks who speaks, beside what the other asks already answer."""
    if not re.search(WHO, q) or {Ask.CHAIR, Ask.AFFILIATION} & set(asks):
        return False
    if Ask.LEVEL in asks and re.search(r"\bwho is .+ (for|aimed at)\b", q):
        return False  # 'who is the training aimed at?' asks for its audience, not its speakers
    return not re.search(WHO_IS_NAME, q) or Ask.ABOUT not in asks


def default_asks(topic: str, has_people: bool, *, has_filters: bool) -> tuple[Ask, ...]:
    """What a question that asks nothing in so many words wants: about a person, a list or a topic."""
    if has_people and not topic:
        return (Ask.ABOUT,)
    if has_filters and not topic:
        return (Ask.LIST,)
    return (Ask.TOPIC,)


def asked_words(asks: Iterable[Ask]) -> frozenset[str]:
    """The words that only say what these asks want ('objectives', 'starts'), not a topic."""
    return frozenset(w for ask in asks for w in ASK_WORDS.get(ask, ()))


# The closed class of words that say what is asked, and what a slip of the finger makes of
# them ('wher', 'wich', 'waht', 'tlak'): one letter off, and no word in its own right.
QUESTION_WORDS = ("where", "when", "who", "what", "which", "talk", "session", "speaking")
NOT_SLIPS = COMMON_WORDS | frozenset(
    "that then there here these those wear were whom with whit whet hat hen wen chat tall "
    "walk take tale task tick wet ho so".split()
)


def mend_question_words(folded: str) -> tuple[str, frozenset[str]]:
    """The question with misspelt question words mended, and the slips found."""
    mended, slips = [], set()
    for word in folded.split():
        bare = word.strip("?!.,;:")
        fix = ""
        if len(bare) >= 3 and bare.isalpha() and bare not in NOT_SLIPS:
            fix = next((w for w in QUESTION_WORDS if DamerauLevenshtein.distance(bare, w) == 1), "")
        if fix:
            slips.add(bare)
            word = word.replace(bare, fix)
        mended.append(word)
    return " ".join(mended), frozenset(slips)
