"""The trainers behind `make eval-lopo` still run: each generates its questions from a programme,
and the answerability trainer's real rows are labelled and held out as it says (the models
themselves are trained and reported by make eval-lopo, minutes, not here)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from assistant.answers.answerability import Evidence  # noqa: E402
from assistant.answers.understanding import understand  # noqa: E402
from assistant.answers.vocabulary import build_vocabulary  # noqa: E402
from assistant.programme import Session, make_programme  # noqa: E402
from assistant.sources import load_programme  # noqa: E402
from tools.answerability_rows import ROWS_FILE, Row, labelled, read_rows  # noqa: E402
from tools.train_answerability import (  # noqa: E402
    REAL_WEIGHT,
    Case,
    fit,
    held_out,
    probabilities,
    real_weights,
)
from tools.train_asks import entities, generated  # noqa: E402


def test_the_ask_trainer_generates_labelled_questions_from_a_programme() -> None:
    programme = load_programme([ROOT / "seeds"]).programme
    found = entities(programme)
    assert found["title"] and found["topic"] and found["person"]
    questions = generated(found, random.Random(1))
    assert questions and all(isinstance(q, str) and q for q, _ in questions[:50])


def _evidence(dense: float, covered: float) -> Evidence:
    return Evidence(
        dense=dense,
        lexical=covered,
        margin=dense / 2,
        covered=covered,
        title_covered=0.0,
        rare=False,
        words=3,
        dense_margin=dense / 3,
        rarest_gap=0.0,
        unknown=0.0,
        singles_out=0.0,
        dense_lead=dense * 4,
    )


def _row(round_name: str, dense: float, label: int) -> Row:
    return Row(
        round=round_name,
        case=f"{round_name}-{dense}",
        source=f"eval/{round_name}/programme.csv",
        topic="a topic",
        evidence=_evidence(dense, dense),
        label=label,
        absent=not label,
        trusted=False,
        trusted_right=False,
    )


def test_the_real_rows_come_from_every_round_with_right_and_wrong_first_hits() -> None:
    rows = read_rows(ROWS_FILE)
    rounds = {r.round for r in rows}
    assert {"dev", "round13", "round14", "german", "invented"} <= rounds
    assert {r.label for r in rows} == {0, 1}
    assert any(r.absent for r in rows) and any(not r.label and not r.absent for r in rows)
    assert all((ROOT / "eval" / f"{name}.jsonl").exists() for name in rounds - {"dev"})


def test_an_abstention_on_a_sessions_details_is_no_absent_subject() -> None:
    sessions = (Session("F3", "PSIRF in practice"), Session("F4", "Learning from deaths"))
    programme = make_programme("Safety", sessions)
    vocabulary = build_vocabulary(programme)

    def asked(question: str):
        return understand(question, programme, vocabulary)

    chair = asked("who's chairing the PSIRF session")
    # no chair listed: the case abstains, yet PSIRF is the session it names
    assert labelled(programme, chair, {"abstain": True, "cited_any": ["F3"]}) == ["F3"]
    assert labelled(programme, chair, {"abstain": True}) is None  # absent subject, or detail?
    assert labelled(programme, asked("is there a talk on sepsis?"), {"abstain": True}) == []
    faq = asked("what's the wifi password?")
    assert labelled(programme, faq, {"cited_any": ["faq:wifi"]}) is None


def test_real_rows_weigh_their_right_and_wrong_first_hits_alike() -> None:
    rows = [_row("r", 0.6, 1)] * 9 + [_row("r", 0.2, 0)]
    weights = real_weights(rows)
    assert weights[:9].sum() == weights[9:].sum() == len(rows) * REAL_WEIGHT / 2


def test_a_round_of_real_questions_is_scored_by_a_model_that_never_saw_it() -> None:
    cases = [
        Case(name, _evidence(d, d), int(d > 0.5), d > 0.5)
        for name in ("seed", "medconf")
        for d in (i / 40 for i in range(40))
    ]
    plain = [_row("plain", i / 20, int(i > 10)) for i in range(20)]
    # paraphrases: right first hits that look like the generated wrong ones
    odd = [_row("odd", 0.2, 1) for _ in range(10)]
    _, scored = held_out(cases, plain + odd)
    unseen = [p for r, p in scored if r.round == "odd"]
    seen = probabilities(odd, fit(cases, plain + odd))
    assert max(unseen) < min(seen)
