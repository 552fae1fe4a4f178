"""The HTTP app: chat API, programme API, session pages, calendars and the widget's files."""

# No `from __future__ import annotations`: FastAPI reads endpoint annotations at runtime and the
# chat request model is built inside create_app (its length limit comes from Settings).

import asyncio
import logging
import math
import time
from collections import OrderedDict, deque
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import BackgroundTasks, Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from pydantic import BaseModel, Field, create_model
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from assistant.answers.answerer import day_name, session_path
from assistant.answers.reply import Reply
from assistant.answers.vocabulary import fold
from assistant.config import Settings
from assistant.desk.organiser import LOGIN_ATTEMPTS_PER_MINUTE, desk_off_router, organiser_router
from assistant.desk.question_log import QuestionLog
from assistant.desk.reloader import IndexWatcher, ProgrammeUpdater
from assistant.errors import AssistantError, IndexFolderError, NotFoundError
from assistant.programme import Participant, Person, Programme, Session, slug, written_zone
from assistant.service.calendar import calendar_for, to_local

if TYPE_CHECKING:
    from assistant.answers.engine import Assistant

log = logging.getLogger(__name__)

WEB_DIR = Path(__file__).resolve().parents[2] / "web"
MAX_CALENDAR_IDS = 200

# Pages get a strict policy: the widget's config comes from data- attributes, never inline JS.
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# Swagger UI and ReDoc load their own inline script and CDN assets, so they keep no CSP.
DOCS_PATHS = ("/docs", "/redoc")


# ---------------------------------------------------------------- response models (OpenAPI)


class ErrorBody(BaseModel):
    status: int = Field(description="The HTTP status, repeated for clients that only see the body.")
    message: str = Field(description="What went wrong, naming the bad input.")


class ErrorOut(BaseModel):
    """The one error shape of every route."""

    error: ErrorBody


class CitationOut(BaseModel):
    session_id: str
    title: str
    part: str
    url: str
    snippet: str


class ReplyOut(BaseModel):
    """The reply of POST /api/chat, as CONTRACT.md fixes it."""

    answer: str
    abstained: bool
    citations: list[CitationOut]
    context: dict[str, Any]
    suggestions: list[str]


class PersonOut(BaseModel):
    id: str
    name: str
    honorific: str
    role: str
    organisation: str
    country: str
    affiliation: str


class PartOut(BaseModel):
    index: int
    title: str
    abstract: str
    objectives: list[str]
    speakers: list[PersonOut]


class SessionSummary(BaseModel):
    id: str
    code: str
    title: str
    subtitle: str
    scheduled: bool
    day: date | None
    start: datetime | None = Field(description="ISO 8601, in the programme's time zone.")
    end: datetime | None
    start_time: str = Field(description="As the programme writes it, e.g. 13:15.")
    end_time: str
    when: str = Field(description="e.g. 'Thursday 22 May 2025, 13:15–14:30'.")
    room: str
    stream: str
    format: str
    url: str = Field(description="This assistant's page of the session.")
    ics: str | None = Field(description="The session's calendar file; null when unscheduled.")


class SessionDetail(SessionSummary):
    group: str
    content_filters: list[str]
    keywords: list[str]
    language: str
    recorded: bool | None
    source_url: str = Field(description="The session's page in the source programme, if any.")
    abstract: str
    objectives: list[str]
    chairs: list[PersonOut]
    parts: list[PartOut]
    speakers: list[PersonOut]


class AppearanceOut(BaseModel):
    session_id: str
    session_title: str
    capacity: str
    part_index: int | None
    part_title: str
    url: str


class ParticipantSummary(PersonOut):
    session_ids: list[str]


class ParticipantDetail(PersonOut):
    appearances: list[AppearanceOut]


class Health(BaseModel):
    status: str


class Ready(BaseModel):
    status: str
    sessions: int
    people: int
    programme: str


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut} for code in (401, 404, 409, 413, 422, 429, 500, 503)
}


# ---------------------------------------------------------------- presenting records


def clock_label(moment: datetime | None) -> str:
    """A time as the programme writes it: '13:15'."""
    return f"{moment:%H:%M}" if moment is not None else ""


