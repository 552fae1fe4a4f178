"""Programmes and their vocabularies for the question-reading tests, loaded once a module."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from assistant.answers.vocabulary import Vocabulary, build_vocabulary
from assistant.programme import Person, Programme, Session, make_programme
from assistant.sources import load_programme

ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = ROOT.parent / "shared" / "data"

Read = tuple[Programme, Vocabulary]


def _load(path: Path) -> Read:
    if not path.exists():
        pytest.skip(f"needs {path}")
    programme = load_programme([path]).programme
    return programme, build_vocabulary(programme)


def _made(title: str, sessions: tuple[Session, ...]) -> Read:
    programme = make_programme(title, sessions)
    return programme, build_vocabulary(programme)


@pytest.fixture(scope="module")
def seed_programme() -> Read:
    """seeds/: the forum's one session B6, chaired and presented by named people."""
    return _load(ROOT / "seeds")


@pytest.fixture(scope="module")
def c3_programme() -> Read:
    """36C3's stages: rooms named Eliza, Dijkstra, Clarke ..., streams such as Science."""
    return _load(SHARED_DATA / "36c3" / "stages.schedule.json")


@pytest.fixture(scope="module")
def user_programme() -> Read:
    """useR! 2025: blocks of sessions ('Teaching 1', 'Teaching 2') and Hadley Wickham."""
    return _load(SHARED_DATA / "user2025" / "program.csv")


@pytest.fixture(scope="module")
def forum_programme() -> Read:
    """Two days of a forum: a stream called by an everyday word ('People'), two hospitals."""
    nurse = Person("Lars Kjeldsen", organisation="Aarhus University Hospital", country="Denmark")
    other = Person("Ann Moore", organisation="University Hospital Galway", country="Ireland")
    sessions = (
        Session("A1", "Kindness", day=date(2026, 5, 20), stream="People", chairs=(nurse,)),
        Session("C1", "Rest and the night shift", day=date(2026, 5, 21), chairs=(other,)),
    )
    return _made("Forum", sessions)


@pytest.fixture(scope="module")
def kinds_programme() -> Read:
    """Formats, content filters and a language, for reading kinds of session."""
    day = date(2014, 7, 24)
    sessions = (
        Session("1", "Iterators", format="Training", day=day, content_filters=("Novice",)),
        Session("2", "Cython", format="Talk", day=day, language="de"),
        Session(
            "3",
            "Patients as partners",
            format="Talk",
            day=day,
            content_filters=("Co-presented with patients",),
        ),
    )
    return _made("EuroPython", sessions)
