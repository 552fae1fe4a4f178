"""Reading kinds of session: formats, content filters, audience levels and languages."""

from __future__ import annotations

import pytest

from assistant.answers.slots.formats import (
    Formats,
    marked_level,
    read_filters,
    read_formats,
    read_languages,
    unheard_language,
    wanted_language,
    wanted_level,
    yes_no_format,
)
from assistant.answers.slots.question import read_question


@pytest.mark.parametrize(
    ("question", "formats"),
    [
        ("what trainings are on thursday?", Formats(("Training",))),  # the programme's singular
        ("any workshops?", Formats(missing="workshops")),  # a kind the programme lacks
        ("is it a talk?", Formats()),  # 'talk' says nothing about the format
        ("what's on after the training?", Formats()),  # the session to go on from
    ],
)
def test_formats_are_the_programmes_own_and_a_missing_kind_is_kept(
    kinds_programme, question: str, formats: Formats
) -> None:
    _, vocabulary = kinds_programme
    assert read_formats(read_question(question), vocabulary).value == formats


@pytest.mark.slow
def test_generic_words_for_a_session_are_not_format_filters(c3_programme) -> None:
    _, vocabulary = c3_programme
    question = read_question("when is the sim card talk by laforge?")
    assert read_formats(question, vocabulary).value.named == ()


@pytest.mark.parametrize(
    ("question", "filters", "taken"),
    [
        ("anything for beginners?", ("Novice",), {2}),
        ("sessions co-presented with patients", ("Co-presented with patients",), {1, 2, 3, 4}),
    ],
)
def test_a_content_filter_is_named_by_its_distinctive_words_or_level(
    kinds_programme, question: str, filters: tuple[str, ...], taken: set[int]
) -> None:
    _, vocabulary = kinds_programme
    read = read_filters(read_question(question), vocabulary.filters)
    assert (read.value, read.taken) == (filters, frozenset(taken))


@pytest.mark.parametrize(
    ("question", "languages"),
    [
        ("any talks in german?", ("de",)),
        ("german talks please", ("de",)),
        ("the german health system", ()),  # a topic, not a language
        ("english talks please", ()),  # the programme has none in English
    ],
)
def test_a_language_counts_when_asked_for_as_one(kinds_programme, question, languages) -> None:
    _, vocabulary = kinds_programme
    assert read_languages(read_question(question), vocabulary.languages).value == languages


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("any talks in spanish?", "es"),  # the programme has German talks, none in Spanish
        ("english talks please", "en"),
        ("any talks in german?", ""),  # it has some
        ("anything on teaching in english literature?", ""),  # a topic, not a language
    ],
)
def test_a_language_asked_for_that_no_session_is_in_is_kept(kinds_programme, question, language):
    _, vocabulary = kinds_programme
    assert unheard_language(read_question(question), vocabulary.languages) == language


@pytest.mark.slow
def test_a_hyphenated_language_is_a_language(c3_programme) -> None:
    _, vocabulary = c3_programme
    question = read_question("show me the german-language talks in Clarke on saturday")
    assert read_languages(question, vocabulary.languages).value == ("de",)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("is it a lecture?", "lecture"),
        ("is it a normal lecture?", "lecture"),
        ("is b6 a lecture or a workshop?", ""),  # two kinds: not a yes-no question
        ("are they posters?", ""),
    ],
)
def test_a_yes_no_question_names_one_format(question: str, kind: str) -> None:
    assert yes_no_format(read_question(question)) == kind


@pytest.mark.parametrize(
    ("question", "level"),
    [
        ("is it for beginners?", "beginner"),
        ("is it for experts?", "advanced"),
        ("is it intermediate?", "intermediate"),
        ("is it good?", ""),
    ],
)
def test_the_level_a_question_asks_about(question: str, level: str) -> None:
    assert wanted_level(read_question(question)) == level


@pytest.mark.parametrize(
    ("question", "language"),
    [("is it in german?", "de"), ("is it in deutsch?", "de"), ("what language is it in?", "")],
)
def test_the_language_a_question_asks_about(question: str, language: str) -> None:
    assert wanted_language(read_question(question)) == language


@pytest.mark.parametrize(
    ("filters", "level"),
    [
        (("Novice",), "beginner"),
        (("New to quality improvement",), "beginner"),
        (("Health", "Advanced"), "advanced"),
        (("Health",), ""),
    ],
)
def test_content_filters_mark_a_sessions_level(filters: tuple[str, ...], level: str) -> None:
    assert marked_level(filters) == level


def test_a_language_ruled_out_asks_for_the_programmes_other_languages() -> None:
    from datetime import date

    from assistant.answers.vocabulary import build_vocabulary
    from assistant.programme import Session, make_programme

    day = date(2026, 10, 10)
    sessions = tuple(
        Session(str(n), title, day=day, language=code)
        for n, (title, code) in enumerate(
            (("Typing", "en"), ("MicroPython dans la serre", "fr"), ("Python in de klas", "nl"))
        )
    )
    vocabulary = build_vocabulary(make_programme("PyDay", sessions))
    question = read_question("which talks arent in english? my english isnt great")
    assert read_languages(question, vocabulary.languages).value == ("fr", "nl")


@pytest.mark.parametrize(
    ("question", "formats"),
    [
        ("what oral sessions are on wed afternoon", ("Oral Abstracts",)),
        ("any orals after lunch?", ("Oral Abstracts",)),
        ("any talks on oral anticoagulants?", ()),  # a topic's word, not a format
    ],
)
def test_oral_names_the_oral_format_only_before_a_word_for_sessions(question, formats) -> None:
    from datetime import date

    from assistant.answers.vocabulary import build_vocabulary
    from assistant.programme import Session, make_programme

    day = date(2027, 5, 12)
    sessions = (
        Session("1", "Safer Surgery", format="Oral Abstracts", day=day),
        Session("2", "Sepsis", format="Workshop", day=day),
    )
    vocabulary = build_vocabulary(make_programme("Congress", sessions))
    assert read_formats(read_question(question), vocabulary).value.named == formats
