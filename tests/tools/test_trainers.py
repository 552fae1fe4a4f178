"""The trainers behind `make eval-lopo` still run: each generates its questions from a programme
(the models themselves are trained and reported by make eval-lopo, minutes, not here)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from assistant.sources import load_programme  # noqa: E402
from tools.train_asks import entities, generated  # noqa: E402


def test_the_ask_trainer_generates_labelled_questions_from_a_programme() -> None:
    programme = load_programme([ROOT / "seeds"]).programme
    found = entities(programme)
    assert found["title"] and found["topic"] and found["person"]
    questions = generated(found, random.Random(1))
    assert questions and all(isinstance(q, str) and q for q, _ in questions[:50])
