"""GET /metrics: the Prometheus text format, every worker's values added up."""

# No `from __future__ import annotations`: FastAPI reads endpoint annotations at runtime.

from fastapi import APIRouter
from fastapi.responses import Response

from assistant.service.deps import StateDep
from assistant.service.metrics import CONTENT_TYPE

router = APIRouter(tags=["operations"])


@router.get("/metrics", response_class=Response)
def metrics(state: StateDep) -> Response:
    """Requests, latency, answers, cache hits, abstentions and the index version served."""
    return Response(state.metrics.exposition(), media_type=CONTENT_TYPE)
