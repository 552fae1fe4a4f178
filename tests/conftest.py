"""Shared fixtures: the real embedder and real indexes of the seed, 36C3 and useR! 2025, built once."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.answers.engine import Assistant
from assistant.search.embedder import Embedder
from assistant.search.store import build_index
from assistant.sources import load_programme

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
SEED = ROOT / "seeds"
C3_SCHEDULE = SHARED_DATA / "36c3" / "stages.schedule.json"
USER_PROGRAMME = SHARED_DATA / "user2025" / "program.csv"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data beside the clone (CI), or beside a folder further up (a nested worktree)."""
    return next(
        (p / "shared" / "data" for p in ROOT.parents if (p / "shared" / "data").is_dir()),
        SHARED_DATA,
    )


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """The real all-MiniLM-L6-v2 embedder, loaded once per test run."""
    return Embedder()


@pytest.fixture(scope="session")
def embedding_cache(pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Vectors keyed by chunk text + model name, kept between runs in pytest's cache folder
    (a fresh folder under -p no:cacheprovider).

    Safe to share: a vector is reused only for the very same text under the very same model."""
    cache = getattr(pytestconfig, "cache", None)
    if cache is None:
        return tmp_path_factory.mktemp("embeddings")
    return Path(cache.mkdir("embeddings"))


@pytest.fixture(scope="session")
def assistant_for(
    tmp_path_factory: pytest.TempPathFactory, embedder: Embedder, embedding_cache: Path
) -> Callable[[Path, str], Assistant]:
    """Build a programme's index once and load the Assistant over it: assistant_for(path, name)."""

    def load(source: Path, name: str) -> Assistant:
        index_dir = _build(source, name, tmp_path_factory, embedder, embedding_cache)
        return Assistant.load(index_dir, embedder)

    return load


def _build(
    source: Path,
    name: str,
    tmp_path_factory: pytest.TempPathFactory,
    embedder: Embedder,
    cache: Path,
) -> Path:
    if not source.exists():
        pytest.skip(f"needs {source}")
    loaded = load_programme([source])
    assert not loaded.errors, loaded.errors
    index_dir = tmp_path_factory.mktemp(name) / "index"
    build_index(loaded, index_dir, embedder, progress=False, cache_dir=cache)
    return index_dir


@pytest.fixture(scope="session")
def seed_index(
    tmp_path_factory: pytest.TempPathFactory, embedder: Embedder, embedding_cache: Path
) -> Path:
    """The folder of a built index of seeds/ (one session, B6)."""
    return _build(SEED, "seed", tmp_path_factory, embedder, embedding_cache)


@pytest.fixture(scope="session")
def c3_index(
    tmp_path_factory: pytest.TempPathFactory, embedder: Embedder, embedding_cache: Path
) -> Path:
    """The folder of a built index of 36C3's stages schedule (498 events); mark users slow."""
    return _build(C3_SCHEDULE, "c3", tmp_path_factory, embedder, embedding_cache)


@pytest.fixture(scope="session")
def user_index(
    tmp_path_factory: pytest.TempPathFactory, embedder: Embedder, embedding_cache: Path
) -> Path:
    """The folder of a built index of useR! 2025's programme CSV (133 rows); mark users slow."""
    return _build(USER_PROGRAMME, "user", tmp_path_factory, embedder, embedding_cache)


CHROMIUM = Path("/usr/bin/chromium")  # Debian's package; never `playwright install`


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Debian Chromium for every browser test, driven by Playwright."""
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield launched
        launched.close()
