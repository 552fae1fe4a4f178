"""Reading people: participants by full name, surname or possessive, and names not known."""

from __future__ import annotations

import pytest

from assistant.answers.slots.people import read_people, read_unknown_person
from assistant.answers.slots.question import read_question


@pytest.mark.parametrize(
    ("question", "people"),
    [
        ("which organisation is melissa sheldrik with?", ("melissa-sheldrick",)),  # misspelt
        ("when is pozzobon on?", ("laura-pozzobon",)),  # a surname alone
    ],
)
def test_a_person_is_found_by_a_misspelt_name_or_surname(seed_programme, question, people):
    _, vocabulary = seed_programme
    assert read_people(read_question(question), vocabulary).value == people


@pytest.mark.slow
def test_a_first_name_with_a_possessive_finds_the_one_person_with_it(user_programme) -> None:
    _, vocabulary = user_programme
    read = read_people(read_question("when's Hadley's talk?"), vocabulary)
    assert (read.value, read.taken) == (("hadley-wickham",), frozenset({1}))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "people"),
    [
        ("when is moxie marlinspike's talk", ("moxie-marlinspike",)),
        ("when is the talk about playstation blu-ray drives?", ()),  # 'ray' is no speaker
    ],
)
def test_a_possessive_name_is_read_and_words_joined_by_hyphens_are_not(
    c3_programme, question, people
):
    _, vocabulary = c3_programme
    assert read_people(read_question(question), vocabulary).value == people


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("when is linus torvalds speaking?", "Linus Torvalds"),
        ("are there talks by grace hopper?", "Grace Hopper"),
        ("is there really no talk by bruce schneier this year?", "Bruce Schneier"),
        ("who is ada lovelace?", "Ada Lovelace"),
        ("where does jane doe work?", "Jane Doe"),
        ("when is the keynote speaking?", ""),  # 'the keynote' is no name
    ],
)
def test_an_unknown_name_in_a_name_slot_is_kept_for_abstaining(question: str, name: str) -> None:
    assert read_unknown_person(read_question(question)).value == name


def test_a_surname_after_an_article_is_a_thing_not_the_person(forum_programme) -> None:
    _, vocabulary = forum_programme
    surname = next(p.words[-1] for p in vocabulary.people if len(p.words) == 2)
    assert read_people(read_question(f"anything on the {surname} please"), vocabulary).value == ()
    assert read_people(read_question(f"when is {surname} speaking"), vocabulary).value
