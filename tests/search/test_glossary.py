"""German talks get an English gloss: the Ding dictionary parsed, compounds split, German told apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.programme import Part, Session
from assistant.search.chunker import ChunkKind, chunk_session
from assistant.search.glossary import (
    Glossary,
    gloss,
    is_german,
    language_is_german,
    load_glossary,
    load_glossary_beside,
    looks_english,
    looks_german,
    parse_ding,
    session_language,
    split_compound,
    translate,
)
from assistant.search.store import Manifest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "data" / "glossary" / "de-en"
MODEL = "all-MiniLM-L6-v2"


@pytest.fixture(scope="module")
def entries() -> dict[str, tuple[str, ...]]:
    return parse_ding(SAMPLE.read_text("utf-8"))


def test_parsing_keeps_single_words_without_annotations(
    entries: dict[str, tuple[str, ...]],
) -> None:
    assert entries["akte"] == ("file", "record")
    assert entries["akt"] == ("file", "record")  # a synonym on the same line
    assert entries["akten"] == ("files", "records")  # the plural, from the parallel sub-entry
    assert entries["forschung"] == ("research",)  # '(in/into/on sth.)' is an annotation
    assert entries["software"] == ("piece of software", "software")  # '[mass noun]' dropped
    assert entries["deutsch"] == ("German",)  # '/dt./' and '/Ger./' are abbreviations
    assert "etw. zu den akten legen" not in entries  # phrases are not words


def test_parsing_strips_pronouns_and_to_from_verb_forms(
    entries: dict[str, tuple[str, ...]],
) -> None:
    assert entries["gehen"] == ("go",)
    assert entries["geht"] == ("goes",)
    assert entries["ging"] == ("went",)


def test_a_word_with_several_senses_gives_one_rendering_of_each_first(
    entries: dict[str, tuple[str, ...]],
) -> None:
    assert entries["bahn"] == ("pathway", "rail", "path")


def test_explanations_are_not_translations(entries: dict[str, tuple[str, ...]]) -> None:
    assert entries["patient"] == ("patient",)
    assert entries["patienten"] == ("patients",)


def test_compound_is_split_into_dictionary_words(entries: dict[str, tuple[str, ...]]) -> None:
    assert split_compound("patientenakte", entries) == ["patienten", "akte"]
    assert split_compound("klimafreundlich", entries) == ["klima", "freundlich"]
    assert split_compound("zugverspätungen", entries) == ["zug", "verspätungen"]
    assert split_compound("zierleiste", entries) == []  # no known first part
    # each part rendered as a word is: 'Akte' is a file or a record
    assert translate("patientenakte", entries) == ["patients", "file", "record"]
    assert translate("patientenakte", entries, per_word=1) == ["patients", "file"]
    assert translate("zierleiste", entries) == ["zierleiste"]  # unknown words pass through


def test_inflected_and_hyphenated_words_are_found(entries: dict[str, tuple[str, ...]]) -> None:
    assert translate("elektronische", entries) == ["electronic"]
    assert translate("deutschen", entries) == ["German"]
    assert translate("klima-forschung", entries) == ["climate", "research"]


def test_slang_comes_after_plain_senses_and_whose_is_not_part_of_the_word(
    entries: dict[str, tuple[str, ...]],
) -> None:
    # 'Alter; Bruda [Jugendsprache]' is slang; 'jds. Alter' is a person's age ('sb.’s age')
    assert translate("alter", entries, per_word=3) == ["antiqueness", "chronological age", "ages"]
    assert translate("altersverifikation", entries, per_word=3)[:2] == [
        "antiqueness",
        "chronological age",
    ]


def test_an_inflected_word_is_read_as_its_nearest_form(entries: dict[str, tuple[str, ...]]) -> None:
    # 'Geheimdiensten' is the plural 'Geheimdienste' with an -n, not 'Geheimdienst' with -en
    assert translate("geheimdiensten", entries, per_word=3) == [
        "intelligence services",
        "intelligence agencies",
        "secret services",
    ]


def test_gloss_of_a_german_sentence_keeps_content_words_once(
    entries: dict[str, tuple[str, ...]],
) -> None:
    sentence = "Die elektronische Patientenakte kommt! Wie klimafreundlich ist die Software?"
    assert gloss(sentence, entries) == (
        "electronic patients file record kommt climate friendly kind software"
    )
    assert gloss("BahnMining: Pünktlichkeit und Verspätungen der Bahn", entries) == (
        "pathway rail mining punctuality promptness delays late arrivals"
    )
    assert gloss("BahnMining: Pünktlichkeit", entries, per_word=1) == "pathway mining punctuality"


@pytest.mark.parametrize(
    ("language", "german"),
    [("de", True), ("DE-de", True), ("deu", True), ("German", True), ("Deutsch", True)]
    + [("en", False), ("fr", False), ("english", False)],
)
def test_language_labels_for_german(language: str, german: bool) -> None:
    assert language_is_german(language) is german


GERMAN_ABSTRACT = (
    "Seit Anfang 2019 hat David jeden Halt jeder Zugfahrt gespeichert. Und die werden wir "
    "in einem bunten Vortrag erforschen und mit Daten Spaß haben."
)
ENGLISH_ABSTRACT = (
    "Since early 2019 David has stored every stop of every train. We will explore the data "
    "in a colourful talk, and die trying to have fun with it."
)


def test_unlabelled_text_is_told_german_by_its_function_words() -> None:
    assert looks_german(GERMAN_ABSTRACT)
    assert not looks_german(ENGLISH_ABSTRACT)
    assert not looks_german("Die Antwoord")  # too short to tell


def test_unlabelled_english_text_is_told_by_its_function_words() -> None:
    assert looks_english(ENGLISH_ABSTRACT)
    assert not looks_english(GERMAN_ABSTRACT)


def test_german_means_labelled_german_and_not_described_in_english() -> None:
    assert is_german("de", GERMAN_ABSTRACT)
    assert is_german("de", "Verabschiedung")  # too short to tell: the label decides
    assert not is_german("de", ENGLISH_ABSTRACT)  # a German talk with an English abstract
    assert not is_german("en", GERMAN_ABSTRACT)
    assert is_german("", GERMAN_ABSTRACT)
    assert not is_german("", ENGLISH_ABSTRACT)


def test_a_session_language_is_its_label_or_else_what_its_text_reads_as() -> None:
    german = (
        "Das Tutorial ist eine Einführung in Sphinx und deckt die Grundlagen ab, die man braucht."
    )
    english = (
        "This talk is about the state of the art and what we learned from it in the last year."
    )
    assert session_language(Session("1", "Sphinx", abstract=german)) == "de"
    assert session_language(Session("2", "Talk", abstract=english)) == "en"
    assert session_language(Session("3", "Talk", abstract=english, language="fr")) == "fr"
    assert session_language(Session("4", "Pythonista")) == ""  # too little text to tell


def test_glossary_loads_from_a_path_and_is_off_without_one(tmp_path: Path) -> None:
    loaded = load_glossary(SAMPLE)
    assert loaded is not None
    assert loaded.source == f"{SAMPLE} test 2024-01-01"
    assert loaded.entries["zug"] == ("train",)
    assert load_glossary(tmp_path / "missing") is None


def test_a_glossary_of_some_texts_glosses_them_as_the_whole_dictionary_does() -> None:
    texts = ["BahnMining - Pünktlichkeit ist eine Zier", GERMAN_ABSTRACT]
    whole, some = load_glossary(SAMPLE), load_glossary(SAMPLE, texts)
    assert whole is not None and some is not None
    assert len(some.entries) < len(whole.entries)
    assert "klima" not in some.entries  # no text says it
    for text in texts:
        for per_word in (1, 2):
            assert gloss(text, some.entries, per_word) == gloss(text, whole.entries, per_word)
    session = Session(id="10652", title=texts[0], language="de", abstract=GERMAN_ABSTRACT)
    assert chunk_session(session, MODEL, some) == chunk_session(session, MODEL, whole)


def test_the_dictionary_read_in_another_process_while_the_model_loads_is_the_same() -> None:
    texts = ["BahnMining - Pünktlichkeit ist eine Zier", GERMAN_ABSTRACT]
    ran = []
    beside = load_glossary_beside(SAMPLE, iter(texts), lambda: ran.append("model loaded"))
    assert ran == ["model loaded"]
    assert beside == load_glossary(SAMPLE, texts)


def test_german_session_gets_gloss_chunks_after_its_own(
    entries: dict[str, tuple[str, ...]],
) -> None:
    session = Session(
        id="10652",
        title="BahnMining - Pünktlichkeit ist eine Zier",
        language="de",
        abstract=GERMAN_ABSTRACT,
    )
    chunks = chunk_session(session, MODEL, Glossary(entries, "sample"))
    assert [(c.id, c.kind) for c in chunks] == [
        ("10652:overview", ChunkKind.OVERVIEW),
        ("10652:abstract", ChunkKind.ABSTRACT),
        ("10652:gloss", ChunkKind.GLOSS),
        ("10652:gloss:1", ChunkKind.GLOSS),
    ]
    assert chunks[2].text == "pathway rail path mining punctuality promptness zier"
    assert chunks[3].text.splitlines()[0] == chunks[2].text
    assert chunk_session(session, MODEL) == chunks[:2]  # no glossary: no gloss, same ids


def test_each_paper_of_a_german_panel_is_glossed_under_its_own_title(
    entries: dict[str, tuple[str, ...]],
) -> None:
    session = Session(
        id="P1",
        title="Nachrichtendienste",
        language="de",
        parts=(
            Part(index=1, title="Die Rolle von Geheimdiensten", abstract=GERMAN_ABSTRACT),
            Part(index=2, title="Klima-Forschung"),
        ),
    )
    glosses = [
        c
        for c in chunk_session(session, MODEL, Glossary(entries, "sample"))
        if c.kind is ChunkKind.GLOSS
    ]
    assert [(c.id, c.part_index) for c in glosses] == [
        ("P1:gloss", None),
        ("P1:part-1:gloss", 1),
        ("P1:part-2:gloss", 2),
    ]
    # a title word has three renderings: an English speaker may say any of them
    assert glosses[0].text == "intelligence services intelligence agencies secret services"
    first_paper = glosses[1].text.splitlines()
    assert first_paper[0] == "role part intelligence services intelligence agencies secret services"
    assert "data" in first_paper[1]  # its abstract, glossed after its title
    assert glosses[2].text == "climate research"


def test_english_session_gets_no_gloss(entries: dict[str, tuple[str, ...]]) -> None:
    session = Session(id="E1", title="Train data", language="en", abstract=GERMAN_ABSTRACT)
    unlabelled = Session(id="E2", title="Train data", abstract=ENGLISH_ABSTRACT)
    glossary = Glossary(entries, "sample")
    for s in (session, unlabelled):
        assert all(c.kind is not ChunkKind.GLOSS for c in chunk_session(s, MODEL, glossary))


def test_index_manifest_records_the_glossary_and_older_ones_still_load() -> None:
    manifest = Manifest("m", 384, "flat", 1, 0, 2, glossary="/usr/share/trans/de-en x")
    assert Manifest.from_json(manifest.to_json()).glossary == "/usr/share/trans/de-en x"
    older = manifest.to_json()
    del older["glossary"]
    assert Manifest.from_json(older).glossary is None
