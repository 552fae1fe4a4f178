"""A question as the slot readers share it: its text, its words, and which words are read."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Generic, NamedTuple, TypeVar

from assistant.answers.vocabulary import Match, fold, words

T = TypeVar("T")

# Words that carry no topic: question words, verbs of speaking, generic event words.
FILLER = frozenset(
    """
    a about after again all also am an and any anybody anyone anything are around as at be
    everything everyone
    being by can could did do does doing else find for from get gets give gives giving going
    has have hear held hello help hey hi how i i'd id im i'm in interested into is it its it's
    just know let like list looking love me more my need next of on or other others out please
    present presented presenter presenters presenting presents run running runs say see session
    sessions show so some someone something speak speaker speakers speaking speaks talk talking
    talks tell that the their them then there there's these they this those to up want was we
    what whats what's when where which who whos who's whom why will with would you your ya
    event events program programme schedule scheduled happening happen held on going
    gave given deliver delivers delivered delivering symposium symposia leading leads led
    learn part bit thing stuff track stream room stage hall kind type sort format
    time day days today tomorrow tonight morning afternoon evening night lunch lunchtime late early
    chair chairs chairing chaired chairperson moderator moderating moderates hosts hosting
    s t doing does organisation organization affiliation company university
    presentation presentations paper papers esp etc till until til sorry apologies thanks thank
    cheers person in-person researcher researchers guy lady
    one ones he she him his her hers himself herself themselves same right onwards onward actually
    really just exactly listed forum conference congress summit symposium festival made wrote
    written created they them their it its people folks delegates attendees participants everyone recorded recording recordings video videos streamed livestream language
    ok okay done proper actual another involved walked walking sitting standing stuff things
    missed miss conf only come coming recommend recommended recommendations suggest too own
    saal raum horsaal buhne
    """.split()
)  # the last line: German words for a room, which name none ('im Saal Clarke'), like 'room'


# What delegates say before asking: 'hi! first time at the forum - ...', 'I'm new here and ...'
_PREAMBLE = re.compile(
    r"^\s*(?:(?:hi|hello|hey|hiya)\b[\s!.,]*(?:there\b[\s!.,]*)?)?"
    r"(?:(?:it'?s my |my )?first time (?:at|here|attending)\b[^-–,.!?]*[-–,.!?]+\s*"
    r"|i'?m new here\b(?: and)?[\s,.!-]*)?",
    re.IGNORECASE,
)


class Read(NamedTuple, Generic[T]):
    """What one reader found, and the positions of the words it read it from."""

    value: T
    taken: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class Question:
    """The question's text (as typed, and folded), its words, and the words already read."""

    text: str
    folded: str
    tokens: tuple[str, ...]
    claimed: frozenset[int] = frozenset()

    def is_free(self, start: int, end: int) -> bool:
        """True when no reader has read any word in [start, end)."""
        return not any(i in self.claimed for i in range(start, end))

    def free(self, matches: Iterable[Match]) -> list[Match]:
        """The matches made only of words no reader has read yet."""
        return [m for m in matches if self.is_free(m.start, m.end)]

    def claim(self, positions: Iterable[int]) -> Question:
        """This question with the words at positions read."""
        return replace(self, claimed=self.claimed | frozenset(positions))

    def read(self, found: Read[T]) -> tuple[Question, T]:
        """This question with a reader's words read, and what the reader found."""
        return self.claim(found.taken), found.value

    def mask(self) -> list[bool]:
        """Which words are read, one flag a word: a reader's own scratch copy to mark."""
        return [i in self.claimed for i in range(len(self.tokens))]


def read_question(question: str) -> Question:
    """The question with whitespace collapsed and a chatty preamble dropped ('hi! first time here - ')."""
    text = " ".join(question.split())
    asked = _PREAMBLE.sub("", text, count=1)
    if len(asked.split()) >= 2:  # a bare 'hi!' stays a greeting
        text = asked
    return Question(text, fold(text), words(text))


_SAYS_MORE = re.compile(
    r"(like|such as|e\.?g\.?|i\.?e\.?|something like|especially|specifically|particularly|"
    r"mainly|mostly|in particular|esp\.?|ideally|preferably|including|incl\.?)(?!\w)",
    re.IGNORECASE,
)


# a list of the topic's words that trails off: 'CAN bus, automotive, that kind of thing'
_TRAILS_OFF = re.compile(
    r"\b(?:that|this|the) (?:kind|sort|type) of (?:thing|stuff)s?\W*$|\betc\.?\W*$"
    r"|\b(?:and|or) (?:so on|similar|the like)\W*$|\bstuff like that\W*$",
    re.IGNORECASE,
)


