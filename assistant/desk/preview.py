"""What publishing a new programme would change: sessions added, removed and changed (with the
fields that changed), days and rooms gained and lost. Pure."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from assistant.programme import Programme, Session

SHOWN = 50  # sessions listed per kind of change; the counts are always whole
LOSING_MOST = 0.5  # a new programme without half the live sessions gets a warning

# The fields a delegate's answers depend on, by the name the preview shows.
FIELDS: dict[str, Callable[[Session], object]] = {
    "title": lambda s: s.title,
    "day": lambda s: s.day,
    "time": lambda s: (s.start, s.end),
    "room": lambda s: s.room,
    "stream": lambda s: s.stream,
    "format": lambda s: s.format,
    "speakers": lambda s: tuple(p.name for part in s.parts for p in part.speakers),
    "chairs": lambda s: tuple(p.name for p in s.chairs),
    "abstract": lambda s: (s.abstract, tuple(part.abstract for part in s.parts)),
    "parts": lambda s: tuple(part.title for part in s.parts),
}


@dataclass(frozen=True, slots=True)
class Changed:
    """A session in both programmes, and which of its fields differ."""

    id: str
    title: str
    fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ProgrammeDiff:
    """The live programme against the one about to replace it."""

    live_title: str
    new_title: str
    live_sessions: int
    new_sessions: int
    added: tuple[tuple[str, str], ...]  # (id, title)
    removed: tuple[tuple[str, str], ...]
    changed: tuple[Changed, ...]
    unchanged: int
    days_added: tuple[date, ...]
    days_removed: tuple[date, ...]
    rooms_added: tuple[str, ...]
    rooms_removed: tuple[str, ...]

    @property
    def warnings(self) -> tuple[str, ...]:
        """What an organiser should look at twice before publishing."""
        notes = []
        if self.live_sessions and len(self.removed) >= LOSING_MOST * self.live_sessions:
            notes.append(
                f"{len(self.removed)} of the {self.live_sessions} live sessions are not in the "
                "new programme"
            )
        if not (self.added or self.removed or self.changed):
            notes.append("the new programme is the same as the live one")
        return tuple(notes)

    def to_json(self) -> dict[str, object]:
        """The preview as the desk's API gives it."""

        def sessions(items: tuple[tuple[str, str], ...]) -> list[dict[str, str]]:
            return [{"id": i, "title": t} for i, t in items[:SHOWN]]

        return {
            "live_title": self.live_title,
            "new_title": self.new_title,
            "live_sessions": self.live_sessions,
            "new_sessions": self.new_sessions,
            "added": sessions(self.added),
            "removed": sessions(self.removed),
            "changed": [
                {"id": c.id, "title": c.title, "fields": list(c.fields)}
                for c in self.changed[:SHOWN]
            ],
            "counts": {
                "added": len(self.added),
                "removed": len(self.removed),
                "changed": len(self.changed),
                "unchanged": self.unchanged,
            },
            "days_added": [d.isoformat() for d in self.days_added],
            "days_removed": [d.isoformat() for d in self.days_removed],
            "rooms_added": list(self.rooms_added),
            "rooms_removed": list(self.rooms_removed),
            "warnings": list(self.warnings),
        }


def diff(live: Programme, new: Programme) -> ProgrammeDiff:
    """What replacing the live programme with the new one changes, session by session (by id)."""
    before = {s.id: s for s in live.sessions}
    after = {s.id: s for s in new.sessions}
    changed = []
    for session_id, session in after.items():
        old = before.get(session_id)
        if old is None:
            continue
        fields = tuple(name for name, read in FIELDS.items() if read(old) != read(session))
        if fields:
            changed.append(Changed(session_id, session.title, fields))
    old_rooms = {s.room for s in live.sessions if s.room}
    new_rooms = {s.room for s in new.sessions if s.room}
    return ProgrammeDiff(
        live_title=live.title,
        new_title=new.title,
        live_sessions=len(before),
        new_sessions=len(after),
        added=tuple((i, s.title) for i, s in after.items() if i not in before),
        removed=tuple((i, s.title) for i, s in before.items() if i not in after),
        changed=tuple(changed),
        unchanged=sum(1 for i in after if i in before) - len(changed),
        days_added=tuple(sorted(set(new.days) - set(live.days))),
        days_removed=tuple(sorted(set(live.days) - set(new.days))),
        rooms_added=tuple(sorted(new_rooms - old_rooms)),
        rooms_removed=tuple(sorted(old_rooms - new_rooms)),
    )
