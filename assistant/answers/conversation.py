"""What the last answer was about, carried by the client as an opaque context; no I/O."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

MAX_REMEMBERED = 20
LANGUAGES = frozenset({"en", "de"})  # the languages answers are said in


@dataclass(frozen=True, slots=True)
class Conversation:
    """The last answer's sessions, people and question, so 'when is it?' can follow it."""

    session_ids: tuple[str, ...] = ()
    person_ids: tuple[str, ...] = ()
    asks: tuple[str, ...] = ()
    question: str = ""
    # the part of a session the answer was about (a paper in a symposium, a talk in its block):
    # 'when is it?' then means that part's slot
    parts: tuple[tuple[str, int], ...] = ()
    language: str = "en"  # the reply's: a follow-up that does not tell ('B6?') keeps it

    def parts_of(self, session_ids: tuple[str, ...] | list[str]) -> dict[str, int]:
        """The remembered part of each of these sessions, where there is one."""
        return {sid: index for sid, index in self.parts if sid in session_ids}

    def to_json(self) -> dict[str, Any]:
        """The reply's `context` object; `lang` only when the reply is not in English."""
        data: dict[str, Any] = {
            "v": 1,
            "sessions": list(self.session_ids),
            "people": list(self.person_ids),
            "asks": list(self.asks),
            "question": self.question,
            "parts": {sid: index for sid, index in self.parts},
        }
        if self.language != "en":
            data["lang"] = self.language
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> Conversation:
        """Read a context sent back by a client; anything malformed is ignored, never trusted."""
        if not isinstance(data, Mapping):
            return cls()

        def strings(key: str) -> tuple[str, ...]:
            value = data.get(key)
            if not isinstance(value, list):
                return ()
            return tuple(str(v)[:200] for v in value if isinstance(v, str | int))[:MAX_REMEMBERED]

        question = data.get("question")
        parts = data.get("parts")
        language = data.get("lang")
        return cls(
            session_ids=strings("sessions"),
            person_ids=strings("people"),
            asks=strings("asks"),
            question=question[:1000] if isinstance(question, str) else "",
            parts=tuple(
                (sid[:200], index)
                for sid, index in (parts.items() if isinstance(parts, Mapping) else ())
                if isinstance(sid, str) and type(index) is int and 0 < index < 10_000
            )[:MAX_REMEMBERED],
            language=language if language in LANGUAGES else "en",
        )
