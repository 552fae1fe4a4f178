"""What routes take from the app through FastAPI's dependencies: its state, the programme."""

# No `from __future__ import annotations`: FastAPI reads dependency annotations at runtime.

from typing import Annotated

from fastapi import Depends, Request

from assistant.config import Settings
from assistant.programme import Programme
from assistant.service.state import ServiceState


async def get_state(request: Request) -> ServiceState:
    """The app's one state object (async: a lookup is not worth a worker thread)."""
    state: ServiceState = request.app.state.service
    return state


StateDep = Annotated[ServiceState, Depends(get_state)]


def get_programme(state: StateDep) -> Programme:
    """The programme the serving assistant answers from, or 503 with why none is loaded."""
    return state.require().programme


ProgrammeDep = Annotated[Programme, Depends(get_programme)]


def page_base(request: Request, settings: Settings) -> str:
    """What links in pages start with: ASSISTANT_PUBLIC_URL, else nothing (links relative to
    this server's root); never the request's Host header, which a client chooses."""
    return settings.public_url.rstrip("/") or request.scope.get("root_path", "")


def calendar_base(settings: Settings) -> str:
    """What links in calendar files start with (they need a whole address): ASSISTANT_PUBLIC_URL,
    else the address this server was told to listen on."""
    return settings.public_url.rstrip("/") or f"http://{settings.host}:{settings.port}"
