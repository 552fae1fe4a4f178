"""What the assistant sends back: the answer text, its citations, context and suggestions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Citation:
    """A session (and optionally one part) an answer was built from."""

    session_id: str
    title: str
    part: str = ""
    url: str = ""
    snippet: str = ""

    def to_json(self) -> dict[str, str]:
        """The contract's citation object."""
        return {
            "session_id": self.session_id,
            "title": self.title,
            "part": self.part,
            "url": self.url,
            "snippet": self.snippet,
        }


@dataclass(frozen=True, slots=True)
class Reply:
    """One reply, exactly as CONTRACT.md's POST /api/chat returns it."""

    answer: str
    abstained: bool = False
    citations: tuple[Citation, ...] = ()
    context: Mapping[str, Any] = field(default_factory=dict)
    suggestions: tuple[str, ...] = ()
    language: str = "en"  # what the answer is written in, so a page can mark it (lang="de")

    def to_json(self) -> dict[str, Any]:
        """The contract's reply object, and the language it is written in."""
        return {
            "answer": self.answer,
            "abstained": self.abstained,
            "citations": [c.to_json() for c in self.citations],
            "context": dict(self.context),
            "suggestions": list(self.suggestions),
            "lang": self.language,
        }