def when_label(session: Session, zone: tzinfo | None) -> str:
    """Day and time span, e.g. 'Thursday 22 May 2025, 13:15–14:30', or 'Not yet scheduled'."""
    if session.start is None:
        return (
            f"{day_name(session.day)}, time not yet scheduled"
            if session.day
            else ("Not yet scheduled")
        )
    start = to_local(session.start, zone)
    text = f"{day_name(start.date())}, {clock_label(start)}"
    if session.end is None:
        return text
    end = to_local(session.end, zone)
    if end.date() != start.date():
        return f"{text} – {day_name(end.date())}, {clock_label(end)}"
    return f"{text}–{clock_label(end)}"


def person_json(person: Person) -> dict[str, Any]:
    return {
        "id": person.id,
        "name": person.name,
        "honorific": person.honorific,
        "role": person.role,
        "organisation": person.organisation,
        "country": person.country,
        "affiliation": person.affiliation,
    }


def session_summary(session: Session, zone: tzinfo | None) -> dict[str, Any]:
    """The fields a list of sessions shows."""
    start = to_local(session.start, zone) if session.start else None
    end = to_local(session.end, zone) if session.end else None
    path = session_path(session.id)
    return {
        "id": session.id,
        "code": session.code,
        "title": session.title,
        "subtitle": session.subtitle,
        "scheduled": start is not None,
        "day": start.date() if start else session.day,
        "start": start,
        "end": end,
        "start_time": clock_label(start),
        "end_time": clock_label(end),
        "when": when_label(session, zone),
        "room": session.room,
        "stream": session.stream,
        "format": session.format,
        "url": path,
        "ics": path + ".ics" if start else None,
    }


def session_detail(session: Session, zone: tzinfo | None) -> dict[str, Any]:
    """Every field of a session, with its parts and people."""
    return {
        **session_summary(session, zone),
        "group": session.group,
        "content_filters": list(session.content_filters),
        "keywords": list(session.keywords),
        "language": session.language,
        "recorded": session.recorded,
        "source_url": session.url,
        "abstract": session.abstract,
        "objectives": list(session.objectives),
        "chairs": [person_json(p) for p in session.chairs],
        "parts": [
            {
                "index": part.index,
                "title": part.title,
                "abstract": part.abstract,
                "objectives": list(part.objectives),
                "speakers": [person_json(p) for p in part.speakers],
            }
            for part in session.parts
        ],
        "speakers": [person_json(p) for p in session.speakers],
    }


def participant_detail(participant: Participant, programme: Programme) -> dict[str, Any]:
    """A person with every session they appear in."""
    appearances = []
    for appearance in participant.appearances:
        session = programme.session(appearance.session_id)
        part = None
        if session is not None and appearance.part_index is not None:
            part = next((p for p in session.parts if p.index == appearance.part_index), None)
        appearances.append(
            {
                "session_id": appearance.session_id,
                "session_title": session.title if session else "",
                "capacity": appearance.capacity.value,
                "part_index": appearance.part_index,
                "part_title": part.title if part else "",
                "url": session_path(appearance.session_id),
            }
        )
    return {**person_json(participant.person), "id": participant.id, "appearances": appearances}


def session_text(session: Session) -> str:
    """Everything a text filter searches: titles, abstracts and people."""
    fields: list[str] = [
        session.id,
        session.code,
        session.title,
        session.subtitle,
        session.abstract,
    ]
    fields.extend(session.keywords)
    for part in session.parts:
        fields.extend((part.title, part.abstract))
    for person in session.people:
        fields.extend((person.name, person.organisation))
    return fold(" ".join(fields))


def matches(session: Session, words: Sequence[str]) -> bool:
    """True when every word occurs in the session's text."""
    text = session_text(session)
    return all(word in text for word in words)


def in_order(sessions: Iterable[Session], zone: tzinfo | None) -> list[Session]:
    """Scheduled sessions by local start time, then unscheduled ones, programme order within."""
    listed = list(sessions)
    scheduled = [s for s in listed if s.start is not None]
    # Wall-clock order is the programme's order; dropping tzinfo lets naive and aware times mix.
    scheduled.sort(key=lambda s: to_local(s.start, zone).replace(tzinfo=None) if s.start else 0)
    return scheduled + [s for s in listed if s.start is None]


def find_session(programme: Programme, session_id: str) -> Session:
    """The session with this id (exact, else case-insensitive), or NotFoundError."""
    session = programme.session(session_id)
    if session is None:
        wanted = session_id.casefold()
        session = next((s for s in programme.sessions if s.id.casefold() == wanted), None)
    if session is None:
        raise NotFoundError(f"no session {session_id!r}")
    return session


# ---------------------------------------------------------------- errors


