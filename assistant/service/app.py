"""The app factory: the shared state, error handlers, middleware, static files and the routers."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from assistant.config import Settings
from assistant.desk import organiser
from assistant.service.draining import drain_on_sigterm
from assistant.service.embedding import EmbedOriginMiddleware
from assistant.service.errors import add_error_handlers
from assistant.service.middleware import add_middleware
from assistant.service.request_log import RequestLogMiddleware
from assistant.service.routes import calendars, docs, faq, health, metrics, pages, sessions
from assistant.service.routes.chat import chat_router
from assistant.service.state import WEB_DIR, ServiceState

if TYPE_CHECKING:
    from assistant.answers.engine import Assistant


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Load and warm up the index unless given one, open the question log, and drain on
    SIGTERM; close the log at shutdown."""
    state: ServiceState = app.state.service
    if state.assistant is None:
        # Off the event loop: loading reads the index and the model and answers a few
        # questions (seconds). Uvicorn listens once this returns (with several workers, once
        # the first has), so a client that finds the port open finds the assistant warm (or
        # /readyz saying why not).
        await asyncio.to_thread(state.load)
    if state.assistant is not None:
        state.metrics.serving(state.assistant.version)
        state.metrics.workers_ready.set(1)
    await asyncio.to_thread(state.start_log)
    drain_on_sigterm(
        state.start_draining,
        lambda: state.metrics.workers_ready.set(0),
        state.settings.drain_seconds,
    )
    await asyncio.to_thread(state.updater.recover)  # sweep crashed builds, report a lost update
    yield
    state.close_log()
    state.metrics.worker_stopped()


def create_app(settings: Settings, assistant: "Assistant | None" = None) -> FastAPI:
    """The whole web app; loads the assistant from settings.index_dir at start when not given."""
    app = FastAPI(
        title="Programme assistant",
        summary="Answers delegates' questions from the conference programme, with citations.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # routes/docs.py serves Swagger UI from vendored files instead
        redoc_url=None,
    )
    app.state.service = ServiceState(settings, assistant)
    add_error_handlers(app)
    add_middleware(app, settings)
    # Outermost, before CORS: a site not allowed to embed is told so, in words its widget reads.
    app.add_middleware(
        EmbedOriginMiddleware, allowed=settings.cors_origin_list, paths=["/api/chat"]
    )
    # Added last, so outermost: it times and counts every response, 429s and errors included.
    app.add_middleware(RequestLogMiddleware, state=app.state.service)
    app.mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static")
    # Order matters: "/sessions/{id}.ics" must be tried before the page "/sessions/{id}".
    app.include_router(chat_router(settings.max_message_chars))
    app.include_router(sessions.router)
    app.include_router(calendars.router)
    app.include_router(pages.router)
    app.include_router(faq.router)
    app.include_router(organiser.router if settings.desk_on else organiser.desk_off_router)
    app.include_router(health.router)
    app.include_router(metrics.router)
    if settings.api_docs:
        app.include_router(docs.router)
    return app
