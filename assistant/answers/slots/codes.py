"""Session codes a question names ('is b6 a workshop?'), as the ids of the sessions with them."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answers.slots.question import Question, Read, spans, values
from assistant.answers.vocabulary import Vocabulary, find_terms, fold
from assistant.programme import Session


def read_codes(
    question: Question, vocabulary: Vocabulary, sessions: Sequence[Session]
) -> Read[tuple[str, ...]]:
    """The ids of the sessions whose codes the question names exactly, whatever their case."""
    matches = question.free(find_terms(question.tokens, vocabulary.codes, fuzzy=False))
    codes = values(matches)
    ids = tuple(s.id for c in codes for s in sessions if s.code and fold(s.code) == fold(c))
    return Read(ids, spans(matches))
