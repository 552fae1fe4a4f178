"""A cheap watch of the index folder's manifest, so every replica loads an index rebuilt
elsewhere (`programme-assistant build`, another replica's desk, a rollback); and what finds an
update a crash lost and sweeps what it left (the updates themselves: updates.py)."""

from __future__ import annotations

import logging
import os
import shutil
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.errors import AssistantError
from assistant.search.store import MANIFEST_FILE

if TYPE_CHECKING:
    from assistant.answers.engine import Assistant

log = logging.getLogger(__name__)

WATCH_INTERVAL = 2.0  # seconds between two stats of manifest.json
UPLOAD_PREFIX = "programme-upload-"  # + the server's pid: a folder per upload in the temp dir
LOST_AFTER = 30.0  # seconds without a word from a running update before a restart calls it lost
LEFTOVER_AGE = 600.0  # a .build-* folder untouched this long was left by a killed build

Signature = tuple[int, int, int] | None


def manifest_signature(index_dir: Path) -> Signature:
    """What changes when a build swaps a new folder in: the manifest's inode, mtime and size."""
    try:
        stat = os.stat(Path(index_dir) / MANIFEST_FILE)
    except OSError:
        return None  # no index, or a swap between its two renames
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


class IndexWatcher:
    """Reloads the assistant when the index folder's manifest changes (another replica, or
    `programme-assistant build`, rebuilt it); checked at request time, at most every few seconds."""

    def __init__(
        self,
        index_dir: Path,
        load: Callable[[Path], Assistant],
        swap: Callable[[Assistant], None],
        interval: float = WATCH_INTERVAL,
    ) -> None:
        self.index_dir = Path(index_dir)
        self.load = load
        self.swap = swap
        self.interval = interval
        self.lock = threading.Lock()  # held while (re)loading or building: one change at a time
        self._seen = manifest_signature(self.index_dir)
        self._checked = time.monotonic()

    def mark_seen(self, signature: Signature | None = None) -> None:
        """The index being served is the folder's as of `signature` (default: now). Loading
        takes seconds: a loader passes the signature it read before, so a build that swapped
        the folder meanwhile is still seen as new."""
        self._seen = signature if signature is not None else manifest_signature(self.index_dir)

    def poll(self) -> bool:
        """Start a background reload if the manifest changed; True when one was started."""
        now = time.monotonic()
        if now - self._checked < self.interval:
            return False
        self._checked = now
        signature = manifest_signature(self.index_dir)
        if signature is None or signature == self._seen or self.lock.locked():
            return False
        threading.Thread(target=self.reload, name="index-reload", daemon=True).start()
        return True

    def reload(self) -> bool:
        """Load the folder's index and swap it in; the old one keeps serving if loading fails."""
        if not self.lock.acquire(blocking=False):
            return False
        try:
            signature = manifest_signature(self.index_dir)
            if signature is None or signature == self._seen:
                return False
            assistant = self.load(self.index_dir)
            self.swap(assistant)
            self._seen = signature
            log.warning(
                "reloaded %s: %d sessions", self.index_dir, len(assistant.programme.sessions)
            )
            return True
        except AssistantError as exc:
            log.error("kept the old index: %s", exc)
            return False
        finally:
            self.lock.release()


def process_identity(pid: int | None = None) -> str:
    """host/boot/pid/start-time: names one process, even after its pid is reused."""
    pid = pid or os.getpid()
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text().strip()
        # the field after the command's closing parenthesis: start time is the 20th of them
        started = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        boot, started = "", ""
    return f"{socket.gethostname()}/{boot}/{pid}/{started}"


def owner_gone(owner: str) -> bool | None:
    """Whether the process an identity names has ended; None when it ran on another machine
    (or this one cannot tell)."""
    parts = owner.split("/")
    if len(parts) != 4 or not parts[1] or not parts[2].isdigit():
        return None
    if parts[:2] != process_identity().split("/")[:2]:
        return None  # another host or another boot
    return process_identity(int(parts[2])) != owner


def sweep_uploads(temp: Path) -> list[Path]:
    """Delete upload folders whose server is gone (its pid runs no more) or, without a pid,
    older than a day; the folders deleted."""
    swept = []
    for folder in temp.glob(f"{UPLOAD_PREFIX}*"):
        owner = folder.name[len(UPLOAD_PREFIX) :].split("-", 1)[0]
        try:
            if owner.isdigit():
                if _running(int(owner)):
                    continue
            elif time.time() - folder.stat().st_mtime < 86_400:
                continue
        except OSError:
            continue
        shutil.rmtree(folder, ignore_errors=True)
        swept.append(folder)
    return swept


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True
