"""The index folder: vectors, programme, chunks and manifest, built aside and swapped in; the only faiss import."""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import orjson

import assistant.programme
import assistant.search.chunker
import assistant.search.glossary
from assistant.config import Budget
from assistant.errors import BudgetError, IndexFolderError
from assistant.programme import Programme, Session
from assistant.search.chunker import (
    Chunk,
    ChunkKind,
    chunk_session,
    glossed_texts,
    session_is_german,
)
from assistant.search.embedder import DIMENSION, MODEL_NAME
from assistant.search.glossary import DING_PATH, glossary_source, load_glossary_beside
from assistant.search.serialise import encode, programme_from_json, programme_json

if TYPE_CHECKING:
    from assistant.search.embedder import Embedder
    from assistant.sources import LoadedProgramme

import faiss

FORMAT_VERSION = 1
VECTORS_FILE = "vectors.faiss"
PROGRAMME_FILE = "programme.json"
CHUNKS_FILE = "chunks.jsonl"
MANIFEST_FILE = "manifest.json"
FAQ_FILE = "faq.md"  # the organisers' FAQ as built with the programme; optional
INDEX_FILES = (MANIFEST_FILE, PROGRAMME_FILE, CHUNKS_FILE, VECTORS_FILE)
# Not needed to answer, only to rebuild quickly: each session's fingerprint and chunk count,
# each chunk's content hash (an index without it is rebuilt by chunk text alone).
REBUILD_FILE = "rebuild.json"

# Measured on 2 cores (bench/index_bench.py): a flat scan of 60,000 x 384 takes ~4 ms a query,
# 200,000 ~15 ms; building HNSW over 60,000 takes ~20 s, which every rebuild would pay. So
# exact search up to 150,000 chunks (~50,000 sessions), HNSW (sub-millisecond) beyond.
HNSW_THRESHOLD = 150_000
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 256  # recall@10 0.98 on real 60k vectors (128: 0.90-0.96)

CACHE_FILE = "embeddings-{model}.npz"
EMBED_STEP = 64  # texts embedded between two progress reports, at least

# A build's progress: (stage, done, total), stage one of 'chunking', 'embedding', 'writing'.
Report = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A programme file the index was built from, with its checksum."""

    path: str
    sha256: str
    bytes: int


@dataclass(frozen=True, slots=True)
class Manifest:
    """What an index folder holds and how it was built (manifest.json)."""

    model: str
    dimension: int
    index_kind: str
    session_count: int
    people_count: int
    chunk_count: int
    sources: tuple[SourceFile, ...] = ()
    programme_title: str = ""
    built_at: str = ""
    build_seconds: float = 0.0
    embedded_count: int = 0
    reused_count: int = 0
    format_version: int = FORMAT_VERSION
    glossary: str | None = None  # the German-English dictionary German sessions were glossed with
    # What the folder serves, from its content: equal on two replicas = the same answers.
    # Empty in folders built before it existed.
    index_version: str = ""

    def to_json(self) -> dict[str, Any]:
        """The manifest as JSON values."""
        data = asdict(self)
        data["sources"] = [asdict(s) for s in self.sources]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Manifest:
        """The manifest a manifest.json holds (KeyError/TypeError when it is not one)."""
        known = {f for f in cls.__dataclass_fields__}
        values = {k: v for k, v in data.items() if k in known}
        values["sources"] = tuple(SourceFile(**s) for s in data.get("sources", ()))
        return cls(**values)


@dataclass(frozen=True, slots=True)
class LoadedIndex:
    """An index folder read into memory: the programme, its chunks, their vectors and the manifest."""

    path: Path
    programme: Programme
    chunks: tuple[Chunk, ...]
    index: Any  # faiss.Index: positions are positions in `chunks`
    manifest: Manifest
    vectors: np.ndarray = field(repr=False)  # chunk vectors (a view on the index's own storage)
    faq: str = ""  # the FAQ's Markdown, when the programme came with one

    def search(self, vector: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The k nearest chunks to a query vector: (cosine scores, chunk positions), best first."""
        return search(self.index, vector, k)


