"""'Did you mean …?': the words of a question that no dictionary the assistant has knows, mended
to the programme's own nearest words; an index built once per programme. Pure.

The dictionaries: the programme's own words (titles, abstracts, names, rooms, tracks, formats),
the question words the readers know (English and German), and the English words of the model's
vocabulary, so a correct word the programme never uses ('gardening') is left alone. Only the
programme's words and the question words are offered as mendings; a word is mended when one
of them is within a small edit distance (a swap of two letters counts one: 'tlak' is 'talk')."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from assistant.answers.fuzzy_index import FuzzyIndex
from assistant.answers.slots.asked_in import ENGLISH_ASKING, ENGLISH_CUES, ENGLISH_OPENING
from assistant.answers.slots.german import ASKING as GERMAN_ASKING
from assistant.answers.slots.german import CUES as GERMAN_CUES
from assistant.answers.slots.german import OPENING as GERMAN_OPENING
from assistant.answers.slots.german import WORDS
from assistant.answers.slots.question import FILLER
from assistant.answers.vocabulary import fold
from assistant.programme import Programme

MIN_LENGTH = 4  # shorter words are too often something else one letter away
CANDIDATE_RATIO = 70  # fuzz.ratio a word must reach to be a candidate at all
_WORD = re.compile(r"\w+(?:['’]\w+)?")
_BREAK = re.compile(r"[,.;:!?()]")  # where a phrase of the question ends
# Forms of a known word that no dictionary lists: plurals and possessives, British spellings
_FORMS = (
    (re.compile(r"'?s$"), ""), (re.compile(r"es$"), ""), (re.compile(r"e?d$"), ""),
    (re.compile(r"ing$"), ""), (re.compile(r"ing$"), "e"),
    (re.compile(r"is(e|ed|es|ing|ation|ations)$"), r"iz\1"), (re.compile(r"ys(e|ed|es|ing)$"), r"yz\1"),
    (re.compile(r"our(s?)$"), r"or\1"), (re.compile(r"tre(s?)$"), r"ter\1"),
)  # fmt: skip
# The question words the readers know, which mend a question but are never offered as its topic.
QUESTION_WORDS = frozenset(
    FILLER
    | ENGLISH_ASKING
    | ENGLISH_OPENING
    | ENGLISH_CUES
    | GERMAN_ASKING
    | GERMAN_OPENING
    | GERMAN_CUES
    | set(WORDS)
    | {w for english in WORDS.values() for w in english.split()}
    | set(
        "speaking speak talk talks about where when who what which there anyone anything tell "
        "give giving workshop workshops keynote panel poster posters tutorial".split()
    )
)


@dataclass(frozen=True, slots=True)
class Mending:
    """A question's unknown words mended: its topic said again ('hacking satellites') and the
    whole question as a suggestion to ask instead."""

    topic: str
    question: str


def allowed_edits(word: str) -> int:
    """How many letters may be wrong in a word of this length."""
    return 1 if len(word) <= 5 else 2


class Speller:
    """The programme's words and the assistant's dictionaries, to mend a question's typos."""

    def __init__(self, programme_text: Iterable[str], dictionary: Collection[str] = ()) -> None:
        written: Counter[str] = Counter()
        self.pairs: set[tuple[str, str]] = set()  # words the programme writes side by side
        for text in programme_text:
            words = _WORD.findall(text)
            written.update(words)
            folded = [fold(w) for w in words]
            self.pairs.update(zip(folded, folded[1:], strict=False))
        forms: dict[str, Counter[str]] = {}
        for form, count in written.items():
            forms.setdefault(fold(form), Counter())[form] += count
        self.counts = Counter({word: sum(c.values()) for word, c in forms.items()})
        # a word as the programme writes it, where its capitals say more than a sentence's
        # start does: 'PostgreSQL', 'GDPR'
        self.surface = {word: c.most_common(1)[0][0] for word, c in forms.items()}
        # names and other proper nouns: words the programme never writes in lower case
        self.proper = frozenset(w for w, c in forms.items() if not any(f[0].islower() for f in c))
        offered = sorted(w for w in set(self.counts) | QUESTION_WORDS if len(w) >= MIN_LENGTH - 1)
        self.known = frozenset(self.counts) | QUESTION_WORDS | frozenset(dictionary)
        self.index = FuzzyIndex(offered, CANDIDATE_RATIO)

    @classmethod
    def of(cls, programme: Programme, dictionary: Collection[str] = ()) -> Speller:
        """The speller of one programme, with the given dictionary of correct words."""
        return cls(programme_text(programme), dictionary)

    def mend(self, question: str, keep: Collection[str] = ()) -> Mending | None:
        """The question with its unknown words mended, when one of them is a topic word the
        programme has; None when every word is known (or a name, a code, one of `keep`)."""
        kept = {fold(w) for phrase in keep for w in _WORD.findall(phrase)}
        found = list(_WORD.finditer(question))
        mended = [self._mended(m.group(0), i, kept) for i, m in enumerate(found)]
        said = [fold(m or t.group(0)) for m, t in zip(mended, found, strict=True)]
        for i, word in enumerate(mended):
            if word and not self._beside_its_own(fold(word), said, i):
                mended[i], said[i] = "", fold(found[i].group(0))
        if not any(m and fold(m) not in QUESTION_WORDS for m in mended):
            return None
        out, last, phrases, run = [], 0, [], ""
        for i, match in enumerate(found):
            word = mended[i] or match.group(0)
            between = question[last : match.start()]
            out.append(between + word)
            last = match.end()
            if fold(word) in QUESTION_WORDS or _BREAK.search(between):
                phrases.append(run)
                run = ""
            if fold(word) not in QUESTION_WORDS:
                run = f"{run}{between}{word}" if run else word
                run = run if not mended[i] else run + "\0"  # marks a phrase holding a mending
        phrases.append(run)
        topic = ", ".join(p.replace("\0", "") for p in phrases if "\0" in p)
        return Mending(topic, "".join(out) + question[last:])

    def _beside_its_own(self, word: str, said: list[str], i: int) -> bool:
        """A name (a word the programme only writes with a capital) is a mending only beside a
        word the programme writes next to it: 'edward snowdon', not 'bruce schneier' for a
        Schneider the programme names with someone else."""
        if word not in self.proper:
            return True
        return (i > 0 and (said[i - 1], word) in self.pairs) or (
            i + 1 < len(said) and (word, said[i + 1]) in self.pairs
        )

    def _is_known(self, word: str) -> bool:
        """A word a dictionary has, or a plural, possessive or British spelling of one."""
        return word in self.known or any(
            (form := pattern.sub(ending, word)) != word and form in self.known
            for pattern, ending in _FORMS
        )

    def _mended(self, typed: str, position: int, kept: Collection[str]) -> str:
        """The programme's (or a question's) word nearest an unknown one; '' to keep it."""
        word = fold(typed)
        if (
            len(word) < MIN_LENGTH
            or not word.isalpha()  # codes: 'HS4', '2d', 'B6'
            or self._is_known(word)
            or word in kept
            or (position > 0 and typed[0].isupper())  # a name, as typed
        ):
            return ""
        limit = allowed_edits(word)
        best: tuple[int, float, int, str] | None = None
        for ratio, index in self.index.nearest([word])[0]:
            candidate = self.index.choices[index]
            edits = OSA.distance(word, candidate, score_cutoff=limit)
            if edits <= limit:  # fewest edits, then most alike ('wher': where, not her), common
                rank = (edits, -ratio, -self.counts.get(candidate, 0), candidate)
                best = rank if best is None or rank < best else best
        if best is None:
            return ""
        written = self.surface.get(best[3], best[3])
        if written[1:] != written[1:].lower():
            return written
        return written.capitalize() if typed[0].isupper() else written.lower()


def programme_text(programme: Programme) -> Iterable[str]:
    """Every text of the programme a delegate may ask about: titles, abstracts, names, places."""
    for session in programme.sessions:
        yield from (session.title, session.subtitle, session.abstract, session.room)
        yield from (session.stream, session.group, session.format, *session.keywords)
        for part in session.parts:
            yield from (part.title, part.abstract)
    for participant in programme.people:
        person = participant.person
        yield from (person.name, person.role, person.organisation, person.country)
