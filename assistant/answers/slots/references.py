"""Words that point at other sessions: back at the conversation ('it', 'after that', 'anything
else', 'what about ...') or at a session the question names ('after the opening ceremony')."""

from __future__ import annotations

import re

from assistant.answers.slots.question import FILLER, Question, Read, index_of
from assistant.answers.vocabulary import words


def refers_back(question: Question) -> bool:
    """True when the question points back with a pronoun: 'is it recorded?', 'where is that?'."""
    return bool(
        re.search(
            r"\b(it|that|this|they|them|there|those|these|its|their|he|she|her|his)\b",
            question.folded,
        )
    )


def after_previous(question: Question) -> bool:
    """True for 'and after that?': what follows the sessions just named."""
    return bool(
        re.search(
            r"\b(after|following) (that|this|it|those|them|these)\b"
            r"(?! (time|day|date|hour))",
            question.folded,
        )
    )


def excludes_previous(question: Question) -> bool:
    """True for 'anything else?', 'another one': sessions other than those just named."""
    return bool(re.search(r"\b(else|other|others|another)\b", question.folded))


def what_about(question: Question) -> bool:
    """True for 'and what about ...?': the previous question asked again of something else."""
    return bool(re.match(r"^\s*(and\s+)?(what|how)\s+about\b", question.folded))


def read_after_session(question: Question) -> Read[str]:
    """The session a listing question asks what follows ('what's on after the opening
    ceremony?', 'the first session after breakfast'), as words not read as anything else; ''
    for 'after 2pm' or 'after lunch' (a time of day) and 'after that' (the previous answer)."""
    m = re.search(
        r"\bafter (?:the )?(?!(?:that|this|it|those|them|these|lunch)\b)"
        r"([a-z][\w'’\-]*(?: (?!(?:about|on|in|with|for|and|or|by|at|to)\b)[\w'’\-]+){0,6})",
        question.folded,
    )
    if not m:
        return Read("")
    phrase = words(m.group(1))
    tokens = question.tokens
    start = index_of(tokens, phrase)
    if start is None:
        return Read("")
    named = [
        i
        for i in range(start, start + len(phrase))
        if i not in question.claimed and tokens[i] not in FILLER
    ]
    return Read(" ".join(tokens[i] for i in named), frozenset(named))
