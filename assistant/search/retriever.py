"""Question text -> ranked sessions: dense (chunk vectors) and BM25 (session text), fused."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from itertools import takewhile
from typing import TYPE_CHECKING, Literal

import bm25s
import numpy as np
from rapidfuzz import fuzz, process

from assistant.programme import Programme, Session, plain_letters
from assistant.search.chunker import Chunk, ChunkKind, _told_by_parts

if TYPE_CHECKING:
    from assistant.search.embedder import Embedder
    from assistant.search.store import LoadedIndex

VectorSearch = Callable[[np.ndarray, int], tuple[np.ndarray, np.ndarray]]
Mode = Literal["hybrid", "dense", "lexical"]

# Words a question is made of that say nothing about its topic.
STOP_WORDS = frozenset(
    """a about above after again against all also am an and any anyone anything are around as
    at be been being before between both but by can could did do does doing during each else
    every few for from further had has have having he her here hers him his how i if in into is
    it its itself just let me more most my no nor not now of off on once only or other our ours
    out over own same she should so some someone something somewhere such than that the their
    theirs them then there these they this those through to too under until up very was we
    were what when where which while who whom why will with would you your yours
    talk talks session sessions tell show find give know want looking look anybody everything
    is there any please thing things ones one s t d ll ve re m""".split()
)
_WORD = re.compile(r"[a-z0-9]+(?:[+#][a-z0-9+#]*)?")


def tokens(text: str) -> list[str]:
    """Lower-case, accent-free, stemmed words without stop words: what BM25 matches on."""
    plain = unicodedata.normalize("NFKD", plain_letters(text))
    ascii_text = plain.encode("ascii", "ignore").decode().lower()
    return [stem(w) for w in _WORD.findall(ascii_text) if w not in STOP_WORDS]


def shortened_from(short: str, words: Sequence[str]) -> str:
    """The one long word a short unknown one abbreviates, its letters in order ('otel' for
    'opentelemetry', 'k8s' aside); '' when none or several do."""
    if not 3 <= len(short) <= 4:
        return ""
    tail = short[-3:] if len(short) == 4 else short[-2:]  # 'tel' of 'otel' stands together
    found = [w for w in words if len(w) >= len(short) + 5 and tail in w and _in_order(short, w)]
    return found[0] if len(found) == 1 else ""


_CAPITALISED = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


def acronyms(titles: Iterable[str]) -> dict[str, str]:
    """Initials -> the capitalised words they stand for, in the titles: 'bsw' -> 'Bündnis Sahra
    Wagenknecht' (a delegate writes 'BSW' where the title spells it out); only initials of
    three letters or more (not 'eu'), of up to five words in a row, that every title spelling
    them spells alike. `spelled` reads them only for a word the programme does not use."""
    found: dict[str, set[str]] = {}
    for title in titles:
        words = _CAPITALISED.findall(title)
        for start in range(len(words)):
            run = list(takewhile(lambda w: w[:1].isupper(), words[start : start + 5]))
            for size in range(2, len(run) + 1):
                phrase = run[:size]
                initials = "".join(_letter(w[0]) for w in phrase)
                if len(initials) == size:
                    found.setdefault(initials, set()).add(" ".join(phrase))
    return {a: next(iter(p)) for a, p in found.items() if len(p) == 1 and len(a) >= 3}


def _letter(char: str) -> str:
    """'Ü' -> 'u': a letter as a delegate types it."""
    return unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode().lower()


_NUMERONYM = re.compile(r"([a-z])(\d{1,2})([a-z])")


def numeronym_of(short: str, words: Sequence[str]) -> str:
    """The word a numeronym counts ('k8s': k, eight letters, s) among the programme's words."""
    match = _NUMERONYM.fullmatch(short)
    if match is None:
        return ""
    first, middle, last = match[1], int(match[2]), match[3]

    def counted(w: str) -> bool:
        if last == "s" and len(w) == middle + 1:  # the words are stems: 'kubernete'
            return True
        return len(w) == middle + 2 and w[-1] == last

    found = [w for w in words if w[0] == first and w.isalpha() and counted(w)]
    return found[0] if len(set(found)) == 1 else ""


