"""A build killed with SIGKILL, at any moment, leaves the index being served whole."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from assistant.answers.engine import Assistant
from assistant.search.store import load_index

ROOT = Path(__file__).resolve().parents[2]
C3 = ROOT.parent / "shared" / "data" / "36c3" / "stages.schedule.json"
CLI = Path(sys.executable).with_name("programme-assistant")


def previous_index(seed_index: Path, tmp_path: Path) -> Path:
    """A served index (the seed's one session) in a folder the next build will replace."""
    index_dir = tmp_path / "served" / "current"
    shutil.copytree(seed_index, index_dir)
    return index_dir


def assert_still_serves_the_seed(index_dir: Path, embedder: Any) -> None:
    index = load_index(index_dir)
    assert index.manifest.session_count == 1
    assert [s.id for s in index.programme.sessions] == ["B6"]
    reply = Assistant(index, embedder).reply("who chairs b6?")
    assert "Bob Klaber" in reply.answer
    assert [c.session_id for c in reply.citations] == ["B6"]


@pytest.mark.slow
def test_kill_9_while_embedding_leaves_the_served_index_whole(
    seed_index: Path, embedder: Any, tmp_path: Path
) -> None:
    if not C3.exists():
        pytest.skip(f"needs {C3}")
    index_dir = previous_index(seed_index, tmp_path)
    build = subprocess.Popen(
        [str(CLI), "build", "--index", str(index_dir), str(C3)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        seen = b""
        deadline = time.monotonic() + 120
        assert build.stderr is not None
        while b"embedding" not in seen and time.monotonic() < deadline:
            byte = build.stderr.read(1)
            if not byte:
                break
            seen += byte
        assert b"embedding" in seen, seen.decode(errors="replace")[-500:]
        time.sleep(1.0)  # well inside the embedding of 36C3's ~1,500 chunks
        assert build.poll() is None, "the build finished before it could be killed"
    finally:
        build.send_signal(signal.SIGKILL)
        build.wait(timeout=30)
    assert build.returncode == -signal.SIGKILL
    assert_still_serves_the_seed(index_dir, embedder)


# Kills itself with SIGKILL at a chosen file operation of the folder swap; the worst moments.
KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from assistant.search.embedder import Embedder
    from assistant.sources import load_programme
    from assistant.search.store import build_index

    index_dir, source, when = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    real_rename = os.rename
    renames = []

    def rename(src, dst):
        renames.append((src, dst))
        if when == "before-swap" and len(renames) == 1:
            os.kill(os.getpid(), signal.SIGKILL)
        real_rename(src, dst)
        if when == "between-renames" and len(renames) == 1:
            os.kill(os.getpid(), signal.SIGKILL)

    os.rename = rename
    build_index(load_programme([source]), index_dir, Embedder(), progress=False)
    """
)


@pytest.mark.parametrize(
    "when",
    [
        "before-swap",
        "between-renames",
    ],
)
def test_kill_9_during_the_swap_leaves_an_index_that_loads(
    seed_index: Path, embedder: Any, tmp_path: Path, when: str
) -> None:
    index_dir = previous_index(seed_index, tmp_path)
    forum = ROOT / "tests" / "data" / "forum" / "programme.txt"
    killed = subprocess.run(
        [sys.executable, "-c", KILLER, str(index_dir), str(forum), when],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        timeout=300,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode(errors="replace")[-2000:]
    # whichever programme is served now, it is a whole index: the old one or the new one
    index = load_index(index_dir)
    assert index.manifest.chunk_count == len(index.chunks) == index.index.ntotal
    if index.manifest.session_count == 1:
        assert_still_serves_the_seed(index_dir, embedder)