def aside(question: Question) -> frozenset[int]:
    """The words after the question mark that ends the question, when no reader took any of
    them: 'any hands-on workshops? happy to bring my laptop' asks nothing of the laptop."""
    head, mark, tail = question.text.partition("?")
    if not mark or not words(tail) or len(words(head)) < 2:
        return frozenset()
    if _SAYS_MORE.match(tail.lstrip("?! ")) or _TRAILS_OFF.search(tail):
        return frozenset()  # '…?? like early warning', '…? CAN bus, that kind of thing' say more
    after = frozenset(range(len(words(head)), len(question.tokens)))
    return frozenset() if after & question.claimed else after


# Where a delegate first says where they are or why, then asks: 'at the reception rn 🍷 whats
# the first talk tmrw', 'sitting in hörsaal 1, what's this talk?'
_CLAUSE_BREAK = re.compile(r"([,;:.!?…–—]|\s-\s|[^\w\s'’-])")  # kept by split: '?' matters
_OPENERS = frozenset(
    "what whats when whens where wheres who whos which is are any anything anyone anybody "
    "does do can could how".split()
)


_STANDS_ALONE = frozenset("this first last next earliest final".split())
_THAT_DAY = re.compile(r"\b(that|the same) (day|morning|afternoon|evening)\b")
_POINTS_BACK = re.compile(
    r"\b(it|that|those|them|these)\b(?! (day|time|morning|afternoon|evening|room|slot|week)\b)"
)


@dataclass(frozen=True, slots=True)
class AskingClause:
    """The last clause that opens as a question, when it is not the first: where it starts
    (a word position), its words, and whether a question mark came before it."""

    start: int
    words: str
    asked_before: bool


def asking_clause(question: Question) -> AskingClause | None:
    """'missed it on weds, what time is it on thursday?': the clause from 'what' on."""
    count, found, seen_mark = 0, None, False
    for piece in _CLAUSE_BREAK.split(question.text):
        said = words(piece)
        if said and count and said[0] in _OPENERS:
            found = AskingClause(count, " ".join(said), seen_mark)
        seen_mark = seen_mark or piece == "?"
        count += len(said)
    if found is None or count != len(question.tokens) or count - found.start < 2:
        return None
    return found


def lead_in(question: Question) -> frozenset[int]:
    """The words before the last clause that opens as a question, when it is not the first
    and no reader took them ('just walked into the data stream room, whats this talk?': not
    'walked'; the stream stays read as the stream)."""
    clause = asking_clause(question)
    if clause is None:
        return frozenset()
    start, asking, asked_before = clause.start, clause.words, clause.asked_before
    count = len(question.tokens)
    # 'what will I learn in the causal inference workshop? is it worth it': a question before;
    # 'copilot butchers our acronyms, is there a session on fixing that?': it points back
    if asked_before or _POINTS_BACK.search(asking):
        return frozenset()
    # The asking clause must stand on its own: name a day, time, place or person a reader
    # took, or point at 'this' talk or the 'first' one. 'I'm interested in psychedelics as
    # therapy, what would you recommend?' asks of what came before it.
    tokens = question.tokens
    named = (i in question.claimed or tokens[i] in _STANDS_ALONE for i in range(start, count))
    # 'only in glasgow on the friday, what can i do that day?': the day it points back to was
    # read before it
    that_day = _THAT_DAY.search(asking) and any(i in question.claimed for i in range(start))
    if not (any(named) or that_day):
        return frozenset()
    return frozenset(i for i in range(start) if i not in question.claimed)


def spans(matches: Iterable[Match]) -> frozenset[int]:
    """The positions of every word the matches cover."""
    return frozenset(i for m in matches for i in range(m.start, m.end))


def values(matches: Iterable[Match]) -> tuple[str, ...]:
    """The programme's names the matches found, once each, in question order."""
    return tuple(dict.fromkeys(m.term.value for m in matches))


def marked(mask: Sequence[bool]) -> frozenset[int]:
    """The positions a reader's scratch mask has marked."""
    return frozenset(i for i, used in enumerate(mask) if used)


def index_of(tokens: Sequence[str], phrase: tuple[str, ...]) -> int | None:
    """Where the phrase's words first stand together in the tokens, or None."""
    n = len(phrase)
    for i in range(len(tokens) - n + 1):
        if tuple(tokens[i : i + n]) == phrase:
            return i
    return None