def _in_order(short: str, word: str) -> bool:
    letters = iter(word)
    return all(c in letters for c in short)


def stem(word: str) -> str:
    """A light English suffix stripper: apps -> app, tracking -> track, studies -> study.

    Deliberately timid (no Porter rules): it must never merge unrelated names or codes."""
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix, replacement, keep in (
        ("ies", "y", 3),
        ("sses", "ss", 3),
        ("ness", "", 4),
        ("ing", "", 4),
        ("ers", "er", 3),
        ("ed", "", 4),
        ("es", "e", 3),
        ("s", "", 3),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            base = word[: len(word) - len(suffix)] + replacement
            if suffix in ("ing", "ed") and len(base) > 2 and base[-1] == base[-2]:
                base = base[:-1]  # running -> run, planned -> plan
            return base
    return word


def prefixes(words: Sequence[str], size: int = 5) -> list[str]:
    """Word beginnings: energy ~ Energieeffizienz, software ~ Softwareprodukte, tracker ~ tracking.

    A cheap bridge across inflection, compounds and cognates (the model reads only English)."""
    return [w[:size] for w in words if len(w) >= size and w.isalpha()]


def session_text(session: Session, gloss: str = "") -> str:
    """The words BM25 indexes for a session; the title counts three times, keywords twice.

    gloss is the English gloss of a German session (its GLOSS chunks), so English words match."""
    people = session.people
    fields = [
        session.id,
        session.code,
        *([session.title] * 3),
        *([session.subtitle] * 2),
        *(session.keywords * 2),
        "" if _told_by_parts(session) else session.abstract,
        *session.objectives,
        session.format,
        session.stream,
        session.group,
        *(p.name for p in people),
        *(p.organisation for p in people),
    ]
    for part in session.parts:
        if part.title != session.title:
            fields.extend([part.title] * 2)
        fields.append(part.abstract)
        fields.extend(part.objectives)
    fields.append(gloss)
    return "\n".join(f for f in fields if f)


def glosses(chunks: Sequence[Chunk]) -> dict[str, str]:
    """session id -> its English gloss, from the GLOSS chunks (each repeats the glossed title)."""
    lines: dict[str, dict[str, None]] = {}
    for chunk in chunks:
        if chunk.kind is ChunkKind.GLOSS:
            lines.setdefault(chunk.session_id, {}).update(dict.fromkeys(chunk.text.splitlines()))
    return {sid: "\n".join(found) for sid, found in lines.items()}


@dataclass(frozen=True, slots=True)
class FusionWeights:
    """How dense and lexical evidence combine: fused = dense + lexical * (share of query matched).

    The lexical share is the BM25 score over the best score the query's words could reach,
    so a question whose rare words (a name, a code) all match gets the whole weight, and a
    paraphrase whose words only brush the text adds little to the dense cosine."""

    lexical: float = 0.25
    prefix: float = 0.5
    dense_candidates: int = 100
    lexical_candidates: int = 50


@dataclass(frozen=True, slots=True)
class SessionHit:
    """One ranked session: fused score, its best chunk cosine (raw), its BM25 share, its chunks."""

    session_id: str
    score: float
    dense: float
    lexical: float
    chunks: tuple[Chunk, ...]


class Retriever:
    """Ranks sessions for a question: chunk cosines (max per session) fused with BM25."""

    def __init__(
        self,
        programme: Programme,
        chunks: Sequence[Chunk],
        vectors: np.ndarray,
        embedder: Embedder,
        vector_search: VectorSearch | None = None,
        weights: FusionWeights | None = None,
    ) -> None:
        if len(chunks) != len(vectors):
            raise ValueError(f"{len(chunks)} chunks but {len(vectors)} vectors")
        self.programme = programme
        self.chunks = tuple(chunks)
        self.vectors = vectors
        self.embedder = embedder
        self.weights = weights or FusionWeights()
        self._vector_search = vector_search or self._exact_search
        self.session_ids: tuple[str, ...] = tuple(s.id for s in programme.sessions)
        self._session_position = {sid: i for i, sid in enumerate(self.session_ids)}
        positions: dict[str, list[int]] = {sid: [] for sid in self.session_ids}
        for position, chunk in enumerate(self.chunks):
            positions.setdefault(chunk.session_id, []).append(position)
        self._chunk_positions = {sid: np.array(p, dtype=np.int64) for sid, p in positions.items()}
        self._chunk_session = np.array(
            [self._session_position.get(c.session_id, -1) for c in self.chunks], dtype=np.int64
        )
        # session id -> its English gloss; topic coverage counts it too (answers.relevance)
        self.glosses = glosses(self.chunks)
        corpus = [tokens(session_text(s, self.glosses.get(s.id, ""))) for s in programme.sessions]
        self._lexical = Bm25(corpus)
        self._prefix = Bm25([prefixes(doc) for doc in corpus])
        self._acronyms = acronyms(
            t for s in programme.sessions for t in (s.title, *(p.title for p in s.parts))
        )

    @classmethod
    def from_index(
        cls, index: LoadedIndex, embedder: Embedder, weights: FusionWeights | None = None
    ) -> Retriever:
        """A retriever over a loaded index folder."""
        return cls(index.programme, index.chunks, index.vectors, embedder, index.search, weights)

    def chunks_of(self, session_id: str) -> tuple[Chunk, ...]:
        """A session's chunks in programme order."""
        return tuple(self.chunks[i] for i in self._chunk_positions.get(session_id, ()))

    def spelled(self, text: str) -> str:
        """The text with words the programme never uses replaced by the programme's nearest word
        ('hex stikcers' -> 'hex sticker'); '' when nothing was replaced."""
        known = self._lexical.document_frequency
        changed = False
        out: list[str] = []
        for word in text.split():
            found = tokens(word)
            term = found[0] if len(found) == 1 else ""
            spelled_out = numeronym_of(term, self._lexical.by_initial.get(term[:1], ()))
            spelled_out = spelled_out or (self._acronyms.get(term, "") if term not in known else "")
            if spelled_out:  # 'k8s' is kubernetes, 'a11y' accessibility, 'bsw' the three words
                out.append(spelled_out)
                changed = True
                continue
            if len(term) < 3 or not term.isalpha() or term in known:
                out.append(word)
                continue
            same_start = [k for k in self._lexical.by_initial.get(term[0], ())]
            best = (
                process.extractOne(term, same_start, scorer=fuzz.ratio, score_cutoff=85)
                if len(term) >= 5
                else None
            )
            mended = best[0] if best else shortened_from(term, same_start)
            out.append(mended or word)
            changed = changed or bool(mended)
        return " ".join(out) if changed else ""

    def search(
        self,
        text: str,
        *,
        session_ids: Collection[str] | None = None,
        k: int = 10,
        mode: Mode = "hybrid",
    ) -> list[SessionHit]:
        """The k sessions that best answer text; session_ids, when given, is a hard filter."""
        if k <= 0 or not self.session_ids:
            return []
        allowed = None
        if session_ids is not None:
            allowed = np.array(
                sorted(
                    {self._session_position[s] for s in session_ids if s in self._session_position}
                ),
                dtype=np.int64,
            )
            if not len(allowed):
                return []
        query = self.embedder.embed_query(text)
        words = tokens(text)
        lexical = self._lexical.share(words)
        if self.weights.prefix:
            lexical = lexical + self.weights.prefix * self._prefix.share(prefixes(words))
        candidates = self._candidates(query, lexical, allowed, k, mode)
        if not len(candidates):
            return []
        chunk_positions = np.concatenate(
            [self._chunk_positions[self.session_ids[c]] for c in candidates]
        )
        cosines = self.vectors[chunk_positions] @ query if len(chunk_positions) else np.zeros(0)
        best: dict[int, list[tuple[float, int]]] = {}
        for position, cosine in zip(chunk_positions.tolist(), cosines.tolist(), strict=True):
            best.setdefault(int(self._chunk_session[position]), []).append((cosine, position))
        ranked = []
        for candidate in candidates.tolist():
            dense = max(best[candidate])[0] if candidate in best else -1.0
            share = float(lexical[candidate])
            if mode == "dense":
                fused = dense
            elif mode == "lexical":
                fused = share
            else:
                fused = dense + self.weights.lexical * share
            ranked.append((-float(fused), -float(dense), candidate, share))
        ranked.sort()  # the candidate is its session's position: ties go in programme order
        return [  # the chunks, best first, only for the k kept
            SessionHit(
                session_id=self.session_ids[candidate],
                score=-fused,
                dense=-dense,
                lexical=share,
                chunks=tuple(
                    self.chunks[p] for _, p in sorted(best.get(candidate, []), reverse=True)
                ),
            )
            for fused, dense, candidate, share in ranked[:k]
        ]

    def _candidates(
        self,
        query: np.ndarray,
        lexical: np.ndarray,
        allowed: np.ndarray | None,
        k: int,
        mode: Mode,
    ) -> np.ndarray:
        """Sessions worth scoring exactly: the dense and lexical front runners (or all allowed)."""
        weights = self.weights
        if allowed is not None and len(allowed) <= max(k, weights.dense_candidates) * 4:
            return allowed  # small enough to score every allowed session exactly
        found: set[int] = set()
        if mode != "lexical":
            want = max(weights.dense_candidates, 4 * k)
            scores, positions = self._vector_search(query, want if allowed is None else want * 8)
            sessions = self._chunk_session[positions[positions >= 0]]
            if allowed is not None:
                sessions = sessions[np.isin(sessions, allowed)]
            found.update(sessions.tolist())
        if mode != "dense":
            pool = (
                lexical
                if allowed is None
                else np.where(np.isin(np.arange(len(lexical)), allowed), lexical, 0.0)
            )
            want = max(weights.lexical_candidates, 2 * k)
            top = np.argpartition(-pool, min(want, len(pool) - 1))[:want]
            found.update(int(i) for i in top if pool[i] > 0)
        if len(found) < k and allowed is not None:
            found.update(allowed[: k * 4].tolist())
        elif len(found) < k:
            found.update(range(min(len(self.session_ids), k * 4)))
        return np.array(sorted(found), dtype=np.int64)

    def _exact_search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        scores = self.vectors @ query
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k] if k else np.zeros(0, dtype=np.int64)
        order = top[np.argsort(-scores[top])]
        return scores[order], order


