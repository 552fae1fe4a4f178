"""The organisers' FAQ: entries read from Markdown (`## Question` + answer), the entry a question
asks for, and the reply, cited as `faq:ID`; a logistics question with no entry is sent to the
information desk, never answered with sessions. Pure."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

import numpy as np

from assistant.answers.conversation import Conversation
from assistant.answers.logistics import (
    POINTS_BACK,
    PROGRAMME_ASK,
    PROGRAMME_NOUN,
    SEMANTIC_THRESHOLD,
    WORD,
    Concept,
    ConceptIndex,
    concepts_named,
    entry_concepts,
    fold,
)
from assistant.answers.reply import Citation, Reply
from assistant.sources.faq_file import FaqEntry, parse_faq

__all__ = ["INFORMATION_DESK", "Faq", "FaqEntry", "FaqMatch", "faq_citation", "parse_faq"]

INFORMATION_DESK = "The programme doesn't cover that — please ask at the information desk."
SNIPPET_CHARS = 240
MAX_ENTRIES = 2  # 'is there wifi and lunch?' gets both answers, no more
# Cosines of all-MiniLM-L6-v2 question vectors. An entry sharing the question's concept answers
# it (the nearest of several); one outside the vocabulary must ask nearly the same question.
SAME_QUESTION = 0.72
SAME_QUESTION_OF_PROGRAMME = 0.86  # a question that names the programme's own things
ASKS_WHEN_OR_WHERE = re.compile(r"\b(?:when|what time|where|which room|how long)\b")


class TextEmbedder(Protocol):
    """What matching needs of the search layer's embedder."""

    def embed(self, texts: Sequence[str], progress: bool = False) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


@dataclass(frozen=True, slots=True)
class FaqMatch:
    """The entries that answer a question; none when it is a logistics question without one."""

    entries: tuple[FaqEntry, ...]
    concept: Concept | None = None


