"""Chunks follow the session's own structure, fit the model's window and keep stable ids."""

from __future__ import annotations

from pathlib import Path

from assistant.programme import Part, Person, Session
from assistant.search.chunker import (
    MAX_WORDS,
    Chunk,
    ChunkKind,
    chunk_session,
    content_hash,
    overview_text,
    people_text,
    split_sentences,
)
from assistant.sources import load_programme

MODEL = "all-MiniLM-L6-v2"
ROOT = Path(__file__).resolve().parents[2]


def _sentence(n: int) -> str:
    return f"Sentence number {n} talks about topic {n} in eight words."


LONG_ABSTRACT = " ".join(_sentence(n) for n in range(60))  # 60 x 10 words

SESSION = Session(
    id="T1",
    code="T1",
    title="Safer wards",
    subtitle="What nurses see",
    format="Workshop",
    stream="People",
    content_filters=("n/a",),
    keywords=("safety", "nursing"),
    chairs=(Person("Ann Chair", organisation="City Hospital", country="England"),),
    parts=(
        Part(
            1,
            "Night shifts",
            "Short abstract. It has two sentences.",
            objectives=("Name two risks.", "Plan one change."),
            speakers=(Person("Bo Speaker", role="Nurse", organisation="Ward 9", country="Wales"),),
        ),
        Part(2, "Long part", LONG_ABSTRACT, speakers=(Person("Cy Speaker"),)),
    ),
)


def test_session_chunks_follow_parts_with_stable_ids() -> None:
    ids = [c.id for c in chunk_session(SESSION, MODEL)]
    assert ids == [
        "T1:overview",
        "T1:part-1:abstract",
        "T1:part-1:objectives",
        "T1:part-2:abstract",
        "T1:part-2:abstract:1",
        "T1:part-2:abstract:2",
        "T1:part-2:abstract:3",
        "T1:part-2:abstract:4",
        "T1:people",
    ]


def test_chunks_carry_session_part_and_kind() -> None:
    chunks = {c.id: c for c in chunk_session(SESSION, MODEL)}
    assert chunks["T1:part-1:objectives"] == Chunk(
        id="T1:part-1:objectives",
        session_id="T1",
        kind=ChunkKind.OBJECTIVES,
        text="Night shifts\nObjectives:\n- Name two risks.\n- Plan one change.",
        content_hash=content_hash(
            "Night shifts\nObjectives:\n- Name two risks.\n- Plan one change.", MODEL
        ),
        part_index=1,
        part_title="Night shifts",
    )
    assert chunks["T1:overview"].part_index is None
    assert chunks["T1:part-2:abstract:1"].part_title == "Long part"


def test_overview_lists_labels_and_skips_na_filters() -> None:
    assert overview_text(SESSION) == (
        "Safer wards\nWhat nurses see\nCode: T1\nFormat: Workshop\nStream: People\n"
        "Keywords: safety, nursing\nChair: Ann Chair"
    )


def test_people_chunk_has_names_roles_organisations_countries() -> None:
    assert people_text(SESSION) == (
        "Chair: Ann Chair, City Hospital; England\n"
        "Speaker: Bo Speaker, Nurse, Ward 9; Wales\n"
        "Speaker: Cy Speaker"
    )


def test_long_abstract_splits_on_sentences_within_the_window() -> None:
    pieces = [c.text for c in chunk_session(SESSION, MODEL) if c.part_index == 2]
    for text in pieces:
        title, body = text.split("\n", 1)
        assert title == "Long part"
        assert len(text.split()) <= MAX_WORDS
        assert body.startswith("Sentence number ") and body.endswith("eight words.")
    # every sentence is in some piece, and consecutive pieces share a sentence (the overlap)
    bodies = [t.split("\n", 1)[1] for t in pieces]
    assert all(_sentence(n) in " ".join(bodies) for n in range(60))
    for first, second in zip(bodies, bodies[1:], strict=False):
        assert first.rsplit(". ", 1)[-1] in second


def test_split_sentences_keeps_short_text_whole() -> None:
    assert split_sentences("One. Two.", 10) == ["One. Two."]


def test_split_sentences_cuts_a_run_on_sentence_by_words() -> None:
    pieces = split_sentences(" ".join(["word"] * 25), 10, overlap_words=0)
    assert [len(p.split()) for p in pieces] == [10, 10, 5]


def test_content_hash_depends_on_text_and_model() -> None:
    assert content_hash("a", MODEL) == content_hash("a", MODEL)
    assert content_hash("a", MODEL) != content_hash("b", MODEL)
    assert content_hash("a", MODEL) != content_hash("a", "other-model")


def test_abstract_given_on_session_and_part_is_chunked_once() -> None:
    session = Session(
        id="10995",
        title="The search for anonymous data",
        abstract="Data is core. Privacy matters.",
        parts=(Part(1, "The search for anonymous data", "Data is core. Privacy matters."),),
    )
    assert [c.id for c in chunk_session(session, MODEL)] == [
        "10995:overview",
        "10995:part-1:abstract",
    ]


def test_session_without_parts_chunks_its_own_abstract_and_objectives() -> None:
    session = Session(id="S", title="Solo", abstract="Only text.", objectives=("Learn.",))
    chunks = chunk_session(session, MODEL)
    assert [(c.id, c.text) for c in chunks] == [
        ("S:overview", "Solo"),
        ("S:abstract", "Solo\nOnly text."),
        ("S:objectives", "Solo\nObjectives:\n- Learn."),
    ]


def test_seed_session_b6_chunks() -> None:
    programme = load_programme([ROOT / "seeds"]).programme
    chunks = chunk_session(programme.sessions[0], MODEL)
    assert [c.id for c in chunks] == [
        "B6:overview",
        "B6:part-1:abstract",
        "B6:part-1:abstract:1",
        "B6:part-1:objectives",
        "B6:part-2:abstract",
        "B6:part-2:objectives",
        "B6:people",
    ]
    people = chunks[-1].text.splitlines()
    assert people[0] == "Chair: Bob Klaber, Imperial College Healthcare NHS Trust; England"
    assert "Speaker: Laura Pozzobon, University Health Network; Canada" in people
