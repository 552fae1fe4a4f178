"""The workers of one server share one rate limit per client: two limiters on one file (as two
worker processes have) count each other's hits, with the in-process limiter's answers."""

from __future__ import annotations

from pathlib import Path

from assistant.config import Settings
from assistant.service.middleware import SlidingWindowLimiter
from assistant.service.shared_limits import SharedWindowLimiter, rate_limiter


def test_two_workers_share_one_limit_per_client(tmp_path: Path) -> None:
    now = [0.0]
    path = tmp_path / "limits.sqlite3"
    first, second = (SharedWindowLimiter(path, 3, "chat", clock=lambda: now[0]) for _ in "ab")
    assert [first.hit("a"), second.hit("a"), first.hit("a")] == [0.0, 0.0, 0.0]
    now[0] = 10.0
    assert second.hit("a") == 50.0  # the first hit leaves the window at 60 s
    assert first.hit("b") == 0.0  # another client has a window of its own
    now[0] = 60.5
    assert second.hit("a") == 0.0


def test_limits_on_one_file_are_kept_apart_by_scope(tmp_path: Path) -> None:
    path = tmp_path / "limits.sqlite3"
    chat, login = SharedWindowLimiter(path, 1, "chat"), SharedWindowLimiter(path, 1, "login")
    assert chat.hit("a") == 0.0
    assert login.hit("a") == 0.0
    assert chat.hit("a") > 0


def test_one_process_limits_in_memory_and_workers_through_their_shared_folder(
    tmp_path: Path,
) -> None:
    assert isinstance(rate_limiter(Settings(), 5, "chat"), SlidingWindowLimiter)
    shared = rate_limiter(Settings(shared_dir=tmp_path), 5, "chat")
    assert isinstance(shared, SharedWindowLimiter)
    assert shared.path.parent == tmp_path


def test_a_broken_limits_file_lets_the_request_in(tmp_path: Path) -> None:
    limiter = SharedWindowLimiter(tmp_path / "no-such-folder" / "limits.sqlite3", 1, "chat")
    assert [limiter.hit("a"), limiter.hit("a")] == [0.0, 0.0]
