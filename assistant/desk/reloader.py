"""A cheap watch of the index folder's manifest, so every replica loads an index rebuilt
elsewhere (`programme-assistant build`, another replica's desk, a rollback)."""

from __future__ import annotations

import logging
import os
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

    def mark_seen(self) -> None:
        """The index in the folder now is the one being served."""
        self._seen = manifest_signature(self.index_dir)

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
