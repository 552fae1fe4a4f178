"""The app factory: the shared state, error handlers, middleware, static files and the routers."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from assistant.config import Settings
from assistant.desk import organiser
from assistant.service.embedding import EmbedOriginMiddleware
from assistant.service.errors import add_error_handlers
from assistant.service.middleware import add_middleware
from assistant.service.routes import calendars, health, pages, sessions
from assistant.service.routes.chat import chat_router
from assistant.service.state import WEB_DIR, ServiceState

if TYPE_CHECKING:
    from assistant.answers.engine import Assistant


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Load the index unless given one and open the question log; close it at shutdown."""
    state: ServiceState = app.state.service
    if state.assistant is None:
        # Off the event loop: loading reads the index and the model (seconds). Uvicorn accepts
        # connections once this returns, so a client that waits for the port finds the
        # assistant ready (or /readyz saying why not).
        await asyncio.to_thread(state.load)
    await asyncio.to_thread(state.start_log)
    yield
    state.close_log()


def create_app(settings: Settings, assistant: "Assistant | None" = None) -> FastAPI:
    """The whole web app; loads the assistant from settings.index_dir at start when not given."""
    app = FastAPI(
        title="Programme assistant",
        summary="Answers delegates' questions from the conference programme, with citations.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.service = ServiceState(settings, assistant)
    add_error_handlers(app)
    add_middleware(app, settings)
    # Outermost, before CORS: a site not allowed to embed is told so, in words its widget reads.
    app.add_middleware(
        EmbedOriginMiddleware, allowed=settings.cors_origin_list, paths=["/api/chat"]
    )
    app.mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static")
    # Order matters: "/sessions/{id}.ics" must be tried before the page "/sessions/{id}".
    app.include_router(chat_router(settings.max_message_chars))
    app.include_router(sessions.router)
    app.include_router(calendars.router)
    app.include_router(pages.router)
    app.include_router(organiser.router if settings.organiser_token else organiser.desk_off_router)
    app.include_router(health.router)
    return app
