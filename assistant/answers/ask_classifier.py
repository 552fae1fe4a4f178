"""What a question asks, read by a learned model where the rules say nothing.

The rules in asks.py are exact for the wordings they know; a misspelt or unusual wording ('wher
is the tlak on X', 'whens Y on') falls through them to a topic search. This linear model over
character n-grams of the question, trained by `tools/train_asks.py` on questions generated from
every real programme's names, titles, rooms and days (with typos), names the ask instead. Its
weights are committed beside this module; reading is deterministic and pure."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz

from assistant.answers.asks import Ask

MODEL_FILE = Path(__file__).with_name("ask_classifier.npz")
N_FEATURES = 2**15
NGRAMS = (2, 3, 4)
# Probability above which the model names the ask when the rules found none: on generated
# questions of programmes held out of training, 0.8 was right 99 times in 100, and on real
# delegate questions the rules missed it named no field ask wrongly (tools/train_asks.py).
CLASSIFIER_SURE = 0.8
# What the model may decide; a topic search and a listing are what the rules already default to.
DECIDES = frozenset(Ask) - {Ask.TOPIC, Ask.LIST, Ask.GREETING, Ask.HELP, Ask.THANKS}
QUESTION_WORDS = ("where", "when", "who", "whose", "what", "which", "talk", "session", "time")


def ngram_hashes(text: str) -> list[int]:
    """Feature ids of the question: character n-grams of each word padded by spaces."""
    out = []
    for word in text.lower().split():
        padded = f" {word} "
        for n in NGRAMS:
            for i in range(max(1, len(padded) - n + 1)):
                out.append(_fnv1a(padded[i : i + n]) % N_FEATURES)
    return out


def _fnv1a(text: str) -> int:
    """A stable string hash (Python's own hash() changes between runs)."""
    h = 0x811C9DC5
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


@dataclass(frozen=True)
class AskClassifier:
    """Multinomial logistic regression: labels, weights (labels x features) and biases."""

    labels: tuple[str, ...]
    weights: np.ndarray
    biases: np.ndarray

    def probabilities(self, text: str) -> dict[str, float]:
        """Each label's probability for the question."""
        hashes = ngram_hashes(text)
        if not hashes:
            return {label: 1.0 / len(self.labels) for label in self.labels}
        counts: dict[int, float] = {}
        for h in hashes:
            counts[h] = counts.get(h, 0.0) + 1.0
        ids = np.fromiter(counts, dtype=np.int64)
        values = np.fromiter(counts.values(), dtype=np.float32)
        values /= np.linalg.norm(values)
        scores = self.weights[:, ids] @ values + self.biases
        scores = np.exp(scores - scores.max())
        scores /= scores.sum()
        return dict(zip(self.labels, scores.tolist(), strict=True))

    def best(self, text: str) -> tuple[str, float]:
        """The most likely label and its probability."""
        probabilities = self.probabilities(text)
        label = max(probabilities, key=probabilities.__getitem__)
        return label, probabilities[label]


@cache
def shipped_classifier() -> AskClassifier:
    """The classifier committed beside this module."""
    with np.load(MODEL_FILE) as data:
        return AskClassifier(
            labels=tuple(str(label) for label in data["labels"]),
            weights=data["weights"].astype(np.float32),
            biases=data["biases"].astype(np.float32),
        )


def classified_asks(
    folded: str, classifier: AskClassifier
) -> tuple[tuple[Ask, ...], frozenset[str]]:
    """The ask the model is sure of, and the question's misspelt question words ('wher',
    'tlak'), which are no topic; nothing when the model is unsure or names a topic search."""
    label, probability = classifier.best(folded)
    if probability < CLASSIFIER_SURE or Ask(label) not in DECIDES:
        return (), frozenset()
    slips = frozenset(
        word
        for word in folded.split()
        if len(word) >= 3 and any(fuzz.ratio(word, q) >= 75 for q in QUESTION_WORDS)
    )
    return (Ask(label),), slips
