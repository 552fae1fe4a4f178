"""Whether a retrieved session really is about a topic, or the assistant should abstain."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Mapping
from os.path import commonprefix

from assistant.programme import Programme, Session
from assistant.search.retriever import SessionHit, tokens

PREFIX = 5

# Calibrated on the dev set (cosines of all-MiniLM-L6-v2): a topic hit is trusted when its best
# chunk is close in meaning and shares some of the question's words, or when the question's
# rare words (a package, a product, a name) all stand in the session's text. Absent topics
# peaked at 0.40 there; paraphrased present ones started at 0.44.
DENSE_SURE = 0.50
DENSE_LIKELY = 0.43
WORDS_SOME = 0.30
WORDS_ALL = 0.90
LEXICAL_STRONG = 0.80
RARE_SHARE = 0.02


def subject_text(session: Session) -> str:
    """What a session is about: titles, abstracts, objectives, keywords, its stream. Not who
    speaks or their organisations, nor its format: 'Tokyo Medical and Dental University' and
    'Oral Presentations' do not make a falls-prevention session one on dental care."""
    fields = [
        session.id,
        session.code,
        session.title,
        session.subtitle,
        *session.keywords,
        session.abstract,
        *session.objectives,
        session.stream,
        session.group,
    ]
    for part in session.parts:
        fields.extend([part.title, part.abstract, *part.objectives])
    return "\n".join(f for f in fields if f)


class Coverage:
    """How much of a question's distinctive vocabulary a session's own text contains."""

    def __init__(self, programme: Programme, glossed: Mapping[str, str] | None = None) -> None:
        # a German session's English gloss counts as its words: 'secret services' is in
        # 'Nachrichtendienste im Lichte von Krisen'
        glossed = glossed or {}
        self._words = {
            s.id: set(tokens(f"{subject_text(s)}\n{glossed.get(s.id, '')}"))
            for s in programme.sessions
        }
        # 'anonymised' finds 'anonymisation': a long word's other forms (same_stem), looked up
        # by their first five letters
        self._prefixes: dict[str, dict[str, list[str]]] = {}
        for sid, ws in self._words.items():
            by_prefix = self._prefixes.setdefault(sid, {})
            for w in ws:
                if len(w) >= PREFIX:
                    by_prefix.setdefault(w[:PREFIX], []).append(w)
        frequency: Counter[str] = Counter(w for ws in self._words.values() for w in ws)
        self._count = max(1, len(self._words))
        self._frequency = frequency
        # which sessions' titles use a word: 'hacker jeopardy' names one session by its title
        self._titled: dict[str, set[str]] = {}
        self._title_words: dict[str, frozenset[str]] = {}
        for s in programme.sessions:
            title = tokens(s.title)
            for word in (*title, *tokens(s.subtitle)):
                self._titled.setdefault(word, set()).add(s.id)
            self._title_words[s.id] = frozenset(title)
        # title words by their first three letters, for titles shortened ('meds' of 'medication')
        self._title_vocabulary: dict[str, list[str]] = {}
        for word in self._titled:
            self._title_vocabulary.setdefault(word[:3], []).append(word)

    def named_by_title(self, topic: str, within: Collection[str] | None = None) -> str | None:
        """The one session (of `within`, if given) whose title holds every word of the topic (or
        is the topic, where several hold it), when two words or more say so, or one the
        programme uses in that session alone; else None.
        Such a topic names its session without a model run: 'which room is hacker jeopardy in?'"""
        wanted = _wanted(topic)
        if not wanted:
            return None
        holding = set.intersection(*(self._titled.get(w, set()) for w in wanted))
        if within is not None:
            holding &= set(within)
        if len(holding) > 1:  # 'maternity safety' is the session of that very title
            holding = {i for i in holding if self.is_title(topic, i)}
        if len(holding) != 1:
            return None
        if len(wanted) == 1 and self._frequency.get(wanted[0], 0) != 1:
            return None
        return holding.pop()

    def is_title(self, topic: str, session_id: str) -> bool:
        """Whether the topic is the session's title, word for word ('maternity safety')."""
        return self._title_words.get(session_id) == frozenset(_wanted(topic))

    def shortened_title(self, topic: str, within: Collection[str] | None = None) -> str | None:
        """The one session (of `within`) whose title's words the topic's two words or more
        begin ('meds safety' of 'Oral session O1: Medication safety'), or None."""
        wanted = [w for w in _wanted(topic) if len(w) >= 3]
        if len(wanted) < 2:
            return None
        holding: set[str] | None = None
        for w in wanted:
            words = (t for t in self._title_vocabulary.get(w[:3], ()) if t.startswith(w))
            found = set().union(*(self._titled[t] for t in words))
            holding = found if holding is None else holding & found
            if not holding:
                return None
        if holding and within is not None:
            holding &= set(within)
        return next(iter(holding)) if holding and len(holding) == 1 else None

    def title_starts(self, topic: str, session_id: str) -> bool:
        """Whether each word of the topic starts a word of the session's title ('med safety' of
        'Medication safety'): how delegates shorten a title they see on a board."""
        wanted = [w for w in _wanted(topic) if len(w) >= 3]
        title = self._title_words.get(session_id, frozenset())
        return bool(wanted) and all(any(t.startswith(w) for t in title) for w in wanted)

    def says_title(self, topic: str, session_id: str) -> bool:
        """Whether every word of the topic stands in the session's title ('the plenary')."""
        wanted = _wanted(topic)
        return bool(wanted) and all(session_id in self._titled.get(w, ()) for w in wanted)

    def idf(self, word: str) -> float:
        """Rarer words weigh more; a word the programme never uses weighs most."""
        return math.log(1 + self._count / (1 + self._frequency.get(word, 0)))

    def sessions_using(self, word: str) -> int:
        """How many of the programme's sessions' subject texts use the (stemmed) word."""
        return self._frequency.get(word, 0)

    def has(self, word: str, session_id: str) -> bool:
        """Whether the session's subject text uses the word, or another form of a long word."""
        if word in self._words.get(session_id, set()):
            return True
        if len(word) < PREFIX:
            return False
        return any(
            same_stem(word, w) for w in self._prefixes.get(session_id, {}).get(word[:PREFIX], ())
        )

    def rare(self, topic: str) -> bool:
        """Every word of the topic names few sessions: 'bmj', 'plundervolt', a package name."""
        wanted = [w for w in dict.fromkeys(tokens(topic)) if len(w) > 2]
        limit = max(2, RARE_SHARE * self._count)
        return bool(wanted) and all(0 < self._frequency.get(w, 0) <= limit for w in wanted)

    def rarest_found(self, topic: str, session_id: str) -> float:
        """The IDF of the topic's rarest word the session uses, over that of a word the programme
        never uses: 1 for 'dpyd' in one session of many, near 0 for 'work' in most."""
        found = [self.idf(w) for w in _wanted(topic) if self.has(w, session_id)]
        return max(found, default=0.0) / math.log(1 + self._count)

    def singles_out(self, topic: str, session_id: str) -> float:
        """1 when a word of the topic stands in this session and no other, 0.5 when in it and a
        few others (rare in the programme), else 0: 'dpyd' said by one abstract names it."""
        limit = max(2, RARE_SHARE * self._count)
        best = 0.0
        for word in _wanted(topic):
            used = self._frequency.get(word, 0)
            if 0 < used <= limit and word in self._words.get(session_id, set()):
                best = max(best, 1.0 if used == 1 else 0.5)
        return best

    def unknown(self, topic: str) -> float:
        """IDF-weighted share of the topic's words the programme never uses: a question from
        another field brings words no session has."""
        wanted = _wanted(topic)
        total = sum(self.idf(w) for w in wanted)
        missing = sum(self.idf(w) for w in wanted if w not in self._frequency)
        return missing / total if total else 0.0

    def of(self, topic: str, session_id: str) -> float:
        """IDF-weighted share of the topic's words found in the session (prefix-tolerant)."""
        wanted = _wanted(topic)
        if not wanted:
            return 0.0
        total = found = 0.0
        for word in wanted:
            weight = self.idf(word)
            total += weight
            if self.has(word, session_id):
                found += weight
        return found / total if total else 0.0

    def confident(self, topic: str, hit: SessionHit) -> bool:
        """Whether a retrieved session really is about the topic (else the assistant abstains)."""
        if hit.dense >= DENSE_SURE:
            return True
        covered = self.of(topic, hit.session_id)
        if hit.dense >= DENSE_LIKELY and covered >= WORDS_SOME:
            return True
        if covered < WORDS_ALL:
            return False
        return hit.lexical >= LEXICAL_STRONG or self.rare(topic)


def same_stem(a: str, b: str) -> bool:
    """Whether two long words are one word's forms: they differ at most in the shorter one's
    last letter ('anonymis' of 'anonymisat'), not merely open alike ('haemovigil', 'haemorrhag')."""
    shared = len(commonprefix((a, b)))
    return shared >= max(PREFIX, min(len(a), len(b)) - 1)


def _wanted(topic: str) -> list[str]:
    """The topic's distinct words of two letters or more."""
    return [w for w in dict.fromkeys(tokens(topic)) if len(w) > 1]
