"""Chat shorthand read as the words it stands for: 'rn', 'tmrw', 'weds', 'thurs arvo'.

Delegates type on phones. The readers know 'right now', 'tomorrow' and 'Wednesday'; this closed
class is rewritten exactly, word for word, before anything else reads the question. A word that
could be something else is left alone where it is used as a noun ('an ATM', 'the sun')."""

from __future__ import annotations

import re

SHORTHAND = {
    "rn": "right now", "atm": "at the moment", "rite now": "right now",
    "tmrw": "tomorrow", "tmr": "tomorrow", "tmrow": "tomorrow", "tomoz": "tomorrow",
    "2moro": "tomorrow", "2morrow": "tomorrow", "2mrw": "tomorrow", "tmw": "tomorrow",
    "2day": "today", "tdy": "today", "tonite": "tonight", "2nite": "tonight",
    "arvo": "afternoon", "aft": "afternoon", "avo": "afternoon",
    "mon": "monday", "tue": "tuesday", "tues": "tuesday", "wed": "wednesday",
    "weds": "wednesday", "thu": "thursday", "thur": "thursday", "thurs": "thursday",
    "fri": "friday", "sat": "saturday", "sun": "sunday",
    "pls": "please", "plz": "please", "abt": "about", "b4": "before", "w/": "with",
    "smth": "something", "sth": "something", "u": "you", "ur": "your", "whos": "who is",
    "mins": "minutes", "hrs": "hours", "nxt": "next", "n": "and",
    "r there": "are there", "r they": "are they", "r u": "are you", "r you": "are you",
    "r on": "are on", "r happening": "are happening", "r running": "are running",
    "r any": "are any", "r still": "are still", "r left": "are left",
}  # fmt: skip
# Only lower case: 'RN' is a registered nurse, 'SAT' a test, 'Sun' a company.
_SHORT = re.compile(
    r"(?<![\w'’/-])("
    + "|".join(sorted(map(re.escape, SHORTHAND), key=len, reverse=True))
    + r")(?![\w'’/-])"
)
# 'an atm', 'the sun', 'a sat phone': a noun there, not shorthand
_NOUN_BEFORE = re.compile(r"\b(a|an|the|about|on the|of the)\s+$", re.IGNORECASE)


# Day shorthand that is also a word ('sun', 'sat', 'wed', 'mon') is a day only beside day
# words: 'on sat', 'sun morning', 'is it sat?', 'sat 10am', 'fri or sat'
_ALSO_WORDS = frozenset({"sun", "sat", "wed", "mon"})
_DAY_BEFORE = re.compile(
    r"(?:^|\b(?:on|this|next|by|till|until|from|before|after|or|and|to|every|last|fri|thurs?"
    r"|tues?|weds?|friday|thursday|saturday|sunday|monday|tuesday|wednesday)|[,(])\s*$",
    re.IGNORECASE,
)
_DAY_AFTER = re.compile(
    r"\s*(?:$|[,?!.)]|\d|(?:morning|afternoon|arvo|aft|avo|evening|night|am|pm|at|or|and|"
    r"lunch(?:time)?|too)\b)",
    re.IGNORECASE,
)


def expanded(question: str) -> str:
    """The question with its chat shorthand written out; everything else as typed."""

    def spell(match: re.Match[str]) -> str:
        word = match.group(0)
        if _NOUN_BEFORE.search(question[: match.start()]):
            return word
        if word in _ALSO_WORDS and not (
            _DAY_BEFORE.search(question[: match.start()])
            or _DAY_AFTER.match(question[match.end() :])
        ):
            return word  # 'the midnight sun walk', 'we sat down'
        return SHORTHAND[word]

    return _SHORT.sub(spell, question)
