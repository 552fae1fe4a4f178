"""The organiser desk: drafted answers to enquiries, batch CSV, the could-not-find report and
live programme updates; every route behind ASSISTANT_ORGANISER_TOKEN."""

# No `from __future__ import annotations`: FastAPI reads endpoint annotations at runtime.

import hashlib
import hmac
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException

from assistant.answers.reply import Reply
from assistant.desk.enquiries import (
    answer_questions,
    answer_rows,
    read_enquiry_csv,
    reply_text,
    split_enquiry,
    write_answer_csv,
)
from assistant.desk.question_log import QuestionLog
from assistant.desk.reloader import ProgrammeUpdater, UpdateBusy
from assistant.errors import AssistantError

if TYPE_CHECKING:
    from assistant.answers.engine import Assistant

COOKIE = "organiser"
COOKIE_MESSAGE = b"programme-assistant organiser desk v1"
COOKIE_MAX_AGE = 12 * 3600
MAX_ENQUIRY_CHARS = 20_000
MAX_CSV_BYTES = 2_000_000
MAX_PROGRAMME_BYTES = 50_000_000
LOGIN_ATTEMPTS_PER_MINUTE = 10  # per client: guessing the token stays slow


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

    state: str = Field(description="idle, checking, building, swapped or failed.")
    progress: float = Field(ge=0, le=1)
    message: str
    sessions: int
    file: str
    problems: list[str] = Field(description="Warnings of the accepted programme, FILE:LINE.")


def cookie_value(token: str) -> str:
    """What the desk's cookie holds: an HMAC keyed by the token, never the token itself."""
    return hmac.new(token.encode(), COOKIE_MESSAGE, hashlib.sha256).hexdigest()


def authorised(request: Request, token: str) -> bool:
    """The request carries the organiser credential: a Bearer header or the desk's cookie."""
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and given:
        return hmac.compare_digest(given.strip().encode(), token.encode())
    cookie = request.cookies.get(COOKIE, "")
    return bool(cookie) and hmac.compare_digest(cookie.encode(), cookie_value(token).encode())


def unauthorised() -> HTTPException:
    return HTTPException(
        401,
        "the organiser desk needs the organiser token: send 'Authorization: Bearer TOKEN' "
        "or log in at /organiser",
        headers={"WWW-Authenticate": "Bearer"},
    )


def desk_off_router() -> APIRouter:
    """Every /organiser path when no token is configured: 404, the desk is off."""
    router = APIRouter(include_in_schema=False)

    @router.api_route("/organiser{rest:path}", methods=["GET", "HEAD", "POST"])
    def desk_off(rest: str) -> None:
        raise HTTPException(
            404, "the organiser desk is off: set ASSISTANT_ORGANISER_TOKEN to turn it on"
        )

    return router


