"""'Did you mean …?': typos of the programme's words are mended from its own words; correct
words, names and codes are left alone."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.answers.spelling import Mending, Speller
from assistant.programme import Part, Person, Session, make_programme
from assistant.search.embedder import Embedder

SESSIONS = (
    Session(
        "T1", "Hacking satellites from your back garden", code="HS4", day=date(2026, 5, 20),
        room="Eliza", stream="Security",
        abstract="Ground stations, amateur radio, anonymized telemetry and cryptography.",
        parts=(Part(1, "Hacking satellites", speakers=(Person("Ada Lovelace"),)),),
    ),
    Session(
        "T2", "Kubernetes operators in practice", day=date(2026, 5, 21), room="Borg",
        parts=(Part(1, "Operators", speakers=(Person("Grace Hopper"), Person("Ann Schneider"))),),
    ),
)  # fmt: skip


@pytest.fixture(scope="module")
def speller() -> Speller:
    # the model's English words are the dictionary of correct words the programme never uses
    return Speller.of(make_programme("Camp", SESSIONS), Embedder().words())


@pytest.mark.parametrize(
    ("question", "mending"),
    [
        (
            "wher is the tlak about hackign satelites",
            Mending("hacking satellites", "where is the talk about hacking satellites"),
        ),
        ("anything about cryptograhpy?", Mending("cryptography", "anything about cryptography?")),
        ("who talks about kubernetis operators?",
         Mending("kubernetes operators", "who talks about kubernetes operators?")),
        ("when is ann schnieder speaking?",
         Mending("ann schneider", "when is ann schneider speaking?")),
    ],
)  # fmt: skip
def test_typos_of_the_programmes_words_are_mended_from_its_own_words(speller, question, mending):
    assert speller.mend(question) == mending


@pytest.mark.parametrize(
    "question",
    [
        "where is the talk about hacking satellites?",
        "is there anything on gardening?",  # correct English, though the programme never says it
        "when is ada lovelace speaking?",
        "who is Linus Torvalds?",  # a name, as typed
        "what's on in Eliza on day 2?",
        "is HS4 recorded?",
        "wher is it?",  # only a question word is wrong: nothing to offer
        "when is the talk by bruce schneier?",  # not Ann Schneider: a name the programme lacks
        "anything on anonymised telemetry?",  # British spelling
        "when's ada lovelaces talk?",  # a possessive without its apostrophe
        "any 2d satellites?",
    ],
)
def test_correct_words_names_and_codes_are_left_alone(speller, question):
    assert speller.mend(question) is None


def test_a_name_the_programme_lacks_is_not_mended_into_one_it_has(speller):
    assert speller.mend("when is grace hoper speaking?", keep=("grace hoper",)) is None
