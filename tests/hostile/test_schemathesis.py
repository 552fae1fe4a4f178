"""Schemathesis against /openapi.json: whatever the schema allows a client to send, no 5xx."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

EXAMPLES_PER_OPERATION = 15


def test_no_request_the_schema_allows_is_a_server_error(
    make_client: Callable[..., TestClient],
) -> None:
    client = make_client(rate_limit=0, log_questions=False)
    schema = schemathesis.openapi.from_asgi("/openapi.json", client.app)
    checked = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        @given(case=operation.as_strategy())
        def no_server_error(case: Any) -> None:
            response = case.call()
            where = f"{case.method} {case.formatted_path}"
            assert response.status_code < 500, (where, response.text[:500])
            if response.status_code >= 400 and "json" in response.headers.get("content-type", ""):
                body = response.json()
                assert body["error"]["status"] == response.status_code, where
                assert body["error"]["message"], where

        no_server_error()
        checked.append(f"{operation.method.upper()} {operation.path}")
    assert "POST /api/chat" in checked
    assert len(checked) >= 8, checked