class Bm25:
    """BM25 over token lists, scoring a query as the share of the best score its words could reach."""

    def __init__(self, corpus: Sequence[Sequence[str]]) -> None:
        self.count = len(corpus)
        self.document_frequency = Counter(t for doc in corpus for t in set(doc))
        self.by_initial: dict[str, list[str]] = {}  # the words by first letter, for spelling
        for term in self.document_frequency:
            if len(term) >= 5 and term.isalpha():
                self.by_initial.setdefault(term[0], []).append(term)
        self.index = bm25s.BM25()
        self.index.index([list(doc) or [""] for doc in corpus] or [[""]], show_progress=False)

    def share(self, words: Sequence[str]) -> np.ndarray:
        """Each document's score over the sum of the query words' idf, in [0, ~1]."""
        query = list(dict.fromkeys(self.joined(words)))
        if not query:
            return np.zeros(self.count, dtype=np.float32)
        known = [t for t in query if t in self.document_frequency]
        scores = (
            np.asarray(self.index.get_scores(known), dtype=np.float32)[: self.count]
            if known
            else np.zeros(self.count, dtype=np.float32)
        )
        # lucene BM25: a word's score tends to its idf as it repeats; unknown words count at
        # the highest idf, so a question that is mostly words the programme lacks leans dense.
        ceiling = sum(self.idf(self.document_frequency.get(t, 0)) for t in query)
        return scores / ceiling if ceiling > 0 else scores

    def joined(self, words: Sequence[str]) -> list[str]:
        """The words, with a pair the programme writes as one word joined: 'hong kong' ->
        'hongkong', 'data base' -> 'database' (when it lacks one of the two parts)."""
        out: list[str] = []
        i = 0
        known = self.document_frequency
        while i < len(words):
            pair = words[i] + words[i + 1] if i + 1 < len(words) else ""
            if pair in known and not (words[i] in known and words[i + 1] in known):
                out.append(pair)
                i += 2
            else:
                out.append(words[i])
                i += 1
        return out

    def idf(self, frequency: int) -> float:
        """Lucene's idf, as bm25s computes it."""
        return math.log(1 + (self.count - frequency + 0.5) / (frequency + 0.5))
