"""Probes for the orchestrator: the process is up (healthz), the index answers (readyz)."""

# No `from __future__ import annotations`: FastAPI reads endpoint annotations at runtime.

from typing import Any

from fastapi import APIRouter

from assistant.service.deps import ProgrammeDep
from assistant.service.schemas import ERROR_RESPONSES, Health, Ready

router = APIRouter(tags=["operations"])


@router.get("/healthz", response_model=Health)
def healthz() -> dict[str, str]:
    """The process is up (the index may still be loading)."""
    return {"status": "ok"}


@router.get("/readyz", response_model=Ready, responses=ERROR_RESPONSES)
def readyz(programme: ProgrammeDep) -> dict[str, Any]:
    """The index is loaded and answering: 200 with counts, else 503 with the reason."""
    return {
        "status": "ready",
        "sessions": len(programme.sessions),
        "people": len(programme.people),
        "programme": programme.title,
    }
