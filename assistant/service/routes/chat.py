"""POST /api/chat: one question answered, logged after the reply is sent."""

# No `from __future__ import annotations`: FastAPI reads endpoint annotations at runtime.

import logging
from typing import Any

from fastapi import APIRouter, BackgroundTasks

from assistant.answers.reply import Reply
from assistant.desk.question_log import QuestionLog
from assistant.service.deps import StateDep
from assistant.service.schemas import ERROR_RESPONSES, ChatIn, ReplyOut, chat_request

log = logging.getLogger(__name__)


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


def chat_router(max_message_chars: int) -> APIRouter:
    """The chat route; built per app because the message's length limit is a setting."""
    router = APIRouter(tags=["chat"])
    ChatRequest = chat_request(max_message_chars)

    @router.post("/api/chat", response_model=ReplyOut, responses=ERROR_RESPONSES)
    def chat(
        body: ChatRequest,  # type: ignore[valid-type]
        state: StateDep,
        background: BackgroundTasks,
    ) -> dict[str, Any]:
        """Answer one question; send the reply's `context` back with the next message."""
        question: ChatIn = body  # the per-app model is a ChatIn: typed from here on
        assistant = state.require()  # here, not a dependency: a bad body is a 422 even then
        reply = assistant.reply(
            question.message, context=question.context, now=state.now(assistant)
        )
        if state.questions is not None:
            background.add_task(log_question, state.questions, question.message, reply)
        return reply.to_json()

    return router
