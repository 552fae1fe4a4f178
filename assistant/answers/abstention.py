"""Saying plainly that the programme does not answer, with the nearest sessions it does have."""

from __future__ import annotations

from assistant.answers.answerer import Finding
from assistant.answers.finding import Finder
from assistant.answers.understanding import Query
from assistant.answers.wording import Text
from assistant.programme import Session
from assistant.search.retriever import SessionHit


def abstain(
    finder: Finder,
    q: Query,
    reason: Text,
    *,
    hits: list[SessionHit] | None = None,
    nearest: bool = True,
    offered: list[Session] | None = None,
) -> Finding:
    """Say plainly that the programme does not answer, offering up to three nearest sessions."""
    near: list[Session] = list(offered or [])
    if not near and nearest:
        if hits is None and q.topic:
            hits = finder.retriever.search(q.topic, k=3)
        near = [finder.by_id[h.session_id] for h in (hits or [])[:3] if h.dense > 0.2]
    return Finding(query=q, asks=q.asks, abstain=reason, nearest=tuple(near[:3]))