def error_response(
    status: int, message: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    """The one error shape: {"error": {"status": 404, "message": "no session 'XYZ'"}}."""
    return JSONResponse(
        {"error": {"status": status, "message": message}}, status_code=status, headers=headers
    )


def validation_message(errors: Sequence[Any]) -> str:
    """Pydantic's errors as one sentence naming each bad field."""
    messages = []
    for error in errors:
        # loc is ("body", "message") or ("query", "day"): the field name is what a person knows.
        loc = [str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path")]
        where = ".".join(loc) or "request body"
        if error.get("type") == "json_invalid":
            detail = error.get("ctx", {}).get("error", "")
            messages.append(f"the request body is not valid JSON: {detail}".rstrip(": "))
        elif error.get("type") == "string_too_long":
            given = error.get("input")
            limit = error.get("ctx", {}).get("max_length")
            size = f"{len(given)} characters" if isinstance(given, str) else "too long"
            messages.append(f"{where} is too long: {size}, at most {limit} allowed")
        elif error.get("type") == "missing":
            messages.append(f"{where} is required")
        else:
            messages.append(f"{where}: {error.get('msg', 'invalid')}")
    return "; ".join(messages) or "invalid request"


def add_error_handlers(app: FastAPI) -> None:
    """Map every error to the one shape: HTTP errors, validation, the core's errors, crashes."""

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"no page at {request.url.path}"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        return error_response(exc.status_code, message, dict(exc.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, validation_message(exc.errors()))

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> JSONResponse:
        return error_response(404, str(exc))

    @app.exception_handler(IndexFolderError)
    async def index_unusable(request: Request, exc: IndexFolderError) -> JSONResponse:
        return error_response(503, str(exc))

    @app.exception_handler(AssistantError)
    async def assistant_error(request: Request, exc: AssistantError) -> JSONResponse:
        return error_response(422, str(exc))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(500, "internal error: the assistant failed on this request")


# ---------------------------------------------------------------- middleware


class SlidingWindowLimiter:
    """At most `limit` hits per `window` seconds per key, remembering at most `max_keys` keys."""

    def __init__(
        self,
        limit: int,
        window: float = 60.0,
        max_keys: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.window = window
        self.max_keys = max_keys
        self.clock = clock
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()

    def hit(self, key: str) -> float:
        """Record a hit; 0 when allowed, else the seconds until the next hit would be."""
        now = self.clock()
        hits = self._hits.get(key)
        if hits is None:
            hits = self._hits[key] = deque()
            if len(self._hits) > self.max_keys:
                self._hits.popitem(last=False)  # forget the least recently seen client
        else:
            self._hits.move_to_end(key)
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        if len(hits) >= self.limit:
            return hits[0] + self.window - now
        hits.append(now)
        return 0.0


class RateLimitMiddleware:
    """429 (in the error shape, with Retry-After) when a client POSTs too often to a path."""

    def __init__(
        self,
        app: ASGIApp,
        limiter: SlidingWindowLimiter,
        paths: Iterable[str],
        noun: str = "questions",
    ) -> None:
        self.app = app
        self.limiter = limiter
        self.paths = frozenset(paths)
        self.noun = noun

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST" and scope["path"] in self.paths:
            client = scope.get("client")
            wait = self.limiter.hit(client[0] if client else "unknown")
            if wait > 0:
                seconds = max(1, math.ceil(wait))
                response = error_response(
                    429,
                    f"too many {self.noun}: at most {self.limiter.limit} a minute; "
                    f"try again in {seconds} s",
                    {"Retry-After": str(seconds)},
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def add_security_headers(app: FastAPI) -> None:
    """nosniff and a referrer policy everywhere; CSP and no framing on HTML pages."""

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[..., Any]) -> Response:
        response: Response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        is_html = response.headers.get("content-type", "").startswith("text/html")
        if is_html and not request.url.path.startswith(DOCS_PATHS):
            response.headers.setdefault("Content-Security-Policy", PAGE_CSP)
            response.headers.setdefault("X-Frame-Options", "DENY")
        return response


# ---------------------------------------------------------------- the app


class AppState:
    """The loaded assistant, or why it is not loaded; swapped whole when the programme changes.

    A request takes the assistant once and answers with it, so a swap never cuts one short."""

    def __init__(self, assistant: "Assistant | None") -> None:
        self.assistant = assistant
        self.problem = "" if assistant is not None else "the programme index is still loading"
        self.watcher: IndexWatcher | None = None

    def load(self, settings: Settings) -> None:
        """Load the index once; on failure keep serving and report why on /readyz and /api/*."""
        from assistant.answers.engine import Assistant

        try:
            self.assistant = Assistant.load(settings.index_dir, max_results=settings.max_results)
            self.problem = ""
            if self.watcher is not None:
                self.watcher.mark_seen()
        except AssistantError as exc:
            self.problem = f"the programme index is not loaded: {exc}"
            log.error("%s", self.problem)

    def swap(self, assistant: "Assistant") -> None:
        """Serve this assistant from the next request on (one attribute store: atomic)."""
        self.assistant = assistant
        self.problem = ""

    def require(self) -> "Assistant":
        if self.watcher is not None:
            self.watcher.poll()  # a stat every few seconds; a changed index loads in a thread
        if self.assistant is None:
            raise HTTPException(503, self.problem)
        return self.assistant


def log_question(questions: QuestionLog, message: str, reply: Reply) -> None:
    """Log one chat question after its reply is sent; a failing log never fails the chat."""
    try:
        asks = reply.context.get("asks") if isinstance(reply.context, dict) else None
        questions.record(
            message,
            abstained=reply.abstained,
            asks=[str(a) for a in asks] if isinstance(asks, list) else (),
            cited_ids=[c.session_id for c in reply.citations],
        )
    except Exception as exc:  # the database is down or full: the delegate still got the answer
        log.warning("question not logged: %s", exc)


def get_assistant(request: Request) -> "Assistant":
    """The loaded assistant, or 503 with the reason it is not loaded."""
    state: AppState = request.app.state.assistant_state
    return state.require()


def get_programme(request: Request) -> Programme:
    """The programme records the assistant answers from."""
    return get_assistant(request).programme


ProgrammeDep = Annotated[Programme, Depends(get_programme)]


def create_app(settings: Settings, assistant: "Assistant | None" = None) -> FastAPI:
    """The whole web app; loads the assistant from settings.index_dir at start when not given."""
    from assistant.answers.engine import Assistant
    from assistant.search.embedder import Embedder

    state = AppState(assistant)
    questions = (
        QuestionLog(settings.database_url, settings.log_retention_days)
        if settings.log_questions
        else None
    )

    def serving_embedder() -> Embedder:
        # one model per process: a reload or a programme update reuses the serving one
        return state.assistant.retriever.embedder if state.assistant else Embedder()

    def load(path: Path) -> Assistant:
        return Assistant.load(path, serving_embedder(), settings.max_results)

    watcher = IndexWatcher(settings.index_dir, load, state.swap, settings.index_watch_seconds)
    if settings.index_watch_seconds > 0:
        state.watcher = watcher
    updater = ProgrammeUpdater(watcher, serving_embedder)

    def start_log() -> None:
        if questions is None:
            return
        try:
            questions.start()  # creates the table, drops questions past the retention
        except Exception as exc:
            log.error("the question log is not available: %s", exc)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if state.assistant is None:
            # Off the event loop: loading reads the index and the model (seconds). Uvicorn
            # accepts connections once this returns, so a client that waits for the port
            # finds the assistant ready (or /readyz saying why not).
            await asyncio.to_thread(state.load, settings)
        await asyncio.to_thread(start_log)
        yield
        if questions is not None:
            questions.close()

    app = FastAPI(
        title="Programme assistant",
        summary="Answers delegates' questions from the conference programme, with citations.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.assistant_state = state
    app.state.question_log = questions
    app.state.programme_updater = updater
    add_error_handlers(app)
    add_security_headers(app)
    if settings.rate_limit > 0:
        app.add_middleware(
            RateLimitMiddleware,
            limiter=SlidingWindowLimiter(settings.rate_limit),
            paths=("/api/chat",),
        )
        if settings.organiser_token:
            app.add_middleware(
                RateLimitMiddleware,
                limiter=SlidingWindowLimiter(LOGIN_ATTEMPTS_PER_MINUTE),
                paths=("/organiser/login",),
                noun="login attempts",
            )
    # Added last, so outermost: 429s and errors carry CORS headers the widget can read.
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origin_list,
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type"],
        max_age=600,
    )
    app.mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static")
    env = Environment(loader=FileSystemLoader(WEB_DIR / "templates"), autoescape=True)
    templates = Jinja2Templates(env=env)

    chat_request = create_model(
        "ChatRequest",
        message=(
            str,
            Field(
                min_length=1,
                max_length=settings.max_message_chars,
                description="The delegate's question.",
                examples=["who is speaking about patient safety research?"],
            ),
        ),
        context=(
            dict[str, Any] | None,
            Field(None, description="The previous reply's context, sent back as it came."),
        ),
    )

    @app.post("/api/chat", response_model=ReplyOut, responses=ERROR_RESPONSES, tags=["chat"])
    def chat(
        body: chat_request,  # type: ignore[valid-type]
        request: Request,
        background: BackgroundTasks,
    ) -> dict[str, Any]:
        """Answer one question; send the reply's `context` back with the next message."""
        assistant = get_assistant(request)
        reply = assistant.reply(
            body.message,  # type: ignore[attr-defined]
            context=body.context,  # type: ignore[attr-defined]
            now=assistant.clock(settings.now),
        )
        if questions is not None:
            background.add_task(log_question, questions, body.message, reply)  # type: ignore[attr-defined]
        return reply.to_json()

    @app.get(
        "/api/sessions",
        response_model=list[SessionSummary],
        responses=ERROR_RESPONSES,
        tags=["programme"],
    )
    def list_sessions(
        programme: ProgrammeDep,
        day: Annotated[date | None, Query(description="Only this day, YYYY-MM-DD.")] = None,
        stream: Annotated[str | None, Query(description="Only this stream (any case).")] = None,
        room: Annotated[str | None, Query(description="Only this room (any case).")] = None,
        format: Annotated[str | None, Query(description="Only this format: Workshop.")] = None,
        q: Annotated[
            str | None,
            Query(max_length=200, description="Words that must all occur in title, text, people."),
        ] = None,
    ) -> list[dict[str, Any]]:
        """Session summaries in time order, unscheduled last."""
        zone = written_zone(programme)
        words = fold(q).split() if q else []
        wanted = {"stream": stream, "room": room, "format": format}
        found = []
        for session in in_order(programme.sessions, zone):
            summary = session_summary(session, zone)
            if day is not None and summary["day"] != day:
                continue
            if any(v is not None and fold(summary[k]) != fold(v) for k, v in wanted.items()):
                continue
            if words and not matches(session, words):
                continue
            found.append(summary)
        return found

    @app.get(
        "/api/sessions/{session_id:path}",
        response_model=SessionDetail,
        responses=ERROR_RESPONSES,
        tags=["programme"],
    )
    def get_session(session_id: str, programme: ProgrammeDep) -> dict[str, Any]:
        """One session with its parts, chairs and speakers."""
        return session_detail(find_session(programme, session_id), written_zone(programme))

    @app.get(
        "/api/people",
        response_model=list[ParticipantSummary],
        responses=ERROR_RESPONSES,
        tags=["programme"],
    )
    def list_people(
        programme: ProgrammeDep,
        q: Annotated[
            str | None, Query(max_length=200, description="Words in name or organisation.")
        ] = None,
    ) -> list[dict[str, Any]]:
        """Everyone who chairs or speaks, with the sessions they appear in."""
        words = fold(q).split() if q else []
        people = []
        for participant in programme.people:
            person = participant.person
            text = fold(f"{person.name} {person.organisation} {person.country}")
            if all(w in text for w in words):
                people.append(
                    {
                        **person_json(person),
                        "id": participant.id,
                        "session_ids": list(participant.session_ids),
                    }
                )
        return people

    @app.get(
        "/api/people/{person_id}",
        response_model=ParticipantDetail,
        responses=ERROR_RESPONSES,
        tags=["programme"],
    )
    def get_person(person_id: str, programme: ProgrammeDep) -> dict[str, Any]:
        """One person with every appearance (sessions, capacity, part)."""
        wanted = slug(person_id)
        participant = next((p for p in programme.people if p.id == wanted), None)
        if participant is None:
            raise NotFoundError(f"no person {person_id!r}")
        return participant_detail(participant, programme)

    # Pages and calendars answer HEAD too: link checkers and calendar apps ask before fetching.
    page_methods = ["GET", "HEAD"]

    def ics_response(body: bytes, filename: str) -> Response:
        return Response(
            body,
            media_type="text/calendar; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )

    @app.get(
        "/sessions/{session_id:path}.ics",
        response_class=Response,
        responses={200: {"content": {"text/calendar": {}}}, **ERROR_RESPONSES},
        tags=["calendar"],
    )
    def session_ics(session_id: str, request: Request, programme: ProgrammeDep) -> Response:
        """One session as an iCalendar file."""
        session = find_session(programme, session_id)
        if session.start is None:
            raise NotFoundError(f"session {session.id!r} is not yet scheduled, so has no calendar")
        body = calendar_for(programme, [session], str(request.base_url))
        return ics_response(body, f"{slug(session.id) or 'session'}.ics")

    @app.get(
        "/calendar.ics",
        response_class=Response,
        responses={200: {"content": {"text/calendar": {}}}, **ERROR_RESPONSES},
        tags=["calendar"],
    )
    def several_ics(
        request: Request,
        programme: ProgrammeDep,
        ids: Annotated[
            str, Query(max_length=4000, description="Session ids, comma-separated: B6,A1")
        ],
    ) -> Response:
        """Several sessions as one iCalendar file (unscheduled ones are left out)."""
        wanted = list(dict.fromkeys(i.strip() for i in ids.split(",") if i.strip()))
        if not wanted:
            raise HTTPException(422, "ids: give at least one session id, e.g. ids=B6,A1")
        if len(wanted) > MAX_CALENDAR_IDS:
            raise HTTPException(422, f"ids: at most {MAX_CALENDAR_IDS} sessions at once")
        sessions, unknown = [], []
        for session_id in wanted:
            try:
                sessions.append(find_session(programme, session_id))
            except NotFoundError:
                unknown.append(repr(session_id))
        if unknown:
            raise NotFoundError(f"no session {', '.join(unknown)}")
        sessions = list({s.id: s for s in sessions}.values())  # "B6,b6" is one session
        if all(s.start is None for s in sessions):
            raise NotFoundError("none of these sessions is scheduled yet, so none has a calendar")
        return ics_response(
            calendar_for(programme, sessions, str(request.base_url)), "sessions.ics"
        )

    for path, endpoint in (
        ("/sessions/{session_id:path}.ics", session_ics),
        ("/calendar.ics", several_ics),
    ):
        app.add_api_route(path, endpoint, methods=["HEAD"], include_in_schema=False)

    def widget_tag(request: Request) -> dict[str, str]:
        base = str(request.base_url).rstrip("/")
        return {
            "src": str(request.url_for("static", path="widget.js")),
            "endpoint": base + "/api/chat",
            "title": "Ask the programme",
        }

    @app.api_route("/", methods=page_methods, response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, programme: ProgrammeDep) -> Response:
        """The demo page: the programme by day, with the widget embedded by one script tag."""
        zone = written_zone(programme)
        days: dict[date, list[dict[str, Any]]] = {}
        unscheduled = []
        for session in in_order(programme.sessions, zone):
            summary = session_summary(session, zone)
            if summary["scheduled"]:
                days.setdefault(summary["day"], []).append(summary)
            else:
                unscheduled.append(summary)
        return templates.TemplateResponse(
            request,
            "index.html",
            {
                "programme": programme,
                "days": [(day_name(d), items) for d, items in days.items()],
                "unscheduled": unscheduled,
                "widget": widget_tag(request),
            },
        )

    @app.api_route(
        "/sessions/{session_id:path}",
        methods=page_methods,
        response_class=HTMLResponse,
        include_in_schema=False,
    )
    def session_page(session_id: str, request: Request, programme: ProgrammeDep) -> Response:
        """A session's page: what a citation links to."""
        session = find_session(programme, session_id)
        zone = written_zone(programme)
        return templates.TemplateResponse(
            request,
            "session.html",
            {
                "programme": programme,
                "session": session,
                "summary": session_summary(session, zone),
                "widget": widget_tag(request),
            },
        )

    if settings.organiser_token:
        app.include_router(
            organiser_router(
                settings.organiser_token,
                state.require,
                lambda a: a.clock(settings.now),
                questions,
                updater,
                templates,
            )
        )
    else:
        app.include_router(desk_off_router())

    @app.get("/healthz", response_model=Health, tags=["operations"])
    def healthz() -> dict[str, str]:
        """The process is up (the index may still be loading)."""
        return {"status": "ok"}

    @app.get("/readyz", response_model=Ready, responses=ERROR_RESPONSES, tags=["operations"])
    def readyz(programme: ProgrammeDep) -> dict[str, Any]:
        """The index is loaded and answering: 200 with counts, else 503 with the reason."""
        return {
            "status": "ready",
            "sessions": len(programme.sessions),
            "people": len(programme.people),
            "programme": programme.title,
        }

    return app
