"""The desk's API: drafted answers to enquiries, batch CSV, the could-not-find report and
programme updates; every route needs the organiser credential."""

# No `from __future__ import annotations`: FastAPI reads endpoint annotations at runtime.

from collections.abc import Callable, Mapping
from typing import Annotated, Any

from fastapi import APIRouter, File, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from assistant.answers.reply import Reply
from assistant.desk import faq_api, programme_api, report_api
from assistant.desk.access import GUARDED, DeskDep, DeskState
from assistant.desk.enquiries import (
    answer_questions,
    answer_rows,
    read_enquiry_csv,
    reply_text,
    split_enquiry,
    write_answer_csv,
)
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


router = APIRouter(tags=["organiser"], dependencies=GUARDED)
router.include_router(faq_api.router)
router.include_router(report_api.router)
router.include_router(programme_api.router)


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
