"""Fuzzy lookup in a fixed list of names without scoring every name: a bigram index, built once.

A name that a text matches at fuzz.ratio >= cutoff shares many two-letter pieces with it: if
the indel distance of a text (length m) and a name (length n) is d, at least (m + n) / 2 - 1
- 1.5 d bigrams survive (each deletion breaks at most two bigrams, each insertion one), and
ratio >= cutoff bounds d. So only names sharing that many bigrams with the text are scored;
the others cannot reach the cutoff. The answers are those of scoring every name."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process

NO_MATCH = 1 << 20  # a bigram count no name reaches: that length of name cannot match
TABLE_LENGTHS = 256  # texts up to this long have their needed counts in a table made once


class FuzzyIndex:
    """Choices (strings) by their bigrams, to find the ones near a text by fuzz.ratio."""

    def __init__(self, choices: Sequence[str], cutoff: float) -> None:
        self.choices = tuple(choices)
        self.cutoff = cutoff
        grams: dict[str, list[int]] = {}
        for index, choice in enumerate(self.choices):
            for key in _keys(choice):
                grams.setdefault(key, []).append(index)
        # A key names a bigram's k-th occurrence, so shared keys count min(occurrences) each.
        self._postings = {key: np.array(found, dtype=np.int32) for key, found in grams.items()}
        self._array = np.array(self.choices, dtype=object)
        self._lengths = np.array([len(c) for c in self.choices], dtype=np.int64)
        self._longest = int(self._lengths.max()) if self.choices else 0
        self._table = _needed(np.arange(TABLE_LENGTHS)[:, None], self._longest, cutoff)

    def nearest(
        self, texts: Sequence[str], limit: int | None = None, covering: str | None = None
    ) -> list[list[tuple[float, int]]]:
        """For each text, its best `limit` (score, index) choices at fuzz.ratio >= cutoff.

        Score descending, then index: what process.extract(text, choices, scorer=fuzz.ratio,
        score_cutoff=cutoff, limit=limit) gives. `covering` is a string holding every text
        (a question its windows come from); its bigrams pick the candidates."""
        out: list[list[tuple[float, int]]] = [[] for _ in texts]
        if not texts or not self.choices:
            return out
        candidates = self._candidates(texts, covering or "\n".join(texts))
        if not len(candidates):
            return out
        names = self._array[candidates].tolist()
        # uint8 scores only pick pairs (a superset of those >= cutoff); exact scores follow
        matrix = process.cdist(
            texts, names, scorer=fuzz.ratio, score_cutoff=self.cutoff, dtype=np.uint8, workers=1
        )
        rows, columns = np.nonzero(matrix)
        for row, column in zip(rows.tolist(), columns.tolist(), strict=True):
            score = fuzz.ratio(texts[row], names[column], score_cutoff=self.cutoff)
            if score:
                out[row].append((score, int(candidates[column])))
        for scored in out:
            scored.sort(key=lambda pair: (-pair[0], pair[1]))
            if limit is not None:
                del scored[limit:]
        return out

    def _candidates(self, texts: Sequence[str], covering: str) -> np.ndarray:
        """Indices (ascending) of the choices that share enough bigrams to match some text."""
        found = [p for key in _keys(covering) if (p := self._postings.get(key)) is not None]
        shared = np.bincount(
            np.concatenate(found) if found else np.zeros(0, dtype=np.int32),
            minlength=len(self.choices),
        )
        lengths = sorted({len(t) for t in texts})
        needed = self._table[[m for m in lengths if m < TABLE_LENGTHS]].min(
            axis=0, initial=NO_MATCH
        )
        for m in (m for m in lengths if m >= TABLE_LENGTHS):  # only ever a hostile question
            needed = np.minimum(needed, _needed(np.array([[m]]), self._longest, self.cutoff)[0])
        return np.flatnonzero(shared >= needed[self._lengths])


def _needed(m: np.ndarray, longest: int, cutoff: float) -> np.ndarray:
    """Bigrams a choice of each length (columns) must share with a text of length m (rows) to
    reach the cutoff; NO_MATCH where the lengths alone differ too much."""
    n = np.arange(longest + 1)[None, :]
    # the most indels that still score >= cutoff (the 1e-6 keeps the boundary in)
    most = np.floor((100 - cutoff) / 100 * (m + n) + 1e-6)
    needed = np.ceil((m + n) / 2 - 1 - 1.5 * most)
    return np.where(np.abs(m - n) > most, NO_MATCH, needed).astype(np.int64)


def _keys(text: str) -> list[str]:
    """The text's bigrams, the k-th occurrence of one spelt with k after it (k > 1)."""
    counts = Counter([text[i : i + 2] for i in range(len(text) - 1)])
    keys = list(counts)
    keys += [
        f"{gram}{k}" for gram, count in counts.items() if count > 1 for k in range(2, count + 1)
    ]
    return keys
