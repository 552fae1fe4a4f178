"""The desk's API: drafted answers to enquiries, batch CSV, the could-not-find report and
programme updates; every route needs the organiser credential."""

# No `from __future__ import annotations`: FastAPI reads endpoint annotations at runtime.

from collections.abc import Callable, Mapping
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException

from assistant.answers.reply import Reply
from assistant.desk.access import GUARDED, DeskDep, DeskState
from assistant.desk.enquiries import (
    answer_questions,
    answer_rows,
    read_enquiry_csv,
    reply_text,
    split_enquiry,
    write_answer_csv,
)
from assistant.desk.reloader import NothingToCancel, UpdateBusy
from assistant.errors import AssistantError

MAX_ENQUIRY_CHARS = 20_000
MAX_CSV_BYTES = 2_000_000


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


class GroupOut(BaseModel):
    question: str = Field(description="The most asked wording of the group.")
    count: int
    abstained: bool = Field(description="Most of these questions got no answer.")
    abstained_count: int
    examples: list[str]
    last_asked: str
    cited_ids: list[str]


class ReportOut(BaseModel):
    """What delegates asked, paraphrases grouped; unanswered groups first, then by count."""

    logging: bool = Field(description="False when ASSISTANT_LOG_QUESTIONS=0.")
    groups: list[GroupOut]


class StatusOut(BaseModel):
    """Where the latest programme update is."""

    state: str = Field(
        description="idle, checking, building, swapped, failed, cancelled, or lost (the server "
        "stopped while an update ran)."
    )
    progress: float = Field(ge=0, le=1)
    message: str
    sessions: int
    file: str
    problems: list[str] = Field(
        description="FILE:LINE: the warnings of an accepted programme, the errors of a refused one."
    )


class DeskErrorBody(BaseModel):
    status: int = Field(description="The HTTP status, repeated for clients that only see the body.")
    message: str = Field(description="What went wrong, naming the bad input.")


class DeskErrorOut(BaseModel):
    """The one error shape (service/schemas.py's ErrorOut), as the desk's routes document it."""

    error: DeskErrorBody


# 401 without the credential, 403 from another site or without the CSRF token, 409 an update
# already running (or none to cancel), 413 a body over its limit, 429 locked out, 503 no index
DESK_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": DeskErrorOut} for code in (401, 403, 409, 413, 422, 429, 503)
}
router = APIRouter(tags=["organiser"], dependencies=GUARDED, responses=DESK_ERRORS)


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


@router.get("/organiser/api/report", response_model=ReportOut)
def report(
    state: DeskDep,
    limit: Annotated[int, Query(ge=1, le=500, description="Groups to list.")] = 50,
) -> dict[str, Any]:
    """What delegates asked, grouped by meaning; the ones the programme could not answer first."""
    if state.questions is None:
        return {"logging": False, "groups": []}
    embedder = state.require().retriever.embedder
    try:
        groups = state.questions.report(embedder.embed, limit)
    except SQLAlchemyError as exc:
        raise HTTPException(503, f"the question log is not available: {exc.args[0]}") from None
    return {"logging": True, "groups": [g.to_json() for g in groups]}


@router.post(
    "/organiser/api/programme",
    response_model=StatusOut,
    status_code=202,
)
def programme(
    file: Annotated[UploadFile, File(description="One programme file in any format read.")],
    state: DeskDep,
    timezone: Annotated[str, Form(max_length=64, description="For sources naming no zone.")] = "",
) -> dict[str, Any]:
    """Store a new programme and have a worker check it, build it and swap it in; the status
    route follows it (problems come back there as FILE:LINE)."""
    name = file.filename or "programme.txt"
    limit = state.settings.max_programme_mb * 1_000_000
    if file.size is not None and file.size > limit:
        raise HTTPException(413, f"{name}: larger than {state.settings.max_programme_mb} MB")
    zone = timezone.strip() or state.require().programme.timezone
    try:
        return state.updater.submit(name, file.file, zone).to_json()
    except UpdateBusy as exc:
        raise HTTPException(409, str(exc)) from None


@router.post(
    "/organiser/api/programme/cancel",
    response_model=StatusOut,
)
def cancel_programme(state: DeskDep) -> dict[str, Any]:
    """Stop the running programme update; the served programme stays as it is."""
    try:
        return state.updater.cancel().to_json()
    except NothingToCancel as exc:
        raise HTTPException(409, str(exc)) from None


@router.get("/organiser/api/programme/status", response_model=StatusOut)
def programme_status(state: DeskDep) -> dict[str, Any]:
    """idle, checking, building (with progress), swapped or failed."""
    return state.updater.status.to_json()
