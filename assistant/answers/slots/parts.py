"""Which one a question means: a part of a session ('part two') or one of a list ('the second')."""

from __future__ import annotations

import re

from assistant.answers.slots.numbers import NUMBER_WORDS, ORDINALS
from assistant.answers.slots.question import Question, Read


def read_part(question: Question) -> Read[int | None]:
    """'part two' or 'the second part': which part of a session the question is about."""
    q = question.folded
    m = (
        re.search(r"\bpart (one|two|three|four|five|six|\d)\b", q)
        or re.search(r"\b(first|second|third|fourth|fifth|1st|2nd|3rd|4th) part\b", q)
        or re.search(r"\b(first|second) half\b", q)  # 'the second half of the workshop'
    )
    if not m:
        return Read(None)
    word = m.group(1)
    number = NUMBER_WORDS.get(word) or ORDINALS.get(word) or int(word)
    taken = frozenset(i for i, t in enumerate(question.tokens) if t in ("part", "half", word))
    return Read(number if number > 0 else None, taken)


def read_ordinal(question: Question) -> int | None:
    """Which of several sessions an unread ordinal picks: 2 for 'the second one', -1 for 'the last'."""
    return next(
        (
            ORDINALS[t]
            for i, t in enumerate(question.tokens)
            if t in ORDINALS and i not in question.claimed
        ),
        None,
    )
