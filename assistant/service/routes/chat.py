"""POST /api/chat: one question answered (from the answer cache when it can), logged before the
reply is sent."""

# No `from __future__ import annotations`: FastAPI reads endpoint annotations at runtime.

import asyncio
import logging
import time
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from assistant.answers.answer_cache import to_minute
from assistant.answers.engine import Answer, Assistant
from assistant.answers.reply import Reply
from assistant.desk.question_log import QuestionLog
from assistant.service.deps import StateDep
from assistant.service.schemas import ERROR_RESPONSES, ChatIn, ReplyOut, chat_request
from assistant.service.state import ServiceState

log = logging.getLogger(__name__)


def log_question(questions: QuestionLog, message: str, reply: Reply) -> None:
    """Log one chat question; a failing log never fails the chat."""
    try:
        asks = reply.context.get("asks") if isinstance(reply.context, dict) else None
        questions.record(
            message,
            abstained=reply.abstained,
            asks=[str(a) for a in asks] if isinstance(asks, list) else (),
            cited_ids=[c.session_id for c in reply.citations],
        )
    except Exception as exc:  # the database is down or full: the delegate still gets the answer
        log.warning("question not logged: %s", exc)


def answer_and_log(state: ServiceState, assistant: Assistant, question: ChatIn) -> Answer:
    """Work the answer out (or find it cached), share it with the other workers and log the
    question: in an answering thread."""
    answer = assistant.answer(
        question.message, question.context, state.now(assistant), question.agenda
    )
    if state.shared_answers is not None and not answer.cached:
        key = assistant.cache_key(question.message, question.context, question.agenda)
        state.shared_answers.put(assistant.version, key, answer.reply, answer.minute)
    logged(state, question.message, answer.reply)
    return answer


def shared_reply(state: ServiceState, assistant: Assistant, question: ChatIn) -> Reply | None:
    """A reply another worker of this server worked out (kept in this worker's cache too)."""
    if state.shared_answers is None:
        return None
    key = assistant.cache_key(question.message, question.context, question.agenda)
    found = state.shared_answers.get(assistant.version, key, state.now(assistant))
    if found is None:
        return None
    reply, minute = found
    assistant.keep(key, reply, datetime.fromisoformat(minute) if minute else None)
    return reply


def logged(state: ServiceState, message: str, reply: Reply) -> None:
    """Log the question if logging is on, timing the write (it delays the reply)."""
    if state.questions is not None:
        started = time.perf_counter()
        log_question(state.questions, message, reply)
        state.metrics.log_writes.observe(time.perf_counter() - started)


async def worked_out(state: ServiceState, assistant: Assistant, question: ChatIn) -> Answer:
    """The answer, worked out in an answering thread; the same question arriving meanwhile
    (the crowd after a keynote) waits for that answer instead of queueing to work it out again."""
    now = state.now(assistant)
    asked = assistant.cache_key(question.message, question.context, question.agenda)
    key = (assistant, asked, to_minute(now))
    pending = state.pending.get(key)
    if pending is not None:
        shared: Reply | None = await asyncio.shield(pending)
        if shared is not None:
            if state.questions is not None:
                await run_in_threadpool(logged, state, question.message, shared)
            return Answer(shared, True)
        return await state.in_answer_thread(answer_and_log, state, assistant, question)
    future: asyncio.Future[Reply | None] = asyncio.get_running_loop().create_future()
    state.pending[key] = future
    try:
        answer = await state.in_answer_thread(answer_and_log, state, assistant, question)
        future.set_result(answer.reply)
        return answer
    finally:
        del state.pending[key]
        if not future.done():
            future.set_result(None)  # it failed: whoever waits works it out alone


def chat_router(max_message_chars: int) -> APIRouter:
    """The chat route; built per app because the message's length limit is a setting."""
    router = APIRouter(tags=["chat"])
    ChatRequest = chat_request(max_message_chars)

    # exclude_unset: `agenda` goes out only in the replies that change the agenda
    @router.post(
        "/api/chat",
        response_model=ReplyOut,
        response_model_exclude_unset=True,
        responses=ERROR_RESPONSES,
    )
    async def chat(
        body: ChatRequest,  # type: ignore[valid-type]
        state: StateDep,
        request: Request,
    ) -> dict[str, Any]:
        """Answer one question; send the reply's `context` back with the next message."""
        question: ChatIn = body  # the per-app model is a ChatIn: typed from here on
        assistant = state.require()  # here, not a dependency: a bad body is a 422 even then
        # A cached reply goes out from the event loop; a question to work out waits for one of
        # the few answering threads, so a crowd of them never holds up the cached ones.
        remembered = assistant.remembered(
            question.message, question.context, state.now(assistant), question.agenda
        )
        if remembered is None:
            remembered = shared_reply(state, assistant, question)
        if remembered is not None:
            answer = Answer(remembered, True)
            if state.questions is not None:
                await run_in_threadpool(logged, state, question.message, remembered)
        else:
            answer = await worked_out(state, assistant, question)
        reply = answer.reply
        state.metrics.answered(answer.cached, reply.abstained)
        # for the request's log line (request_log.py); the text only if questions are logged
        request.state.cache_hit = answer.cached
        request.state.abstained = reply.abstained
        if state.questions is not None:
            request.state.message = question.message
        # The log row is written by now, before the reply is sent: a replica killed the moment
        # it answers has logged what it answered (a retry elsewhere may log it twice, never 0).
        return reply.to_json()

    return router