def organiser_router(
    token: str,
    current: Callable[[], "Assistant"],
    now: Callable[["Assistant"], Any],
    questions: QuestionLog | None,
    updater: ProgrammeUpdater,
    templates: Jinja2Templates,
) -> APIRouter:
    """The desk's page and API; `current` gives the assistant serving chat at this moment."""

    def require_organiser(request: Request) -> None:
        if not authorised(request, token):
            raise unauthorised()

    def no_store(response: Response) -> None:
        response.headers["Cache-Control"] = "no-store"  # organiser data: not for shared caches

    guarded = [Depends(require_organiser), Depends(no_store)]
    router = APIRouter(tags=["organiser"])

    def replier(assistant: "Assistant") -> Callable[[str, Mapping[str, Any] | None], Reply]:
        moment = now(assistant)
        return lambda text, context: assistant.reply(text, context=context, now=moment)

    def login_page(request: Request, message: str = "") -> Response:
        return templates.TemplateResponse(
            request,
            "organiser_login.html",
            {"message": message},
            status_code=401,
            headers={"Cache-Control": "no-store"},
        )

    @router.api_route(
        "/organiser", methods=["GET", "HEAD"], response_class=HTMLResponse, include_in_schema=False
    )
    def desk(request: Request) -> Response:
        """The desk page; without the credential, the login form (with 401)."""
        if not authorised(request, token):
            return login_page(request)
        assistant = current()
        return templates.TemplateResponse(
            request,
            "organiser.html",
            {"programme": assistant.programme, "logging": questions is not None},
            headers={"Cache-Control": "no-store"},
        )

    @router.post("/organiser/login", include_in_schema=False)
    async def login(request: Request) -> Response:
        """Trade the token for an HttpOnly, SameSite=Strict cookie holding its HMAC."""
        form = await request.form()
        given = form.get("token")
        if not isinstance(given, str) or not hmac.compare_digest(
            given.strip().encode(), token.encode()
        ):
            return login_page(request, "That token is not right.")
        response = RedirectResponse("/organiser", status_code=303)
        response.set_cookie(
            COOKIE,
            cookie_value(token),
            max_age=COOKIE_MAX_AGE,
            path="/organiser",
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
        )
        return response

    @router.post("/organiser/logout", dependencies=guarded, include_in_schema=False)
    def logout() -> Response:
        """Forget the desk's cookie."""
        response = RedirectResponse("/organiser", status_code=303)
        response.delete_cookie(COOKIE, path="/organiser", httponly=True, samesite="strict")
        return response

    @router.post("/organiser/api/enquiry", response_model=EnquiryOut, dependencies=guarded)
    def enquiry(body: EnquiryIn) -> dict[str, Any]:
        """One drafted answer, with citations, per question of a pasted enquiry."""
        questions_asked = split_enquiry(body.text) or (" ".join(body.text.split())[:1000],)
        drafts = answer_questions(questions_asked, replier(current()))
        return {"questions": [d.to_json() for d in drafts], "reply": reply_text(drafts)}

    @router.post(
        "/organiser/api/batch",
        response_class=Response,
        responses={200: {"content": {"text/csv": {}}}},
        dependencies=guarded,
    )
    def batch(
        file: Annotated[UploadFile, File(description="CSV with an enquiry or question column.")],
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
        body = write_answer_csv(answer_rows(rows, replier(current())))
        return Response(
            body.encode("utf-8"),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="answers.csv"'},
        )

    @router.get("/organiser/api/report", response_model=ReportOut, dependencies=guarded)
    def report(
        limit: Annotated[int, Query(ge=1, le=500, description="Groups to list.")] = 50,
    ) -> dict[str, Any]:
        """What delegates asked, grouped by meaning; the ones the programme could not answer first."""
        if questions is None:
            return {"logging": False, "groups": []}
        embedder = current().retriever.embedder
        try:
            groups = questions.report(embedder.embed, limit)
        except SQLAlchemyError as exc:
            raise HTTPException(503, f"the question log is not available: {exc.args[0]}") from None
        return {"logging": True, "groups": [g.to_json() for g in groups]}

    @router.post(
        "/organiser/api/programme", response_model=StatusOut, status_code=202, dependencies=guarded
    )
    def programme(
        file: Annotated[UploadFile, File(description="One programme file in any format read.")],
        timezone: Annotated[
            str, Form(max_length=64, description="For sources naming no zone.")
        ] = "",
    ) -> dict[str, Any]:
        """Check a new programme; if usable, build it in the background and swap it in."""
        name = file.filename or "programme.txt"
        data = file.file.read(MAX_PROGRAMME_BYTES + 1)
        if len(data) > MAX_PROGRAMME_BYTES:
            raise HTTPException(413, f"{name}: larger than {MAX_PROGRAMME_BYTES // 1_000_000} MB")
        zone = timezone.strip() or current().programme.timezone
        try:
            return updater.submit(name, data, zone).to_json()
        except UpdateBusy as exc:
            raise HTTPException(409, str(exc)) from None

    @router.get("/organiser/api/programme/status", response_model=StatusOut, dependencies=guarded)
    def programme_status() -> dict[str, Any]:
        """idle, checking, building (with progress), swapped or failed."""
        return updater.status.to_json()

    return router
