"""The desk's programme updates: check an upload (its problems, or a preview against the live
programme), publish it once confirmed, follow the build, and roll back to a kept programme."""

# No `from __future__ import annotations`: FastAPI reads endpoint annotations at runtime.

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, UploadFile
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from assistant.desk.access import GUARDED, DeskDep, OrganiserDep, audit
from assistant.desk.updates import NotChecked, NothingToCancel, UpdateBusy

router = APIRouter(tags=["organiser"], dependencies=GUARDED)


class StatusOut(BaseModel):
    """Where the latest programme update is."""

    state: str = Field(
        description="idle, checking, checked, building, swapped, failed, cancelled, or lost "
        "(the server stopped while an update ran)."
    )
    progress: float = Field(ge=0, le=1, description="The share of the build's work done.")
    message: str
    sessions: int
    file: str
    problems: list[str] = Field(description="Warnings of the accepted programme, FILE:LINE.")
    title: str = Field(description="The programme's name (the new one, once swapped).")


class PublishIn(BaseModel):
    upload: str = Field(min_length=1, max_length=64, description="The checked upload's id.")


class RollbackIn(BaseModel):
    version: str = Field(min_length=1, max_length=64, description="A kept programme's id.")


@router.post("/organiser/api/programme")
def check(
    file: Annotated[UploadFile, File(description="One programme file in any format read.")],
    state: DeskDep,
    organiser: OrganiserDep,
    timezone: Annotated[str, Form(max_length=64, description="For sources naming no zone.")] = "",
) -> dict[str, Any]:
    """Check a new programme in a worker process: its problems (422), or a preview against
    the live one with the upload's id to publish it by."""
    name = file.filename or "programme.txt"
    limit = state.settings.max_programme_mb * 1_000_000
    if file.size is not None and file.size > limit:
        raise HTTPException(413, f"{name}: larger than {state.settings.max_programme_mb} MB")
    zone = timezone.strip() or state.require().programme.timezone
    try:
        checked = state.updater.check(name, file.file, zone)
    except UpdateBusy as exc:
        raise HTTPException(409, str(exc)) from None
    audit(
        state,
        organiser,
        "programme checked",
        f"{name}: {checked.sessions} sessions, upload {checked.upload}",
    )
    return checked.to_json()


@router.post("/organiser/api/programme/publish", response_model=StatusOut, status_code=202)
def publish(body: PublishIn, state: DeskDep, organiser: OrganiserDep) -> dict[str, Any]:
    """Publish a checked upload: built in the background, then swapped in."""
    try:
        started = state.updater.publish(body.upload)
    except NotChecked as exc:
        raise HTTPException(409, str(exc)) from None
    except UpdateBusy as exc:
        raise HTTPException(409, str(exc)) from None
    audit(state, organiser, "programme published", f"{started.file}, upload {body.upload}")
    return started.to_json()


@router.post("/organiser/api/programme/cancel", response_model=StatusOut)
def cancel(state: DeskDep) -> dict[str, Any]:
    """Stop the running programme update; the served programme stays as it is."""
    try:
        return state.updater.cancel().to_json()
    except NothingToCancel as exc:
        raise HTTPException(409, str(exc)) from None


@router.get("/organiser/api/programme/status", response_model=StatusOut)
def status(state: DeskDep) -> dict[str, Any]:
    """idle, checking, checked, building (with progress), swapped, failed, cancelled or lost."""
    return state.updater.status.to_json()


@router.get("/organiser/api/programme/history")
def history(state: DeskDep) -> dict[str, Any]:
    """The last published programmes, newest first; the live one marked."""
    return {"versions": state.updater.versions()}


@router.post("/organiser/api/programme/rollback", response_model=StatusOut, status_code=202)
def rollback(body: RollbackIn, state: DeskDep, organiser: OrganiserDep) -> dict[str, Any]:
    """Put a kept programme back, in the background."""
    try:
        started = state.updater.rollback(body.version)
    except NotChecked as exc:
        raise HTTPException(404, str(exc)) from None
    except UpdateBusy as exc:
        raise HTTPException(409, str(exc)) from None
    audit(state, organiser, "programme rolled back", f"to version {body.version}")
    return started.to_json()
