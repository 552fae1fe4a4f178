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
}  # fmt: skip
# Only lower case: 'RN' is a registered nurse, 'SAT' a test, 'Sun' a company.
_SHORT = re.compile(
    r"(?<![\w'’/-])("
    + "|".join(sorted(map(re.escape, SHORTHAND), key=len, reverse=True))
    + r")(?![\w'’/-])"
)
# 'an atm', 'the sun', 'a sat phone': a noun there, not shorthand
_NOUN_BEFORE = re.compile(r"\b(a|an|the|about|on the|of the)\s+$", re.IGNORECASE)


def expanded(question: str) -> str:
    """The question with its chat shorthand written out; everything else as typed."""

    def spell(match: re.Match[str]) -> str:
        if _NOUN_BEFORE.search(question[: match.start()]):
            return match.group(0)
        return SHORTHAND[match.group(0)]

    return _SHORT.sub(spell, question)