def build_index(
    loaded: LoadedProgramme,
    index_dir: Path,
    embedder: Embedder,
    progress: bool = True,
    cache_dir: Path | None = None,
    hnsw_threshold: int = HNSW_THRESHOLD,
    glossary_path: Path = DING_PATH,
    faq: str | None = None,
    report: Report | None = None,
    max_chunks: int | None = None,
) -> Manifest:
    """Build the index of a programme into index_dir, replacing what is there only on success;
    more than max_chunks chunks raise BudgetError before anything is embedded.

    A session unchanged since the index already in index_dir keeps its chunks and vectors as
    they are; a changed one is chunked again, and only its chunks with new text are embedded
    (vectors are also looked up by text in cache_dir when given). The FAQ's Markdown, when
    given, is kept in the folder beside the programme. report(stage, done, total) hears how
    far it is: 'chunking' (sessions), 'embedding' (chunks), 'writing'."""
    started = time.perf_counter()
    index_dir = Path(index_dir)
    programme = loaded.programme
    german = any(session_is_german(s) for s in programme.sessions)
    glossary = glossary_source(glossary_path) if german else None
    encoded_sessions = [encode(session) for session in programme.sessions]
    previous = _previous_index(index_dir, embedder)
    cut = _cut(
        programme,
        encoded_sessions,
        embedder.name,
        glossary,
        glossary_path,
        previous,
        report,
        max_chunks,
        meanwhile=embedder.load,
    )

    if len(previous.vectors):  # one copy into a new array (a 20k programme's are 90 MB)
        vectors = np.take(previous.vectors, np.maximum(cut.reused_rows, 0), axis=0)
    else:
        vectors = np.empty((len(cut.lines), embedder.dimension), dtype=np.float32)
    new_rows = np.flatnonzero(cut.reused_rows < 0).tolist()
    missing = {cut.cut_again[row].content_hash: cut.cut_again[row].text for row in new_rows}
    cache_path = cache_dir / CACHE_FILE.format(model=embedder.name) if cache_dir else None
    found = _read_cache(cache_path, embedder.dimension) if cache_path and missing else {}
    to_embed = [(h, text) for h, text in missing.items() if h not in found]
    if report is not None:
        report("embedding", 0, len(to_embed))
    if to_embed:
        fresh = _embed([text for _, text in to_embed], embedder, progress, report)
        found.update(zip((h for h, _ in to_embed), fresh, strict=True))
        if cache_path is not None:
            _write_cache(cache_path, {h: found[h] for h in missing})
    for row in new_rows:
        vectors[row] = found[cut.cut_again[row].content_hash]

    index = make_index(vectors, hnsw_threshold)
    programme_bytes = programme_json(programme, encoded_sessions)
    manifest = Manifest(
        model=embedder.name,
        dimension=embedder.dimension,
        index_kind="hnsw" if isinstance(index, faiss.IndexHNSWFlat) else "flat",
        session_count=len(programme.sessions),
        people_count=len(programme.people),
        chunk_count=len(cut.lines),
        sources=tuple(_source_file(p) for p in loaded.files),
        programme_title=programme.title,
        built_at=datetime.now(UTC).isoformat(timespec="seconds"),
        build_seconds=round(time.perf_counter() - started, 3),
        embedded_count=len(to_embed),
        reused_count=len(cut.lines) - len(to_embed),
        glossary=glossary,
        index_version=content_version(programme_bytes, cut.lines, embedder.name),
    )
    if report is not None:
        report("writing", 0, 1)
    _write_folder(index_dir, programme_bytes, cut, index, manifest, faq)
    return manifest


def content_version(programme: bytes, chunk_lines: Sequence[bytes], model_name: str) -> str:
    """The index version: a hash of the stored programme, its chunks and the model (16 hex)."""
    digest = hashlib.blake2b(digest_size=8)
    digest.update(f"{FORMAT_VERSION}\0{model_name}\0".encode())
    digest.update(programme)
    for line in chunk_lines:
        digest.update(line)
        digest.update(b"\n")
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class _Previous:
    """What a rebuild can take from the index it replaces: chunk lines and their vectors."""

    lines: list[bytes]  # chunks.jsonl, a line a chunk, without the newline
    hashes: list[str]  # the content hash of each line's chunk
    index: Any  # the faiss index, which owns the memory of `vectors`
    vectors: np.ndarray  # row i is the vector of lines[i]
    sessions: dict[str, range]  # session fingerprint -> the rows of that session's chunks
    rows_by_hash: dict[str, int]  # chunk content hash -> a row with that text


