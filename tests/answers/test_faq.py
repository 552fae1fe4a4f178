"""The FAQ: Markdown entries, logistics questions told from programme questions, FAQ replies."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from assistant.answers.engine import Assistant
from assistant.answers.faq import INFORMATION_DESK, Faq, named_in_full
from assistant.answers.logistics import asks_programme, concepts_named
from assistant.search.store import FAQ_FILE, build_index
from assistant.sources import load_programme
from assistant.sources.faq_file import FaqEntry, merge_entries, parse_faq, read_faq, split_faq

ROOT = Path(__file__).resolve().parents[2]
FAQ = """# Forum FAQ

Anything before the first question is left out.

## Is there Wi-Fi? {#wifi}
Yes: join **Forum-Guest**;
the password is on your badge.

## Is lunch included?
Lunch is served in the hall from 12:30.

- vegetarian and vegan dishes
- gluten-free on request

## Where can I leave my coat?
In the cloakroom by the main entrance.
"""
ENTRIES = parse_faq(FAQ, "faq.md").entries


def test_a_faq_file_gives_one_entry_per_heading_with_its_id_and_line() -> None:
    assert ENTRIES == (
        FaqEntry(
            "wifi",
            "Is there Wi-Fi?",
            "Yes: join **Forum-Guest**; the password is on your badge.",
            "faq.md:5",
        ),
        FaqEntry(
            "lunch-included",
            "Is lunch included?",
            "Lunch is served in the hall from 12:30.\n\n"
            "- vegetarian and vegan dishes\n- gluten-free on request",
            "faq.md:9",
        ),
        FaqEntry(
            "leave-coat",
            "Where can I leave my coat?",
            "In the cloakroom by the main entrance.",
            "faq.md:15",
        ),
    )
    assert [e.url for e in ENTRIES] == ["/faq#wifi", "/faq#lunch-included", "/faq#leave-coat"]


def test_a_question_without_an_answer_and_a_repeated_id_are_problems_with_their_lines() -> None:
    parsed = parse_faq(
        "## Is there Wi-Fi? {#wifi}\n\n## Wifi {#wifi}\nYes.\n## Lunch? {#wifi}\nNo."
    )
    assert [str(p) for p in parsed.problems] == [
        "faq.md:1: the question 'Is there Wi-Fi?' has no answer",
        "faq.md:5: the id 'wifi' is already used at faq.md:3; give one of them another with "
        "{#another-id}",
    ]
    assert [e.question for e in parsed.entries] == ["Wifi"]


def test_the_desks_entries_replace_extend_and_remove_the_files() -> None:
    desk = [
        FaqEntry("wifi", "Is there Wi-Fi?", "Yes: Forum-2025.", "desk"),
        FaqEntry("leave-coat", "Where can I leave my coat?", "", "desk"),
        FaqEntry("parking", "Is there parking?", "No.", "desk"),
    ]
    merged = merge_entries(ENTRIES, desk)
    assert [(e.id, e.answer[:10]) for e in merged] == [
        ("lunch-included", "Lunch is s"),
        ("wifi", "Yes: Forum"),
        ("parking", "No."),
    ]


def test_a_faq_md_in_a_programme_folder_is_read_as_the_faq_not_as_the_programme(
    tmp_path: Path,
) -> None:
    shutil.copy(ROOT / "seeds" / "forum.txt", tmp_path / "forum.txt")
    (tmp_path / FAQ_FILE).write_text(FAQ, "utf-8")
    programme_paths, faq_paths = split_faq([tmp_path])
    assert faq_paths == (tmp_path / FAQ_FILE,)
    assert load_programme(programme_paths).programme.sessions[0].id == "B6"
    assert [e.id for e in read_faq(faq_paths).entries] == ["wifi", "lunch-included", "leave-coat"]


@pytest.mark.parametrize(
    ("question", "concepts"),
    [
        ("is lunch included?", ["food"]),
        ("is there wifi?", ["wifi"]),
        ("where can I get coffee?", ["drinks"]),
        ("where do I leave my coat?", ["cloakroom"]),
        ("is the venue wheelchair accessible?", ["accessibility"]),
        ("how much are tickets?", ["tickets"]),
        ("can I bring my children?", ["childcare"]),
        ("when does registration open?", ["registration"]),
        ("is there wifi and lunch?", ["wifi", "food"]),
        # a concept's word naming a talk's subject, or a time of day, is the programme's
        ("wifi security talks?", []),
        ("what's on after lunch?", []),
    ],
)
def test_logistics_concepts_are_named_by_their_words(question: str, concepts: list[str]) -> None:
    assert [c.id for c in concepts_named(question)] == concepts


@pytest.mark.parametrize(
    ("question", "programme"),
    [
        ("is there a talk about wifi security?", True),
        ("anything on accessibility?", True),
        ("something for kids?", True),
        ("what's on in the afternoon?", True),
        ("is the keynote recorded?", True),
        ("is lunch included?", False),
        ("where can I charge my phone?", False),
        # in French, German or Spanish too: a talk about the office coffee machine
        ("c'est dans quelle salle le talk sur la machine a cafe du bureau", True),
        ("wo ist der Vortrag über Kaffeemaschinen?", True),
        ("où est la machine à café ?", False),
    ],
)
def test_a_question_about_talks_on_a_subject_is_a_programme_question(
    question: str, programme: bool
) -> None:
    assert asks_programme(question) is programme


def test_a_name_counts_only_when_spelt_out_in_full() -> None:
    assert named_in_full("when is David Kriesel speaking?", ["David Kriesel"])
    assert not named_in_full("how do I connect to the congress wifi?", ["cyber~Congress"])


@pytest.fixture(scope="module")
def faq(embedder: Any) -> Faq:
    return Faq(ENTRIES, embedder)


@pytest.mark.parametrize(
    ("question", "entry", "concept"),
    [
        ("what's the wifi password?", "wifi", "wifi"),
        ("can I get online at the venue?", "wifi", "wifi"),
        ("do you cater for vegans?", "lunch-included", "food"),
        ("will there be food at midday?", "lunch-included", "food"),
        ("is there a coat check?", "leave-coat", "cloakroom"),
        ("where can I get coffee?", None, "drinks"),
        ("is there childcare?", None, "childcare"),
        ("can I park my car at the venue?", None, "travel"),
    ],
)
def test_a_logistics_question_finds_its_entry_or_none(
    faq: Faq, question: str, entry: str | None, concept: str
) -> None:
    found = faq.match(question)
    assert found is not None
    assert [e.id for e in found.entries] == ([entry] if entry else [])
    assert found.concept is not None and found.concept.id == concept


@pytest.mark.parametrize(
    "question",
    [
        "is there a talk about wifi security?",
        "when is Laura Pozzobon speaking?",
        "who chairs B6?",
        "what's on after lunch?",
        "is the keynote recorded?",
        "what time does it start?",
        "which room?",
        "just grabbed a tea, anything happening rn?",  # the tea is chatter, not the question
    ],
)
def test_a_programme_question_is_left_to_the_programme(faq: Faq, question: str) -> None:
    assert faq.match(question) is None


class AskedEmbedder:
    """The real embedder, noting the questions it is asked to embed."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.asked: list[str] = []

    def embed(self, texts: Any, progress: bool = False) -> Any:
        return self.real.embed(texts, progress)

    def embed_query(self, text: str) -> Any:
        self.asked.append(text)
        return self.real.embed_query(text)


