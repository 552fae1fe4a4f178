"""The desk's API: drafted answers to enquiries, batch CSV, the could-not-find report and
programme updates; every route needs the organiser credential."""

# No `from __future__ import annotations`: FastAPI reads endpoint annotations at runtime.

from collections.abc import Callable, Mapping
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from assistant.answers.reply import Reply
from assistant.desk import faq_api, report_api
from assistant.desk.access import GUARDED, DeskDep, DeskState
from assistant.desk.enquiries import (
    answer_questions,
    answer_rows,
    read_enquiry_csv,
    reply_text,
    split_enquiry,
    write_answer_csv,
)
from assistant.desk.reloader import UpdateBusy
from assistant.errors import AssistantError

MAX_ENQUIRY_CHARS = 20_000
MAX_CSV_BYTES = 2_000_000
MAX_PROGRAMME_BYTES = 50_000_000


class EnquiryIn(BaseModel):
    text: str = Field(
        min_length=1, max_length=MAX_ENQUIRY_CHARS, description="The enquiry, e.g. a whole email."
    )


class DraftOut(BaseModel):
    question: str
    answer: str
    abstained: bool
    citations: list[dict[str, str]]


class EnquiryOut(BaseModel):
    """One drafted answer per question the enquiry asks, and the whole reply as text."""

    questions: list[DraftOut]
    reply: str


class StatusOut(BaseModel):
    """Where the latest programme update is."""

    state: str = Field(description="idle, checking, building, swapped or failed.")
    progress: float = Field(ge=0, le=1)
    message: str
    sessions: int
    file: str
    problems: list[str] = Field(description="Warnings of the accepted programme, FILE:LINE.")


router = APIRouter(tags=["organiser"], dependencies=GUARDED)
router.include_router(faq_api.router)
router.include_router(report_api.router)


def replier(state: DeskState) -> Callable[[str, Mapping[str, Any] | None], Reply]:
    """Answers with the assistant serving now, every question at the same moment."""
    assistant = state.require()
    moment = state.now(assistant)
    return lambda text, context: assistant.reply(text, context=context, now=moment)


@router.post("/organiser/api/enquiry", response_model=EnquiryOut)
def enquiry(body: EnquiryIn, state: DeskDep) -> dict[str, Any]:
    """One drafted answer, with citations, per question of a pasted enquiry."""
    questions_asked = split_enquiry(body.text) or (" ".join(body.text.split())[:1000],)
    drafts = answer_questions(questions_asked, replier(state))
    return {"questions": [d.to_json() for d in drafts], "reply": reply_text(drafts)}


@router.post(
    "/organiser/api/batch",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}},
)
def batch(
    file: Annotated[UploadFile, File(description="CSV with an enquiry or question column.")],
    state: DeskDep,
) -> Response:
    """A CSV of enquiries -> a CSV of answers: id, question, answer, abstained, citations."""
    name = file.filename or "upload.csv"
    data = file.file.read(MAX_CSV_BYTES + 1)
    if len(data) > MAX_CSV_BYTES:
        raise HTTPException(413, f"{name}: larger than {MAX_CSV_BYTES // 1_000_000} MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AssistantError(f"{name}: not UTF-8 text (byte {exc.start})") from None
    rows = read_enquiry_csv(text, name)
    body = write_answer_csv(answer_rows(rows, replier(state)))
    return Response(
        body.encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="answers.csv"'},
    )


@router.post("/organiser/api/programme", response_model=StatusOut, status_code=202)
def programme(
    file: Annotated[UploadFile, File(description="One programme file in any format read.")],
    state: DeskDep,
    timezone: Annotated[str, Form(max_length=64, description="For sources naming no zone.")] = "",
) -> dict[str, Any]:
    """Check a new programme; if usable, build it in the background and swap it in."""
    name = file.filename or "programme.txt"
    data = file.file.read(MAX_PROGRAMME_BYTES + 1)
    if len(data) > MAX_PROGRAMME_BYTES:
        raise HTTPException(413, f"{name}: larger than {MAX_PROGRAMME_BYTES // 1_000_000} MB")
    zone = timezone.strip() or state.require().programme.timezone
    try:
        return state.updater.submit(name, data, zone).to_json()
    except UpdateBusy as exc:
        raise HTTPException(409, str(exc)) from None


@router.get("/organiser/api/programme/status", response_model=StatusOut)
def programme_status(state: DeskDep) -> dict[str, Any]:
    """idle, checking, building (with progress), swapped or failed."""
    return state.updater.status.to_json()
