"""What routes take from the app through FastAPI's dependencies: its state, the programme."""

# No `from __future__ import annotations`: FastAPI reads dependency annotations at runtime.

from typing import Annotated

from fastapi import Depends, Request

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
