"""Whether the session retrieval ranks first really answers a topic question: a calibrated model.

The hand-set cosine thresholds this replaces were tuned on one dev set and gave up on a third of
unseen topic questions whose first hit was right. The model is a logistic regression over a few
retrieval facts, trained by `tools/train_answerability.py` on questions generated from every real
programme (its own titles and abstracts answer; other fields' programmes do not) and on the topic
questions people wrote for the eval sets (they paraphrase; generated questions do not), its
operating point chosen on programmes held out of training. Pure: numbers in, a probability out."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from assistant.search.retriever import SessionHit, tokens

MODEL_FILE = Path(__file__).with_name("answerability.json")
LEAD_SPREAD_FLOOR = 0.02  # cosines this close count as ties, however tight the crowd


@dataclass(frozen=True, slots=True)
class Evidence:
    """What retrieval says about its first session for one topic."""

    dense: float  # the best chunk's cosine
    lexical: float  # BM25 share of the topic's words
    margin: float  # fused score over the next session's
    covered: float  # IDF-weighted share of the topic's words in the session's text
    title_covered: float  # share of the topic's words in the session's title
    rare: bool  # every word of the topic is rare in the programme
    words: int  # content words in the topic
    dense_margin: float  # the best chunk's cosine over the next session's
    rarest_gap: float  # the rarest topic word in the session over the rarest in the next (IDF)
    unknown: float  # IDF-weighted share of the topic's words the programme never uses
    singles_out: float  # a rare word of the topic stands in this session alone (1) or few (0.5)
    dense_lead: float  # how far the best chunk's cosine stands above the next nine sessions'


FEATURES = (
    "dense",
    "lexical",
    "margin",
    "covered",
    "title_covered",
    "rare",
    "few_words",
    "dense_x_covered",
    "dense_margin",
    "rarest_gap",
    "unknown",
    "singles_out",
    "dense_lead",
)


def feature_vector(evidence: Evidence) -> tuple[float, ...]:
    """The model's inputs, in FEATURES order."""
    return (
        evidence.dense,
        evidence.lexical,
        evidence.margin,
        evidence.covered,
        evidence.title_covered,
        1.0 if evidence.rare else 0.0,
        1.0 / max(1, evidence.words),
        evidence.dense * evidence.covered,
        evidence.dense_margin,
        evidence.rarest_gap,
        evidence.unknown,
        evidence.singles_out,
        evidence.dense_lead,
    )


@dataclass(frozen=True, slots=True)
class AnswerabilityModel:
    """Standardised logistic regression with the threshold picked on held-out programmes."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, evidence: Evidence) -> float:
        """How likely the first session answers the topic (calibrated on held-out programmes)."""
        z = self.bias
        for x, m, s, w in zip(
            feature_vector(evidence), self.mean, self.scale, self.weights, strict=True
        ):
            z += w * (x - m) / s
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def answers(self, evidence: Evidence) -> bool:
        """Whether to answer with the first session rather than abstain."""
        return self.probability(evidence) >= self.threshold


def model_from_json(data: dict[str, Any]) -> AnswerabilityModel:
    """The model as tools/train_answerability.py writes it."""
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"answerability model has features {data['features']}, want {FEATURES}")
    return AnswerabilityModel(
        mean=tuple(map(float, data["mean"])),
        scale=tuple(map(float, data["scale"])),
        weights=tuple(map(float, data["weights"])),
        bias=float(data["bias"]),
        threshold=float(data["threshold"]),
    )


@cache
def shipped_model() -> AnswerabilityModel:
    """The model committed beside this module."""
    return model_from_json(json.loads(MODEL_FILE.read_text(encoding="utf-8")))


class WordCoverage(Protocol):
    """How a programme's words cover a topic (the engine's Coverage)."""

    def of(self, topic: str, session_id: str) -> float: ...

    def rare(self, topic: str) -> bool: ...

    def rarest_found(self, topic: str, session_id: str) -> float: ...

    def singles_out(self, topic: str, session_id: str) -> float: ...

    def unknown(self, topic: str) -> float: ...


def gather_evidence(
    topic: str, hits: Sequence[SessionHit], coverage: WordCoverage, title: str
) -> Evidence:
    """The evidence about hits[0] (non-empty), whose session's title is title."""
    first = hits[0]
    second = hits[1] if len(hits) > 1 else None
    wanted = [w for w in dict.fromkeys(tokens(topic)) if len(w) > 1]
    in_title = set(tokens(title))
    title_prefixes = {w[:5] for w in in_title if len(w) >= 5}
    titled = sum(1 for w in wanted if w in in_title or (len(w) >= 5 and w[:5] in title_prefixes))
    rarest = coverage.rarest_found(topic, first.session_id)
    return Evidence(
        dense=first.dense,
        lexical=first.lexical,
        margin=first.score - second.score if second else first.score,
        covered=coverage.of(topic, first.session_id),
        title_covered=titled / len(wanted) if wanted else 0.0,
        rare=coverage.rare(topic),
        words=len(wanted),
        dense_margin=first.dense - second.dense if second else first.dense,
        rarest_gap=rarest - coverage.rarest_found(topic, second.session_id) if second else rarest,
        unknown=coverage.unknown(topic),
        singles_out=coverage.singles_out(topic, first.session_id),
        dense_lead=dense_lead(hits),
    )


def dense_lead(hits: Sequence[SessionHit]) -> float:
    """The first session's cosine over the others' in standard deviations: a paraphrase
    ('dads getting depressed after the baby arrives') shares few words with its session but
    stands far above the rest, where a subject the programme lacks finds a crowd of near ties."""
    rest = [h.dense for h in hits[1:] if h.dense > -1.0]
    if len(rest) < 2:
        return 0.0
    mean = sum(rest) / len(rest)
    spread = math.sqrt(sum((d - mean) ** 2 for d in rest) / len(rest))
    return (hits[0].dense - mean) / (spread + LEAD_SPREAD_FLOOR)
