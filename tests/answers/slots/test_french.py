"""French and Spanish questions: the closed class of question, time and event words read in
English, and the language a question is asked in."""

from __future__ import annotations

import pytest

from assistant.answers.slots.phrasebooks import in_english, question_language


@pytest.mark.parametrize(
    ("question", "english"),
    [
        (
            "qui donne la conférence d'ouverture vendredi matin ?",
            "who gives the talk d'ouverture friday morning?",
        ),
        ("des ateliers samedi après-midi ?", "any workshops saturday afternoon?"),
        ("quand est l'atelier Polars ?", "when is the workshop Polars?"),
        ("dans quelle salle est la table ronde ?", "in which room is the panel?"),
        ("qu'est-ce qui se passe en ce moment ?", "what's happening now?"),
        ("quelles conférences en anglais demain ?", "which talks in english tomorrow?"),
        ("d'où vient Marie-Claude Lévesque ?", "where from is Marie-Claude Lévesque?"),
        ("qui anime l'atelier ce soir ?", "who runs the workshop tonight?"),
        ("qui modère la table ronde ?", "who chairs the panel?"),
        ("c'est où ?", "where is it?"),
        ("et qui ?", "and who?"),
    ],
)
def test_french_question_words_are_read_in_english_and_names_kept(question, english):
    assert in_english(question) == english


@pytest.mark.parametrize(
    ("question", "english"),
    [
        ("quoi de prévu à 14h30 ?", "what's on at 14:30?"),
        ("des conférences après 14h ?", "any talks after 14:00?"),
        ("quelque chose entre 14h et 16h ?", "something between 14:00 and 16:00?"),
    ],
)
def test_french_clock_times_are_written_as_the_readers_know_them(question, english):
    assert in_english(question) == english


def test_qui_and_quand_that_join_clauses_are_no_question_words():
    """'les bénévoles qui observent', 'quand les citoyens comptent': relative words, left as typed."""
    english = in_english("y a-t-il une présentation sur les bénévoles qui observent les oiseaux ?")
    assert english.startswith("is there a présentation about")
    assert " qui observent " in english
    assert "who" not in english


@pytest.mark.parametrize(
    ("question", "english"),
    [
        (
            "¿cuándo es la charla sobre el agua en México?",
            "¿when is the talk about the agua in México?",
        ),
        (
            "¿hay talleres el sábado por la tarde?",
            "¿is there workshops the saturday in the afternoon?",
        ),
        ("¿quién habla sobre lenguas indígenas?", "¿who is speaking about lenguas indígenas?"),
        ("¿qué charlas hay en español?", "¿what talks is there in spanish?"),
    ],
)
def test_spanish_question_words_are_read_in_english(question, english):
    assert in_english(question) == english


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("qui donne la conférence d'ouverture ?", "fr"),
        ("des ateliers samedi ?", "fr"),
        ("où est l'atelier Polars ?", "fr"),
        ("y a-t-il une présentation sur les oiseaux ?", "fr"),
        ("c'est quand ?", "fr"),
        ("¿cuándo es la charla sobre el agua?", "es"),
        ("quién habla el viernes", "es"),
        ("an welcher Einrichtung ist Thurid Hustedt?", "de"),
        ("when is 'Science participative : quand les citoyens comptent les oiseaux'?", "en"),
        ("which talks are in Spanish?", "en"),
        ("is there a talk on quand les citoyens comptent les oiseaux?", "en"),
    ],
)
def test_a_question_is_told_by_its_own_question_words_not_the_titles_it_names(question, language):
    assert question_language(question, previous="en") == language


@pytest.mark.parametrize(
    ("question", "english"),
    [
        ("an welcher Einrichtung ist Thurid Hustedt?", "at which institution is Thurid Hustedt?"),
        ("woher kommt Thurid Hustedt?", "where from is Thurid Hustedt?"),
        ("Vorträge auf Englisch?", "talks in english?"),
        ("deutschsprachige Vorträge heute?", "in german talks today?"),
    ],
)
def test_german_asks_for_an_organisation_and_a_language_in_english_words(question, english):
    assert in_english(question) == english
