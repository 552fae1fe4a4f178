"""The plain pipeline (bench/plain_pipeline.py) served the way the assistant is: FastAPI on
uvicorn, the same number of workers, POST /api/chat -> the top sessions' ids and titles.

`python -m bench.plain_server --index DIR --port P --workers N`; each worker builds its app from
PLAIN_INDEX (app_from_environment), loads the model and answers one question before it listens."""

from __future__ import annotations

import argparse
import os
from typing import Any

import uvicorn
from fastapi import FastAPI
from pydantic import BaseModel, Field

from assistant.search.embedder import Embedder
from assistant.search.store import load_index
from bench.plain_pipeline import PlainPipeline

INDEX_VARIABLE = "PLAIN_INDEX"
READY_LINE = "plain worker ready"


class Question(BaseModel):
    message: str = Field(min_length=1, max_length=1000)
    context: dict[str, Any] | None = None


def app_from_environment() -> FastAPI:
    """One worker's app over the index named by PLAIN_INDEX."""
    index = load_index(os.environ[INDEX_VARIABLE])
    pipeline = PlainPipeline(index.chunks, index.vectors, Embedder(threads=1))
    pipeline.ask("warm-up")  # the model loads before the worker listens, as the assistant's
    print(f"{READY_LINE} {os.getpid()}", flush=True)  # the bench counts these
    titles = {s.id: s.title for s in index.programme.sessions}
    app = FastAPI()

    @app.post("/api/chat")
    def chat(question: Question) -> dict[str, Any]:
        ids = pipeline.ask(question.message)
        return {"sessions": [{"session_id": i, "title": titles.get(i, "")} for i in ids]}

    @app.get("/readyz")
    def readyz() -> dict[str, str]:
        return {"status": "ready"}

    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    os.environ[INDEX_VARIABLE] = args.index
    uvicorn.run(
        "bench.plain_server:app_from_environment",
        factory=True,
        host="127.0.0.1",
        port=args.port,
        workers=args.workers,
        log_level="warning",
        access_log=False,
        timeout_worker_healthcheck=60,
    )


if __name__ == "__main__":
    main()
