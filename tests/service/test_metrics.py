"""GET /metrics: requests by route and status, latency, answers, cache hits, abstentions and the
index version, in the Prometheus text format."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from assistant.answers.engine import Assistant
from assistant.config import Settings
from assistant.service.app import create_app


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample as (name, sorted labels) -> value."""
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def test_metrics_expose_requests_latency_cache_hits_abstentions_and_the_index(
    seed_index: Path, embedder: Any
) -> None:
    settings = Settings(index_dir=seed_index, now="2025-05-22T13:00", rate_limit=0)
    app = create_app(
        settings.model_copy(update={"log_questions": False}), Assistant.load(seed_index, embedder)
    )
    with TestClient(app) as client:
        for _ in range(2):  # the second from the cache
            client.post("/api/chat", json={"message": "is there anything on sepsis?"})
        client.post("/api/chat", json={"message": "who chairs B6?"})
        client.get("/api/sessions/NOPE")
        version = client.get("/readyz").json()["index_version"]
        response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=")
    got = samples(response.text)
    chat = (("method", "POST"), ("route", "/api/chat"), ("status", "200"))
    assert got[("assistant_http_requests_total", chat)] == 3.0
    missing = (("method", "GET"), ("route", "/api/sessions/{session_id:path}"), ("status", "404"))
    assert got[("assistant_http_requests_total", missing)] == 1.0
    assert got[("assistant_http_request_duration_seconds_count", (("route", "/api/chat"),))] == 3.0
    assert got[("assistant_answers_total", ())] == 3.0
    assert got[("assistant_answer_cache_hits_total", ())] == 1.0
    assert got[("assistant_abstentions_total", ())] == 2.0  # sepsis is not in the seed, twice
    assert got[("assistant_index_info", (("index_version", version),))] == 1.0
