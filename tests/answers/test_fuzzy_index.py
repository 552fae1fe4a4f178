"""The name index finds exactly what scoring every name with rapidfuzz finds, only faster."""

from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz, process

from assistant.answers.fuzzy_index import TABLE_LENGTHS, FuzzyIndex

LETTERS = "aabcdeeefghiijklmnnoopqrrsstuvwyz"  # vowels twice: names repeat bigrams ('anna')


def _name(rng: random.Random) -> str:
    return " ".join(
        "".join(rng.choice(LETTERS) for _ in range(rng.randint(2, 9)))
        for _ in range(rng.randint(1, 3))
    )


def _misspelt(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(0, 4)):
        at = rng.randrange(len(text) + 1)
        edit = rng.random()
        if edit < 0.3 and at < len(text):
            text = text[:at] + text[at + 1 :]
        elif edit < 0.6:
            text = text[:at] + rng.choice(LETTERS + " ") + text[at:]
        elif at < len(text):
            text = text[:at] + rng.choice(LETTERS) + text[at + 1 :]
    return text or "x"


def _every_name(text: str, choices: list[str], cutoff: float, limit: int) -> list[tuple]:
    found = process.extract(text, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit)
    return [(score, index) for _, score, index in found]


@pytest.mark.parametrize("cutoff", [85, 90])
def test_misspelt_names_find_the_same_names_as_scoring_every_name(cutoff: int) -> None:
    rng = random.Random(cutoff)
    choices = [_name(rng) for _ in range(400)]
    choices += [choices[i] for i in range(0, 40, 4)]  # the same name twice ties by index
    index = FuzzyIndex(choices, cutoff)
    texts = [_misspelt(rng, rng.choice(choices)) for _ in range(300)] + ["zz", "a", "anna anna"]
    assert index.nearest(texts, 5) == [_every_name(t, choices, cutoff, 5) for t in texts]
    assert index.nearest(texts[:20]) == [_every_name(t, choices, cutoff, 500) for t in texts[:20]]


def test_windows_of_a_question_are_looked_up_through_the_whole_question() -> None:
    rng = random.Random(7)
    choices = [_name(rng) for _ in range(300)]
    index = FuzzyIndex(choices, 85)
    for _ in range(50):
        words = [rng.choice(choices) if rng.random() < 0.2 else _name(rng) for _ in range(8)]
        question = _misspelt(rng, " ".join(words)).split() or ["x"]
        texts = [
            " ".join(question[start : start + size])
            for size in (4, 3, 2)
            for start in range(len(question) - size + 1)
        ]
        expected = [_every_name(t, choices, 85, 5) for t in texts]
        assert index.nearest(texts, 5, covering=" ".join(question)) == expected


def test_a_name_longer_than_the_table_is_still_found_misspelt() -> None:
    long = "ab" * TABLE_LENGTHS + "c"
    index = FuzzyIndex(["anna smith", long], 85)
    assert index.nearest([long[:-1] + "d"], 5) == [[(fuzz.ratio(long[:-1] + "d", long), 1)]]


def test_an_empty_list_of_names_finds_nothing() -> None:
    assert FuzzyIndex([], 85).nearest(["anna smith"], 5) == [[]]
    assert FuzzyIndex(["anna smith"], 85).nearest([], 5) == []