@dataclass
class _Vectors:
    """What matching embeds once per FAQ: the concepts' examples and the entries' questions."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    concepts: ConceptIndex | None = None
    entries: np.ndarray | None = None
    entry_concepts: tuple[frozenset[str], ...] = ()


class Faq:
    """The FAQ an assistant answers from, and the text a logistics question without an entry
    gets. Immutable once made: `with_entries` gives a new one (the desk's editor)."""

    def __init__(
        self,
        entries: Sequence[FaqEntry],
        embedder: TextEmbedder,
        information_desk: str = INFORMATION_DESK,
        concepts: ConceptIndex | None = None,
    ) -> None:
        self.entries = tuple(entries)
        self.embedder = embedder
        self.information_desk = information_desk
        self._vectors = _Vectors(concepts=concepts)

    def with_entries(self, entries: Sequence[FaqEntry], information_desk: str | None = None) -> Faq:
        """The same FAQ with other entries (the concept vectors are kept, not embedded again)."""
        desk = self.information_desk if information_desk is None else information_desk
        return Faq(entries, self.embedder, desk, self._vectors.concepts)

    def _ready(self) -> _Vectors:
        """Embed the concepts' examples and the entries' questions on first use."""
        vectors = self._vectors
        with vectors.lock:
            if vectors.concepts is None:
                vectors.concepts = ConceptIndex.build(self.embedder.embed)
            if vectors.entries is None:
                questions = [e.question for e in self.entries]
                vectors.entries = np.asarray(self.embedder.embed(questions), dtype=np.float32)
                vectors.entry_concepts = tuple(
                    entry_concepts(e.question, e.answer) for e in self.entries
                )
        return vectors

    def match(self, question: str, *, names_programme: bool = False) -> FaqMatch | None:
        """The entries that answer the question; FaqMatch((), concept) for a logistics question
        without an entry; None for a programme question."""
        folded = fold(question)
        if not folded:
            return None
        vectors = self._ready()
        assert vectors.concepts is not None and vectors.entries is not None
        # The question's vector (a model run, most of a new question's cost) only when it is
        # compared with something: entries, or the concepts below (embed_query caches it).
        scores = (
            vectors.entries @ self.embedder.embed_query(question)
            if len(self.entries)
            else np.zeros(0)
        )
        if names_programme or PROGRAMME_ASK.search(folded):
            # a programme question: only an entry asking nearly the very same thing answers it
            return self._closest(scores, SAME_QUESTION_OF_PROGRAMME)
        concepts = list(concepts_named(question))
        if not concepts and not PROGRAMME_NOUN.search(folded) and not POINTS_BACK.search(folded):
            concept, score = vectors.concepts.nearest(self.embedder.embed_query(question))
            if score >= SEMANTIC_THRESHOLD:
                concepts = [concept]
        found: list[FaqEntry] = []
        for concept in concepts:
            sharing = [
                (float(scores[i]), i)
                for i, ids in enumerate(vectors.entry_concepts)
                if concept.id in ids
            ]
            if sharing and (best := self.entries[max(sharing)[1]]) not in found:
                found.append(best)
        if found:
            return FaqMatch(tuple(found[:MAX_ENTRIES]), concepts[0])
        closest = self._closest(scores, SAME_QUESTION)
        if closest is not None:
            return replace(closest, concept=concepts[0] if concepts else None)
        return FaqMatch((), concepts[0]) if concepts else None

    def _closest(self, scores: np.ndarray, threshold: float) -> FaqMatch | None:
        if not len(scores):
            return None
        best = int(np.argmax(scores))
        return FaqMatch((self.entries[best],)) if scores[best] >= threshold else None

    def reply(
        self,
        question: str,
        programme: Callable[[], Reply],
        *,
        names_programme: bool = False,
        titles: Sequence[str] = (),
        language: str = "en",
    ) -> Reply:
        """The FAQ's reply to a logistics question; programme() for any other question.

        A logistics question without an entry that asks when or where something is, which the
        programme lists as a session of its own ('Info and registration', 'Lunch'), gets the
        programme's answer when that cites such a session."""
        found = self.match(question, names_programme=names_programme)
        if found is None:
            return programme()
        # the entries are the organisers' own text; a follow-up stays in the question's language
        context = Conversation(asks=("faq",), question=question, language=language).to_json()
        if found.entries:
            return Reply(
                answer=answer_text(found.entries),
                citations=tuple(faq_citation(e) for e in found.entries),
                context=context,
            )
        concept = found.concept
        if concept and ASKS_WHEN_OR_WHERE.search(fold(question)) and listed(concept, titles):
            answered = programme()
            if not answered.abstained and listed(
                concept, [c.title for c in answered.citations[:1]]
            ):
                return answered
        return Reply(answer=self.information_desk, abstained=True, context=context)


def faq_citation(entry: FaqEntry) -> Citation:
    """An entry as a citation: session_id 'faq:ID', its question as the title, its anchor."""
    return Citation(
        session_id=f"faq:{entry.id}",
        title=entry.question,
        url=entry.url,
        snippet=" ".join(entry.answer.split())[:SNIPPET_CHARS],
    )


def named_in_full(question: str, names: Iterable[str]) -> bool:
    """True when the question spells out one of these people's whole names: 'congress' alone
    does not name 'cyber~Congress', nor 'Kriesel' alone 'David Kriesel'."""
    return spells_out(question, (spelt_words(name) for name in names))


def spelt_words(name: str) -> frozenset[str]:
    """A name's words as a question spells them (folded): what spells_out compares."""
    return frozenset(WORD.findall(fold(name)))


def spells_out(question: str, names: Iterable[frozenset[str]]) -> bool:
    """True when the question holds every word of one of these names (spelt_words of each)."""
    asked = set(WORD.findall(fold(question)))
    return any(spelt and asked.issuperset(spelt) for spelt in names)


def answer_text(entries: Sequence[FaqEntry]) -> str:
    """One entry's answer as written; several, each after its question."""
    if len(entries) == 1:
        return entries[0].answer
    return "\n\n".join(f"{e.question}\n{e.answer}" for e in entries)


def listed(concept: Concept, titles: Iterable[str]) -> bool:
    """True when a short session title is the concept itself: 'Lunch', 'Info and registration'."""
    pattern = re.compile(rf"\b(?:{concept.terms})\b")
    return any(len(title.split()) <= 4 and pattern.search(fold(title)) for title in titles)