@dataclass(frozen=True, slots=True)
class _Cut:
    """The new index's chunk lines with their content hashes; each session's fingerprint and
    chunk count; the chunks of changed sessions, by row; and for each row the previous row
    holding its vector (-1: none does, it is to be embedded)."""

    lines: list[bytes]
    hashes: list[str]
    fingerprints: list[str]
    chunk_counts: list[int]
    cut_again: dict[int, Chunk]
    reused_rows: np.ndarray

    def rebuild_json(self) -> bytes:
        """What the next rebuild reads from REBUILD_FILE."""
        return orjson.dumps(
            {
                "fingerprints": self.fingerprints,
                "chunk_counts": self.chunk_counts,
                "content_hashes": self.hashes,
            }
        )


def _cut(
    programme: Programme,
    encoded_sessions: Sequence[bytes],
    model_name: str,
    glossary_name: str | None,
    glossary_path: Path,
    previous: _Previous,
    report: Report | None = None,
    max_chunks: int | None = None,
    meanwhile: Callable[[], object] = lambda: None,
) -> _Cut:
    """Every session's chunk lines: reused whole when the session is unchanged, else cut again.

    The dictionary is parsed (a second or two) only when a German session has to be glossed
    again, for the words of those sessions only, and dropped once they are cut; meanwhile()
    runs while it is parsed (a build loads the model: new German chunks are to be embedded)."""
    lines: list[bytes] = []
    hashes: list[str] = []
    counts: list[int] = []
    cut_again: dict[int, Chunk] = {}
    rows: list[int] = []
    fingerprints = session_fingerprints(encoded_sessions, model_name, glossary_name or "")
    to_gloss = {  # positions of the German sessions to cut again
        number
        for number, (session, fingerprint) in enumerate(
            zip(programme.sessions, fingerprints, strict=True)
        )
        if glossary_name is not None
        and fingerprint not in previous.sessions
        and session_is_german(session)
    }
    texts = (t for n in sorted(to_gloss) for t in glossed_texts(programme.sessions[n]))
    glossary = load_glossary_beside(glossary_path, texts, meanwhile) if to_gloss else None
    every = max(1, len(fingerprints) // 100)  # about a hundred reports however large
    for number, (session, fingerprint) in enumerate(
        zip(programme.sessions, fingerprints, strict=True)
    ):
        if report is not None and number % every == 0:
            report("chunking", number, len(fingerprints))
        kept = previous.sessions.get(fingerprint)
        if kept is not None:
            lines.extend(previous.lines[kept.start : kept.stop])
            hashes.extend(previous.hashes[kept.start : kept.stop])
            rows.extend(kept)
            counts.append(len(kept))
            _check_chunks(len(lines), max_chunks, session)
            continue
        chunks = chunk_session(session, model_name, glossary if number in to_gloss else None)
        for chunk in chunks:
            cut_again[len(lines)] = chunk
            lines.append(orjson.dumps(chunk_to_json(chunk)))
            hashes.append(chunk.content_hash)
            rows.append(previous.rows_by_hash.get(chunk.content_hash, -1))
        counts.append(len(chunks))
        _check_chunks(len(lines), max_chunks, session)
    return _Cut(lines, hashes, fingerprints, counts, cut_again, np.array(rows, dtype=np.int64))


def _check_chunks(count: int, cap: int | None, session: Session) -> None:
    """BudgetError at the session whose chunks pass the cap."""
    if cap is not None and count > cap:
        where = session.source
        raise BudgetError(
            where.file if where else "programme",
            where.line if where else 1,
            f"more than {cap:,} chunks by session {session.id!r}, the cap set by "
            f"{Budget.CHUNKS_SETTING}",
        )


# What turns a session into chunks: a change to this code changes every session's fingerprint,
# so no rebuild keeps chunks the current code would cut differently.
_CHUNKING_CODE = hashlib.sha256(
    b"".join(
        Path(module.__file__ or "").read_bytes()
        for module in (assistant.search.chunker, assistant.search.glossary, assistant.programme)
    )
).hexdigest()


def session_fingerprints(
    encoded_sessions: Sequence[bytes], model_name: str, glossary_name: str
) -> list[str]:
    """A key per session that changes whenever its chunks or their vectors could: its content,
    the model, the glossary and the chunking code."""
    salt = f"{_CHUNKING_CODE}\0{model_name}\0{glossary_name}\0".encode()
    return [
        hashlib.blake2b(salt + encoded, digest_size=16).hexdigest() for encoded in encoded_sessions
    ]


def make_index(vectors: np.ndarray, hnsw_threshold: int = HNSW_THRESHOLD) -> Any:
    """A faiss index over unit vectors: exact inner product, or HNSW above hnsw_threshold vectors."""
    count, dimension = vectors.shape
    # inner product == cosine: vectors are L2-normalised
    index: Any
    if count > hnsw_threshold:
        faiss.omp_set_num_threads(os.cpu_count() or 1)  # graph building does use every core
        index = faiss.IndexHNSWFlat(dimension, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        index.hnsw.efSearch = HNSW_EF_SEARCH
    else:
        index = faiss.IndexFlatIP(dimension)
    if count:
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


def search(index: Any, vector: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(scores, positions) of the k best vectors for one query (1-D) or each of several (2-D)."""
    queries = np.ascontiguousarray(np.atleast_2d(vector), dtype=np.float32)
    k = min(k, index.ntotal)
    if k <= 0:
        empty = (np.zeros((len(queries), 0), np.float32), np.zeros((len(queries), 0), np.int64))
        return (empty[0][0], empty[1][0]) if vector.ndim == 1 else empty
    if len(queries) == 1:
        # one query gains nothing from OpenMP threads, and loses a lot when cores are busy
        faiss.omp_set_num_threads(1)
    scores, positions = index.search(queries, k)
    if vector.ndim == 1:
        keep = positions[0] >= 0  # HNSW may return fewer than k
        return scores[0][keep], positions[0][keep]
    return scores, positions


def stored_vectors(index: Any) -> np.ndarray:
    """The vectors a flat or HNSW-flat index holds, as a read-only numpy view (no copy)."""
    flat: Any = faiss.downcast_index(index.storage) if isinstance(index, faiss.IndexHNSW) else index
    count, dimension = flat.ntotal, flat.d
    if count == 0:
        return np.zeros((0, dimension), dtype=np.float32)
    view = faiss.rev_swig_ptr(flat.get_xb(), count * dimension).reshape(count, dimension)
    view.setflags(write=False)
    return view


def load_index(
    index_dir: Path, embedder_name: str = MODEL_NAME, dimension: int = DIMENSION
) -> LoadedIndex:
    """Read an index folder; IndexFolderError says what is wrong and the command that fixes it."""
    index_dir = Path(index_dir)
    for attempt in range(20):
        # A build swaps folders by two renames; a reader arriving between them waits a moment.
        if index_dir.is_dir() or not _swap_in_progress(index_dir) or attempt == 19:
            break
        time.sleep(0.05)
    if not index_dir.exists():
        _recover(index_dir)
    try:
        return _load(index_dir, embedder_name, dimension)
    except _Inconsistent:
        # read while a build was swapping folders: the new folder is complete, read it again
        return _load(index_dir, embedder_name, dimension)


class _Inconsistent(Exception):
    pass


def read_manifest(
    index_dir: Path, embedder_name: str = MODEL_NAME, dimension: int = DIMENSION
) -> Manifest:
    """An index folder's manifest, checked as loading checks it (cheap: reads one small file)."""
    index_dir = Path(index_dir)
    fix = f"build it with: programme-assistant build --index {index_dir} PATH"
    if not index_dir.exists():
        raise IndexFolderError(f"{index_dir}: no index folder; {fix}")
    if not index_dir.is_dir():
        raise IndexFolderError(f"{index_dir}: not a folder; {fix}")
    for name in INDEX_FILES:
        if not (index_dir / name).is_file():
            raise IndexFolderError(f"{index_dir}: no {name}; {fix}")
    rebuild = f"rebuild it with: programme-assistant build --index {index_dir} PATH"

    manifest_path = index_dir / MANIFEST_FILE
    try:
        manifest = Manifest.from_json(orjson.loads(manifest_path.read_bytes()))
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise IndexFolderError(f"{manifest_path}: corrupt ({_why(exc)}); {rebuild}") from None
    if manifest.format_version != FORMAT_VERSION:
        raise IndexFolderError(
            f"{index_dir}: index format {manifest.format_version}, this assistant reads "
            f"format {FORMAT_VERSION}; {rebuild}"
        )
    if manifest.model != embedder_name or manifest.dimension != dimension:
        raise IndexFolderError(
            f"{index_dir}: built with model {manifest.model} ({manifest.dimension} dimensions), "
            f"this assistant uses {embedder_name} ({dimension} dimensions); {rebuild}"
        )
    return manifest


def _load(index_dir: Path, embedder_name: str, dimension: int) -> LoadedIndex:
    manifest = read_manifest(index_dir, embedder_name, dimension)
    rebuild = f"rebuild it with: programme-assistant build --index {index_dir} PATH"

    programme_path = index_dir / PROGRAMME_FILE
    try:
        programme = programme_from_json(programme_path.read_bytes())
    except ValueError as exc:  # SerialiseError is one
        raise IndexFolderError(f"{programme_path}: corrupt ({_why(exc)}); {rebuild}") from None

    chunks_path = index_dir / CHUNKS_FILE
    try:
        chunks = read_chunks(chunks_path)
    except (ValueError, TypeError, KeyError) as exc:
        raise IndexFolderError(f"{chunks_path}: corrupt ({_why(exc)}); {rebuild}") from None

    vectors_path = index_dir / VECTORS_FILE
    try:
        # mapped, not read: the workers of a server share the vectors through the page cache
        index = faiss.read_index(str(vectors_path), faiss.IO_FLAG_MMAP_IFC)
    except RuntimeError as exc:
        raise IndexFolderError(f"{vectors_path}: corrupt ({_why(exc)}); {rebuild}") from None
    if isinstance(index, faiss.IndexHNSW):
        index.hnsw.efSearch = HNSW_EF_SEARCH

    if index.d != manifest.dimension:
        raise IndexFolderError(
            f"{vectors_path}: vectors have {index.d} dimensions, the manifest says "
            f"{manifest.dimension}; {rebuild}"
        )
    if not (index.ntotal == len(chunks) == manifest.chunk_count):
        if _swap_in_progress(index_dir):
            raise _Inconsistent
        raise IndexFolderError(
            f"{index_dir}: {index.ntotal} vectors, {len(chunks)} chunks and a manifest of "
            f"{manifest.chunk_count} chunks do not match; {rebuild}"
        )
    faq_path = index_dir / FAQ_FILE
    faq = faq_path.read_text("utf-8") if faq_path.is_file() else ""
    return LoadedIndex(index_dir, programme, chunks, index, manifest, stored_vectors(index), faq)


def _why(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[-1] if text else type(exc).__name__)[:200]


def chunk_to_json(chunk: Chunk) -> dict[str, Any]:
    """One chunks.jsonl line."""
    return {
        "id": chunk.id,
        "session_id": chunk.session_id,
        "kind": chunk.kind.value,
        "part_index": chunk.part_index,
        "part_title": chunk.part_title,
        "content_hash": chunk.content_hash,
        "text": chunk.text,
    }


def chunk_from_json(data: dict[str, Any]) -> Chunk:
    """The Chunk one chunks.jsonl line holds."""
    return Chunk(
        id=str(data["id"]),
        session_id=str(data["session_id"]),
        kind=CHUNK_KINDS[data["kind"]],
        text=str(data["text"]),
        content_hash=str(data["content_hash"]),
        part_index=data.get("part_index"),
        part_title=str(data.get("part_title") or ""),
    )


CHUNK_KINDS = {kind.value: kind for kind in ChunkKind}  # a dict lookup; ChunkKind(v) is slow


def read_chunks(path: Path) -> tuple[Chunk, ...]:
    """Chunks from a chunks.jsonl file, in file (= vector) order."""
    return tuple(chunk_from_json(orjson.loads(line)) for line in _lines(path))


def _lines(path: Path) -> list[bytes]:
    return [line for line in path.read_bytes().splitlines() if line.strip()]


def _previous_index(index_dir: Path, embedder: Embedder) -> _Previous:
    """What the index in index_dir offers a rebuild; nothing when it is absent or unreadable."""
    nothing = _Previous([], [], None, np.zeros((0, embedder.dimension), np.float32), {}, {})
    try:
        manifest = Manifest.from_json(orjson.loads((index_dir / MANIFEST_FILE).read_bytes()))
        if manifest.model != embedder.name or manifest.dimension != embedder.dimension:
            return nothing
        lines = _lines(index_dir / CHUNKS_FILE)
        # mapped, not read: only the reused rows are ever copied out
        index = faiss.read_index(str(index_dir / VECTORS_FILE), faiss.IO_FLAG_MMAP_IFC)
        rebuild = _rebuild_record(index_dir / REBUILD_FILE, lines)
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RuntimeError):
        return nothing
    if index.ntotal != len(lines) or index.d != embedder.dimension or rebuild is None:
        return nothing
    fingerprints, counts, hashes = rebuild
    sessions: dict[str, range] = {}
    first = 0
    for fingerprint, count in zip(fingerprints, counts, strict=True):
        sessions[fingerprint] = range(first, first + count)
        first += count
    rows_by_hash = {content: row for row, content in enumerate(hashes)}
    return _Previous(lines, hashes, index, stored_vectors(index), sessions, rows_by_hash)


def _rebuild_record(
    path: Path, lines: Sequence[bytes]
) -> tuple[list[str], list[int], list[str]] | None:
    """(session fingerprints, their chunk counts, chunk content hashes) from REBUILD_FILE; an
    index written before it existed gives the content hashes of its chunk lines alone."""
    if not path.exists():
        return [], [], [str(orjson.loads(line)["content_hash"]) for line in lines]
    data = orjson.loads(path.read_bytes())
    fingerprints, counts, hashes = (
        data["fingerprints"],
        data["chunk_counts"],
        data["content_hashes"],
    )
    if len(fingerprints) != len(counts) or sum(counts) != len(hashes) or len(hashes) != len(lines):
        return None
    return fingerprints, counts, hashes


def _read_cache(path: Path, dimension: int) -> dict[str, np.ndarray]:
    try:
        with np.load(path, allow_pickle=False) as data:
            hashes, vectors = data["hashes"], data["vectors"]
    except (OSError, ValueError, KeyError):
        return {}
    if vectors.ndim != 2 or vectors.shape[1] != dimension or len(hashes) != len(vectors):
        return {}
    return {str(h): vectors[i] for i, h in enumerate(hashes)}


def _write_cache(path: Path, entries: dict[str, np.ndarray]) -> None:
    """Merge entries into the cache file (written aside, then renamed: never half a cache)."""
    merged = _read_cache(path, next(iter(entries.values())).shape[0]) if entries else {}
    merged.update(entries)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        with temporary.open("wb") as out:
            np.savez(
                out,
                hashes=np.array(list(merged), dtype=str),
                vectors=np.stack(list(merged.values())).astype(np.float32),
            )
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _embed(
    texts: Sequence[str], embedder: Embedder, progress: bool, report: Report | None
) -> np.ndarray:
    """The texts' vectors, reporting how many are embedded every EMBED_STEP texts or so (a
    batch holds texts of one length: a few hundred batches) and at the end."""
    if report is None:
        return embedder.embed(texts, progress=progress)
    reported = 0

    def done(count: int) -> None:
        nonlocal reported
        if count - reported >= EMBED_STEP or count == len(texts):
            reported = count
            report("embedding", count, len(texts))

    return embedder.embed(texts, progress, done)


def install_copy(source: Path, index_dir: Path, leave_out: Sequence[str] = ()) -> None:
    """Put a copy of a complete index folder at index_dir, swapped in as a build is: the files
    are hard links where the file system allows (index files are never written in place)."""
    source, index_dir = Path(source), Path(index_dir)
    if not (source / MANIFEST_FILE).is_file():
        raise IndexFolderError(f"{source}: not a complete index folder (no {MANIFEST_FILE})")
    parent = index_dir.parent
    parent.mkdir(parents=True, exist_ok=True)
    building = parent / f".build-{index_dir.name}-{secrets.token_hex(4)}"
    try:
        ignore = shutil.ignore_patterns(*leave_out) if leave_out else None
        shutil.copytree(source, building, copy_function=link_or_copy, ignore=ignore)
        _swap(building, index_dir)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise


def link_or_copy(source: str, target: str) -> str:
    """A hard link, or a copy across file systems."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
    return target


def _source_file(path: Path) -> SourceFile:
    data = Path(path).read_bytes()
    return SourceFile(str(path), hashlib.sha256(data).hexdigest(), len(data))


def _write_folder(
    index_dir: Path,
    programme: bytes,
    cut: _Cut,
    index: Any,
    manifest: Manifest,
    faq: str | None = None,
) -> None:
    """Write the index into a sibling folder, then swap it in; a failure leaves index_dir as it was."""
    parent = index_dir.parent
    parent.mkdir(parents=True, exist_ok=True)
    building = parent / f".build-{index_dir.name}-{secrets.token_hex(4)}"
    building.mkdir()
    try:
        _write(building / PROGRAMME_FILE, programme)
        _write(building / CHUNKS_FILE, b"".join(line + b"\n" for line in cut.lines))
        _write(building / REBUILD_FILE, cut.rebuild_json())
        if faq:
            _write(building / FAQ_FILE, faq.encode("utf-8"))
        faiss.write_index(index, str(building / VECTORS_FILE))
        # last: a manifest marks the folder complete
        _write(
            building / MANIFEST_FILE, orjson.dumps(manifest.to_json(), option=orjson.OPT_INDENT_2)
        )
        _swap(building, index_dir)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise


def _swap(building: Path, index_dir: Path) -> None:
    """Put the built folder at index_dir: two renames, so the old index is gone only a moment."""
    if not index_dir.exists():
        os.rename(building, index_dir)
        return
    trash = index_dir.parent / f".trash-{index_dir.name}-{secrets.token_hex(4)}"
    os.rename(index_dir, trash)
    try:
        os.rename(building, index_dir)
    except BaseException:
        os.rename(trash, index_dir)  # put the old index back
        raise
    for leftover in _trash_folders(index_dir):  # this swap's, and any a killed build left
        shutil.rmtree(leftover, ignore_errors=True)


def sweep_build_leftovers(index_dir: Path, older_than: float) -> list[Path]:
    """Delete the .build-* folders of index_dir that killed builds left: untouched for
    older_than seconds (a live build writes its folder in seconds); the ones deleted."""
    swept = []
    for folder in Path(index_dir).parent.glob(f".build-{Path(index_dir).name}-*"):
        try:
            if time.time() - folder.stat().st_mtime < older_than:
                continue
        except OSError:
            continue
        shutil.rmtree(folder, ignore_errors=True)
        swept.append(folder)
    return swept


def _swap_in_progress(index_dir: Path) -> bool:
    return any(_trash_folders(index_dir))


def _trash_folders(index_dir: Path) -> list[Path]:
    return sorted(
        index_dir.parent.glob(f".trash-{index_dir.name}-*"), key=lambda p: p.stat().st_mtime
    )


def _recover(index_dir: Path) -> None:
    """A build killed between its two renames left the old index aside: put it back."""
    for trash in reversed(_trash_folders(index_dir)):
        if (trash / "manifest.json").is_file():
            try:
                os.rename(trash, index_dir)
            except OSError:
                continue  # another reader put it back first
            return


def _write(path: Path, data: bytes) -> None:
    with path.open("wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
