"""The one object the routes share: the serving assistant and what changes or records it."""

import asyncio
import ctypes
import logging
from collections.abc import Callable, Hashable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import anyio
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, pass_context
from starlette.exceptions import HTTPException

from assistant.config import Settings
from assistant.desk.access import DeskState
from assistant.desk.audit import AuditLog
from assistant.desk.faq_store import FaqDesk, FaqStore
from assistant.desk.lockout import FailureLockout
from assistant.desk.question_log import QuestionLog
from assistant.desk.reloader import IndexWatcher, manifest_signature
from assistant.desk.report import ReportStore
from assistant.desk.sessions import SessionStore
from assistant.desk.updates import ProgrammeUpdater
from assistant.errors import AssistantError
from assistant.service.metrics import Metrics
from assistant.service.shared_answers import ANSWERS_FILE, SharedAnswers

if TYPE_CHECKING:
    from assistant.answers.engine import Assistant
    from assistant.answers.reply import Reply
    from assistant.search.embedder import Embedder

log = logging.getLogger(__name__)

T = TypeVar("T")

WEB_DIR = Path(__file__).resolve().parents[2] / "web"


def page_url_for(public_url: str) -> Callable[..., str]:
    """Templates' url_for: ASSISTANT_PUBLIC_URL + the route's path, or the path alone."""
    base = public_url.rstrip("/")

    @pass_context
    def url_for(context: dict[str, Any], name: str, /, **path_params: Any) -> str:
        request = context["request"]
        path = str(request.app.url_path_for(name, **path_params))
        return (base or request.scope.get("root_path", "")) + path

    return url_for


def return_freed_memory() -> None:
    """Hand the heap pages loading freed back to the system (glibc keeps them otherwise):
    reading the index and warming up leave 10-25 MB free in each worker."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


class ServiceState(DeskState):
    """The loaded assistant, or why it is not loaded; swapped whole when the programme changes.

    A request takes the assistant once and answers with it, so a swap never cuts one short."""

    def __init__(self, settings: Settings, assistant: "Assistant | None" = None) -> None:
        self.settings = settings
        self.assistant = assistant
        self.problem = "" if assistant is not None else "the programme index is still loading"
        self.draining = False  # SIGTERM came: /readyz says so while in-flight answers finish
        self._answering: anyio.CapacityLimiter | None = None  # made in the event loop
        # questions being worked out now -> their reply to come (read and written on the loop)
        self.pending: dict[Hashable, asyncio.Future[Reply | None]] = {}
        self.shared_answers = (  # the cache's second tier, when there are workers to share it
            SharedAnswers(settings.shared_dir / ANSWERS_FILE, settings.answer_cache_size)
            if settings.shared_dir is not None and settings.answer_cache_size > 0
            else None
        )
        self.metrics = Metrics()
        self.questions = (
            QuestionLog(settings.database_url, settings.log_retention_days)
            if settings.log_questions
            else None
        )
        self.report = ReportStore(self.questions) if self.questions is not None else None
        # the desk's logins, in the question log's database so replicas share them
        self.sessions = SessionStore(
            settings.database_url, timedelta(hours=settings.organiser_session_hours)
        )
        self.lockout = FailureLockout()
        self.audit = AuditLog(settings.database_url)  # who did what on the desk
        watcher = IndexWatcher(
            settings.index_dir, self.load_index, self.swap, settings.index_watch_seconds
        )
        self.watcher = watcher if settings.index_watch_seconds > 0 else None
        self.updater = ProgrammeUpdater(watcher, settings.budget, settings.build_memory_mb)
        # the desk's FAQ entries live beside the question log, whether or not it logs
        store = FaqStore(settings.database_url) if settings.desk_on else None
        self.faq = FaqDesk(store, settings.information_desk, settings.index_watch_seconds or 2.0)
        env = Environment(loader=FileSystemLoader(WEB_DIR / "templates"), autoescape=True)
        # set before Jinja2Templates, whose own url_for builds links from the Host header
        env.globals["url_for"] = page_url_for(settings.public_url)
        self.templates = Jinja2Templates(env=env)

    def load(self) -> None:
        """Load the index once and warm it up; on failure keep serving and report why on
        /readyz and /api/*."""
        from assistant.search.embedder import Embedder

        try:
            before = manifest_signature(self.settings.index_dir)  # what is about to be loaded
            # one batch at a time: questions already come in several answering threads
            self.assistant = self.warmed(self.settings.index_dir, Embedder(threads=1))
            self.problem = ""
            if self.watcher is not None:
                self.watcher.mark_seen(before)
        except AssistantError as exc:
            self.problem = f"the programme index is not loaded: {exc}"
            log.error("%s", self.problem)

    def warmed(self, path: Path, embedder: "Embedder") -> "Assistant":
        """An assistant over the index at path that has loaded everything and answered once,
        so its first delegate waits for nothing (ready means ready, before a swap too)."""
        from assistant.answers.engine import Assistant

        settings = self.settings
        assistant = Assistant.load(
            path, embedder, settings.max_results, cache_size=settings.answer_cache_size
        )
        seconds = assistant.warm_up()
        log.info("warmed up %s (%s) in %.2f s", path, assistant.version, seconds)
        return_freed_memory()
        return assistant

    def serving_embedder(self) -> "Embedder":
        """The serving assistant's model: one per process, reused by reloads and updates."""
        from assistant.search.embedder import Embedder

        return self.assistant.retriever.embedder if self.assistant else Embedder()

    def load_index(self, path: Path) -> "Assistant":
        """A warmed-up assistant over the index at path (a rebuilt or uploaded programme)."""
        return self.warmed(path, self.serving_embedder())

    def swap(self, assistant: "Assistant") -> None:
        """Serve this assistant from the next request on (one attribute store: atomic)."""
        self.assistant = assistant
        self.problem = ""
        self.metrics.serving(assistant.version)

    async def in_answer_thread(self, work: Callable[..., T], *args: object) -> T:
        """Run work(*args) in one of the settings.answer_threads threads kept for working
        answers out (one torch thread each; more at once would only share the same cores)."""
        if self._answering is None:
            self._answering = anyio.CapacityLimiter(self.settings.answer_threads)
        return await anyio.to_thread.run_sync(work, *args, limiter=self._answering)

    def start_draining(self) -> None:
        """Stopping: /readyz answers 503 'draining' and replies close their connections."""
        self.draining = True  # called in a signal handler: a flag, nothing that takes a lock

    def require(self) -> "Assistant":
        """The assistant serving now, or 503 with the reason none is loaded."""
        if self.watcher is not None:
            self.watcher.poll()  # a stat every few seconds; a changed index loads in a thread
        assistant = self.assistant
        if assistant is None:
            raise HTTPException(503, self.problem)
        self.faq.apply(assistant)  # the desk's FAQ entries, looked at every few seconds
        return assistant

    def now(self, assistant: "Assistant") -> datetime:
        """The clock questions are answered at: the fixed --now, else the programme's real time."""
        return assistant.clock(self.settings.now)

    def start_log(self) -> None:
        """Open the question log; a database that is down leaves chat working, unlogged."""
        if self.questions is None:
            return
        try:
            self.questions.start()  # creates the table, drops questions past the retention
        except Exception as exc:
            log.error("the question log is not available: %s", exc)

    def close_log(self) -> None:
        """Release the question log's, the sessions', the audit's and the desk's FAQ's connections."""
        if self.questions is not None:
            self.questions.close()
        self.sessions.close()
        self.audit.close()
        self.faq.close()
