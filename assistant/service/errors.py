"""Every error a route meets, mapped to its status and the one JSON error shape."""

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from assistant.errors import AssistantError, IndexFolderError, NotFoundError

log = logging.getLogger(__name__)

# The core's errors by status, most specific first; any other AssistantError is the input's fault.
CORE_STATUS: tuple[tuple[type[AssistantError], int], ...] = (
    (NotFoundError, 404),
    (IndexFolderError, 503),
    (AssistantError, 422),
)


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


def http_message(request: Request, exc: HTTPException) -> str:
    """Starlette's bare 'Not Found' and 'Method Not Allowed' made to name the path."""
    message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    if exc.status_code == 404 and message == "Not Found":
        return f"no page at {request.url.path}"
    if exc.status_code == 405:
        return f"{request.method} is not allowed on {request.url.path}"
    return message


async def handle_error(request: Request, exc: Exception) -> JSONResponse:
    """HTTP errors, invalid requests, the core's errors and crashes, each in the one shape."""
    if isinstance(exc, HTTPException):
        return error_response(exc.status_code, http_message(request, exc), dict(exc.headers or {}))
    if isinstance(exc, RequestValidationError):
        return error_response(422, validation_message(exc.errors()))
    if isinstance(exc, AssistantError):
        status = next(code for kind, code in CORE_STATUS if isinstance(exc, kind))
        return error_response(status, str(exc))
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return error_response(500, "internal error: the assistant failed on this request")


def add_error_handlers(app: FastAPI) -> None:
    """Route every error to handle_error (Exception: what no other handler caught, a 500)."""
    for kind in (HTTPException, RequestValidationError, AssistantError, Exception):
        app.add_exception_handler(kind, handle_error)
