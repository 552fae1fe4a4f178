"""Replies remembered per question: a bounded LRU, and a clock reading that notes being read."""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import datetime, timedelta
from typing import Any

from assistant.answers.conversation import Conversation
from assistant.answers.reply import Reply

# (the cleaned question, what the previous reply's context says that the engine reads, and the
# sessions starred on the asker's device when the question reads them)
CacheKey = tuple[str, Conversation, tuple[str, ...] | None]


class WatchedMoment(datetime):
    """A clock reading that records whether anything looked at it.

    An answer that never read the clock ('who speaks on Rust?') is the same all day and is cached
    for good; one that did ('what's on now?') is cached for its minute only. Every way a datetime
    is read is covered: attributes and methods (__getattribute__), comparisons and arithmetic,
    in which Python asks the subclass first even when it stands on the right, and formatting."""

    @classmethod
    def of(cls, moment: datetime) -> WatchedMoment:
        """The same instant, watched."""
        watched = cls(
            moment.year,
            moment.month,
            moment.day,
            moment.hour,
            moment.minute,
            moment.second,
            moment.microsecond,
            moment.tzinfo,
            fold=moment.fold,
        )
        object.__getattribute__(watched, "__dict__")["read"] = False
        return watched

    def _note(self) -> None:
        object.__getattribute__(self, "__dict__")["read"] = True

    @property
    def was_read(self) -> bool:
        """Whether the answer looked at the clock."""
        return bool(object.__getattribute__(self, "__dict__").get("read"))

    def __getattribute__(self, name: str) -> Any:
        if name not in ("was_read", "_note", "__dict__", "__class__"):
            object.__getattribute__(self, "_note")()
        return super().__getattribute__(name)

    def __lt__(self, other: Any) -> bool:
        self._note()
        return super().__lt__(other)

    def __le__(self, other: Any) -> bool:
        self._note()
        return super().__le__(other)

    def __gt__(self, other: Any) -> bool:
        self._note()
        return super().__gt__(other)

    def __ge__(self, other: Any) -> bool:
        self._note()
        return super().__ge__(other)

    def __eq__(self, other: object) -> bool:
        self._note()
        return super().__eq__(other)

    def __ne__(self, other: object) -> bool:
        self._note()
        return super().__ne__(other)

    def __hash__(self) -> int:
        self._note()
        return super().__hash__()

    def __add__(self, other: timedelta) -> WatchedMoment:
        self._note()
        return super().__add__(other)

    __radd__ = __add__

    def __sub__(self, other: Any) -> Any:
        self._note()
        return super().__sub__(other)

    def __rsub__(self, other: Any) -> Any:
        self._note()
        plain = datetime.combine(self.date(), self.timetz())  # timetz keeps the fold
        return other - plain

    def __format__(self, spec: str) -> str:
        self._note()
        return super().__format__(spec)

    def __str__(self) -> str:
        self._note()
        return super().__str__()

    def __repr__(self) -> str:
        self._note()
        return super().__repr__()


class AnswerCache:
    """A bounded LRU of replies; a clock-dependent reply is valid only in the minute it was made.

    One cache belongs to one Assistant, which answers from one programme: a new programme is a
    new Assistant with an empty cache, so no reply outlives the programme it came from."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[CacheKey, tuple[Reply, datetime | None]] = OrderedDict()
        self._lock = threading.Lock()  # chat requests answer in a pool of threads

    def get(self, key: CacheKey, moment: datetime) -> Reply | None:
        """The remembered reply for key, if any and (when it read the clock) of this minute."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            reply, minute = entry
            if minute is not None and minute != to_minute(moment):
                return None
            self._entries.move_to_end(key)
            return reply

    def put(self, key: CacheKey, reply: Reply, minute: datetime | None) -> None:
        """Remember a reply; minute is None when it did not read the clock."""
        if self.size <= 0:
            return
        with self._lock:
            self._entries[key] = (reply, minute)
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)  # the least recently asked

    def clear(self) -> None:
        """Forget every reply (the FAQ they may have come from changed)."""
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


def to_minute(moment: datetime) -> datetime:
    """The clock reading cut to its minute, as a plain datetime."""
    return datetime(
        moment.year, moment.month, moment.day, moment.hour, moment.minute, tzinfo=moment.tzinfo
    )
