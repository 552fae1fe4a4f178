"""What a question sets aside: 'anything on right now apart from lunch?' asks of the rest."""

from __future__ import annotations

import re

from assistant.answers.vocabulary import words

# 'apart from lunch', 'except the keynote', 'other than posters': up to the end of the clause
_EXCEPT = re.compile(
    r"\b(?:apart from|aside from|except(?: for)?|besides|other than|excluding|not counting)\s+"
    r"(?P<what>[^?!.,;:]+)",
    re.IGNORECASE,
)
# words that name nothing set aside ('besides that, …'); not FILLER, which holds 'lunch'
_NAME_NOTHING = frozenset("the a an all any that this those these it them of one ones".split())
# more words than this are a clause of their own, not a thing set aside
_MOST_WORDS = 4


def set_aside(question: str) -> tuple[str, tuple[str, ...]]:
    """The question without what it sets aside, and the words that name it; the question as
    it is, and (), when it sets nothing aside ('besides that, is there …' names nothing)."""
    found = _EXCEPT.search(question)
    if found is None:
        return question, ()
    named = tuple(w for w in words(found["what"]) if w not in _NAME_NOTHING)
    if not named or len(named) > _MOST_WORDS:
        return question, ()
    return f"{question[: found.start()]}{question[found.end() :]}", named
