"""Places a question names: rooms, streams, and blocks of sessions ('Teaching 2')."""

from __future__ import annotations

import re

from assistant.answers.slots.question import FILLER, Question, Read, index_of, spans, values
from assistant.answers.vocabulary import COMMON_WORDS, PLACE_WORDS, Match, Term, find_terms

# Words that name a programme's strands of sessions ('the people stream').
STREAM_WORDS = frozenset("stream streams track tracks theme themes strand strands".split())


def place_field(question: Question) -> str:
    """Which place a 'where' question wants: 'stream' when it says stream, track or theme."""
    return "stream" if re.search(r"\b(stream|track|theme)\b", question.folded) else "room"


def read_groups(question: Question, groups: tuple[Term, ...]) -> Read[tuple[str, ...]]:
    """Blocks of sessions named ('teaching 2'), or every block of a family ('the teaching sessions')."""
    matches = question.free(find_terms(question.tokens, groups))
    if matches:
        return Read(values(matches), spans(matches))
    tokens = question.tokens
    for i in range(len(tokens) - 1):  # 'Teaching 1', 'Teaching 2', ...: 'the teaching sessions'
        if tokens[i + 1] not in _FAMILY_WORDS:
            continue
        family = [g for g in groups if _of_family(g.words, tokens[: i + 1])]
        named = max((_family_name_length(g.words) for g in family), default=0)
        if family and question.is_free(i + 1 - named, i + 1):
            return Read(tuple(g.value for g in family), frozenset(range(i + 1 - named, i + 2)))
    return Read(())


# 'the teaching sessions', 'the digital stream' ('Digital 1', 'Digital 2' in a CSV's session column)
_FAMILY_WORDS = frozenset({"session", "sessions", "block", "blocks", *STREAM_WORDS})


def _family_name_length(words: tuple[str, ...]) -> int:
    """How many words name a block's family: all but its number or letter ('Patient voice 2'),
    else its first ('Teaching workshop')."""
    return len(words) - 1 if words[-1].isdigit() or len(words[-1]) == 1 else 1


def _of_family(words: tuple[str, ...], before: tuple[str, ...]) -> bool:
    """Whether the words before are the name of the block's family ('the teaching sessions':
    'Teaching 1', 'Teaching workshop'; 'the patient voice track': 'Patient voice 2')."""
    if len(words) < 2:
        return False
    named = _family_name_length(words)
    return before[-named:] == words[:named]


# 'any virtual talks?' where the programme puts them in a room called 'Online' or 'Zoom'
_ONLINE_ASKED = frozenset("virtual virtually online remote remotely zoom livestream".split())
_ONLINE_ROOM = frozenset("online virtual zoom remote livestream webinar stream streamed".split())
_POINTING = frozenset("it this that".split())


def read_rooms(question: Question, rooms: tuple[Term, ...]) -> Read[tuple[str, ...]]:
    """Rooms named; 'the chaos-west stage': the place word after a room's name belongs to it;
    'virtual talks': the rooms named as online ones ('is it online?' asks about one, not a room)."""
    matches = _meant_as_place(question, question.free(find_terms(question.tokens, rooms)))
    tokens = question.tokens
    online = [i for i, t in enumerate(tokens) if t in _ONLINE_ASKED and question.is_free(i, i + 1)]
    if not matches and online and not _POINTING & set(tokens):
        named = tuple(dict.fromkeys(r.value for r in rooms if set(r.words) & _ONLINE_ROOM))
        if named:  # '…, not in person' says the same
            at = index_of(tokens, ("not", "in", "person"))
            also = range(at, at + 3) if at is not None else ()
            return Read(named, frozenset(online) | frozenset(also))
    taken = set(spans(matches))
    for room in matches:
        if room.end < len(question.tokens) and question.tokens[room.end] in PLACE_WORDS:
            taken.add(room.end)
    return Read(values(matches), frozenset(taken))


def read_streams(question: Question, streams: tuple[Term, ...]) -> Read[tuple[str, ...]]:
    """Streams (tracks, themes) named, in full or by one word of theirs before 'track'
    ('the privacy track' is 'The crossroads of privacy' where no other stream says privacy)."""
    found = find_terms(question.tokens, streams)
    tokens = question.tokens
    for i in range(len(tokens) - 1):
        word = tokens[i]
        if tokens[i + 1] not in STREAM_WORDS or word in FILLER or word in COMMON_WORDS:
            continue
        # 'the inclusion & personal dev track': the words before it, each a stream word's start
        start = i
        while start > max(0, i - 3) and tokens[start - 1] not in FILLER:
            start -= 1
        said = [w for w in tokens[start : i + 1] if len(w) >= 3]
        having = [t for t in streams if said and all(_starts_a_word(w, t) for w in said)]
        if len({t.value for t in having}) == 1:
            found.append(Match(having[0], start, i + 2, 85.0))
    matches = _meant_as_place(question, question.free(found))
    return Read(values(matches), spans(matches))


def _starts_a_word(word: str, stream: Term) -> bool:
    """'dev' starts 'development', 'meds' (a plural) 'medication'; a word of three letters or
    more, or the whole word."""
    stem = word[:-1] if len(word) >= 4 and word.endswith("s") else word
    return any(w == word or w.startswith(word) or w.startswith(stem) for w in stream.words)


def _meant_as_place(question: Question, matches: list[Match]) -> list[Match]:
    """A stream or room named by an everyday word ('People') is meant only when the
    question says so: 'the people stream', or 'People' capitalised."""
    tokens = question.tokens
    kept = []
    for m in matches:
        word = m.term.words[0]
        everyday = len(m.term.words) == 1 and (word in COMMON_WORDS or word in FILLER)
        beside = {tokens[i] for i in (m.start - 1, m.end) if 0 <= i < len(tokens)}
        if (
            not everyday
            or beside & (PLACE_WORDS | STREAM_WORDS)
            or re.search(rf"\b{re.escape(m.term.value)}\b", question.text)
        ):
            kept.append(m)
    return kept
