"""The desk's FAQ editor API: the entries the assistant answers from, and writing them."""

# No `from __future__ import annotations`: FastAPI reads endpoint annotations at runtime.

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException

from assistant.desk.access import GUARDED, DeskDep, DeskState, OrganiserDep, audit
from assistant.desk.faq_store import DESK, MAX_ANSWER, MAX_QUESTION, FaqStore
from assistant.sources.faq_file import merge_entries

router = APIRouter(tags=["organiser"], dependencies=GUARDED)


class EntryIn(BaseModel):
    question: str = Field(min_length=1, max_length=MAX_QUESTION, description="As delegates ask.")
    answer: str = Field(min_length=1, max_length=MAX_ANSWER, description="Plain text.")
    id: str = Field(
        "", max_length=60, description="The anchor (/faq#ID); made from the question if empty."
    )
    resolves: list[str] = Field(
        default_factory=list,
        max_length=50,
        description="Report groups this entry answers ('Answer this'): marked done.",
    )


class EntryOut(BaseModel):
    id: str
    question: str
    answer: str
    source: str = Field(description="'faq.md:LINE' from the programme's file, or 'desk'.")
    url: str


class FaqOut(BaseModel):
    """The entries the assistant answers from now, and what it says without one."""

    entries: list[EntryOut]
    information_desk: str


def _store(state: DeskState) -> FaqStore:
    if state.faq.store is None:
        raise HTTPException(503, "the FAQ's database is not configured")
    return state.faq.store


def faq_json(state: DeskState) -> dict[str, Any]:
    """The serving assistant's FAQ, brought up to date with the database first."""
    assistant = state.require()
    try:
        state.faq.apply(assistant, force=True)
    except SQLAlchemyError as exc:
        raise HTTPException(503, f"the FAQ's database is not available: {exc.args[0]}") from None
    faq = assistant.faq
    return {
        "entries": [e.to_json() for e in faq.entries],
        "information_desk": faq.information_desk,
    }


@router.get("/organiser/api/faq", response_model=FaqOut)
def entries(state: DeskDep) -> dict[str, Any]:
    """Every entry: the programme's faq.md with the desk's on top."""
    return faq_json(state)


@router.post("/organiser/api/faq", response_model=FaqOut)
def save(body: EntryIn, state: DeskDep, organiser: OrganiserDep) -> dict[str, Any]:
    """Add an entry or replace one (a faq.md entry too): delegates get it at once."""
    known = {e.id for e in state.require().faq.entries}
    try:
        saved = _store(state).save(body.question, body.answer, body.id)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
    except SQLAlchemyError as exc:
        raise HTTPException(503, f"the FAQ's database is not available: {exc.args[0]}") from None
    edited = "FAQ entry edited" if saved.id in known else "FAQ entry created"
    audit(state, organiser, edited, f"{saved.id}: {saved.question}")
    if body.resolves and state.report is not None:
        state.report.mark_done(body.resolves, note=f"faq:{saved.id}")
        audit(state, organiser, "report group marked done", f"by FAQ {saved.id}")
    return faq_json(state)


@router.delete("/organiser/api/faq/{entry_id}", response_model=FaqOut)
def remove(entry_id: str, state: DeskDep, organiser: OrganiserDep) -> dict[str, Any]:
    """Remove an entry, whether written on the desk or in faq.md."""
    current = {e.id: e for e in merge_entries(state.require().faq.entries, ())}
    entry = current.get(entry_id)
    if entry is None:
        raise HTTPException(404, f"no FAQ entry {entry_id!r}")
    try:
        _store(state).save(entry.question, "", entry.id)
    except SQLAlchemyError as exc:
        raise HTTPException(503, f"the FAQ's database is not available: {exc.args[0]}") from None
    audit(state, organiser, "FAQ entry deleted", f"{entry.id}: {entry.question}")
    return faq_json(state)


__all__ = ["DESK", "router"]
