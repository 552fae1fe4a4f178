"""Probes for the orchestrator: the process is up (healthz), warm and answering (readyz)."""

# No `from __future__ import annotations`: FastAPI reads endpoint annotations at runtime.

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from assistant.service.deps import StateDep
from assistant.service.schemas import Health, NotReady, Ready

router = APIRouter(tags=["operations"])


@router.get("/healthz", response_model=Health)
def healthz() -> dict[str, str]:
    """The process is up (the index may still be loading)."""
    return {"status": "ok"}


@router.get("/readyz", response_model=Ready, responses={503: {"model": NotReady}})
def readyz(state: StateDep) -> Any:
    """Warm and answering: 200 with the index version and counts; else 503 with why,
    `"status": "draining"` once SIGTERM came (so a balancer stops sending first)."""
    if state.draining:
        return not_ready("draining", "the server is stopping: it finishes what it holds")
    assistant = state.assistant
    if assistant is None:
        loading = "still loading" in state.problem
        return not_ready("loading" if loading else "unavailable", state.problem)
    state.require()  # watches the index folder, as chat does
    programme = assistant.programme
    return {
        "status": "ready",
        "sessions": len(programme.sessions),
        "people": len(programme.people),
        "programme": programme.title,
        "index_version": assistant.version,
    }


def not_ready(status: str, message: str) -> JSONResponse:
    """503: the one error shape, with the readiness status beside it."""
    return JSONResponse(
        {"status": status, "error": {"status": 503, "message": message}}, status_code=503
    )
