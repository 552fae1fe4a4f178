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
class AgendaChange:
    """Sessions to star or unstar on the asker's device, which keeps the agenda (the server
    keeps none): the reply's `agenda` field, applied by the widget."""

    add: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()

    def to_json(self) -> dict[str, list[str]]:
        """The reply's `agenda` object."""
        return {"add": list(self.add), "remove": list(self.remove)}


@dataclass(frozen=True, slots=True)
class Reply:
    """One reply, as CONTRACT.md's POST /api/chat returns it."""

    answer: str
    abstained: bool = False
    citations: tuple[Citation, ...] = ()
    context: Mapping[str, Any] = field(default_factory=dict)
    suggestions: tuple[str, ...] = ()
    agenda: AgendaChange | None = None  # beyond the contract: only replies that change it
    language: str = "en"  # what the answer is written in, so a page can mark it (lang="de")

    def to_json(self) -> dict[str, Any]:
        """The contract's reply object, the language it is written in, and `agenda` when the
        reply changes the agenda."""
        body: dict[str, Any] = {
            "answer": self.answer,
            "abstained": self.abstained,
            "citations": [c.to_json() for c in self.citations],
            "context": dict(self.context),
            "suggestions": list(self.suggestions),
            "lang": self.language,
        }
        if self.agenda is not None:
            body["agenda"] = self.agenda.to_json()
        return body
