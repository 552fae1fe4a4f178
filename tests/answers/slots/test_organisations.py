"""Reading where people are from: organisations and countries, as asked or named in full."""

from __future__ import annotations

from assistant.answers.slots.organisations import Affiliation, read_affiliation
from assistant.answers.slots.question import read_question


def test_a_country_is_read_from_who_is_from(seed_programme) -> None:
    _, vocabulary = seed_programme
    read = read_affiliation(read_question("who is from canada?"), vocabulary, asked=True)
    assert read.value == Affiliation(countries=("Canada",), phrase="canada")


def test_words_after_an_organisation_are_not_part_of_it(forum_programme) -> None:
    _, vocabulary = forum_programme
    question = read_question("is anyone from aarhus university hospital presenting?")
    found = read_affiliation(question, vocabulary, asked=True).value
    assert (found.organisations, found.unknown) == (("Aarhus University Hospital",), "")


def test_an_organisation_and_a_country_are_both_kept(forum_programme) -> None:
    _, vocabulary = forum_programme
    question = read_question("is anyone from a hospital in denmark here?")
    found = read_affiliation(question, vocabulary, asked=True).value
    assert found.countries == ("Denmark",)
    assert set(found.organisations) == {"Aarhus University Hospital", "University Hospital Galway"}
    assert found.phrase == "hospital"


def test_an_organisation_no_one_is_from_is_kept_as_unknown(forum_programme) -> None:
    _, vocabulary = forum_programme
    read = read_affiliation(read_question("who is from acme?"), vocabulary, asked=True)
    assert read.value == Affiliation(unknown="acme", phrase="acme")


def test_unasked_an_organisation_counts_only_by_its_full_name_and_leaves_the_topic(
    seed_programme,
) -> None:
    _, vocabulary = seed_programme
    question = read_question("what format is the session with the ABC Parents people?")
    read = read_affiliation(question, vocabulary, asked=False)
    assert read == (Affiliation(organisations=("ABC Parents",)), frozenset())


def test_from_after_words_of_a_topic_is_no_affiliation(forum_programme) -> None:
    _, vocabulary = forum_programme
    question = read_question("anyone using deep learning to map glaciers from satellite images?")
    assert read_affiliation(question, vocabulary, asked=True).value == Affiliation()