def test_without_entries_a_programme_question_costs_no_model_run(embedder: Any) -> None:
    asked = AskedEmbedder(embedder)
    without = Faq((), asked)
    for question in ("is there a talk about wifi security?", "who chairs B6?"):
        assert without.match(question) is None
    assert without.match("is the keynote recorded?", names_programme=True) is None
    assert asked.asked == []  # nothing to compare its vector with
    found = without.match("do you cater for vegans?")  # a concept only its vector finds
    assert found is not None and found.concept is not None and found.concept.id == "food"
    assert asked.asked == ["do you cater for vegans?"]


@pytest.fixture(scope="module")
def seed_with_faq(
    tmp_path_factory: pytest.TempPathFactory, embedder: Any, embedding_cache: Path
) -> Assistant:
    index_dir = tmp_path_factory.mktemp("seed-faq") / "index"
    loaded = load_programme([ROOT / "seeds"])
    build_index(loaded, index_dir, embedder, progress=False, cache_dir=embedding_cache, faq=FAQ)
    return Assistant.load(index_dir, embedder)


def test_an_faq_answer_cites_the_entry_with_its_anchor(seed_with_faq: Assistant) -> None:
    reply = seed_with_faq.reply("is there wifi?").to_json()
    assert reply["answer"] == "Yes: join **Forum-Guest**; the password is on your badge."
    assert reply["abstained"] is False
    assert reply["citations"] == [
        {
            "session_id": "faq:wifi",
            "title": "Is there Wi-Fi?",
            "part": "",
            "url": "/faq#wifi",
            "snippet": "Yes: join **Forum-Guest**; the password is on your badge.",
        }
    ]
    assert reply["context"]["asks"] == ["faq"]


def test_a_logistics_question_without_an_entry_goes_to_the_information_desk(
    seed_with_faq: Assistant,
) -> None:
    reply = seed_with_faq.reply("where can I get coffee?")
    assert (reply.answer, reply.abstained, reply.citations) == (INFORMATION_DESK, True, ())


def test_programme_questions_are_still_answered_from_the_programme(
    seed_with_faq: Assistant,
) -> None:
    reply = seed_with_faq.reply("who chairs the co-production workshop?")
    assert [c.session_id for c in reply.citations] == ["B6"]
    assert "Bob Klaber" in reply.answer


def test_an_faq_edited_on_the_desk_answers_at_once(seed_with_faq: Assistant) -> None:
    before = seed_with_faq.faq
    desk = FaqEntry("coffee", "Where can I get coffee?", "At the bar in the foyer.", "desk")
    seed_with_faq.faq = before.with_entries(merge_entries(before.entries, [desk]), "Ask Jo.")
    try:
        assert seed_with_faq.reply("where can I get a coffee?").answer == (
            "At the bar in the foyer."
        )
        assert seed_with_faq.reply("is there childcare?").answer == "Ask Jo."
    finally:
        seed_with_faq.faq = before


def test_build_reads_faq_md_beside_the_programme_and_ask_cites_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from assistant.cli import main

    folder = tmp_path / "programme"
    folder.mkdir()
    shutil.copy(ROOT / "seeds" / "forum.txt", folder / "forum.txt")
    (folder / FAQ_FILE).write_text(FAQ, "utf-8")
    index_dir = tmp_path / "index"
    assert main(["check", str(folder)]) == 0
    assert "faq: 3 entries" in capsys.readouterr().out
    assert main(["build", "--quiet", "--index", str(index_dir), str(folder)]) == 0
    built = capsys.readouterr().out.splitlines()
    assert built[0] == f"built {index_dir}: 1 sessions, 7 chunks, 3 FAQ entries"
    assert (index_dir / FAQ_FILE).read_text("utf-8") == FAQ.strip()
    assert main(["ask", "--index", str(index_dir), "--json", "is lunch included?"]) == 0
    reply = json.loads(capsys.readouterr().out)
    assert [c["session_id"] for c in reply["citations"]] == ["faq:lunch-included"]
