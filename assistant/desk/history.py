"""The last few published programmes, kept beside the served index folder (hard links: no
copy of the vectors), so one click puts an earlier one back."""

from __future__ import annotations

import hashlib
import logging
import secrets
import shutil
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import orjson

from assistant.errors import AssistantError
from assistant.search.store import MANIFEST_FILE, Manifest, install_copy, link_or_copy

log = logging.getLogger(__name__)

KEEP = 5
RECORD_FILE = "published.json"


@dataclass(frozen=True, slots=True)
class Published:
    """One programme that was live: what it was, when it went live, from which file."""

    id: str
    title: str
    sessions: int
    file: str
    published_at: str  # ISO, UTC
    manifest_sha256: str  # tells which kept programme is the live one
    note: str = ""

    def to_json(self, live: bool) -> dict[str, object]:
        """The history API's row."""
        return {**asdict(self), "live": live}


class UnknownVersion(AssistantError):
    """A rollback names a programme that is not (or no longer) kept."""


class History:
    """Published programmes in `<index>.history/<id>/`, newest first, at most KEEP."""

    def __init__(self, index_dir: Path, keep: int = KEEP) -> None:
        self.index_dir = Path(index_dir)
        self.folder = self.index_dir.parent / f"{self.index_dir.name}.history"
        self.keep = keep

    def versions(self) -> tuple[Published, ...]:
        """The kept programmes, newest first."""
        found = []
        for record in self.folder.glob(f"*/{RECORD_FILE}"):
            try:
                found.append(Published(**orjson.loads(record.read_bytes())))
            except (OSError, ValueError, TypeError):
                continue  # being written, or not ours
        return tuple(sorted(found, key=lambda p: (p.published_at, p.id), reverse=True))

    def live_sha(self) -> str:
        """The served index's manifest checksum ('' when there is none)."""
        try:
            return hashlib.sha256((self.index_dir / MANIFEST_FILE).read_bytes()).hexdigest()
        except OSError:
            return ""

    def serving(self) -> Published | None:
        """What the served index folder holds, as a record without an id (not kept)."""
        try:
            data = orjson.loads((self.index_dir / MANIFEST_FILE).read_bytes())
            manifest = Manifest.from_json(data)
        except (OSError, ValueError, TypeError, KeyError):
            return None
        return Published(
            "", manifest.programme_title, manifest.session_count, "", manifest.built_at,
            self.live_sha(), "live now, kept when another is published",
        )  # fmt: skip

    def record(self, file: str, note: str = "") -> Published | None:
        """Keep the index now being served; None when it is already kept or unreadable."""
        sha = self.live_sha()
        if not sha or any(p.manifest_sha256 == sha for p in self.versions()):
            return None
        try:
            manifest = Manifest.from_json(
                orjson.loads((self.index_dir / MANIFEST_FILE).read_bytes())
            )
            now = datetime.now(UTC)
            version_id = f"{now:%Y%m%dT%H%M%S%f}-{secrets.token_hex(3)}"
            kept = Published(
                version_id, manifest.programme_title, manifest.session_count, file,
                now.isoformat(timespec="microseconds"), sha, note,
            )  # fmt: skip
            target = self.folder / version_id
            self.folder.mkdir(parents=True, exist_ok=True)
            shutil.copytree(
                self.index_dir,
                target,
                copy_function=link_or_copy,
                ignore=shutil.ignore_patterns(RECORD_FILE),
            )
            (target / RECORD_FILE).write_bytes(orjson.dumps(asdict(kept)))
        except (OSError, ValueError, TypeError, KeyError) as exc:
            log.warning("the programme was not kept for rollback: %s", exc)
            return None
        self._prune()
        return kept

    def _prune(self) -> None:
        for old in self.versions()[self.keep :]:
            shutil.rmtree(self.folder / old.id, ignore_errors=True)

    def restore(self, version_id: str) -> Published:
        """Put a kept programme back at the index folder (it becomes the live one)."""
        kept = {p.id: p for p in self.versions()}.get(version_id)
        if kept is None:
            raise UnknownVersion(f"no kept programme {version_id!r}; the last {self.keep} are kept")
        install_copy(self.folder / version_id, self.index_dir, leave_out=(RECORD_FILE,))
        return kept
