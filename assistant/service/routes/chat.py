"""POST /api/chat: one question answered (from the answer cache when it can), logged before the
reply is sent."""

# No `from __future__ import annotations`: FastAPI reads endpoint annotations at runtime.

import logging
import time
from typing import Any

from fastapi import APIRouter, Request

from assistant.answers.reply import Reply
from assistant.desk.question_log import QuestionLog
from assistant.service.deps import StateDep
from assistant.service.schemas import ERROR_RESPONSES, ChatIn, ReplyOut, chat_request

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


def chat_router(max_message_chars: int) -> APIRouter:
    """The chat route; built per app because the message's length limit is a setting."""
    router = APIRouter(tags=["chat"])
    ChatRequest = chat_request(max_message_chars)

    @router.post("/api/chat", response_model=ReplyOut, responses=ERROR_RESPONSES)
    def chat(
        body: ChatRequest,  # type: ignore[valid-type]
        state: StateDep,
        request: Request,
    ) -> dict[str, Any]:
        """Answer one question; send the reply's `context` back with the next message."""
        question: ChatIn = body  # the per-app model is a ChatIn: typed from here on
        assistant = state.require()  # here, not a dependency: a bad body is a 422 even then
        answer = assistant.answer(
            question.message, context=question.context, now=state.now(assistant)
        )
        reply = answer.reply
        state.metrics.answered(answer.cached, reply.abstained)
        # for the request's log line (request_log.py); the text only if questions are logged
        request.state.cache_hit = answer.cached
        request.state.abstained = reply.abstained
        if state.questions is not None:
            request.state.message = question.message
            # Before the reply is sent, not after: a replica killed the moment it answers has
            # logged what it answered (a retry elsewhere may log it twice, never zero times).
            started = time.perf_counter()
            log_question(state.questions, question.message, reply)
            state.metrics.log_writes.observe(time.perf_counter() - started)
        return reply.to_json()

    return router
