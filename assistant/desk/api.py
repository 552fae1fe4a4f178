"""The desk's API: drafted answers to enquiries (and what an edited one cites), the batch CSV;
it carries the FAQ, report and programme routers. Every route needs the organiser credential."""

# No `from __future__ import annotations`: FastAPI reads endpoint annotations at runtime.

from collections.abc import Callable, Mapping
from typing import Annotated, Any

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from assistant.answers.reply import Citation, Reply
from assistant.desk import faq_api, programme_api, report_api
from assistant.desk.access import GUARDED, DeskDep, DeskState
from assistant.desk.citing import CITATION_KEYS, cited_in
from assistant.desk.enquiries import (
    Question,
    answer_questions,
    answer_rows,
    read_enquiry_csv,
    read_questions,
    write_answer_csv,
)
from assistant.desk.replies import greeting_for, reply_text
from assistant.errors import AssistantError

MAX_ENQUIRY_CHARS = 20_000
MAX_CSV_BYTES = 2_000_000


class EnquiryIn(BaseModel):
    text: str = Field(
        min_length=1, max_length=MAX_ENQUIRY_CHARS, description="The enquiry, e.g. a whole email."
    )


class DraftOut(BaseModel):
    question: str = Field(description="As the enquiry asks it.")
    asked: str = Field(description="What the assistant was asked for it.")
    answer: str
    abstained: bool
    citations: list[dict[str, str]]


class EnquiryOut(BaseModel):
    """One drafted answer per question the enquiry asks, and the whole reply as text."""

    questions: list[DraftOut]
    reply: str
    greeting: str = Field(description="The reply's opening, to the sender by name if signed.")
    signature: str
    base_url: str = Field(description="What the reply's links start with.")


class CitationsIn(BaseModel):
    text: str = Field(max_length=MAX_ENQUIRY_CHARS, description="An answer, as edited.")
    citations: list[dict[str, str]] = Field(
        default_factory=list, max_length=100, description="What the answer first cited."
    )


class CitationsOut(BaseModel):
    """The sessions and FAQ entries the edited answer names."""

    citations: list[dict[str, str]]


class DeskErrorBody(BaseModel):
    status: int = Field(description="The HTTP status, repeated for clients that only see the body.")
    message: str = Field(description="What went wrong, naming the bad input.")


class DeskErrorOut(BaseModel):
    """The one error shape (service/schemas.py's ErrorOut), as the desk's routes document it."""

    error: DeskErrorBody


# 401 without the credential, 403 from another site or without the CSRF token, 409 an update
# already running (or none to cancel), 404 no such kept programme, 413 a body over its limit, 429 locked out, 503 no index
DESK_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": DeskErrorOut} for code in (401, 403, 404, 409, 413, 422, 429, 503)
}
router = APIRouter(tags=["organiser"], dependencies=GUARDED, responses=DESK_ERRORS)
router.include_router(faq_api.router)
router.include_router(report_api.router)
router.include_router(programme_api.router)


def replier(state: DeskState) -> Callable[[str, Mapping[str, Any] | None], Reply]:
    """Answers with the assistant serving now, every question at the same moment."""
    assistant = state.require()
    moment = state.now(assistant)
    return lambda text, context: assistant.reply(text, context=context, now=moment)


def base_url(request: Request, state: DeskState) -> str:
    """Where the reply's links point: the public address if set, else the desk's own."""
    return (state.settings.public_url or str(request.base_url)).rstrip("/")


@router.post("/organiser/api/enquiry", response_model=EnquiryOut)
def enquiry(body: EnquiryIn, request: Request, state: DeskDep) -> dict[str, Any]:
    """One drafted answer, with citations, per question of a pasted enquiry, and the reply."""
    whole = " ".join(body.text.split())[:1000]
    questions = read_questions(body.text) or (Question(whole, whole),)
    drafts = answer_questions(questions, replier(state))
    greeting = greeting_for(body.text, state.settings.reply_greeting)
    signature = state.settings.reply_signature
    links = base_url(request, state)
    return {
        "questions": [d.to_json() for d in drafts],
        "reply": reply_text(drafts, greeting, signature, links),
        "greeting": greeting,
        "signature": signature,
        "base_url": links,
    }


@router.post("/organiser/api/citations", response_model=CitationsOut)
def citations(body: CitationsIn, state: DeskDep) -> dict[str, Any]:
    """What an edited answer cites: the sessions and FAQ entries it names by title or code,
    and those first cited that it still names (or whose people it names)."""
    assistant = state.require()
    first = [Citation(**{k: str(c.get(k, "")) for k in CITATION_KEYS}) for c in body.citations]
    found = cited_in(body.text, first, assistant.programme, assistant.faq.entries)
    return {"citations": [c.to_json() for c in found]}


@router.post(
    "/organiser/api/batch",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}},
)
def batch(
    file: Annotated[UploadFile, File(description="CSV with an enquiry or question column.")],
    request: Request,
    state: DeskDep,
) -> Response:
    """A CSV of enquiries -> a CSV of answers, a row per enquiry: id, enquiry, answer,
    abstained, citations, sources."""
    name = file.filename or "upload.csv"
    data = file.file.read(MAX_CSV_BYTES + 1)
    if len(data) > MAX_CSV_BYTES:
        raise HTTPException(413, f"{name}: larger than {MAX_CSV_BYTES // 1_000_000} MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AssistantError(f"{name}: not UTF-8 text (byte {exc.start})") from None
    rows = read_enquiry_csv(text, name)
    body = write_answer_csv(answer_rows(rows, replier(state)), base_url(request, state))
    return Response(
        body.encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="answers.csv"'},
    )
