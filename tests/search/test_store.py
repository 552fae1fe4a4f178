"""Index folders: built aside and swapped in, reused on rebuild, refused with a fix when broken."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from assistant.errors import IndexFolderError
from assistant.programme import Part, Person, Programme, Session, make_programme
from assistant.search.chunker import chunk_programme
from assistant.search.embedder import MODEL_NAME, Embedder
from assistant.search.serialise import encode
from assistant.search.store import (
    CHUNKS_FILE,
    MANIFEST_FILE,
    PROGRAMME_FILE,
    REBUILD_FILE,
    VECTORS_FILE,
    build_index,
    load_index,
    make_index,
    search,
    session_fingerprints,
)
from assistant.sources import LoadedProgramme

MODEL = MODEL_NAME


class CountingEmbedder(Embedder):
    """The real embedder (sharing the loaded model) that counts the texts it is asked to embed."""

    def __init__(self, real: Embedder) -> None:
        super().__init__()
        self._model = real._load()
        self.embedded: list[str] = []

    def embed(
        self,
        texts: Sequence[str],
        progress: bool = False,
        done: Callable[[int], None] | None = None,
    ) -> np.ndarray:
        self.embedded.extend(texts)
        return super().embed(texts, progress, done)


class FailingEmbedder(CountingEmbedder):
    """A real embedder whose build is interrupted as it starts embedding."""

    def embed(
        self,
        texts: Sequence[str],
        progress: bool = False,
        done: Callable[[int], None] | None = None,
    ) -> np.ndarray:
        raise KeyboardInterrupt


def _programme(abstract_two: str = "Trains run late; we measured every stop.") -> Programme:
    return make_programme(
        "Test forum",
        (
            Session(
                id="T1",
                title="Safer wards",
                format="Workshop",
                parts=(
                    Part(
                        1,
                        "Night shifts",
                        "Nurses see risks at night.",
                        speakers=(Person("Ann Nurse", organisation="Ward 9"),),
                    ),
                ),
            ),
            Session(
                id="T2",
                title="Railway punctuality",
                parts=(
                    Part(1, "Railway punctuality", abstract_two, speakers=(Person("Dee Rail"),)),
                ),
            ),
            Session(id="T3", title="Energy of software", abstract="Code uses power."),
        ),
    )


def _loaded(programme: Programme, source: Path) -> LoadedProgramme:
    return LoadedProgramme(programme, (), (source,))


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "forum.txt"
    path.write_text("stands in for the programme file\n")
    return path


@pytest.fixture
def counting(embedder: Embedder) -> CountingEmbedder:
    return CountingEmbedder(embedder)


@pytest.fixture
def built(tmp_path: Path, source: Path, counting: CountingEmbedder) -> Path:
    index_dir = tmp_path / "index" / "current"
    build_index(_loaded(_programme(), source), index_dir, counting, progress=False)
    return index_dir


def test_built_folder_holds_programme_chunks_vectors_and_manifest(
    built: Path, source: Path
) -> None:
    assert sorted(p.name for p in built.iterdir()) == sorted(
        [CHUNKS_FILE, MANIFEST_FILE, PROGRAMME_FILE, REBUILD_FILE, VECTORS_FILE]
    )
    index = load_index(built)
    assert index.programme == _programme()
    assert index.chunks == chunk_programme(_programme(), MODEL)
    assert index.vectors.shape == (len(index.chunks), 384)
    assert np.allclose(np.linalg.norm(index.vectors, axis=1), 1.0, atol=1e-5)
    manifest = index.manifest
    assert (manifest.model, manifest.dimension, manifest.index_kind) == (MODEL, 384, "flat")
    assert (manifest.session_count, manifest.people_count, manifest.chunk_count) == (3, 2, 8)
    assert manifest.sources[0].path == str(source)
    assert manifest.sources[0].sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
    assert manifest.embedded_count == 8 and manifest.reused_count == 0
    assert [p.name for p in built.parent.iterdir()] == ["current"]  # no temp or trash left


def test_rebuild_after_editing_one_session_embeds_only_its_changed_chunks(
    built: Path, source: Path, counting: CountingEmbedder
) -> None:
    counting.embedded.clear()
    edited = _programme(abstract_two="Trains run late; we measured every stop in 2019.")
    manifest = build_index(_loaded(edited, source), built, counting, progress=False)
    assert counting.embedded == [
        "Railway punctuality\nTrains run late; we measured every stop in 2019."
    ]
    assert (manifest.embedded_count, manifest.reused_count) == (1, 7)
    index = load_index(built)
    assert index.programme == edited
    # the reused vectors are the ones the model gives for those texts
    fresh = counting.embed([c.text for c in index.chunks])
    assert np.allclose(index.vectors, fresh, atol=1e-5)


def test_rebuild_of_an_unchanged_programme_embeds_nothing(
    built: Path, source: Path, counting: CountingEmbedder
) -> None:
    counting.embedded.clear()
    build_index(_loaded(_programme(), source), built, counting, progress=False)
    assert counting.embedded == []


def test_rebuild_after_adding_removing_and_moving_sessions_equals_a_fresh_build(
    tmp_path: Path, built: Path, source: Path, counting: CountingEmbedder
) -> None:
    first, second, third = _programme().sessions
    added = Session(id="T4", title="Quiet hospitals", abstract="Noise keeps patients awake.")
    changed = make_programme("Test forum", (third, added, replace(first, room="Hall 2")))
    counting.embedded.clear()
    build_index(_loaded(changed, source), built, counting, progress=False)
    # only the new session is embedded: a new room cuts T1 again, but into the same texts
    assert counting.embedded == ["Quiet hospitals", "Quiet hospitals\nNoise keeps patients awake."]
    fresh = tmp_path / "fresh"
    build_index(_loaded(changed, source), fresh, counting, progress=False)
    rebuilt, scratch = load_index(built), load_index(fresh)
    assert rebuilt.programme == scratch.programme == changed
    assert rebuilt.chunks == scratch.chunks == chunk_programme(changed, MODEL)
    assert np.allclose(rebuilt.vectors, scratch.vectors, atol=1e-6)


def test_index_without_its_rebuild_record_is_still_reused_by_chunk_text(
    built: Path, source: Path, counting: CountingEmbedder
) -> None:
    (built / REBUILD_FILE).unlink()  # as an index from before the record existed
    counting.embedded.clear()
    build_index(_loaded(_programme(), source), built, counting, progress=False)
    assert counting.embedded == []
    assert (built / REBUILD_FILE).is_file()


def test_rebuild_record_that_disagrees_with_the_chunks_is_not_trusted(
    built: Path, source: Path, counting: CountingEmbedder
) -> None:
    record = json.loads((built / REBUILD_FILE).read_text())
    record["chunk_counts"][0] += 1  # the rows no longer line up with the sessions
    (built / REBUILD_FILE).write_text(json.dumps(record))
    build_index(_loaded(_programme(), source), built, counting, progress=False)
    index = load_index(built)
    assert index.chunks == chunk_programme(_programme(), MODEL)
    assert np.allclose(index.vectors, counting.embed([c.text for c in index.chunks]), atol=1e-5)


def test_session_fingerprint_follows_content_model_and_glossary() -> None:
    one, other = encode(_programme().sessions[0]), encode(_programme().sessions[1])
    base = session_fingerprints([one, other], MODEL, "")
    assert base == session_fingerprints([one, other], MODEL, "")
    assert base[0] != base[1]
    assert session_fingerprints([one], "another-model", "")[0] != base[0]
    assert session_fingerprints([one], MODEL, "/usr/share/trans/de-en 1.9")[0] != base[0]


def test_cache_folder_serves_a_new_index_folder(
    tmp_path: Path, source: Path, counting: CountingEmbedder
) -> None:
    cache = tmp_path / "cache"
    build_index(_loaded(_programme(), source), tmp_path / "a", counting, False, cache)
    counting.embedded.clear()
    build_index(_loaded(_programme(), source), tmp_path / "b", counting, False, cache)
    assert counting.embedded == []


def test_interrupted_build_leaves_previous_index_whole(
    built: Path, source: Path, embedder: Embedder
) -> None:
    before = {p.name: p.read_bytes() for p in built.iterdir()}
    with pytest.raises(KeyboardInterrupt):
        build_index(
            _loaded(_programme("Changed."), source),
            built,
            FailingEmbedder(embedder),
            progress=False,
        )
    assert {p.name: p.read_bytes() for p in built.iterdir()} == before
    assert [p.name for p in built.parent.iterdir()] == ["current"]


def test_failed_write_removes_the_temporary_folder(
    built: Path, source: Path, counting: CountingEmbedder
) -> None:
    broken = replace(_programme(), title=object())  # type: ignore[arg-type]
    before = (built / MANIFEST_FILE).read_bytes()
    with pytest.raises(ValueError, match="cannot store a object"):
        build_index(_loaded(broken, source), built, counting, progress=False)
    assert (built / MANIFEST_FILE).read_bytes() == before
    assert [p.name for p in built.parent.iterdir()] == ["current"]


def test_missing_folder_says_what_to_run(tmp_path: Path) -> None:
    folder = tmp_path / "index" / "current"
    with pytest.raises(IndexFolderError) as error:
        load_index(folder)
    assert str(error.value) == (
        f"{folder}: no index folder; build it with: programme-assistant build --index {folder} PATH"
    )


@pytest.mark.parametrize("missing", [MANIFEST_FILE, PROGRAMME_FILE, CHUNKS_FILE, VECTORS_FILE])
def test_partial_folder_names_the_missing_file(built: Path, missing: str) -> None:
    (built / missing).unlink()
    with pytest.raises(IndexFolderError) as error:
        load_index(built)
    assert str(error.value) == (
        f"{built}: no {missing}; build it with: programme-assistant build --index {built} PATH"
    )


@pytest.mark.parametrize(
    ("broken", "content"),
    [
        (MANIFEST_FILE, "{not json"),
        (PROGRAMME_FILE, '{"format": "something else"}'),
        (CHUNKS_FILE, '{"id": "T1:overview"}\n'),
        (VECTORS_FILE, "not a faiss index"),
    ],
)
def test_corrupt_file_is_named_with_the_rebuild_command(
    built: Path, broken: str, content: str
) -> None:
    (built / broken).write_text(content)
    with pytest.raises(IndexFolderError) as error:
        load_index(built)
    message = str(error.value)
    assert message.startswith(f"{built / broken}: corrupt (")
    assert message.endswith(f"; rebuild it with: programme-assistant build --index {built} PATH")


def test_manifest_of_another_model_is_refused(built: Path) -> None:
    manifest = json.loads((built / MANIFEST_FILE).read_text())
    manifest.update(model="bge-small-en", dimension=512)
    (built / MANIFEST_FILE).write_text(json.dumps(manifest))
    with pytest.raises(IndexFolderError) as error:
        load_index(built)
    assert str(error.value) == (
        f"{built}: built with model bge-small-en (512 dimensions), this assistant uses "
        f"all-MiniLM-L6-v2-bf16 (384 dimensions); rebuild it with: "
        f"programme-assistant build --index {built} PATH"
    )


def test_dimension_mismatch_is_refused(built: Path) -> None:
    with pytest.raises(
        IndexFolderError,
        match=r"\(384 dimensions\), this assistant uses "
        r"all-MiniLM-L6-v2-bf16 \(768 dimensions\)",
    ):
        load_index(built, dimension=768)


def test_chunk_count_that_disagrees_with_vectors_is_refused(built: Path) -> None:
    lines = (built / CHUNKS_FILE).read_text().splitlines(keepends=True)
    (built / CHUNKS_FILE).write_text("".join(lines[:-1]))
    with pytest.raises(IndexFolderError, match="8 vectors, 7 chunks and a manifest of 8 chunks"):
        load_index(built)


def test_search_finds_the_chunk_nearest_a_question(built: Path, embedder: Embedder) -> None:
    index = load_index(built)
    scores, positions = index.search(embedder.embed_query("punctual trains"), 3)
    assert index.chunks[positions[0]].session_id == "T2"
    assert list(scores) == sorted(scores, reverse=True)
    assert -1.0 <= scores[-1] <= scores[0] <= 1.0


def _clustered(count: int, queries: int, dimension: int = 384) -> tuple[np.ndarray, np.ndarray]:
    """Unit vectors in topic clusters, and questions near those topics (like sentence embeddings;
    uniformly random vectors have no meaningful neighbours)."""
    rng = np.random.default_rng(7)
    centres = rng.normal(size=(64, dimension))

    def sample(n: int) -> np.ndarray:
        vectors = centres[rng.integers(0, 64, n)] + 1.2 * rng.normal(size=(n, dimension))
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors.astype(np.float32)

    return sample(count), sample(queries)


def test_hnsw_recall_at_10_against_exact_search() -> None:
    vectors, queries = _clustered(6000, 200)
    flat = make_index(vectors, hnsw_threshold=len(vectors))
    hnsw = make_index(vectors, hnsw_threshold=100)
    assert type(flat).__name__ == "IndexFlatIP" and type(hnsw).__name__ == "IndexHNSWFlat"
    _, exact = search(flat, queries, 10)
    _, approximate = search(hnsw, queries, 10)
    recall = np.mean([len(set(a) & set(e)) / 10 for a, e in zip(approximate, exact, strict=True)])
    assert recall >= 0.95


def test_large_programmes_get_an_hnsw_index_that_loads_and_searches(
    tmp_path: Path, source: Path, counting: CountingEmbedder
) -> None:
    manifest = build_index(
        _loaded(_programme(), source), tmp_path / "i", counting, False, hnsw_threshold=4
    )
    assert manifest.index_kind == "hnsw"
    index = load_index(tmp_path / "i")
    _, positions = index.search(index.vectors[2], 1)
    assert positions.tolist() == [2]
